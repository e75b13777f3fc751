"""Matches of one passage within a logical range: the same as filtering every match.

``SearchIndex.find_in`` searches only the part of a passage's key that a range
covers, except where the matches that count depend on those before (queries
whose occurrences can overlap, characters folding to several): these tests hold
it to what ``find`` gives, for any text, query and range.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.search.test_search_properties import PIECES
from tui.search import SearchIndex, SearchSession
from tui.search.folding import fold_key, fold_table
from tui.search.normalize import OriginRuns, key_origin, key_origin_runs
from tui.story import load_story

IN_CI = bool(os.environ.get("CI"))
SETTINGS = settings(
    max_examples=400,
    deadline=None,
    derandomize=IN_CI,
    suppress_health_check=[HealthCheck.too_slow],
)

texts = st.lists(st.sampled_from([*PIECES, "اا", "ساس", "لا", "ﻻ"]), max_size=60).map("".join)
queries = st.one_of(
    st.lists(st.sampled_from([*PIECES, "اا", "سا", "ا", "ل"]), min_size=1, max_size=4).map("".join),
    st.sampled_from(["ا", "اا", "ساس", "س", "لا", "ئ", "ى", "ة", "ss", "ء"]),
)


@SETTINGS
@given(passages=st.lists(texts, min_size=1, max_size=3), query=queries, data=st.data())
def test_matches_in_a_range_are_the_matches_that_start_there(
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
        if match.key == f"p{number}" and start <= match.start < end
    ]
    assert index.find_in(f"p{number}", query, start, end) == expected


def test_an_unknown_passage_or_an_empty_query_finds_nothing() -> None:
    index = SearchIndex([("a", "سلام عليكم")])
    assert index.find_in("b", "سلام") == []
    assert index.find_in("a", "  ") == []
    assert index.find_in("a", "سلام") == [("a", 0, 4)]


GIANT = " ".join(f"({n}) قالت الشركة إن الشركات تنمو" for n in range(20_000))


def test_a_range_of_a_giant_paragraph_costs_what_it_holds() -> None:
    index = SearchIndex([("giant", GIANT)])
    index.find_in("giant", "شرك", 0, 10)  # the passage's offsets, built once
    every = index.find("شرك")
    assert len(every) == 40_000
    middle = len(GIANT) // 2
    started = time.perf_counter()
    shown = index.find_in("giant", "شرك", middle, middle + 2_000)
    in_range = time.perf_counter() - started
    started = time.perf_counter()
    index.find("شرك")
    everything = time.perf_counter() - started
    assert shown == [m for m in every if middle <= m.start < middle + 2_000]
    assert 0 < len(shown) < 200
    # A range of 2,000 characters against 40,000 matches: far less than finding all
    # (a ratio, measured in the same run, generous for a loaded machine).
    assert in_range < everything / 5


def test_the_session_gives_the_hits_of_a_range() -> None:
    story = load_story(Path(__file__).resolve().parents[2] / "seeds" / "jamali.toml")
    session = SearchSession(story)
    session.search("شركة")
    paragraph = next(p for p in story.paragraphs if "شركة" in p.text)
    hits = session.hits_between(paragraph.id, 0, len(paragraph.text))
    assert hits and all(paragraph.text[a:b].startswith("شركة") for a, b in hits)
    session.search("")
    assert session.hits_between(paragraph.id, 0, len(paragraph.text)) == []


def test_overlapping_occurrences_count_from_the_passage_start() -> None:
    # "اا" in "ااا" matches once, at 0; a search started at 1 would wrongly find 1.
    index = SearchIndex([("p", "بااا")])
    assert [m.start for m in index.find("اا")] == [1]
    assert index.find_in("p", "اا", 2, 4) == []
    assert index.find_in("p", "اا", 1, 4) == [("p", 1, 3)]


def test_a_character_folding_to_several_is_covered_once() -> None:
    # ﻻ folds to لا: the query ل and the query ا each find it once.
    index = SearchIndex([("p", "بﻻب ﻻ")])
    assert index.find_in("p", "ا", 1, 6) == [m for m in index.find("ا") if m.start >= 1]
    assert index.find_in("p", "لا", 2, 6) == [m for m in index.find("لا") if m.start >= 2]


@SETTINGS
@given(text=texts, keep_hamza=st.booleans())
def test_offsets_kept_as_runs_are_the_offsets(text: str, keep_hamza: bool) -> None:
    table = fold_table(keep_hamza=keep_hamza, word_ends=True)
    fold_key(text, table)  # the table sees every character first, as in an index
    runs = key_origin_runs(text, table)
    assert list(runs) == list(key_origin(text, table))
    if isinstance(runs, OriginRuns) and len(runs):
        assert runs[-1] == key_origin(text, table)[-1]


def test_a_giant_passage_keeps_its_offsets_as_runs() -> None:
    index = SearchIndex([("giant", GIANT + " ءاء")])
    matches = index.find_in("giant", "شرك", len(GIANT) - 100, len(GIANT))
    assert matches == [m for m in index.find("شرك") if m.start >= len(GIANT) - 100]
