"""Story files written in every form the format allows: those ``toml_fast`` reads are
printed a section at a time, the rest as before, and all print what the whole story prints.

The forms that could fool a reader that cuts a file at its headers: lines
like headers inside multi-line strings, tables in an unusual order, CR LF
line ends, a byte order mark, strings that need cleaning, a direction that
only a later paragraph settles.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.print.streamed import assert_prints_the_same, printed, streamed
from tui.story import load_story
from tui.story.streaming import StreamedStory, stream_story

STORY = """\
[story]
title = "حكاية"
language = "ar"
"""

CHAPTER = """\
[[chapters]]
id = "c{n}"
title = "الفصل {n}"

[[chapters.blocks]]
id = "p{n}"
text = "ولد في الدار البيضاء سنة 1974، ثم سافر سنة 1993 ({n})."
"""

EVENT = """\
[[timeline]]
id = "e{n}"
year = 1974
label = "الولادة"
paragraph = "p{n}"
phrase = "سنة 1974"
"""

# Lines that look like headers, inside each kind of multi-line string; a
# basic string with escaped quotes (\\""" does not close it).
ML_LITERAL = "'''"
ML_BASIC = '"""'
TRICKY_CHAPTER = "\n".join(
    [
        "[[chapters]]",
        'id = "tricky"',
        "title = 'فصل \"صعب\"'",
        "",
        "[[chapters.blocks]]",
        'id = "ml-literal"',
        f"text = {ML_LITERAL}",
        "سطر أول",
        "[[chapters]]",
        "[story]",
        "  [[timeline]]",
        f"سطر أخير{ML_LITERAL}",
        "",
        "[[chapters.blocks]]",
        'id = "ml-basic"',
        f"text = {ML_BASIC}",
        f"قال: \\{ML_BASIC}لا\\{ML_BASIC} ثم",
        "[[quotes]]",
        "[[chapters.blocks]]",
        'id = "fake"',
        f'انتهى "مرة" و""مرتين""{ML_BASIC}',
        "",
        "[[chapters.blocks]]",
        'id = "one-line"',
        f'text = "[[chapters]] ليس عنوانا {ML_LITERAL}"',
        "",
    ]
)

QUOTE = """\
[[quotes]]
id = "q1"
text = "[[chapters]]"
speaker = "أحد"
paragraph = "one-line"
"""


def _chapters(count: int) -> str:
    return "\n".join(CHAPTER.format(n=n) for n in range(1, count + 1))


def _events(count: int) -> str:
    return "\n".join(EVENT.format(n=n) for n in range(1, count + 1))


FORMS = {
    "plain": STORY + "\n" + _chapters(3) + "\n" + _events(3),
    "comments first": "# a story\n\n# more\n" + STORY + "\n" + _chapters(2),
    "story table last": _chapters(2) + "\n" + _events(2) + "\n" + STORY,
    "timeline before chapters": STORY + "\n" + _events(3) + "\n" + _chapters(3),
    "headers inside strings": STORY + "\n" + TRICKY_CHAPTER + "\n" + _chapters(2) + "\n" + QUOTE,
    "strings that need cleaning": STORY
    + '\n[[chapters]]\nid = "c1"\ntitle = "فصل\\tأول"\n\n[[chapters.blocks]]\nid = "p1"\n'
    + 'text = "نص\\u0085فيه \\u001b[31m تحكم\\tوجدول"\n',
    "direction from a later paragraph": '[story]\ntitle = "2024"\n\n'
    + '[[chapters]]\nid = "c1"\ntitle = "1"\n\n[[chapters.blocks]]\nid = "p1"\ntext = "123 456"\n\n'
    + '[[chapters.blocks]]\nid = "p2"\ntext = "ثم جاء النص"\n',
    "eras and places": STORY
    + "\n"
    + _chapters(2)
    + '\n[[eras]]\nid = "era1"\nlabel = "زمن"\nfrom = 1974\nto = 1993\n'
    + '\n[[eras]]\nid = "era2"\nlabel = "زمن آخر"\nfrom = 1970\nparagraph = "p2"\n'
    + 'phrase = "سنة 1993"\n'
    + '\n[[places]]\nid = "casa"\nname = "الدار البيضاء"\nlatitude = 33.57\n'
    + 'longitude = -7.59\nparagraph = "p1"\nphrase = "الدار البيضاء"\nfrom = 1974\n',
    "occurrences": STORY
    + '\n[[chapters]]\nid = "c1"\ntitle = "فصل"\n\n[[chapters.blocks]]\nid = "p1"\n'
    + 'text = "سنة وسنة وسنة"\n'
    + "".join(
        f'\n[[timeline]]\nid = "e{n}"\nyear = 2000\nlabel = "حدث"\nparagraph = "p1"\n'
        f'phrase = "سنة"\noccurrence = {n}\n'
        for n in (3, 1, 2)
    ),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_each_form_is_read_a_section_at_a_time_and_prints_the_same(
    tmp_path: Path, form: str
) -> None:
    path = tmp_path / "story.toml"
    path.write_text(FORMS[form], encoding="utf-8")
    assert_prints_the_same(path)


def test_cr_lf_line_ends_and_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    text = FORMS["headers inside strings"].replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert_prints_the_same(path)


def test_headers_inside_strings_are_text_not_sections(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text(FORMS["headers inside strings"], encoding="utf-8")
    story = streamed(path)
    tricky = next(iter(story.chapters))
    assert tricky.id == "tricky"
    assert [block.id for block in tricky.blocks] == ["ml-literal", "ml-basic", "one-line"]
    assert "[[chapters]]\n[story]" in tricky.blocks[0].text  # type: ignore[union-attr]
    assert story.quotes[0].anchor.paragraph_id == "one-line"


def test_many_sections_keep_the_order_of_the_file(tmp_path: Path) -> None:
    # Over 64 K characters of chapters and of events: several sections each,
    # the events' order by date the same as one sort of them all.
    path = tmp_path / "story.toml"
    events = "\n".join(
        EVENT.format(n=n).replace("year = 1974", f"year = {1900 + n % 50}") for n in range(1, 601)
    )
    path.write_text(STORY + "\n" + _chapters(600) + "\n" + events, encoding="utf-8")
    assert_prints_the_same(path)


WHOLE_ONLY = {
    "inline blocks": STORY
    + '\n[[chapters]]\nid = "c1"\ntitle = "فصل"\nblocks = [{ id = "p1", text = "نص" }]\n',
    "dotted key": '[story]\ntitle = "حكاية"\n\n[[chapters]]\nid = "c1"\ntitle = "فصل"\n'
    + '\n[[chapters.blocks]]\nid = "p1"\ntext = "نص"\n\n[chapters.blocks.extra]\n',
    "windows-1256": None,
}


@pytest.mark.parametrize("form", sorted(WHOLE_ONLY))
def test_forms_outside_the_subset_keep_the_whole_story_path(tmp_path: Path, form: str) -> None:
    path = tmp_path / "story.toml"
    text = WHOLE_ONLY[form]
    if text is None:
        path.write_bytes((STORY + "\n" + _chapters(2)).encode("cp1256"))
    else:
        path.write_text(text, encoding="utf-8")
    try:
        whole = load_story(path)
    except Exception as error:  # a form the loader refuses: the same refusal
        with pytest.raises(type(error)) as raised:
            stream_story(path)
        assert str(raised.value) == str(error)
        return
    story = stream_story(path)
    assert not isinstance(story, StreamedStory)
    assert printed(story) == printed(whole)


def test_a_small_story_is_read_whole_and_a_large_one_in_sections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.stories import VALID
    from tui.story import streaming

    path = tmp_path / "story.toml"
    path.write_text(VALID, encoding="utf-8")
    monkeypatch.setattr(streaming, "STREAM_FROM", path.stat().st_size + 1)
    assert not isinstance(stream_story(path), StreamedStory)
    monkeypatch.setattr(streaming, "STREAM_FROM", path.stat().st_size)
    assert isinstance(stream_story(path), StreamedStory)


def test_the_peak_of_a_streamed_story_does_not_grow_with_its_chapters(tmp_path: Path) -> None:
    # A regression seen once: the index of paragraphs a loaded story takes
    # from the assembly kept every paragraph of a printed file until its
    # chapters were checked (10 MB: 8 MiB more at the peak).
    long = "ولد في الدار البيضاء سنة 1974، ثم سافر " * 500  # 20,000 characters

    def peak(count: int) -> int:
        import tracemalloc

        chapters = "\n".join(
            CHAPTER.format(n=n).replace("ولد في الدار البيضاء", long) for n in range(1, count + 1)
        )
        path = tmp_path / f"story-{count}.toml"
        path.write_text(STORY + "\n" + chapters, encoding="utf-8")
        tracemalloc.start()
        try:
            story = stream_story(path)
            highest = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert isinstance(story, StreamedStory)
        return highest

    more = 40 * 2 * len(long)  # the text of 40 more chapters, as str
    grew = peak(80) - peak(40)
    assert grew < more // 5, f"the peak grew by {grew} bytes for {more} of text"
