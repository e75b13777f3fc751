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

from tui.rtl.breaking import Cluster, clusters, greedy_lines
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


def windowed_breaks(
    text: str, levels: bytes, width: int, window: int = WINDOW, *, logical: bool = False
) -> Iterator[tuple[int, int]]:
    """The lines of the paragraph as character ranges, as ``cluster_breaks`` gives them.

    ``breaking.greedy_lines``, as ``break_clusters`` runs it, on clusters
    read as they are needed; a line is given as soon as it is known.
    """
    stream = window_clusters(text, levels, window, logical=logical)
    seen: list[Cluster] = []

    def more(index: int) -> bool:
        # The clusters are read as far as the lines need them.
        while len(seen) <= index:
            found = next(stream, None)
            if found is None:
                return False
            seen.append(found)
        return True

    for first, last in greedy_lines(seen, width, more):
        yield (seen[first].start, seen[last - 1].end)
