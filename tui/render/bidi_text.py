"""``BidiText``: a Rich renderable that lays itself out through the engine at render time.

Any widget that shows story text or an Arabic label (a Static, an option of
an OptionList, a cell of a Rich table) gets it through this renderable, so it
is laid out at the width the widget really has, and reflows on resize, with
RTL paragraphs right-aligned. In logical mode (a terminal with BiDi of its
own) it breaks lines at the same places but sends logical, unshaped text.
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

Align = Literal["start", "end", "center"]


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
        # A list option is measured, then drawn, at the same width: lay out
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
        justify = self.justify and self.visual and not self.one_line
        layout = layout_paragraph(self.text.plain, width, self.direction, justify=justify)
        if self.one_line and len(layout.lines) > 1:
            # Room for the ellipsis that says the text goes on.
            layout = layout_paragraph(self.text.plain, max(1, width - 1), self.direction)
        result: list[Text] = []
        rtl = layout.direction == "R"
        cut = self.one_line and len(layout.lines) > 1
        for line in layout.lines[:1] if self.one_line else layout.lines:
            if self.visual:
                shown = line_text(line, self.text.spans, self.text.style)
            else:
                shown = (
                    self.text[line.start : line.end]
                    if layout.text == self.text.plain
                    else (Text(layout.text[line.start : line.end]))
                )
                shown.end = ""
            if cut:
                # The text goes on: the ellipsis stands where the line ends.
                shown = Text("…", end="") + shown if rtl and self.visual else shown + "…"
            room = max(0, width - shown.cell_len)
            # In logical mode the terminal reorders each row itself, padding
            # included: a line sent start-aligned is shown from its start edge.
            mirrored = rtl and self.visual
            if self.align == "center":
                left = room // 2
            elif (self.align == "start") == mirrored:
                left = room  # start of an RTL line is its right edge
            else:
                left = 0
            padded = Text(" " * left, end="")
            padded.append_text(shown)
            padded.append(" " * (room - left))
            padded.stylize(self.style)
            result.append(padded)
        return result

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


def visual(text: str, direction: Direction | None = None, order: bool = True) -> str:
    """A one-line label as it must be sent to the screen (for titles, footers, toasts).

    The label is laid out on one line however long it is; use ``BidiText``
    for anything that may need to wrap.
    """
    if not order:
        return text  # logical mode: the terminal orders it
    layout = layout_paragraph(text, 10_000, direction)
    return (
        " ".join(line.text for line in layout.lines)
        if len(layout.lines) > 1
        else (layout.lines[0].text if layout.lines else "")
    )
