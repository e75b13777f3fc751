"""The story model: dates, order, lookups."""

from __future__ import annotations

import pytest

from tui.story import Anchor, Chapter, Image, Paragraph, Quote, Story, TimelineEvent


def event(
    year: int, month: int | None = None, approximate: str | None = None, id: str = "e"
) -> TimelineEvent:
    anchor = Anchor("p1", "x", 0, 1, 0)
    return TimelineEvent(id, year, month, approximate, "l", None, anchor)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("month", "arabic", "english"),
    [
        (1, "يناير 2001", "January 2001"),
        (5, "ماي 2001", "May 2001"),
        (7, "يوليوز 2001", "July 2001"),
        (8, "غشت 2001", "August 2001"),
        (9, "شتنبر 2001", "September 2001"),
        (10, "أكتوبر 2001", "October 2001"),
        (11, "نونبر 2001", "November 2001"),
        (12, "دجنبر 2001", "December 2001"),
    ],
)
def test_months_as_written_in_morocco(month: int, arabic: str, english: str) -> None:
    assert event(2001, month).display_date("ar") == arabic
    assert event(2001, month).date_en == english


def test_approximate_and_bare_years() -> None:
    assert (event(2012, approximate="end").date_ar, event(2012, approximate="end").date_en) == (
        "نهاية 2012",
        "End of 2012",
    )
    assert event(2011, approximate="start").date_ar == "بداية 2011"
    assert event(2011, approximate="start").date_en == "Start of 2011"
    assert (event(2004).date_ar, event(2004).date_en) == ("2004", "2004")


def test_sort_key_orders_a_year() -> None:
    shuffled = [
        event(2012, approximate="end", id="end"),
        event(2012, 3, id="march"),
        event(2011, 12, id="dec-2011"),
        event(2012, id="year"),
        event(2012, 1, id="january"),
    ]
    ordered = sorted(shuffled, key=lambda e: e.sort_key)
    assert [e.id for e in ordered] == ["dec-2011", "year", "january", "march", "end"]


def small_story() -> Story:
    first = Chapter(
        "c1", 1, "one", None, (Paragraph("p1", "alpha"), Image("i1", "https://e/a.jpg", "c", None))
    )
    second = Chapter("c2", 2, "two", "Two", (Paragraph("p2", "beta"), Paragraph("p3", "gamma")))
    anchor = Anchor("p3", "gam", 0, 3, 1)
    return Story(
        title="t",
        title_en=None,
        language="en",
        direction="L",
        source_url=None,
        source_name=None,
        chapters=(first, second),
        timeline=(TimelineEvent("e1", 2000, None, None, "l", None, anchor),),
        quotes=(Quote("q1", "gam", "s", None, anchor),),
    )


def test_lookups() -> None:
    story = small_story()
    assert story.paragraph("p2").text == "beta"
    assert story.chapter_of("p1") == 0
    assert story.chapter_of("i1") == 0
    assert story.chapter_of("p3") == 1
    assert [e.anchor.chapter_index for e in story.timeline] == [1]
    assert [q.id for q in story.quotes_in_chapter(1)] == ["q1"]
    assert [p.id for p in story.paragraphs] == ["p1", "p2", "p3"]
    assert story.chapters[0].paragraphs == (Paragraph("p1", "alpha"),)
    with pytest.raises(KeyError):
        story.paragraph("i1")


def test_stories_compare_by_content() -> None:
    assert small_story() == small_story()
    assert hash(small_story().chapters) == hash(small_story().chapters)


def test_duplicate_block_ids_are_refused() -> None:
    chapter = Chapter("c", 1, "t", None, (Paragraph("p", "a"), Paragraph("p", "b")))
    with pytest.raises(ValueError, match="'p' is used twice"):
        Story("t", None, "en", "L", None, None, (chapter,))
