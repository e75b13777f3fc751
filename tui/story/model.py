"""The story model: chapters of paragraphs and images, a timeline, quotes,
eras and places.

Immutable values, built by ``tui.story.loader`` and read by everything else:
named tuples, and ``Story`` a frozen dataclass. (Named tuples because every
class here is defined at each start-up, and a dataclass costs ~0.5 ms to
define, a named tuple a fifth of that.) All text in them has already been
through ``clean_text``; offsets (``Anchor.start``/``end``) index that cleaned
text. A paragraph's text may hold ``\\n``: a line break the author wrote inside
the paragraph.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

from tui.story.months import MONTHS_AR, MONTHS_EN
from tui.types import Direction

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.story.errors import StoryError

Approximate = Literal["start", "end"]


class Paragraph(NamedTuple):
    """A paragraph of the story, in reading order within its chapter."""

    id: str
    text: str


class Image(NamedTuple):
    """An image the article shows between paragraphs; a terminal shows its caption."""

    id: str
    url: str
    caption: str
    caption_en: str | None


Block = Paragraph | Image


class Chapter(NamedTuple):
    """A chapter: a run of blocks with a title (``number`` counts from 1)."""

    id: str
    number: int
    title: str
    title_en: str | None
    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The chapter's paragraphs, images left out."""
        return tuple(block for block in self.blocks if isinstance(block, Paragraph))


class Anchor(NamedTuple):
    """Where a timeline event or a quote stands in the text.

    ``phrase == story.paragraph(paragraph_id).text[start:end]``;
    ``chapter_index`` (from 0) is the chapter holding that paragraph.
    """

    paragraph_id: str
    phrase: str
    start: int
    end: int
    chapter_index: int


class TimelineEvent(NamedTuple):
    """A dated moment of the story, tied to the words that tell it.

    ``approximate`` is for a date known only as the start or end of a year
    ("في نهاية 2012"); it is never given together with ``month``.
    """

    id: str
    year: int
    month: int | None
    approximate: Approximate | None
    label: str
    label_en: str | None
    anchor: Anchor

    @property
    def sort_key(self) -> tuple[int, int]:
        """Chronological order: a bare year or "start of" sorts before the
        year's months, "end of" after them."""
        if self.month is not None:
            return (self.year, self.month)
        return (self.year, 13 if self.approximate == "end" else 0)

    def display_date(self, language: Literal["ar", "en"] = "ar") -> str:
        """The date as a reader sees it: "أكتوبر 2001" or "October 2001",
        "نهاية 2012" or "End of 2012"."""
        arabic = language == "ar"
        if self.month is not None:
            names = MONTHS_AR if arabic else MONTHS_EN
            return f"{names[self.month - 1]} {self.year}"
        if self.approximate == "start":
            return f"بداية {self.year}" if arabic else f"Start of {self.year}"
        if self.approximate == "end":
            return f"نهاية {self.year}" if arabic else f"End of {self.year}"
        return str(self.year)

    @property
    def date_ar(self) -> str:
        """The date in Arabic, e.g. "أكتوبر 2001"."""
        return self.display_date("ar")

    @property
    def date_en(self) -> str:
        """The date in English, e.g. "October 2001"."""
        return self.display_date("en")


class Quote(NamedTuple):
    """Something a person in the story says, as written, without quotation marks."""

    id: str
    text: str
    speaker: str
    speaker_en: str | None
    anchor: Anchor


DateKey = tuple[int, int]
"""A date as ``TimelineEvent.sort_key`` orders it: (year, 0) the start of the
year, (year, 1..12) a month, (year, 13) the end of the year."""


class Span(NamedTuple):
    """A stretch of the story's time, from a year (and month) to a year (and
    month); ``to_year`` is ``None`` when it was still going on as the story was
    written."""

    from_year: int
    from_month: int | None
    to_year: int | None
    to_month: int | None

    @property
    def start_key(self) -> DateKey:
        """The first moment of the span: a bare year counts from its start."""
        return (self.from_year, self.from_month or 0)

    @property
    def end_key(self) -> DateKey | None:
        """The last moment of the span (a bare year counts to its end);
        ``None`` for a span still going on."""
        if self.to_year is None:
            return None
        return (self.to_year, self.to_month or 13)

    def contains(self, key: DateKey) -> bool:
        """Whether the date ``key`` falls in the span."""
        end = self.end_key
        return self.start_key <= key and (end is None or key <= end)

    def display(self, language: Literal["ar", "en"] = "ar") -> str:
        """The span as a reader sees it: "1974 – 1992", "October 2001 – 2004",
        "2012 –" for one still going on."""
        names = MONTHS_AR if language == "ar" else MONTHS_EN

        def one(year: int, month: int | None) -> str:
            return f"{names[month - 1]} {year}" if month else str(year)

        start = one(self.from_year, self.from_month)
        if self.to_year is None:
            return f"{start} –"
        end = one(self.to_year, self.to_month)
        return start if end == start else f"{start} – {end}"


class Era(NamedTuple):
    """A period of the life the story tells ("Montreal and the MBA").

    ``anchor``, when the file gives one, is where the text starts telling the
    era: it decides to which of two eras sharing a year an event belongs.
    """

    id: str
    label: str
    label_en: str | None
    span: Span
    anchor: Anchor | None


class Place(NamedTuple):
    """Where the story goes, in the order of the file (the journey's route),
    tied to the words that name it; ``span`` says when, if the file says."""

    id: str
    name: str
    name_en: str | None
    latitude: float
    longitude: float
    anchor: Anchor
    span: Span | None


class Sections(NamedTuple):
    """The parts of a story tied to words of its text, beyond its chapters."""

    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    eras: tuple[Era, ...] = ()
    places: tuple[Place, ...] = ()


class LateSections(Protocol):
    """The sections of a story whose chapters were read first (``Story.opening``)."""

    def result(self, pace: Callable[[], object] | None = None) -> Sections:
        """The sections, read by the first caller (the others wait for it),
        calling ``pace`` now and then if given; empty when the file's
        sections have problems (see ``problems``)."""
        ...

    @property
    def done(self) -> bool:
        """Whether ``result`` has its answer."""
        ...

    @property
    def problems(self) -> StoryError | None:
        """What is wrong with the sections, once read; None if nothing."""
        ...


#: the fields of ``Story`` a story opened early fills when its sections are read
_LATE_FIELDS = ("timeline", "quotes", "eras", "places", "_quotes_by_chapter")


@dataclass(frozen=True, slots=True)
class Story:
    """A whole story as loaded from a file.

    ``timeline`` is in chronological order (events with the same date keep the
    order of the file); ``quotes`` keep the order of the file. ``notices`` are
    things the loader wants the reader told, e.g. that the file was read as
    Windows-1256. ``article`` is the verbatim source text the story was made
    from, when the story file names one. ``eras`` are in chronological order;
    ``places`` keep the order of the file, which is the journey's route.
    """

    title: str
    title_en: str | None
    language: str
    direction: Direction
    source_url: str | None
    source_name: str | None
    chapters: tuple[Chapter, ...]
    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    path: Path | None = None
    notices: tuple[str, ...] = ()
    article: Path | None = None
    eras: tuple[Era, ...] = ()
    places: tuple[Place, ...] = ()
    # Built once in __post_init__ so that lookups by id are O(1).
    _paragraphs: dict[str, Paragraph] = field(init=False, repr=False, compare=False)
    _chapter_of: dict[str, int] = field(init=False, repr=False, compare=False)
    _quotes_by_chapter: dict[int, tuple[Quote, ...]] = field(init=False, repr=False, compare=False)
    #: the sections still being read, for a story made by ``opening``
    _late: LateSections | None = field(default=None, init=False, repr=False, compare=False)
    #: the paragraphs by id and the chapter of every block, when the loader
    #: has them already (checked there: no id twice); built here otherwise
    index: InitVar[tuple[dict[str, Paragraph], dict[str, int]] | None] = None

    @staticmethod
    def opening(head: Story, late: LateSections) -> Story:
        """``head`` (a story of chapters only, newly made) whose sections ``late``
        will read; ``head`` itself is made so, and returned.

        The reader shows a story's first screen from its chapters, and reads
        the timeline, quotes, eras and places after (``tui.story.loader``).
        The story is whole to anyone who looks: the first to read one of
        those fields waits for ``late`` (or does its reading), and from then on
        they are plain fields. Their slots are left empty until then, which
        sends the first look to ``__getattr__``.
        """
        for name in _LATE_FIELDS:
            object.__delattr__(head, name)
        object.__setattr__(head, "_late", late)
        return head

    if not TYPE_CHECKING:  # hidden from mypy: it would make every name an attribute

        def __getattr__(self, name: str) -> object:
            # Only reached for a slot with no value: the sections of a story
            # made by ``opening``, looked at for the first time.
            late = object.__getattribute__(self, "_late")
            if name not in _LATE_FIELDS or late is None:
                raise AttributeError(f"'Story' object has no attribute {name!r}")
            self._take(late.result())
            return object.__getattribute__(self, name)

    def _take(self, sections: Sections) -> None:
        # The same values whichever thread sets them first; the quotes'
        # index last, since ``sections_waiting`` looks at it.
        for name, value in zip(Sections._fields, sections, strict=True):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_quotes_by_chapter", _by_chapter(sections.quotes))

    @property
    def sections_waiting(self) -> bool:
        """Whether the timeline, quotes, eras and places are still being read."""
        late = self._late
        if late is None:
            return False
        try:
            object.__getattribute__(self, "_quotes_by_chapter")
        except AttributeError:
            return not late.done
        return False

    @property
    def problems_found(self) -> StoryError | None:
        """The problems of the sections if they have been read and have some;
        None otherwise (never waits for them)."""
        return None if self.sections_waiting else self.read_sections()

    def read_sections(self, pace: Callable[[], object] | None = None) -> StoryError | None:
        """Read the sections now if they are not yet (waiting for another
        thread reading them), calling ``pace`` now and then as they are read
        (``tui.story.opening.Pacer``); what is wrong with them, if anything."""
        late = self._late
        if late is None:
            return None
        self._take(late.result(pace))
        return late.problems

    def __post_init__(self, index: tuple[dict[str, Paragraph], dict[str, int]] | None) -> None:
        if index is not None:
            object.__setattr__(self, "_paragraphs", index[0])
            object.__setattr__(self, "_chapter_of", index[1])
            object.__setattr__(self, "_quotes_by_chapter", _by_chapter(self.quotes))
            return
        paragraphs: dict[str, Paragraph] = {}
        chapter_of: dict[str, int] = {}
        for number, chapter in enumerate(self.chapters):
            for block in chapter.blocks:
                if block.id in chapter_of:
                    raise ValueError(f"block id {block.id!r} is used twice")
                chapter_of[block.id] = number
                if isinstance(block, Paragraph):
                    paragraphs[block.id] = block
        object.__setattr__(self, "_paragraphs", paragraphs)
        object.__setattr__(self, "_chapter_of", chapter_of)
        object.__setattr__(self, "_quotes_by_chapter", _by_chapter(self.quotes))

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph of the story, in reading order."""
        return tuple(self._paragraphs.values())

    def paragraph(self, paragraph_id: str) -> Paragraph:
        """The paragraph with this id (``KeyError`` if there is none)."""
        return self._paragraphs[paragraph_id]

    def chapter_of(self, paragraph_id: str) -> int:
        """The index (from 0) of the chapter holding this paragraph or image."""
        return self._chapter_of[paragraph_id]

    def quotes_in_chapter(self, index: int) -> tuple[Quote, ...]:
        """The quotes in chapter ``index`` (from 0), in the order of the file."""
        return self._quotes_by_chapter.get(index, ())


def _by_chapter(quotes: tuple[Quote, ...]) -> dict[int, tuple[Quote, ...]]:
    by_chapter: dict[int, list[Quote]] = {}
    for quote in quotes:
        by_chapter.setdefault(quote.anchor.chapter_index, []).append(quote)
    return {index: tuple(found) for index, found in by_chapter.items()}
