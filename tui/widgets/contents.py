"""``ChapterList``: the table of contents, chapter numbers and titles, to jump from."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList

from tui.labels import Language, ui_direction
from tui.render.bidi_text import BidiSettings, BidiText
from tui.rtl import isolate
from tui.story import Story
from tui.widgets.bidi_list import BidiOptionList


class ChapterList(BidiOptionList):
    """Every chapter, the current one marked."""

    class ChapterChosen(Message):
        """The reader picked a chapter from the contents."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(
        self, story: Story, settings: BidiSettings, language: Language, *, id: str | None = None
    ) -> None:
        self.story = story
        self.language = language
        self.current = 0
        super().__init__(settings, id=id)

    def prompts(self) -> list[tuple[str, RenderableType]]:
        direction = ui_direction(self.language)
        result: list[tuple[str, RenderableType]] = []
        for index, chapter in enumerate(self.story.chapters):
            title = (
                chapter.title_en if self.language == "en" and chapter.title_en else chapter.title
            )
            text = Text(f"{chapter.number}. {isolate(title)}")
            if index == self.current:
                text.stylize("bold")
            result.append((chapter.id, BidiText(text, direction, settings=self.settings)))
        return result

    def highlight_after_rebuild(self, previous: int | None) -> int | None:
        return self.current

    def set_current(self, index: int) -> None:
        """Mark chapter ``index`` as the one on screen."""
        if index != self.current:
            self.current = index
            self.rebuild()
        self.highlighted = index

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.ChapterChosen(event.option_index))
