"""SearchSession: counts, quote matches, chapter marks and the n/N walk on the seed."""

from __future__ import annotations

from tui.locations import default_story
from tui.search import SearchSession
from tui.story import load_story

STORY = load_story(default_story())


def test_a_query_without_hamza_finds_the_quote_and_its_passage() -> None:
    session = SearchSession(STORY)
    assert session.search("انسى") == 1
    (hit,) = session.hits
    paragraph = STORY.paragraph(hit.paragraph_id)
    assert paragraph.text[hit.start : hit.end] == "أنسى"
    assert hit.chapter_index == STORY.chapter_of(hit.paragraph_id)
    (quote_id,) = session.quote_hits
    quote = next(q for q in STORY.quotes if q.id == quote_id)
    ((start, end),) = session.quote_hits[quote_id]
    assert quote.text[start:end] == "أنسى"


def test_latin_query_walks_across_chapters_and_wraps() -> None:
    session = SearchSession(STORY)
    assert session.search("viadeo") == 2
    first = session.step()
    second = session.step()
    third = session.step()
    assert first is not None and second is not None
    assert first.chapter_index < second.chapter_index
    assert third == first  # wrapped
    assert session.step(forward=False) == second


def test_chapter_hits_are_those_of_the_story_in_that_chapter() -> None:
    session = SearchSession(STORY)
    session.search("سنة")
    for index in range(len(STORY.chapters)):
        expected = [h for h in session.hits if h.chapter_index == index]
        assert session.hits_in_chapter(index) == expected


def test_empty_query_finds_nothing() -> None:
    session = SearchSession(STORY)
    assert session.search("   ") == 0
    assert session.hits == []
    assert session.step() is None
    assert session.hits_in_chapter(0) == []
