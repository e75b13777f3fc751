"""Search before the story is indexed, and keys folded a slice at a time: the same answers.

The app builds the story's indexes in a thread, folding long keys a slice at
a time (``folding.SLICE``) so that the thread never holds the interpreter
long; a query typed before they arrive is answered from the quotes' index
and from the paragraphs on screen searched alone, and counted when they are
in. These tests hold each of those paths to the plain one: the same key, the
same matches, the same count. (The plain fold is held to a
character-by-character reference in ``test_search_properties``.)
"""

from __future__ import annotations

import os
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.search.test_search_properties import PIECES
from tests.search.test_search_properties import texts as any_texts
from tui.search import SearchIndex, SearchSession, folding, window
from tui.search import session as session_module
from tui.search.folding import (
    fold_key,
    fold_table,
    mark_word_ends,
    without_word_ends,
    word_end_letter,
)
from tui.search.session import build_indexes
from tui.story import Anchor, Chapter, Paragraph, Quote, Story

IN_CI = bool(os.environ.get("CI"))
SETTINGS = settings(
    max_examples=300,
    deadline=None,
    derandomize=IN_CI,
    suppress_health_check=[HealthCheck.too_slow],
)

texts = st.one_of(
    st.lists(st.sampled_from([*PIECES, "اا", "ساس", "لا", "ﻻ", "ي ", "ه."]), max_size=80).map(
        "".join
    ),
    any_texts,
)
queries = st.one_of(
    st.lists(st.sampled_from([*PIECES, "اا", "سا", "ا", "ل"]), min_size=1, max_size=4).map("".join),
    st.sampled_from(["ا", "اا", "ساس", "س", "لا", "ئ", "ى", "ة", "ss", "ء", "ي ", "ه"]),
)
slices = st.integers(1, 9)


@SETTINGS
@given(text=texts, size=slices, keep_hamza=st.booleans())
def test_a_key_folded_in_slices_is_the_key(text: str, size: int, keep_hamza: bool) -> None:
    table = fold_table(keep_hamza=keep_hamza, word_ends=True)
    with mock.patch.object(folding, "SLICE", size):
        sliced = folding.fold_key_in_slices(text, table)
    assert sliced == fold_key(text, table)


@SETTINGS
@given(text=texts, size=slices)
def test_word_ends_are_read_one_place_at_a_time_as_marked_whole(text: str, size: int) -> None:
    key = fold_key(text, fold_table(word_ends=True)) + "\x00" + fold_key(text[:5])
    marked = mark_word_ends(key)
    assert [word_end_letter(key, position) for position in range(len(key))] == list(marked)
    with mock.patch.object(folding, "SLICE", size):
        plain = folding.without_word_ends_in_slices(key)
    assert plain == without_word_ends(marked) == without_word_ends(key)


@SETTINGS
@given(passages=st.lists(texts, min_size=1, max_size=4), query=queries, size=slices)
def test_an_index_built_in_slices_answers_as_one_built_whole(
    passages: list[str], query: str, size: int
) -> None:
    whole = SearchIndex((f"p{n}", text) for n, text in enumerate(passages))
    with mock.patch.object(folding, "SLICE", size):
        sliced = SearchIndex((f"p{n}", text) for n, text in enumerate(passages))
    matches = whole.find(query)
    assert sliced.find(query) == matches
    assert sliced.count(query) == whole.count(query) == len(matches)
    assert sliced.first(query) == whole.first(query)
    assert sliced.passages_with(query) == whole.passages_with(query)
    for number, text in enumerate(passages):
        assert sliced.find_in(f"p{number}", query, 1, len(text)) == whole.find_in(
            f"p{number}", query, 1, len(text)
        )


@SETTINGS
@given(passages=st.lists(texts, min_size=1, max_size=3), query=queries, data=st.data())
def test_the_matches_over_a_range_are_those_that_cover_it(
    passages: list[str], query: str, data: st.DataObject
) -> None:
    index = SearchIndex((f"p{n}", text) for n, text in enumerate(passages))
    number = data.draw(st.integers(0, len(passages) - 1))
    text = passages[number]
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text) + 2))
    expected = [
        match
        for match in index.find(query)
        if match.key == f"p{number}" and match.start < end and match.end > start
    ]
    if start == end:
        expected = []  # an empty range covers nothing
    assert index.find_over(f"p{number}", query, start, end) == expected


def test_a_match_begun_on_the_line_before_is_painted_on_this_one() -> None:
    index = SearchIndex([("p", "قالت الشركة إن")])
    start = "قالت الشركة إن".index("الشركة")
    # A line that begins in the middle of "الشركة" still shows it marked.
    assert index.find_over("p", "الشركة", start + 3, start + 20) == [("p", start, start + 6)]
    assert index.find_in("p", "الشركة", start + 3, start + 20) == []


def _story(paragraphs: list[str], quotes: list[str]) -> Story:
    blocks = tuple(Paragraph(f"p{n}", text) for n, text in enumerate(paragraphs))
    half = max(1, len(blocks) // 2)
    parts = [part for part in (blocks[:half], blocks[half:]) if part]
    return Story(
        title="Story",
        title_en=None,
        language="ar",
        direction="R",
        source_url=None,
        source_name=None,
        chapters=tuple(Chapter(f"c{n}", n + 1, "فصل", None, part) for n, part in enumerate(parts)),
        quotes=tuple(
            Quote(f"q{n}", text, "قائل", None, Anchor("p0", "", 0, 0, 0))
            for n, text in enumerate(quotes)
        ),
    )


@SETTINGS
@given(
    paragraphs=st.lists(texts, min_size=1, max_size=4),
    quotes=st.lists(texts, max_size=3),
    query=queries,
    data=st.data(),
)
def test_a_query_before_the_indexes_are_in_gets_the_same_answers(
    paragraphs: list[str], quotes: list[str], query: str, data: st.DataObject
) -> None:
    story = _story(paragraphs, quotes)
    built = SearchSession(story)
    built.search(query)
    with mock.patch.object(session_module, "INDEXED_ON_THE_SPOT", -1):
        early = SearchSession(story, wait=True)
        assert not early.ready
        count = early.search(query)
    assert count is None if query.strip() else count == 0
    assert {key: early.quote_hits[key] for key in early.quote_hits} == {
        key: built.quote_hits[key] for key in built.quote_hits
    }
    number = data.draw(st.integers(0, len(paragraphs) - 1))
    start = data.draw(st.integers(0, len(paragraphs[number])))
    end = data.draw(st.integers(start, len(paragraphs[number]) + 1))
    assert early.hits_over(f"p{number}", start, end) == built.hits_over(f"p{number}", start, end)
    # The indexes arrive: the count is the one a session built at once gives.
    assert early.install(build_indexes(story)) == bool(query.strip())
    assert early.ready
    assert early.count == built.count
    assert early.hits == built.hits
    assert early.hits_over(f"p{number}", start, end) == built.hits_over(f"p{number}", start, end)


def test_walking_the_matches_before_the_indexes_are_in_builds_them() -> None:
    story = _story(["قالت الشركة", "الشركة تنمو"], [])
    with mock.patch.object(session_module, "INDEXED_ON_THE_SPOT", -1):
        early = SearchSession(story, wait=True)
        assert early.search("الشركة") is None
    assert early.step() is not None
    assert early.ready
    assert early.count == 2
    # The thread's indexes, arriving later, change nothing.
    assert early.install(build_indexes(story)) is False
    assert early.count == 2


def test_a_giant_paragraph_is_searched_around_the_lines_asked_for() -> None:
    giant = "قالت الشركة " * 10_000  # over FOLDED_ON_THE_SPOT characters
    story = _story([giant, "الشركة", "ب" + "ا" * 200_000], [])
    with mock.patch.object(session_module, "INDEXED_ON_THE_SPOT", -1):
        early = SearchSession(story, wait=True)
        assert early.search("الشركة") is None
        assert early.hits_over("p0", 60_000, 60_024) == [(60_005, 60_011), (60_017, 60_023)]
        # The next line, from the same window.
        assert early.hits_over("p0", 60_024, 60_036) == [(60_029, 60_035)]
        assert early.hits_over("p1", 0, 6) == [(0, 6)]
        assert early.search("اا") is None
        # Overlapping occurrences: the marks of a giant paragraph wait for the index.
        assert early.hits_over("p2", 1000, 1010) == []
    early.install(build_indexes(story))
    assert early.count == 100_000
    assert early.hits_over("p2", 1000, 1004) == [(999, 1001), (1001, 1003), (1003, 1005)]


def test_a_small_story_is_indexed_on_the_spot() -> None:
    story = _story(["قالت الشركة"], [])
    early = SearchSession(story, wait=True)
    assert early.search("الشركة") == 1
    assert early.ready


@SETTINGS
@given(
    text=texts.map(lambda text: text * 3),
    query=queries,
    margin=st.integers(1, 6),
    data=st.data(),
)
def test_a_window_around_a_range_finds_what_the_whole_passage_does(
    text: str, query: str, margin: int, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text) + 1))
    with mock.patch.object(window, "MARGIN", margin):
        found = window.matches_over(text, query, start, end)
    if found is None:
        return  # the answer depends on the whole passage: the caller waits for the index
    whole = SearchIndex([("p", text)]).find_over("p", query, start, end)
    assert found == [(match.start, match.end) for match in whole]


def test_a_window_declines_where_the_passage_before_decides() -> None:
    # "اا" in "ااا..." can overlap: which occurrences count depends on those before.
    assert window.matches_over("ب" + "ا" * 1000, "اا", 500, 510) is None
    assert window.matches_over("ب" + "ا" * 1000, "ب", 500, 510) == []
    assert window.matches_over("قالت الشركة " * 1000, "الشركة", 6000, 6012) == [(6005, 6011)]
