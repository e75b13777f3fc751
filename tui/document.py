"""A chapter as a column of screen lines, laid out only where the reader looks.

``ChapterDocument`` turns a chapter (heading, paragraphs, image placeholders)
into rows for a reader of a given width. Heights of items that have not been
on screen are estimated from their length; an item is laid out (through
``tui.rtl``) when it comes into view, and its exact height replaces the
estimate. So opening or switching to a long chapter costs what the screen
shows, not what the chapter holds. Plain Python: the Textual widget that
draws it is ``tui.widgets.reader``.
"""

from __future__ import annotations

import bisect
import math
from typing import Literal, NamedTuple

from tui.labels import Language, label
from tui.rtl import Direction, ParagraphLayout, isolate, layout_paragraph
from tui.story import Chapter, Image, Paragraph

ItemKind = Literal["heading", "paragraph", "image"]

#: blank lines between two items
GAP = 1
#: rows an image placeholder adds to its caption: the frame's top and
#: bottom, and the line of its URL
IMAGE_ROWS = 3


class Item(NamedTuple):
    """One thing the reader shows: the chapter heading, a paragraph or an image."""

    kind: ItemKind
    text: str
    direction: Direction
    #: the paragraph or image id, "" for the heading
    key: str = ""
    url: str = ""


class ChapterDocument:
    """The items of one chapter with their heights at one width."""

    __slots__ = ("_exact", "_heights", "_tops", "items", "logical", "width")

    def __init__(self, items: tuple[Item, ...], width: int, logical: bool = False) -> None:
        self.items = items
        self.width = width
        #: lines measured for a terminal that shapes by itself (tui.rtl.logical)
        self.logical = logical
        self._heights = [self._estimate(item) for item in items]
        self._exact = [False] * len(items)
        self._tops: list[int] | None = None

    @classmethod
    def of_chapter(
        cls,
        chapter: Chapter,
        direction: Direction,
        language: Language,
        width: int,
        logical: bool = False,
    ) -> ChapterDocument:
        """The document of ``chapter``, for a story written in ``direction``."""
        ui: Direction = "R" if language == "ar" else "L"
        title = chapter.title_en if language == "en" and chapter.title_en else chapter.title
        items = [
            Item("heading", f"{label('chapter', language)} {chapter.number}: {isolate(title)}", ui)
        ]
        for block in chapter.blocks:
            if isinstance(block, Paragraph):
                items.append(Item("paragraph", block.text, direction, block.id))
            elif isinstance(block, Image):
                caption = (
                    block.caption_en if language == "en" and block.caption_en else block.caption
                )
                items.append(
                    Item(
                        "image",
                        f"{label('image', language)}: {isolate(caption)}",
                        ui,
                        block.id,
                        block.url,
                    )
                )
        return cls(tuple(items), max(1, width), logical)

    def text_width(self, item: Item) -> int:
        """The width an item's text is laid out at (images sit inside a frame)."""
        if item.kind == "image":
            return max(1, self.width - 4)
        return self.width

    def layout(self, index: int) -> ParagraphLayout:
        """The layout of item ``index`` (cached by the engine), measuring it exactly."""
        item = self.items[index]
        layout = layout_paragraph(item.text, self.text_width(item), item.direction, self.logical)
        if not self._exact[index]:
            self._exact[index] = True
            height = len(layout.lines) + (IMAGE_ROWS if item.kind == "image" else 0)
            if height != self._heights[index]:
                self._heights[index] = height
                self._tops = None
        return layout

    def _estimate(self, item: Item) -> int:
        # Arabic averages a little under one cell per character (harakat take
        # none, lam-alef two letters in one cell); lines end early at spaces.
        room = max(1, self.text_width(item))
        lines = max(1, math.ceil(len(item.text) * 1.08 / room))
        return lines + (IMAGE_ROWS if item.kind == "image" else 0)

    def _item_height(self, index: int) -> int:
        return self._heights[index] + (GAP if index < len(self.items) - 1 else 0)

    @property
    def tops(self) -> list[int]:
        """The first row of each item."""
        if self._tops is None:
            tops = []
            y = 0
            for index in range(len(self.items)):
                tops.append(y)
                y += self._item_height(index)
            tops.append(y)
            self._tops = tops
        return self._tops

    @property
    def height(self) -> int:
        """Rows in the whole chapter (estimated where not yet measured)."""
        return self.tops[-1]

    def locate(self, y: int) -> tuple[int, int]:
        """The item at row ``y`` and the row inside it (a row past its lines is a gap)."""
        tops = self.tops
        index = max(0, min(len(self.items) - 1, bisect.bisect_right(tops, y) - 1))
        return index, y - tops[index]

    def measure(self, top: int, rows: int) -> None:
        """Lay out the items that show rows [top, top + rows) exactly.

        Items below may move when an estimate is replaced; the caller keeps
        the reader's place with ``locate`` before and ``tops`` after.
        """
        index, _ = self.locate(top)
        while index < len(self.items):
            self.layout(index)
            if self.tops[index] + self._item_height(index) >= top + rows:
                break
            index += 1

    def measure_all(self) -> None:
        """Lay out every item (for exact positions, e.g. before jumping to the end)."""
        for index in range(len(self.items)):
            self.layout(index)

    def top_of(self, index: int, char_offset: int = 0) -> int:
        """The row showing logical offset ``char_offset`` of item ``index``, measuring above it."""
        for above in range(index + 1):
            self.layout(above)
        layout = self.layout(index)
        line = layout.line_of(char_offset) if char_offset else 0
        frame = 1 if self.items[index].kind == "image" else 0
        return self.tops[index] + frame + line

    def position_at(self, y: int) -> tuple[int, int]:
        """The item and logical offset shown at row ``y`` (to resume there later)."""
        index, row = self.locate(y)
        layout = self.layout(index)
        frame = 1 if self.items[index].kind == "image" else 0
        lines = layout.lines
        if row >= self._heights[index] and index + 1 < len(self.items):
            return index + 1, 0  # the gap under an item: the next one starts the screen
        if not lines:
            return index, 0
        line = lines[max(0, min(len(lines) - 1, row - frame))]
        return index, line.start
