"""The command palette, with what is typed into it laid out like all other Arabic.

Textual's palette input draws its value in logical order, unshaped. For a
query that holds right-to-left letters this input draws the laid-out line
instead, with the cursor where the next letter will appear; everything else
(matching, the results list, the keys) is Textual's own.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.command import CommandInput, CommandPalette
from textual.strip import Strip

from tui.rtl import is_rtl_text
from tui.rtl.editing import visual_with_cursor
from tui.textual_private import compose_palette, cursor_visible


class BidiCommandInput(CommandInput):
    """The palette's input: Arabic shown shaped and right to left."""

    def __init__(self, *, visual: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.visual = visual

    def render_line(self, y: int) -> Strip:
        if y != 0 or not self.visual or not is_rtl_text(self.value):
            return super().render_line(y)
        shown, position = visual_with_cursor(self.value, self.cursor_position, "R")
        text = Text(shown + " ", end="", no_wrap=True)
        if self.has_focus and cursor_visible(self):
            text.stylize(self.get_component_rich_style("input--cursor"), position, position + 1)
        width = self.scrollable_content_region.width + 1
        segments = list(text.render(self.app.console))
        return Strip(segments).crop(0, width).extend_cell_length(width).apply_style(self.rich_style)


class BidiCommandPalette(CommandPalette):
    """Textual's command palette with ``BidiCommandInput``."""

    def __init__(self, *, visual: bool, placeholder: str, **kwargs: object) -> None:
        super().__init__(placeholder=placeholder, **kwargs)  # type: ignore[arg-type]
        self.visual = visual
        self.hint = placeholder

    def compose(self) -> ComposeResult:
        field = BidiCommandInput(visual=self.visual, placeholder=self.hint, select_on_focus=False)
        yield from compose_palette(self, field)
