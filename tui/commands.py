"""Command palette entries (Ctrl+P): any chapter, timeline event or quote.

Matching uses the search core's Arabic folding, so a title typed without
hamza or harakat is found; what the palette shows goes through the layout
engine like every other Arabic text on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.labels import label, ui_direction
from tui.render.bidi_text import BidiText
from tui.rtl import isolate
from tui.search import normalize

if TYPE_CHECKING:
    from tui.app import RawiApp


class StoryCommands(Provider):
    """Chapters, events and quotes of the open story."""

    def _entries(self) -> list[tuple[str, str, Callable[[], None]]]:
        app: RawiApp = self.app  # type: ignore[assignment]
        story = app.story
        language = app.language
        entries: list[tuple[str, str, Callable[[], None]]] = []
        for index, chapter in enumerate(story.chapters):
            title = chapter.title_en if language == "en" and chapter.title_en else chapter.title
            text = f"{label('chapter', language)} {chapter.number}: {isolate(title)}"
            entries.append(
                (
                    text,
                    chapter.title + " " + (chapter.title_en or ""),
                    partial(app.goto_chapter, index),
                )
            )
        for event in story.timeline:
            name = event.label_en if language == "en" and event.label_en else event.label
            text = (
                f"{label('timeline', language)} · {event.display_date(language)}: {isolate(name)}"
            )
            entries.append(
                (
                    text,
                    f"{event.label} {event.label_en or ''} {event.year}",
                    partial(app.show_event, event),
                )
            )
        for quote in story.quotes:
            text = f"{label('quotes', language)} · «{isolate(quote.text)}»"
            entries.append((text, quote.text, partial(app.show_quote, quote)))
        return entries

    def _display(self, text: str) -> Text:
        app: RawiApp = self.app  # type: ignore[assignment]
        # One line, laid out for the width of the palette's list (the screen
        # less its frame): Textual would wrap a longer line, and a wrapped
        # visual line reads in the wrong order.
        width = max(10, app.size.width - 10)
        renderable = BidiText(
            text, ui_direction(app.language), settings=app.settings, one_line=True
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
