"""Start-up time: from process start to the first painted screen, in a pseudo-terminal.

Each run starts the program in a fresh process on a pseudo-terminal of a
fixed size (``TERM=xterm-256color``) and reads what it writes until a marker
appears; the clock stops there and the process is killed. The clock starts
just before the process is spawned, so Python's own start counts, as it does
for a reader.

The markers: for the minimal Textual app, its one line of text; for ``rawi``,
a word of the first paragraph of the first chapter, as the reader paints it
(in visual order, in Arabic presentation forms), chosen so that no other text
on the first screen (titles, panes, footer) holds it. So the clock stops when
the story itself is on screen, not when the first frame of the app is.
"""

from __future__ import annotations

import compileall
import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from tui.rtl import visual_lines
from tui.story import Image, Story

#: columns and rows of the pseudo-terminal
COLUMNS, ROWS = 120, 40
#: how long a start may take before the run is called broken
TIMEOUT = 60.0

ROOT = Path(__file__).resolve().parent.parent
MINIMAL_APP = Path(__file__).resolve().parent / "minimal_app.py"

_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{4,}")


class StartupError(RuntimeError):
    """The program ended, or took too long, before its marker was painted."""


#: environment variables a measured process does not inherit: Textual's own
#: settings, a forced size or colour mode, and the two that would keep Rawi's
#: modules from their bytecode cache (see ``compile_rawi``)
_NOT_INHERITED = (
    "COLUMNS",
    "LINES",
    "NO_COLOR",
    "PYTHONDONTWRITEBYTECODE",
    "PYTHONPYCACHEPREFIX",
)


def terminal_env(state_dir: Path) -> dict[str, str]:
    """The environment of a measured process: a plain xterm, Rawi's state kept aside."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("TEXTUAL") and key not in _NOT_INHERITED
    }
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        LANG="C.UTF-8",
        RAWI_STATE_DIR=str(state_dir),
        # A fresh state folder is also a fresh story cache: a first opening,
        # unless the story is kept there first (``keep_story``).
        RAWI_CACHE_DIR=str(state_dir / "cache"),
        PYTHONPATH=str(ROOT),
    )
    return env


#: what ``rawi`` does after its first paint, run on its own: load the story and keep it
_KEEP = (
    "import sys; from pathlib import Path; from tui.story import load_story; "
    "from tui.story.cache import cached_story, keep_story; "
    "path = Path(sys.argv[1]); story, key = cached_story(path); "
    "story is None and keep_story(load_story(path), path, key); "
    "sys.exit(cached_story(path)[0] is None)"
)


def keep_story(story_path: Path, env: Mapping[str, str], cwd: Path | None = None) -> None:
    """Keep the story at ``story_path`` in the story cache ``env`` names, as a reader's
    first opening does once its first frame is out (a measured run is stopped at its
    first paint, before it could). Run with ``env``'s Python path: the cache's key
    holds the loader's files."""
    done = subprocess.run([sys.executable, "-c", _KEEP, str(story_path)], env=dict(env), cwd=cwd)
    if done.returncode != 0:
        raise StartupError(f"{story_path}: the story was not kept")


def _other_texts(story: Story) -> list[str]:
    """Texts shown on the first screen besides the first chapter's paragraphs."""
    texts = [story.title, story.title_en or ""]
    for chapter in story.chapters:
        texts += [chapter.title, chapter.title_en or ""]
        texts += [block.caption for block in chapter.blocks if isinstance(block, Image)]
    texts += [event.label for event in story.timeline]
    texts += [quote.text for quote in story.quotes]
    texts += [quote.speaker for quote in story.quotes]
    return texts


def story_marker(story: Story) -> str:
    """A word of the first paragraph, as painted, that nothing else on the first screen holds.

    A word's shaped form depends only on its own letters (Arabic letters do not
    join across a space), so the form laid out alone is the one painted in the line.
    """
    first_chapter = story.chapters[0]
    others = _other_texts(story)
    for paragraph in first_chapter.paragraphs:
        for word in _ARABIC_WORD.findall(paragraph.text):
            if any(word in other for other in others):
                continue
            painted = visual_lines(word, 80, "R")[0]
            if painted != word:  # shaped: only the laid-out story writes this
                return painted
    raise ValueError("no word of the first chapter can serve as a marker")


def time_to_marker(
    argv: Sequence[str],
    marker: str,
    env: Mapping[str, str],
    timeout: float = TIMEOUT,
    cwd: Path | None = None,
) -> float:
    """Seconds from spawning ``argv`` (in ``cwd``) on a pseudo-terminal to ``marker`` in
    its output."""
    wanted = marker.encode("utf-8")
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    output = bytearray()
    start = time.perf_counter()
    process = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=dict(env),
        cwd=cwd,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    try:
        deadline = start + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise StartupError(f"{argv[-1]}: no marker after {timeout:.0f} s")
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the program ended and closed the terminal
                chunk = b""
            if not chunk:
                tail = output[-2000:].decode("utf-8", "replace")
                raise StartupError(f"{argv[-1]}: ended before painting its marker:\n{tail}")
            # Search only the new bytes and the few before them a marker could span.
            seen = max(0, len(output) - len(wanted))
            output += chunk
            if output.find(wanted, seen) >= 0:
                return time.perf_counter() - start
    finally:
        process.kill()
        process.wait()
        os.close(master)


def compile_rawi() -> None:
    """Write the bytecode cache of Rawi's modules, as installing a package does.

    The minimal app's imports (Textual, Rich) were compiled when pip installed
    them; Rawi's, in an editable install, are compiled on the first start and
    cached. Where ``PYTHONDONTWRITEBYTECODE`` is set (as on CI machines) that
    cache is never written, and every start would compile ~50 modules again:
    the comparison would then be of compilers, not of start-ups.
    """
    if not compileall.compile_dir(ROOT / "tui", quiet=1):
        raise StartupError("Rawi's modules do not compile")


def rawi_command(story_path: Path) -> list[str]:
    """``rawi STORY``: the installed command next to this Python, else ``python -m tui``."""
    script = Path(sys.executable).parent / "rawi"
    if script.is_file():
        return [str(script), str(story_path)]
    return [sys.executable, "-m", "tui", str(story_path)]


def minimal_command() -> list[str]:
    """The minimal Textual app."""
    return [sys.executable, str(MINIMAL_APP)]
