"""Highlighted ranges of the reader: search matches and the phrase a pane points at.

A mark is a logical range of one item (paragraph or caption). The reader
keeps the marks of each item sorted, so that drawing a line looks up the
marks that cover it instead of scanning them all: a one-letter search can
mark tens of thousands of places in one long paragraph.
"""

from __future__ import annotations

import bisect
from typing import Literal, NamedTuple

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
