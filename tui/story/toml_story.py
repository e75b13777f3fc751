"""A story from the text of a TOML story file: checked whole, or its chapters first.

``story_from_toml`` parses the text (``tui.story.toml_schema.read_toml``) and
has ``StoryAssembly`` check and build it. With ``late`` (the reader's
``open_story``), the tables of the sections are left unparsed and the story
is returned once its header and chapters are read, its sections to be read
when first looked at (``Story.opening``, ``tui.story.opening``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.story.assembly import SECTION_NAMES, StoryAssembly
from tui.story.errors import StoryError
from tui.story.model import Story
from tui.story.toml_schema import read_toml

if TYPE_CHECKING:
    from tui.story import toml_fast


def story_from_toml(
    text: str, *, shown: str, path: Path, notices: Iterable[str], late: bool = False
) -> Story:
    """The story in the TOML ``text`` read from ``path`` (shown as ``shown``).

    ``late``: the sections are read and checked when first looked at, not now
    (``Story.opening``), if the file allows it: their tables are skipped
    unparsed (``toml_fast``) while the header and the chapters are read.
    Problems in the header or the chapters are told at once with those of the
    sections, as without ``late``.
    """
    reading = read_toml(text, shown, defer=frozenset(SECTION_NAMES) if late else frozenset())
    assembly = StoryAssembly(shown, text, path, clean=reading.clean)
    assembly.notices.extend(notices)
    deferred = reading.deferred
    head = assembly.head(reading.data)
    if deferred is not None and head is not None:
        from tui.story.opening import SectionsReading

        def read_sections(pace: Callable[[], object]) -> dict[str, Any]:
            assembly.pace = pace
            return _late_sections(assembly, deferred, text, path)

        return Story.opening(head, SectionsReading(read_sections))
    data = reading.data
    if deferred is not None:
        # The chapters have problems: the sections' are told with them.
        tail = deferred.read()
        if tail is None:
            return story_from_toml(text, shown=shown, path=path, notices=notices)
        assembly.clean = tail.clean
        data = tail.data
    fields = assembly.sections(data)
    if assembly.problems or head is None:
        if not assembly.problems:  # pragma: no cover - every failed check reports
            assembly.problem((), "a story the loader can build", "something it could not")
        raise StoryError(assembly.problems)
    return assembly.whole(head, fields)


def _late_sections(
    assembly: StoryAssembly, deferred: toml_fast.Deferred, text: str, path: Path
) -> dict[str, Any]:
    """The sections skipped by ``story_from_toml(late=True)``, read and checked
    against the chapters read before; ``StoryError`` if they have problems."""
    tail = deferred.read(assembly.pace)
    if tail is None:
        # Not plain story TOML: the whole file, read the way any file is
        # read, says what is wrong (or, if nothing is, holds the sections).
        whole = story_from_toml(text, shown=assembly.shown, path=path, notices=())
        return {name: getattr(whole, name) for name in SECTION_NAMES}
    assembly.clean = tail.clean
    fields = assembly.sections(tail.data)
    if assembly.problems:
        raise StoryError(assembly.problems)
    return fields
