"""Print mode: the whole story as plain text, for a pipe or a terminal without an app.

``visual`` lays every paragraph out through ``tui.rtl`` for a terminal that
does no BiDi of its own (right-to-left lines right-aligned to the width);
``logical`` keeps logical order and unshaped letters, broken into lines at the
same places, for terminals that reorder by themselves, screen readers and
pipes. No escape sequence is ever written: the text was sanitized when the
story was loaded and the engine drops every control it consumes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from tui.labels import Language, label
from tui.rtl import Direction, isolate, layout_paragraph
from tui.rtl.memo import uncached
from tui.story import Image, Story

BidiMode = Literal["visual", "logical"]


def _lines(text: str, width: int, direction: Direction, bidi: BidiMode) -> Iterator[str]:
    # One sweep over the story, never to come back: nothing is kept in the
    # engine's caches, and each line is forgotten once written, so memory
    # stays flat however large the story or a paragraph of it is.
    with uncached():
        layout = layout_paragraph(text, width, direction)
    for line in layout.stream():
        if bidi == "visual":
            yield layout.aligned(line).rstrip() if direction == "R" else line.text
        else:
            yield layout.text[line.start : line.end]


def render_story(
    story: Story, width: int, bidi: BidiMode = "visual", language: Language | None = None
) -> Iterator[str]:
    """The lines of the story in print mode, without line ends."""
    width = max(1, width)
    language = language or ("ar" if story.direction == "R" else "en")
    # Labels and headings follow the interface language; the story's own
    # paragraphs keep the story's direction.
    ui: Direction = "R" if language == "ar" else "L"
    body = story.direction

    def block(text: str, direction: Direction) -> Iterator[str]:
        yield from _lines(text, width, direction, bidi)

    def title_of(native: str, english: str | None) -> str:
        return english if language == "en" and english else native

    yield from block(title_of(story.title, story.title_en), ui)
    if story.source_name:
        yield from block(f"{label('source', language)}: {isolate(story.source_name)}", ui)
    yield "=" * width
    for chapter in story.chapters:
        yield ""
        heading = f"{label('chapter', language)} {chapter.number}: "
        heading += isolate(title_of(chapter.title, chapter.title_en))
        heading_lines = list(block(heading, ui))
        yield from heading_lines
        rule = "-" * min(width, max(len(line.strip()) for line in heading_lines))
        yield rule.rjust(width) if ui == "R" and bidi == "visual" else rule
        for item in chapter.blocks:
            yield ""
            if isinstance(item, Image):
                caption = title_of(item.caption, item.caption_en)
                yield from block(f"[{label('image', language)}: {isolate(caption)}]", ui)
                yield from block(item.url, ui)
            else:
                yield from block(item.text, body)
    if story.timeline:
        yield ""
        yield from block(label("timeline", language), ui)
        yield "=" * width
        for event in story.timeline:
            text = event.label_en if language == "en" and event.label_en else event.label
            yield from block(f"{event.display_date(language)}: {isolate(text)}", ui)
    if story.quotes:
        yield ""
        yield from block(label("quotes", language), ui)
        yield "=" * width
        for quote in story.quotes:
            speaker = quote.speaker_en if language == "en" and quote.speaker_en else quote.speaker
            yield ""
            yield from block(f"«{isolate(quote.text)}»", body)
            yield from block(f"— {isolate(speaker)}", ui)
