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
from screen_reading import AppFactory, base_arabic, shaped_arabic

from tui.screens.help import KEYS

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


def assert_right_aligned(rows: list[str], right: int) -> None:
    """Rows of a paragraph end at column ``right`` and start where each happens to."""
    assert len(rows) >= 3
    assert {len(row[:right].rstrip()) for row in rows} == {right}
    assert len({len(row) - len(row.lstrip()) for row in rows}) > 1, "ragged on the left"


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
    # Narrow: the reader has the whole width, its text right-aligned 2 cells in.
    assert "╭" not in rows[1]
    assert_right_aligned(paragraph_rows(rows, 78), 78)


def test_main_screen_160x48(
    snap_compare: SnapCompare, make_app: AppFactory, request: pytest.FixtureRequest
) -> None:
    assert snap_compare(make_app(), terminal_size=(160, 48))
    rows = stored_rows(request, (160, 48))
    assert_arabic_drawn_shaped(rows)
    reader_right = 160 - 44 - 2  # the side panes are 44 wide; 2 cells of margin
    assert_right_aligned(paragraph_rows(rows, reader_right), reader_right)
    side = "\n".join(row[116:] for row in rows)
    # Every chapter in the contents ("1. title" laid out: the number on the right).
    assert set(re.findall(r"\.([0-9]) │", side)) == {"1", "2", "3", "4", "5", "6"}
    # Every event of the timeline, and the speaker of every quote.
    assert side.count("◇") + side.count("◆") == 12
    assert side.count("—") == 3


def test_help_screen(
    snap_compare: SnapCompare, make_app: AppFactory, request: pytest.FixtureRequest
) -> None:
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=(120, 40))
    rows = stored_rows(request, (120, 40))
    assert_arabic_drawn_shaped(rows)
    text = "\n".join(rows)
    for keys, _, _ in KEYS:
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
    assert set(re.findall(r"\.([0-9]) │", overlay)) == {"1", "2", "3", "4", "5", "6"}
    assert "◇" in overlay


def test_search_with_arabic_typed(
    snap_compare: SnapCompare, make_app: AppFactory, request: pytest.FixtureRequest
) -> None:
    press = ["slash", *"انسى"]
    assert snap_compare(make_app(), press=press, terminal_size=(120, 40))
    rows = stored_rows(request, (120, 40))
    assert_arabic_drawn_shaped(rows)
    # The field, above the Footer: the query at the right, after its prompt.
    assert FORGET_SHAPED in rows[-2][60:]
    # One quote left in the quote pane: one speaker line.
    assert "\n".join(rows).count("—") == 1
