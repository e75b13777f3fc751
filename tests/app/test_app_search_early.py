"""A search typed before the story's index is built: answered at once, counted when it is.

The app builds the search index in a thread after the first paint. These
tests hold that thread back (``build_indexes`` waits for the test), type a
query, see the field say it is counting while the matches on screen are
already marked, then let the thread go and wait for the count: the count
the story holds, as a plain substring count of its text finds it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.app.screen_reading import AppFactory
from tui.search import session as session_module
from tui.search.session import StoryIndexes
from tui.story import Story
from tui.widgets.search_bar import SearchBar
from tui.words import word

#: how the story writes "I (will not) forget"; typed without its hamza below
FORGET_IN_STORY = "أنسى"
FORGET = "انسى"
#: generous for a loaded machine three times slower: the build takes milliseconds
PATIENCE = 30.0


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {PATIENCE} s")
        await pilot.pause(0.02)


@pytest.fixture
def held_build(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The index thread waits until the test sets the event; any story takes the early path."""
    release = threading.Event()
    build = session_module.build_indexes

    def held(story: Story) -> StoryIndexes:
        release.wait(PATIENCE)
        return build(story)

    monkeypatch.setattr(session_module, "build_indexes", held)
    # The seed is small enough to be indexed on the spot; make it wait like a large story.
    monkeypatch.setattr(session_module, "INDEXED_ON_THE_SPOT", -1)
    return release


async def test_a_key_typed_before_the_index_is_built_gets_the_right_count(
    make_app: AppFactory, jamali: Story, held_build: threading.Event
) -> None:
    expected = sum(paragraph.text.count(FORGET_IN_STORY) for paragraph in jamali.paragraphs)
    assert expected == 1
    app = make_app(language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *FORGET)
        bar = app.query_one(SearchBar)
        assert bar.value == FORGET
        assert not app.search_session().ready
        assert bar.counting
        assert word("counting", "en") in str(bar.render())
        # The quotes are filtered already (their own index is small).
        assert list(app.search_session().quote_hits)
        held_build.set()
        await wait_until(pilot, lambda: not bar.counting, "the count never came")
        assert app.search_session().ready
        assert bar.count == expected
        assert word("counting", "en") not in str(bar.render())
        # Enter walks to the match the count promised.
        await pilot.press("enter")
        assert app.reader.chapter_index == jamali.chapter_of("p7")


async def test_enter_before_the_index_is_built_indexes_on_the_spot(
    make_app: AppFactory, jamali: Story, held_build: threading.Event
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await pilot.press("slash", *FORGET)
            bar = app.query_one(SearchBar)
            assert bar.counting
            await pilot.press("enter")
            assert app.reader.chapter_index == jamali.chapter_of("p7")
            assert not bar.counting and bar.count == 1
        finally:
            held_build.set()  # let the held thread end
        await app.workers.wait_for_complete()
        # The thread's indexes, arriving after, change nothing on screen.
        assert not bar.counting and bar.count == 1
        assert bar.current == 1
