"""Highlighted ranges of the reader: search matches and the phrase a pane points at.

A mark is a logical range of one item (paragraph or caption). The reader
keeps the marks of each item sorted (``MarkSet``), so that drawing a line
looks up the marks that cover it instead of scanning them all: a one-letter
search can mark tens of thousands of places in one long paragraph.
``marked_line`` paints a line's marks over it, in either BiDi mode.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Literal, NamedTuple

from rich.style import Style
from rich.text import Span, Text

from tui.render import line_text
from tui.render.bidi_text import logical_text
from tui.rtl import Direction, VisualLine

#: a search match, or the phrase an event, quote, era or place points at
MarkKind = Literal["match", "anchor"]


class Mark(NamedTuple):
    """A highlighted logical range of one item (search match or anchor phrase)."""

    key: str
    start: int
    end: int
    kind: MarkKind


class MarksOfItem:
    """The marks of one item, sorted, so a line finds its own without scanning them all
    (a one-letter search can mark tens of thousands of places in one paragraph)."""

    __slots__ = ("_longest", "_starts", "marks")

    def __init__(self, marks: list[Mark]) -> None:
        self.marks = sorted(marks, key=lambda mark: mark.start)
        self._starts = [mark.start for mark in self.marks]
        self._longest = max((mark.end - mark.start for mark in self.marks), default=0)

    def between(self, start: int, end: int) -> list[Mark]:
        """The marks that cover part of the logical range [start, end)."""
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_left(self._starts, end)
        return [mark for mark in self.marks[first:last] if mark.end > start]


class MarkSet:
    """The marks of the chapter on screen, grouped by item (what the reader keeps)."""

    __slots__ = ("_items",)

    def __init__(self, marks: Iterable[Mark] = ()) -> None:
        grouped: dict[str, list[Mark]] = {}
        for mark in marks:
            grouped.setdefault(mark.key, []).append(mark)
        self._items = {key: MarksOfItem(item_marks) for key, item_marks in grouped.items()}

    def all(self, kind: MarkKind | None = None) -> list[Mark]:
        """The marks, all or of one kind."""
        return [m for marks in self._items.values() for m in marks.marks if kind in (None, m.kind)]

    def of_item(self, key: str) -> MarksOfItem | None:
        """The marks of item ``key``, None if it has none."""
        return self._items.get(key)


def marked_line(
    line: VisualLine,
    logical: str,
    marks: MarksOfItem | None,
    style_of: Callable[[MarkKind], Style],
    *,
    visual: bool,
    direction: Direction,
) -> Text:
    """One line of an item (``logical`` is the item's text) with its marks painted on.

    In visual mode the marks land, through the line's index map, on exactly
    the glyphs that show each marked range; in logical mode on the logical
    characters, guarded so that the terminal orders the row itself.
    """
    spans = (
        []
        if marks is None
        else [
            Span(mark.start, mark.end, style_of(mark.kind))
            for mark in marks.between(line.start, line.end)
        ]
    )
    if visual:
        return line_text(line, spans)
    text = Text(logical[line.start : line.end], end="", no_wrap=True)
    for span in spans:
        start, end = max(span.start, line.start), min(span.end, line.end)
        if start < end:
            text.stylize(span.style, start - line.start, end - line.start)
    return logical_text(text, direction)
