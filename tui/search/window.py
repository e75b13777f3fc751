"""The matches on a few lines of a giant passage, before the passage is indexed.

Folding a 4 MB paragraph takes a tenth of a second; the lines on screen hold
a few thousand characters. ``matches_over`` folds a window around the lines
and searches it alone, with the same answer the passage's index gives:

- folding is per character except where spaces merge: the window starts on
  a character that folds to something other than a space, so its key is the
  passage's key from that character on;
- a match that covers the lines begins at most its width (in key characters)
  before them, and whether ي or ه ends a word depends on the one character
  after: the window reaches that far on both sides, and further;
- which occurrences count depends on those before only for a query whose
  occurrences can overlap and around a character that folds to several:
  then there is no answer here (None), and the lines wait for the index.
"""

from __future__ import annotations

from tui.search.folding import fold_key, fold_query, fold_table
from tui.search.index import SearchIndex, can_overlap

#: characters folded on each side of the range at first (doubled until enough)
MARGIN = 256


def matches_over(text: str, query: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The matches of ``query`` in ``text`` that cover part of [start, end), or None.

    ``SearchIndex([(key, text)]).find_over(key, query, start, end)``, as
    ``(start, end)`` pairs, at the cost of the range; None when the answer
    depends on the passage before the range (see the module's docstring).
    """
    folded = fold_query(query)
    width = folded.width
    if width == 0 or start >= end:
        return []
    if can_overlap(folded.spellings):
        return None
    table = fold_table(keep_hamza=folded.keep_hamza, word_ends=True)
    margin = max(MARGIN, 4 * width)
    while True:
        first = _window_start(text, max(0, start - margin), table)
        last = min(len(text), end + margin)
        before = fold_key(text[first:start], table)
        after = fold_key(text[end:last], table)
        # Enough key on each side (one character may merge into a space).
        if (first == 0 or len(before) >= width + 2) and (
            last == len(text) or len(after) >= width + 2
        ):
            break
        margin *= 2
    window = text[first:last]
    fold_key(window, table)  # the table sees every character of the window
    if any(char in window for char in table.expanding):
        return None
    found = SearchIndex([(0, window)]).find_over(0, query, start - first, end - first)
    return [(match.start + first, match.end + first) for match in found]


def _window_start(text: str, at: int, table: dict[int, str]) -> int:
    # Back to a character that folds to something other than a space: the
    # window's key is then the passage's key from there on.
    while at > 0:
        folded = table[ord(text[at])]
        if folded and folded[0] != " ":
            return at
        at -= 1
    return 0
