"""The terminal is given back as it was found, whatever ends the app; any size is survived.

Rawi runs under a real pseudo-terminal. On quit (q, Ctrl+Q, Ctrl+C), SIGINT,
SIGTERM and an unexpected exception, the bytes it wrote must switch BiDi
mode to explicit (``ESC [ 8 l``) before the alternate screen opens, and back
to implicit (``ESC [ 8 h``) after it is left, with the modes Textual set
reset. A crash
is one line naming a log that holds the traceback; no traceback reaches the
terminal. Window sizes from 10x5 to 400x120, changed rapidly, never crash.
"""

from __future__ import annotations

import re
import signal
from pathlib import Path

import pytest

from tests.hostile.ptyrun import (
    ALT_SCREEN_OFF,
    ALT_SCREEN_ON,
    BDSM_EXPLICIT,
    BDSM_IMPLICIT,
    Terminal,
    python_command,
    rawi_command,
    run_to_end,
    terminal_lines,
    visible_text,
)

# "صغيرة" (too small) as the too-small notice must show it in visual mode, written
# out from the Unicode names: TEH MARBUTA ISOLATED, REH FINAL, YEH MEDIAL, GHAIN
# MEDIAL, SAD INITIAL.
TOO_SMALL_SHAPED = "\ufe93\ufeae\ufef4\ufed0\ufebb".encode()

# Private modes Textual turns on, each of which must be off again at the end:
# mouse reporting, focus events, bracketed paste.
PRIVATE_MODES = (b"?1000", b"?1003", b"?1006", b"?1015", b"?1004", b"?2004")


def assert_restored(output: bytes) -> None:
    """BDSM explicit before the alt screen, implicit after it; the screen and modes given back."""
    assert b"Traceback" not in output
    assert output.count(BDSM_EXPLICIT) == 1
    assert ALT_SCREEN_ON in output
    assert output.index(BDSM_EXPLICIT) < output.index(ALT_SCREEN_ON)
    assert ALT_SCREEN_OFF in output, "the alternate screen was never left"
    assert output.rindex(ALT_SCREEN_OFF) > output.rindex(ALT_SCREEN_ON)
    assert BDSM_IMPLICIT in output, "BiDi mode was never set back to implicit"
    assert output.rindex(BDSM_IMPLICIT) > output.rindex(ALT_SCREEN_OFF)
    after = output[output.rindex(ALT_SCREEN_OFF) :]
    assert b"\x1b[?25h" in after, "the cursor was left hidden"
    for mode in PRIVATE_MODES:
        if b"\x1b[" + mode + b"h" in output:
            assert output.rindex(b"\x1b[" + mode + b"l") > output.rindex(b"\x1b[" + mode + b"h")
    # Nothing is drawn after the terminal was given back, but a closing line.
    tail = after[after.index(BDSM_IMPLICIT) + len(BDSM_IMPLICIT) :]
    assert tail.strip() == b"", tail


def open_reader(state: Path, size: tuple[int, int] = (80, 24)) -> Terminal:
    """The reader on the bundled story, drawn once (its footer is on the last row)."""
    terminal = Terminal(rawi_command(), state, size=size)
    start = terminal.wait_for(ALT_SCREEN_ON)
    terminal.wait_for(f"\x1b[{size[1]};".encode(), after=start)
    return terminal


def test_quit_restores_the_terminal(tmp_path: Path) -> None:
    with open_reader(tmp_path / "state") as terminal:
        terminal.send(b"q")
        assert terminal.wait() == 0
        assert_restored(terminal.output)


def test_ctrl_q_restores_the_terminal(tmp_path: Path) -> None:
    with open_reader(tmp_path / "state") as terminal:
        terminal.send(b"\x11")
        assert terminal.wait() == 0
        assert_restored(terminal.output)


def test_ctrl_c_restores_the_terminal(tmp_path: Path) -> None:
    # The terminal is in raw mode: Ctrl+C arrives as a key, not as SIGINT, and Rawi
    # binds it to quit (Textual alone would only show a "press ctrl+q" notice).
    with open_reader(tmp_path / "state") as terminal:
        terminal.send(b"\x03")
        assert terminal.wait() == 0
        assert_restored(terminal.output)


def test_sigint_restores_the_terminal(tmp_path: Path) -> None:
    # What Ctrl+C sends when the terminal is not in raw mode, or `kill -INT`.
    with open_reader(tmp_path / "state") as terminal:
        terminal.signal(signal.SIGINT)
        assert terminal.wait() in (0, 130)
        assert_restored(terminal.output)


@pytest.mark.parametrize("attempt", [1, 2])
@pytest.mark.parametrize("moment", ["first frame", "painted", "typing", "resizing"])
def test_sigterm_restores_the_terminal(tmp_path: Path, moment: str, attempt: int) -> None:
    # SIGTERM arrives whenever the system decides: try it at several moments, twice
    # each (where it lands in Textual's loop varies from run to run).
    with Terminal(rawi_command(), tmp_path / "state") as terminal:
        start = terminal.wait_for(ALT_SCREEN_ON)
        if moment != "first frame":
            terminal.wait_for(b"\x1b[24;", after=start)
        if moment == "typing":
            terminal.send(b"nnpt")
        elif moment == "resizing":
            terminal.resize(100, 30)
            terminal.resize(60, 20)
        terminal.signal(signal.SIGTERM)
        assert terminal.wait() == 128 + signal.SIGTERM
        output = terminal.output
        assert b"Task exception was never retrieved" not in output
        assert b"SystemExit" not in output
        assert_restored(output)


# -- an unexpected exception --------------------------------------------------------

CRASH_SCRIPT = """\
import sys
import tui.cli
{patch}
raise SystemExit(tui.cli.main({argv!r}))
"""

#: where the crash is made to happen: a patch of the code, run before Rawi starts
CRASHES = {
    "drawing the reader": (
        "from tui.widgets.reader import StoryReader\n"
        "def render_line(self, y):\n"
        "    raise RuntimeError('the reader broke on purpose')\n"
        "StoryReader.render_line = render_line\n"
    ),
    "mounting the app": (
        "from tui.app import RawiApp\n"
        "def on_mount(self):\n"
        "    raise RuntimeError('the app broke on purpose')\n"
        "RawiApp.on_mount = on_mount\n"
    ),
    "building the app": (
        "from tui.app import RawiApp\n"
        "def __init__(self, *args, **kwargs):\n"
        "    raise RuntimeError('the app broke on purpose')\n"
        "RawiApp.__init__ = __init__\n"
    ),
}

UNEXPECTED = re.compile(r"rawi: unexpected error: RuntimeError: .* \(details in (?P<log>.+)\)")


def assert_reported(output: bytes, state: Path) -> None:
    """One line about the crash, naming a log that exists and holds the traceback."""
    lines = [line.strip() for line in terminal_lines(visible_text(output).encode())]
    # The line follows the sequences that leave the alternate screen; what was
    # drawn on the last row before them is not part of it.
    marker = "rawi: unexpected error:"
    reports = [line[line.index(marker) :] for line in lines if marker in line]
    assert len(reports) == 1, lines[-5:]
    match = UNEXPECTED.fullmatch(reports[0])
    assert match, f"not one line with the log's path: {reports[0]!r}"
    log = Path(match["log"])
    assert log == state / "crash.log"
    details = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in details
    assert "RuntimeError: " in details
    assert b"Traceback" not in output
    assert b'File "' not in output


@pytest.mark.parametrize("where", list(CRASHES))
def test_unexpected_exception_in_the_app(tmp_path: Path, where: str) -> None:
    state = tmp_path / "state"
    script = CRASH_SCRIPT.format(patch=CRASHES[where], argv=[])
    status, output, _ = run_to_end(python_command(script), state)
    assert status == 1
    assert_reported(output, state)
    if ALT_SCREEN_ON in output:
        assert_restored_after_crash(output)


@pytest.mark.parametrize("where", ["drawing the reader", "building the app"])
def test_unexpected_exception_with_escapes_in_its_message(tmp_path: Path, where: str) -> None:
    # An exception's message can quote content (a key, a value from the file): the
    # one line about it must not carry an escape sequence to the terminal.
    state = tmp_path / "state"
    patch = CRASHES[where].replace("on purpose", "on purpose \\x1b]0;pwned\\x07\\x1b[2J")
    status, output, _ = run_to_end(python_command(CRASH_SCRIPT.format(patch=patch, argv=[])), state)
    assert status == 1
    assert b"\x1b]0;pwned" not in output
    assert b"\x1b[2J" not in output
    assert "pwned" in (state / "crash.log").read_text(encoding="utf-8")


def test_unexpected_exception_after_a_key(tmp_path: Path) -> None:
    # A crash while the reader is in use, in a key's action.
    state = tmp_path / "state"
    patch = (
        "from tui.screens.reading import ReaderScreen\n"
        "def action_next(self):\n"
        "    raise RuntimeError('the next key broke on purpose')\n"
        "ReaderScreen.action_next = action_next\n"
    )
    script = CRASH_SCRIPT.format(patch=patch, argv=[])
    with Terminal(python_command(script), state) as terminal:
        start = terminal.wait_for(ALT_SCREEN_ON)
        terminal.wait_for(b"\x1b[24;", after=start)
        terminal.send(b"n")
        assert terminal.wait() == 1
        assert_reported(terminal.output, state)
        assert_restored_after_crash(terminal.output)


def test_unexpected_exception_in_print_mode(tmp_path: Path) -> None:
    state = tmp_path / "state"
    patch = (
        "import tui.printing\n"
        "def render_story(*args, **kwargs):\n"
        "    raise RuntimeError('printing broke on purpose')\n"
        "tui.printing.render_story = render_story\n"
    )
    script = CRASH_SCRIPT.format(patch=patch, argv=["--print"])
    status, output, _ = run_to_end(python_command(script), state)
    assert status == 1
    assert_reported(output, state)


def assert_restored_after_crash(output: bytes) -> None:
    """As ``assert_restored``, except for the report line, which may follow the screen's end."""
    assert output.index(BDSM_EXPLICIT) < output.index(ALT_SCREEN_ON)
    assert output.rindex(ALT_SCREEN_OFF) > output.rindex(ALT_SCREEN_ON)
    assert output.rindex(BDSM_IMPLICIT) > output.rindex(ALT_SCREEN_OFF)
    after = output[output.rindex(ALT_SCREEN_OFF) :]
    assert b"\x1b[?25h" in after
    for mode in PRIVATE_MODES:
        if b"\x1b[" + mode + b"h" in output:
            assert output.rindex(b"\x1b[" + mode + b"l") > output.rindex(b"\x1b[" + mode + b"h")


# -- sizes --------------------------------------------------------------------------

SIZES = [(400, 120), (10, 5), (80, 24), (17, 9), (200, 60)]


def test_too_small_says_so(tmp_path: Path) -> None:
    with Terminal(rawi_command(), tmp_path / "state", size=(10, 5)) as terminal:
        start = terminal.wait_for(ALT_SCREEN_ON)
        terminal.wait_for(TOO_SMALL_SHAPED, after=start)
        terminal.send(b"q")
        assert terminal.wait() == 0
        assert_restored(terminal.output)


def test_rapid_resizes_never_crash(tmp_path: Path) -> None:
    with Terminal(rawi_command(), tmp_path / "state", size=(10, 5)) as terminal:
        start = terminal.wait_for(ALT_SCREEN_ON)
        terminal.wait_for(TOO_SMALL_SHAPED, after=start)
        # A resize reaches the app: at 400x120 the footer is drawn on row 120.
        mark = len(terminal.output)
        terminal.resize(400, 120)
        terminal.wait_for(b"\x1b[120;", after=mark)
        for _ in range(12):
            for columns, rows in SIZES:
                # The last resize is to 200x60: its paint comes after this mark.
                mark = len(terminal.output)
                terminal.resize(columns, rows)
        # Settled at 200x60: the footer is drawn on row 60.
        terminal.wait_for(b"\x1b[60;", after=mark)
        assert terminal.process.poll() is None
        # Too small again, then back to a size to read in.
        mark = len(terminal.output)
        terminal.resize(17, 9)
        terminal.wait_for(TOO_SMALL_SHAPED, after=mark)
        mark = len(terminal.output)
        terminal.resize(80, 24)
        terminal.wait_for(b"\x1b[24;", after=mark)
        terminal.send(b"q")
        assert terminal.wait() == 0
        assert_restored(terminal.output)
