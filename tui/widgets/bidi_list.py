"""``BidiOptionList``: an OptionList whose prompts are laid out by ``tui.rtl``.

The panes (contents, timeline, quotes) are lists of short Arabic texts. Each
prompt is a ``BidiText``, laid out at the width the list really has when it
is drawn, so the lines reflow on resize and RTL prompts are right-aligned.
"""

from __future__ import annotations

from rich.console import RenderableType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.rtl.renderable import BidiSettings


class BidiOptionList(OptionList):
    """An OptionList for logical text; subclasses build the prompts."""

    def __init__(self, settings: BidiSettings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.settings = settings

    def prompts(self) -> list[tuple[str, RenderableType]]:
        """(option id, prompt) for every option, in order."""
        raise NotImplementedError

    def highlight_after_rebuild(self, previous: int | None) -> int | None:
        """The option to highlight once the options are made again."""
        return previous

    def rebuild(self) -> None:
        """Make the options again (after the mode, the marks or the language changed)."""
        highlighted = self.highlight_after_rebuild(self.highlighted)
        self.set_options(Option(prompt, id=key) for key, prompt in self.prompts())
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def on_mount(self) -> None:
        # Filled once the first frame is on screen: the story paints first,
        # the panes a frame later (their options are laid out one by one).
        self.call_after_refresh(self.rebuild)
