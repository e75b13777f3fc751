"""``ParagraphLayout``: a paragraph at one width, its lines broken and made as they are asked for.

A long paragraph costs what is shown of it: lines are broken only as far as
they are asked for, and a line is shaped and reordered (``tui.rtl.pieces``)
only when it is asked for itself. ``ParagraphLayout.lines`` is a lazy
sequence: ``lines[k]`` breaks the paragraph up to line ``k``, ``len(lines)``
breaks it all (cheap: no shaping), ``line_of(offset)`` breaks it up to that
offset; ``stream()`` makes every line once for a single sweep. Layouts are
handed out, cached, by ``tui.rtl.layout.layout_paragraph``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import overload

from tui.rtl.direction import Direction
from tui.rtl.pieces import Piece, Prepared, VisualLine, make_line

#: a layout keeps at most this many lines it has made; a longer paragraph
#: makes again what scrolled away long ago
_KEPT_LINES = 1024
#: paragraphs longer than this (characters) are not justified: finding the
#: kashida sites shapes a paragraph whole, and a giant one must cost what is
#: on screen (docs/justification.md)
JUSTIFY_LIMIT = 20_000


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
        self, prepared: Prepared, width: int, *, logical: bool = False, justify: bool = False
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
                yield make_line(piece, 0, 0)
            else:
                yield self._made_line(piece, *previous, last=True)

    def _made_line(self, piece: Piece, start: int, end: int, *, last: bool) -> VisualLine:
        line = make_line(piece, start, end)
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
