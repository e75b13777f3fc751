"""A giant paragraph is broken into lines as far as it is shown, then the rest a slice at a time.

Counting the lines of a paragraph of megabytes breaks all of it (tens of
milliseconds on 4 MB): the first screen must not wait for that. Its height
is guessed from the lines broken so far until ``break_more`` has broken it
whole; then it is exact, and every row maps to the same line as before.
"""

from __future__ import annotations

from tui.locations import default_story
from tui.story import Paragraph, load_story
from tui.widgets.document import GIANT, ChapterDocument, Item


def giant_text() -> str:
    story = load_story(default_story())
    text = " ".join(b.text for c in story.chapters for b in c.blocks if isinstance(b, Paragraph))
    return " ".join([text] * (GIANT // len(text) + 2))


def document(text: str) -> ChapterDocument:
    items = (Item("heading", "الفصل 1", "R"), Item("paragraph", text, "R", "p1"))
    return ChapterDocument(items, 70)


def test_the_first_screen_breaks_only_what_it_shows() -> None:
    text = giant_text()
    doc = document(text)
    doc.measure(0, 40)
    layout = doc.layout(1)
    assert layout.lines_known < 200, "the whole paragraph was broken for one screen"
    assert doc.unbroken() == 1
    assert doc.height > 40  # an estimate, far below the whole paragraph's first rows


def test_broken_slice_by_slice_it_ends_exact() -> None:
    text = giant_text()
    doc = document(text)
    doc.measure(0, 40)
    slices = 0
    while not doc.break_more(1, budget=0.0):  # one step a slice
        slices += 1
        assert slices < 10_000
    assert slices > 1, "broken in one go"
    assert doc.unbroken() is None
    whole = document(text).layout(1)  # the same layout, counted at once
    assert doc.rows(1) == len(whole.lines)  # the last item: no gap under it
    assert doc.height == doc.rows(0) + len(whole.lines)
    last_row = doc.height - 1
    assert doc.position_at(last_row) == (1, whole.lines[len(whole.lines) - 1].start)


def test_an_ordinary_paragraph_is_measured_at_once() -> None:
    doc = document("نص قصير " * 50)
    doc.layout(1)
    assert doc.unbroken() is None
    assert doc.rows(1) == len(doc.layout(1).lines)
