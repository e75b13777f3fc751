"""The lines of a long paragraph that ``simple_breaks`` cannot take, found as they are asked for.

``cluster_breaks`` measures every cluster of a shaped paragraph before it
gives its first line: for a giant paragraph with one emoji or one thin space
(not "simple", ``breaking.is_simple``) the first screen shaped and measured
megabytes (3 s for 1.8 MB). ``windowed_breaks`` gives the same lines, shaping
and measuring the paragraph a window at a time, as far as the lines asked
for reach.

A window ends right before a space (U+0020) that does not follow a ZWJ: no
cluster runs across such a space (a space is a cluster of its own, which
only zero-width marks after it join), and shaping starts afresh at a space
(``shaping.shaped_span``), so the clusters of the windows, end to end, are
the clusters of the whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tui.rtl.breaking import Cluster, clusters
from tui.rtl.shaping import NO_GLYPH, is_lam_alef, shaped_span

#: characters shaped and measured at a time
WINDOW = 8192
_CUT = re.compile("(?<!\u200d) ")


def window_clusters(
    text: str, levels: bytes, window: int = WINDOW, *, logical: bool = False
) -> Iterator[Cluster]:
    """The clusters of ``text`` (a paragraph, resolved to ``levels``), window by window.

    ``logical``: measured as a terminal that shapes by itself shows them, a
    lam-alef ligature in the two cells of its letters (``Piece.breaks``).
    """
    size = len(text)
    start = 0
    while start < size:
        cut = _CUT.search(text, min(start + window, size))
        end = cut.start() if cut else size
        if end <= start:
            end = size
        glyphs = [
            glyph if glyph != NO_GLYPH else "" for glyph in shaped_span(text, levels, start, end)
        ]
        lams = _lams(glyphs) if logical else ()
        for found in clusters(text[start:end], glyphs):
            cells = found.cells
            if lams:
                cells += sum(1 for i in range(found.start, found.end) if i in lams)
            yield Cluster(found.start + start, found.end + start, cells, found.space)
        start = end


def _lams(glyphs: list[str]) -> frozenset[int]:
    """Where a lam has no glyph of its own, shown in the lam-alef ligature after it."""
    return frozenset(
        i for i in range(len(glyphs) - 1) if not glyphs[i] and is_lam_alef(glyphs[i + 1])
    )


class _Seen:
    """The clusters read so far from a stream, by index."""

    __slots__ = ("_items", "_stream")

    def __init__(self, stream: Iterator[Cluster]) -> None:
        self._stream = stream
        self._items: list[Cluster] = []

    def has(self, index: int) -> bool:
        while len(self._items) <= index:
            found = next(self._stream, None)
            if found is None:
                return False
            self._items.append(found)
        return True

    def __getitem__(self, index: int) -> Cluster:
        return self._items[index]


def windowed_breaks(
    text: str, levels: bytes, width: int, window: int = WINDOW, *, logical: bool = False
) -> Iterator[tuple[int, int]]:
    """The lines of the paragraph as character ranges, as ``cluster_breaks`` gives them.

    ``breaking.break_clusters`` step for step, on clusters read as they are
    needed; a line is given as soon as it is known.
    """
    seen = _Seen(window_clusters(text, levels, window, logical=logical))

    def line(first: int, last: int) -> tuple[int, int]:
        return (seen[first].start, seen[last - 1].end)

    k = 0
    line_start = -1
    line_end = 0
    used = 0
    while seen.has(k):
        gap_start = k
        gap_cells = 0
        while seen.has(k) and seen[k].space:
            gap_cells += seen[k].cells
            k += 1
        if not seen.has(k):
            break
        word_start = k
        word_cells = 0
        while seen.has(k) and not seen[k].space:
            word_cells += seen[k].cells
            k += 1
        if line_start < 0:
            if gap_start == 0 and gap_cells + word_cells <= width:
                line_start, used = gap_start, gap_cells
            else:
                line_start, used = word_start, 0
        elif used + gap_cells + word_cells <= width:
            used += gap_cells
        else:
            yield line(line_start, line_end)
            line_start, used = word_start, 0
        if used + word_cells <= width:
            used += word_cells
            line_end = k
            continue
        if used > 0 and line_start < word_start:
            yield line(line_start, line_end)
            line_start, used = word_start, 0
        for m in range(word_start, k):
            cells = seen[m].cells
            if used + cells > width and used > 0:
                yield line(line_start, m)
                line_start, used = m, 0
            used += cells
        line_end = k
    if line_start >= 0:
        yield line(line_start, line_end)
