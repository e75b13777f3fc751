"""The reader's first frame is made from the first chapter; the rest is read after it.

A story opened with ``open_story`` reads its chapters after the first, its
timeline, quotes, eras and places when first looked at. The reader looks at
them only after its first frame, in a worker thread, then fills the panes and
places "you are here"; a key that needs them before then waits for them.
Problems found in them close the reader with status 2 (told on stderr by
``run_guarded``).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.held_rest import HeldRest, opened_early
from tui.app import RawiApp
from tui.locations import default_story
from tui.state import ResumeStore
from tui.story import load_story
from tui.story.model import Story
from tui.widgets.status import StatusBar


def held_story(*, split: bool = False) -> tuple[Story, Story, HeldRest]:
    whole = load_story(default_story())
    story, late = opened_early(whole, split=split)
    return whole, story, late


async def exit_status(app: RawiApp) -> int | None:
    """Run ``app`` until it exits by itself (or 5 s of pauses go by); its exit status."""
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(500):
            if app.return_code is not None:
                break
            await pilot.pause(0.01)
    return app.return_code


@pytest.mark.parametrize("split", [False, True], ids=["sections", "chapters-and-sections"])
async def test_the_first_frame_is_out_before_the_rest_is_read(tmp_path: Path, split: bool) -> None:
    whole, story, late = held_story(split=split)
    painted = threading.Event()
    late.before = painted
    app = RawiApp(story, state=ResumeStore(tmp_path / "state"), on_first_paint=painted.set)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.wait_for_scheduled_animations()
        for _ in range(200):
            if late.asked.is_set():
                break
            await pilot.pause(0.01)
        assert late.asked.is_set(), "the rest was never read"
        # Asked for after the first paint, never before it.
        assert late.asked_after_paint is True
        side = app.reading.side
        assert not side.filled  # the panes wait for the rest
        status = app.reading.query_one(StatusBar)
        # Counted before the chapters are read.
        assert status.chapters == len(whole.chapters) > 1
        assert story.rest_waiting
        late.release.set()
        for _ in range(500):
            if side.filled and side.timeline.is_mounted:
                break
            await pilot.pause(0.01)
        assert side.filled and side.timeline.is_mounted
        assert side.timeline.story.timeline == whole.timeline
        for _ in range(500):
            if app.reading.here is not None:
                break
            await pilot.pause(0.01)
        assert app.reading.here is not None  # "you are here", once they are read
        assert app.return_code is None
        assert story == whole


async def test_a_key_for_a_later_chapter_waits_for_the_chapters(tmp_path: Path) -> None:
    whole, story, late = held_story(split=True)
    app = RawiApp(story, state=ResumeStore(tmp_path / "state"))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(500):
            if late.asked.is_set():
                break
            await pilot.pause(0.01)
        assert story.rest_waiting
        # Released by a timer: the key below waits on the reading it holds.
        threading.Timer(0.2, late.release.set).start()
        await pilot.press("n")
        for _ in range(500):
            if app.reading.chapter == 1:
                break
            await pilot.pause(0.01)
        assert app.reader.chapter_index == app.reading.chapter == 1
        assert late.readings == 1
        assert story.chapters == whole.chapters


async def test_a_pane_asked_for_early_waits_for_the_sections(tmp_path: Path) -> None:
    whole, story, late = held_story()
    app = RawiApp(story, state=ResumeStore(tmp_path / "state"))
    async with app.run_test(size=(120, 40)) as pilot:
        # Released by a timer: the key below waits on the reading it holds.
        threading.Timer(0.2, late.release.set).start()
        await pilot.press("t")
        await pilot.pause()
        assert app.focused is app.reading.side.timeline
        assert len(app.reading.side.timeline.story.timeline) == len(whole.timeline)
        assert late.readings == 1


async def test_problems_in_the_sections_close_the_reader_with_status_2(tmp_path: Path) -> None:
    from tui.story.errors import Problem, StoryError

    _, story, late = held_story()
    late.error = StoryError([Problem("story.toml", 9, "timeline[1].year", "a year", "0")])
    late.release.set()
    app = RawiApp(story, state=ResumeStore(tmp_path / "state"))
    assert await exit_status(app) == 2
    problems = story.read_rest()
    assert problems is not None and "timeline[1].year" in problems.lines[0]


async def test_sections_read_before_the_first_frame_are_acted_on_after_it(
    tmp_path: Path,
) -> None:
    from tui.story.errors import Problem, StoryError

    _, story, late = held_story()
    late.error = StoryError([Problem("story.toml", 9, "timeline[1].year", "a year", "0")])
    late.release.set()
    assert story.read_rest() is not None  # read (and found bad) before the app runs
    app = RawiApp(story, state=ResumeStore(tmp_path / "state"))
    assert await exit_status(app) == 2


async def test_the_anchors_are_indexed_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On 10,000 events and quotes the index of the anchors takes 80 ms: made
    # in the thread that reads the sections, not on the event loop.
    from tui.journey import here

    threads: list[bool] = []
    made = here.Journey.__init__

    def noted(self: here.Journey, story: Story) -> None:
        threads.append(threading.current_thread() is threading.main_thread())
        made(self, story)

    monkeypatch.setattr(here.Journey, "__init__", noted)
    _, story, late = held_story()
    late.release.set()
    app = RawiApp(story, state=ResumeStore(tmp_path / "state"))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(500):
            if app.reading.here is not None:
                break
            await pilot.pause(0.01)
        assert app.reading.here is not None
    assert threads == [False]


@pytest.mark.parametrize(("saved", "shown"), [(3, 3), (17, 0)], ids=["later-chapter", "past-end"])
async def test_a_saved_place_beyond_the_first_chapter_waits_for_the_chapters(
    tmp_path: Path, saved: int, shown: int
) -> None:
    from tui.state import Position, story_key
    from tui.story.loader import open_story

    path = default_story()
    story = open_story(path)  # the first chapter only, the rest to be read
    assert story.rest_waiting and story.chapter_count == len(load_story(path).chapters)
    state = ResumeStore(tmp_path / "state")
    state.save(story_key(path), Position(saved, 0, 0))
    app = RawiApp(story, state=state)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.reader.chapter_index == shown
        assert app.query_one(StatusBar).chapter == shown
    assert story == load_story(path)


async def test_the_count_of_chapters_is_told_again_once_they_are_read(tmp_path: Path) -> None:
    # The count comes from the file's [[chapters]] lines before they are read:
    # once read (say, by tomllib, for a file toml_fast declines), the chapters
    # themselves are counted.
    whole = load_story(default_story())
    story, late = opened_early(whole, split=True)
    object.__setattr__(story, "_count", 99)
    app = RawiApp(story, state=ResumeStore(tmp_path / "state"))
    async with app.run_test(size=(120, 40)) as pilot:
        status = app.query_one(StatusBar)
        for _ in range(500):
            if late.asked.is_set():
                break
            await pilot.pause(0.01)
        assert status.chapters == 99
        late.release.set()
        for _ in range(500):
            if status.chapters != 99:
                break
            await pilot.pause(0.01)
        assert status.chapters == len(whole.chapters)
        assert str(len(whole.chapters)) in status.position_text()
