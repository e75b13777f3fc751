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

# Named here too: the model is where the rest of Rawi finds them.
from tui.story.life import Era as Era
from tui.story.life import Place as Place
from tui.story.life import Span as Span
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


class Sections(NamedTuple):
    """The parts of a story tied to words of its text, beyond its chapters."""

    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    eras: tuple[Era, ...] = ()
    places: tuple[Place, ...] = ()


class Rest(NamedTuple):
    """What a story opened early (``Story.opening``) reads after its first screen."""

    sections: Sections
    #: every chapter, when the opening read only the first ones (None: it read them all)
    chapters: tuple[Chapter, ...] | None = None
    #: the paragraphs by id and the chapter of every block, with ``chapters``
    #: when the reading has them (else the story makes them)
    lookup: tuple[dict[str, Paragraph], dict[str, int]] | None = None


class LateRest(Protocol):
    """The rest of a story whose first chapters were read first (``Story.opening``)."""

    def result(self, pace: Callable[[], object] | None = None) -> Rest:
        """The rest, read by the first caller (the others wait for it),
        calling ``pace`` now and then if given; its sections empty and no
        chapters when the file has problems there (see ``problems``)."""
        ...

    @property
    def done(self) -> bool:
        """Whether ``result`` has its answer."""
        ...

    @property
    def problems(self) -> StoryError | None:
        """What is wrong with the rest, once read; None if nothing."""
        ...


#: the fields of ``Story`` a story opened early fills when its rest is read:
#: the sections' always, the quotes' index last (``rest_waiting`` looks at it)
_LATE_SECTIONS = ("timeline", "quotes", "eras", "places", "_quotes_by_chapter")
#: and the chapters', when it was opened with only its first chapters
_LATE_CHAPTERS = ("chapters", "_paragraphs", "_chapter_of")
_LATE_FIELDS = frozenset(_LATE_SECTIONS + _LATE_CHAPTERS)


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
    #: the rest still being read, for a story made by ``opening``
    _late: LateRest | None = field(default=None, init=False, repr=False, compare=False)
    #: the chapters read before the rest, for a story opened with only those
    _first: tuple[Chapter, ...] = field(default=(), init=False, repr=False, compare=False)
    #: how many chapters the story has, counted before they are all read
    _count: int = field(default=0, init=False, repr=False, compare=False)
    #: the paragraphs by id and the chapter of every block, when the loader
    #: has them already (checked there: no id twice); built here otherwise
    index: InitVar[tuple[dict[str, Paragraph], dict[str, int]] | None] = None

    @staticmethod
    def opening(head: Story, late: LateRest, count: int | None = None) -> Story:
        """``head`` (a story without its sections, newly made) whose rest ``late``
        will read; ``head`` itself is made so, and returned.

        The reader shows a story's first screen from its first chapter, and
        reads the timeline, quotes, eras and places after (``tui.story.loader``),
        with the other chapters if ``count`` (how many chapters the story has)
        is given: ``head.chapters`` are then only the first ones. The story
        is whole to anyone who looks: the first to read one of the late fields
        waits for ``late`` (or does its reading), and from then on they are
        plain fields. Their slots are left empty until then, which sends the
        first look to ``__getattr__``. ``chapter_count``, ``chapter`` and
        ``holds_chapter`` answer without waiting for what the first screen needs.
        """
        late_fields: tuple[str, ...] = _LATE_SECTIONS
        if count is not None:
            object.__setattr__(head, "_first", head.chapters)
            object.__setattr__(head, "_count", count)
            late_fields += _LATE_CHAPTERS
        for name in late_fields:
            object.__delattr__(head, name)
        object.__setattr__(head, "_late", late)
        return head

    if not TYPE_CHECKING:  # hidden from mypy: it would make every name an attribute

        def __getattr__(self, name: str) -> object:
            # Only reached for a slot with no value: the rest of a story made
            # by ``opening``, looked at for the first time.
            late = object.__getattribute__(self, "_late")
            if name not in _LATE_FIELDS or late is None:
                raise AttributeError(f"'Story' object has no attribute {name!r}")
            self._take(late.result())
            return object.__getattribute__(self, name)

    def _take(self, rest: Rest) -> None:
        # The same values whichever thread sets them first; the quotes'
        # index last, since ``rest_waiting`` looks at it.
        if self._first:
            # No chapters: the rest has problems (the reader closes with
            # them), the story keeps its first chapters until then.
            chapters = self._first if rest.chapters is None else rest.chapters
            index = rest.lookup if rest.chapters is not None else None
            if index is None:
                index = _index_of(chapters)
            object.__setattr__(self, "chapters", chapters)
            object.__setattr__(self, "_paragraphs", index[0])
            object.__setattr__(self, "_chapter_of", index[1])
        for name, value in zip(Sections._fields, rest.sections, strict=True):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_quotes_by_chapter", _by_chapter(rest.sections.quotes))

    @property
    def rest_waiting(self) -> bool:
        """Whether the rest of the story (the timeline, quotes, eras and places,
        and the chapters after the first if it was opened so) is still being read."""
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
        """The problems of the rest if it has been read and has some; None
        otherwise (never waits for it)."""
        return None if self.rest_waiting else self.read_rest()

    def read_rest(self, pace: Callable[[], object] | None = None) -> StoryError | None:
        """Read the rest now if it is not yet (waiting for another thread
        reading it), calling ``pace`` now and then as it is read
        (``tui.story.opening.Pacer``); what is wrong with it, if anything."""
        late = self._late
        if late is None:
            return None
        self._take(late.result(pace))
        return late.problems

    @property
    def chapter_count(self) -> int:
        """How many chapters the story has, without waiting for them to be read."""
        try:
            chapters: tuple[Chapter, ...] = object.__getattribute__(self, "chapters")
        except AttributeError:
            return self._count
        return len(chapters)

    def chapter(self, index: int) -> Chapter:
        """Chapter ``index`` (from 0); waits for the rest of the story only
        for a chapter the opening did not read."""
        if 0 <= index < len(self._first):
            return self._first[index]
        return self.chapters[index]

    def holds_chapter(self, index: int) -> bool:
        """Whether the story has a chapter ``index``; waits for the rest of the
        story only for a chapter the opening did not read."""
        return 0 <= index < len(self._first) or 0 <= index < len(self.chapters)

    def __post_init__(self, index: tuple[dict[str, Paragraph], dict[str, int]] | None) -> None:
        if index is None:
            index = _index_of(self.chapters)
        object.__setattr__(self, "_paragraphs", index[0])
        object.__setattr__(self, "_chapter_of", index[1])
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


def _index_of(chapters: tuple[Chapter, ...]) -> tuple[dict[str, Paragraph], dict[str, int]]:
    """The paragraphs of ``chapters`` by id, and the chapter of every block."""
    paragraphs: dict[str, Paragraph] = {}
    chapter_of: dict[str, int] = {}
    for number, chapter in enumerate(chapters):
        for block in chapter.blocks:
            if block.id in chapter_of:
                raise ValueError(f"block id {block.id!r} is used twice")
            chapter_of[block.id] = number
            if isinstance(block, Paragraph):
                paragraphs[block.id] = block
    return paragraphs, chapter_of


def _by_chapter(quotes: tuple[Quote, ...]) -> dict[int, tuple[Quote, ...]]:
    by_chapter: dict[int, list[Quote]] = {}
    for quote in quotes:
        by_chapter.setdefault(quote.anchor.chapter_index, []).append(quote)
    return {index: tuple(found) for index, found in by_chapter.items()}
