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

import math
import time
from typing import Literal, NamedTuple

from tui.rtl import Direction, ParagraphLayout, isolate, layout_paragraph
from tui.story import Chapter, Image, Paragraph
from tui.widgets.heights import HeightIndex
from tui.words import Language, in_language, ui_direction, word

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


#: a paragraph longer than this (characters) is broken into lines as far as it
#: is shown, then the rest a slice at a time (``break_more``), not all at once
GIANT = 100_000
#: seconds of breaking per slice: a key typed meanwhile waits at most that
BREAK_BUDGET = 0.004
#: lines broken between two looks at the clock (about half a millisecond)
BREAK_STEP = 200


class ChapterDocument:
    """The items of one chapter with their heights at one width."""

    __slots__ = ("_partial", "_rows", "items", "justify", "logical", "width")

    def __init__(
        self,
        items: tuple[Item, ...],
        width: int,
        *,
        justify: bool = False,
        logical: bool = False,
    ) -> None:
        self.items = items
        self.width = width
        #: fill the lines of the story's right-to-left paragraphs with kashidas
        #: (line breaks, and so heights, are the same either way)
        self.justify = justify
        #: lines measured for a terminal that shapes by itself (tui.rtl.logical)
        self.logical = logical
        last = len(items) - 1
        # Each item's rows include the gap under it (none under the last).
        #: giant paragraphs laid out as far as shown, not yet broken whole
        self._partial: set[int] = set()
        self._rows = HeightIndex(
            self._estimate(item) + (GAP if index < last else 0) for index, item in enumerate(items)
        )

    @classmethod
    def of_chapter(
        cls,
        chapter: Chapter,
        direction: Direction,
        language: Language,
        width: int,
        *,
        justify: bool = False,
        logical: bool = False,
    ) -> ChapterDocument:
        """The document of ``chapter``, for a story written in ``direction``."""
        ui = ui_direction(language)
        title = in_language(chapter.title_en, chapter.title, language)
        items = [
            Item("heading", f"{word('chapter', language)} {chapter.number}: {isolate(title)}", ui)
        ]
        for block in chapter.blocks:
            if isinstance(block, Paragraph):
                items.append(Item("paragraph", block.text, direction, block.id))
            elif isinstance(block, Image):
                caption = in_language(block.caption_en, block.caption, language)
                items.append(
                    Item(
                        "image",
                        f"{word('image', language)}: {isolate(caption)}",
                        ui,
                        block.id,
                        block.url,
                    )
                )
        return cls(tuple(items), max(1, width), justify=justify, logical=logical)

    def text_width(self, item: Item) -> int:
        """The width an item's text is laid out at (images sit inside a frame)."""
        if item.kind == "image":
            return max(1, self.width - 4)
        return self.width

    def layout(self, index: int) -> ParagraphLayout:
        """The layout of item ``index`` (cached by the engine), measuring it exactly."""
        item = self.items[index]
        justify = self.justify and item.kind == "paragraph" and not self.logical
        layout = layout_paragraph(
            item.text, self.text_width(item), item.direction, self.logical, justify=justify
        )
        if not self._rows.is_exact(index):
            gap = GAP if index < len(self.items) - 1 else 0
            if layout.complete or len(item.text) <= GIANT:
                height = len(layout.lines) + (IMAGE_ROWS if item.kind == "image" else 0)
                self._rows.set_height(index, height + gap)
                self._partial.discard(index)
            else:
                # Counting a giant paragraph's lines breaks all of it: until
                # ``break_more`` has, its height is guessed from the lines so far.
                self._rows.set_height(index, layout.estimated_line_count() + gap, exact=False)
                self._partial.add(index)
        return layout

    def unbroken(self) -> int | None:
        """A giant paragraph shown but not broken whole yet, if any."""
        return min(self._partial, default=None)

    def break_more(self, index: int, budget: float = BREAK_BUDGET) -> bool:
        """Break more lines of item ``index``, ``BREAK_STEP`` at a time for about
        ``budget`` seconds; True once all are (its height exact)."""
        layout = self.layout(index)
        began = time.perf_counter()
        while not layout.complete:
            layout.break_until(layout.lines_known + BREAK_STEP)
            if time.perf_counter() - began >= budget:
                break
        if layout.complete:
            self.layout(index)  # now counted exactly
        return layout.complete

    def _estimate(self, item: Item) -> int:
        # Arabic averages a little under one cell per character (harakat take
        # none, lam-alef two letters in one cell); lines end early at spaces.
        room = max(1, self.text_width(item))
        lines = max(1, math.ceil(len(item.text) * 1.08 / room))
        return lines + (IMAGE_ROWS if item.kind == "image" else 0)

    def top(self, index: int) -> int:
        """The first row of item ``index`` (estimated above it where not yet measured)."""
        return self._rows.top(index)

    def rows(self, index: int) -> int:
        """Rows of item ``index`` with the gap under it."""
        return self._rows.height(index)

    @property
    def height(self) -> int:
        """Rows in the whole chapter (estimated where not yet measured)."""
        return self._rows.total

    def locate(self, y: int) -> tuple[int, int]:
        """The item at row ``y`` and the row inside it (a row past its lines is a gap)."""
        return self._rows.locate(max(0, y))

    def measure(self, top: int, rows: int) -> None:
        """Lay out the items that show rows [top, top + rows) exactly.

        Items below may move when an estimate is replaced; the caller keeps
        the reader's place with ``locate`` before and ``top`` after.
        """
        index, _ = self.locate(top)
        while index < len(self.items):
            self.layout(index)
            if self.top(index) + self.rows(index) >= top + rows:
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
        return self.top(index) + frame + line

    def position_at(self, y: int) -> tuple[int, int]:
        """The item and logical offset shown at row ``y`` (to resume there later)."""
        index, row = self.locate(y)
        layout = self.layout(index)
        frame = 1 if self.items[index].kind == "image" else 0
        lines = layout.lines
        below_lines = row >= self.rows(index) - GAP
        if below_lines and index + 1 < len(self.items):
            return index + 1, 0  # the gap under an item: the next one starts the screen
        if not layout.break_until(0):
            return index, 0
        wanted = max(0, row - frame)
        line = lines[min(layout.break_until(wanted) - 1, wanted)]
        return index, line.start
