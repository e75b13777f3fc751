"""Assembling a ``Story`` from a TOML story file (format: ``docs/story-format.md``).

The whole file is checked before anything is built, and every problem found
is reported with its line and field: an editor fixing a story file sees all
its typos at once rather than one per attempt.

``StoryAssembly`` reads the ``[story]`` table and the chapters (those with
``ChapterReading``, ``tui.story.chapter_reading``); every other
top-level table is a ``Section`` listed in ``SECTIONS``: its key and a
function that reads it into fields of the ``Story``. The timeline and the
quotes are sections (``tui.story.anchored``); a new kind of table joins the
format by adding its section to that tuple (and its field to ``Story``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from tui.story.anchored import read_anchor, read_quotes, read_timeline
from tui.story.anchors import PhraseFinder
from tui.story.chapter_reading import ChapterReading
from tui.story.language import (
    LANGUAGE_TAG,
    UNDETERMINED,
    first_direction,
    language_direction,
)
from tui.story.locator import Key
from tui.story.model import Anchor, Chapter, Story
from tui.story.toml_schema import Table, excerpt
from tui.story.visible import show_bidi_controls
from tui.types import Direction

FORMAT_VERSION = 1
#: entries of a section read between two calls of ``StoryAssembly.pace``
PACE_EVERY = 128


class Section(NamedTuple):
    """A top-level table of the story file beyond ``[story]`` and ``[[chapters]]``.

    ``read(assembly, value, where)`` is called, once the chapters are read,
    with the table's value when the file has it; it reports problems through
    the assembly and returns the ``Story`` fields it fills.
    """

    key: str
    read: Callable[[StoryAssembly, object, Key], dict[str, Any]]


def _read_eras(assembly: StoryAssembly, value: object, where: Key) -> dict[str, Any]:
    from tui.story.journey import read_eras

    return {"eras": read_eras(assembly, value, where)}


def _read_places(assembly: StoryAssembly, value: object, where: Key) -> dict[str, Any]:
    from tui.story.journey import read_places

    return {"places": read_places(assembly, value, where)}


#: the sections of the format, in the order they are read
SECTIONS: tuple[Section, ...] = (
    Section("timeline", read_timeline),
    Section("quotes", read_quotes),
    Section("eras", _read_eras),
    Section("places", _read_places),
)
#: the top-level tables that are sections, read after the chapters
SECTION_NAMES = tuple(section.key for section in SECTIONS)

_STORY_KEYS = (
    "format",
    "title",
    "title_en",
    "language",
    "direction",
    "source_url",
    "source_name",
    "article",
)


class _Header(NamedTuple):
    """What the [story] table says."""

    title: str
    title_en: str | None
    language: str
    direction: Direction | None
    source_url: str | None
    source_name: str | None
    article: Path | None


class StoryAssembly(ChapterReading):
    """Checks a parsed story file and assembles the ``Story``, collecting problems."""

    def __init__(self, shown: str, source: str, path: Path, *, clean: bool = False) -> None:
        super().__init__(shown, source, clean=clean)
        self.path = path
        self.notices: list[str] = []
        #: finds the phrases of anchors, each once per paragraph
        self.phrases = PhraseFinder()
        #: what ``head`` read of the header, for ``story_of``
        self._header: _Header | None = None
        #: whether the direction of the last story ``story_of`` made was told
        #: by its language or its text (else it is left to right, as by default)
        self.direction_told = False

    def paced(self, items: list[Table] | None) -> Iterator[Table]:
        """``items``, with ``pace`` called every ``PACE_EVERY`` of them: a thread
        reading sections behind the reader gives the interpreter back."""
        pace = self.pace
        for index, item in enumerate(items or ()):
            if index % PACE_EVERY == PACE_EVERY - 1:
                pace()
            yield item

    def build(self, data: Table) -> Story | None:
        """The story, or None when a problem was found (see ``problems``)."""
        head = self.head(data)
        fields = self.sections(data)
        if self.problems or head is None:
            return None
        return self.whole(head, fields)

    def head(self, data: Table, *, first_only: bool = False) -> Story | None:
        """The story without its sections (``SECTIONS``), or None when the
        header or the chapters have a problem.

        ``first_only``: ``data`` holds the story's first chapter only, the
        others to be read by ``more_chapters``; the story holds that chapter,
        and ``direction_told`` says whether its direction is the whole
        story's (the title or that chapter has a letter that tells it).
        """
        self.table(data, (), ("story", "chapters", *SECTION_NAMES))
        self._header = self.header(data)
        chapters = self.chapters(data, first_only=first_only)
        if self.problems or self._header is None or chapters is None:
            return None
        return self.story_of(chapters)

    def story_of(self, chapters: tuple[Chapter, ...]) -> Story:
        """The story of the header read by ``head`` and ``chapters``, without its sections."""
        header = self._header
        assert header is not None
        texts = (p.text for chapter in chapters for p in chapter.paragraphs)
        direction = header.direction or language_direction(header.language)
        if direction is None:
            direction = first_direction(_chain((header.title,), texts))
        self.direction_told = direction is not None
        return Story(
            title=header.title,
            title_en=header.title_en,
            language=header.language,
            direction=direction or "L",
            source_url=header.source_url,
            source_name=header.source_name,
            chapters=chapters,
            path=self.path,
            notices=tuple(self.notices),
            article=header.article,
            index=(self.paragraphs, self.chapter_of),
        )

    def whole(self, head: Story, fields: dict[str, Any]) -> Story:
        """``head`` with the sections' ``fields``: its index handed over again,
        not built a second time."""
        return dataclasses.replace(head, index=(self.paragraphs, self.chapter_of), **fields)

    def sections(self, data: Table) -> dict[str, Any]:
        """The fields of ``Story`` the sections in ``data`` fill (problems
        recorded); read once the chapters are, since they point into them."""
        fields: dict[str, Any] = {}
        for section in SECTIONS:
            if section.key in data:
                fields.update(section.read(self, data[section.key], (section.key,)))
        return fields

    def anchor(self, item: Table, where: Key, default_phrase: str | None) -> Anchor | None:
        """Where the words of ``phrase`` stand in ``paragraph`` (``tui.story.anchored``)."""
        return read_anchor(self, item, where, default_phrase)

    def header(self, data: Table) -> _Header | None:
        where: Key = ("story",)
        if "story" not in data:
            self.problem(where, "a [story] table with the story's title", "nothing")
            return None
        story = self.table(data["story"], where, _STORY_KEYS)
        if story is None:
            return None
        self.integer(
            story,
            where,
            "format",
            required=False,
            low=FORMAT_VERSION,
            high=FORMAT_VERSION,
            expected=f"format = {FORMAT_VERSION} (the only format so far)",
        )
        title = self.title(story, where, "title", required=True)
        title_en = self.title(story, where, "title_en", required=False)
        language = self.text(story, where, "language", required=False) or UNDETERMINED
        if not LANGUAGE_TAG.fullmatch(language):
            self.problem(
                (*where, "language"), 'a language tag such as "ar" or "en"', excerpt(language)
            )
        declared: Direction | None = None
        direction = self.text(story, where, "direction", required=False)
        if direction is not None:
            if direction in ("rtl", "ltr"):
                declared = "R" if direction == "rtl" else "L"
            else:
                self.problem((*where, "direction"), '"rtl" or "ltr"', excerpt(direction))
        source_url = self.url(story, where, "source_url", required=False)
        source_name = self.title(story, where, "source_name", required=False)
        article = self.article(story, where)
        if title is None:
            return None
        return _Header(title, title_en, language, declared, source_url, source_name, article)

    def article(self, story: Table, where: Key) -> Path | None:
        name = self.text(story, where, "article", required=False)
        if name is None:
            return None
        relative = Path(name)
        if relative.is_absolute():
            self.problem((*where, "article"), "a path relative to the story file", excerpt(name))
            return None
        article = self.path.parent / relative
        try:
            found = article.is_file()
        except (OSError, ValueError) as error:
            # A name too long for the file system, a folder that cannot be
            # searched, a NUL byte: the article cannot be reached.
            reason = error.strerror if isinstance(error, OSError) else None
            self.problem(
                (*where, "article"),
                "the name of a file that can be read",
                f"{excerpt(name)} ({(reason or str(error)).lower()})",
            )
            return None
        if not found:
            # A story copied without its article is still a story: say so, go on.
            self.notices.append(
                f"the article {show_bidi_controls(name)} named by the story was not found"
            )
            return None
        return article


def _chain(first: Iterable[str], rest: Iterable[str]) -> Iterable[str]:
    yield from first
    yield from rest
