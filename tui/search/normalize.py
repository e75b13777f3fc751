"""From a search key back to the text it was folded from: the offsets that highlighting needs.

``normalize(text)`` gives a ``Folded``: the search key of ``text`` and, for each key
character, the index of the source character it came from, so that a match in the
key becomes the exact source glyphs to highlight. ``key_origin`` gives those
offsets for a key already made, ``key_origin_runs`` the same kept as runs for a
passage of megabytes. The folding itself, and why it folds what it folds, is
``tui.search.folding``'s.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import overload

from tui.search.folding import FoldTable, fold_key, fold_table, is_trailing_mark


def fold_with_origin(text: str, table: FoldTable | None = None) -> tuple[str, array[int]]:
    """The search key of ``text`` and, for each key character, its source index."""
    table = table if table is not None else fold_table()
    key = fold_key(text, table)  # also makes sure the table has seen every character
    return key, key_origin(text, table)


def key_origin(text: str, table: FoldTable) -> array[int]:
    """For each character of ``fold_key(text, table)``, its index in ``text``.

    ``table`` must already have folded every character of ``text`` (``fold_key``
    does that).
    """
    irregular, merging = table.patterns()
    if merging.search(text):
        return _fold_with_origin_by_character(text, table)[1]
    if irregular is None:
        return array("I", range(len(text)))
    # Between the characters that fold to nothing or to several, key and text run
    # one to one: copy those runs whole.
    origin: array[int] = array("I")
    previous = 0
    for found in irregular.finditer(text):
        index = found.start()
        origin.extend(range(previous, index))
        origin.extend(repeat(index, len(table[ord(text[index])])))
        previous = index + 1
    origin.extend(range(previous, len(text)))
    return origin


class OriginRuns(Sequence[int]):
    """``key_origin`` kept as runs: what a passage of megabytes needs instead of an array.

    Between the characters that fold to nothing or to several, key and text run
    one to one; each run is three numbers, so the offsets of a long passage take
    a few kilobytes and a few milliseconds to build (the array takes 4 bytes and
    some 60 ns per character), and a look-up is a bisection.
    """

    __slots__ = ("_keys", "_size", "_sources", "_steps")

    def __init__(self, text: str, table: FoldTable, irregular: re.Pattern[str]) -> None:
        keys: list[int] = []
        sources: list[int] = []
        steps: list[int] = []
        key = 0
        previous = 0
        for found in irregular.finditer(text):
            index = found.start()
            if index > previous:
                keys.append(key)
                sources.append(previous)
                steps.append(1)
                key += index - previous
            length = len(table[ord(text[index])])
            if length:
                keys.append(key)
                sources.append(index)
                steps.append(0)
                key += length
            previous = index + 1
        if previous < len(text):
            keys.append(key)
            sources.append(previous)
            steps.append(1)
            key += len(text) - previous
        self._keys = keys
        self._sources = sources
        self._steps = steps
        self._size = key

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, position: int) -> int: ...

    @overload
    def __getitem__(self, position: slice) -> list[int]: ...

    def __getitem__(self, position: int | slice) -> int | list[int]:
        if isinstance(position, slice):
            return [self[k] for k in range(*position.indices(self._size))]
        if position < 0:
            position += self._size
        if not 0 <= position < self._size:
            raise IndexError("key position out of range")
        run = bisect_right(self._keys, position) - 1
        return self._sources[run] + (position - self._keys[run]) * self._steps[run]


def key_origin_runs(text: str, table: FoldTable) -> Sequence[int]:
    """``key_origin(text, table)`` as runs where it can be (see ``OriginRuns``)."""
    irregular, merging = table.patterns()
    if irregular is None or merging.search(text):
        return key_origin(text, table)
    return OriginRuns(text, table, irregular)


def _fold_with_origin_by_character(text: str, table: FoldTable) -> tuple[str, array[int]]:
    pieces: list[str] = []
    origin: array[int] = array("I")
    after_space = False
    for index, char in enumerate(text):
        for piece in table[ord(char)]:
            if piece == " ":
                if after_space:
                    continue
                after_space = True
            else:
                after_space = False
            pieces.append(piece)
            origin.append(index)
    return "".join(pieces), origin


def extend_over_marks(source: str, end: int) -> int:
    """Move a span's ``end`` past the marks that sit on its last letter."""
    while end < len(source) and is_trailing_mark(source[end]):
        end += 1
    return end


@dataclass(frozen=True, slots=True)
class Folded:
    """A text's search key and the way back from the key to the text."""

    source: str
    text: str
    # origin[i] is the index in ``source`` of the character key character i comes from;
    # it never decreases, and repeats where one character folds to several (ß -> ss).
    origin: array[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source span covering key span [start, end), with the last letter's marks."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"key span [{start}, {end}) is empty or outside 0..{len(self.text)}")
        return self.origin[start], extend_over_marks(self.source, self.origin[end - 1] + 1)


def normalize(text: str) -> Folded:
    """Fold ``text`` for searching, keeping the offsets back to it."""
    key, origin = fold_with_origin(text)
    return Folded(text, key, origin)
