"""``StatusBar``: the story's title, and where the reader is: chapter k of N, percent read."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
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
        # The position keeps its full width; the title takes what is left.
        room = BidiText(where, direction, settings=self.settings).lines(10_000)[0].plain.strip()
        grid = Table.grid(expand=True)
        title = BidiText(self.title, direction, style="bold", settings=self.settings, one_line=True)
        position = BidiText(where, direction, settings=self.settings, one_line=True)
        if direction == "R":
            # The start of an Arabic line is its right: the title stands there.
            grid.add_column(width=len(room), no_wrap=True)
            grid.add_column(width=2)
            grid.add_column(ratio=1, no_wrap=True)
            grid.add_row(position, "", title)
        else:
            grid.add_column(ratio=1, no_wrap=True)
            grid.add_column(width=2)
            grid.add_column(width=len(room), no_wrap=True)
            grid.add_row(title, "", position)
        return grid
