"""Lines a terminal can show, from one logical paragraph: the layout engine proper.

The steps, in the order UAX #9 (3.4) and ``docs/rtl-in-the-terminal`` give
them: sanitize; split at paragraph separators; resolve the paragraph
direction once and the embedding levels over the whole paragraph; shape
(presentation forms, lam-alef, harakat kept); break lines in *logical* order
by the cell width of the shaped glyphs, at spaces, folding a word longer than
the line; then, for each line on its own, L1 (trailing whitespace), L3
(combining marks stay after their letter), L2 (reversal) and L4 (mirroring).

Work that does not depend on the width (levels, shaping, clusters) is cached
per paragraph text and direction; the lines are cached per width as well, so
a reflow after a resize costs only the line breaking of what is on screen,
and laying out an unchanged paragraph again costs a dictionary look-up.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size

from tui.rtl.bidi import ResolvedParagraph, line_levels, resolve_paragraph, visual_order
from tui.rtl.direction import Direction
from tui.rtl.justify import justify_line
from tui.rtl.mirroring import MIRRORED
from tui.rtl.sanitize import clean_text
from tui.rtl.shaping import is_lam_alef, shape
from tui.rtl.word_sites import WordSites, word_sites

#: spaces at which a line may break (no-break spaces are not among them)
_BREAKING_SPACES = frozenset(
    " \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
)
_NSM_SEQUENCE = frozenset({"NSM", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"})


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


class ParagraphLayout(NamedTuple):
    """A paragraph laid out at one width."""

    #: the sanitized logical text; line offsets refer to it
    text: str
    direction: Direction
    width: int
    lines: tuple[VisualLine, ...]

    @property
    def base_level(self) -> int:
        """0 for a left-to-right paragraph, 1 for right-to-left."""
        return 1 if self.direction == "R" else 0

    def aligned(self, line: VisualLine) -> str:
        """The line padded to the width: right-aligned in a right-to-left paragraph."""
        padding = " " * max(0, self.width - line.cells)
        return padding + line.text if self.direction == "R" else line.text + padding

    def line_of(self, index: int) -> int:
        """The number of the line that shows logical ``index`` (the nearest one if none does)."""
        for number, line in enumerate(self.lines):
            if index < line.end or (index == line.end and number == len(self.lines) - 1):
                return number
        return max(0, len(self.lines) - 1)


class _Cluster(NamedTuple):
    """Glyphs that stay together on a line: a base and what leans on it.

    A named tuple, not a dataclass: one is made per character of every
    paragraph laid out, and tuples are several times cheaper to build.
    """

    start: int
    end: int
    cells: int
    space: bool


class _Piece(NamedTuple):
    """A paragraph of the text (split at line feeds), resolved and shaped."""

    offset: int
    resolved: ResolvedParagraph
    glyphs: tuple[str, ...]
    clusters: tuple[_Cluster, ...]
    #: the same, measured as a terminal that shapes by itself lays them out:
    #: a lam-alef ligature takes the two cells of its two letters
    logical_clusters: tuple[_Cluster, ...]


class _Prepared(NamedTuple):
    text: str
    direction: Direction
    pieces: tuple[_Piece, ...]


@lru_cache(maxsize=1024)
def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Mc")


def _clusters(text: str, glyphs: Sequence[str]) -> tuple[_Cluster, ...]:
    clusters: list[_Cluster] = []
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
            and (text[i - 1] not in _BREAKING_SPACES or _is_mark(text[i]))
            and not (i + 1 < size and not glyphs[i] and is_lam_alef(glyphs[i + 1]))
        ):
            i += 1
        if i == start + 1:
            cells = widths[start]
            space = text[start] in _BREAKING_SPACES
        else:
            # Several characters: Rich measures emoji sequences as one.
            cells = cell_len("".join(glyphs[start:i]))
            space = all(text[k] in _BREAKING_SPACES for k in range(start, i))
        clusters.append(_Cluster(start, i, cells, space))
    return tuple(clusters)


def _unshaped(clusters: tuple[_Cluster, ...], glyphs: Sequence[str]) -> tuple[_Cluster, ...]:
    """``clusters`` with each lam-alef ligature one cell wider (its two letters' cells)."""
    lams = {i for i in range(len(glyphs) - 1) if not glyphs[i] and is_lam_alef(glyphs[i + 1])}
    if not lams:
        return clusters  # no ligature: the same measure
    return tuple(
        c._replace(cells=c.cells + sum(1 for i in range(c.start, c.end) if i in lams))
        for c in clusters
    )


@lru_cache(maxsize=2048)
def _prepare(text: str, direction: Direction | None) -> _Prepared:
    clean = clean_text(text)
    base = None if direction is None else (1 if direction == "R" else 0)
    pieces: list[_Piece] = []
    offset = 0
    for part in clean.split("\n"):
        resolved = resolve_paragraph(part, base)
        glyphs = tuple(shape(part, resolved.levels, resolved.removed))
        clusters = _clusters(part, glyphs)
        pieces.append(_Piece(offset, resolved, glyphs, clusters, _unshaped(clusters, glyphs)))
        offset += len(part) + 1
    if len(pieces) > 1 and clean.endswith("\n"):
        pieces.pop()  # a final line feed ends the last paragraph, it opens none
    if direction is not None:
        resolved_direction: Direction = direction
    elif pieces and pieces[0].resolved.base_level:
        resolved_direction = "R"
    else:
        resolved_direction = "L"
    return _Prepared(clean, resolved_direction, tuple(pieces))


def _break(clusters: Sequence[_Cluster], width: int) -> list[tuple[int, int]]:
    """Greedy line breaking in logical order: cluster ranges [first, last) per line."""
    lines: list[tuple[int, int]] = []
    count = len(clusters)
    k = 0
    line_start = -1  # first cluster of the current line, -1 when the line is empty
    line_end = 0  # one past the last non-space cluster of the current line
    used = 0
    while k < count:
        # a gap: spaces before the next word
        gap_start = k
        gap_cells = 0
        while k < count and clusters[k].space:
            gap_cells += clusters[k].cells
            k += 1
        if k == count:
            break  # trailing spaces end the paragraph, they show nothing
        word_start = k
        word_cells = 0
        while k < count and not clusters[k].space:
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
            lines.append((line_start, line_end))
            line_start, used = word_start, 0
        if used + word_cells <= width:
            used += word_cells
            line_end = k
            continue
        # A word longer than the room left: fold it, cluster by cluster.
        if used > 0 and line_start < word_start:
            lines.append((line_start, line_end))
            line_start, used = word_start, 0
        for m in range(word_start, k):
            cells = clusters[m].cells
            if used + cells > width and used > 0:
                lines.append((line_start, m))
                line_start, used = m, 0
            used += cells
        line_end = k
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines


def _reorder(piece: _Piece, start: int, end: int) -> tuple[list[int], list[int]]:
    """Rules L1, L3 and L2 for the line [start, end) of a piece: logical indices, levels."""
    resolved = piece.resolved
    levels = line_levels(resolved, start, end)
    classes = resolved.classes
    # L3, as FriBidi applies it: in a right-to-left run, a letter and the
    # marks after it are reversed before the run is, so that after the
    # reversal the letter comes first and the marks follow it.
    order = list(range(start, end))
    i = end - start - 1
    while i >= 0:
        if levels[i] & 1 and classes[start + i] == "NSM":
            last = i
            level = levels[i]
            i -= 1
            while i >= 0 and classes[start + i] in _NSM_SEQUENCE and levels[i] == level:
                i -= 1
            if i < 0 or levels[i] != level:
                i += 1
            order[i : last + 1] = order[i : last + 1][::-1]
        i -= 1
    return [order[k] for k in visual_order(levels)], levels


def _make_line(piece: _Piece, start: int, end: int) -> VisualLine:
    indices, _ = _reorder(piece, start, end)
    glyphs = piece.glyphs
    levels = piece.resolved.levels
    chars: list[str] = []
    shown: list[int] = []
    for index in indices:
        glyph = glyphs[index]
        if not glyph:
            continue
        if levels[index] & 1:
            glyph = MIRRORED.get(glyph, glyph)  # rule L4
        chars.append(glyph)
        shown.append(piece.offset + index)
    hidden = tuple(
        (piece.offset + i, piece.offset + i + 1)
        for i in range(start, end - 1)
        if not glyphs[i] and is_lam_alef(glyphs[i + 1])
    )
    text = "".join(chars)
    return VisualLine(
        text, piece.offset + start, piece.offset + end, cell_len(text), tuple(shown), hidden
    )


@lru_cache(maxsize=2048)
def _word_sites(text: str, direction: Direction | None) -> tuple[WordSites, ...]:
    """The words and kashida sites of each piece of a paragraph (any width)."""
    return tuple(
        word_sites(piece.resolved.text, piece.glyphs, piece.resolved.levels, piece.clusters)
        for piece in _prepare(text, direction).pieces
    )


def clear_caches() -> None:
    """Forget every paragraph laid out so far (for benchmarks that measure a cold start)."""
    layout_paragraph.cache_clear()
    _prepare.cache_clear()
    _word_sites.cache_clear()


@lru_cache(maxsize=8192)
def layout_paragraph(
    text: str,
    width: int,
    direction: Direction | None = None,
    logical: bool = False,
    *,
    justify: bool = False,
) -> ParagraphLayout:
    """Lay out one logical paragraph as lines of at most ``width`` cells.

    ``direction`` "R" or "L" forces the paragraph direction; ``None`` takes it
    from the first strong character. A line is wider than ``width`` only when
    a single unbreakable cluster is (a wide character at width 1). Line feeds
    in ``text`` separate paragraphs; an empty one gives an empty line.

    ``justify`` fills every line of a right-to-left paragraph but its last to
    exactly ``width`` cells, with kashidas and spaces (``tui.rtl.justify``),
    where the limits allow; the line breaks stay where they are. Left-to-right
    paragraphs stay ragged (``docs/justification.md`` says why).

    ``logical``: the lines will be sent in logical order to a terminal that
    shapes by itself, which gives a lam-alef its two letters' two cells: the
    lines are broken by that measure (``VisualLine.cells`` stays the shaped one).
    """
    width = max(1, width)
    prepared = _prepare(text, direction)
    justify = justify and prepared.direction == "R"
    sites = _word_sites(text, direction) if justify else ()
    lines: list[VisualLine] = []
    for part, piece in enumerate(prepared.pieces):
        clusters = piece.logical_clusters if logical else piece.clusters
        breaks = _break(clusters, width)
        if not breaks:
            # Nothing to show (empty, or only spaces): the paragraph still
            # takes its line, as a blank one.
            lines.append(VisualLine("", piece.offset, piece.offset, 0, ()))
        final = len(breaks) - 1
        for number, (first, last) in enumerate(breaks):
            start, end = clusters[first].start, clusters[last - 1].end
            line = _make_line(piece, start, end)
            if justify and number < final and line.cells < width:
                resolved = piece.resolved
                stretched = justify_line(
                    resolved.text,
                    piece.glyphs,
                    resolved.levels,
                    sites[part],
                    start,
                    end,
                    line.text,
                    line.indices,
                    line.cells,
                    width,
                    piece.offset,
                )
                if stretched is not None:  # else the limits do not allow it: ragged
                    glyphs, indices, kashidas = stretched
                    line = VisualLine(
                        glyphs, line.start, line.end, width, indices, line.shown_by, kashidas
                    )
            lines.append(line)
    return ParagraphLayout(prepared.text, prepared.direction, width, tuple(lines))


def visual_lines(
    text: str, width: int, direction: Direction | None = None, *, justify: bool = False
) -> list[str]:
    """The visual-order strings of the lines of one logical paragraph, without padding."""
    return [line.text for line in layout_paragraph(text, width, direction, justify=justify).lines]


def is_rtl_text(text: str) -> bool:
    """True when ``text`` has any right-to-left letter (a cheap test for labels)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)
