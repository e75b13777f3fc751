"""``SearchSession``: one search over a story, and the walk through its matches.

Indexes are built once (``SearchIndex`` over the story's paragraphs, another
over its quotes) and a keystroke does only what the screen shows: the number
of matches (counted, not built), the matching quotes, and the matches of the
chapter on screen, from an index of that chapter alone (built the first time
it is needed). The full list of matches in story order, which ``n``/``N``
walk across chapters, wrapping, is built only when the reader asks to move.
On a 1 MB story a keystroke so costs milliseconds, not the 200 ms that
building 50,000 matches for a one-letter query takes. Plain Python.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from tui.search.index import SearchIndex
from tui.story import Paragraph, Story

#: passage keys: ("paragraph", paragraph id) or ("quote", quote id)
PassageKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Hit:
    """A match inside a paragraph, with where it stands in the story."""

    chapter_index: int
    paragraph_id: str
    start: int
    end: int


class QuoteHits(Mapping[str, list[tuple[int, int]]]):
    """The quotes that match a query (keys, in story order) and their matching ranges.

    Which quotes match is found at once (one search per quote); the ranges of
    a quote are found when asked for, that is when the quote pane draws it:
    on 10,000 quotes a keystroke costs the matching ids and a screen of ranges.
    """

    def __init__(self, index: SearchIndex[str], query: str) -> None:
        self._index = index
        self._query = query
        self._ids = index.passages_with(query) if query.strip() else []
        self._matching = frozenset(self._ids)
        self._ranges: dict[str, list[tuple[int, int]]] = {}

    def __getitem__(self, quote_id: str) -> list[tuple[int, int]]:
        if quote_id not in self._matching:
            raise KeyError(quote_id)
        ranges = self._ranges.get(quote_id)
        if ranges is None:
            found = self._index.find_in(quote_id, self._query)
            ranges = self._ranges[quote_id] = [(match.start, match.end) for match in found]
        return ranges

    def __contains__(self, quote_id: object) -> bool:
        return quote_id in self._matching

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class SearchSession:
    """The current query, its matches, and which one the reader is on."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.index: SearchIndex[str] = SearchIndex(
            (block.id, block.text)
            for chapter in story.chapters
            for block in chapter.blocks
            if isinstance(block, Paragraph)
        )
        self.quote_index: SearchIndex[str] = SearchIndex((q.id, q.text) for q in story.quotes)
        self._chapters: dict[int, SearchIndex[str]] = {}
        self.query = ""
        #: matches in paragraphs, counted
        self.count = 0
        #: quote id -> ranges of the quote's text that match
        self.quote_hits: Mapping[str, list[tuple[int, int]]] = {}
        self._hits: list[Hit] | None = None
        #: the hit the reader was last taken to, -1 before the first jump
        self.current = -1

    def search(self, query: str) -> int:
        """Run ``query``; the number of matches in paragraphs."""
        self.query = query
        self.current = -1
        self._hits = None
        self.quote_hits = {}
        if not query.strip():
            self.count = 0
            return 0
        self.count = self.index.count(query)
        self.quote_hits = QuoteHits(self.quote_index, query)
        return self.count

    @property
    def hits(self) -> list[Hit]:
        """Every match in a paragraph, in story order (built when first needed)."""
        if self._hits is None:
            story = self.story
            self._hits = (
                [
                    Hit(story.chapter_of(match.key), match.key, match.start, match.end)
                    for match in self.index.find(self.query)
                ]
                if self.query.strip()
                else []
            )
        return self._hits

    def step(self, forward: bool = True) -> Hit | None:
        """The next (or previous) hit, wrapping around the story; None without hits."""
        hits = self.hits
        if not hits:
            return None
        if self.current < 0:
            self.current = 0 if forward else len(hits) - 1
        else:
            self.current = (self.current + (1 if forward else -1)) % len(hits)
        return hits[self.current]

    def hits_between(self, paragraph_id: str, start: int, end: int) -> list[tuple[int, int]]:
        """The matches in one paragraph that start in its logical range [start, end).

        What the reader needs for the lines on screen: on a paragraph of
        megabytes with tens of thousands of matches it costs what the range
        holds (see ``SearchIndex.find_in``). (start, end) offsets, in order.
        """
        if not self.query.strip():
            return []
        return [
            (match.start, match.end)
            for match in self.index.find_in(paragraph_id, self.query, start, end)
        ]

    def hits_in_chapter(self, chapter_index: int) -> list[Hit]:
        """The hits of one chapter (to mark them in the reader)."""
        if not self.query.strip():
            return []
        index = self._chapters.get(chapter_index)
        if index is None:
            chapter = self.story.chapters[chapter_index]
            index = SearchIndex((b.id, b.text) for b in chapter.blocks if isinstance(b, Paragraph))
            self._chapters[chapter_index] = index
        return [Hit(chapter_index, m.key, m.start, m.end) for m in index.find(self.query)]
