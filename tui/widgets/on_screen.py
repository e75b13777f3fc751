"""What of a chapter is on screen: the items, the logical ranges, the paragraph being read.

The reader answers these for the screen ("you are here" in the panes, the
paragraph a quote is copied from) from its ``ChapterDocument``, the row at
the top of the screen and the screen's height; only the items on screen are
laid out to answer.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.widgets.document import ChapterDocument
from tui.widgets.marks import Mark


def items_on_screen(document: ChapterDocument, top: int, height: int) -> list[int]:
    """Indices of the items with at least one row in ``height`` rows from row ``top``."""
    first, _ = document.locate(top)
    last, _ = document.locate(top + max(0, height - 1))
    return list(range(first, last + 1))


def ranges_on_screen(
    document: ChapterDocument, top: int, height: int
) -> list[tuple[str, int, int]]:
    """(paragraph id, start, end) of the logical text of each paragraph with
    lines on screen, top to bottom: what "you are here" is made of."""
    bottom = top + max(1, height)
    ranges = []
    for index in items_on_screen(document, top, height):
        item = document.items[index]
        if item.kind != "paragraph":
            continue
        layout = document.layout(index)
        lines = layout.lines
        if not layout.break_until(0):
            continue
        first_row = document.top(index)
        # Only the lines on screen are broken (a giant paragraph is not counted).
        first = max(0, top - first_row)
        first = min(layout.break_until(first) - 1, first)
        last = max(0, bottom - 1 - first_row)
        last = min(layout.break_until(last) - 1, last)
        ranges.append((item.key, lines[first].start, lines[last].end))
    return ranges


def paragraph_being_read(
    document: ChapterDocument, shown: list[int], anchors: Iterable[Mark]
) -> str:
    """The logical text of the paragraph being read: the one holding an anchor
    mark (the highlighted phrase or current match) if it is among the items
    ``shown``, else the first paragraph shown (never the heading or an image
    caption)."""
    keys = {document.items[index].key: index for index in shown}
    for mark in anchors:
        if mark.key in keys:
            return document.items[keys[mark.key]].text
    for index in shown:
        if document.items[index].kind == "paragraph":
            return document.items[index].text
    # Only a heading or an image on screen: the chapter's first paragraph.
    for item in document.items:
        if item.kind == "paragraph":
            return item.text
    return ""
