"""The search field: Arabic typed and shown shaped, matches walked with n and N.

While the field is open the quote pane lists only the matching quotes;
Enter goes to the first match in the chapters, n and N to the next and
previous (wrapping), Escape closes the field and restores every quote.
"""

from __future__ import annotations

import unicodedata

from textual import events
from textual.pilot import Pilot

from tests.app.screen_reading import AppFactory, base_arabic, render_text, screen_text
from tui.app import RawiApp
from tui.story import Story
from tui.widgets.marks import Mark
from tui.widgets.quotes import QuotePane
from tui.widgets.search_bar import SearchBar

#: "I (will not) forget", as typed: bare alef, as people type without hamza
FORGET = "انسى"
#: how the story writes it, with the hamza
FORGET_IN_STORY = "أنسى"
#: FORGET laid out right to left with its letters joined (presentation forms)
FORGET_SHAPED = "ﻰﺴﻧﺍ"


def bar_of(app: RawiApp) -> SearchBar:
    return app.query_one(SearchBar)


async def search_for(pilot: Pilot[None], query: str) -> None:
    """Open the field and paste ``query`` into it (typing is tested on its own)."""
    await pilot.press("slash")
    pilot.app.query_one(SearchBar).post_message(events.Paste(query))
    await pilot.pause()


def bar_text(app: RawiApp) -> str:
    bar = bar_of(app)
    return render_text(bar.render(), bar.size.width)


def match_marks(app: RawiApp) -> set[tuple[str, int, int]]:
    """The search matches marked in the reader, as (paragraph, start, end)."""
    return {(mark.key, mark.start, mark.end) for mark in app.reader.marks("match")}


def viadeo_in(story: Story, paragraph_id: str) -> tuple[str, int, int]:
    text = story.paragraph(paragraph_id).text
    start = text.index("VIADEO")
    return (paragraph_id, start, start + len("VIADEO"))


async def test_slash_opens_the_search_field(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        bar = bar_of(app)
        assert not bar.display
        await pilot.press("slash")
        assert app.reading.searching
        assert bar.display
        assert app.focused is bar


async def test_typed_arabic_is_shown_shaped_and_filters_the_quotes(
    make_app: AppFactory, jamali: Story
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *FORGET)
        bar = bar_of(app)
        assert bar.value == FORGET
        shown = bar_text(app)
        assert FORGET_SHAPED in shown
        assert not base_arabic(shown)
        assert bar.count == 1
        quotes = app.query_one(QuotePane)
        expected = [quote.id for quote in jamali.quotes if FORGET_IN_STORY in quote.text]
        assert len(expected) == 1
        assert [jamali.quotes[i].id for i in quotes.shown] == expected
        assert len(quotes.shown) == 1
        await pilot.pause()
        assert FORGET_SHAPED in screen_text(app)


async def test_enter_opens_the_chapter_of_the_match(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    paragraph = jamali.paragraph("p7").text
    start = paragraph.index(FORGET_IN_STORY)
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, FORGET)
        await pilot.press("enter")
        assert app.reader.chapter_index == jamali.chapter_of("p7") == 5
        assert match_marks(app) == {("p7", start, start + len(FORGET_IN_STORY))}
        # The match the reader was taken to is the current one.
        assert Mark("p7", start, start + len(FORGET_IN_STORY), "anchor") in app.reader.marks()
        assert app.focused is app.reader


async def test_n_and_shift_n_walk_the_matches_and_wrap(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    # VIADEO is written once in chapter 4 (p4) and once in chapter 5 (p5).
    in_four, in_five = viadeo_in(jamali, "p4"), viadeo_in(jamali, "p5")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"viadeo")
        assert bar_of(app).value == "viadeo"
        assert bar_of(app).count == 2
        await pilot.press("enter")
        assert app.reader.chapter_index == 3
        assert match_marks(app) == {in_four}
        await pilot.press("n")
        assert app.reader.chapter_index == 4
        assert match_marks(app) == {in_five}
        await pilot.press("n")
        assert app.reader.chapter_index == 3, "n after the last match wraps to the first"
        await pilot.press("N")
        assert app.reader.chapter_index == 4, "N before the first match wraps to the last"
        await pilot.press("N")
        assert app.reader.chapter_index == 3


async def test_escape_closes_the_field_and_restores_the_quotes(
    make_app: AppFactory, jamali: Story
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, FORGET)
        assert len(app.query_one(QuotePane).shown) == 1
        await pilot.press("escape")
        assert not app.reading.searching
        assert not bar_of(app).display
        quotes = app.query_one(QuotePane)
        assert list(quotes.shown) == list(range(len(jamali.quotes)))
        assert len(quotes.shown) == len(jamali.quotes)
        assert app.focused is app.reader


async def test_escape_after_walking_clears_the_matches(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, "viadeo")
        await pilot.press("enter")
        assert match_marks(app)
        await pilot.press("escape")
        assert not app.reading.searching
        assert match_marks(app) == set()
        # With the field closed, n is the next chapter again.
        await pilot.press("n")
        assert app.reader.chapter_index == 4
        assert match_marks(app) == set()


async def test_backspace_edits_the_query(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, "viadeox")
        assert bar_of(app).count == 0
        await pilot.press("backspace")
        assert bar_of(app).value == "viadeo"
        assert bar_of(app).count == 2


async def test_a_query_with_no_match_says_so(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        rang: list[None] = []
        app.bell = lambda: rang.append(None)  # type: ignore[method-assign]
        await search_for(pilot, "zzzz")
        assert bar_of(app).count == 0
        assert len(app.query_one(QuotePane).shown) == 0
        await pilot.press("enter")
        assert app.reader.chapter_index == 0
        assert rang == [None]
        # Still searching: Escape is needed to leave.
        assert app.reading.searching


async def test_pasting_inserts_the_text(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        bar = bar_of(app)
        bar.post_message(events.Paste("VIA\nDEO"))
        await pilot.pause()
        # A pasted line break becomes a space: the field holds one line.
        assert bar.value == "VIA DEO"
        assert bar.cursor == len("VIA DEO")
        await pilot.press("ctrl+u")
        assert bar.value == ""
        bar.post_message(events.Paste(FORGET_IN_STORY))
        await pilot.pause()
        assert bar.value == FORGET_IN_STORY
        assert bar.count == 1


async def test_the_left_arrow_moves_forward_in_an_arabic_query(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await search_for(pilot, FORGET)
        bar = bar_of(app)
        assert bar.cursor == len(FORGET)
        await pilot.press("right", "right")
        assert bar.cursor == len(FORGET) - 2
        await pilot.press("left")
        assert bar.cursor == len(FORGET) - 1
        await pilot.press("home")
        assert bar.cursor == 0


def _expected_teh_ranges(text: str) -> list[tuple[int, int]]:
    """Every ت of ``text`` with the harakat written on it (spelled out, not folded)."""
    ranges = []
    for index, char in enumerate(text):
        if char == "ت":
            end = index + 1
            while end < len(text) and unicodedata.category(text[end]) == "Mn":
                end += 1
            ranges.append((index, end))
    return ranges


def _reverse_cells(pane: QuotePane) -> int:
    """Cells drawn in reverse video in the pane as it is on screen now."""
    count = 0
    for y in range(pane.size.height):
        for segment in pane.render_line(y):
            if segment.style is not None and segment.style.reverse:
                count += len(segment.text)
    return count


async def test_a_letter_every_quote_holds_marks_each_quote_in_place(
    make_app: AppFactory, jamali: Story
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        quotes = app.query_one(QuotePane)
        assert all("ت" in quote.text for quote in jamali.quotes)
        assert _reverse_cells(quotes) == 0
        await pilot.press("slash", "ت")
        await pilot.pause()
        assert list(quotes.shown) == list(range(len(jamali.quotes)))
        for index, quote in enumerate(jamali.quotes):
            _, ranges = quotes.entry_signature(index)
            marked = list(ranges)
            assert marked == _expected_teh_ranges(quote.text), quote.id
        assert _reverse_cells(quotes) > 0
        # Closing the field shows the same quotes again, unmarked.
        await pilot.press("escape")
        await pilot.pause()
        assert len(quotes.shown) == len(jamali.quotes)
        assert _reverse_cells(quotes) == 0


async def test_opening_the_field_moves_nothing_else(make_app: AppFactory) -> None:
    # The field takes the key bar's row (as in less and vim): the reader and
    # the panes keep their size, and the chapter is not laid out again.
    from tui.widgets.key_bar import KeyBar
    from tui.widgets.side_panel import SidePanel

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        document = app.reader.document
        sizes = app.reader.size, app.query_one(SidePanel).size
        key_bar = app.query_one(KeyBar)
        row = key_bar.region.y
        await pilot.press("slash")
        await pilot.pause()
        assert (app.reader.size, app.query_one(SidePanel).size) == sizes
        assert app.query_one(SearchBar).region.y == row and not key_bar.display
        assert app.reader.document is document
        await pilot.press("escape")
        await pilot.pause()
        assert key_bar.display and not app.query_one(SearchBar).display
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        assert app.reader.document is not document
