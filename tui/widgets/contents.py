"""``ChapterList``: the table of contents, chapter numbers and titles, to jump from."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive

from tui.render import BidiText
from tui.rtl import isolate
from tui.story import Story
from tui.widgets.virtual_list import VirtualList
from tui.words import in_language, ui_direction


class ChapterList(VirtualList):
    """Every chapter, the one on screen marked."""

    #: the chapter on screen (bound to the reader screen's)
    chapter: reactive[int] = reactive(0, init=False)

    class ChapterChosen(Message):
        """The reader picked a chapter from the contents."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.set_reactive(VirtualList.current, frozenset({0}))

    def entry_count(self) -> int:
        return len(self.story.chapters)

    def entry_text_length(self, entry: int) -> int:
        chapter = self.story.chapters[entry]
        return len(in_language(chapter.title_en, chapter.title, self.language)) + 6

    def entry_lines(self, entry: int, width: int) -> list[Text]:
        chapter = self.story.chapters[entry]
        title = in_language(chapter.title_en, chapter.title, self.language)
        text = Text(f"{chapter.number}. {isolate(title)}")
        style = (
            self.get_component_rich_style("virtual-list--current") if entry == self.chapter else ""
        )
        return BidiText(text, ui_direction(self.language), style=style, visual=self.visual).lines(
            width
        )

    def watch_chapter(self, index: int) -> None:
        self.current = frozenset({index})
        self.point_at_entry(index)

    def select(self, entry: int) -> None:
        self.post_message(self.ChapterChosen(entry))
