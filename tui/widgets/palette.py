"""The command palette, with what is typed into it laid out like all other Arabic.

Textual's palette input draws its value in logical order, unshaped. For a
query that holds right-to-left letters this input draws the laid-out line
instead, with the cursor where the next letter will appear; everything else
(matching, the results list, the keys) is Textual's own.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.strip import Strip
from textual.widgets import Button, LoadingIndicator

from tui.render.bidi_text import BidiSettings
from tui.rtl import is_rtl_text
from tui.rtl.editing import visual_with_cursor


class BidiCommandInput(CommandInput):
    """The palette's input: Arabic shown shaped and right to left."""

    def __init__(self, settings: BidiSettings, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.settings = settings

    def render_line(self, y: int) -> Strip:
        if y != 0 or not self.settings.visual or not is_rtl_text(self.value):
            return super().render_line(y)
        shown, position = visual_with_cursor(self.value, self.cursor_position, "R")
        text = Text(shown + " ", end="", no_wrap=True)
        if self.has_focus and self._cursor_visible:
            text.stylize(self.get_component_rich_style("input--cursor"), position, position + 1)
        width = self.scrollable_content_region.width + 1
        segments = list(text.render(self.app.console))
        return Strip(segments).crop(0, width).extend_cell_length(width).apply_style(self.rich_style)


class BidiCommandPalette(CommandPalette):
    """Textual's command palette with ``BidiCommandInput``."""

    def __init__(self, settings: BidiSettings, placeholder: str, **kwargs: object) -> None:
        super().__init__(placeholder=placeholder, **kwargs)  # type: ignore[arg-type]
        self.settings = settings

    def compose(self) -> ComposeResult:
        # The same tree as CommandPalette.compose, with our input.
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield BidiCommandInput(
                    self.settings, placeholder=self._placeholder, select_on_focus=False
                )
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield CommandList()
                yield LoadingIndicator()
