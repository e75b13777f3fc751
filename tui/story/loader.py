"""``load_story``: a story from a file, or a ``StoryError`` saying what is wrong.

A ``.toml`` file is a story file (``docs/story-format.md``); any other file is
read as plain text (``tui.story.plain_text``). Either way the bytes are
checked and decoded by ``tui.story.source`` and every string is cleaned by
``clean_text`` exactly once, here, before anything else sees it.

``open_story`` is the reader's way in: the same story, but a story file's
chapters after the first, and its timeline, quotes, eras and places, are read
and checked when first looked at (``tui.story.opening``), so that the first
screen of a large story waits only for its first chapter.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.story.model import Story
from tui.story.source import display_path, read_text


def load_story(path: str | os.PathLike[str]) -> Story:
    """The story in the file at ``path``; raises ``StoryError``."""
    return _read(path, late=False)


def open_story(path: str | os.PathLike[str]) -> Story:
    """The story in the file at ``path``, all but its first chapter read when
    first looked at (``Story.read_rest`` tells the problems found there);
    raises ``StoryError`` for problems of its header and first chapter."""
    return _read(path, late=True)


def _read(path: str | os.PathLike[str], *, late: bool) -> Story:
    source = read_text(path)
    shown = display_path(path)
    file_path = Path(path)
    # Each reader is imported when its kind of file is opened.
    if file_path.suffix.lower() == ".toml":
        from tui.story.toml_story import story_from_toml

        return story_from_toml(
            source.text, shown=shown, path=file_path, notices=source.notices, late=late
        )
    from tui.story.plain_text import story_from_text

    return story_from_text(source.text, shown=shown, path=file_path, notices=source.notices)
