"""Breaking a paragraph into lines in logical order, by the cell width of its glyphs.

Lines break at spaces; a word longer than the line is folded between two
clusters (a letter and the marks that lean on it, a lam and its alef in a
lam-alef ligature). Leading spaces of a paragraph stay if they leave room;
spaces at a break show nothing.

Two ways to the same lines:

``cluster_breaks``
    the general one: every cluster of the shaped paragraph measured with
    Rich, then a greedy pass. It handles everything (emoji sequences, wide
    characters, spaces of every kind, lone marks on a space).
``simple_breaks``
    for the paragraphs almost all prose is (``is_simple``): each line found
    from its start with a few searches in C, without shaping anything, so
    that the lines of a long paragraph are found one at a time, as far as
    they are asked for. Shaping changes no cell width there except the
    lam-alef ligature (two letters, one cell), which it counts.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size

from tui.rtl.shaping import is_lam_alef
from tui.rtl.simple_text import BREAKING_SPACES, MARK_CATEGORIES, zero_pattern


class Cluster(NamedTuple):
    """Glyphs that stay together on a line: a base and what leans on it.

    A named tuple, not a dataclass: one is made per character of every
    paragraph laid out this way, and tuples are several times cheaper to build.
    """

    start: int
    end: int
    cells: int
    space: bool


@functools.lru_cache(maxsize=1024)
def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in MARK_CATEGORIES


def clusters(text: str, glyphs: Sequence[str]) -> tuple[Cluster, ...]:
    """The clusters of a shaped paragraph (``glyphs`` as ``shaping.shape`` gives them)."""
    found: list[Cluster] = []
    size = len(text)
    # A glyph is one character or none (see shaping.shape).
    widths = [get_character_cell_size(glyph) if glyph else 0 for glyph in glyphs]
    i = 0
    while i < size:
        start = i
        i += 1
        if i < size and not glyphs[start] and is_lam_alef(glyphs[i]):
            i += 1  # the lam's place and its ligature stay together
        # Marks, spent controls, variation selectors, emoji modifiers and
        # ZWJ-joined pictographs lean on what precedes them. After a space,
        # a combining mark stays on it (a lone haraka is shown on a space, so
        # that space is no break), while a format character opens the next
        # word: a break at the space must not lose it.
        while (
            i < size
            and (
                widths[i] == 0
                or "\U0001f3fb" <= text[i] <= "\U0001f3ff"
                or glyphs[i - 1] == "\u200d"
            )
            and (text[i - 1] not in BREAKING_SPACES or _is_mark(text[i]))
            and not (i + 1 < size and not glyphs[i] and is_lam_alef(glyphs[i + 1]))
        ):
            i += 1
        if i == start + 1:
            cells = widths[start]
            space = text[start] in BREAKING_SPACES
        else:
            # Several characters: Rich measures emoji sequences as one.
            cells = cell_len("".join(glyphs[start:i]))
            space = all(text[k] in BREAKING_SPACES for k in range(start, i))
        found.append(Cluster(start, i, cells, space))
    return tuple(found)


def _no_more(index: int) -> bool:
    return False


def greedy_lines(
    clusters: Sequence[Cluster], width: int, more: Callable[[int], bool] = _no_more
) -> Iterator[tuple[int, int]]:
    """Greedy line breaking in logical order: cluster ranges [first, last) per line,
    each given as soon as it is known.

    ``more(k)``, when ``clusters`` holds no cluster ``k``, reads on (a list
    fed from a stream) and says whether there is one now.
    """
    k = 0
    line_start = -1  # first cluster of the current line, -1 when the line is empty
    line_end = 0  # one past the last non-space cluster of the current line
    used = 0
    while k < len(clusters) or more(k):
        # a gap: spaces before the next word
        gap_start = k
        gap_cells = 0
        while (k < len(clusters) or more(k)) and clusters[k].space:
            gap_cells += clusters[k].cells
            k += 1
        if not (k < len(clusters) or more(k)):
            break  # trailing spaces end the paragraph, they show nothing
        word_start = k
        word_cells = 0
        while (k < len(clusters) or more(k)) and not clusters[k].space:
            word_cells += clusters[k].cells
            k += 1
        if line_start < 0:
            # Leading spaces of the paragraph stay, if they leave room.
            if gap_start == 0 and gap_cells + word_cells <= width:
                line_start, used = gap_start, gap_cells
            else:
                line_start, used = word_start, 0
        elif used + gap_cells + word_cells <= width:
            used += gap_cells
        else:
            yield (line_start, line_end)
            line_start, used = word_start, 0
        if used + word_cells <= width:
            used += word_cells
            line_end = k
            continue
        # A word longer than the room left: fold it, cluster by cluster.
        if used > 0 and line_start < word_start:
            yield (line_start, line_end)
            line_start, used = word_start, 0
        for m in range(word_start, k):
            cells = clusters[m].cells
            if used + cells > width and used > 0:
                yield (line_start, m)
                line_start, used = m, 0
            used += cells
        line_end = k
    if line_start >= 0:
        yield (line_start, line_end)


def break_clusters(clusters: Sequence[Cluster], width: int) -> list[tuple[int, int]]:
    """Greedy line breaking in logical order: cluster ranges [first, last) per line."""
    return list(greedy_lines(clusters, width))


def cluster_breaks(found: Sequence[Cluster], width: int) -> list[tuple[int, int]]:
    """The lines of a paragraph as character ranges [start, end), from its clusters."""
    return [
        (found[first].start, found[last - 1].end) for first, last in break_clusters(found, width)
    ]


_LAM_ALEF = re.compile("\u0644[\u0622\u0623\u0625\u0627]")
_NON_SPACE = re.compile("[^ ]")


class _Measure:
    """Cells of ranges of a simple paragraph: one per character, less the hidden ones."""

    __slots__ = ("_lams", "_zero", "_zeros", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        zero = zero_pattern()
        self._zero = zero
        self._zeros = zero.search(text) is not None
        self._lams = _LAM_ALEF.search(text) is not None

    def hidden(self, start: int, end: int) -> int:
        """Characters of [start, end) that take no cell (marks, controls, the lam of a lam-alef)."""
        count = 0
        if self._zeros:
            count += len(self._zero.findall(self.text, start, end))
        if self._lams:
            # A lam at end - 1 hides itself in a ligature with the alef at end.
            count += len(_LAM_ALEF.findall(self.text, start, min(len(self.text), end + 1)))
        return count

    def cells(self, start: int, end: int) -> int:
        """The cells ``text[start:end]`` takes on screen."""
        return end - start - self.hidden(start, end)

    def fit(self, start: int, width: int) -> int:
        """The furthest cluster boundary ``end`` with ``text[start:end]`` within ``width`` cells."""
        text = self.text
        size = len(text)
        end = min(size, start + width)
        hidden = self.hidden(start, end)
        while hidden and end < size:
            further = min(size, start + width + hidden)
            if further == end:
                break
            end = further
            more = self.hidden(start, end)
            if more == hidden:
                break
            hidden = more
        if end < size:
            if end > start + 1 and _LAM_ALEF.match(text, end - 1):
                end -= 1  # a lam-alef that does not fit goes to the next line whole
            elif self._zeros:
                # Zero-width characters lean on the glyph before them.
                while end < size and self._zero.match(text, end):
                    end += 1
        return max(end, start + 1)


def simple_breaks(text: str, width: int) -> Iterator[tuple[int, int]]:
    """The lines of a simple paragraph as character ranges, found one at a time."""
    first = _NON_SPACE.search(text)
    if first is None:
        return
    measure = _Measure(text)
    size = len(text)
    start = first.start()
    if start > 0:
        # Leading spaces of the paragraph stay, if they leave room for its first word.
        word_end = text.find(" ", start)
        if measure.cells(0, size if word_end < 0 else word_end) <= width:
            start = 0
    while True:
        end = measure.fit(start, width)
        if end >= size and text[size - 1] != " ":
            yield start, size
            return
        # The last word that ends within the room, if any.
        space = text.rfind(" ", start + 1, end + 1)
        while space > start and text[space - 1] == " ":
            space -= 1
        if space > start:
            yield start, space
            following = _NON_SPACE.search(text, space)
            if following is None:
                return
            start = following.start()
        else:
            # A word longer than the line: fold it where the room ends.
            yield start, end
            start = end
