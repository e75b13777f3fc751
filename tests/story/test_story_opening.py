"""``open_story``: the first chapter now; the others, the timeline, quotes, eras and
places when first looked at.

The story ``open_story`` gives must be the one ``load_story`` gives, and a bad
file must be told the same problems, only some of them later: those of the
rest, by ``Story.read_rest``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.held_rest import opened_early
from tests.stories import BIRTH_EVENT, HEAD, SECOND_CHAPTER, TEXT, VALID, small_story
from tui.story import StoryError, load_story
from tui.story.loader import open_story

SEED = Path(__file__).resolve().parents[2] / "seeds" / "jamali.toml"

EVENT = BIRTH_EVENT

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
    assert story.rest_waiting
    assert story.chapters == load_story(SEED).chapters
    assert story.read_rest() is None
    assert not story.rest_waiting
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
    assert story.rest_waiting
    quotes = story.quotes  # read here, in this thread
    assert not story.rest_waiting
    assert quotes == load_story(SEED).quotes
    assert story.eras == load_story(SEED).eras


def test_sections_between_chapters_keep_the_order_of_the_file(tmp_path: Path) -> None:
    # timeline, chapters again, timeline again: one array, in the file's order.
    second = EVENT.replace('"born"', '"left"').replace("1974", "1993")
    text = VALID + EVENT + SECOND_CHAPTER + QUOTE + second
    path = write(tmp_path, text)
    story = open_story(path)
    assert story.rest_waiting
    assert [c.id for c in story.chapters] == ["c1", "c2"]
    assert story == load_story(path)
    assert [event.id for event in story.timeline] == ["born", "left"]


def test_a_problem_in_the_sections_is_told_when_they_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace("year = 1974", "year = 0") + QUOTE)
    story = open_story(path)  # the chapters are good: the story opens
    problems = story.read_rest()
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


@pytest.mark.parametrize(
    "again",
    [EVENT.replace('"born"', '"p1"'), SECOND_CHAPTER.replace('"p2"', '"p1"')],
    ids=["in-a-section", "in-a-later-chapter"],
)
def test_an_id_of_the_first_chapter_used_again_later_is_told(tmp_path: Path, again: str) -> None:
    path = write(tmp_path, VALID + again)
    problems = open_story(path).read_rest()
    assert problems is not None
    assert problems.lines == problem_lines(path)
    assert "again" in problems.lines[0]


def test_sections_outside_plain_toml_are_read_the_way_any_file_is(tmp_path: Path) -> None:
    # An array is not plain story TOML: the whole file is read again with
    # tomllib, and the problem is the one load_story tells.
    path = write(tmp_path, VALID + EVENT.replace("year = 1974", "year = [1974]"))
    problems = open_story(path).read_rest()
    assert problems is not None
    assert problems.lines == problem_lines(path)
    # A syntax error in a section: the same.
    path = write(tmp_path, VALID + EVENT.replace('label = "ولادته"', 'label = "ولادته'), "b.toml")
    problems = open_story(path).read_rest()
    assert problems is not None
    assert problems.lines == problem_lines(path)


def test_a_section_with_a_multi_line_string_is_read_with_the_chapters(tmp_path: Path) -> None:
    # Without multi-line strings every line starts a statement; with one,
    # the file is read whole, as before.
    path = write(tmp_path, VALID + EVENT.replace('label = "ولادته"', "label = '''ولادته'''"))
    story = open_story(path)
    assert not story.rest_waiting
    assert story == load_story(path)


def test_a_plain_text_story_and_a_story_without_sections_are_whole(tmp_path: Path) -> None:
    assert not open_story(write(tmp_path, VALID)).rest_waiting
    text = write(tmp_path, "حكاية\n\nولد في الدار البيضاء سنة 1974.\n", "story.txt")
    assert not open_story(text).rest_waiting


def test_threads_that_look_at_once_share_one_reading() -> None:
    whole = load_story(SEED)
    story, late = opened_early(whole, split=True)
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(story.timeline)) for _ in range(4)]
    for thread in threads:
        thread.start()
    assert story.rest_waiting
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
    assert story.rest_waiting  # asking for an unknown name read nothing


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


# -- the chapters after the first ------------------------------------------------------

THIRD_CHAPTER = SECOND_CHAPTER.replace('"c2"', '"c3"').replace('"p2"', '"p3"')


def test_a_story_opens_on_its_first_chapter_and_counts_the_others(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + SECOND_CHAPTER + THIRD_CHAPTER + EVENT)
    loaded = load_story(path)
    story = open_story(path)
    assert story.chapter_count == 3
    assert story.chapter(0) == loaded.chapters[0]
    assert story.holds_chapter(0) and not story.holds_chapter(-1)
    assert story.rest_waiting  # none of those needed the rest
    assert story.chapter(2) == loaded.chapters[2]  # this one did
    assert not story.rest_waiting
    assert story == loaded
    assert story.paragraph("p3") == loaded.paragraph("p3")
    assert story.chapter_of("p3") == 2
    assert not story.holds_chapter(3)


def test_the_chapters_are_read_with_the_rest_by_whoever_looks_first(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + SECOND_CHAPTER + EVENT)
    story = open_story(path)
    assert story.rest_waiting
    assert story.timeline == load_story(path).timeline  # a section: the chapters come too
    assert not story.rest_waiting
    assert [chapter.id for chapter in story.chapters] == ["c1", "c2"]


def test_a_problem_in_a_later_chapter_is_told_when_the_rest_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + SECOND_CHAPTER.replace('id = "p2"', 'id = "p 2"') + EVENT)
    story = open_story(path)  # the first chapter is good: the story opens
    assert story.chapter_count == 2
    problems = story.read_rest()
    assert problems is not None
    assert problems.lines == problem_lines(path)
    assert "chapters[2].blocks[1].id" in problems.lines[0]
    # Until the reader closes: the first chapter, no sections.
    assert [chapter.id for chapter in story.chapters] == ["c1"]
    assert story.chapter_count == 1 and story.timeline == ()
    assert story.paragraph("p1").text == TEXT


def test_problems_of_the_first_chapter_are_told_at_once_with_those_of_the_rest(
    tmp_path: Path,
) -> None:
    text = VALID.replace('id = "p1"', 'id = "p 1"') + SECOND_CHAPTER.replace('"c2"', '"c 2"')
    path = write(tmp_path, text + EVENT.replace("year = 1974", "year = 0"))
    with pytest.raises(StoryError) as raised:
        open_story(path)
    lines = raised.value.lines
    assert lines == problem_lines(path)
    fields = ("chapters[1].blocks[1].id", "chapters[2].id", "timeline[1].year")
    assert all(any(field in line for line in lines) for field in fields)


def test_a_direction_only_a_later_chapter_tells_is_read_before_the_story_opens(
    tmp_path: Path,
) -> None:
    # No language, a title and a first chapter without a letter: the first
    # strong letter is in the second chapter, which the story must read.
    text = small_story("1974، 1993").replace('title = "حكاية"', 'title = "1974"')
    path = write(tmp_path, text.replace('language = "ar"\n', "") + SECOND_CHAPTER + EVENT)
    story = open_story(path)
    assert story.direction == load_story(path).direction == "R"
    assert story == load_story(path)


def test_a_first_chapter_of_images_opens_and_a_story_of_images_is_told(tmp_path: Path) -> None:
    images = HEAD.replace('id = "p1"\n', 'id = "i1"\nimage = "https://example.org/a.jpg"\n')
    images += 'caption = "صورة"\n'
    path = write(
        tmp_path,
        images + SECOND_CHAPTER + EVENT.replace('"p1"', '"p2"').replace('"1974"', '"روسيا"'),
    )
    story = open_story(path)
    assert story.rest_waiting
    assert story == load_story(path)
    second = '\n[[chapters]]\nid = "c2"\ntitle = "بعد"\n\n[[chapters.blocks]]\nid = "i2"\n'
    path = write(tmp_path, images + second + 'image = "https://example.org/b.jpg"\ncaption = "ص"\n')
    assert "only images" in problem_lines(path)[0]
    problems = open_story(path).read_rest()
    assert problems is not None and problems.lines == problem_lines(path)


def test_a_multi_line_string_in_a_later_chapter_keeps_the_chapters_together(
    tmp_path: Path,
) -> None:
    later = SECOND_CHAPTER.replace('text = "سافر إلى روسيا."', "text = '''سافر\nإلى روسيا.'''")
    path = write(tmp_path, VALID + later + EVENT)
    story = open_story(path)
    assert story.chapter_count == 2
    assert [chapter.id for chapter in story.chapters] == ["c1", "c2"]
    assert story.rest_waiting  # the sections still wait
    assert story == load_story(path)
