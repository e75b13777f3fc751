"""Command palette entries (Ctrl+P): any chapter, timeline event, quote, era or place.

Matching uses the search core's Arabic folding, so a title typed without
hamza or harakat is found; what the palette shows goes through the layout
engine like every other Arabic text on screen. The entries act on the
screen the palette was opened from, through the ``StoryNavigator`` protocol.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.render import BidiText
from tui.rtl import isolate
from tui.search import normalize
from tui.story import Quote, Story, TimelineEvent
from tui.words import Language, in_language, ui_direction, word


class StoryNavigator(Protocol):
    """What the palette needs of the screen it acts on."""

    story: Story
    language: Language
    visual: bool

    def goto_chapter(self, index: int) -> None: ...
    def show_event(self, event: TimelineEvent) -> None: ...
    def show_quote(self, quote: Quote) -> None: ...
    def show_target(self, target_id: str) -> None: ...


class StoryCommands(Provider):
    """Chapters, events and quotes of the open story."""

    @property
    def navigator(self) -> StoryNavigator:
        """The reader screen the palette was opened on."""
        return self.screen  # type: ignore[return-value]

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        navigator = self.navigator
        story, language = navigator.story, navigator.language
        entries: list[tuple[str, str, Callable[[], None]]] = []
        for index, chapter in enumerate(story.chapters):
            title = in_language(chapter.title_en, chapter.title, language)
            text = f"{word('chapter', language)} {chapter.number}: {isolate(title)}"
            entries.append(
                (
                    text,
                    chapter.title + " " + (chapter.title_en or ""),
                    partial(navigator.goto_chapter, index),
                )
            )
        for event in story.timeline:
            name = in_language(event.label_en, event.label, language)
            text = f"{word('timeline', language)} · {event.display_date(language)}: {isolate(name)}"
            entries.append(
                (
                    text,
                    f"{event.label} {event.label_en or ''} {event.year}",
                    partial(navigator.show_event, event),
                )
            )
        for quote in story.quotes:
            text = f"{word('quotes', language)} · «{isolate(quote.text)}»"
            entries.append((text, quote.text, partial(navigator.show_quote, quote)))
        from tui.story.targets import journey_entries

        for entry in journey_entries(story, language):
            kind = word("era" if entry.kind == "era" else "place", language)
            detail = f" ({entry.detail})" if entry.detail else ""
            text = f"{kind} · {isolate(entry.title)}{detail}"
            entries.append((text, entry.title, partial(navigator.show_target, entry.id)))
        return entries

    def _display(self, text: str) -> Text:
        # One line, laid out for the width of the palette's list (the screen
        # less its frame): Textual would wrap a longer line, and a wrapped
        # visual line reads in the wrong order.
        width = max(10, self.app.size.width - 10)
        navigator = self.navigator
        renderable = BidiText(
            text, ui_direction(navigator.language), visual=navigator.visual, one_line=True
        )
        return renderable.lines(width)[0]

    async def discover(self) -> Hits:
        for text, _, command in self._entries():
            yield DiscoveryHit(self._display(text), command, text=text)

    async def search(self, query: str) -> Hits:
        wanted = normalize(query).text.strip()
        if not wanted:
            return
        for text, extra, command in self._entries():
            haystack = normalize(f"{text} {extra}").text
            position = haystack.find(wanted)
            if position >= 0:
                score = 1.0 / (1 + position / 20)
                yield Hit(score, self._display(text), command, text=text)
