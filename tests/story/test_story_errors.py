"""One test per way a story file can be wrong: the message names the file, the
line, the field and what was expected, on one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.stories import VALID
from tui.story import StoryError, load_story
from tui.story.source import MAX_BYTES

# A valid story; the tests below change one thing in it. Line numbers:
#  1 [story]  2 title  3 language  5 [[chapters]]  6 id  7 title
#  9 [[chapters.blocks]]  10 id  11 text

EVENT = """
[[timeline]]
id = "born"
year = 1974
label = "الولادة"
paragraph = "p1"
phrase = "سنة 1974"
"""


def write(tmp_path: Path, text: str, name: str = "story.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path | str) -> StoryError:
    with pytest.raises(StoryError) as caught:
        load_story(path)
    # Every problem, one per line, each line a whole problem.
    lines = str(caught.value).split("\n")
    assert lines == [str(problem) for problem in caught.value.problems]
    return caught.value


def test_the_valid_story_loads(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, VALID + EVENT))
    assert story.timeline[0].anchor.phrase == "سنة 1974"


# -- the file itself ----------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    error = error_of(path)
    assert str(error) == (
        f"{path}: expected a story file, got nothing: there is no such file or directory"
    )
    assert (error.path, error.line, error.field) == (str(path), None, None)


def test_directory(tmp_path: Path) -> None:
    assert str(error_of(tmp_path)) == f"{tmp_path}: expected a story file, got a directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_by_mode(tmp_path: Path) -> None:
    path = write(tmp_path, VALID)
    path.chmod(0)
    assert "expected a readable file, got permission denied" in str(error_of(path))


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, VALID)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    assert str(error_of(path)) == f"{path}: expected a readable file, got permission denied"


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    assert str(error_of(path)) == f"{path}: expected a story, got an empty file"


def test_blank_file(tmp_path: Path) -> None:
    path = write(tmp_path, " \n\n\t\n", name="story.txt")
    assert str(error_of(path)) == f"{path}: expected a story, got an empty file"


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    assert str(error_of(path)) == f"{path}: expected a file of at most 32 MiB, got 33,554,433 bytes"


def test_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_bytes(VALID.encode() + b"\n\x00\x01binary")
    assert str(error_of(path)) == (
        f"{path}:13: expected text, got binary data (a NUL byte at offset"
        f" {len(VALID.encode()) + 1})"
    )


def test_mostly_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(bytes(range(1, 32)) * 20)
    assert str(error_of(path)) == (
        f"{path}:1: expected text, got binary data (mostly control characters)"
    )


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"Titre\n\nUn caf\xe9 au bord de l'eau.\n")
    assert str(error_of(path)) == (
        f"{path}:3: expected UTF-8 text, got byte 0xE9 at offset 13, which is not"
        " UTF-8 (nor Windows-1256 Arabic)"
    )


def test_utf16(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes("عنوان\n\nفقرة\n".encode("utf-16"))
    assert str(error_of(path)) == (
        f"{path}:1: expected UTF-8 text, got UTF-16 (the file starts with a UTF-16"
        " byte order mark); save it as UTF-8"
    )


# -- TOML syntax and structure ------------------------------------------------


def test_toml_syntax(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('title = "البداية"', 'title "البداية"'))
    error = error_of(path)
    assert str(error) == (
        f"{path}:7: expected valid TOML, got a syntax error at column 7: expected '='"
        " after a key in a key/value pair"
    )
    assert error.line == 7


def test_toml_syntax_at_end_of_file(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + 'quotes = ["')
    assert str(error_of(path)) == (
        f"{path}:12: expected valid TOML, got a syntax error at the end of the file:"
        " unterminated string"
    )


def test_missing_story_table(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("[story]", "[storey]"))
    error = error_of(path)
    # Problems are told in file order: the misspelt table (line 1) first.
    assert str(error.problems[0]) == (
        f"{path}:1: storey: expected one of story, chapters, timeline, quotes, eras,"
        ' places, got an unknown key (did you mean "story"?)'
    )
    assert str(error.problems[1]) == (
        f"{path}: story: expected a [story] table with the story's title, got nothing"
    )


def test_missing_required_field(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('title = "البداية"\n', ""))
    error = error_of(path)
    assert str(error) == (
        f"{path}:5: chapters[1].title: expected a non-empty string, got nothing"
        " (the key is missing)"
    )
    assert (error.line, error.field, error.expected) == (
        5,
        "chapters[1].title",
        "a non-empty string",
    )


def test_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('text = "ولد', 'text = 5\nx = "ولد'))
    error = error_of(path)
    assert str(error.problems[0]) == (
        f"{path}:11: chapters[1].blocks[1].text: expected a non-empty string, got an integer (5)"
    )


def test_unknown_key(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('title = "البداية"', 'titel = "البداية"'))
    error = error_of(path)
    assert str(error).split("\n") == [
        f"{path}:5: chapters[1].title: expected a non-empty string, got nothing"
        " (the key is missing)",
        f"{path}:7: chapters[1].titel: expected one of id, title, title_en, blocks,"
        ' got an unknown key (did you mean "title"?)',
    ]


def test_empty_string(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('title = "حكاية"', 'title = "   "'))
    assert str(error_of(path)) == (
        f"{path}:2: story.title: expected a non-empty string, got an empty string"
    )


def test_duplicate_id(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + '\n[[chapters.blocks]]\nid = "p1"\ntext = "ثانية"\n')
    assert str(error_of(path)) == (
        f"{path}:14: chapters[1].blocks[2].id: expected an id not used before in the"
        ' story, got "p1" again (first used on line 10)'
    )


def test_bad_id(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('id = "p1"', 'id = "فقرة 1"'))
    assert str(error_of(path)) == (
        f"{path}:10: chapters[1].blocks[1].id: expected an id of ASCII letters,"
        " digits, '-', '_' or '.', got \"فقرة 1\""
    )


def test_no_chapters(tmp_path: Path) -> None:
    path = write(tmp_path, '[story]\ntitle = "حكاية"\n')
    assert str(error_of(path)) == (
        f"{path}: chapters: expected at least one [[chapters]] table, got nothing"
    )


def test_chapter_without_blocks(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + '\n[[chapters]]\nid = "c2"\ntitle = "ب"\nblocks = []\n')
    assert str(error_of(path)) == (
        f"{path}:16: chapters[2].blocks: expected at least one [[chapters.blocks]]"
        " table, got an empty array"
    )


def test_no_paragraphs(tmp_path: Path) -> None:
    only_image = VALID.replace(
        'text = "ولد في الدار البيضاء سنة 1974، ثم سافر سنة 1993."',
        'image = "https://example.com/a.jpg"\ncaption = "صورة"',
    )
    path = write(tmp_path, only_image)
    assert str(error_of(path)) == (
        f"{path}:5: chapters: expected at least one paragraph in the story, got only images"
    )


def test_block_with_text_and_image(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + 'image = "https://example.com/a.jpg"\n')
    assert str(error_of(path)) == (
        f"{path}:12: chapters[1].blocks[1].image: expected either text (a paragraph)"
        " or image (an image), not both, got both"
    )


def test_block_with_neither(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("text = ", "body = "))
    error = error_of(path)
    assert str(error.problems[0]) == (
        f"{path}:9: chapters[1].blocks[1]: expected a block with text (a paragraph)"
        " or image (an image URL), got neither"
    )


def test_timeline_must_be_an_array_of_tables(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + "\n[timeline]\nyear = 1974\n")
    assert str(error_of(path)) == (
        f"{path}:13: timeline: expected an array of tables ([[timeline]]), got a table"
    )


# -- the story table ------------------------------------------------------------


def test_bad_direction(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('language = "ar"', 'direction = "right"'))
    assert str(error_of(path)) == (
        f'{path}:3: story.direction: expected "rtl" or "ltr", got "right"'
    )


def test_bad_language(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('language = "ar"', 'language = "Arabic!"'))
    assert str(error_of(path)) == (
        f'{path}:3: story.language: expected a language tag such as "ar" or "en", got "Arabic!"'
    )


def test_source_url_not_http(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('language = "ar"', 'source_url = "hespress.com"'))
    assert str(error_of(path)) == (
        f'{path}:3: story.source_url: expected an http:// or https:// URL, got "hespress.com"'
    )


def test_unknown_format(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('language = "ar"', "format = 2"))
    assert str(error_of(path)) == (
        f"{path}:3: story.format: expected format = 1 (the only format so far), got 2"
    )


def test_absolute_article(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('language = "ar"', 'article = "/etc/passwd"'))
    assert str(error_of(path)) == (
        f'{path}:3: story.article: expected a path relative to the story file, got "/etc/passwd"'
    )


def test_missing_article_is_a_notice_not_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace('language = "ar"', 'article = "gone.txt"'))
    story = load_story(path)
    assert story.notices == ("the article gone.txt named by the story was not found",)
    assert story.article is None


# -- images ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/a.jpg", "file:///etc/passwd", "javascript:alert(1)", "https://"],
)
def test_image_url_not_http(tmp_path: Path, url: str) -> None:
    image = VALID.replace(
        'text = "ولد في الدار البيضاء سنة 1974، ثم سافر سنة 1993."',
        f'image = "{url}"\ncaption = "صورة"',
    )
    path = write(tmp_path, image + '\n[[chapters.blocks]]\nid = "p2"\ntext = "فقرة"\n')
    assert str(error_of(path)) == (
        f'{path}:11: chapters[1].blocks[1].image: expected an http:// or https:// URL, got "{url}"'
    )


def test_image_without_caption(tmp_path: Path) -> None:
    image = VALID.replace(
        'text = "ولد في الدار البيضاء سنة 1974، ثم سافر سنة 1993."',
        'image = "https://example.com/a.jpg"',
    )
    path = write(tmp_path, image + '\n[[chapters.blocks]]\nid = "p2"\ntext = "فقرة"\n')
    assert str(error_of(path)) == (
        f"{path}:9: chapters[1].blocks[1].caption: expected a non-empty string,"
        " got nothing (the key is missing)"
    )


# -- timeline -------------------------------------------------------------------
# EVENT starts on line 13 ([[timeline]]): 14 id, 15 year, 16 label, 17 paragraph,
# 18 phrase.


def test_month_out_of_range(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT + "month = 13\n")
    assert str(error_of(path)) == (
        f"{path}:19: timeline[1].month: expected a month from 1 to 12, got 13"
    )


def test_year_not_an_integer(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace("year = 1974", 'year = "1974"'))
    assert str(error_of(path)) == (
        f'{path}:15: timeline[1].year: expected a year from 1 to 9999, got the string "1974"'
    )


def test_year_is_not_a_boolean(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace("year = 1974", "year = true"))
    assert str(error_of(path)) == (
        f"{path}:15: timeline[1].year: expected a year from 1 to 9999, got a boolean (true)"
    )


def test_year_is_not_a_float(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace("year = 1974", "year = 1974.5"))
    assert str(error_of(path)) == (
        f"{path}:15: timeline[1].year: expected a year from 1 to 9999, got a number (1974.5)"
    )


def test_missing_year(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace("year = 1974\n", ""))
    assert str(error_of(path)) == (
        f"{path}:13: timeline[1].year: expected a year from 1 to 9999, got nothing"
        " (the key is missing)"
    )


def test_bad_approximate(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT + 'approximate = "late"\n')
    assert str(error_of(path)) == (
        f'{path}:19: timeline[1].approximate: expected "start" or "end", got "late"'
    )


def test_approximate_with_month(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT + 'month = 3\napproximate = "end"\n')
    assert str(error_of(path)) == (
        f"{path}:20: timeline[1].approximate: expected either month or approximate,"
        " not both, got both"
    )


def test_anchor_paragraph_unknown(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace('paragraph = "p1"', 'paragraph = "p9"'))
    assert str(error_of(path)) == (
        f'{path}:17: timeline[1].paragraph: expected the id of a paragraph, got "p9",'
        " which no paragraph has"
    )


def test_anchor_paragraph_is_a_chapter(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace('paragraph = "p1"', 'paragraph = "c1"'))
    assert str(error_of(path)) == (
        f'{path}:17: timeline[1].paragraph: expected the id of a paragraph, got "c1",'
        " the id of a chapter"
    )


def test_anchor_paragraph_is_an_image(tmp_path: Path) -> None:
    image = (
        '\n[[chapters.blocks]]\nid = "img"\nimage = "https://example.com/a.png"\ncaption = "ص"\n'
    )
    event = EVENT.replace('paragraph = "p1"', 'paragraph = "img"')
    path = write(tmp_path, VALID + image + event)
    assert str(error_of(path)) == (
        f'{path}:22: timeline[1].paragraph: expected the id of a paragraph, got "img",'
        " the id of an image"
    )


def test_phrase_not_in_paragraph(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace('"سنة 1974"', '"سنة 1975"'))
    assert str(error_of(path)) == (
        f"{path}:18: timeline[1].phrase: expected words that occur in paragraph p1,"
        ' got "سنة 1975", which does not'
    )


def test_phrase_must_match_harakat(tmp_path: Path) -> None:
    story = VALID.replace("الدار البيضاء", "الدار البَيضاء")
    event = EVENT.replace('"سنة 1974"', '"الدار البيضاء"')
    path = write(tmp_path, story + event)
    assert "timeline[1].phrase: expected words that occur in paragraph p1" in str(error_of(path))


def test_ambiguous_phrase_needs_occurrence(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace('"سنة 1974"', '"سنة"'))
    assert str(error_of(path)) == (
        f"{path}:13: timeline[1].occurrence: expected occurrence = 1 to 2 to say which"
        " of the 2 places in paragraph p1 is meant, got nothing (the key is missing)"
    )


def test_occurrence_picks_the_place(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace('"سنة 1974"', '"سنة"') + "occurrence = 2\n")
    anchor = load_story(path).timeline[0].anchor
    text = "ولد في الدار البيضاء سنة 1974، ثم سافر سنة 1993."
    assert (anchor.start, anchor.end) == (text.rindex("سنة"), text.rindex("سنة") + 3)


def test_occurrence_out_of_range(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT + "occurrence = 2\n")
    assert str(error_of(path)) == (
        f"{path}:19: timeline[1].occurrence: expected a count from 1 to 1 (the phrase"
        " occurs once in paragraph p1), got 2"
    )


def test_occurrence_zero(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT + "occurrence = 0\n")
    assert str(error_of(path)) == (
        f"{path}:19: timeline[1].occurrence: expected a count from 1 (which occurrence"
        " of the phrase), got 0"
    )


# -- quotes ---------------------------------------------------------------------


def test_quote_text_not_in_paragraph(tmp_path: Path) -> None:
    quote = '\n[[quotes]]\nid = "q"\ntext = "لم أقل هذا"\nspeaker = "هو"\nparagraph = "p1"\n'
    path = write(tmp_path, VALID + quote)
    assert str(error_of(path)) == (
        f"{path}:15: quotes[1].text: expected words that occur in paragraph p1,"
        ' got "لم أقل هذا", which does not'
    )


def test_quote_without_speaker(tmp_path: Path) -> None:
    quote = '\n[[quotes]]\nid = "q"\ntext = "سافر"\nparagraph = "p1"\n'
    path = write(tmp_path, VALID + quote)
    assert str(error_of(path)) == (
        f"{path}:13: quotes[1].speaker: expected a non-empty string, got nothing"
        " (the key is missing)"
    )


# -- many problems at once --------------------------------------------------------


def test_all_problems_are_collected_in_file_order(tmp_path: Path) -> None:
    broken = (
        VALID.replace('title = "حكاية"', "title = 1")
        .replace('id = "p1"', 'id = ""')
        .replace('language = "ar"', 'language = "ar"\nsubtitle = "x"')
    )
    path = write(tmp_path, broken + EVENT.replace("year = 1974", "year = 0"))
    error = error_of(path)
    assert [(p.line, p.field) for p in error.problems] == [
        (2, "story.title"),
        (4, "story.subtitle"),
        (11, "chapters[1].blocks[1].id"),
        (16, "timeline[1].year"),
        # The paragraph lost its id, so nothing is called p1 any more.
        (18, "timeline[1].paragraph"),
    ]
    lines = str(error).split("\n")
    assert len(lines) == 5
    assert lines[0].startswith(f"{path}:2: story.title: expected a non-empty string")
    assert lines[1] == (
        f"{path}:4: story.subtitle: expected one of format, title, title_en, language,"
        ' direction, source_url, source_name, article, got an unknown key (did you mean "title"?)'
    )
    assert lines[4] == (
        f'{path}:18: timeline[1].paragraph: expected the id of a paragraph, got "p1",'
        " which no paragraph has"
    )


def test_error_attributes_are_the_first_problem(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT + "month = 0\n")
    error = error_of(path)
    first = error.problems[0]
    assert (error.path, error.line, error.field, error.expected) == (
        first.path,
        first.line,
        first.field,
        first.expected,
    )
    assert (error.line, error.field) == (19, "timeline[1].month")


def test_control_characters_in_messages_are_made_visible(tmp_path: Path) -> None:
    path = write(tmp_path, VALID + EVENT.replace('"سنة 1974"', '"\\u001b]52;c;x\\u0007"'))
    message = str(error_of(path))
    assert "\x1b" not in message and "\x07" not in message
    assert "␛]52;c;x␇" in message


def test_offsets_count_the_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xef\xbb\xbfT\r\rx\xff")
    assert str(error_of(path)) == (
        f"{path}:3: expected UTF-8 text, got byte 0xFF at offset 7, which is not"
        " UTF-8 (nor Windows-1256 Arabic)"
    )


def test_broken_utf8_arabic_is_not_taken_for_windows_1256(tmp_path: Path) -> None:
    data = "عنوان\n\nفقرة عربية طويلة بعض الشيء\n".encode()
    broken = data[:20] + b"\xff" + data[20:]
    path = tmp_path / "story.txt"
    path.write_bytes(broken)
    assert str(error_of(path)) == (
        f"{path}:3: expected UTF-8 text, got byte 0xFF at offset 20, which is not"
        " UTF-8 (nor Windows-1256 Arabic)"
    )
