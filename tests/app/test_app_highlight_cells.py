"""Search highlights land exactly on the matched glyphs, as the engine's map says.

For each query, the cells the reader draws with the match (or current-match)
style are compared with two things: the cells the layout engine's index map
gives for the match's logical range (``VisualLine.cell_spans``), and, without
the engine, the text itself: the highlighted glyphs, read in the direction of
their run and folded back from presentation forms (NFKC), spell the matched
logical text. Cases: a word with a kasra, a word with a lam-alef ligature, a
Latin run inside Arabic, a number.
"""

from __future__ import annotations

import unicodedata

import pytest
from rich.style import Style

from tests.app.screen_reading import AppFactory
from tui.widgets.reader import StoryReader
from tui.widgets.search_bar import SearchBar

QUERIES = [
    ("السيليكون", "word with harakat elsewhere, shaped joining"),
    ("الانترنت", "lam-alef ligature inside the word"),
    ("VIADEO", "Latin run inside Arabic"),
    ("1974", "European digits inside Arabic"),
]


def highlighted_cells(reader: StoryReader, y: int, styles: list[Style]) -> list[tuple[int, str]]:
    """(column, character) of every cell of row ``y`` drawn with one of ``styles``' colours."""
    strip = reader.render_line(y)
    cells: list[tuple[int, str]] = []
    column = 0
    backgrounds = {style.bgcolor for style in styles}
    for segment in strip:
        style = segment.style
        for char in segment.text:
            if style is not None and style.bgcolor in backgrounds:
                cells.append((column, char))
            column += 1
    return cells


def fold(text: str) -> str:
    # Presentation forms back to letters; tatweels dropped, since justified
    # lines draw kashidas between the letters of a match (highlighted too).
    return unicodedata.normalize("NFKC", text).replace("\u0640", "")


@pytest.mark.parametrize(("query", "case"), QUERIES)
async def test_highlights_cover_exactly_the_matched_glyphs(
    make_app: AppFactory, query: str, case: str
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        app.query_one(SearchBar).set_value(query)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        reader = app.reader
        styles = [
            reader.get_component_rich_style("reader--match"),
            reader.get_component_rich_style("reader--anchor"),
        ]
        document = reader.document
        marks = reader.marks()
        assert marks, f"no match of {query!r} ({case})"
        checked = 0
        for y in range(reader.scrollable_content_region.height):
            row = round(reader.scroll_y) + y
            index, inner = document.locate(row)
            item = document.items[index]
            layout = document.layout(index)
            if item.kind != "paragraph" or inner >= len(layout.lines):
                continue
            line = layout.lines[inner]
            room = document.text_width(item) - line.cells
            left = reader.text_left + (room if layout.direction == "R" else 0)
            expected: set[int] = set()
            matched_texts = []
            for mark in marks:
                if mark.key != item.key:
                    continue
                for first, last in line.cell_spans(mark.start, mark.end):
                    expected.update(range(left + first, left + last))
                if mark.start < line.end and mark.end > line.start:
                    matched_texts.append(layout.text[mark.start : mark.end])
            cells = highlighted_cells(reader, y, styles)
            assert {column for column, _ in cells} == expected, (case, row)
            if not cells:
                continue
            checked += 1
            # Without the engine: each run of highlighted glyphs, read in its
            # direction and folded from presentation forms, is (a piece of,
            # when the match is split across lines) a matched text.
            runs: list[str] = []
            previous = -2
            for column, char in cells:
                if column != previous + 1:
                    runs.append("")
                runs[-1] += char
                previous = column
            for run in runs:
                rtl_run = any("\ufb50" <= char <= "\ufeff" for char in run)
                spelled = fold(run[::-1] if rtl_run else run)
                assert any(spelled in fold(text) for text in matched_texts), (
                    case,
                    spelled,
                    matched_texts,
                )
        assert checked, f"no highlighted row on screen for {query!r} ({case})"
