"""``StatusBar``: the story's title, and where the reader is: chapter k of N, percent read."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.labels import Language, label, ui_direction
from tui.rtl.renderable import BidiSettings, BidiText


class StatusBar(Widget):
    """One line at the top of the reader."""

    chapter: reactive[int] = reactive(1)
    percent: reactive[int] = reactive(0)
    mode_note: reactive[str] = reactive("")

    def __init__(
        self,
        title: str,
        chapters: int,
        settings: BidiSettings,
        language: Language,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.title = title
        self.chapters = chapters
        self.settings = settings
        self.language = language

    def position_text(self) -> str:
        """ "Chapter k of N · p% read", in the interface language (logical text)."""
        sign = "٪" if self.language == "ar" else "%"
        return (
            f"{label('chapter', self.language)} {self.chapter} {label('of', self.language)} "
            f"{self.chapters} · {self.percent}{sign} {label('read', self.language)}"
        )

    def render(self) -> RenderableType:
        direction = ui_direction(self.language)
        where = self.position_text() + (f" · {self.mode_note}" if self.mode_note else "")
        width = self.content_region.width or self.size.width
        # Laid out by hand rather than by a Rich table: the bar is redrawn on
        # every scroll, and measuring table columns is most of its cost.
        position = BidiText(where, direction, settings=self.settings, one_line=True)
        shown_position = position.lines(max(1, width))[0]
        # In logical mode a line is guarded by zero-width LRMs (tui.rtl.logical).
        position_plain = shown_position.plain.strip(" \u200e")
        position_cells = cell_len(position_plain)
        room = max(1, width - position_cells - 2)
        title = BidiText(
            self.title, direction, style="bold", settings=self.settings, one_line=True
        ).lines(room)[0]
        position_text = Text(position_plain, end="")
        # An LRM first keeps the row left to right in a terminal that reorders.
        guarded = not self.settings.visual and self.settings.embeddings
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
