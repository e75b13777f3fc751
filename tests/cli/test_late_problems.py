"""A story whose sections have problems: the reader opens, then closes with them, status 2.

The reader reads a story's timeline, quotes, eras and places after its
first frame (``tui.story.loader.open_story``). When they have problems, the
reader closes, gives the terminal back, and tells them one per line, like
any bad file's, with exit status 2; never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.hostile.ptyrun import ALT_SCREEN_ON, Terminal, rawi_command, terminal_lines
from tests.stories import BIRTH_EVENT, VALID

#: the same event in the year 0: a problem of the timeline alone
BAD_EVENT = BIRTH_EVENT.replace("year = 1974", "year = 0")


def test_problems_in_the_sections_are_told_after_the_reader_closes(tmp_path: Path) -> None:
    story = tmp_path / "story.toml"
    story.write_text(VALID + BAD_EVENT, encoding="utf-8")
    with Terminal(rawi_command(str(story)), tmp_path / "state") as terminal:
        terminal.wait_for(ALT_SCREEN_ON)
        status = terminal.wait()
        output = terminal.output
    assert status == 2
    assert b"Traceback" not in output
    # After the screen was given back: the last line is the problem.
    after = output[output.rindex(b"\x1b[?1049l") :]
    lines = terminal_lines(re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", after))
    assert any(
        line.startswith(f"{story}:15: timeline[1].year: expected a year from 1 to 9999")
        for line in lines
    ), lines
    # Nothing was kept: the next opening checks the file again.
    assert not list((tmp_path / "state" / "cache").glob("*.story"))


def test_print_mode_tells_the_same_problems_before_printing(tmp_path: Path) -> None:
    from tests.hostile.ptyrun import run_to_end

    story = tmp_path / "story.toml"
    story.write_text(VALID + BAD_EVENT, encoding="utf-8")
    status, output, _ = run_to_end(rawi_command("--print", str(story)), tmp_path / "state")
    assert status == 2
    assert f"{story}:15: timeline[1].year: expected a year from 1 to 9999".encode() in output


def test_at_an_id_among_bad_sections_tells_their_problems_first(tmp_path: Path) -> None:
    from tests.hostile.ptyrun import run_to_end

    story = tmp_path / "story.toml"
    story.write_text(VALID + BAD_EVENT, encoding="utf-8")
    for target in ("born", "nowhere"):
        status, output, _ = run_to_end(rawi_command("--at", target, str(story)), tmp_path / "state")
        assert status == 2
        assert ALT_SCREEN_ON not in output  # told before any screen
        assert b"timeline[1].year: expected a year from 1 to 9999" in output
        assert b"--at" not in output
