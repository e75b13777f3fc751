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
from typing import Literal, NamedTuple, Protocol

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


class MatchSource(Protocol):
    """The search matches of the chapter on screen, found as its lines are drawn."""

    def over(self, key: str, start: int, end: int) -> list[tuple[int, int]]:
        """The matches of item ``key`` that cover part of its logical range [start, end)."""
        ...

    def every(self) -> list[Mark]:
        """Every match of the chapter (costly: for tests and whole-set operations)."""
        ...


class MatchedItem(MarksOfItem):
    """An item's marks, with its search matches asked for a line at a time."""

    __slots__ = ("_key", "_matches")

    def __init__(self, key: str, marks: list[Mark], matches: MatchSource) -> None:
        super().__init__(marks)
        self._key = key
        self._matches = matches

    def between(self, start: int, end: int) -> list[Mark]:
        found = [
            Mark(self._key, first, last, "match")
            for first, last in self._matches.over(self._key, start, end)
        ]
        if not self.marks:
            return found
        # Matches first: an anchor on the same place is painted over them.
        return sorted([*found, *super().between(start, end)], key=lambda mark: mark.start)


class MarkSet:
    """The marks of the chapter on screen, grouped by item (what the reader keeps).

    ``matches``: the search matches, found line by line as the reader draws
    (a one-letter search in a 4 MB paragraph has 268,000 of them; the
    screen shows a few dozen).
    """

    __slots__ = ("_items", "_matches")

    def __init__(self, marks: Iterable[Mark] = (), matches: MatchSource | None = None) -> None:
        grouped: dict[str, list[Mark]] = {}
        for mark in marks:
            grouped.setdefault(mark.key, []).append(mark)
        self._items = {key: MarksOfItem(item_marks) for key, item_marks in grouped.items()}
        self._matches = matches

    def all(self, kind: MarkKind | None = None) -> list[Mark]:
        """The marks, all or of one kind."""
        found = [m for marks in self._items.values() for m in marks.marks if kind in (None, m.kind)]
        if self._matches is not None and kind in (None, "match"):
            found = [*self._matches.every(), *found]
        return found

    def of_item(self, key: str) -> MarksOfItem | None:
        """The marks of item ``key``, None if it has none."""
        marks = self._items.get(key)
        if self._matches is None:
            return marks
        return MatchedItem(key, marks.marks if marks is not None else [], self._matches)

    def without(self, kind: MarkKind) -> MarkSet:
        """These marks less those of one kind."""
        kept = [m for marks in self._items.values() for m in marks.marks if m.kind != kind]
        return MarkSet(kept, None if kind == "match" else self._matches)

    def adding(self, marks: Iterable[Mark]) -> MarkSet:
        """These marks and ``marks``."""
        mine = [m for item in self._items.values() for m in item.marks]
        return MarkSet([*mine, *marks], self._matches)


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
