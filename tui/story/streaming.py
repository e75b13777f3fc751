"""Print mode's story: a story file checked whole, then printed one chapter at a time.

``stream_story(path)`` never holds the text of a whole story file. It reads
the file a section at a time (``tui.story.sections``), five times, and runs
every check of ``load_story`` with the story assembly's own reads:

1. The ``[story]`` table (``StoryAssembly.header``) and the chapters, each
   checked as it is read (``StoryAssembly.chapter``); of a chapter only
   its ids are kept, never its paragraphs' text.
2. The timeline, quotes, eras and places, checked by the format's
   ``SECTIONS`` readers once every block id is known (as ``load_story``
   reads them); their anchors are only noted (``_NotedFinder``), and the
   entries are dropped.
3. The paragraphs those anchors point into, each anchor placed by a
   ``PhraseFinder``, one paragraph at a time, out of the one budget of
   searching that ``load_story`` gives a story.
4. The entries again, built with their anchors at the places found, once
   the ids and blocks of the story are gone (``_PlacedFinder``).
5. ``StreamedStory.chapters``: the chapters again, as the printer walks
   them, one at a time.

A file with any problem is handed to ``load_story``, which refuses it with
its own messages (the same lines, the same line numbers, by construction),
before anything is printed; so is a plain-text file and any file the
sections reader declines (``Unstreamable``): those are read whole, as
before. A file that changes between the readings is refused with one line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.rtl.direction import first_strong
from tui.story.anchors import MAX_WORK, AnchorMiss, PhraseFinder
from tui.story.assembly import SECTIONS, StoryAssembly
from tui.story.errors import StoryError
from tui.story.language import story_direction
from tui.story.loader import load_story
from tui.story.model import Chapter, Era, Paragraph, Place, Quote, Story, TimelineEvent
from tui.story.sections import (
    FileChanged,
    Fingerprint,
    SectionKind,
    SectionReader,
    Unstreamable,
)
from tui.story.source import display_path
from tui.types import Direction

#: what ``PhraseFinder.locate`` is asked: paragraph id, phrase, occurrence, phrase key
_Request = tuple[str, str, int | None, str]
#: a paragraph already checked, whose text is read again when an anchor needs it
_TEXT_READ_LATER = Paragraph("", "")
_ENTRIES: frozenset[SectionKind] = frozenset({"entries"})
_CHAPTERS: frozenset[SectionKind] = frozenset({"chapters"})


@dataclass(frozen=True, slots=True)
class StreamedStory:
    """A checked story file, all of it but its chapters' text.

    The fields are those of ``Story``; ``chapters`` reads the chapters from
    the file again each time it is walked, one chapter in memory at a time,
    and raises ``StoryError`` if the file has changed since it was checked.
    """

    title: str
    title_en: str | None
    language: str
    direction: Direction
    source_url: str | None
    source_name: str | None
    path: Path
    shown: str
    fingerprint: Fingerprint
    chapter_count: int
    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    eras: tuple[Era, ...] = ()
    places: tuple[Place, ...] = ()
    notices: tuple[str, ...] = ()
    article: Path | None = None

    @property
    def chapters(self) -> Iterator[Chapter]:
        """The chapters, read from the file again, in order."""
        return self._chapters()

    def _chapters(self) -> Iterator[Chapter]:
        count = 0
        try:
            for chapter in _read_chapters(self.path, self.shown, self.fingerprint):
                count += 1
                yield chapter
        except (FileChanged, Unstreamable):
            count = -1
        if count != self.chapter_count:
            raise StoryError.single(
                self.shown,
                "a story file that stays the same while it is printed",
                "a file that changed",
            )


#: files smaller than this are read whole (five readings cost more than they save
#: below it: the bundled story printed 96 -> 119 ms streamed; 1 MiB read whole
#: costs ~3 MiB over the interpreter's ~27)
STREAM_FROM = 1 << 20


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except (OSError, ValueError):
        return 0  # load_story says what is wrong with it


def stream_story(path: str | os.PathLike[str]) -> Story | StreamedStory:
    """The story at ``path`` for print mode; ``StoryError`` as ``load_story`` raises it.

    A ``StreamedStory`` when the file can be read a section at a time, else
    (a file under ``STREAM_FROM`` bytes, plain text, TOML outside the subset
    ``toml_fast`` reads, a file with problems) what ``load_story`` returns.
    """
    file_path = Path(path)
    if file_path.suffix.lower() == ".toml" and _size(file_path) >= STREAM_FROM:
        try:
            story = _outline(file_path, display_path(path))
        except (Unstreamable, FileChanged):
            story = None
        if story is not None:
            return story
    return load_story(path)


class _NotedFinder(PhraseFinder):
    """Notes what each anchor asks for, and answers with the request's number.

    The paragraphs' text is not at hand when the entries are checked; the
    places are found in the next reading (``_place_anchors``).
    """

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[_Request] = []

    def locate(
        self, paragraph_id: str, text: str, phrase: str, occurrence: int | None, phrase_key: str
    ) -> int | AnchorMiss:
        self.requests.append((paragraph_id, phrase, occurrence, phrase_key))
        return len(self.requests) - 1


class _PlacedFinder(PhraseFinder):
    """Answers the anchors, asked again in the same order, with the places found."""

    def __init__(self, requests: list[_Request], starts: list[int]) -> None:
        super().__init__()
        self._asked = zip(requests, starts, strict=True)

    def locate(
        self, paragraph_id: str, text: str, phrase: str, occurrence: int | None, phrase_key: str
    ) -> int | AnchorMiss:
        request, start = next(self._asked, (None, 0))
        if request != (paragraph_id, phrase, occurrence, phrase_key):
            raise FileChanged  # not the entries checked before
        return start


def _has_strong_letter(text: str) -> bool:
    # As text_direction reads a paragraph: line by line.
    return any(first_strong(line) is not None for line in text.split("\n"))


def _outline(path: Path, shown: str) -> StreamedStory | None:
    """The four checking readings; None when the file has a problem."""
    assembly = StoryAssembly(shown, "", path)
    story_table: object = None
    story_clean = True
    has_entries = has_paragraph = False
    chapters = 0
    # The first paragraph with a strong letter: all that the story's
    # direction can need of its text.
    sample: str | None = None
    reader = SectionReader(path)
    for section in reader.sections():
        if section.kind == "story":
            story_table, story_clean = section.data["story"], section.clean
        elif section.kind == "entries":
            has_entries = True  # read once every chapter is known
        elif section.kind == "chapters":
            items = section.data["chapters"]
            assert isinstance(items, list)
            assembly.clean = section.clean
            for item in items:
                chapter = assembly.chapter(item, ("chapters", chapters), chapters)
                chapters += 1
                if chapter is None or assembly.problems:
                    return None
                for block in chapter.paragraphs:
                    has_paragraph = True
                    if sample is None and _has_strong_letter(block.text):
                        sample = block.text
                    # An anchor needs only know that this id is a paragraph;
                    # the assembly's index of paragraphs (for a whole Story)
                    # would hold every text of the file.
                    assembly.blocks[block.id] = _TEXT_READ_LATER
                    del assembly.paragraphs[block.id]
    fingerprint = reader.fingerprint
    if fingerprint is None or not chapters or not has_paragraph:
        return None  # load_story says what is missing
    assembly.clean = story_clean
    header = assembly.header({} if story_table is None else {"story": story_table})
    if header is None or assembly.problems:
        return None
    noted = _NotedFinder()
    if has_entries:
        # Checked now that every block is known, then dropped: they are
        # built once the ids and blocks of the whole story are gone.
        assembly.phrases = noted
        _read_entries(assembly, path, fingerprint, keep=False)
        if assembly.problems:
            return None
    notices = tuple(assembly.notices)
    del assembly  # its ids and blocks: what follows needs none of them
    placed = _place_anchors(path, shown, fingerprint, noted.requests)
    if placed is None:
        return None
    fields: dict[str, Any] = {}
    if has_entries:
        fields = _built_entries(path, shown, fingerprint, noted.requests, *placed)
    texts = (header.title,) if sample is None else (header.title, sample)
    return StreamedStory(
        title=header.title,
        title_en=header.title_en,
        language=header.language,
        direction=story_direction(header.direction, header.language, texts),
        source_url=header.source_url,
        source_name=header.source_name,
        path=path,
        shown=shown,
        fingerprint=fingerprint,
        chapter_count=chapters,
        notices=notices,
        article=header.article,
        **fields,
    )


def _read_entries(
    assembly: StoryAssembly, path: Path, fingerprint: Fingerprint, *, keep: bool = True
) -> dict[str, tuple[Any, ...]]:
    """The timeline, quotes, eras and places, read a section at a time
    (only checked, through ``assembly``, unless ``keep``).

    Each run of entries is read by the format's own ``SECTIONS`` readers
    as it comes; the sorted fields (timeline, eras) are sorted again once
    joined, stably, which gives the order of one sort of the whole list.
    """
    found: dict[str, list[Any]] = {}
    for section in SectionReader(path, fingerprint, _ENTRIES).sections():
        assembly.clean = section.clean
        for entry in SECTIONS:
            value = section.data.get(entry.key)
            if value is not None:
                read = entry.read(assembly, value, (entry.key,))
                for key in read if keep else ():
                    found.setdefault(key, []).extend(read[key])
    fields = {key: tuple(value) for key, value in found.items()}
    if "timeline" in fields:
        fields["timeline"] = tuple(sorted(fields["timeline"], key=lambda e: e.sort_key))
    if "eras" in fields:
        fields["eras"] = tuple(sorted(fields["eras"], key=lambda era: era.span.start_key))
    return fields


def _built_entries(
    path: Path,
    shown: str,
    fingerprint: Fingerprint,
    requests: list[_Request],
    starts: list[int],
    chapter_of: dict[str, int],
) -> dict[str, tuple[Any, ...]]:
    """The entries read again, checked before, each anchor at its place."""
    assembly = StoryAssembly(shown, "", path)
    # What an anchor asks of the story: that its paragraph is one, and in
    # which chapter; the place is the one found for it.
    assembly.blocks = dict.fromkeys(chapter_of, _TEXT_READ_LATER)
    assembly.chapter_of = chapter_of
    assembly.phrases = _PlacedFinder(requests, starts)
    fields = _read_entries(assembly, path, fingerprint)
    if assembly.problems:
        raise FileChanged
    return fields


def _read_chapters(path: Path, shown: str, fingerprint: Fingerprint) -> Iterator[Chapter]:
    """The chapters of a file checked before, built again one at a time."""
    index = 0
    for section in SectionReader(path, fingerprint, _CHAPTERS).sections():
        items = section.data["chapters"]
        assert isinstance(items, list)
        for item in items:
            # A fresh assembly for each: the ids were checked in the first
            # reading, and it holds no more than this chapter's text.
            chapter = StoryAssembly(shown, "", path, clean=section.clean).chapter(
                item, ("chapters", index), index
            )
            if chapter is None:
                raise FileChanged
            index += 1
            yield chapter


def _place_anchors(
    path: Path, shown: str, fingerprint: Fingerprint, requests: list[_Request]
) -> tuple[list[int], dict[str, int]] | None:
    """Where each request's phrase starts in its paragraph, and the chapter
    (from 0) of each paragraph asked for; None if a phrase is not found."""
    wanted: dict[str, list[int]] = {}
    for number, request in enumerate(requests):
        wanted.setdefault(request[0], []).append(number)
    starts = [0] * len(requests)
    chapter_of: dict[str, int] = {}
    left = MAX_WORK
    for chapter in _read_chapters(path, shown, fingerprint) if wanted else ():
        for paragraph in chapter.paragraphs:
            numbers = wanted.get(paragraph.id)
            if numbers is None:
                continue
            chapter_of[paragraph.id] = chapter.number - 1
            # One finder per paragraph, so that none holds two texts; the
            # work it may do is what is left of the story's budget. Each
            # phrase is asked in the order load_story asks it: the same
            # places, and the same total work.
            finder = PhraseFinder(left)
            for number in numbers:
                paragraph_id, phrase, occurrence, key = requests[number]
                start = finder.locate(paragraph_id, paragraph.text, phrase, occurrence, key)
                if isinstance(start, AnchorMiss):
                    return None
                starts[number] = start
            left -= finder.work_done
    return starts, chapter_of
