"""The side panes are virtual: 10,000 entries cost what the screen shows.

A story with 10,000 events and 10,000 quotes is opened, its panes shown,
scrolled, resized, filtered and walked; each pane's ``layouts`` counter (one
per entry laid out) must stay near what fits on screen, never near the
number of entries.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.screen_reading import settle
from tui.app import RawiApp
from tui.locations import default_story
from tui.state import ResumeStore
from tui.story import Anchor, Quote, Story, TimelineEvent, load_story
from tui.widgets.quotes import QuotePane
from tui.widgets.timeline import TimelinePane

MANY = 10_000
#: entries a pane may lay out for one screen of 40 rows, with a margin
ONE_SCREEN = 200


@pytest.fixture(scope="module")
def crowded() -> Story:
    """The seed story with 10,000 events and 10,000 quotes anchored in its first paragraph."""
    seed = load_story(default_story())
    anchor = seed.timeline[0].anchor
    text = seed.paragraph(anchor.paragraph_id).text
    events = tuple(
        TimelineEvent(f"e{n}", 1974 + n % 40, None, None, f"حدث رقم {n} {text[:30]}", None, anchor)
        for n in range(MANY)
    )
    quotes = tuple(
        Quote(f"q{n}", f"قول رقم {n}: {text[:80]}", "توفيق الجمالي", None, Anchor(*anchor))
        for n in range(MANY)
    )
    return replace(seed, timeline=events, quotes=quotes)


async def panes_drawn(app: RawiApp, pilot: Pilot[None]) -> tuple[TimelinePane, QuotePane]:
    """The panes, once they are filled (after the first frame) and have drawn a screen."""
    await settle(
        pilot,
        lambda: bool(app.query(TimelinePane)) and bool(app.query(QuotePane)),
        "the panes, filled after the first frame",
    )
    timeline, quotes = app.query_one(TimelinePane), app.query_one(QuotePane)
    await settle(
        pilot,
        lambda: timeline.layouts > 0 and quotes.layouts > 0 and timeline.virtual_size.height > 0,
        "the panes drawn and sized",
    )
    return timeline, quotes


def make(story: Story, tmp_path: Path) -> RawiApp:
    app = RawiApp(story, state=ResumeStore(tmp_path / "state"))
    app.animation_level = "none"
    return app


async def test_opening_and_scrolling_lays_out_one_screen(crowded: Story, tmp_path: Path) -> None:
    app = make(crowded, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        timeline, quotes = await panes_drawn(app, pilot)
        assert 0 < timeline.layouts < ONE_SCREEN
        assert 0 < quotes.layouts < ONE_SCREEN
        # The scrollbar knows every entry without laying them out.
        assert timeline.virtual_size.height >= MANY
        await pilot.press("t", "end")
        await settle(pilot, lambda: timeline.pointer == len(timeline.shown) - 1, "End")
        assert timeline.layouts < 2 * ONE_SCREEN
        await pilot.resize_terminal(110, 36)
        await pilot.pause()
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        assert timeline.layouts < 4 * ONE_SCREEN


async def test_a_search_filter_lays_out_only_what_it_shows(crowded: Story, tmp_path: Path) -> None:
    app = make(crowded, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        _, quotes = await panes_drawn(app, pilot)
        before = quotes.layouts
        await pilot.press("slash", "ق", "و")
        await pilot.pause()
        assert len(quotes.shown) == MANY  # every quote holds the word
        assert quotes.layouts - before < ONE_SCREEN
        await pilot.press("escape")
        await pilot.pause()
        assert quotes.layouts - before < 2 * ONE_SCREEN


async def test_turning_chapters_redraws_only_the_marks(crowded: Story, tmp_path: Path) -> None:
    app = make(crowded, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        timeline, _ = await panes_drawn(app, pilot)
        home = str(crowded.timeline[0].anchor.chapter_index + 1)
        away = "6" if home != "6" else "5"
        await pilot.press(home, away, home, away, home)
        await pilot.pause()
        # Every event's phrase is in one paragraph: its mark changes for all
        # 10,000 as the paragraph comes and goes, but only those on screen are
        # drawn again.
        assert len(timeline.marked()) == MANY
        assert timeline.layouts < 3 * ONE_SCREEN
