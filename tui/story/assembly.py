"""Assembling a ``Story`` from a TOML story file (format: ``docs/story-format.md``).

The whole file is checked before anything is built, and every problem found
is reported with its line and field: an editor fixing a story file sees all
its typos at once rather than one per attempt.

``StoryAssembly`` reads the ``[story]`` table and the chapters; every other
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
from tui.story.language import LANGUAGE_TAG, UNDETERMINED, story_direction
from tui.story.locator import Key
from tui.story.model import Anchor, Block, Chapter, Image, Paragraph, Story
from tui.story.toml_schema import ID_PATTERN, MISSING, Checker, Table, excerpt
from tui.story.visible import looks_blank, show_bidi_controls
from tui.types import Direction

FORMAT_VERSION = 1
#: entries of a section read between two calls of ``StoryAssembly.pace``
PACE_EVERY = 128


def _no_pace() -> None:
    pass


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
_CHAPTER_KEYS = ("id", "title", "title_en", "blocks")
_CHAPTER_KEY_SET = frozenset(_CHAPTER_KEYS)
_PARAGRAPH_KEYS = ("id", "text")
_IMAGE_KEYS = ("id", "image", "caption", "caption_en")


class _Header(NamedTuple):
    """What the [story] table says."""

    title: str
    title_en: str | None
    language: str
    direction: Direction | None
    source_url: str | None
    source_name: str | None
    article: Path | None


class StoryAssembly(Checker):
    """Checks a parsed story file and assembles the ``Story``, collecting problems."""

    def __init__(self, shown: str, source: str, path: Path, *, clean: bool = False) -> None:
        super().__init__(shown, source, clean=clean)
        self.path = path
        self.notices: list[str] = []
        #: every block read so far, by id, and the index of its chapter
        self.blocks: dict[str, Block] = {}
        self.chapter_of: dict[str, int] = {}
        #: the paragraphs among them, in reading order
        self.paragraphs: dict[str, Paragraph] = {}
        #: finds the phrases of anchors, each once per paragraph
        self.phrases = PhraseFinder()
        #: called now and then while the sections are read (``paced``)
        self.pace: Callable[[], object] = _no_pace

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

    def head(self, data: Table) -> Story | None:
        """The story without its sections (``SECTIONS``), or None when the
        header or the chapters have a problem."""
        self.table(data, (), ("story", "chapters", *SECTION_NAMES))
        header = self.header(data)
        chapters = self.chapters(data)
        if self.problems or header is None or chapters is None:
            return None
        texts = (p.text for chapter in chapters for p in chapter.paragraphs)
        direction = story_direction(
            header.direction, header.language, _chain((header.title,), texts)
        )
        return Story(
            title=header.title,
            title_en=header.title_en,
            language=header.language,
            direction=direction,
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

    def chapters(self, data: Table) -> tuple[Chapter, ...] | None:
        where: Key = ("chapters",)
        if "chapters" not in data:
            self.problem(where, "at least one [[chapters]] table", "nothing")
            return None
        items = self.tables(data["chapters"], where, "chapters")
        if items is None:
            return None
        if not items:
            self.problem(where, "at least one [[chapters]] table", "an empty array")
            return None
        chapters: list[Chapter] = []
        for index, item in enumerate(items):
            chapter = self.chapter(item, (*where, index), index)
            if chapter is not None:
                chapters.append(chapter)
        if len(chapters) != len(items):
            return None
        if not any(chapter.paragraphs for chapter in chapters):
            self.problem(where, "at least one paragraph in the story", "only images")
            return None
        return tuple(chapters)

    def chapter(self, item: Table, where: Key, index: int) -> Chapter | None:
        chapter_id: str | None
        title: str | None
        title_en: str | None
        items: list[Table] | None
        plain = self._plain_chapter(item) if self.clean else None
        if plain is not None:
            chapter_id, title, title_en, items = plain
            self.ids[chapter_id] = where
        else:
            self.table(item, where, _CHAPTER_KEYS)
            chapter_id = self.identifier(item, where)
            title = self.title(item, where, "title", required=True)
            title_en = self.title(item, where, "title_en", required=False)
            items = None
            if "blocks" not in item:
                self.problem((*where, "blocks"), "at least one [[chapters.blocks]] table", MISSING)
            else:
                items = self.tables(item["blocks"], (*where, "blocks"), "chapters.blocks")
                if items == []:
                    self.problem(
                        (*where, "blocks"),
                        "at least one [[chapters.blocks]] table",
                        "an empty array",
                    )
        blocks: list[Block] = []
        for block_index, block_item in enumerate(items or ()):
            block = self.block(block_item, (*where, "blocks", block_index))
            if block is not None:
                blocks.append(block)
                self.blocks[block.id] = block
                self.chapter_of[block.id] = index
                if type(block) is Paragraph:
                    self.paragraphs[block.id] = block
        if chapter_id is None or title is None or not items or len(blocks) != len(items):
            return None
        return Chapter(chapter_id, index + 1, title, title_en, tuple(blocks))

    def _plain_chapter(self, item: Table) -> tuple[str, str, str | None, list[Table]] | None:
        """A chapter's id, titles and block tables when every check of ``chapter``
        passes (most chapters, read in one go); None to leave it to those checks."""
        if not item.keys() <= _CHAPTER_KEY_SET:
            return None
        chapter_id, items = item.get("id"), item.get("blocks")
        if type(chapter_id) is not str or chapter_id in self.ids:
            return None
        if not ID_PATTERN.fullmatch(chapter_id):
            return None
        title = _shown(item.get("title"))
        title_en = item.get("title_en")
        if title is None or (title_en is not None and (title_en := _shown(title_en)) is None):
            return None
        if type(items) is not list or not items or not all(type(i) is dict for i in items):
            return None
        return chapter_id, title, title_en, items

    def block(self, item: Table, where: Key) -> Block | None:
        if self.clean and len(item) == 2:
            # Most blocks, read in one go: a paragraph of an id not used
            # before, well formed with no space around it, and a text that
            # is not blank. Anything else is read by the checks below, which
            # give the same block or say what is wrong.
            block_id, text = item.get("id"), item.get("text")
            if (
                type(block_id) is str
                and type(text) is str
                and block_id not in self.ids
                and ID_PATTERN.fullmatch(block_id)
                and (text := text.strip())
            ):
                self.ids[block_id] = where
                return Paragraph(block_id, text)
        is_image = "image" in item
        if is_image and "text" in item:
            self.problem(
                (*where, "image"),
                "either text (a paragraph) or image (an image), not both",
                "both",
            )
            self.table(item, where, (*_PARAGRAPH_KEYS, *_IMAGE_KEYS[1:]))
            return None
        if not is_image and "text" not in item:
            self.table(item, where, (*_PARAGRAPH_KEYS, *_IMAGE_KEYS[1:]))
            self.problem(
                where,
                "a block with text (a paragraph) or image (an image URL)",
                "neither",
            )
            self.identifier(item, where)
            return None
        self.table(item, where, _IMAGE_KEYS if is_image else _PARAGRAPH_KEYS)
        block_id = self.identifier(item, where)
        if is_image:
            url = self.url(item, where, "image", required=True)
            caption = self.title(item, where, "caption", required=True)
            caption_en = self.title(item, where, "caption_en", required=False)
            if block_id is None or url is None or caption is None:
                return None
            return Image(block_id, url, caption, caption_en)
        text = self.text(item, where, "text", required=True)
        if block_id is None or text is None:
            return None
        return Paragraph(block_id, text)


def _shown(value: object) -> str | None:
    """``value`` stripped, if ``Checker.title`` would take it (a clean string)."""
    if type(value) is not str or not (value := value.strip()):
        return None
    first = value[0]
    if not (first.isascii() and first.isalnum()) and looks_blank(value):
        return None
    return value


def _chain(first: Iterable[str], rest: Iterable[str]) -> Iterable[str]:
    yield from first
    yield from rest
