"""Plain text files: the verbatim article, other encodings, chapters made on the fly."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.story import Image, Paragraph, StoryError, load_story, plain_text
from tui.story.plain_text import chapter_title

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "seeds" / "000_06044bc7934a5754.txt"


def test_the_seed_article_loads_as_plain_text() -> None:
    story = load_story(ARTICLE)
    raw = ARTICLE.read_bytes().decode("utf-8")
    title = raw.split("\n", 1)[0]
    assert story.title == title
    assert "السِيليكون" in story.title
    assert story.direction == "R"
    # What the article tells of its dates and quotes is detected (checked
    # against the hand-made seed story in test_story_detect.py).
    assert len(story.timeline) == 10 and len(story.quotes) == 3
    assert story.notices == ()
    blocks = [block for chapter in story.chapters for block in chapter.blocks]
    # The headline printed twice is read once: 7 paragraphs and 3 images remain.
    assert [type(block).__name__ for block in blocks] == [
        "Paragraph",
        "Image",
        "Paragraph",
        "Paragraph",
        "Image",
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Image",
        "Paragraph",
    ]
    texts = [b.text if isinstance(b, Paragraph) else b.url for b in blocks]
    assert "\n\n".join([title, title, *texts]) == raw
    images = [block for block in blocks if isinstance(block, Image)]
    assert [image.caption for image in images] == [
        "taoufikviral_911946960.jpg",
        "viralninjas_164837442.jpg",
        "taoufikjamali_850550515.jpg",
    ]
    assert len({block.id for block in blocks}) == len(blocks)


def test_the_seed_article_chapters() -> None:
    story = load_story(ARTICLE)
    # 4 paragraphs close a chapter: paragraphs 1-4, then 5-7.
    assert [len(chapter.paragraphs) for chapter in story.chapters] == [4, 3]
    assert [chapter.number for chapter in story.chapters] == [1, 2]
    assert story.chapters[0].title == "عندما تبحر في المواقع الإلكترونية…"
    assert story.chapters[1].title == "في نهاية 2012، يقرر توفيق…"
    assert all(chapter.title_en is None for chapter in story.chapters)


def write(tmp_path: Path, text: str, name: str = "story.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_only_an_exact_repeat_right_after_the_title_is_skipped(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, "Title\n\nTitle!\n\nBody.\n\nTitle\n"))
    assert [p.text for p in story.paragraphs] == ["Title!", "Body.", "Title"]


def test_title_followed_directly_by_text(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, "  Title  \nfirst line\nsecond line\n\nnext\n"))
    assert story.title == "Title"
    assert [p.text for p in story.paragraphs] == ["first line\nsecond line", "next"]


def test_image_lines(tmp_path: Path) -> None:
    text = (
        "T\n\nhttps://e.com/a/b.PNG\n\nhttps://e.com/x.webp?w=2\n\nhttp://e.com/page.html\n\n"
        "see https://e.com/c.jpg\n\nftp://e.com/d.gif\n"
    )
    blocks = [b for c in load_story(write(tmp_path, text)).chapters for b in c.blocks]
    assert [(type(b).__name__, b.id) for b in blocks] == [
        ("Image", "img1"),
        ("Image", "img2"),
        ("Paragraph", "p1"),
        ("Paragraph", "p2"),
        ("Paragraph", "p3"),
    ]
    first = blocks[0]
    assert isinstance(first, Image)
    assert (first.url, first.caption, first.caption_en) == ("https://e.com/a/b.PNG", "b.PNG", None)


def test_a_url_with_any_white_space_in_it_is_no_image() -> None:
    assert plain_text._image_url("https://e.com/a.jpg") == "https://e.com/a.jpg"
    # Every white space str.isspace knows, not only the ASCII ones.
    for space in (chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()):
        assert plain_text._image_url(f"https://e.com/a{space}b.jpg") is None, hex(ord(space))


def test_chapters_never_split_a_paragraph(tmp_path: Path) -> None:
    long = "word " * 700  # 3,500 characters: a chapter on its own
    text = "\n\n".join(["T", "one", long, "two", "three", "four", "five", "six", "seven"])
    story = load_story(write(tmp_path, text))
    assert [[p.text for p in c.paragraphs] for c in story.chapters] == [
        ["one", long.strip()],
        ["two", "three", "four", "five"],
        ["six", "seven"],
    ]
    assert [c.id for c in story.chapters] == ["c1", "c2", "c3"]


def test_chapter_title_words() -> None:
    assert chapter_title("one two three four five six") == "one two three four five…"
    assert chapter_title("one two three four five") == "one two three four five"
    # A lone quotation mark is not a word; a comma at the cut goes.
    assert chapter_title('" لم أكن أرتاح في العمل، عند أشخاص') == "لم أكن أرتاح في العمل…"

    # Words without a letter or digit are left out wherever they stand.
    assert chapter_title("« — one _ two 3 » … four") == "one two 3 four"
    assert chapter_title("« — »") == "« — »"


def test_a_word_is_what_has_a_letter_or_a_digit_for_every_character() -> None:
    # Words hold a letter or digit: Unicode categories L and N, every one.
    characters = [chr(c) for c in range(sys.maxunicode + 1) if not chr(c).isspace()]
    letters = [c for c in characters if unicodedata.category(c)[0] in "LN"]
    assert len(letters) > 100_000
    assert list(plain_text._letter_words(" ".join(characters))) == letters
    # Words end at every white space that str.split knows.
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    text = "".join(f"w{space}" for space in spaces)
    assert list(plain_text._letter_words(text)) == ["w"] * len(spaces)


def test_chapter_title_reads_only_the_words_it_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    # A chapter can be one paragraph of megabytes: its title must not cost
    # per word of it. The words drawn and the characters looked at one by one
    # are counted.
    drawn: list[str] = []
    letter_words = plain_text._letter_words

    def counted(text: str) -> Iterator[str]:
        for word in letter_words(text):
            drawn.append(word)
            yield word

    looked_at: list[str] = []
    category = unicodedata.category

    def counted_category(character: str) -> str:
        looked_at.append(character)
        return category(character)

    monkeypatch.setattr(plain_text, "_letter_words", counted, raising=False)
    monkeypatch.setattr(unicodedata, "category", counted_category)
    text = "one, two three four five, six " + "كلمة، « " * 50_000
    assert chapter_title(text) == "one, two three four five…"
    assert drawn == ["one,", "two", "three", "four", "five,", "six"]
    # The comma at the cut, then the "e" before it.
    assert looked_at == [",", "e"]


def test_direction_from_the_text(tmp_path: Path) -> None:
    assert load_story(write(tmp_path, "123\n\nHello\n")).direction == "L"
    assert load_story(write(tmp_path, "123\n\nمرحبا\n")).direction == "R"
    assert load_story(write(tmp_path, "123\n\n456\n")).direction == "L"


def test_control_characters_are_cleaned(tmp_path: Path) -> None:
    story = load_story(write(tmp_path, "T\x1b[2J\n\ncolumn\tone\x9b31m\r\n"))
    assert story.title == "T␛[2J"
    assert story.paragraphs[0].text == "column    one\ufffd31m"


def test_only_a_title(tmp_path: Path) -> None:
    path = write(tmp_path, "\n\nTitle\n")
    with pytest.raises(StoryError) as caught:
        load_story(path)
    assert str(caught.value) == (
        f"{path}:3: expected at least one paragraph after the title, got only the title"
    )


def test_only_images(tmp_path: Path) -> None:
    path = write(tmp_path, "Title\n\nhttps://e.com/a.jpg\n")
    with pytest.raises(StoryError) as caught:
        load_story(path)
    assert str(caught.value) == (
        f"{path}:1: expected at least one paragraph after the title, got only images"
    )


def test_windows_1256_arabic(tmp_path: Path) -> None:
    text = "توفيق الجمالي\n\nمن مواليد العاصمة الاقتصادية البيضاء سنة 1974.\n"
    path = tmp_path / "old.txt"
    path.write_bytes(text.encode("cp1256"))
    story = load_story(path)
    assert story.title == "توفيق الجمالي"
    assert story.paragraphs[0].text == "من مواليد العاصمة الاقتصادية البيضاء سنة 1974."
    assert story.notices == ("read as Windows-1256, not UTF-8",)


def test_windows_1256_story_file(tmp_path: Path) -> None:
    text = '[story]\ntitle = "حكاية"\n[[chapters]]\nid = "c"\ntitle = "أ"\n'
    text += '[[chapters.blocks]]\nid = "p"\ntext = "فقرة"\n'
    path = tmp_path / "old.toml"
    path.write_bytes(text.encode("cp1256"))
    story = load_story(path)
    assert story.paragraphs[0].text == "فقرة"
    assert story.notices == ("read as Windows-1256, not UTF-8",)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "عنوان\n\nفقرة\n".encode())
    story = load_story(path)
    assert story.title == "عنوان"
    assert story.notices == ()


def test_crlf_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes("عنوان\r\n\r\nفقرة\r\nثانية\r\n\r\nأخرى\r\n".encode())
    assert [p.text for p in load_story(path).paragraphs] == ["فقرة\nثانية", "أخرى"]


def test_the_article_in_windows_1256_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "article-1256.txt"
    path.write_bytes(ARTICLE.read_text(encoding="utf-8").encode("cp1256"))
    old, new = load_story(path), load_story(ARTICLE)
    assert old.notices == ("read as Windows-1256, not UTF-8",)
    assert old.title == new.title
    assert old.chapters == new.chapters
