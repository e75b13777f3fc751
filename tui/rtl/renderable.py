"""``BidiText``: a Rich renderable that lays itself out through the engine at render time.

Any widget that shows story text or an Arabic label (a Static, an option of
an OptionList, a cell of a Rich table) gets it through this renderable, so it
is laid out at the width the widget really has, and reflows on resize, with
RTL paragraphs right-aligned. In logical mode (a terminal with BiDi of its
own) it breaks lines at the same places but sends logical, unshaped text,
embedded and guarded so that the terminal keeps it in order and in its pane
(``tui.rtl.logical``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from tui.rtl.direction import Direction
from tui.rtl.layout import layout_paragraph
from tui.rtl.logical import LRE, LRM, PDF, RLE, logical_label, plain_label
from tui.rtl.styled import line_text

Align = Literal["start", "end", "center"]


class BidiSettings:
    """Shared by the renderables of one app: visual (Rawi reorders) or logical order.

    ``embeddings`` (logical mode): embed each line in its direction (RLE ...
    PDF) between LRM guards; False for mlterm, which gives such controls a
    cell of their own after a cursor move and ignores them after a letter:
    there the text is sent as it is, isolates dropped.
    """

    __slots__ = ("embeddings", "visual")

    def __init__(self, visual: bool = True, embeddings: bool = True) -> None:
        self.visual = visual
        self.embeddings = embeddings

    def __repr__(self) -> str:
        return f"BidiSettings(visual={self.visual}, embeddings={self.embeddings})"


#: the setting used when a renderable is given none (print mode, tests)
DEFAULT_SETTINGS = BidiSettings()


class BidiText:
    """Logical text (``str`` or styled ``Text``) shown right to left where it should be."""

    def __init__(
        self,
        text: str | Text,
        direction: Direction | None = None,
        *,
        align: Align = "start",
        style: str | Style = "",
        settings: BidiSettings | None = None,
        one_line: bool = False,
    ) -> None:
        self.text = text if isinstance(text, Text) else Text(text)
        self.direction = direction
        self.align = align
        self.style = style
        self.settings = settings or DEFAULT_SETTINGS
        #: keep only the first line, ending in "…" when the text was longer
        self.one_line = one_line
        # A list option is measured, then drawn, at the same width: lay out
        # once per width and mode.
        self._lines: dict[tuple[int, bool], list[Text]] = {}

    def lines(self, width: int) -> list[Text]:
        """The lines at ``width``, padded to it, in the current mode."""
        width = max(1, width)
        key = (width, self.settings.visual)
        cached = self._lines.get(key)
        if cached is None:
            cached = self._lines[key] = self._make_lines(width)
        return cached

    def _make_lines(self, width: int) -> list[Text]:
        logical = not self.settings.visual
        layout = layout_paragraph(self.text.plain, width, self.direction, logical)
        if self.one_line and len(layout.lines) > 1:
            # Room for the ellipsis that says the text goes on.
            layout = layout_paragraph(self.text.plain, max(1, width - 1), self.direction, logical)
        result: list[Text] = []
        rtl = layout.direction == "R"
        cut = self.one_line and len(layout.lines) > 1
        for line in layout.lines[:1] if self.one_line else layout.lines:
            if self.settings.visual:
                shown = line_text(line, self.text.spans, self.text.style)
            else:
                shown = self._logical_line(layout.text, line.start, line.end, layout.direction)
            if cut:
                # The text goes on: the ellipsis stands where the line ends.
                shown = Text("…", end="") + shown if rtl and self.settings.visual else shown + "…"
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
            if not self.settings.visual and self.settings.embeddings:
                padded = Text(LRM, end="") + padded + Text(LRM, end="")
            padded.stylize(self.style)
            result.append(padded)
        return result

    def _logical_line(self, text: str, start: int, end: int, direction: Direction) -> Text:
        piece = self.text[start:end] if text == self.text.plain else Text(text[start:end])
        return logical_text(piece, direction, guarded=False, embeddings=self.settings.embeddings)

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


def logical_text(
    text: Text, direction: Direction, *, guarded: bool = True, embeddings: bool = True
) -> Text:
    """One line of logical ``text`` as a terminal with its own BiDi must be sent it.

    Its isolates become embeddings (its spans kept), the line is embedded in
    its paragraph's direction and, when ``guarded``, put between LRMs so that
    its runs stay in its cells (see ``tui.rtl.logical``). Without
    ``embeddings`` (mlterm) only the isolates are dropped. The cells it takes
    are those of ``text``.
    """
    if not embeddings:
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


def visual(
    text: str, direction: Direction | None = None, settings: BidiSettings | None = None
) -> str:
    """A one-line label as it must be sent to the screen (for titles, footers, toasts).

    The label is laid out on one line however long it is; use ``BidiText``
    for anything that may need to wrap.
    """
    settings = settings or DEFAULT_SETTINGS
    if not settings.visual:
        return logical_label(text) if settings.embeddings else plain_label(text)
    layout = layout_paragraph(text, 10_000, direction)
    return (
        " ".join(line.text for line in layout.lines)
        if len(layout.lines) > 1
        else (layout.lines[0].text if layout.lines else "")
    )
