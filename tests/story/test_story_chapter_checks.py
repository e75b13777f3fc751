"""A chapter is checked the same whether it is read in one go or field by field.

``ChapterReading.chapter`` reads a plain chapter (a fresh well-formed id,
titles that show, blocks) in one go; anything else goes through the checks
that name what is wrong. Each case below must be told, or taken, as such, by
both loaders.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.stories import SECOND_CHAPTER, VALID
from tui.story import StoryError, load_story
from tui.story.loader import open_story
from tui.story.model import Story

INVISIBLE = "expected a string with visible characters, got only invisible characters"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            VALID + SECOND_CHAPTER.replace('"c2"', '"c1"'),
            'chapters[2].id: expected an id not used before in the story, got "c1" again'
            " (first used on line 6)",
        ),
        (
            VALID + SECOND_CHAPTER.replace('"c2"', '"p1"'),
            'chapters[2].id: expected an id not used before in the story, got "p1" again',
        ),
        (
            VALID + SECOND_CHAPTER.replace('title = "بعد"', 'title = "\u200b\u200c"'),
            "chapters[2].title: " + INVISIBLE,
        ),
        (
            VALID + SECOND_CHAPTER.replace('title = "بعد"', 'title = "بعد"\ntitle_en = " \u200b "'),
            "chapters[2].title_en: " + INVISIBLE,
        ),
        (
            VALID + SECOND_CHAPTER.replace('title = "بعد"', 'title = "  "'),
            "chapters[2].title: expected a non-empty string",
        ),
        (
            VALID + SECOND_CHAPTER.replace('id = "c2"', 'id = "c 2"'),
            "chapters[2].id: expected an id of ASCII",
        ),
        (
            VALID + SECOND_CHAPTER.replace('title = "بعد"', 'title = "بعد"\ntitel = "x"'),
            "chapters[2].titel: expected one of",
        ),
        (
            VALID + SECOND_CHAPTER.replace('title = "بعد"', "title = 7"),
            "chapters[2].title: expected a non-empty string, got an integer",
        ),
    ],
)
def test_a_chapter_with_a_problem_is_told(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "story.toml"
    path.write_text(text, encoding="utf-8")
    lines = problems_of(load_story, path)
    assert any(expected in line for line in lines), lines
    # The reader's way in reads this second chapter after the first screen:
    # the same lines, told then.
    assert problems_of(open_story, path) == lines


def problems_of(load: Callable[[Path], Story], path: Path) -> list[str]:
    """The problems ``load`` finds in the file at ``path``, at once or in the
    rest of the story it leaves for later."""
    try:
        story = load(path)
    except StoryError as error:
        return error.lines
    problems = story.read_rest()
    assert problems is not None, "a bad file read without a problem"
    return problems.lines


def test_an_id_with_spaces_around_it_is_taken_stripped(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text(VALID + SECOND_CHAPTER.replace('id = "c2"', 'id = " c2 "'), encoding="utf-8")
    story = load_story(path)
    assert [chapter.id for chapter in story.chapters] == ["c1", "c2"]
    assert story.chapters[1].title == "بعد"
    assert story.paragraph("p2").text == "سافر إلى روسيا."
    assert story.chapter_of("p2") == 1
