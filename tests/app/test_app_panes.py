"""The side panes: table of contents, timeline and quotes, and copying.

Choosing an entry (Enter on the highlighted option, or a click) opens its
chapter; an event or a quote also scrolls its phrase into view and marks
exactly its logical range in the reader.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.pilot import Pilot

from tests.app.screen_reading import AppFactory, base_arabic, screen_text, settle
from tui.app import RawiApp
from tui.story import Anchor, Story
from tui.widgets.contents import ChapterList
from tui.widgets.marks import Mark
from tui.widgets.quotes import QuotePane
from tui.widgets.timeline import MARKER, TimelinePane
from tui.widgets.virtual_list import VirtualList

#: short enough that chapter 6 does not fit: its last phrase must be scrolled to
SHORT = (120, 20)


def event_named(story: Story, event_id: str) -> tuple[int, Anchor]:
    """The position of an event in the timeline pane (under its era heading), and its anchor."""
    for event in story.timeline:
        if event.id == event_id:
            return TimelinePane(story).entry_of(event_id), event.anchor
    raise AssertionError(f"no event {event_id!r} in the story")


def quote_named(story: Story, quote_id: str) -> tuple[int, Anchor]:
    """The position of a quote in the quote pane, and its anchor."""
    for index, quote in enumerate(story.quotes):
        if quote.id == quote_id:
            return index, quote.anchor
    raise AssertionError(f"no quote {quote_id!r} in the story")


def marked_rows(app: RawiApp, kind: str) -> list[int]:
    """Rows of the reader (from the top of the screen) that draw a mark of ``kind``."""
    reader = app.reader
    background = reader.get_component_rich_style(f"reader--{kind}").bgcolor
    assert background is not None
    rows = []
    for y in range(reader.scrollable_content_region.height):
        segments: list[Segment] = list(reader.render_line(y))
        if any(s.style is not None and s.style.bgcolor == background for s in segments):
            rows.append(y)
    return rows


def assert_anchor_shown(app: RawiApp, anchor: Anchor) -> None:
    """The anchor's chapter is open, only its range is marked, and all of it is on screen."""
    reader = app.reader
    assert reader.chapter_index == anchor.chapter_index
    assert reader.marks() == [Mark(anchor.paragraph_id, anchor.start, anchor.end, "anchor")]
    document = reader.document
    index = next(i for i, item in enumerate(document.items) if item.key == anchor.paragraph_id)
    first = document.top_of(index, anchor.start) - round(reader.scroll_y)
    last = document.top_of(index, anchor.end - 1) - round(reader.scroll_y)
    assert 0 <= first <= last < reader.scrollable_content_region.height
    assert marked_rows(app, "anchor") == list(range(first, last + 1))


async def click_option(pilot: Pilot[None], pane: VirtualList, index: int) -> None:
    """Click the first line of entry ``index`` of a side pane (inside its border),
    once the pane is laid out with it on screen (a frame or more after the panes
    are filled: more on a busy machine)."""
    for _ in range(500):
        line = pane.row_of(index) - round(pane.scroll_y)
        if 0 <= line < pane.scrollable_content_region.height:
            break
        await pilot.pause(0.01)
    assert 0 <= line < pane.scrollable_content_region.height, "entry not on screen"
    await pilot.click(pane, offset=(pane.size.width // 2, line))


# -- table of contents --------------------------------------------------------


async def test_c_focuses_the_contents_and_enter_opens_a_chapter(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        contents = app.query_one(ChapterList)
        assert app.focused is contents
        await pilot.press("down", "down", "down", "enter")
        assert app.reader.chapter_index == 3
        assert contents.chapter == 3


async def test_clicking_a_chapter_opens_it(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # the panes are filled a frame after the story
        contents = app.query_one(ChapterList)
        await click_option(pilot, contents, 4)
        assert app.reader.chapter_index == 4
        assert contents.pointer == 4


# -- timeline -----------------------------------------------------------------


async def test_enter_on_an_event_shows_its_phrase(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    index, anchor = event_named(jamali, "marriage")
    async with app.run_test(size=SHORT) as pilot:
        await pilot.press("t")
        timeline = app.query_one(TimelinePane)
        assert app.focused is timeline
        timeline.pointer = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.scroll_y > 0, "the phrase is below the first screen"
        assert_anchor_shown(app, anchor)


async def test_clicking_an_event_shows_its_phrase(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    index, anchor = event_named(jamali, "born")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # the panes are filled a frame after the story
        await click_option(pilot, app.query_one(TimelinePane), index)
        await pilot.pause()
        assert_anchor_shown(app, anchor)


async def test_another_event_replaces_the_mark(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    first, _ = event_named(jamali, "unyk")
    second, anchor = event_named(jamali, "founds-viralninjas")
    async with app.run_test(size=SHORT) as pilot:
        await pilot.press("t")
        timeline = app.query_one(TimelinePane)
        timeline.pointer = first
        await pilot.press("enter")
        timeline.focus()
        timeline.pointer = second
        await pilot.press("enter")
        await pilot.pause()
        assert_anchor_shown(app, anchor)


async def test_opening_a_chapter_clears_the_event_mark(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    index, _ = event_named(jamali, "born")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        app.query_one(TimelinePane).pointer = index
        await pilot.press("enter")
        assert app.reader.marks("anchor")
        await pilot.press("5")
        assert app.reader.marks() == []


async def test_the_events_on_screen_are_marked(make_app: AppFactory) -> None:
    app = make_app()
    # From the story file: the four events anchored in paragraph p2, chapter 2.
    chapter_two = {"born", "baccalaureate", "aeronautics-in-russia", "back-in-morocco"}
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.query_one(TimelinePane)
        assert not timeline.marked(), "chapter 1 has no dated event, and none was told before"
        await pilot.press("2")
        await pilot.pause()
        assert {event.id for event in timeline.marked()} == chapter_two
        # ... and the pane draws a filled marker for each of them, and only them.
        width = timeline.scrollable_content_region.width
        drawn = [
            "".join(line.plain for line in timeline.entry_lines(entry, width))
            for entry in range(len(timeline.shown))
        ]
        assert sum(MARKER in text for text in drawn) == len(chapter_two)
        await pilot.press("6")
        await pilot.pause()
        assert {event.id for event in timeline.marked()} == {"marriage"}


# -- quotes and copying ---------------------------------------------------------


async def test_enter_on_a_quote_opens_its_passage(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    index, anchor = quote_named(jamali, "wife")
    async with app.run_test(size=SHORT) as pilot:
        await pilot.press("o")
        quotes = app.query_one(QuotePane)
        assert app.focused is quotes
        quotes.pointer = index
        await pilot.press("enter")
        await pilot.pause()
        assert_anchor_shown(app, anchor)


async def test_clicking_a_quote_opens_its_passage(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    index, anchor = quote_named(jamali, "own-business")
    async with app.run_test(size=(120, 40)) as pilot:
        quotes = app.query_one(QuotePane)
        # The pane lays out its entries at its final width: click once two frames
        # agree on where the entry is.
        seen: list[object] = []

        def laid_out() -> bool:
            seen.append((quotes.size, quotes.row_of(index), round(quotes.scroll_y)))
            return len(quotes.shown) == len(jamali.quotes) and seen[-2:-1] == seen[-1:]

        await settle(pilot, laid_out, "the quotes laid out")
        await click_option(pilot, quotes, index)
        await settle(
            pilot, lambda: app.reader.chapter_index == anchor.chapter_index, "the quote's chapter"
        )
        await pilot.pause()
        assert_anchor_shown(app, anchor)


def record_copies(app: RawiApp) -> list[str]:
    """What the app puts on the clipboard."""
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    return copied


async def test_y_on_the_quote_pane_copies_the_quote(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    index, _ = quote_named(jamali, "dream")
    async with app.run_test(size=(120, 40)) as pilot:
        copied = record_copies(app)
        await pilot.press("o")
        app.query_one(QuotePane).pointer = index
        await pilot.press("y")
        assert copied == [jamali.quotes[index].text]


async def test_y_in_the_reader_copies_the_paragraph_at_the_top(
    make_app: AppFactory, jamali: Story
) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        copied = record_copies(app)
        await pilot.pause()
        # Row 0 is the chapter heading, row 1 the gap, then paragraph p1.
        await pilot.press("down", "down")
        assert app.reader.scroll_y == 2
        await pilot.press("y")
        assert copied == [jamali.paragraph("p1").text]


async def test_the_copy_notice_is_shaped(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        record_copies(app)
        await pilot.press("y")
        await pilot.pause()
        (notice,) = list(app.notified)
        assert notice.message.strip()
        assert not base_arabic(notice.message)
        assert not base_arabic(screen_text(app))


async def test_a_pane_reached_by_its_key_starts_on_an_option(make_app: AppFactory) -> None:
    from tui.widgets.timeline import TimelinePane

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("2")  # chapter 2 holds the events of 1974 to 1998
        await pilot.press("t")
        await pilot.pause()
        timeline = app.query_one(TimelinePane)
        assert app.focused is timeline
        assert timeline.pointer is not None
        event = app.story.timeline[timeline.shown[timeline.pointer]]
        assert event.anchor.chapter_index == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.marks("anchor"), "Enter on the pane showed no phrase"


async def test_a_pane_opened_over_the_text_shows_its_pointer(make_app: AppFactory) -> None:
    # At 80x24 the timeline opens over the text: focused, with its pointer on
    # the first event on screen, before it has a size. Once it has one, the
    # pointer's rows are in view (they were scrolled past, just above the top).
    from tui.widgets.timeline import TimelinePane

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.press("t")
        await pilot.pause()
        timeline = app.query_one(TimelinePane)
        assert app.focused is timeline and timeline.pointer is not None
        top = timeline.row_of(timeline.pointer)
        shown = range(round(timeline.scroll_y), round(timeline.scroll_y) + timeline.size.height)
        assert top in shown
