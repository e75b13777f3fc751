"""Hostile conditions around the reader: redirected streams, every fatal signal, Ctrl+Z.

Under a real pseudo-terminal: with stdin at end of file the reader reads its
keys from the terminal; with stdout or stderr sent to a file the interface is
drawn on the terminal and nothing of it goes into the file; without a
terminal it refuses in one line. SIGHUP, SIGQUIT, SIGUSR1 and SIGUSR2 give
the terminal back as SIGTERM does, and every way out saves the position.
Ctrl+Z gives the terminal back in implicit BiDi mode; ``fg`` takes it again
and redraws at once.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.hostile.ptyrun import (
    ALT_SCREEN_OFF,
    ALT_SCREEN_ON,
    BDSM_EXPLICIT,
    BDSM_IMPLICIT,
    DEFAULT_TIMEOUT,
    REPO,
    Terminal,
    python_command,
    rawi_command,
    run_to_end,
    terminal_lines,
    visible_text,
)
from tests.hostile.test_hostile_terminal import CRASH_SCRIPT, CRASHES, assert_restored, open_reader
from tui.locations import default_story
from tui.story import Paragraph, load_story


def wait_drawn(terminal: Terminal, rows: int = 24) -> int:
    """Wait for the first frame (its footer on the last row); where it starts."""
    start = terminal.wait_for(ALT_SCREEN_ON)
    terminal.wait_for(f"\x1b[{rows};".encode(), after=start)
    return start


# -- redirected streams --------------------------------------------------------------


def test_stdin_at_end_of_file_reads_keys_from_the_terminal(tmp_path: Path) -> None:
    # `rawi < /dev/null` spun at 100% CPU and "q" did nothing.
    with Terminal(rawi_command(), tmp_path / "state", stdin=Path(os.devnull)) as terminal:
        wait_drawn(terminal)
        terminal.send(b"q")
        assert terminal.wait() == 0
        assert_restored(terminal.output)


def test_stderr_to_a_file_draws_on_the_terminal(tmp_path: Path) -> None:
    errors = tmp_path / "err.txt"
    with Terminal(rawi_command(), tmp_path / "state", stderr=errors) as terminal:
        wait_drawn(terminal)
        terminal.send(b"q")
        assert terminal.wait() == 0
        assert_restored(terminal.output)
    assert errors.read_bytes() == b""


def test_stdout_to_a_file_gets_nothing_of_the_interface(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with Terminal(rawi_command(), tmp_path / "state", stdout=out) as terminal:
        wait_drawn(terminal)
        terminal.send(b"q")
        assert terminal.wait() == 0
        assert_restored(terminal.output)
    assert out.read_bytes() == b""


def test_a_crash_report_goes_where_stderr_was_sent(tmp_path: Path) -> None:
    state = tmp_path / "state"
    errors = tmp_path / "err.txt"
    script = CRASH_SCRIPT.format(patch=CRASHES["mounting the app"], argv=[])
    with Terminal(python_command(script), state, stderr=errors) as terminal:
        assert terminal.wait() == 1
        assert b"unexpected error" not in terminal.output
    lines = errors.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("rawi: unexpected error: RuntimeError")
    assert "\x1b" not in lines[0]


def test_no_terminal_at_all_is_one_line(tmp_path: Path) -> None:
    # A new session has no controlling terminal: /dev/tty cannot be opened.
    environment = {**os.environ, "RAWI_STATE_DIR": str(tmp_path / "state")}
    result = subprocess.run(
        rawi_command(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        cwd=REPO,
        env=environment,
        start_new_session=True,
        timeout=DEFAULT_TIMEOUT,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().splitlines() == [
        "rawi: the reader needs a terminal; to print the story as text, use rawi --print"
    ]


# -- fatal signals ---------------------------------------------------------------------

FATAL = [signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2]


@pytest.mark.parametrize("number", FATAL, ids=[signal.Signals(n).name for n in FATAL])
def test_fatal_signals_restore_the_terminal(tmp_path: Path, number: int) -> None:
    with open_reader(tmp_path / "state") as terminal:
        terminal.signal(number)
        assert terminal.wait() == 128 + number
        output = terminal.output
        assert b"core dumped" not in output.lower()
        assert_restored(output)


#: the status bar as drawn in visual order: "٪13 · 6 من 1 الفصل" (share read, chapters,
#: chapter), its Arabic words shaped
STATUS = re.compile(r"[%٪]([0-9]+) · ([0-9]+) \S+ ([0-9]+) ")


def go_to_chapter_3(terminal: Terminal) -> None:
    """Press 3 and wait until the reader's new position is known to the app.

    The chapter number changes at once; the share read changes with the
    position the app saves. Any place in chapter 1 is less than chapter 1's
    share of the story; chapter 3 starts after chapters 1 and 2: a share
    above chapter 1's, shown with chapter 3, means the position has moved.
    """
    story = load_story(default_story())
    weights = [
        sum(len(block.text) for block in chapter.blocks if isinstance(block, Paragraph))
        for chapter in story.chapters
    ]
    in_chapter_1 = 100 * weights[0] / sum(weights)
    mark = len(terminal.output)
    terminal.send(b"3")

    def moved(out: bytes) -> bool:
        return any(
            found.group(3) == "3" and int(found.group(1)) > in_chapter_1 + 1
            for found in STATUS.finditer(visible_text(out[mark:]))
        )

    terminal.wait_until(moved, "chapter 3 and its share read in the status bar")


def saved_positions(state: Path) -> dict[str, object]:
    path = state / "positions.json"
    if not path.exists():
        return {}
    stories = json.loads(path.read_text(encoding="utf-8"))["stories"]
    assert isinstance(stories, dict)
    return stories


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_right_after_moving_saves_the_position(tmp_path: Path, number: int) -> None:
    # The save waits half a second after a move (one write per burst of keys);
    # a signal within that half second used to lose the move.
    state = tmp_path / "state"
    with open_reader(state) as terminal:
        go_to_chapter_3(terminal)
        terminal.signal(number)
        assert terminal.wait() == 128 + number
    (entry,) = saved_positions(state).values()
    assert isinstance(entry, dict)
    assert entry["chapter"] == 2


# -- Ctrl+Z ------------------------------------------------------------------------------


def process_state(pid: int) -> str:
    """The state letter of ``pid`` in /proc (T: stopped)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0]


def wait_state(pid: int, wanted: str) -> None:
    deadline = time.monotonic() + DEFAULT_TIMEOUT
    while process_state(pid) != wanted:
        assert time.monotonic() < deadline, f"process never reached state {wanted}"
        time.sleep(0.05)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_z_suspends_in_implicit_mode_and_fg_redraws(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with open_reader(state) as terminal:
        go_to_chapter_3(terminal)
        mark = len(terminal.output)
        terminal.send(b"\x1a")
        wait_state(terminal.process.pid, "T")
        # A suspended reader may never come back: the position is already saved.
        (entry,) = saved_positions(state).values()
        assert isinstance(entry, dict)
        assert entry["chapter"] == 2
        terminal.wait_for(ALT_SCREEN_OFF, after=mark)
        suspended = terminal.wait_for(BDSM_IMPLICIT, after=mark)
        terminal.signal(signal.SIGCONT)  # what the shell's fg sends
        back = terminal.wait_for(ALT_SCREEN_ON, after=suspended)
        terminal.wait_for(BDSM_EXPLICIT, after=suspended)
        # Redrawn without a key: the footer is painted on the last row again.
        terminal.wait_for(b"\x1b[24;", after=back)
        terminal.send(b"q")
        assert terminal.wait() == 0
        output = terminal.output
        assert output.rindex(BDSM_IMPLICIT) > output.rindex(ALT_SCREEN_OFF)
        assert output.rindex(ALT_SCREEN_OFF) > output.rindex(ALT_SCREEN_ON)


# -- the crash log ---------------------------------------------------------------------------


def crash(state: Path) -> str:
    """Make the app crash with ``state`` as its state folder; the one line it reports."""
    script = CRASH_SCRIPT.format(patch=CRASHES["mounting the app"], argv=[])
    status, output, _ = run_to_end(python_command(script), state)
    assert status == 1
    (line,) = [
        line.strip()
        for line in terminal_lines(visible_text(output).encode())
        if "unexpected error" in line
    ]
    return line


def test_a_symlink_at_the_crash_log_redirects_nothing(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (state / "crash.log").symlink_to(victim)
    line = crash(state)
    assert line.endswith(f"(details in {state / 'crash.log'})")
    assert victim.read_text(encoding="utf-8") == "precious"
    log = state / "crash.log"
    assert not log.is_symlink()
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")
    assert [p.name for p in state.iterdir() if p.name.startswith("rawi-crash.")] == []


def test_without_a_state_folder_the_crash_log_has_a_new_name(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    line = crash(blocker / "state")
    log = Path(line.rsplit("(details in ", 1)[1].rstrip(")"))
    try:
        assert log.parent == Path(tempfile.gettempdir())
        assert log.name.startswith("rawi-crash.")
        assert log.name != "crash.log"
        assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")
    finally:
        log.unlink()
