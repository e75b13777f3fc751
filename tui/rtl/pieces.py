"""A paragraph's pieces, resolved for layout, and one visual line made from any range of one.

A text is split at line feeds into pieces (``Piece``), each a paragraph in
the sense of UAX #9: its embedding levels are resolved once, in one pass over
the whole piece; shaping, breaking clusters and kashida sites come on demand,
so a piece that is only partly shown is only partly shaped. ``make_line``
turns a range of a piece into a ``VisualLine``: shaped, then rules L1
(trailing whitespace), L3 (combining marks stay after their letter), L2
(reversal) and L4 (mirroring), with the map from each glyph back to the
logical text. Lines are broken and kept elsewhere (``tui.rtl.lines``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from rich.cells import cell_len

from tui.rtl.bidi import has_overrides, line_levels, resolve_paragraph, visual_order
from tui.rtl.breaking import Cluster, cluster_breaks, clusters, simple_breaks
from tui.rtl.direction import Direction
from tui.rtl.justify import justify_line
from tui.rtl.mirroring import MIRRORED
from tui.rtl.shaping import NO_GLYPH, is_lam_alef, shaped_span
from tui.rtl.simple_text import is_simple, zero_width_count
from tui.rtl.windowed import WINDOW, windowed_breaks
from tui.rtl.word_sites import WordSites, word_sites

_MIRRORABLE = re.compile("[" + re.escape("".join(MIRRORED)) + "]")
#: a paragraph that is not simple and longer than this is broken window by
#: window (``tui.rtl.windowed``) rather than shaped and measured whole first
_WINDOWED_FROM = 2 * WINDOW
#: class codes (``bidi.CODE_OF_CLASS``) a combining mark carries with it by rule L3
_NSM_SEQUENCE = b"mb12345"


class VisualLine(NamedTuple):
    """One screen line of a paragraph, in visual (left to right) order."""

    #: the glyphs as sent to the terminal, shaped and mirrored, no padding
    text: str
    #: half-open range of the line in the paragraph's logical text
    start: int
    end: int
    #: width of ``text`` in terminal cells
    cells: int
    #: for each character of ``text``, the logical index it shows
    indices: tuple[int, ...]
    #: for logical indices that have no glyph of their own (an alef inside a
    #: lam-alef ligature), the logical index whose glyph shows them
    shown_by: tuple[tuple[int, int], ...] = ()
    #: tatweels added by justification: their position in ``text`` and the
    #: logical index of the letter each leads to (``indices`` gives, for
    #: each, the letter it follows); no logical range includes them
    kashidas: tuple[tuple[int, int], ...] = ()

    def char_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Character ranges of ``text`` that show the logical range ``[start, end)``.

        A range that covers half of a lam-alef ligature covers its glyph, so a
        highlight always lands on whole glyphs; a kashida added by
        justification is covered when both letters it joins are; ranges are
        merged and sorted.
        """
        wanted = set(range(max(start, self.start), min(end, self.end)))
        if not wanted:
            return []
        for hidden, shown in self.shown_by:
            if hidden in wanted:
                wanted.add(shown)
        leads_to = dict(self.kashidas)
        spans: list[tuple[int, int]] = []
        for position, index in enumerate(self.indices):
            if index in wanted and leads_to.get(position, index) in wanted:
                if spans and spans[-1][1] == position:
                    spans[-1] = (spans[-1][0], position + 1)
                else:
                    spans.append((position, position + 1))
        return spans

    def cell_spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """Like ``char_spans``, in terminal cells from the left edge of the line."""
        result = []
        for first, last in self.char_spans(start, end):
            left = cell_len(self.text[:first])
            result.append((left, left + cell_len(self.text[first:last])))
        return result


class Piece:
    """A paragraph of the text (split at line feeds), resolved; shaped and measured on demand."""

    __slots__ = ("_clusters", "_shaped", "_sites", "offset", "resolved", "simple", "text")

    def __init__(self, offset: int, text: str, base: int | None) -> None:
        self.offset = offset
        self.text = text
        self.resolved = resolve_paragraph(text, base)
        self.simple = not has_overrides(self.resolved.codes) and is_simple(text)
        self._shaped: str | None = None
        self._clusters: tuple[Cluster, ...] | None = None
        self._sites: WordSites | None = None

    def shaped(self, start: int, end: int) -> str:
        """The glyph of each character of [start, end), ``NO_GLYPH`` for none."""
        if self._shaped is not None:
            return self._shaped[start:end]
        return shaped_span(self.text, self.resolved.levels, start, end)

    def all_clusters(self) -> tuple[Cluster, ...]:
        """The breaking units of the whole piece (shapes it all, once)."""
        if self._clusters is None:
            self._shaped = shaped_span(self.text, self.resolved.levels, 0, len(self.text))
            self._clusters = clusters(self.text, self.glyphs())
        return self._clusters

    def glyphs(self) -> list[str]:
        """The glyph of every character of the piece ("" for none): shapes it all."""
        if self._shaped is None:
            self.all_clusters()
        assert self._shaped is not None
        return [glyph if glyph != NO_GLYPH else "" for glyph in self._shaped]

    def breaks(self, width: int, logical: bool = False) -> Iterator[tuple[int, int]]:
        """The lines of the piece at ``width``, as character ranges, in order.

        ``logical``: measured as a terminal that shapes by itself lays the
        text out, a lam-alef ligature taking the two cells of its letters.
        """
        giant = self._clusters is None and len(self.text) > _WINDOWED_FROM
        if logical and giant and "\u0644" in self.text:
            # Finding a lam-alef would shape the whole paragraph: the windows
            # count its two cells where there is one.
            return windowed_breaks(self.text, self.resolved.levels, width, logical=True)
        if logical and self._has_lam_alef():
            return iter(cluster_breaks(self._logical_clusters(), width))
        if self.simple:
            return simple_breaks(self.text, width)
        if giant:
            # A giant paragraph that is not simple (one emoji is enough):
            # shaped and measured as far as its lines are asked for.
            return windowed_breaks(self.text, self.resolved.levels, width)
        return iter(cluster_breaks(self.all_clusters(), width))

    def _has_lam_alef(self) -> bool:
        return "\u0644" in self.text and any(
            is_lam_alef(glyph) for glyph in self.shaped(0, len(self.text))
        )

    def _logical_clusters(self) -> tuple[Cluster, ...]:
        found = self.all_clusters()
        glyphs = self.glyphs()
        lams = {i for i in range(len(glyphs) - 1) if not glyphs[i] and is_lam_alef(glyphs[i + 1])}
        return tuple(
            c._replace(cells=c.cells + sum(1 for i in range(c.start, c.end) if i in lams))
            for c in found
        )

    def sites(self) -> WordSites:
        """The words and kashida sites of the piece (any width), found once."""
        if self._sites is None:
            self._sites = word_sites(
                self.text, self.glyphs(), self.resolved.levels, self.all_clusters()
            )
        return self._sites

    def justified(self, line: VisualLine, start: int, end: int, width: int) -> VisualLine:
        """``line`` (the piece's [start, end)) filled to ``width`` with kashidas and
        spaces, or as it is when the limits do not allow it (ragged)."""
        stretched = justify_line(
            self.text,
            self.glyphs(),
            self.resolved.levels,
            self.sites(),
            start,
            end,
            line.text,
            line.indices,
            line.cells,
            width,
            self.offset,
        )
        if stretched is None:
            return line
        text, indices, kashidas = stretched
        return VisualLine(text, line.start, line.end, width, indices, line.shown_by, kashidas)


class Prepared(NamedTuple):
    text: str
    direction: Direction
    pieces: tuple[Piece, ...]


def _reorder(piece: Piece, start: int, end: int) -> Sequence[int]:
    """Rules L1, L3 and L2 for the line [start, end) of a piece: its offsets in visual order."""
    resolved = piece.resolved
    levels = line_levels(resolved, start, end)
    codes = resolved.codes
    if codes.find(b"m", start, end) < 0 or not any(level & 1 for level in levels):
        return visual_order(levels)
    # L3, as FriBidi applies it: in a right-to-left run, a letter and the
    # marks after it are reversed before the run is, so that after the
    # reversal the letter comes first and the marks follow it.
    order = list(range(end - start))
    nsm = ord("m")
    i = end - start - 1
    while i >= 0:
        if levels[i] & 1 and codes[start + i] == nsm:
            last = i
            level = levels[i]
            i -= 1
            while i >= 0 and codes[start + i] in _NSM_SEQUENCE and levels[i] == level:
                i -= 1
            if i < 0 or levels[i] != level:
                i += 1
            order[i : last + 1] = order[i : last + 1][::-1]
        i -= 1
    return [order[k] for k in visual_order(levels)]


_HIDDEN_BY_LIGATURE = re.compile(NO_GLYPH + "[\ufef5-\ufefc]")


def make_line(piece: Piece, start: int, end: int) -> VisualLine:
    """Shape, reorder and mirror the line [start, end) of a piece."""
    first = piece.offset + start
    if start == end:
        return VisualLine("", first, first, 0, ())
    shaped = piece.shaped(start, end)
    order = _reorder(piece, start, end)  # offsets from ``start``
    if isinstance(order, range):
        text = shaped[order.start : order.stop : order.step] if order.step > 0 else shaped[::-1]
    else:
        text = "".join(map(shaped.__getitem__, order))
    hidden: tuple[tuple[int, int], ...] = ()
    if NO_GLYPH in shaped:
        order = [k for k, glyph in zip(order, text, strict=True) if glyph != NO_GLYPH]
        text = text.replace(NO_GLYPH, "")
        hidden = tuple(
            (first + found.start(), first + found.start() + 1)
            for found in _HIDDEN_BY_LIGATURE.finditer(shaped)
        )
    if _MIRRORABLE.search(piece.text, start, end):
        levels = piece.resolved.levels
        chars = list(text)
        for position, k in enumerate(order):
            if levels[start + k] & 1:  # rule L4
                chars[position] = MIRRORED.get(chars[position], chars[position])
        text = "".join(chars)
    if isinstance(order, range):
        shown = tuple(range(first + order.start, first + order.stop, order.step))
    else:
        shown = tuple(map(first.__add__, order))
    cells = len(text) - zero_width_count(text) if piece.simple else cell_len(text)
    return VisualLine(text, first, piece.offset + end, cells, shown, hidden)
