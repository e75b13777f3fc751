"""The bundled story, seeds/jamali.toml, against the article it was made from."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.locations import default_story
from tui.story import Image, Paragraph, Story, load_story

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "seeds" / "000_06044bc7934a5754.txt"
STORY = ROOT / "seeds" / "jamali.toml"


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY)


def rebuild_article(story: Story) -> str:
    """The article as the site printed it: title, the headline again, then the blocks."""
    parts = [story.title, story.title]
    for chapter in story.chapters:
        for block in chapter.blocks:
            parts.append(block.text if isinstance(block, Paragraph) else block.url)
    return "\n\n".join(parts)


def test_the_story_rebuilds_the_article_byte_for_byte(story: Story) -> None:
    assert rebuild_article(story).encode("utf-8") == ARTICLE.read_bytes()


def test_the_default_story_is_the_bundled_one() -> None:
    assert load_story(default_story()) == load_story(STORY)


def test_story_header(story: Story) -> None:
    assert story.title == 'توفيق الجمالي.. قصة نجاح مغربي بـ"السِيليكون فالي"'
    assert story.title_en
    assert story.language == "ar"
    assert story.direction == "R"
    assert story.source_name == "Hespress"
    # The article gives no address: none is invented.
    assert story.source_url is None
    assert story.article is not None
    assert story.article.resolve() == ARTICLE.resolve()
    assert story.notices == ()


def test_the_title_keeps_its_kasra(story: Story) -> None:
    assert "السِيليكون" in story.title
    assert "\u0650" in story.title


def test_six_chapters_with_arabic_and_english_titles(story: Story) -> None:
    assert len(story.chapters) == 6
    assert [chapter.number for chapter in story.chapters] == [1, 2, 3, 4, 5, 6]
    for chapter in story.chapters:
        assert chapter.title and chapter.title_en
    shapes = [
        ["Paragraph", "Image"],
        ["Paragraph"],
        ["Paragraph", "Image"],
        ["Paragraph"],
        ["Paragraph"],
        ["Paragraph", "Image", "Paragraph"],
    ]
    assert [[type(b).__name__ for b in c.blocks] for c in story.chapters] == shapes
    assert story.chapters[1].paragraphs[0].text.startswith("من مواليد العاصمة")
    assert "منذ أن كنت في المغرب" in story.chapters[5].paragraphs[0].text


def test_the_three_images_stand_where_the_article_has_them(story: Story) -> None:
    images = [b for c in story.chapters for b in c.blocks if isinstance(b, Image)]
    assert [image.url for image in images] == [
        "http://t1.hespress.com/files/taoufikviral_911946960.jpg",
        "http://t1.hespress.com/files/viralninjas_164837442.jpg",
        "http://t1.hespress.com/files/taoufikjamali_850550515.jpg",
    ]
    for image in images:
        assert image.caption and image.caption_en


EXPECTED_TIMELINE = [
    # id, year, Arabic date, English date, paragraph index (from 0)
    ("born", 1974, "1974", "1974", 1),
    ("baccalaureate", 1992, "1992", "1992", 1),
    ("aeronautics-in-russia", 1993, "1993", "1993", 1),
    ("back-in-morocco", 1998, "1998", "1998", 1),
    ("to-montreal", 2001, "أكتوبر 2001", "October 2001", 2),
    ("mba", 2004, "2004", "2004", 2),
    ("marriage", 2004, "2004", "2004", 6),
    ("unyk", 2005, "2005", "2005", 3),
    ("viadeo-buys-unyk", 2009, "2009", "2009", 3),
    ("silicon-valley", 2009, "2009", "2009", 3),
    ("leaves-viadeo", 2012, "نهاية 2012", "End of 2012", 4),
    ("founds-viralninjas", 2012, "نهاية 2012", "End of 2012", 4),
]


def test_every_dated_event_in_order(story: Story) -> None:
    assert [event.year for event in story.timeline] == [
        1974,
        1992,
        1993,
        1998,
        2001,
        2004,
        2004,
        2005,
        2009,
        2009,
        2012,
        2012,
    ]
    paragraphs = story.paragraphs
    got = [
        (
            event.id,
            event.year,
            event.display_date("ar"),
            event.display_date("en"),
            paragraphs.index(story.paragraph(event.anchor.paragraph_id)),
        )
        for event in story.timeline
    ]
    assert got == EXPECTED_TIMELINE
    for event in story.timeline:
        assert event.label and event.label_en


def test_event_anchors_point_at_their_words(story: Story) -> None:
    for event in story.timeline:
        anchor = event.anchor
        paragraph = story.paragraph(anchor.paragraph_id)
        assert paragraph.text[anchor.start : anchor.end] == anchor.phrase
        assert story.chapter_of(anchor.paragraph_id) == anchor.chapter_index
    by_id = {event.id: event for event in story.timeline}
    assert "مولاي إدريس الأول" in by_id["baccalaureate"].anchor.phrase
    assert "أكتوبر 2001" in by_id["to-montreal"].anchor.phrase
    assert by_id["marriage"].anchor.phrase == "فقبل زواجنا سنة 2004"
    assert "VIADEO" in by_id["leaves-viadeo"].anchor.phrase
    for event_id in ("born", "baccalaureate", "aeronautics-in-russia", "back-in-morocco"):
        assert str(by_id[event_id].year) in by_id[event_id].anchor.phrase


def test_events_by_chapter(story: Story) -> None:
    def events_in_chapter(index: int) -> list[str]:
        return [e.id for e in story.timeline if e.anchor.chapter_index == index]

    assert events_in_chapter(0) == []
    assert events_in_chapter(1) == [
        "born",
        "baccalaureate",
        "aeronautics-in-russia",
        "back-in-morocco",
    ]
    assert events_in_chapter(5) == ["marriage"]


QUOTES = [
    "لم أكن أرتاح في العمل عند أشخاص آخرين، وكان تفكيري على الدوام منصبا على مشروع خاص بي",
    "منذ أن كنت في المغرب، وأنا أحلم بالعمل هنا",
    "لن أنسى فضل زوجتي علي، فقبل زواجنا سنة 2004 وهي تساندني، "
    "والكثير من الفضل يعود لها ولعائلتي ولأصدقائي",
]


def test_the_three_quotes_exactly_as_written(story: Story) -> None:
    assert [quote.text for quote in story.quotes] == QUOTES
    for quote in story.quotes:
        assert quote.speaker == "توفيق الجمالي"
        assert quote.speaker_en == "Taoufik Jamali"
        paragraph = story.paragraph(quote.anchor.paragraph_id)
        assert quote.text in paragraph.text
        assert paragraph.text[quote.anchor.start : quote.anchor.end] == quote.text
    assert [q.anchor.chapter_index for q in story.quotes] == [3, 5, 5]


def test_ids_are_unique_across_the_story() -> None:
    import tomllib

    data = tomllib.loads(STORY.read_text(encoding="utf-8"))
    ids = [c["id"] for c in data["chapters"]]
    ids += [b["id"] for c in data["chapters"] for b in c["blocks"]]
    ids += [e["id"] for e in data["timeline"]] + [q["id"] for q in data["quotes"]]
    assert len(ids) == len(set(ids)) == 6 + 10 + 12 + 3
