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
from textual.reactive import reactive

from tui.journey.here import Here
from tui.render import BidiText
from tui.rtl import isolate
from tui.story import Quote, Story
from tui.widgets.virtual_list import VirtualList
from tui.words import in_language, ui_direction, word

#: a quote id -> the logical ranges of its text that match the search
Matches = Mapping[str, Sequence[tuple[int, int]]]


class QuotePane(VirtualList):
    """The quotes of the story."""

    #: where the reader is (bound to the reader screen's)
    here: reactive[Here | None] = reactive(None, init=False)

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

    def empty_text(self) -> str:
        key = "no_quotes" if self.matches is None else "no_matching_quotes"
        return word(key, self.language)

    def watch_here(self, here: Here | None) -> None:
        if here is None:
            return
        quotes = here.quotes or ((here.quote,) if here.quote is not None else ())
        if self._index is None:
            self._index = {quote.id: i for i, quote in enumerate(self.story.quotes)}
        current = frozenset(self._index[quote.id] for quote in quotes if quote.id in self._index)
        self.current = current
        positions = sorted(p for entry in current if (p := self.position_of(entry)) is not None)
        if positions and not self.has_focus:
            self.scroll_to_entry(positions[0])

    def entry_text_length(self, entry: int) -> int:
        return len(self.story.quotes[entry].text) + 2

    def estimate_rows(self, entry: int, width: int) -> int:
        return super().estimate_rows(entry, width) + 1  # the speaker's line

    def entry_signature(self, entry: int) -> Hashable:
        here = entry in self.current
        if self.matches is None:
            return here
        return here, tuple(self.matches.get(self.story.quotes[entry].id, ()))

    def entry_lines(self, entry: int, width: int) -> list[Text]:
        quote = self.story.quotes[entry]
        # The story's own quotation marks: «» in Arabic, “” in English; then
        # the isolate opener: the quote starts 2 characters in.
        opening, closing = ("«", "»") if self.story.direction == "R" else ("“", "”")
        text = Text(f"{opening}{isolate(quote.text)}{closing}")
        if entry in self.current:
            text.stylize(self.get_component_rich_style("virtual-list--current"))
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
