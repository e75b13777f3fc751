"""``SearchSession``: one search over a story, and the walk through its matches.

Indexes are built once (``SearchIndex`` over the story's paragraphs, another
over its quotes; ``build_indexes``, which the app runs in a thread) and a
keystroke does only what the screen shows: the number of matches (counted,
not built), the matching quotes, and the matches of the lines the reader
draws (``hits_over``). The full list of matches in story order, which
``n``/``N`` walk across chapters, wrapping, is built only when the reader
asks to move. On a 4 MB paragraph a one-letter query has 268,000 matches; a
keystroke costs the screen's few dozen.

A query typed before the indexes are in (within a second of the first paint
of a large story) is answered at once: its quotes from an index of the quotes
built on the spot, the lines on screen from their paragraph alone (or from a
window around them, ``tui.search.window``), and its count is None
("counting…") until ``install`` hands the indexes over. Plain Python.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from tui.search.index import SearchIndex
from tui.search.window import matches_over
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


@dataclass(frozen=True, slots=True)
class StoryIndexes:
    """The indexes a search needs: the story's paragraphs, and its quotes."""

    paragraphs: SearchIndex[str]
    quotes: SearchIndex[str]


def paragraph_index(story: Story) -> SearchIndex[str]:
    """The index of every paragraph of ``story``."""
    return SearchIndex(
        (block.id, block.text)
        for chapter in story.chapters
        for block in chapter.blocks
        if isinstance(block, Paragraph)
    )


def quote_index(story: Story) -> SearchIndex[str]:
    """The index of every quote of ``story``."""
    return SearchIndex((q.id, q.text) for q in story.quotes)


def build_indexes(story: Story) -> StoryIndexes:
    """Both indexes of ``story``: the slow part, safe in a thread (it only reads the story).

    The keys are folded a slice at a time (``tui.search.folding.SLICE``), so
    that the thread never holds the interpreter long enough to freeze the
    screen; the offsets of giant paragraphs, which the first marks need, are
    worked out here too.
    """
    paragraphs = paragraph_index(story)
    paragraphs.prepare_long_passages()
    return StoryIndexes(paragraphs, quote_index(story))


#: a story with this many characters of paragraphs (or fewer, the 1 MB story)
#: is indexed on the spot by a query that finds it unindexed: 20-30 ms, and
#: the count is shown at once
INDEXED_ON_THE_SPOT = 600_000

#: characters searched on each side of the lines asked for, in a giant
#: paragraph before the index is in: more than a screen holds
WINDOW = 8_000

#: a paragraph this long (or shorter) is folded on the spot to mark its matches
#: while the story's index is being built: a fraction of a millisecond
FOLDED_ON_THE_SPOT = 100_000


class SearchSession:
    """The current query, its matches, and which one the reader is on.

    ``SearchSession(story)`` builds the indexes at once. ``SearchSession(story,
    wait=True)`` starts without them, for an app that builds them in a
    thread and hands them over with ``install``: until then a query is not
    counted (``count`` is None), its quotes come from an index of the quotes
    built on the spot, and the matches of a paragraph on screen from that
    paragraph alone (``hits_over``). Walking the matches (``hits``, ``step``)
    builds what is missing on the spot.
    """

    def __init__(
        self, story: Story, indexes: StoryIndexes | None = None, *, wait: bool = False
    ) -> None:
        self.story = story
        if indexes is None and not wait:
            indexes = build_indexes(story)
        self._index: SearchIndex[str] | None = None
        self._quote_index: SearchIndex[str] | None = None
        if indexes is not None:
            self._index, self._quote_index = indexes.paragraphs, indexes.quotes
        self._chapters: dict[int, SearchIndex[str]] = {}
        #: paragraphs indexed alone, while the story's index is being built
        self._passages: dict[str, SearchIndex[str]] = {}
        #: the matches of a window of a giant paragraph: (id, query, start, end, matches)
        self._window: tuple[str, str, int, int, list[tuple[int, int]]] | None = None
        #: characters in the story's paragraphs (counted when first needed)
        self._size: int | None = None
        self.query = ""
        #: matches in paragraphs, counted; None while the story is being indexed
        self.count: int | None = 0
        #: quote id -> ranges of the quote's text that match
        self.quote_hits: Mapping[str, list[tuple[int, int]]] = {}
        self._hits: list[Hit] | None = None
        #: the hit the reader was last taken to, -1 before the first jump
        self.current = -1

    @property
    def ready(self) -> bool:
        """Whether the story's paragraphs are indexed (every count is known)."""
        return self._index is not None

    @property
    def index(self) -> SearchIndex[str]:
        """The index of the story's paragraphs (built here if not installed yet)."""
        if self._index is None:
            self._install_paragraphs(paragraph_index(self.story))
        assert self._index is not None
        return self._index

    @property
    def quote_index(self) -> SearchIndex[str]:
        """The index of the story's quotes (built here if not installed yet)."""
        if self._quote_index is None:
            self._quote_index = quote_index(self.story)
        return self._quote_index

    def _small(self) -> bool:
        if self._size is None:
            self._size = sum(len(paragraph.text) for paragraph in self.story.paragraphs)
        return self._size <= INDEXED_ON_THE_SPOT

    def install(self, indexes: StoryIndexes) -> bool:
        """Take the indexes built in a thread; True if the count was waiting for them."""
        if self._quote_index is None:
            self._quote_index = indexes.quotes
        if self._index is not None:
            return False
        waiting = self.count is None
        self._install_paragraphs(indexes.paragraphs)
        return waiting

    def _install_paragraphs(self, index: SearchIndex[str]) -> None:
        self._index = index
        self._passages.clear()
        self._window = None
        if self.count is None:
            self.count = index.count(self.query)

    def search(self, query: str) -> int | None:
        """Run ``query``; the number of matches in paragraphs (None: still counting)."""
        self.query = query
        self.current = -1
        self._hits = None
        self.quote_hits = {}
        if not query.strip():
            self.count = 0
            return 0
        if self._index is None and self._small():
            self._install_paragraphs(paragraph_index(self.story))
        self.count = self._index.count(query) if self._index is not None else None
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

    def hits_over(self, paragraph_id: str, start: int, end: int) -> list[tuple[int, int]]:
        """The matches in one paragraph that cover part of its logical range [start, end).

        What a line on screen paints, found as the line is drawn. Before the
        story's index is installed, from an index of that paragraph alone
        when it is short enough to fold on the spot, else of a window around
        the range (``tui.search.window``).
        """
        if not self.query.strip():
            return []
        index = self._index
        if index is None:
            index = self._passages.get(paragraph_id)
            if index is None:
                try:
                    text = self.story.paragraph(paragraph_id).text
                except KeyError:
                    return []  # a heading or a caption: not searched
                if len(text) > FOLDED_ON_THE_SPOT:
                    return self._in_window(paragraph_id, text, start, end)
                index = self._passages[paragraph_id] = SearchIndex([(paragraph_id, text)])
        found = index.find_over(paragraph_id, self.query, start, end)
        return [(match.start, match.end) for match in found]

    def _in_window(
        self, paragraph_id: str, text: str, start: int, end: int
    ) -> list[tuple[int, int]]:
        # The lines of a screen ask one after the other: search a window
        # around the first, wide enough for the screen, and answer the others
        # from its matches (those covering a range inside it are among them).
        cached = self._window
        if (
            cached is None
            or cached[:2] != (paragraph_id, self.query)
            or not (cached[2] <= start and end <= cached[3])
        ):
            low, high = max(0, start - WINDOW), min(len(text), end + WINDOW)
            # None: the answer depends on the whole paragraph; the index brings it.
            found = matches_over(text, self.query, low, high) or []
            cached = self._window = (paragraph_id, self.query, low, high, found)
        return [(first, last) for first, last in cached[4] if first < end and last > start]

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
