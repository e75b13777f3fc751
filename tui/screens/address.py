"""``AddressDialog``: an image's full address, where no browser can be opened.

Over SSH, or on a machine without a display, Enter on an image cannot open
it; instead of doing nothing, Rawi shows the whole address (wrapped, never
cut) and offers to copy it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.render import BidiText, visual
from tui.words import Language, ui_direction, word


class AddressDialog(ModalScreen[None]):
    """The address of an image, to read or copy."""

    DEFAULT_CSS = """
    AddressDialog {
        align: center middle;
    }
    AddressDialog > Vertical {
        width: 90%;
        max-width: 100;
        height: auto;
        border: round $accent;
        border-title-align: center;
        background: $surface;
        padding: 0 1;
    }
    AddressDialog #address {
        color: $primary;
        text-style: underline;
    }
    AddressDialog #hint {
        color: $text-muted;
        margin-top: 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,enter", "dismiss", "Close", show=False),
        Binding("y", "copy", "Copy", show=False),
    ]

    def __init__(self, url: str, *, language: Language, visual: bool = True) -> None:
        super().__init__()
        self.url = url
        self.language = language
        self.visual = visual

    def compose(self) -> ComposeResult:
        direction = ui_direction(self.language)
        with Vertical() as box:
            box.border_title = visual(word("image_address", self.language), direction, self.visual)
            # An address is left to right and wraps anywhere: it is never cut.
            yield Static(Text(self.url, overflow="fold"), id="address")
            yield Static(
                BidiText(word("image_hint", self.language), direction, visual=self.visual),
                id="hint",
            )

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.url)
        from tui.clipboard import copy_to_system

        copy_to_system(self.url)
        self.dismiss()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
