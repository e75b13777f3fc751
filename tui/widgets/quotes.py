"""``QuotePane``: what Jamali says in the article, each quote with its speaker.

Selecting a quote opens its passage with the quote highlighted. While a
search is open, only the quotes that match are listed, the match marked:
the filter is a tuple of indexes and the marks a signature of each entry,
so a keystroke redraws what is on screen and nothing else.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

from rich.text import Text
from textual.message import Message

from tui.render import BidiText
from tui.rtl import isolate
from tui.story import Quote, Story
from tui.widgets.virtual_list import VirtualList
from tui.words import in_language, ui_direction

#: a quote id -> the logical ranges of its text that match the search
Matches = Mapping[str, Sequence[tuple[int, int]]]


class QuotePane(VirtualList):
    """The quotes of the story."""

    class QuoteSelected(Message):
        """The reader chose a quote: show its passage."""

        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.matches: Matches | None = None
        self._index: dict[str, int] | None = None

    def entry_count(self) -> int:
        return len(self.story.quotes)

    def entry_text_length(self, entry: int) -> int:
        return len(self.story.quotes[entry].text) + 2

    def estimate_rows(self, entry: int, width: int) -> int:
        return super().estimate_rows(entry, width) + 1  # the speaker's line

    def entry_signature(self, entry: int) -> Hashable:
        if self.matches is None:
            return None
        return tuple(self.matches.get(self.story.quotes[entry].id, ()))

    def entry_lines(self, entry: int, width: int) -> list[Text]:
        quote = self.story.quotes[entry]
        # «, then the isolate opener: the quote starts 2 characters in.
        text = Text(f"«{isolate(quote.text)}»")
        match = self.get_component_rich_style("virtual-list--match")
        for start, end in (self.matches or {}).get(quote.id, ()):
            text.stylize(match, start + 2, end + 2)
        speaker = in_language(quote.speaker_en, quote.speaker, self.language)
        lines = BidiText(text, self.story.direction, visual=self.visual).lines(width)
        lines += BidiText(
            f"— {isolate(speaker)}",
            ui_direction(self.language),
            align="end",
            style="italic",
            visual=self.visual,
        ).lines(width)
        return lines

    def set_filter(self, matches: Matches | None) -> None:
        """List only the quotes in ``matches``, those ranges marked; None lists them all."""
        self.matches = matches
        if matches is None:
            self.show_only(None)
        else:
            if self._index is None:
                self._index = {quote.id: i for i, quote in enumerate(self.story.quotes)}
            index = self._index
            self.show_only(sorted(index[key] for key in matches if key in index))
        # The same quotes may stay listed with other marks: their signature
        # changed, so the rows on screen are drawn again.
        self.refresh()

    def current_quote(self) -> Quote | None:
        """The quote under the pointer, if any."""
        entry = self.pointed_entry()
        return None if entry is None else self.story.quotes[entry]

    def select(self, entry: int) -> None:
        self.post_message(self.QuoteSelected(self.story.quotes[entry]))
