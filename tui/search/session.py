"""``SearchSession``: one search over a story, and the walk through its matches.

The index is built once per story (``SearchIndex`` over every paragraph and
every quote); each keystroke only runs the query. Matches in paragraphs are
kept in story order so that ``n``/``N`` go to the next and previous one
across chapters, wrapping. Plain Python: the search bar and the reader only
show what this finds.
"""

from __future__ import annotations

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


def story_passages(story: Story) -> list[tuple[PassageKey, str]]:
    """Every paragraph in story order, then every quote."""
    passages: list[tuple[PassageKey, str]] = []
    for chapter in story.chapters:
        for block in chapter.blocks:
            if isinstance(block, Paragraph):
                passages.append((("paragraph", block.id), block.text))
    passages.extend((("quote", quote.id), quote.text) for quote in story.quotes)
    return passages


class SearchSession:
    """The current query, its matches, and which one the reader is on."""

    def __init__(self, story: Story, index: SearchIndex[PassageKey] | None = None) -> None:
        self.story = story
        self.index = index if index is not None else SearchIndex(story_passages(story))
        self.query = ""
        self.hits: list[Hit] = []
        #: quote id -> ranges of the quote's text that match
        self.quote_hits: dict[str, list[tuple[int, int]]] = {}
        #: the hit the reader was last taken to, -1 before the first jump
        self.current = -1

    def search(self, query: str) -> int:
        """Run ``query``; the number of matches in paragraphs."""
        self.query = query
        self.current = -1
        self.hits = []
        self.quote_hits = {}
        if not query.strip():
            return 0
        for match in self.index.find(query):
            kind, key = match.key
            if kind == "paragraph":
                chapter = self.story.chapter_of(key)
                self.hits.append(Hit(chapter, key, match.start, match.end))
            else:
                self.quote_hits.setdefault(key, []).append((match.start, match.end))
        return len(self.hits)

    def step(self, forward: bool = True) -> Hit | None:
        """The next (or previous) hit, wrapping around the story; None without hits."""
        if not self.hits:
            return None
        if self.current < 0:
            self.current = 0 if forward else len(self.hits) - 1
        else:
            self.current = (self.current + (1 if forward else -1)) % len(self.hits)
        return self.hits[self.current]

    def hits_in_chapter(self, chapter_index: int) -> list[Hit]:
        """The hits of one chapter (to mark them in the reader)."""
        return [hit for hit in self.hits if hit.chapter_index == chapter_index]
