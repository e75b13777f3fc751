"""How much of a story lies before a reading position, counted in its text.

The status bar's percentage must not change when the window does, so it is
not a share of rows: it is the share of the story's paragraph characters
that come before the position (chapter, item, logical offset). Plain Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from tui.story.model import Block, Paragraph, Story


def _length(blocks: Sequence[Block]) -> int:
    return sum(len(block.text) for block in blocks if isinstance(block, Paragraph))


class StoryProgress:
    """Characters before each chapter, and before each item of the chapter asked last."""

    __slots__ = ("_chapter_starts", "_item_starts", "story")

    def __init__(self, story: Story) -> None:
        self.story = story
        # Counted when first needed: the first screen of a story opened
        # early (``Story.opening``) is at its start, before any text.
        self._chapter_starts: list[int] | None = None
        self._item_starts: tuple[int, list[int]] | None = None

    def percent(self, chapter: int, item: int, offset: int) -> int:
        """The share of the text before ``offset`` of item ``item`` (the heading is
        item 0, then the chapter's blocks) of chapter ``chapter``, 0 to 100."""
        if self._item_starts is None or self._item_starts[0] != chapter:
            blocks = self.story.chapter(chapter).blocks
            starts = [0, 0, *accumulate(_length((block,)) for block in blocks)]
            self._item_starts = (chapter, starts)
        starts = self._item_starts[1]
        item = max(0, min(len(starts) - 1, item))
        before = starts[item]
        if item + 1 < len(starts):
            before += min(offset, starts[item + 1] - starts[item])
        if chapter == 0 and before == 0:
            return 0
        chapter_starts = self._chapter_starts
        if chapter_starts is None:
            lengths = (_length(c.blocks) for c in self.story.chapters)
            chapter_starts = self._chapter_starts = [0, *accumulate(lengths)]
        total = chapter_starts[-1] or 1
        return min(100, round(100 * (chapter_starts[chapter] + before) / total))
