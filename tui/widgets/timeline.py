"""``TimelinePane``: the dated events of the story in chronological order.

The events of the chapter on screen are marked as the reader reads;
selecting one opens its chapter at its phrase.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList

from tui.labels import Language, ui_direction
from tui.render.bidi_text import BidiSettings, BidiText
from tui.rtl import isolate
from tui.story import Story, TimelineEvent
from tui.widgets.bidi_list import BidiOptionList

MARKER = "◆"
NO_MARKER = "◇"


class TimelinePane(BidiOptionList):
    """The timeline of the story."""

    class EventSelected(Message):
        """The reader chose an event: show its phrase."""

        def __init__(self, event: TimelineEvent) -> None:
            super().__init__()
            self.event = event

    def __init__(
        self, story: Story, settings: BidiSettings, language: Language, *, id: str | None = None
    ) -> None:
        self.story = story
        self.language = language
        self.chapter_index = 0
        super().__init__(settings, id=id)

    def prompt(self, event: TimelineEvent) -> BidiText:
        """An event's line: marked when it belongs to the chapter on screen."""
        here = event.anchor.chapter_index == self.chapter_index
        label = event.label_en if self.language == "en" and event.label_en else event.label
        text = Text(f"{MARKER if here else NO_MARKER} ")
        text.append(event.display_date(self.language), style="bold")
        text.append(f": {isolate(label)}")
        return BidiText(
            text, ui_direction(self.language), style="" if here else "dim", settings=self.settings
        )

    def prompts(self) -> list[tuple[str, RenderableType]]:
        return [(event.id, self.prompt(event)) for event in self.story.timeline]

    def set_chapter(self, index: int) -> None:
        """Mark the events of chapter ``index``.

        Only the events whose mark changes get a new prompt: rebuilding every
        option of a long timeline (438 events in the 1 MB benchmark story)
        took 40 ms of a chapter switch.
        """
        if index == self.chapter_index:
            return
        previous, self.chapter_index = self.chapter_index, index
        if self.option_count != len(self.story.timeline):
            return  # not filled yet: rebuild() will draw the marks
        for number, event in enumerate(self.story.timeline):
            if event.anchor.chapter_index in (previous, index):
                self.swap_prompt(number, self.prompt(event))

    def first_highlight(self) -> int:
        # The first event of the chapter on screen, if it has any.
        for number, event in enumerate(self.story.timeline):
            if event.anchor.chapter_index == self.chapter_index:
                return number
        return 0

    def marked(self) -> list[TimelineEvent]:
        """The events of the chapter on screen."""
        return [e for e in self.story.timeline if e.anchor.chapter_index == self.chapter_index]

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.EventSelected(self.story.timeline[event.option_index]))
