"""Helpers for the print-mode tests: a story's printed text, both ways, and model equality."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.printing import render_story
from tui.story import Story, load_story
from tui.story.streaming import StreamedStory, stream_story
from tui.types import BidiMode
from tui.words import Language

ROOT = Path(__file__).resolve().parents[2]
MAKE_STORY = ROOT / "benchmarks" / "make_story.py"
#: the fields a StreamedStory shares with a Story
FIELDS = (
    "title",
    "title_en",
    "language",
    "direction",
    "source_url",
    "source_name",
    "timeline",
    "quotes",
    "eras",
    "places",
    "notices",
    "article",
)


def make(path: Path, kind: str, *options: str) -> Path:
    """A generated story (``benchmarks/make_story.py``) at ``path``."""
    subprocess.run(
        [sys.executable, str(MAKE_STORY), "--kind", kind, "-o", str(path), *options],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return path


def printed(
    story: Story | StreamedStory,
    width: int = 80,
    bidi: BidiMode = "visual",
    language: Language | None = None,
    justify: bool = True,
) -> str:
    """What ``rawi --print`` writes for ``story``."""
    return "".join(
        line + "\n" for line in render_story(story, width, bidi, language, justify=justify)
    )


def streamed(path: Path) -> StreamedStory:
    """The story at ``path`` as print mode reads it, which must be a section at a time."""
    story = stream_story(path)
    assert isinstance(story, StreamedStory), "expected the file to be read a section at a time"
    return story


def assert_same_story(story: StreamedStory, whole: Story) -> None:
    """The streamed story holds what ``load_story`` gives, anchors' places included."""
    for field in FIELDS:
        assert getattr(story, field) == getattr(whole, field), field
    assert tuple(story.chapters) == whole.chapters
    assert story.chapter_count == len(whole.chapters)


def assert_prints_the_same(path: Path) -> None:
    """Streamed or whole, every option gives the same bytes."""
    story, whole = streamed(path), load_story(path)
    assert_same_story(story, whole)
    for bidi in ("visual", "logical"):
        for language in ("ar", "en"):
            for justify in (True, False):
                expected = printed(whole, 80, bidi, language, justify)
                assert printed(story, 80, bidi, language, justify) == expected, (
                    bidi,
                    language,
                    justify,
                )
