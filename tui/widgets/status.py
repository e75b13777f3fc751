"""``StatusBar``: the story's title, and where the reader is: chapter k of N, percent read."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.render import BidiText
from tui.render.bidi_text import logical_embeddings
from tui.words import Language, ui_direction, word


class StatusBar(Widget):
    """One line at the top of the reader."""

    DEFAULT_CSS = """
    StatusBar {
        height: 1;
        background: $panel;
        color: $text;
        padding: 0 1;
    }
    """

    #: the chapter on screen, 0-based (bound to the reader screen's)
    chapter: reactive[int] = reactive(0)
    #: the share of the story's text before the reading position, 0 to 100
    percent: reactive[int] = reactive(0)
    #: how many chapters the story has
    chapters: reactive[int] = reactive(1)
    visual: reactive[bool] = reactive(True)
    language: reactive[Language] = reactive("ar")

    def __init__(self, title: str, chapters: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.set_reactive(StatusBar.chapters, chapters)

    @property
    def mode_note(self) -> str:
        """What the bar says of the BiDi mode (only when it is not the usual one)."""
        return "" if self.visual else word("bidi_logical", self.language)

    def position_text(self) -> str:
        """ "Chapter k of N · p% read", in the interface language (logical text)."""
        sign = "٪" if self.language == "ar" else "%"
        return (
            f"{word('chapter', self.language)} {self.chapter + 1} {word('of', self.language)} "
            f"{self.chapters} · {self.percent}{sign} {word('read', self.language)}"
        )

    def render(self) -> RenderableType:
        direction = ui_direction(self.language)
        where = self.position_text() + (f" · {self.mode_note}" if self.mode_note else "")
        width = self.content_region.width or self.size.width
        # Laid out by hand rather than by a Rich table: the bar is redrawn on
        # every scroll, and measuring table columns is most of its cost.
        position = BidiText(where, direction, visual=self.visual, one_line=True)
        shown_position = position.lines(max(1, width))[0]
        # In logical mode a line is guarded by zero-width LRMs (tui.rtl.logical).
        position_plain = shown_position.plain.strip(" \u200e")
        position_cells = cell_len(position_plain)
        room = max(1, width - position_cells - 2)
        title = BidiText(
            self.title, direction, style="bold", visual=self.visual, one_line=True
        ).lines(room)[0]
        position_text = Text(position_plain, end="")
        # An LRM first keeps the row left to right in a terminal that reorders.
        guarded = not self.visual and logical_embeddings()
        line = Text("\u200e" if guarded else "", end="", no_wrap=True)
        if direction == "R":  # a logical row is kept left to right too
            # The start of an Arabic line is its right: the title stands there.
            line.append_text(position_text)
            line.append("  ")
            line.append_text(title)
        else:
            line.append_text(title)
            line.append("  ")
            line.append_text(position_text)
        return line
