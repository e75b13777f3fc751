"""``TimelinePane``: the dated events of the story in chronological order.

The events of the chapter on screen are marked as the reader reads;
selecting one opens its chapter at its phrase.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive

from tui.render import BidiText
from tui.rtl import isolate
from tui.story import Story, TimelineEvent
from tui.widgets.virtual_list import VirtualList
from tui.words import in_language, ui_direction

MARKER = "◆"
NO_MARKER = "◇"


class TimelinePane(VirtualList):
    """The timeline of the story."""

    #: the chapter on screen (bound to the reader screen's)
    chapter: reactive[int] = reactive(0, init=False)

    class EventSelected(Message):
        """The reader chose an event: show its phrase."""

        def __init__(self, event: TimelineEvent) -> None:
            super().__init__()
            self.event = event

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._by_chapter: dict[int, frozenset[int]] | None = None
        self.set_reactive(VirtualList.current, self.events_in_chapter(0))

    def events_in_chapter(self, chapter: int) -> frozenset[int]:
        """Indexes of the events whose phrase is in ``chapter``."""
        if self._by_chapter is None:
            grouped: dict[int, set[int]] = {}
            for number, event in enumerate(self.story.timeline):
                grouped.setdefault(event.anchor.chapter_index, set()).add(number)
            self._by_chapter = {key: frozenset(value) for key, value in grouped.items()}
        return self._by_chapter.get(chapter, frozenset())

    def entry_count(self) -> int:
        return len(self.story.timeline)

    def entry_text_length(self, entry: int) -> int:
        event = self.story.timeline[entry]
        return len(in_language(event.label_en, event.label, self.language)) + 14

    def entry_lines(self, entry: int, width: int) -> list[Text]:
        event = self.story.timeline[entry]
        here = entry in self.current
        label = in_language(event.label_en, event.label, self.language)
        text = Text(f"{MARKER if here else NO_MARKER} ")
        text.append(event.display_date(self.language), style="bold")
        text.append(f": {isolate(label)}")
        dim = "" if here else self.get_component_rich_style("virtual-list--dim")
        return BidiText(text, ui_direction(self.language), style=dim, visual=self.visual).lines(
            width
        )

    def marked(self) -> list[TimelineEvent]:
        """The events marked as where the reader is, in timeline order."""
        return [self.story.timeline[i] for i in sorted(self.current)]

    def watch_chapter(self, index: int) -> None:
        self.current = self.events_in_chapter(index)

    def select(self, entry: int) -> None:
        self.post_message(self.EventSelected(self.story.timeline[entry]))
