"""``rawi`` under a pty with each terminal's variables: the sequences sent, the text written.

In visual mode Rawi must send the terminal's "stop reordering" sequences
before the alternate screen and the "reorder again" ones after it, and
write shaped presentation forms (U+FB50-U+FEFF); in logical mode it must
send neither BDSM nor any other BiDi switch, and write the story's own
letters in logical order, without the isolates it puts around labels.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.ptyrun import ALT_SCREEN_OFF, ALT_SCREEN_ON, Terminal, rawi_command
from tui.terminal import (
    BDSM_EXPLICIT,
    BDSM_IMPLICIT,
    KONSOLE_BIDI_OFF,
    KONSOLE_BIDI_ON,
    MLTERM_BIDI_OFF,
    MLTERM_BIDI_ON,
)

SIZE = (100, 30)
HEADING_WORDS = "جنود الخفاء".encode()  # the first chapter's title, logical
SWITCHES = (
    BDSM_EXPLICIT,
    BDSM_IMPLICIT,
    KONSOLE_BIDI_OFF,
    MLTERM_BIDI_OFF,
    "\x1b]50;",
    "\x1b]5379;",
)


def run_reader(tmp_path: Path, env: dict[str, str], *args: str) -> bytes:
    with Terminal(rawi_command(*args), tmp_path / "state", size=SIZE, env=env) as terminal:
        start = terminal.wait_for(ALT_SCREEN_ON)
        terminal.wait_for(f"\x1b[{SIZE[1]};".encode(), after=start)
        terminal.send(b"q")
        assert terminal.wait() == 0
        return terminal.output


def presentation_forms(output: bytes) -> int:
    text = output.decode("utf-8", errors="replace")
    return sum("\ufb50" <= char <= "\ufeff" for char in text)


VISUAL = [
    pytest.param({"VTE_VERSION": "7006"}, BDSM_EXPLICIT, BDSM_IMPLICIT, id="vte"),
    pytest.param(
        {"KONSOLE_VERSION": "221203"},
        BDSM_EXPLICIT + KONSOLE_BIDI_OFF,
        KONSOLE_BIDI_ON + BDSM_IMPLICIT,
        id="konsole",
    ),
    pytest.param(
        {"MLTERM": "3.9.0"},
        BDSM_EXPLICIT + MLTERM_BIDI_OFF,
        MLTERM_BIDI_ON + BDSM_IMPLICIT,
        id="mlterm",
    ),
    pytest.param({"XTERM_VERSION": "XTerm(379)"}, BDSM_EXPLICIT, BDSM_IMPLICIT, id="xterm"),
    pytest.param({"TMUX": "/tmp/tmux-0/default,1,0"}, BDSM_EXPLICIT, BDSM_IMPLICIT, id="tmux"),
]


@pytest.mark.parametrize(("env", "start", "end"), VISUAL)
def test_auto_sends_the_terminals_switch_and_shaped_text(
    tmp_path: Path, env: dict[str, str], start: str, end: str
) -> None:
    output = run_reader(tmp_path, env)
    opened, closed = output.index(ALT_SCREEN_ON), output.rindex(ALT_SCREEN_OFF)
    assert output[:opened].endswith(start.encode()) or start.encode() in output[:opened]
    assert end.encode() in output[closed:]
    assert output.count(start.encode()) == 1
    assert presentation_forms(output) > 100, "visual mode writes shaped presentation forms"
    assert HEADING_WORDS not in output


LOGICAL = [
    pytest.param({"TMUX": "/tmp/tmux-0/default,1,0", "VTE_VERSION": "7006"}, (), id="tmux-in-vte"),
    pytest.param({"TMUX": "x", "KONSOLE_VERSION": "221203"}, (), id="tmux-in-konsole"),
    pytest.param({"VTE_VERSION": "7006", "RAWI_BIDI": "logical"}, (), id="vte-RAWI_BIDI"),
    pytest.param({"MLTERM": "3.9.0"}, ("--bidi", "logical"), id="mlterm-option"),
]


@pytest.mark.parametrize(("env", "args"), LOGICAL)
def test_logical_leaves_the_terminals_bidi_on_and_writes_logical_text(
    tmp_path: Path, env: dict[str, str], args: tuple[str, ...]
) -> None:
    output = run_reader(tmp_path, env, *args)
    for switch in SWITCHES:
        assert switch.encode() not in output, switch
    assert presentation_forms(output) == 0
    assert HEADING_WORDS in output
    # The isolates Rawi puts around story text in labels are drawn as boxes
    # by mlterm: logical mode sends none.
    assert "\u2068".encode() not in output
    assert "\u2069".encode() not in output


def test_konsole_hint_on_first_start_only(tmp_path: Path) -> None:
    env = {"KONSOLE_VERSION": "221203"}
    for first in (True, False):
        with Terminal(
            rawi_command("--bidi", "logical", "--lang", "en"),
            tmp_path / "state",
            size=SIZE,
            env=env,
        ) as terminal:
            start = terminal.wait_for(ALT_SCREEN_ON)
            terminal.wait_for(f"\x1b[{SIZE[1]};".encode(), after=start)
            if first:
                terminal.wait_for(b"Bi-Directional", after=start)
            terminal.send(b"q")
            assert terminal.wait() == 0
            assert (b"Bi-Directional" in terminal.output) == first


def test_the_b_key_turns_the_terminals_bidi_on_and_off_again(tmp_path: Path) -> None:
    env = {"KONSOLE_VERSION": "221203"}
    with Terminal(rawi_command(), tmp_path / "state", size=SIZE, env=env) as terminal:
        start = terminal.wait_for(ALT_SCREEN_ON)
        terminal.wait_for(f"\x1b[{SIZE[1]};".encode(), after=start)
        terminal.send(b"b")
        logical = terminal.wait_for((KONSOLE_BIDI_ON + BDSM_IMPLICIT).encode(), after=start)
        terminal.send(b"b")
        terminal.wait_for((BDSM_EXPLICIT + KONSOLE_BIDI_OFF).encode(), after=logical)
        terminal.send(b"q")
        assert terminal.wait() == 0
