"""A bad story file in print mode: refused as ``load_story`` refuses it (the same lines,
the same line numbers), with exit status 2 and nothing on stdout, wherever the problem is;
and a file that changes while it is printed is told in one line.

Print mode reads a story file a section at a time (``tui.story.streaming``);
every file is checked whole before its first line is printed.
"""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.print.streamed import assert_same_story, make
from tui.cli import main
from tui.story import StoryError, load_story
from tui.story.streaming import StreamedStory, stream_story

FULL = """\
# A story with every table of the format.
[story]
title = "حكاية"
title_en = "A tale"
language = "ar"
source_name = "Rawi"

[[chapters]]
id = "c1"
title = "البداية"

[[chapters.blocks]]
id = "p1"
text = "ولد في الدار البيضاء سنة 1974، ثم سافر سنة 1993."

[[chapters.blocks]]
id = "img1"
image = "https://example.com/a.jpg"
caption = "صورة"

[[chapters]]
id = "c2"
title = "الرحلة"
title_en = "The journey"

[[chapters.blocks]]
id = "p2"
text = '''قال: "سأعود" وعاد سنة 1998
إلى الدار البيضاء.'''

[[timeline]]
id = "e1"
year = 1974
label = "الولادة"
paragraph = "p1"
phrase = "سنة 1974"

[[quotes]]
id = "q1"
text = "سأعود"
speaker = "هو"
paragraph = "p2"

[[timeline]]
id = "e2"
year = 1998
approximate = "end"
label = "العودة"
paragraph = "p2"
phrase = "وعاد سنة 1998"

[[eras]]
id = "era1"
label = "الطفولة"
from = 1974
to = 1993
paragraph = "p1"
phrase = "الدار البيضاء"

[[places]]
id = "casa"
name = "الدار البيضاء"
latitude = 33.57
longitude = -7.59
paragraph = "p1"
phrase = "في الدار البيضاء"
"""


def _outcome(path: Path) -> tuple[str, object]:
    try:
        return "story", load_story(path)
    except StoryError as error:
        return "refused", error.lines


def _mutations(text: str) -> list[str]:
    lines = text.split("\n")
    found: list[str] = []
    for index, line in enumerate(lines):
        before, after = lines[:index], lines[index + 1 :]
        found.append("\n".join([*before, *after]))  # the line left out
        found.append("\n".join([*before, line, line, *after]))  # written twice
        found.append("\n".join([*before, "x" + line, *after]))  # a key or header misspelt
        if " = " in line:
            key = line.split(" = ")[0]
            for value in ("5", '"p1"', '"سنة"', '""'):
                found.append("\n".join([*before, f"{key} = {value}", *after]))
    return found


def test_every_mutation_of_a_story_is_refused_or_read_as_load_story_does(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    refused = streamed = 0
    for text in _mutations(FULL):
        path.write_text(text, encoding="utf-8")
        kind, expected = _outcome(path)
        if kind == "refused":
            with pytest.raises(StoryError) as raised:
                stream_story(path)
            assert raised.value.lines == expected, text
            refused += 1
        else:
            assert isinstance(expected, StoryError) is False
            story = stream_story(path)
            if isinstance(story, StreamedStory):
                assert_same_story(story, expected)  # type: ignore[arg-type]
                streamed += 1
            else:
                assert story == expected
    # The mutations must have tested both ways.
    assert refused > 100
    assert streamed > 20


def _print(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["--print", "--width", "80", *args])
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The text of a generated story of about 0.4 MB (many sections)."""
    path = make(tmp_path_factory.mktemp("big") / "big.toml", "mixed", "--size-mb", "0.4")
    return path.read_text(encoding="utf-8")


def _refused_like_load_story(path: Path) -> None:
    with pytest.raises(StoryError) as raised:
        load_story(path)
    status, out, err = _print(str(path))
    assert status == 2
    assert out == "", "nothing is printed before the file is refused"
    assert err.splitlines() == raised.value.lines


def test_a_problem_in_the_last_chapter_of_a_big_file(tmp_path: Path, big: str) -> None:
    last = big.rindex("[[chapters.blocks]]")
    path = tmp_path / "big.toml"
    path.write_text(big[:last] + '[[chapters.blocks]]\ntitel = "x"\n' + big[last + 20 :])
    _refused_like_load_story(path)
    chapters = big.count("[[chapters]]")
    assert chapters > 5
    assert f": chapters[{chapters}].blocks[" in _print(str(path))[2]


def test_a_phrase_missing_from_its_paragraph_at_the_end_of_a_big_file(
    tmp_path: Path, big: str
) -> None:
    path = tmp_path / "big.toml"
    path.write_text(
        big + '\n[[timeline]]\nid = "late"\nyear = 2000\nlabel = "حدث"\n'
        'paragraph = "p1"\nphrase = "لا توجد هذه الكلمات"\n'
    )
    _refused_like_load_story(path)


def test_an_id_used_twice_far_apart(tmp_path: Path, big: str) -> None:
    path = tmp_path / "big.toml"
    path.write_text(
        big + '\n[[quotes]]\nid = "p1"\ntext = "كلام"\nspeaker = "هو"\nparagraph = "p2"\n'
    )
    _refused_like_load_story(path)


def test_a_syntax_error_at_the_end_of_a_big_file(tmp_path: Path, big: str) -> None:
    path = tmp_path / "big.toml"
    path.write_text(big + '\n[[quotes]]\nid = "late\n')
    _refused_like_load_story(path)


def test_a_byte_that_is_not_utf8_at_the_end_of_a_big_file(tmp_path: Path, big: str) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(big.encode("utf-8") + b"# \xff\n")
    _refused_like_load_story(path)


def test_a_file_that_changes_while_it_is_printed(tmp_path: Path, big: str) -> None:
    path = tmp_path / "big.toml"
    path.write_text(big, encoding="utf-8")
    story = stream_story(path)
    assert isinstance(story, StreamedStory)
    chapters = story.chapters
    next(chapters)
    path.write_text(big.replace("[[chapters]]", "[[chapters]]\n", 1), encoding="utf-8")
    with pytest.raises(StoryError) as raised:
        list(chapters)
    assert raised.value.lines == [
        f"{path}: expected a story file that stays the same while it is printed,"
        " got a file that changed"
    ]


def test_the_command_tells_a_file_changed_while_printing_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, big: str
) -> None:
    import tui.printing

    path = tmp_path / "big.toml"
    path.write_text(big, encoding="utf-8")
    render = tui.printing.render_story

    def rewritten(*args: object, **kwargs: object) -> object:
        lines = render(*args, **kwargs)  # type: ignore[arg-type]
        yield next(lines)
        path.write_text(big.replace("[[chapters]]", "[[chapters]]\n", 1), encoding="utf-8")
        yield from lines

    monkeypatch.setattr(tui.printing, "render_story", rewritten)
    status, out, err = _print(str(path))
    assert status == 2
    assert out  # what was printed before the change stays printed
    assert err.splitlines() == [
        f"{path}: expected a story file that stays the same while it is printed,"
        " got a file that changed"
    ]
