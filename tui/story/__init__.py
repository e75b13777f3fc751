"""The story: its model (chapters, paragraphs, images, timeline, quotes) and its loader.

Plain Python, no Textual: ``load_story(path)`` reads a TOML story file or a
plain text file and returns a ``Story``, or raises ``StoryError``.
"""

from tui.story.errors import Problem, StoryError
from tui.story.loader import load_story
from tui.story.model import (
    Anchor,
    Block,
    Chapter,
    Image,
    Paragraph,
    Quote,
    Story,
    TimelineEvent,
)

__all__ = [
    "Anchor",
    "Block",
    "Chapter",
    "Image",
    "Paragraph",
    "Problem",
    "Quote",
    "Story",
    "StoryError",
    "TimelineEvent",
    "load_story",
]
