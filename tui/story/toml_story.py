"""A story from the text of a TOML story file: checked whole, or its first chapter first.

``story_from_toml`` parses the text (``tui.story.toml_schema.read_toml``) and
has ``StoryAssembly`` check and build it. With ``late`` (the reader's
``open_story``), the tables of the chapters after the first and of the
sections are left unparsed, and the story is returned once its header and
first chapter are read, the rest to be read when first looked at
(``Story.opening``, ``tui.story.opening``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.story.assembly import SECTION_NAMES, StoryAssembly
from tui.story.errors import StoryError
from tui.story.model import Rest, Sections, Story
from tui.story.toml_schema import read_toml

#: the arrays of tables read up to their first table before the first screen
LATER = frozenset({"chapters"})

if TYPE_CHECKING:
    from tui.story import toml_fast


def story_from_toml(
    text: str, *, shown: str, path: Path, notices: Iterable[str], late: bool = False
) -> Story:
    """The story in the TOML ``text`` read from ``path`` (shown as ``shown``).

    ``late``: the chapters after the first and the sections are read and
    checked when first looked at, not now (``Story.opening``), if the file
    allows it: their tables are skipped unparsed (``toml_fast``) while the
    header and the first chapter are read. Problems there are told at once
    with those of the rest, as without ``late``.
    """
    defer, later = (frozenset(SECTION_NAMES), LATER) if late else (frozenset(), frozenset())
    reading = read_toml(text, shown, defer=defer, later=later)
    assembly = StoryAssembly(shown, text, path, clean=reading.clean)
    assembly.notices.extend(notices)
    deferred = reading.deferred
    split = deferred is not None and "chapters" in deferred.split
    head = assembly.head(reading.data, first_only=split)
    if deferred is not None and head is not None and (assembly.direction_told or not split):
        from tui.story.opening import RestReading

        def read_rest(pace: Callable[[], object]) -> Rest:
            assembly.pace = pace
            return _late_rest(assembly, deferred, text, path)

        count = head.chapter_count + deferred.count("chapters") if split else None
        return Story.opening(head, RestReading(read_rest), count)
    data = reading.data
    if deferred is not None:
        # Problems before the rest, whose problems are told with them, or a
        # direction only the later chapters tell: the rest is read now.
        tail = deferred.read()
        if tail is None:
            return story_from_toml(text, shown=shown, path=path, notices=notices)
        assembly.clean = tail.clean
        data = tail.data
        if split:
            chapters = assembly.more_chapters(data.get("chapters"))
            if head is not None and chapters is not None:
                head = assembly.story_of(chapters)
    fields = assembly.sections(data)
    if assembly.problems or head is None:
        if not assembly.problems:  # pragma: no cover - every failed check reports
            assembly.problem((), "a story the loader can build", "something it could not")
        raise StoryError(assembly.problems)
    return assembly.whole(head, fields)


def _late_rest(
    assembly: StoryAssembly, deferred: toml_fast.Deferred, text: str, path: Path
) -> Rest:
    """The chapters and sections skipped by ``story_from_toml(late=True)``, read
    and checked after those read before; ``StoryError`` if they have problems."""
    tail = deferred.read(assembly.pace)
    split = "chapters" in deferred.split
    if tail is None:
        # Not plain story TOML: the whole file, read the way any file is
        # read, says what is wrong (or, if nothing is, holds the rest).
        whole = story_from_toml(text, shown=assembly.shown, path=path, notices=())
        sections = Sections(whole.timeline, whole.quotes, whole.eras, whole.places)
        return Rest(sections, whole.chapters if split else None)
    assembly.clean = tail.clean
    chapters = assembly.more_chapters(tail.data.get("chapters")) if split else None
    fields = assembly.sections(tail.data)
    if assembly.problems:
        raise StoryError(assembly.problems)
    lookup = (assembly.paragraphs, assembly.chapter_of) if split else None
    return Rest(Sections(**fields), chapters, lookup)
