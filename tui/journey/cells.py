"""Rows of terminal cells, drawn in visual order, each run of cells with a kind.

The axis and the map are drawn cell by cell, left to right as the screen
shows them, and handed to a widget as ``Row`` values: the text of the row and
the runs of it that a widget colours by kind ("event-current", "land",
"route-done" ...). A cell holds one character of one cell's width, or an
Arabic letter with its harakat (zero-width marks stay with their letter), so
a row's ``text`` may be longer than its width in characters; ``spans`` are in
characters of ``text``, as ``rich.text.Text.stylize`` takes them.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from tui.rtl import Direction, VisualLine, layout_paragraph


class StyleSpan(NamedTuple):
    """Characters ``[start, end)`` of a row's text that are of one ``kind``."""

    start: int
    end: int
    kind: str


class Row(NamedTuple):
    """One screen row: its text in visual order and its styled runs."""

    text: str
    spans: tuple[StyleSpan, ...]

    def kinds(self) -> list[str]:
        """The kind of each cell ("" for none): what a test reads back."""
        result: list[str] = []
        kind_at: dict[int, str] = {}
        for span in self.spans:
            for index in range(span.start, span.end):
                kind_at[index] = span.kind
        for index, char in enumerate(self.text):
            if not _zero_width(char):
                result.append(kind_at.get(index, ""))
        return result


def _zero_width(char: str) -> bool:
    return unicodedata.combining(char) > 0 or char in "\u200c\u200d"


def clusters(text: str) -> list[str]:
    """``text`` cut into cells: each character with the zero-width marks after it."""
    cells: list[str] = []
    for char in text:
        if cells and _zero_width(char):
            cells[-1] += char
        else:
            cells.append(char)
    return cells


class Canvas:
    """A row of ``width`` cells to draw on; the last drawing on a cell wins."""

    def __init__(self, width: int, fill: str = " ", kind: str = "") -> None:
        self.width = width
        self.cells = [fill] * width
        self.kinds = [kind] * width

    def put(self, column: int, text: str, kind: str) -> None:
        """Draw ``text`` (visual order) from ``column``; what falls off is dropped."""
        for offset, cell in enumerate(clusters(text)):
            where = column + offset
            if 0 <= where < self.width:
                self.cells[where] = cell
                self.kinds[where] = kind

    def restyle(self, column: int, kind: str) -> None:
        """Give the cell at ``column`` another kind, keeping its character."""
        if 0 <= column < self.width:
            self.kinds[column] = kind

    def row(self) -> Row:
        text: list[str] = []
        spans: list[StyleSpan] = []
        offset = 0
        for cell, kind in zip(self.cells, self.kinds, strict=True):
            end = offset + len(cell)
            if kind:
                if spans and spans[-1].kind == kind and spans[-1].end == offset:
                    spans[-1] = StyleSpan(spans[-1].start, end, kind)
                else:
                    spans.append(StyleSpan(offset, end, kind))
            text.append(cell)
            offset = end
        return Row("".join(text), tuple(spans))


ELLIPSIS = "…"


def fit_label(label: str, room: int, direction: Direction) -> str | None:
    """``label`` in visual order in at most ``room`` cells, cut with "…" at
    its logical end when it is too long (so at the left end of a right-to-left
    label); ``None`` when not even one letter and the ellipsis fit."""
    if room < 1:
        return None
    whole = layout_paragraph(label, max(room, 1), direction)
    if len(whole.lines) == 1 and whole.lines[0].cells <= room:
        return whole.lines[0].text
    if room < 2:
        return None
    # The longest logical prefix that fits with its ellipsis: the cut is made
    # in logical order and laid out again, so that the reordering and the
    # letter forms are those of the shortened label.
    low, high, cut = 1, len(label) - 1, 0
    while low <= high:
        middle = (low + high) // 2
        if _shortened(label, middle, direction).cells <= room:
            cut, low = middle, middle + 1
        else:
            high = middle - 1
    if cut == 0:
        return None
    # Whole words when at least one fits: "Childhood and…", not "Childhood a…".
    word_end = label.rfind(" ", 0, cut + 1)
    if word_end > 0 and not label[cut].isspace() and label[:word_end].strip():
        cut = word_end
    return _shortened(label, cut, direction).text


def _shortened(label: str, length: int, direction: Direction) -> VisualLine:
    return layout_paragraph(label[:length].rstrip() + ELLIPSIS, 10_000, direction).lines[0]
