"""Print mode: the whole story as plain text, for a pipe or a terminal without an app.

``visual`` lays every paragraph out through ``tui.rtl`` for a terminal that
does no BiDi of its own (right-to-left lines right-aligned to the width);
``logical`` keeps logical order and unshaped letters, broken into lines at the
same places, for terminals that reorder by themselves, screen readers and
pipes: plain text, with no isolate or mark that Rawi added. In visual order
the story's paragraphs are justified (kashidas, then spaces) unless asked
not to be; headings, captions, the timeline and quotes never are (short
texts look worse justified), and logical order never is. No escape sequence
is ever written: the text was sanitized when the story was loaded and the
engine drops every control it consumes.

``render_story`` walks the story's chapters once, in order: a
``tui.story.streaming.StreamedStory`` gives them one at a time, read from
the file as they are printed, so that printing a story holds one chapter's
text at a time, however large the story.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from tui.rtl import Direction, layout_paragraph
from tui.rtl import isolate as isolate_label
from tui.rtl.logical import isolate_if_needed
from tui.rtl.memo import uncached
from tui.story import Chapter, Image, Quote, TimelineEvent
from tui.types import BidiMode
from tui.words import Language, word


def _lines(
    text: str, width: int, direction: Direction, bidi: BidiMode, justify: bool = False
) -> Iterator[str]:
    # One sweep over the story, never to come back: nothing is kept in the
    # engine's caches, and each line is forgotten once written, so memory
    # stays flat however large the story or a paragraph of it is.
    with uncached():
        layout = layout_paragraph(text, width, direction, justify=justify and bidi == "visual")
    for line in layout.stream():
        if bidi == "visual":
            yield layout.aligned(line).rstrip() if direction == "R" else line.text
        else:
            yield layout.text[line.start : line.end]


class PrintedStory(Protocol):
    """What print mode reads of a story: a ``Story``, or a ``StreamedStory``
    whose chapters are read from the file as they are walked."""

    @property
    def title(self) -> str: ...
    @property
    def title_en(self) -> str | None: ...
    @property
    def source_name(self) -> str | None: ...
    @property
    def direction(self) -> Direction: ...
    @property
    def chapters(self) -> Iterable[Chapter]: ...
    @property
    def timeline(self) -> Sequence[TimelineEvent]: ...
    @property
    def quotes(self) -> Sequence[Quote]: ...


def render_story(
    story: PrintedStory,
    width: int,
    bidi: BidiMode = "visual",
    language: Language | None = None,
    *,
    justify: bool = True,
) -> Iterator[str]:
    """The lines of the story in print mode, without line ends.

    ``justify`` fills the lines of the story's paragraphs to ``width`` (in
    visual order only; ``tui.rtl.justify``).
    """
    width = max(1, width)
    language = language or ("ar" if story.direction == "R" else "en")
    # Labels and headings follow the interface language; the story's own
    # paragraphs keep the story's direction.
    ui: Direction = "R" if language == "ar" else "L"
    body = story.direction
    # Visual lines are laid out by Rawi, which consumes the isolates that keep
    # a label in order; logical text is plain text for a pipe or a terminal:
    # no control character that Rawi added (grep finds "الفصل 1: جنود"),
    # unless the story's text holds controls that could reorder the label.
    isolate = isolate_label if bidi == "visual" else isolate_if_needed

    def block(text: str, direction: Direction) -> Iterator[str]:
        yield from _lines(text, width, direction, bidi)

    def title_of(native: str, english: str | None) -> str:
        return english if language == "en" and english else native

    yield from block(title_of(story.title, story.title_en), ui)
    if story.source_name:
        yield from block(f"{word('source', language)}: {isolate(story.source_name)}", ui)
    yield "=" * width
    for chapter in story.chapters:
        yield ""
        heading = f"{word('chapter', language)} {chapter.number}: "
        heading += isolate(title_of(chapter.title, chapter.title_en))
        heading_lines = list(block(heading, ui))
        yield from heading_lines
        rule = "-" * min(width, max(len(line.strip()) for line in heading_lines))
        yield rule.rjust(width) if ui == "R" and bidi == "visual" else rule
        for item in chapter.blocks:
            yield ""
            if isinstance(item, Image):
                caption = title_of(item.caption, item.caption_en)
                yield from block(f"[{word('image', language)}: {isolate(caption)}]", ui)
                yield from block(item.url, ui)
            else:
                yield from _lines(item.text, width, body, bidi, justify)
    if story.timeline:
        yield ""
        yield from block(word("timeline", language), ui)
        yield "=" * width
        for event in story.timeline:
            text = event.label_en if language == "en" and event.label_en else event.label
            yield from block(f"{event.display_date(language)}: {isolate(text)}", ui)
    if story.quotes:
        yield ""
        yield from block(word("quotes", language), ui)
        yield "=" * width
        for quote in story.quotes:
            speaker = quote.speaker_en if language == "en" and quote.speaker_en else quote.speaker
            yield ""
            yield from block(f"«{isolate(quote.text)}»", body)
            if speaker:  # a quote found in a plain article may have no known speaker
                yield from block(f"— {isolate(speaker)}", ui)
