"""``tui.story.sections``: a story file cut at its top-level headers, each section parsed on
its own, and every file it cannot read so left to ``load_story``, whole.

Whatever the sections reader declines, ``stream_story`` (print mode) must end
as ``load_story`` does: the same story or the same refusal.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.stories import VALID
from tui.story import StoryError, load_story
from tui.story.sections import (
    SECTION_CHARACTERS,
    SectionReader,
    Unstreamable,
)
from tui.story.streaming import StreamedStory, stream_story

EVENT = (
    '\n[[timeline]]\nid = "e{n}"\nyear = 1974\nlabel = "الولادة"\nparagraph = "p1"\n'
    'phrase = "سنة 1974"\n'
)


def _kinds(path: Path) -> list[str]:
    return [section.kind for section in SectionReader(path).sections()]


def test_a_story_is_cut_before_each_kind_of_table(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("# comment\n" + VALID + EVENT.format(n=1) + EVENT.format(n=2))
    sections = list(SectionReader(path).sections())
    assert [s.kind for s in sections] == ["preamble", "story", "chapters", "entries"]
    assert sections[1].data == {"story": {"title": "حكاية", "language": "ar"}}
    chapters = sections[2].data["chapters"]
    assert isinstance(chapters, list)
    assert chapters[0]["blocks"][0]["id"] == "p1"
    timeline = sections[3].data["timeline"]
    assert isinstance(timeline, list)
    assert [event["id"] for event in timeline] == ["e1", "e2"]


def test_long_runs_are_cut_into_sections_of_bounded_size(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    events = "".join(EVENT.format(n=n) for n in range(1, 2001))
    path.write_text(VALID + events)
    sections = [s for s in SectionReader(path).sections() if s.kind == "entries"]
    assert len(sections) > 2
    assert len(events) // SECTION_CHARACTERS <= len(sections)
    ids = [event["id"] for s in sections for event in s.data["timeline"]]  # type: ignore[attr-defined]
    assert ids == [f"e{n}" for n in range(1, 2001)]


def test_only_the_kinds_asked_for_are_given(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(VALID + EVENT.format(n=1))
    only = frozenset({"entries"})
    assert [s.kind for s in SectionReader(path, kinds=only).sections()] == ["entries"]  # type: ignore[arg-type]


UNSTREAMABLE = {
    "a table of another name": VALID + '\n[[notes]]\nid = "n1"\n',
    "chapters as one table": '[story]\ntitle = "x"\n\n[chapters]\nid = "c1"\n',
    "story as an array": '[[story]]\ntitle = "x"\n',
    "a key before any table": 'title = "x"\n' + VALID,
    "blocks as inline tables": '[story]\ntitle = "حكاية"\n\n[[chapters]]\nid = "c1"\n'
    'title = "فصل"\nblocks = [{ id = "p1", text = "نص" }]\n',
    "a block after the timeline": VALID
    + EVENT.format(n=1)
    + '\n[[chapters.blocks]]\nid = "p2"\ntext = "نص"\n',
    "two story tables": VALID + '\n[story]\ntitle = "x"\n',
    "a header with more on its line": VALID.replace("[[chapters]]", "[[chapters]] x"),
    "an unclosed multi-line string": VALID.replace('text = "', "text = '''"),
    "a half-open header": VALID.replace("[[chapters]]", "[[chapters]"),
}


@pytest.mark.parametrize("form", sorted(UNSTREAMABLE))
def test_files_outside_the_sections_subset_are_declined(tmp_path: Path, form: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(UNSTREAMABLE[form], encoding="utf-8")
    with pytest.raises(Unstreamable):
        list(SectionReader(path).sections())
    _ends_as_load_story_does(path)


BAD_BYTES = {
    "not utf-8": VALID.encode("utf-8") + b"# \xe9t\xe9\n",
    "a nul byte": VALID.encode("utf-8") + b"# \x00\n",
    "utf-16": "\ufeff".encode("utf-16-le") + VALID.encode("utf-16-le"),
    "a lone carriage return": VALID.replace("\n", "\r", 1).encode("utf-8"),
    # Strings that toml_fast reads, but mostly C1 controls: binary to read_text.
    "mostly control characters": (
        VALID.replace("سنة 1974", "\u0085" * 400) + "# " + "\u0086" * 400 + "\n"
    ).encode("utf-8"),
    "windows-1256 arabic": VALID.encode("cp1256"),
    "empty": b"",
    "blank": b" \n\n \n",
}


@pytest.mark.parametrize("form", sorted(BAD_BYTES))
def test_files_that_are_not_plain_utf8_are_declined(tmp_path: Path, form: str) -> None:
    path = tmp_path / "s.toml"
    path.write_bytes(BAD_BYTES[form])
    if form not in ("empty", "blank"):
        with pytest.raises(Unstreamable):
            list(SectionReader(path).sections())
    _ends_as_load_story_does(path)


def test_a_file_that_cannot_be_opened_is_left_to_load_story(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.toml", tmp_path):
        with pytest.raises(Unstreamable):
            list(SectionReader(path).sections())
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    _ends_as_load_story_does(folder)
    _ends_as_load_story_does(tmp_path / "missing.toml")


def _ends_as_load_story_does(path: Path) -> None:
    try:
        expected = load_story(path)
    except StoryError as error:
        with pytest.raises(StoryError) as raised:
            stream_story(path)
        assert raised.value.lines == error.lines
        return
    story = stream_story(path)
    assert not isinstance(story, StreamedStory)
    assert story == expected


def test_a_pipe_is_left_to_load_story_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "story.toml"
    os.mkfifo(pipe)
    with pytest.raises(Unstreamable):
        list(SectionReader(pipe).sections())
    _ends_as_load_story_does(pipe)


def test_lines_and_strings_longer_than_a_read(tmp_path: Path) -> None:
    # One line of 600 KB and a multi-line string of 600 KB holding header
    # lines: each spans several reads of the file.
    words = "كلمة " * 120_000
    lines = "\n".join(["سطر", "[[chapters]]", "[story]"] * 30_000)
    path = tmp_path / "s.toml"
    path.write_text(
        VALID
        + f'\n[[chapters.blocks]]\nid = "long"\ntext = "{words}"\n'
        + f'\n[[chapters.blocks]]\nid = "many-lines"\ntext = """{lines}"""\n'
        + EVENT.format(n=1),
        encoding="utf-8",
    )
    story, whole = stream_story(path), load_story(path)
    assert isinstance(story, StreamedStory)
    assert tuple(story.chapters) == whole.chapters
    assert story.timeline == whole.timeline
    kinds = [s.kind for s in SectionReader(path).sections()]
    assert kinds == ["preamble", "story", "chapters", "entries"]
