"""What the reader looks like, recorded as SVG snapshots (pytest-textual-snapshot).

Each snapshot was looked at before it was accepted: Arabic shaped and right
aligned, navigation on the right, the panes filled. Regenerate with
``pytest tests/app --snapshot-update`` only after a deliberate change, and
look at the new SVGs again. Besides the comparison, each test checks the
screenshot's own text, so a snapshot recorded wrong still fails here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.app.screen_reading import AppFactory, base_arabic, shaped_arabic

SnapCompare = Callable[..., bool]

#: "انسى" as the search field draws it: joined letters, right to left
FORGET_SHAPED = "ﻰﺴﻧﺍ"


#: one character cell of Textual's SVG, in pixels
CELL_WIDTH = 12.2
_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#terminal-line-(\d+)\)">(.*?)</text>',
    flags=re.S,
)


def stored_rows(request: pytest.FixtureRequest, size: tuple[int, int]) -> list[str]:
    """The rows of this test's stored snapshot, each character at its column."""
    node = request.node
    path = Path(node.path).parent / "__snapshots__" / Path(node.path).stem / f"{node.name}.svg"
    if request.config.getoption("--snapshot-update"):
        # syrupy writes the files when the session ends: what is on disk now
        # is the old snapshot, or nothing.
        pytest.skip("snapshot recorded in this run; its text is checked on the next run")
    width, height = size
    rows = [[" "] * width for _ in range(height)]
    for x, row, inner in _TEXT.findall(path.read_text(encoding="utf-8")):
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("\xa0", " ")
        column = round(float(x) / CELL_WIDTH)
        for offset, character in enumerate(text):
            if column + offset < width:
                rows[int(row)][column + offset] = character
    return ["".join(row).rstrip() for row in rows]


def assert_arabic_drawn_shaped(rows: list[str]) -> None:
    text = "\n".join(rows)
    assert shaped_arabic(text)
    assert not base_arabic(text)


def assert_justified(rows: list[str], right: int, measure: int) -> None:
    """Rows of a justified paragraph end at column ``right`` and fill the measure:
    they all start at one column, about ``measure`` cells to its left (a row's
    harakat take no cell but a character each here), kashidas drawn in them."""
    assert len(rows) >= 3
    assert {len(row[:right].rstrip()) for row in rows} == {right}
    starts = {len(row) - len(row.lstrip()) for row in rows}
    assert len(starts) == 1, "ragged on the left"
    assert abs(right - measure - starts.pop()) <= 1
    assert "\u0640" in "".join(rows), "no kashida: justified with spaces alone"


def paragraph_rows(rows: list[str], right: int) -> list[str]:
    """The reader's rows of running text (not the heading, not an image frame)."""
    return [
        row[:right]
        for row in rows[1:-1]
        if shaped_arabic(row[:right])
        and not set(row[:right]) & set("│╭╰")
        and len(row[:right].strip()) > right // 2
    ]


def test_main_screen_80x24(
    snap_compare: SnapCompare, make_app: AppFactory, request: pytest.FixtureRequest
) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24))
    rows = stored_rows(request, (80, 24))
    assert_arabic_drawn_shaped(rows)
    # Narrow: the reader has the whole width, its text justified 2 cells in
    # (on the right, a blank cell and the scrollbar's column).
    assert "╭" not in rows[1]
    assert_justified(paragraph_rows(rows, 78), 78, 76)


def test_main_screen_160x48(
    snap_compare: SnapCompare, make_app: AppFactory, request: pytest.FixtureRequest
) -> None:
    assert snap_compare(make_app(), terminal_size=(160, 48))
    rows = stored_rows(request, (160, 48))
    assert_arabic_drawn_shaped(rows)
    # The side panes are 44 wide; the reader's column (115 cells less its
    # scrollbar) holds a measure of 76 cells, centred.
    reader_right = (115 - 76) // 2 + 76
    assert_justified(paragraph_rows(rows, reader_right), reader_right, 76)
    side = "\n".join(row[116:] for row in rows)
    # Every chapter in the contents ("1. title" laid out: the number on the right).
    assert set(re.findall(r"\.([0-9]) │", side)) == {"1", "2", "3", "4", "5", "6"}
    # The time axis, from 1974 (at the right) to 2012, and quotes with their speaker.
    years = next(row for row in rows if "1974" in row[116:])
    assert years.index("2012") < years.index("1974")
    assert side.count("—") >= 2


def test_help_screen(
    snap_compare: SnapCompare, make_app: AppFactory, request: pytest.FixtureRequest
) -> None:
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=(120, 40))
    rows = stored_rows(request, (120, 40))
    assert_arabic_drawn_shaped(rows)
    text = "\n".join(rows)
    for keys in ("Ctrl+P", "PgDn", "Esc", "Tab", "1 … 9", "? F1", "Home End", "m"):
        assert keys in text, f"the help does not show {keys!r}"


def test_narrow_with_the_timeline_overlay(
    snap_compare: SnapCompare, make_app: AppFactory, request: pytest.FixtureRequest
) -> None:
    assert snap_compare(make_app(), press=["t"], terminal_size=(80, 24))
    rows = stored_rows(request, (80, 24))
    assert_arabic_drawn_shaped(rows)
    # The overlay stands on the right, over the reader, with its panes filled.
    assert all(row.endswith(("╮", "│", "╯")) for row in rows[1:-1])
    overlay = "\n".join(row[32:] for row in rows)
    # Below 100 columns the key brings its own pane only: the timeline, not
    # the contents.
    assert not re.findall(r"\.([0-9]) │", overlay)
    assert "◇" in overlay
    assert_axis(rows, reading=False)  # chapter 1 tells no dated event


def test_search_with_arabic_typed(
    snap_compare: SnapCompare, make_app: AppFactory, request: pytest.FixtureRequest
) -> None:
    press = ["slash", *"انسى"]
    assert snap_compare(make_app(), press=press, terminal_size=(120, 40))
    rows = stored_rows(request, (120, 40))
    assert_arabic_drawn_shaped(rows)
    # The field, in the key bar's row: the query at the right, after its prompt.
    assert FORGET_SHAPED in rows[-1][60:]
    # One quote left in the quote pane: one speaker line.
    assert "\n".join(rows).count("—") == 1


BRAILLE = range(0x2800, 0x2900)


def assert_axis(rows: list[str], *, reading: bool = True) -> None:
    """The axis: years from 1974 at the right to 2012, and the reading position
    (once an event has been told)."""
    text = "\n".join(rows)
    assert ("▼" in text) == reading
    years = next(row for row in rows if "1974" in row and "2012" in row)
    assert years.index("2012") < years.index("1974")


@pytest.mark.parametrize(
    ("size", "press"), [((120, 40), ["2"]), ((80, 24), ["4", "t"])], ids=["120x40", "80x24"]
)
def test_timeline_axis(
    snap_compare: SnapCompare,
    make_app: AppFactory,
    request: pytest.FixtureRequest,
    size: tuple[int, int],
    press: list[str],
) -> None:
    assert snap_compare(make_app(), press=press, terminal_size=size)
    rows = stored_rows(request, size)
    assert_arabic_drawn_shaped(rows)
    assert_axis(rows)
    assert "◆" in "\n".join(rows)


@pytest.mark.parametrize(
    ("size", "press"), [((120, 40), ["4", "m"]), ((80, 24), ["3", "m"])], ids=["120x40", "80x24"]
)
def test_journey(
    snap_compare: SnapCompare,
    make_app: AppFactory,
    request: pytest.FixtureRequest,
    size: tuple[int, int],
    press: list[str],
) -> None:
    assert snap_compare(make_app(), press=press, terminal_size=size)
    rows = stored_rows(request, size)
    assert_arabic_drawn_shaped(rows)
    text = "\n".join(rows)
    braille = sum(1 for character in text if ord(character) in BRAILLE)
    assert braille > 100, "no map drawn"
    assert "◆" in text, "the place the reader is at is not marked in the list"
