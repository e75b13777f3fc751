"""Chapter switch and search keystroke, timed inside a headless ``RawiApp``.

Each measure is the wall time from posting a key event to the end of the
repaint it causes: the app handles the key (bindings, the search bar, the
panes it updates), then the screen is laid out and every dirty widget rendered
(the reader's ``render_line`` for each visible row included). Only the write to
the terminal is left out: the app runs headless.

Textual repaints on a frame timer (at most 60 times a second); here the
repaint is forced as soon as the messages are handled, so the figure is the
app's work, not the timer's wait. ``Pilot.press`` is not used to time: it
sleeps at least 20 ms per key to wait for the app to go idle.

A fresh app is started for every repetition, and the layout engine's caches
are cleared first, so every chapter shown is paid for as a reader would pay
for it. The garbage collector runs before each timed key, so that no key pays
for the garbage of the ones before it. The search index is ready before the
first key is typed, as it is for a reader: the app builds it in the
background just after the first paint (its cost is measured on its own,
``index_build_times``).
"""

from __future__ import annotations

import asyncio
import gc
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual import events
from textual.pilot import Pilot

from tui.app import RawiApp
from tui.rtl import layout as rtl_layout
from tui.search import SearchSession
from tui.state import ResumeStore
from tui.story import Story
from tui.widgets.search_bar import SearchBar

#: the terminal the app is run in
SIZE = (120, 40)
#: the query typed, one key at a time: "ال" then "شركة" (the company)
QUERY = "الشركة"


def clear_layout_caches() -> None:
    """Forget every paragraph laid out so far (the engine caches per text and width)."""
    rtl_layout.layout_paragraph.cache_clear()
    rtl_layout._prepare.cache_clear()


async def _settle(pilot: Pilot[None]) -> None:
    # Handle what the key set off, then repaint at once; three rounds, for the
    # messages the first round posts (Moved, the panes' refreshes).
    app = pilot.app
    for _ in range(3):
        await pilot._wait_for_screen()
        app.screen._on_timer_update()


async def _timed_key(pilot: Pilot[None], key: str, character: str | None) -> float:
    """Seconds from posting ``key`` to the end of the repaint it causes."""
    app = pilot.app
    start = time.perf_counter()
    app.post_message(events.Key(key, character))
    await _settle(pilot)
    return time.perf_counter() - start


Scenario = Callable[[Pilot[None], RawiApp], Awaitable[list[float]]]


async def _in_app(story: Story, scenario: Scenario) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="rawi-bench-state-") as state:
        app = RawiApp(story, state=ResumeStore(Path(state)))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            return await scenario(pilot, app)


async def _chapter_switches(pilot: Pilot[None], app: RawiApp, switches: int) -> list[float]:
    times: list[float] = []
    last = len(app.story.chapters) - 1
    while len(times) < switches:
        if app.reader.chapter_index == last:
            # Back to the first chapter, untimed: `n` at the end only rings the bell.
            await pilot.press("1")
            await pilot.pause()
            continue
        before = app.reader.chapter_index
        gc.collect()
        times.append(await _timed_key(pilot, "n", "n"))
        if app.reader.chapter_index != before + 1:
            raise RuntimeError(f"`n` did not open chapter {before + 2}")
    return times


async def _search_keystrokes(pilot: Pilot[None], app: RawiApp) -> list[float]:
    await pilot.press("slash")
    await pilot.pause()
    if not app.searching:
        raise RuntimeError("`/` did not open the search field")
    # The index, as the background worker has it half a second after the
    # first paint (untimed): waited for, so that no key is typed while the
    # worker builds it.
    deadline = time.perf_counter() + 60
    while not app.search_session().ready:
        if time.perf_counter() > deadline:
            raise RuntimeError("the search index was never built")
        await asyncio.sleep(0.01)
    times = []
    for letter in QUERY:
        gc.collect()
        times.append(await _timed_key(pilot, letter, letter))
    bar_value = app.query_one(SearchBar).value
    if bar_value != QUERY:
        raise RuntimeError(f"the search field holds {bar_value!r}, not {QUERY!r}")
    return times


def chapter_switch_times(story: Story, repeat: int, switches: int | None = None) -> list[float]:
    """Seconds per `n` (next chapter), ``switches`` per repetition (default: every chapter)."""
    count = switches if switches is not None else max(1, len(story.chapters) - 1)
    times: list[float] = []
    for _ in range(repeat):
        clear_layout_caches()

        async def scenario(pilot: Pilot[None], app: RawiApp) -> list[float]:
            return await _chapter_switches(pilot, app, count)

        times += asyncio.run(_in_app(story, scenario))
    return times


def search_keystroke_times(story: Story, repeat: int) -> tuple[list[float], list[float]]:
    """Seconds per keystroke of ``QUERY``: (every keystroke, the first of each repetition).

    The first is a one-letter query: the one with the most matches.
    """
    times: list[float] = []
    first: list[float] = []
    for _ in range(repeat):
        clear_layout_caches()
        run = asyncio.run(_in_app(story, _search_keystrokes))
        times += run
        first.append(run[0])
    return times, first


def index_build_times(story: Story, repeat: int) -> list[float]:
    """Seconds to build the story's search index (the app does it in a thread)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        SearchSession(story)
        times.append(time.perf_counter() - start)
    return times
