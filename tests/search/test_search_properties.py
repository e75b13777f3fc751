"""Properties of search that hold for any text (hypothesis).

- Searching never raises; matches lie inside their passage, are not empty, come in
  passage then position order and never overlap.
- A piece of a text, as typed or as folded, finds a match that overlaps it.
- The fast key (``str.translate``) is the key ``normalize`` builds character by
  character, and the offsets agree with a plain one-character-at-a-time fold.
- A key folds to itself, so it can be typed back as a query.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui.search import SearchIndex, normalize
from tui.search.folding import fold_key, fold_table
from tui.search.normalize import _fold_with_origin_by_character, fold_with_origin

IN_CI = bool(os.environ.get("CI"))

# What Arabic (and some Latin) text is made of, with what folding has to handle.
PIECES = [
    *"ابتجحخدذرزسشصضطظعغفقكلمنهوي",
    *"ءأإآٱؤئىة",  # hamza forms, alef maksura, teh marbuta
    *"\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u06d6\u06e5",  # marks
    "\u0640",  # tatweel
    *"\u200c\u200d\u200e\u200f\u2067\u2069\u061c",  # joiners, bidi controls
    " ",
    "  ",
    "\n",
    "\t",
    "\u00a0",
    *"aSsß",
    "\u0130",  # İ: casefolds to i + U+0307
    "e\u0301",
    "é",
    *"01١٩۴",
    *"ﻻﺑﷲﯾ",  # presentation forms, some folding to several letters
    "\u00a8",  # diaeresis: folds to a space
    "\u0675",  # high hamza alef: folds to ا and ء
    *'.,،:«»"',
]

arabic_texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_texts = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
texts = st.one_of(arabic_texts, any_texts, st.builds(str.__add__, arabic_texts, any_texts))

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    derandomize=IN_CI,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(passages=st.lists(texts, max_size=5), query=texts)
def test_matches_are_well_formed(passages: list[str], query: str) -> None:
    index = SearchIndex(enumerate(passages))
    matches = index.find(query)
    previous = (-1, 0)
    for match in matches:
        assert 0 <= match.start < match.end <= len(passages[match.key])
        assert (match.key, match.start) >= previous
        previous = (match.key, match.end)
    assert index.count(query) == len(matches)
    assert index.first(query) == (matches[0] if matches else None)
    assert index.find(query, limit=1) == matches[:1]


@SETTINGS
@given(text=texts, data=st.data())
def test_a_piece_of_the_text_finds_itself(text: str, data: st.DataObject) -> None:
    assume(text)
    start = data.draw(st.integers(0, len(text) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(text)), label="end")
    piece = text[start:end]
    index = SearchIndex([("text", text)])
    for query in (piece, normalize(piece).text):
        if not normalize(query).text.strip():
            continue
        matches = index.find(query)
        assert any(m.start < end and start < m.end for m in matches), query


@SETTINGS
@given(text=texts)
def test_the_fast_key_and_offsets_agree_with_a_plain_fold(text: str) -> None:
    folded = normalize(text)
    assert fold_key(text) == folded.text
    assert (folded.text, folded.origin) == _fold_with_origin_by_character(text, fold_table())
    for keep_hamza in (False, True):
        table = fold_table(keep_hamza=keep_hamza, word_ends=True)
        assert fold_with_origin(text, table) == _fold_with_origin_by_character(text, table)
    assert all(0 <= index < len(text) for index in folded.origin)
    assert list(folded.origin) == sorted(folded.origin)
    if folded.text:
        begin, end = folded.span(0, len(folded.text))
        assert 0 <= begin < end <= len(text)


@SETTINGS
@given(text=texts)
def test_a_key_folds_to_itself(text: str) -> None:
    key = normalize(text).text
    assert normalize(key).text == key


@SETTINGS
@given(passages=st.lists(texts, max_size=6), query=texts)
def test_the_passages_with_a_match_are_those_find_gives(passages: list[str], query: str) -> None:
    index = SearchIndex(enumerate(passages))
    matches = index.find(query)
    assert index.passages_with(query) == list(dict.fromkeys(match.key for match in matches))


@SETTINGS
@given(passages=st.lists(texts, max_size=6), query=texts)
def test_quote_hits_found_lazily_are_those_find_gives(passages: list[str], query: str) -> None:
    from tui.search.session import QuoteHits

    index = SearchIndex((f"q{n}", text) for n, text in enumerate(passages))
    expected: dict[str, list[tuple[int, int]]] = {}
    if query.strip():
        for match in index.find(query):
            expected.setdefault(match.key, []).append((match.start, match.end))
    hits = QuoteHits(index, query)
    assert list(hits) == list(expected)
    assert {key: hits[key] for key in hits} == expected
    assert all((key in hits) == (key in expected) for key in (f"q{n}" for n in range(6)))
