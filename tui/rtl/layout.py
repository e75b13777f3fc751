"""Lines a terminal can show, from one logical paragraph: the layout engine proper.

The steps, in the order UAX #9 (3.4) and ``docs/rtl-in-the-terminal`` give
them: sanitize; split at paragraph separators; resolve the paragraph
direction once and the embedding levels over the whole paragraph; shape
(presentation forms, lam-alef, harakat kept); break lines in *logical* order
by the cell width of the shaped glyphs, at spaces, folding a word longer than
the line; then, for each line on its own, L1 (trailing whitespace), L3
(combining marks stay after their letter), L2 (reversal) and L4 (mirroring).

A long paragraph costs what is shown of it: the levels are resolved over
the whole paragraph in one pass (a few passes of regular expressions), but
lines are broken only as far as they are asked for, and a line is shaped and
reordered only when it is asked for itself. ``ParagraphLayout.lines`` is a
lazy sequence: ``lines[k]`` breaks the paragraph up to line ``k``,
``len(lines)`` breaks it all (cheap: no shaping), ``line_of(offset)`` breaks
it up to that offset.

Work that does not depend on the width (levels) is cached per paragraph
text and direction, layouts per width as well, both in caches bounded by
the memory they take (``tui.rtl.memo``): laying out an unchanged paragraph
again costs a dictionary look-up.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import NamedTuple, overload

from rich.cells import cell_len

from tui.rtl.bidi import has_overrides, line_levels, resolve_paragraph, visual_order
from tui.rtl.breaking import (
    Cluster,
    cluster_breaks,
    clusters,
    is_simple,
    simple_breaks,
    zero_width_count,
)
from tui.rtl.direction import Direction
from tui.rtl.justify import justify_line
from tui.rtl.memo import memory_cache
from tui.rtl.mirroring import MIRRORED
from tui.rtl.sanitize import clean_text
from tui.rtl.shaping import NO_GLYPH, forget_words, is_lam_alef, shaped_span
from tui.rtl.word_sites import WordSites, word_sites

_MIRRORABLE = re.compile("[" + re.escape("".join(MIRRORED)) + "]")
#: class codes (``bidi.CODE_OF_CLASS``) a combining mark carries with it by rule L3
_NSM_SEQUENCE = b"mb12345"
#: a layout keeps at most this many lines it has made; a longer paragraph
#: makes again what scrolled away long ago
_KEPT_LINES = 1024
#: paragraphs longer than this (characters) are not justified: finding the
#: kashida sites shapes a paragraph whole, and a giant one must cost what is
#: on screen (docs/justification.md)
JUSTIFY_LIMIT = 20_000


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


class _Piece:
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
        if logical and self._has_lam_alef():
            return iter(cluster_breaks(self._logical_clusters(), width))
        if self.simple:
            return simple_breaks(self.text, width)
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


class _Prepared(NamedTuple):
    text: str
    direction: Direction
    pieces: tuple[_Piece, ...]


def _prepare_cost(text: str, direction: Direction | None) -> int:
    # levels and class codes, a byte per character each, and the text if cleaning copied it
    return 4 * len(text) + 512


@memory_cache(budget=48_000_000, cost=_prepare_cost)
def _prepare(text: str, direction: Direction | None) -> _Prepared:
    clean = clean_text(text)
    base = None if direction is None else (1 if direction == "R" else 0)
    pieces: list[_Piece] = []
    offset = 0
    for part in clean.split("\n"):
        pieces.append(_Piece(offset, part, base))
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


def _reorder(piece: _Piece, start: int, end: int) -> Sequence[int]:
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


def _make_line(piece: _Piece, start: int, end: int) -> VisualLine:
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


class _Lines(Sequence[VisualLine]):
    """The lines of a ``ParagraphLayout``, broken and made as they are asked for."""

    __slots__ = ("_layout",)

    def __init__(self, layout: ParagraphLayout) -> None:
        self._layout = layout

    def __len__(self) -> int:
        return self._layout.line_count()

    @overload
    def __getitem__(self, index: int) -> VisualLine: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[VisualLine, ...]: ...

    def __getitem__(self, index: int | slice) -> VisualLine | tuple[VisualLine, ...]:
        layout = self._layout
        if isinstance(index, slice):
            start, stop, step = index.start, index.stop, index.step
            if (start or 0) >= 0 and stop is not None and stop >= 0 and step in (None, 1):
                # Without counting the lines: lines[:1] breaks only the first.
                known = layout.break_until(stop - 1)
                return tuple(layout.line(k) for k in range(start or 0, min(stop, known)))
            return tuple(layout.line(k) for k in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if index < 0 or index >= layout.break_until(index):
            raise IndexError("line number out of range")
        return layout.line(index)

    def __iter__(self) -> Iterator[VisualLine]:
        layout = self._layout
        number = 0
        while number < layout.break_until(number):
            yield layout.line(number)
            number += 1


class ParagraphLayout:
    """A paragraph laid out at one width; its lines are made as they are asked for.

    Lines are broken lazily, so a layout is to be used from one thread at a
    time (the caches that hand layouts out are thread-safe).
    """

    __slots__ = (
        "_breaking",
        "_ends",
        "_made",
        "_next_piece",
        "_pieces",
        "_spans",
        "direction",
        "justify",
        "lines",
        "logical",
        "text",
        "width",
    )

    def __init__(
        self, prepared: _Prepared, width: int, *, logical: bool = False, justify: bool = False
    ) -> None:
        #: the sanitized logical text; line offsets refer to it
        self.text = prepared.text
        self.direction: Direction = prepared.direction
        self.width = width
        #: lines broken by the measure of a terminal that shapes by itself
        self.logical = logical
        #: every line of a right-to-left paragraph but its last filled to the width
        self.justify = justify and prepared.direction == "R" and not logical
        #: the lines, a lazy sequence (``len`` breaks them all)
        self.lines: Sequence[VisualLine] = _Lines(self)
        self._pieces = prepared.pieces
        #: (piece number, start, end) of each line broken so far
        self._spans: list[tuple[int, int, int]] = []
        #: logical end of each line broken so far (to find the line of an offset)
        self._ends: list[int] = []
        self._made: dict[int, VisualLine] = {}
        self._next_piece = 0
        self._breaking: tuple[int, Iterator[tuple[int, int]], bool] | None = None

    @property
    def base_level(self) -> int:
        """0 for a left-to-right paragraph, 1 for right-to-left."""
        return 1 if self.direction == "R" else 0

    @property
    def complete(self) -> bool:
        """True once every line is broken (``line_count`` is then free)."""
        return self._breaking is None and self._next_piece == len(self._pieces)

    @property
    def lines_known(self) -> int:
        """How many lines are broken so far."""
        return len(self._spans)

    def aligned(self, line: VisualLine) -> str:
        """The line padded to the width: right-aligned in a right-to-left paragraph."""
        padding = " " * max(0, self.width - line.cells)
        return padding + line.text if self.direction == "R" else line.text + padding

    def line_count(self) -> int:
        """The exact number of lines (breaks every line, shapes none)."""
        return self.break_until(None)

    def estimated_line_count(self) -> int:
        """The number of lines, exact when ``complete``, else guessed from those broken so far."""
        if self.complete:
            return len(self._spans)
        ends = self._ends
        done = ends[-1] if ends else 0
        per_line = done / len(ends) if ends and done else self.width * 0.9
        return len(ends) + max(1, round((len(self.text) - done) / max(1.0, per_line)))

    def line_of(self, index: int) -> int:
        """The number of the line that shows logical ``index`` (the nearest one if none does)."""
        ends = self._ends
        while (not ends or ends[-1] <= index) and not self.complete:
            self.break_until(len(ends))
        number = bisect_right(ends, index)
        return number if number < len(ends) else max(0, len(ends) - 1)

    def stream(self) -> Iterator[VisualLine]:
        """Every line in order, made and forgotten one at a time (for a single sweep).

        Nothing is kept in the layout: a sweep over a paragraph of any size
        holds one line at a time.
        """
        for piece in self._pieces:
            previous: tuple[int, int] | None = None
            for found in piece.breaks(self.width, self.logical):
                if previous is not None:
                    yield self._made_line(piece, *previous, last=False)
                previous = found
            if previous is None:
                yield _make_line(piece, 0, 0)
            else:
                yield self._made_line(piece, *previous, last=True)

    def _made_line(self, piece: _Piece, start: int, end: int, *, last: bool) -> VisualLine:
        line = _make_line(piece, start, end)
        if (
            self.justify
            and not last
            and line.cells < self.width
            and len(piece.text) <= JUSTIFY_LIMIT
        ):
            return piece.justified(line, start, end, self.width)
        return line

    def line(self, number: int) -> VisualLine:
        """Line ``number`` (0-based), which must be broken already (``break_until``)."""
        made = self._made.get(number)
        if made is None:
            at, start, end = self._spans[number]
            last = True
            if self.justify:
                # The last line of each paragraph stays ragged: is the next
                # line of the same piece?
                known = self.break_until(number + 1)
                last = number + 1 >= known or self._spans[number + 1][0] != at
            if len(self._made) >= _KEPT_LINES:
                self._made.clear()
            made = self._made[number] = self._made_line(self._pieces[at], start, end, last=last)
        return made

    def break_until(self, number: int | None) -> int:
        """Break lines until line ``number`` is known (all of them for None): how many are."""
        spans = self._spans
        ends = self._ends
        pieces = self._pieces
        while number is None or len(spans) <= number:
            if self._breaking is None:
                if self._next_piece == len(pieces):
                    break
                self._breaking = (
                    self._next_piece,
                    pieces[self._next_piece].breaks(self.width, self.logical),
                    False,
                )
                self._next_piece += 1
            at, breaks, any_line = self._breaking
            found = next(breaks, None)
            if found is None:
                self._breaking = None
                if not any_line:
                    # Nothing to show (empty, or only spaces): the paragraph
                    # still takes its line, as a blank one.
                    spans.append((at, 0, 0))
                    ends.append(pieces[at].offset)
                continue
            if not any_line:
                self._breaking = (at, breaks, True)
            spans.append((at, found[0], found[1]))
            ends.append(pieces[at].offset + found[1])
        return len(spans)


def _layout_cost(
    text: str,
    width: int,
    direction: Direction | None = None,
    logical: bool = False,
    *,
    justify: bool = False,
) -> int:
    # The spans of the lines and, for the lines made, their glyphs and index
    # maps (some 40 bytes a character), of which a layout keeps a bounded number.
    return 2 * len(text) + min(40 * len(text), 3_000_000) + 1024


@memory_cache(budget=64_000_000, cost=_layout_cost)
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
    prepared = _prepare(text, direction)
    return ParagraphLayout(prepared, max(1, width), logical=logical, justify=justify)


def visual_lines(
    text: str, width: int, direction: Direction | None = None, *, justify: bool = False
) -> list[str]:
    """The visual-order strings of the lines of one logical paragraph, without padding."""
    return [line.text for line in layout_paragraph(text, width, direction, justify=justify).lines]


def is_rtl_text(text: str) -> bool:
    """True when ``text`` has any right-to-left letter (a cheap test for labels)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def clear_caches() -> None:
    """Forget every paragraph laid out and every word shaped so far (for cold measures)."""
    layout_paragraph.cache_clear()
    _prepare.cache_clear()
    forget_words()
