"""``BidiOptionList``: an OptionList whose prompts are laid out by ``tui.rtl``.

The panes (contents, timeline, quotes) are lists of short Arabic texts. Each
prompt is a ``BidiText``, laid out at the width the list really has when it
is drawn, so the lines reflow on resize and RTL prompts are right-aligned.
"""

from __future__ import annotations

from rich.console import RenderableType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.render.bidi_text import BidiSettings


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

    def swap_prompt(self, index: int, prompt: RenderableType) -> None:
        """Give option ``index`` a new prompt of the same height (a changed mark).

        ``replace_option_prompt_at_index`` forgets the measured height of
        every option, and measuring them again renders each one; a prompt
        that keeps its height only needs the drawn lines forgotten.
        """
        option = self.get_option_at_index(index)
        cache = getattr(self, "_option_render_cache", None)
        if cache is None or not hasattr(option, "_set_prompt"):
            self.replace_option_prompt_at_index(index, prompt)  # Textual changed
            return
        option._set_prompt(prompt)
        cache.clear()
        self.refresh()

    def first_highlight(self) -> int:
        """The option a reader arriving at the pane starts on."""
        return 0

    def on_focus(self) -> None:
        # Enter must act at once on a pane reached with its key or Tab.
        if self.highlighted is None and self.option_count:
            self.highlighted = min(self.first_highlight(), self.option_count - 1)

    def on_mount(self) -> None:
        # Filled once the first frame is on screen: the story paints first,
        # the panes a frame later (their options are laid out one by one).
        self.call_after_refresh(self.rebuild)
