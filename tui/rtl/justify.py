"""Justified right-to-left lines: kashidas (tatweel, U+0640) first, then spaces.

Printed Arabic is justified by lengthening the stroke that joins two letters
(the kashida) before it widens the spaces. In a terminal grid a tatweel is
one cell, so a line can be filled the same way. This module is the step
between line breaking and the finished visual line: it never moves a line
break, it only adds tatweels and spaces to a line the engine has already
shaped and reordered, and it keeps the line's index map true. Where a word
may take a kashida is ``tui.rtl.kashida``'s business (the rules are there).

How much: a word takes at most ``KASHIDAS_PER_WORD`` cells, a line at most
``kashida_limit(width)``; the best sites are served first (ties: nearest the
line's end), one cell per word and round. The rest goes to the gaps between
words, evenly, the odd cells to the gaps nearest the line's end, at most
``GAP_GROWTH`` cells per gap. A line that cannot be filled within these
limits is left as it was (ragged). ``docs/justification.md`` says why.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from tui.rtl.kashida import PACK_MASK, PACK_SHIFT, packed_site
from tui.rtl.shaping import TATWEEL
from tui.rtl.word_sites import WordSites

#: kashida cells one word may take
KASHIDAS_PER_WORD = 2
#: a line takes at most one kashida cell for this many cells of its width
CELLS_PER_KASHIDA = 10
#: cells a gap between two words may grow by
GAP_GROWTH = 2


def kashida_limit(width: int) -> int:
    """The most kashida cells one line of ``width`` cells may take (at least 1)."""
    return max(1, width // CELLS_PER_KASHIDA)


def justify_line(
    text: str,
    glyphs: Sequence[str],
    levels: Sequence[int],
    words: WordSites,
    first: int,
    last: int,
    visual: str,
    indices: Sequence[int],
    cells: int,
    width: int,
    offset: int = 0,
) -> tuple[str, tuple[int, ...], tuple[tuple[int, int], ...]] | None:
    """Fill one visual line to ``width`` cells, or None when the limits do not allow it.

    The line shows ``text[first:last]`` of a paragraph (``words`` from
    ``word_sites``) as the engine made it: ``visual``, the logical index
    (plus ``offset``) each of its characters shows, and its ``cells``.

    Returns the new text, its index map (an added space shows the space of
    its gap, a kashida the letter it follows) and, for each added kashida,
    its position and the logical index of the letter it leads to.
    """
    extra = width - cells
    if extra <= 0:
        return None
    starts, ends, found = words
    low, high = bisect_right(ends, first), bisect_left(starts, last)
    if low >= high:
        return None
    sites = found[low:high]  # packed, see kashida._unpack
    # A word too long for a line is folded: only its part on this line counts.
    if starts[low] < first:
        sites[0] = packed_site(text, glyphs, levels, first, min(ends[low], last))
    if ends[high - 1] > last:
        sites[-1] = packed_site(text, glyphs, levels, max(starts[high - 1], first), last)
    # Ranked as the rules want (see kashida._unpack); words without a site (-1) first, cut off.
    sites.sort()
    ranked = sites[bisect_left(sites, 0) :]
    gaps = high - low - 1
    count = len(ranked)
    kashidas = min(extra, width // CELLS_PER_KASHIDA or 1, KASHIDAS_PER_WORD * count)
    rest = extra - kashidas
    if rest and (not gaps or rest > GAP_GROWTH * gaps):
        return None
    # What to add, by the position of the glyph it goes left of (in visual
    # order a glyph's harakat follow it, so nothing added there can take a
    # haraka from its base): kashidas left of the letter they follow, between
    # it and the letter it joins; spaces left of their gap's space.
    additions: list[tuple[int, int, int]] = []  # (position, cells, leads to or -1)
    if kashidas:
        # One cell per site and round, the best sites first.
        rounds, more = divmod(kashidas, count)
        for n, site in enumerate(ranked[:kashidas]):
            after = ((site >> PACK_SHIFT) & PACK_MASK ^ PACK_MASK) + offset
            additions.append(
                (indices.index(after), rounds + (n < more), (site & PACK_MASK) + offset)
            )
    if rest:
        share, odd = divmod(rest, gaps)
        for n in range(gaps):  # from the line's end
            if share + (n < odd):
                gap = ends[high - 2 - n] + offset  # the gap's first space
                additions.append((indices.index(gap), share + (n < odd), -1))
    additions.sort()
    pieces: list[str] = []
    shown: list[int] = []
    added: list[tuple[int, int]] = []
    done = 0
    for position, cells, leads_to in additions:
        pieces.append(visual[done:position])
        shown += indices[done:position]
        if leads_to < 0:
            pieces.append(" " * cells)
        else:
            pieces.append(TATWEEL * cells)
            at = len(shown)
            for k in range(cells):
                added.append((at + k, leads_to))
        shown += [indices[position]] * cells
        done = position
    pieces.append(visual[done:])
    shown += indices[done:]
    return "".join(pieces), tuple(shown), tuple(added)
