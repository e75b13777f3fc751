"""Finding a query in every passage of a story at once.

``SearchIndex`` is built once from ``(key, text)`` passages (the app passes paragraph
and quote ids). It folds all of them into one long key string, passages
separated by a character no key holds, so a search is ``str.find`` in C and
``bisect`` to name the passage: a three-letter query costs a few milliseconds plus
a little per match returned. The offsets back to each passage's text are worked out
the first time a match in that passage is returned, then kept.

A ``Match`` holds offsets into the passage's original (logical) text: the caller
shows and highlights the text as written, never the folded key.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import Generic, NamedTuple, TypeVar

from tui.search.folding import (
    SLICE,
    FoldedQuery,
    fold_key_in_slices,
    fold_query,
    fold_table,
    let_others_run,
    without_word_ends_in_slices,
    word_end_letter,
)
from tui.search.normalize import extend_over_marks, key_origin, key_origin_runs

K = TypeVar("K", bound=Hashable)

#: a passage longer than this keeps its offsets as runs (``OriginRuns``): a
#: look-up costs a bisection, but the offsets of megabytes take milliseconds
_LONG_PASSAGE = 100_000

# Folding drops every control character, so no key (and no query) contains this.
_SEPARATOR = "\x00"


def can_overlap(spellings: tuple[str, ...]) -> bool:
    """True when two occurrences of the spellings could overlap (``aa`` in ``aaa``)."""
    width = len(spellings[0])
    return any(
        first[width - size :] == second[:size]
        for first in spellings
        for second in spellings
        for size in range(1, width)
    )


class Match(NamedTuple, Generic[K]):
    """A place where the query was found: ``text[start:end]`` of passage ``key``."""

    key: K
    start: int
    end: int


class _Keys:
    """Every passage folded one way, joined into one string to search."""

    def __init__(self, texts: list[str], *, keep_hamza: bool) -> None:
        self._texts = texts
        # The word-ends table folds ى and ة apart from ي and ه but otherwise, and
        # in length, exactly as the plain one: one table serves for keys and offsets.
        self._table = fold_table(keep_hamza=keep_hamza, word_ends=True)
        # Folded a slice at a time: built in a thread, the keys of a 4 MB
        # paragraph must not hold the interpreter (and the screen) for 100 ms.
        folded: list[str] = []
        since_pause = 0
        for text in texts:
            folded.append(fold_key_in_slices(text, self._table))
            since_pause += len(text)
            if since_pause > SLICE:  # many short passages: as many characters as a slice
                let_others_run()
                since_pause = 0
        self.starts: array[int] = array("I")
        position = 0
        for key in folded:
            self.starts.append(position)
            position += len(key) + 1
        # ى and ة as written: where the reader typed one, a match must have it
        # there, or ي / ه at a word's end (``word_end_letter``).
        self.written = _SEPARATOR.join(folded)
        self.text = without_word_ends_in_slices(self.written)
        # Whether some character folds to several (ß, ﻻ): two matches in one key
        # can then fall on the same source character.
        expanding = self._table.expanding
        self.expands = bool(expanding) and any(char in text for text in texts for char in expanding)
        self._origins: dict[int, Sequence[int]] = {}

    def origin(self, passage: int) -> Sequence[int]:
        origin = self._origins.get(passage)
        if origin is None:
            text = self._texts[passage]
            if len(text) > _LONG_PASSAGE:
                origin = key_origin_runs(text, self._table)
            else:
                origin = key_origin(text, self._table)
            self._origins[passage] = origin
        return origin

    def positions(
        self, query: FoldedQuery, start: int = 0, end: int | None = None
    ) -> Iterator[int]:
        """Where ``query`` starts in ``text[start:end]``: left to right, never overlapping."""
        text = self.text
        end = len(text) if end is None else end
        width = query.width
        checks = query.word_ends
        written = self.written
        if len(query.spellings) == 1:
            spelling = query.spellings[0]
            found = text.find(spelling, start, end)
            while found >= 0:
                if all(
                    word_end_letter(written, found + offset) == letter for offset, letter in checks
                ):
                    yield found
                    found = text.find(spelling, found + width, end)
                else:
                    found = text.find(spelling, found + 1, end)
            return
        spellings = query.spellings
        upcoming = [text.find(spelling, start, end) for spelling in spellings]
        while True:
            candidates = [found for found in upcoming if found >= 0]
            if not candidates:
                return
            found = min(candidates)
            if all(word_end_letter(written, found + offset) == letter for offset, letter in checks):
                yield found
                resume = found + width
            else:
                resume = found + 1
            upcoming = [
                later if later < 0 or later >= resume else text.find(spelling, resume, end)
                for later, spelling in zip(upcoming, spellings, strict=True)
            ]


class SearchIndex(Generic[K]):
    """Every passage of a story, ready to be searched the way Arabic readers type.

    Matches come in passage order, then left to right within a passage, and never
    overlap. An empty query, or one made only of ignored characters, finds nothing.
    """

    def __init__(self, passages: Iterable[tuple[K, str]]) -> None:
        self._passage_keys: list[K] = []
        self._texts: list[str] = []
        for key, text in passages:
            self._passage_keys.append(key)
            self._texts.append(text)
        self._plain = _Keys(self._texts, keep_hamza=False)
        # Built the first time a query holds a lone ء.
        self._with_hamza: _Keys | None = None
        # Passage number of each key, built the first time one passage is searched.
        self._numbers: dict[K, int] | None = None
        self._last_query: tuple[str, FoldedQuery] | None = None

    def __len__(self) -> int:
        return len(self._texts)

    def prepare_long_passages(self) -> None:
        """Work out the offsets of the passages kept as runs (where a thread can do it)."""
        for passage, text in enumerate(self._texts):
            if len(text) > _LONG_PASSAGE:
                self._plain.origin(passage)

    def _keys_for(self, query: FoldedQuery) -> _Keys:
        if not query.keep_hamza:
            return self._plain
        if self._with_hamza is None:
            self._with_hamza = _Keys(self._texts, keep_hamza=True)
        return self._with_hamza

    def _matches(self, query: str) -> Iterator[Match[K]]:
        folded = fold_query(query)
        width = folded.width
        if width == 0:
            return
        keys = self._keys_for(folded)
        starts = keys.starts
        next_start = 0  # where the passage after the current one starts in the key
        for found in keys.positions(folded):
            if found >= next_start:
                passage = bisect_right(starts, found) - 1
                base = starts[passage]
                next_start = starts[passage + 1] if passage + 1 < len(starts) else len(keys.text)
                origin = keys.origin(passage)
                text = self._texts[passage]
                passage_key = self._passage_keys[passage]
                last_end = 0
            start = origin[found - base]
            if start < last_end:
                # The rest of a character the previous match already covers
                # (the second s of ß against the query "s").
                continue
            last_end = extend_over_marks(text, origin[found - base + width - 1] + 1)
            yield Match(passage_key, start, last_end)

    def find(self, query: str, limit: int | None = None) -> list[Match[K]]:
        """The matches of ``query``, at most ``limit`` of them (all when None)."""
        if limit is not None and limit <= 0:
            return []
        found: list[Match[K]] = []
        for match in self._matches(query):
            found.append(match)
            if limit is not None and len(found) >= limit:
                break
        return found

    def first(self, query: str) -> Match[K] | None:
        """The first match of ``query``, or None: one ``str.find`` and one passage's offsets."""
        return next(self._matches(query), None)

    def find_in(
        self, passage_key: K, query: str, start: int = 0, end: int | None = None
    ) -> list[Match[K]]:
        """The matches of ``query`` in one passage that start in its logical range [start, end).

        The same matches ``find`` gives for that passage and range, found by
        searching only the part of the passage's key that range covers: on a
        paragraph of megabytes with tens of thousands of matches, the matches
        of the lines on screen cost what those lines hold. (A query whose
        occurrences could overlap, or a passage with characters that fold to
        several, is searched from the passage's start, as ``find`` does, since
        which occurrences count then depends on those before.)
        """
        return self._find_in(passage_key, query, start, end, covering=False)

    def find_over(
        self, passage_key: K, query: str, start: int = 0, end: int | None = None
    ) -> list[Match[K]]:
        """The matches of ``query`` in one passage that cover part of its range [start, end).

        What a line of the reader needs to paint: ``find_in``'s matches, and
        the one begun on the line before that runs onto this one.
        """
        return self._find_in(passage_key, query, start, end, covering=True)

    def _find_in(
        self, passage_key: K, query: str, start: int, end: int | None, *, covering: bool
    ) -> list[Match[K]]:
        passage = self._passage_numbers().get(passage_key)
        folded = self._folded(query)
        width = folded.width
        if passage is None or width == 0:
            return []
        keys = self._keys_for(folded)
        text = self._texts[passage]
        end = len(text) if end is None else min(end, len(text))
        if start >= end:
            return []
        base = keys.starts[passage]
        origin = keys.origin(passage)
        key_start = base
        if not keys.expands and not can_overlap(folded.spellings):
            # Occurrences cannot overlap: each is a match, wherever the search
            # begins. A match covering ``start`` begins at most ``width`` key
            # characters before it (its last letter's marks may reach past it).
            first_key = bisect_left(origin, start)
            key_start = base + (max(0, first_key - width) if covering else first_key)
        key_end = base + bisect_left(origin, end)
        found: list[Match[K]] = []
        last_end = 0
        for position in keys.positions(folded, key_start, key_end + width - 1):
            first = origin[position - base]
            if first < last_end:
                continue  # the rest of a character the previous match covers
            last_end = extend_over_marks(text, origin[position - base + width - 1] + 1)
            if (last_end > start) if covering else (first >= start):
                found.append(Match(passage_key, first, last_end))
        return found

    def _folded(self, query: str) -> FoldedQuery:
        # The lines of a screen ask for the same query one after another.
        last = self._last_query
        if last is None or last[0] != query:
            last = self._last_query = (query, fold_query(query))
        return last[1]

    def passages_with(self, query: str) -> list[K]:
        """The passages with a match of ``query``, in order, without building the matches.

        The first occurrence in a passage is always a match (only a later one
        can fall inside an earlier match), so each passage costs one search
        from its start: ``find`` would also map every match back to the text.
        """
        folded = fold_query(query)
        if folded.width == 0:
            return []
        keys = self._keys_for(folded)
        starts = keys.starts
        found: list[K] = []
        position = 0
        simple = len(folded.spellings) == 1 and not folded.word_ends
        find, spelling = keys.text.find, folded.spellings[0]
        while True:
            # The common case without a generator per passage: one str.find.
            first = (
                find(spelling, position) if simple else next(keys.positions(folded, position), -1)
            )
            if first < 0:
                break
            passage = bisect_right(starts, first) - 1
            found.append(self._passage_keys[passage])
            if passage + 1 >= len(starts):
                break
            position = starts[passage + 1]
        return found

    def _passage_numbers(self) -> dict[K, int]:
        if self._numbers is None:
            self._numbers = {key: number for number, key in enumerate(self._passage_keys)}
        return self._numbers

    def count(self, query: str) -> int:
        """How many matches ``find(query)`` returns, without building them."""
        folded = fold_query(query)
        if folded.width == 0:
            return 0
        keys = self._keys_for(folded)
        if keys.expands:
            return sum(1 for _ in self._matches(query))
        if len(folded.spellings) == 1 and not folded.word_ends:
            # ``positions`` is then str.find stepping past each match, which is
            # what str.count does, in C: the one-letter queries of the first
            # keystroke have tens of thousands of matches in a large story.
            return keys.text.count(folded.spellings[0])
        return sum(1 for _ in keys.positions(folded))
