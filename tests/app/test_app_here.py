"""You are here: the side of the screen follows the reading position as it scrolls.

The timeline marks the events whose phrase is on screen (or, when none is,
the nearest one told before), the quote pane the quotes, the journey the
place the reader has reached; the axis shows the reading position; each pane
scrolls to show what it marks, unless the reader is in it.
"""

from __future__ import annotations

from tests.app.screen_reading import AppFactory
from tui.app import RawiApp
from tui.story import Story
from tui.widgets.quotes import QuotePane
from tui.widgets.time_axis import TimeAxis
from tui.widgets.timeline import TimelinePane


def scroll_reader_to(app: RawiApp, paragraph_id: str, offset: int) -> None:
    reader = app.reader
    document = reader.document
    index = next(i for i, item in enumerate(document.items) if item.key == paragraph_id)
    reader.scroll_to(y=document.top_of(index, offset), animate=False, immediate=True)


async def test_scrolling_marks_the_events_and_quotes_on_screen(
    make_app: AppFactory, jamali: Story
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 16)) as pilot:
        await pilot.press("6")  # p6 holds the quotes, p7 the marriage
        await pilot.pause()
        timeline = app.query_one(TimelinePane)
        quotes = app.query_one(QuotePane)
        here = app.reading.here
        assert here is not None
        on_screen = {q.id for q in here.quotes}
        assert on_screen, "the chapter opens on quoted words"
        assert {jamali.quotes[e].id for e in quotes.current} == on_screen
        # Scrolled to the last paragraph: its event is marked, the quotes above
        # are no longer on screen.
        (marriage,) = [e for e in jamali.timeline if e.id == "marriage"]
        scroll_reader_to(app, marriage.anchor.paragraph_id, marriage.anchor.start)
        await pilot.pause()
        here = app.reading.here
        assert here is not None and here.event is not None
        assert "marriage" in {e.id for e in timeline.marked()}
        assert not ({q.id for q in here.quotes} & on_screen - {q.id for q in here.quotes})


async def test_with_no_event_on_screen_the_nearest_earlier_one_is_current(
    make_app: AppFactory, jamali: Story
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")  # Montreal: told after the events of chapter 2
        await pilot.pause()
        here = app.reading.here
        assert here is not None
        if not here.events:
            earlier = [e for e in jamali.timeline if e.anchor.chapter_index < 2]
            assert here.event is not None
            assert here.event.anchor.chapter_index <= 2
            assert here.event in earlier or here.event.anchor.chapter_index == 2
        timeline = app.query_one(TimelinePane)
        assert timeline.marked(), "something is always current once an event was told"


async def test_the_timeline_scrolls_to_what_it_marks(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("5")  # ViralNinjas: the last events of the list
        await pilot.pause()
        timeline = app.query_one(TimelinePane)
        marked = sorted(timeline.current)
        assert marked
        first = timeline.row_of(min(marked)) - round(timeline.scroll_y)
        assert 0 <= first < timeline.scrollable_content_region.height


async def test_the_axis_shows_the_reading_position(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        axis = app.query_one(TimeAxis)
        first = axis.render_line(0).text
        assert "▼" in first
        column_at_2 = first.index("▼")
        await pilot.press("6")
        await pilot.pause()
        axis.refresh()
        await pilot.pause()
        column_at_6 = axis.render_line(0).text.index("▼")
        # Arabic interface: time runs right to left, so later is further left.
        assert column_at_6 < column_at_2


async def test_the_side_follows_the_place_before_the_next_frame(
    make_app: AppFactory, jamali: Story
) -> None:
    # The status bar, the contents and the panes follow the reader in the
    # same call that moves it, not through a message handled later: a
    # message would reach them after the screen had painted the new text,
    # and they would change a frame (17 to 33 ms) after it.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.reading
        timeline = app.query_one(TimelinePane)
        here, current = screen.here, set(timeline.current)
        screen.action_next()  # no await: nothing else runs in between
        assert app.reader.chapter_index == 1
        assert screen.chapter == 1
        assert screen.position.chapter == 1
        assert screen.here != here
        assert set(timeline.current) != current
