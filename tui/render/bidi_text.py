"""``BidiText``: a Rich renderable that lays itself out through the engine at render time.

Any widget that shows story text or an Arabic label (a pane entry, a
status line, a toast) gets it through this renderable, so it is laid out at
the width the widget really has, and reflows on resize, with RTL paragraphs
right-aligned. In logical mode (a terminal with BiDi of its own) it breaks
lines at the same places but sends logical, unshaped text, embedded and
guarded so that the terminal keeps it in order and in its pane
(``tui.rtl.logical``).

How logical lines are sent depends on the terminal, not on the text: mlterm
gives embedding controls a cell of their own, so there lines go as they are,
isolates dropped. That is decided once, at start (``set_logical_embeddings``),
for every renderable of the process.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui.render.styled import line_text
from tui.rtl.direction import Direction
from tui.rtl.layout import layout_paragraph
from tui.rtl.logical import LRE, LRM, PDF, RLE, logical_label, plain_label

Align = Literal["start", "end", "center"]

#: logical mode: embed each line in its direction between LRM guards (False
#: for mlterm); set once at start from the terminal Rawi runs in
_EMBEDDINGS = [True]


def set_logical_embeddings(embeddings: bool) -> None:
    """How this terminal takes logical lines: embedded and guarded, or as they are."""
    _EMBEDDINGS[0] = embeddings


def logical_embeddings() -> bool:
    """Whether logical lines are embedded and guarded in this terminal."""
    return _EMBEDDINGS[0]


class BidiText:
    """Logical text (``str`` or styled ``Text``) shown right to left where it should be."""

    def __init__(
        self,
        text: str | Text,
        direction: Direction | None = None,
        *,
        align: Align = "start",
        style: str | Style = "",
        visual: bool = True,
        one_line: bool = False,
        justify: bool = False,
    ) -> None:
        self.text = text if isinstance(text, Text) else Text(text)
        self.direction = direction
        self.align = align
        self.style = style
        #: True: shaped and reordered here; False: logical, for a terminal with BiDi
        self.visual = visual
        #: keep only the first line, ending in "…" when the text was longer
        self.one_line = one_line
        #: fill the lines of a right-to-left paragraph to the width (visual mode
        #: only: in logical mode the terminal lays the text out)
        self.justify = justify
        # A list entry is measured, then drawn, at the same width: lay out
        # once per width and mode.
        self._lines: dict[tuple[int, bool, bool], list[Text]] = {}

    def lines(self, width: int) -> list[Text]:
        """The lines at ``width``, padded to it, in the current mode."""
        width = max(1, width)
        key = (width, self.visual, self.justify)
        cached = self._lines.get(key)
        if cached is None:
            cached = self._lines[key] = self._make_lines(width)
        return cached

    def _make_lines(self, width: int) -> list[Text]:
        logical = not self.visual
        justify = self.justify and self.visual and not self.one_line
        text = self.text.plain
        layout = layout_paragraph(text, width, self.direction, logical, justify=justify)
        if self.one_line and len(layout.lines) > 1:
            # Room for the ellipsis that says the text goes on.
            layout = layout_paragraph(text, max(1, width - 1), self.direction, logical)
        result: list[Text] = []
        rtl = layout.direction == "R"
        cut = self.one_line and len(layout.lines) > 1
        embeddings = logical_embeddings()
        for line in layout.lines[:1] if self.one_line else layout.lines:
            if self.visual:
                shown = line_text(line, self.text.spans, self.text.style)
            else:
                shown = self._logical_line(layout.text, line.start, line.end, layout.direction)
            if cut:
                # The text goes on: the ellipsis stands where the line ends.
                shown = Text("…", end="") + shown if rtl and self.visual else shown + "…"
            room = max(0, width - shown.cell_len)
            # Logical mode guards each line with LRMs, so the terminal keeps
            # the row left to right: an RTL line is right-aligned in both modes.
            if self.align == "center":
                left = room // 2
            elif (self.align == "start") == rtl:
                left = room  # start of an RTL line is its right edge
            else:
                left = 0
            padded = Text(" " * left, end="")
            padded.append_text(shown)
            padded.append(" " * (room - left))
            if not self.visual and embeddings:
                padded = Text(LRM, end="") + padded + Text(LRM, end="")
            padded.stylize(self.style)
            result.append(padded)
        return result

    def _logical_line(self, text: str, start: int, end: int, direction: Direction) -> Text:
        piece = self.text[start:end] if text == self.text.plain else Text(text[start:end])
        return logical_text(piece, direction, guarded=False)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = options.max_width
        for line in self.lines(width):
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        words = self.text.plain.split() or [""]
        widest_word = max(len(word) for word in words)
        whole = layout_paragraph(self.text.plain, 10_000, self.direction)
        longest = max((line.cells for line in whole.lines), default=0)
        return Measurement(min(widest_word, longest), longest)


def logical_text(text: Text, direction: Direction, *, guarded: bool = True) -> Text:
    """One line of logical ``text`` as a terminal with its own BiDi must be sent it.

    Its isolates become embeddings (its spans kept), the line is embedded in
    its paragraph's direction and, when ``guarded``, put between LRMs so that
    its runs stay in its cells (see ``tui.rtl.logical``). In a terminal that
    takes no embeddings (mlterm) only the isolates are dropped. The cells it
    takes are those of ``text``.
    """
    if not logical_embeddings():
        kept = plain_label(text.plain)
        if len(kept) == len(text.plain):
            return text.copy()
        return Text(kept, style=text.style, end="", no_wrap=True)
    label = logical_label(text.plain)
    shown = text.copy()
    # Isolates become embeddings one for one; the closing PDFs of an isolate
    # that goes on to the next line come last: the spans keep their places.
    shown.plain = label
    result = Text(RLE if direction == "R" else LRE, end="")
    result.append_text(shown)
    result.append(PDF)
    if guarded:
        result = Text(LRM, end="") + result + Text(LRM)
    result.end = ""
    result.no_wrap = True
    return result


def visual(text: str, direction: Direction | None = None, order: bool = True) -> str:
    """A one-line label as it must be sent to the screen (for titles, footers, toasts).

    The label is laid out on one line however long it is; use ``BidiText``
    for anything that may need to wrap. Without ``order`` (logical mode) the
    label is sent in logical order, its isolates made what this terminal takes.
    """
    if not order:
        return logical_label(text) if logical_embeddings() else plain_label(text)
    layout = layout_paragraph(text, 10_000, direction)
    return (
        " ".join(line.text for line in layout.lines)
        if len(layout.lines) > 1
        else (layout.lines[0].text if layout.lines else "")
    )
