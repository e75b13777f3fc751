"""The chapters of a story file, checked and built: ``ChapterReading``.

The base of ``tui.story.assembly.StoryAssembly``: it reads the
``[[chapters]]`` tables and their ``[[chapters.blocks]]`` (paragraphs and
images) into ``Chapter`` values, records every problem with its place
(``Checker``), and keeps the index of the blocks that the sections' anchors
point into. A story opened early (``tui.story.loader.open_story``) has its
first chapter read by ``chapters(first_only=True)`` and the others later by
``more_chapters``, in the same reading, so that ids and positions count
across all of them.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.story.locator import Key
from tui.story.model import Block, Chapter, Image, Paragraph
from tui.story.toml_schema import ID_PATTERN, MISSING, Checker, Table
from tui.story.visible import looks_blank

_CHAPTER_KEYS = ("id", "title", "title_en", "blocks")
_CHAPTER_KEY_SET = frozenset(_CHAPTER_KEYS)
_PARAGRAPH_KEYS = ("id", "text")
_IMAGE_KEYS = ("id", "image", "caption", "caption_en")


def _no_pace() -> None:
    pass


class ChapterReading(Checker):
    """Checks and builds the chapters of a parsed story file, collecting problems."""

    def __init__(self, shown: str, source: str, *, clean: bool = False) -> None:
        super().__init__(shown, source, clean=clean)
        #: every block read so far, by id, and the index of its chapter
        self.blocks: dict[str, Block] = {}
        self.chapter_of: dict[str, int] = {}
        #: the paragraphs among them, in reading order
        self.paragraphs: dict[str, Paragraph] = {}
        #: called now and then while the rest of a story is read (a thread
        #: reading behind the reader gives the interpreter back)
        self.pace: Callable[[], object] = _no_pace
        #: the chapters read so far, how many tables of chapters were read,
        #: and whether any of them had a problem
        self._chapters_read: list[Chapter] = []
        self._chapters_seen = 0
        self._chapters_failed = False

    def chapters(self, data: Table, *, first_only: bool = False) -> tuple[Chapter, ...] | None:
        """The chapters in ``data`` (problems recorded); ``first_only``: the
        first ones, the others to come (``more_chapters``)."""
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
        return self._chapters(items, first_only=first_only)

    def more_chapters(self, items: object) -> tuple[Chapter, ...] | None:
        """Every chapter of the story: those ``head`` read, then ``items``,
        the tables of the chapters after them; None if any has a problem."""
        found = self.tables(items, ("chapters",), "chapters") if items is not None else []
        return None if found is None else self._chapters(found, first_only=False)

    def _chapters(self, items: list[Table], *, first_only: bool) -> tuple[Chapter, ...] | None:
        where: Key = ("chapters",)
        pace = self.pace
        for item in items:
            index = self._chapters_seen
            self._chapters_seen += 1
            chapter = self.chapter(item, (*where, index), index)
            if chapter is None:
                self._chapters_failed = True
            else:
                self._chapters_read.append(chapter)
            pace()
        if self._chapters_failed:
            return None
        chapters = tuple(self._chapters_read)
        if not first_only and not any(chapter.paragraphs for chapter in chapters):
            self.problem(where, "at least one paragraph in the story", "only images")
            return None
        return chapters

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
