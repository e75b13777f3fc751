"""``open_story``: the chapters now, the timeline, quotes, eras and places when first looked at.

The story ``open_story`` gives must be the one ``load_story`` gives, and a bad
file must be told the same problems, only some of them later: those of the
sections, by ``Story.read_sections``.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest

from tests.held_sections import HeldSections
from tests.stories import SECOND_CHAPTER, VALID
from tui.story import StoryError, load_story
from tui.story.loader import open_story
from tui.story.model import Sections, Story

SEED = Path(__file__).resolve().parents[2] / "seeds" / "jamali.toml"

EVENT = """
[[timeline]]
id = "born"
year = 1974
label = "ولادته"
paragraph = "p1"
phrase = "1974"
"""

QUOTE = """
[[quotes]]
id = "q1"
text = "الدار البيضاء"
speaker = "توفيق"
paragraph = "p1"
"""


def write(tmp_path: Path, text: str, name: str = "story.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problem_lines(path: Path) -> list[str]:
    with pytest.raises(StoryError) as raised:
        load_story(path)
    return raised.value.lines


def test_the_seed_opens_with_its_sections_unread_and_then_equals_the_loaded_story() -> None:
    story = open_story(SEED)
    assert story.sections_waiting
    assert story.chapters == load_story(SEED).chapters
    assert story.read_sections() is None
    assert not story.sections_waiting
    loaded = load_story(SEED)
    assert story == loaded
    # The index the loader hands over is the one the story would build.
    assert story.paragraphs == loaded.paragraphs
    assert [story.chapter_of(p.id) for p in loaded.paragraphs] == [
        loaded.chapter_of(p.id) for p in loaded.paragraphs
    ]
    assert story.paragraph("p3") == loaded.paragraph("p3")
    assert len(story.timeline) == len(loaded.timeline) > 10
    assert story.quotes_in_chapter(0) == loaded.quotes_in_chapter(0)


def test_a_section_looked_at_first_is_read_then() -> None:
    story = open_story(SEED)
    assert story.sections_waiting
    quotes = story.quotes  # read here, in this thread
    assert not story.sections_waiting
    assert quotes == load_story(SEED).quotes
    assert story.eras == load_story(SEED).eras


def test_sections_between_chapters_keep_the_order_of_the_file(tmp_path: Path) -> None:
    # timeline, chapters again, timeline again: one array, in the file's order.
    second = EVENT.replace('"born"', '"left"').replace("1974", "1993")
    text = VALID + EVENT + SECOND_CHAPTER + QUOTE + second
    path = write(tmp_path, text)
    story = open_story(path)
    assert story.sections_waiting
    assert [c.id for c in story.chapters] == ["c1", "c2"]
    assert story == load_story(path)
    assert [event.id for event in story.timeline] == ["born", "left"]


def test_a_problem_in_the_sections_is_told_when_they_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace("year = 1974", "year = 0") + QUOTE)
    story = open_story(path)  # the chapters are good: the story opens
    problems = story.read_sections()
    assert problems is not None
    assert problems.lines == problem_lines(path)
    assert "timeline[1].year" in problems.lines[0]
    # The sections of a bad file are empty, whoever looks.
    assert story.timeline == () and story.quotes == ()


def test_problems_of_the_chapters_are_told_at_once_with_those_of_the_sections(
    tmp_path: Path,
) -> None:
    text = VALID.replace('id = "c1"', 'id = "c 1"') + EVENT.replace("year = 1974", "year = 0")
    path = write(tmp_path, text)
    with pytest.raises(StoryError) as raised:
        open_story(path)
    assert raised.value.lines == problem_lines(path)
    assert len(raised.value.lines) == 2  # the chapter's id and the event's year


def test_an_id_used_in_the_chapters_and_again_in_a_section_is_told(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace('"born"', '"p1"'))
    problems = open_story(path).read_sections()
    assert problems is not None
    assert problems.lines == problem_lines(path)
    assert "again" in problems.lines[0]


def test_sections_outside_plain_toml_are_read_the_way_any_file_is(tmp_path: Path) -> None:
    # An array is not plain story TOML: the whole file is read again with
    # tomllib, and the problem is the one load_story tells.
    path = write(tmp_path, VALID + EVENT.replace("year = 1974", "year = [1974]"))
    problems = open_story(path).read_sections()
    assert problems is not None
    assert problems.lines == problem_lines(path)
    # A syntax error in a section: the same.
    path = write(tmp_path, VALID + EVENT.replace('label = "ولادته"', 'label = "ولادته'), "b.toml")
    problems = open_story(path).read_sections()
    assert problems is not None
    assert problems.lines == problem_lines(path)


def test_a_section_with_a_multi_line_string_is_read_with_the_chapters(tmp_path: Path) -> None:
    # Without multi-line strings every line starts a statement; with one,
    # the file is read whole, as before.
    path = write(tmp_path, VALID + EVENT.replace('label = "ولادته"', "label = '''ولادته'''"))
    story = open_story(path)
    assert not story.sections_waiting
    assert story == load_story(path)


def test_a_plain_text_story_and_a_story_without_sections_are_whole(tmp_path: Path) -> None:
    assert not open_story(write(tmp_path, VALID)).sections_waiting
    text = write(tmp_path, "حكاية\n\nولد في الدار البيضاء سنة 1974.\n", "story.txt")
    assert not open_story(text).sections_waiting


def test_threads_that_look_at_once_share_one_reading() -> None:
    whole = load_story(SEED)
    head = dataclasses.replace(whole, timeline=(), quotes=(), eras=(), places=())
    late = HeldSections(Sections(whole.timeline, whole.quotes, whole.eras, whole.places))
    story = Story.opening(head, late)
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(story.timeline)) for _ in range(4)]
    for thread in threads:
        thread.start()
    assert story.sections_waiting
    late.release.set()
    for thread in threads:
        thread.join(30)
    assert seen == [whole.timeline] * 4
    assert late.readings == 1
    assert story == whole
    assert story.quotes_in_chapter(1) == whole.quotes_in_chapter(1)


def test_a_story_opened_early_has_no_other_attribute() -> None:
    story = open_story(SEED)
    with pytest.raises(AttributeError):
        story.not_a_field  # type: ignore[attr-defined]  # noqa: B018
    assert story.sections_waiting  # asking for an unknown name read nothing


def test_the_index_a_loaded_story_is_handed_is_the_one_it_would_build(tmp_path: Path) -> None:
    # With an image between the paragraphs, and a second chapter.
    image = (
        '\n[[chapters.blocks]]\nid = "i1"\nimage = "https://example.org/a.jpg"\ncaption = "صورة"\n'
    )
    path = write(tmp_path, VALID + image + SECOND_CHAPTER + EVENT)
    for story in (load_story(path), open_story(path)):
        built = {p.id: p for c in story.chapters for p in c.paragraphs}
        assert story.paragraphs == tuple(built.values())
        assert [story.chapter_of(block) for block in ("p1", "i1", "p2")] == [0, 0, 1]
        assert story.timeline[0].anchor.chapter_index == 0
