"""The reader keeps the story it loaded, and the next start reads it back."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.ptyrun import ALT_SCREEN_ON, Terminal, rawi_command
from tests.stories import small_story
from tui.rtl import visual_lines

WORD = "الخامسة"
#: put in the kept record by the test: shown only if the record is read
MARKED = "السادسة"


def test_a_story_opened_twice_is_read_back_from_the_cache(tmp_path: Path) -> None:
    story = tmp_path / "story.toml"
    story.write_text(small_story(f"ولد في الساعة {WORD} صباحا."), encoding="utf-8")
    state = tmp_path / "state"
    cache = state / "cache"
    with Terminal(rawi_command(str(story)), state) as terminal:
        start = terminal.wait_for(ALT_SCREEN_ON)
        terminal.wait_for(visual_lines(WORD, 80, "R")[0].encode(), after=start)
        # Kept after the first frame, in a thread: wait for the record.
        terminal.wait_until(lambda _: any(cache.glob("*.story")), "the story kept")
        terminal.send(b"q")
        assert terminal.wait() == 0
    (record,) = cache.glob("*.story")
    data = record.read_bytes()
    assert WORD.encode() in data  # marshal keeps strings as UTF-8
    record.write_bytes(data.replace(WORD.encode(), MARKED.encode()))
    with Terminal(rawi_command(str(story)), state) as terminal:
        start = terminal.wait_for(ALT_SCREEN_ON)
        terminal.wait_for(visual_lines(MARKED, 80, "R")[0].encode(), after=start)
        terminal.send(b"q")
        assert terminal.wait() == 0
        assert b"Traceback" not in terminal.output
