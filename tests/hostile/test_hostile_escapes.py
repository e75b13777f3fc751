"""Escape sequences and control characters in a story never reach the terminal.

A story (TOML, with ``\\u001b`` escapes) and a plain-text article (raw bytes)
carry OSC 52, title changes, screen clears, DCS strings, bells and
backspaces in every field that is shown. Every byte Rawi writes to a real
pseudo-terminal is captured, in the app and in print mode (stdout a pipe,
and stdout the terminal itself), and searched for them; the words around
them must still be there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.hostile_content import (
    ARABIC_MARKER,
    ARABIC_MARKER_SHAPED,
    FORBIDDEN_BYTES,
    HOSTILE,
    LATIN_MARKER,
    article_text,
    story_toml,
    toml_basic,
)
from tests.hostile.ptyrun import (
    ALT_SCREEN_OFF,
    ALT_SCREEN_ON,
    BDSM_IMPLICIT,
    STRAY_CONTROLS,
    Terminal,
    escape_sequences,
    python_command,
    rawi_command,
    run_to_end,
    signature,
    visible_text,
)

SIZE = (120, 40)  # wide enough for the side panes: contents, timeline, quotes


def write_story(folder: Path, payload: str) -> Path:
    path = folder / "story.toml"
    path.write_text(story_toml(payload), encoding="utf-8")
    return path


def write_article(folder: Path, payload: str) -> Path:
    # Raw bytes: ESC as 0x1B, and the C1 controls as UTF-8 encodes them (C2 9B ...).
    path = folder / "article.txt"
    path.write_bytes(article_text(payload).encode("utf-8"))
    return path


def run_app(story: Path, state: Path, *args: str) -> bytes:
    """Open ``story`` in the app under a pty, wait for it to be drawn, quit; every byte written."""
    with Terminal(rawi_command(*args, str(story)), state, size=SIZE) as terminal:
        start = terminal.wait_for(ALT_SCREEN_ON)
        # The footer is the last row: once it is drawn, the first frame is complete.
        terminal.wait_for(f"\x1b[{SIZE[1]};".encode(), after=start)
        terminal.send(b"q")
        assert terminal.wait() == 0
        return terminal.output


def assert_harmless(output: bytes) -> None:
    """Nothing in ``output`` that the content could have smuggled to the terminal."""
    for forbidden in FORBIDDEN_BYTES:
        assert forbidden not in output, forbidden
    kinds = {signature(sequence) for sequence in escape_sequences(output)}
    assert not {kind for kind in kinds if kind.split()[0] in ("DCS", "APC", "PM", "SOS")}
    assert not kinds & {"OSC 0", "OSC 1", "OSC 2", "OSC 52", "ESC c", "CSI J"}
    # Outside escape sequences: text, CR and LF; no bell, backspace, lone ESC, C1.
    plain = visible_text(output)
    assert STRAY_CONTROLS.findall(plain) == []
    # And not a byte that is not UTF-8 (a raw 0x9B is CSI to an 8-bit terminal).
    escape_free = output
    for sequence in set(escape_sequences(output)):
        escape_free = escape_free.replace(sequence, b"")
    escape_free.decode("utf-8")


def assert_app_restored(output: bytes) -> None:
    """The content's own ``ESC [ ? 1049 l`` and ``ESC [ 8 h`` did not get through: one of each."""
    assert output.count(ALT_SCREEN_OFF) == 1
    assert output.count(BDSM_IMPLICIT) == 1
    assert output.rindex(BDSM_IMPLICIT) > output.rindex(ALT_SCREEN_OFF)


@pytest.fixture(scope="module")
def clean_app_output(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("clean")
    return run_app(write_story(folder, ""), folder / "state")


def test_the_hostile_text_is_what_it_claims() -> None:
    # The attack must hold what the assertions look for, or they prove nothing.
    raw = HOSTILE.encode("utf-8")
    assert all(forbidden in raw for forbidden in FORBIDDEN_BYTES)
    assert {"OSC 0", "OSC 2", "OSC 52", "DCS", "ESC c", "CSI J"} <= {
        signature(sequence) for sequence in escape_sequences(raw)
    }


def test_the_capture_sees_a_program_that_leaks(tmp_path: Path) -> None:
    # A program that does write the text as it is: every forbidden sequence reaches the
    # captured bytes, and the checks refuse them.
    script = f"import sys; sys.stdout.write({HOSTILE!r}); sys.stdout.flush()"
    status, terminal, _ = run_to_end(python_command(script), tmp_path / "state")
    assert status == 0
    assert [forbidden for forbidden in FORBIDDEN_BYTES if forbidden not in terminal] == []
    with pytest.raises(AssertionError):
        assert_harmless(terminal)


def test_story_escapes_in_the_app(tmp_path: Path, clean_app_output: bytes) -> None:
    output = run_app(write_story(tmp_path, HOSTILE), tmp_path / "state")
    assert_harmless(output)
    assert_app_restored(output)
    # Nothing new reached the terminal: the hostile story's sequences are of the
    # kinds the clean story's are (positions and colours), no others.
    clean = {signature(sequence) for sequence in escape_sequences(clean_app_output)}
    hostile = {signature(sequence) for sequence in escape_sequences(output)}
    assert hostile <= clean, hostile - clean
    plain = visible_text(output)
    assert LATIN_MARKER in plain
    assert ARABIC_MARKER_SHAPED in plain
    # The file held something odd, and the reader can see it: ESC shows as its picture.
    assert "\u241b" in plain


def test_article_escapes_in_the_app(tmp_path: Path, clean_app_output: bytes) -> None:
    output = run_app(write_article(tmp_path, HOSTILE), tmp_path / "state")
    assert_harmless(output)
    assert_app_restored(output)
    clean = {signature(sequence) for sequence in escape_sequences(clean_app_output)}
    hostile = {signature(sequence) for sequence in escape_sequences(output)}
    assert hostile <= clean, hostile - clean
    plain = visible_text(output)
    assert LATIN_MARKER in plain
    assert ARABIC_MARKER_SHAPED in plain
    assert "\u241b" in plain


@pytest.mark.parametrize("bidi", ["visual", "logical"])
@pytest.mark.parametrize("kind", ["story", "article"])
def test_escapes_in_print_mode_to_a_pipe(tmp_path: Path, kind: str, bidi: str) -> None:
    writer = write_story if kind == "story" else write_article
    path = writer(tmp_path, HOSTILE)
    status, terminal, stdout = run_to_end(
        rawi_command("--print", "--bidi", bidi, "--width", "70", str(path)),
        tmp_path / "state",
        stdout_to_pipe=True,
    )
    assert status == 0
    # Print mode writes no escape sequence at all, content or not.
    assert b"\x1b" not in stdout
    assert b"\x1b" not in terminal
    assert_harmless(stdout)
    assert_harmless(terminal)
    text = stdout.decode("utf-8")
    assert LATIN_MARKER in text
    assert (ARABIC_MARKER_SHAPED if bidi == "visual" else ARABIC_MARKER) in text
    assert "\u241b" in text


@pytest.mark.parametrize("kind", ["story", "article"])
def test_escapes_in_print_mode_to_the_terminal(tmp_path: Path, kind: str) -> None:
    writer = write_story if kind == "story" else write_article
    path = writer(tmp_path, HOSTILE)
    status, terminal, _ = run_to_end(rawi_command("--print", str(path)), tmp_path / "state")
    assert status == 0
    assert b"\x1b" not in terminal
    assert_harmless(terminal)
    text = terminal.decode("utf-8")
    assert LATIN_MARKER in text
    assert ARABIC_MARKER_SHAPED in text
    if kind == "story":
        # The notice about the missing article quotes its hostile name, harmlessly.
        assert "gone.txt named by the story was not found" in text


def test_escapes_in_an_error_message(tmp_path: Path) -> None:
    # A bad id is quoted in the message; the file's name is too.
    path = tmp_path / f"{HOSTILE}.toml"
    path.write_text(
        story_toml("").replace('id = "p1"', f"id = {toml_basic(HOSTILE)}"), encoding="utf-8"
    )
    for command in (rawi_command("--print", str(path)), rawi_command(str(path))):
        status, terminal, _ = run_to_end(command, tmp_path / "state")
        assert status == 2
        assert b"\x1b" not in terminal
        assert_harmless(terminal)
        assert "expected an id of ASCII letters" in terminal.decode("utf-8")


def test_escapes_in_a_missing_file_name(tmp_path: Path) -> None:
    path = tmp_path / f"{HOSTILE}.txt"
    status, terminal, _ = run_to_end(rawi_command(str(path)), tmp_path / "state")
    assert status == 2
    assert b"\x1b" not in terminal
    assert_harmless(terminal)
    assert "expected a story file, got nothing" in terminal.decode("utf-8")
