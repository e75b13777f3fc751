"""``QuotePane``: what Jamali says in the article, each quote with its speaker.

Selecting a quote opens its passage with the quote highlighted. While a
search is open, only the quotes that match are listed, the match marked.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList

from tui.labels import Language, ui_direction
from tui.render.bidi_text import BidiSettings, BidiText
from tui.rtl import isolate
from tui.story import Quote, Story
from tui.widgets.bidi_list import BidiOptionList


class QuotePane(BidiOptionList):
    """The quotes of the story."""

    class QuoteSelected(Message):
        """The reader chose a quote: show its passage."""

        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    def __init__(
        self, story: Story, settings: BidiSettings, language: Language, *, id: str | None = None
    ) -> None:
        self.story = story
        self.language = language
        #: quote id -> logical ranges of the quote text to highlight; None: no filter
        self.filter: dict[str, list[tuple[int, int]]] | None = None
        self.shown: list[Quote] = list(story.quotes)
        super().__init__(settings, id=id)

    def prompts(self) -> list[tuple[str, RenderableType]]:
        ui = ui_direction(self.language)
        result: list[tuple[str, RenderableType]] = []
        self.shown = self._matching(self.filter)
        for quote in self.shown:
            # «, then the isolate opener: the quote starts 2 characters in.
            text = Text(f"«{isolate(quote.text)}»")
            for start, end in (self.filter or {}).get(quote.id, []):
                text.stylize("reverse", start + 2, end + 2)
            speaker = (
                quote.speaker_en if self.language == "en" and quote.speaker_en else quote.speaker
            )
            prompt = Group(
                BidiText(text, self.story.direction, settings=self.settings),
                BidiText(
                    f"— {isolate(speaker)}", ui, align="end", style="italic", settings=self.settings
                ),
            )
            result.append((quote.id, prompt))
        return result

    def _matching(self, matches: dict[str, list[tuple[int, int]]] | None) -> list[Quote]:
        """The quotes a filter lets through, in story order."""
        return [quote for quote in self.story.quotes if matches is None or quote.id in matches]

    def set_filter(self, matches: dict[str, list[tuple[int, int]]] | None) -> None:
        """Show only the quotes in ``matches`` with those ranges marked; None shows all."""
        shown = self.shown
        self.filter = matches
        if self._matching(matches) != shown or self.option_count != len(shown):
            self.rebuild()
            return
        # The same quotes, other marks: a mark does not move a line break, so
        # every prompt keeps its height, and only the ones on screen are drawn
        # again. (Making the options again would measure every quote: on a
        # large story, the first letter typed matches them all.)
        for index, (_, prompt) in enumerate(self.prompts()):
            self.swap_prompt(index, prompt)

    def current_quote(self) -> Quote | None:
        """The highlighted quote, if any."""
        if self.highlighted is None or self.highlighted >= len(self.shown):
            return None
        return self.shown[self.highlighted]

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.QuoteSelected(self.shown[event.option_index]))
