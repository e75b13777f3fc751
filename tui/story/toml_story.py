"""Building a ``Story`` from a TOML story file (format: ``docs/story-format.md``).

The whole file is checked before anything is built, and every problem found
is reported with its line and field: an editor fixing a story file sees all
its typos at once rather than one per attempt. Unknown keys are problems too,
so that ``titel = ...`` cannot pass silently.
"""

from __future__ import annotations

import datetime
import difflib
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from tui.rtl.direction import Direction
from tui.rtl.sanitize import clean_text
from tui.story.errors import Problem, StoryError
from tui.story.journey import eras_and_places
from tui.story.language import LANGUAGE_TAG, UNDETERMINED, story_direction
from tui.story.locator import Key, Locator, field_name
from tui.story.model import (
    Anchor,
    Approximate,
    Block,
    Chapter,
    Image,
    Paragraph,
    Quote,
    Story,
    TimelineEvent,
)

FORMAT_VERSION = 1

_TOP_KEYS = ("story", "chapters", "timeline", "quotes", "eras", "places")
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
_PARAGRAPH_KEYS = ("id", "text")
_IMAGE_KEYS = ("id", "image", "caption", "caption_en")
_EVENT_KEYS = (
    "id",
    "year",
    "month",
    "approximate",
    "label",
    "label_en",
    "paragraph",
    "phrase",
    "occurrence",
)
_QUOTE_KEYS = ("id", "text", "speaker", "speaker_en", "paragraph", "phrase", "occurrence")

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_ID_EXPECTED = "an id of ASCII letters, digits, '-', '_' or '.'"
_TEXT_EXPECTED = "a non-empty string"
_MISSING = "nothing (the key is missing)"
_EXCERPT_LENGTH = 40

Table = dict[str, object]

_KINDS = {
    "chapters": "a chapter",
    "timeline": "a timeline event",
    "quotes": "a quote",
    "eras": "an era",
    "places": "a place",
}


def _describe(value: object) -> str:
    """What a TOML value is, as a message says it."""
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else f"the string {_excerpt(value)}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.datetime):
        return "a date-time"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, datetime.time):
        return "a time"
    return "a value of another kind"


def _excerpt(text: str) -> str:
    text = clean_text(text)
    if len(text) > _EXCERPT_LENGTH:
        text = text[: _EXCERPT_LENGTH - 1] + "…"
    return f'"{text}"'


def _syntax_problem(shown: str, source: str, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    line: int | None = None
    where = ""
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        line = int(match.group(1))
        where = f" at column {match.group(2)}"
        message = message[: match.start()]
    elif message.endswith("(at end of document)"):
        # TOML lines end at LF only (str.splitlines would also split at
        # form feeds and other separators a TOML file can hold in strings).
        line = max(1, source.count("\n") + (0 if source.endswith("\n") else 1))
        where = " at the end of the file"
        message = message[: -len("(at end of document)")].rstrip()
    if message:
        message = message[0].lower() + message[1:]
    return Problem(shown, line, None, "valid TOML", f"a syntax error{where}: {message}")


def _find_all(text: str, phrase: str) -> list[int]:
    found: list[int] = []
    start = text.find(phrase)
    while start >= 0:
        found.append(start)
        start = text.find(phrase, start + 1)
    return found


class _Header(NamedTuple):
    """What the [story] table says."""

    title: str
    title_en: str | None
    language: str
    direction: Direction | None
    source_url: str | None
    source_name: str | None
    article: Path | None


class _StoryBuilder:
    """Checks a parsed story file and builds the ``Story``, collecting problems."""

    def __init__(self, shown: str, source: str, path: Path) -> None:
        self.shown = shown
        self.path = path
        self.locator = Locator(source)
        self.problems: list[Problem] = []
        self.notices: list[str] = []
        # id -> where it was first defined, across the whole story.
        self.ids: dict[str, Key] = {}
        self.blocks: dict[str, Block] = {}
        self.chapter_of: dict[str, int] = {}

    # -- reporting -------------------------------------------------------

    def problem(self, where: Key, expected: str, got: str | None = None) -> None:
        field = field_name(where) if where else None
        self.problems.append(Problem(self.shown, self.locator.line_of(where), field, expected, got))

    # -- typed reads -----------------------------------------------------

    def table(self, value: object, where: Key, keys: Iterable[str]) -> Table | None:
        """``value`` as a table with only the ``keys`` allowed, else ``None``."""
        if not isinstance(value, dict):
            self.problem(where, "a table", _describe(value))
            return None
        allowed = tuple(keys)
        for key in value:
            if key not in allowed:
                got = "an unknown key"
                close = difflib.get_close_matches(key, allowed, n=1)
                if close:
                    got += f' (did you mean "{close[0]}"?)'
                self.problem((*where, key), f"one of {', '.join(allowed)}", got)
        return value

    def tables(self, value: object, where: Key, what: str) -> list[Table] | None:
        """``value`` as an array of tables (``[[what]]``), else ``None``."""
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(where, f"an array of tables ([[{what}]])", _describe(value))
            return None
        return value

    def text(self, table: Table, where: Key, key: str, *, required: bool) -> str | None:
        """A non-empty string, cleaned and stripped."""
        if key not in table:
            if required:
                self.problem((*where, key), _TEXT_EXPECTED, _MISSING)
            return None
        value = table[key]
        if not isinstance(value, str):
            self.problem((*where, key), _TEXT_EXPECTED, _describe(value))
            return None
        cleaned = clean_text(value).strip()
        if not cleaned:
            self.problem((*where, key), _TEXT_EXPECTED, "an empty string")
            return None
        return cleaned

    def integer(
        self,
        table: Table,
        where: Key,
        key: str,
        *,
        required: bool,
        low: int,
        high: int,
        expected: str,
    ) -> int | None:
        if key not in table:
            if required:
                self.problem((*where, key), expected, _MISSING)
            return None
        value = table[key]
        # A TOML boolean is a Python int: it must not pass as a year.
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem((*where, key), expected, _describe(value))
            return None
        if not low <= value <= high:
            self.problem((*where, key), expected, str(value))
            return None
        return value

    def identifier(self, table: Table, where: Key) -> str | None:
        """The table's ``id``, checked and registered as used."""
        value = self.text(table, where, "id", required=True)
        if value is None:
            return None
        if not _ID.fullmatch(value):
            self.problem((*where, "id"), _ID_EXPECTED, _excerpt(value))
            return None
        first = self.ids.get(value)
        if first is not None:
            line = self.locator.line_of((*first, "id"))
            at = f"line {line}" if line is not None else field_name(first)
            self.problem(
                (*where, "id"),
                "an id not used before in the story",
                f'"{value}" again (first used on {at})',
            )
            return None
        self.ids[value] = where
        return value

    def url(self, table: Table, where: Key, key: str, *, required: bool) -> str | None:
        value = self.text(table, where, key, required=required)
        if value is None:
            return None
        parts = urlsplit(value)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or any(ch.isspace() for ch in value)
        ):
            self.problem((*where, key), "an http:// or https:// URL", _excerpt(value))
            return None
        return value

    # -- the parts of a story --------------------------------------------

    def build(self, data: Table) -> Story | None:
        self.table(data, (), _TOP_KEYS)
        header = self.header(data)
        chapters = self.chapters(data)
        timeline = self.timeline(data)
        quotes = self.quotes(data)
        eras, places = eras_and_places(self, data)
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
            timeline=tuple(sorted(timeline, key=lambda event: event.sort_key)),
            quotes=tuple(quotes),
            path=self.path,
            notices=tuple(self.notices),
            article=header.article,
            eras=eras,
            places=places,
        )

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
        title = self.text(story, where, "title", required=True)
        title_en = self.text(story, where, "title_en", required=False)
        language = self.text(story, where, "language", required=False) or UNDETERMINED
        if not LANGUAGE_TAG.fullmatch(language):
            self.problem(
                (*where, "language"), 'a language tag such as "ar" or "en"', _excerpt(language)
            )
        declared: Direction | None = None
        direction = self.text(story, where, "direction", required=False)
        if direction is not None:
            if direction in ("rtl", "ltr"):
                declared = "R" if direction == "rtl" else "L"
            else:
                self.problem((*where, "direction"), '"rtl" or "ltr"', _excerpt(direction))
        source_url = self.url(story, where, "source_url", required=False)
        source_name = self.text(story, where, "source_name", required=False)
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
            self.problem((*where, "article"), "a path relative to the story file", _excerpt(name))
            return None
        article = self.path.parent / relative
        if not article.is_file():
            # A story copied without its article is still a story: say so, go on.
            self.notices.append(f"the article {name} named by the story was not found")
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
        self.table(item, where, _CHAPTER_KEYS)
        chapter_id = self.identifier(item, where)
        title = self.text(item, where, "title", required=True)
        title_en = self.text(item, where, "title_en", required=False)
        blocks: list[Block] = []
        items: list[Table] | None = None
        if "blocks" not in item:
            self.problem((*where, "blocks"), "at least one [[chapters.blocks]] table", _MISSING)
        else:
            items = self.tables(item["blocks"], (*where, "blocks"), "chapters.blocks")
            if items == []:
                self.problem(
                    (*where, "blocks"), "at least one [[chapters.blocks]] table", "an empty array"
                )
        for block_index, block_item in enumerate(items or ()):
            block = self.block(block_item, (*where, "blocks", block_index))
            if block is not None:
                blocks.append(block)
                self.blocks[block.id] = block
                self.chapter_of[block.id] = index
        if chapter_id is None or title is None or not items or len(blocks) != len(items):
            return None
        return Chapter(chapter_id, index + 1, title, title_en, tuple(blocks))

    def block(self, item: Table, where: Key) -> Block | None:
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
            caption = self.text(item, where, "caption", required=True)
            caption_en = self.text(item, where, "caption_en", required=False)
            if block_id is None or url is None or caption is None:
                return None
            return Image(block_id, url, caption, caption_en)
        text = self.text(item, where, "text", required=True)
        if block_id is None or text is None:
            return None
        return Paragraph(block_id, text)

    def timeline(self, data: Table) -> list[TimelineEvent]:
        events: list[TimelineEvent] = []
        if "timeline" not in data:
            return events
        items = self.tables(data["timeline"], ("timeline",), "timeline")
        for index, item in enumerate(items or ()):
            event = self.event(item, ("timeline", index))
            if event is not None:
                events.append(event)
        return events

    def event(self, item: Table, where: Key) -> TimelineEvent | None:
        self.table(item, where, _EVENT_KEYS)
        event_id = self.identifier(item, where)
        year = self.integer(
            item, where, "year", required=True, low=1, high=9999, expected="a year from 1 to 9999"
        )
        month = self.integer(
            item, where, "month", required=False, low=1, high=12, expected="a month from 1 to 12"
        )
        approximate: Approximate | None = None
        rough = self.text(item, where, "approximate", required=False)
        if rough is not None:
            if rough == "start":
                approximate = "start"
            elif rough == "end":
                approximate = "end"
            else:
                self.problem((*where, "approximate"), '"start" or "end"', _excerpt(rough))
            if "month" in item:
                self.problem(
                    (*where, "approximate"),
                    "either month or approximate, not both",
                    "both",
                )
        label = self.text(item, where, "label", required=True)
        label_en = self.text(item, where, "label_en", required=False)
        anchor = self.anchor(item, where, default_phrase=None)
        if event_id is None or year is None or label is None or anchor is None:
            return None
        return TimelineEvent(event_id, year, month, approximate, label, label_en, anchor)

    def quotes(self, data: Table) -> list[Quote]:
        quotes: list[Quote] = []
        if "quotes" not in data:
            return quotes
        items = self.tables(data["quotes"], ("quotes",), "quotes")
        for index, item in enumerate(items or ()):
            quote = self.quote(item, ("quotes", index))
            if quote is not None:
                quotes.append(quote)
        return quotes

    def quote(self, item: Table, where: Key) -> Quote | None:
        self.table(item, where, _QUOTE_KEYS)
        quote_id = self.identifier(item, where)
        text = self.text(item, where, "text", required=True)
        speaker = self.text(item, where, "speaker", required=True)
        speaker_en = self.text(item, where, "speaker_en", required=False)
        anchor = self.anchor(item, where, default_phrase=text)
        if quote_id is None or text is None or speaker is None or anchor is None:
            return None
        return Quote(quote_id, text, speaker, speaker_en, anchor)

    def anchor(self, item: Table, where: Key, default_phrase: str | None) -> Anchor | None:
        """Where the words of ``phrase`` (or the quote's text) stand in ``paragraph``."""
        paragraph_id = self.text(item, where, "paragraph", required=True)
        if "phrase" in item or default_phrase is None:
            phrase_key = "phrase"
            phrase = self.text(item, where, "phrase", required=True)
        else:
            phrase_key = "text"
            phrase = default_phrase
        occurrence = self.integer(
            item,
            where,
            "occurrence",
            required=False,
            low=1,
            high=1_000_000,
            expected="a count from 1 (which occurrence of the phrase)",
        )
        if paragraph_id is None or phrase is None or ("occurrence" in item and occurrence is None):
            return None
        block = self.blocks.get(paragraph_id)
        if not isinstance(block, Paragraph):
            owner = self.ids.get(paragraph_id)
            if isinstance(block, Image):
                got = f'"{paragraph_id}", the id of an image'
            elif owner is not None and "blocks" in owner:
                # The paragraph itself is broken and already reported.
                return None
            elif owner is not None:
                kind = _KINDS.get(str(owner[0]), "something else")
                got = f'"{paragraph_id}", the id of {kind}'
            else:
                got = f'"{paragraph_id}", which no paragraph has'
            self.problem((*where, "paragraph"), "the id of a paragraph", got)
            return None
        starts = _find_all(block.text, phrase)
        if not starts:
            self.problem(
                (*where, phrase_key),
                f"words that occur in paragraph {paragraph_id}",
                f"{_excerpt(phrase)}, which does not",
            )
            return None
        count = len(starts)
        if occurrence is None:
            if count > 1:
                self.problem(
                    (*where, "occurrence"),
                    f"occurrence = 1 to {count} to say which of the {count} places"
                    f" in paragraph {paragraph_id} is meant",
                    _MISSING,
                )
                return None
            occurrence = 1
        elif occurrence > count:
            times = "once" if count == 1 else f"{count} times"
            self.problem(
                (*where, "occurrence"),
                f"a count from 1 to {count} (the phrase occurs {times} in paragraph"
                f" {paragraph_id})",
                str(occurrence),
            )
            return None
        start = starts[occurrence - 1]
        return Anchor(
            paragraph_id, phrase, start, start + len(phrase), self.chapter_of[paragraph_id]
        )


def _chain(first: Iterable[str], rest: Iterable[str]) -> Iterable[str]:
    yield from first
    yield from rest


def story_from_toml(text: str, *, shown: str, path: Path, notices: Iterable[str]) -> Story:
    """The story in the TOML ``text`` read from ``path`` (shown as ``shown``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StoryError([_syntax_problem(shown, text, error)]) from None
    except RecursionError:
        raise StoryError.single(shown, "valid TOML", "arrays or tables nested too deeply") from None
    builder = _StoryBuilder(shown, text, path)
    builder.notices.extend(notices)
    story = builder.build(data)
    if story is None:
        if not builder.problems:  # pragma: no cover - every failed check reports
            builder.problem((), "a story the loader can build", "something it could not")
        # Report in the order of the file; problems without a line (a missing
        # table) first, as they say the most.
        problems = sorted(builder.problems, key=lambda p: p.line or 0)
        raise StoryError(problems)
    return story
