"""Each shortcut the engine takes for a giant paragraph gives what the plain way gives.

The plain ways are kept here as references (regular expression searches, the
rules as they were written before the shortcuts); hypothesis draws texts of
anything, controls, surrogates and bidi formatting characters included.
"""

from __future__ import annotations

import os
import re
from itertools import islice
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.rtl.bidi_reference import reference_resolve_run
from tests.rtl.hard_cases import PIECES
from tui.rtl import bidi
from tui.rtl.bidi import bidi_codes, is_implicit, resolve_paragraph
from tui.rtl.breaking import cluster_breaks
from tui.rtl.pieces import Piece
from tui.rtl.sanitize import _LINE_ENDS, _TRANSLATION, clean_text, is_clean
from tui.rtl.simple_text import (
    _MOST_SPECIAL_LOOKED_FOR,
    _has_special,
    _mark_after_space,
    _plain_pages,
    _special_of_page,
    _special_pattern,
    is_simple,
)
from tui.rtl.windowed import window_clusters, windowed_breaks

IN_CI = bool(os.environ.get("CI"))
EXAMPLES = int(os.environ.get("RAWI_EXAMPLES", "500"))

anything = st.text(st.characters(codec=None, categories=None), max_size=80)
prose = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
# Characters of the pages the special ones share with ordinary ones (general
# punctuation, Arabic presentation forms, CJK punctuation), and emoji.
neighbours = st.text(
    st.sampled_from(
        [
            chr(code)
            for page in (0x20, 0x30, 0xFE, 0xFF)
            for code in range(page << 8, (page + 1) << 8)
        ]
        + ["🎉", "\u200d", "\ufe0f", " ", "ب", "a"]
    ),
    max_size=40,
)
texts = st.one_of(anything, prose, neighbours, st.tuples(prose, neighbours).map("".join))

_NEEDS_CLEANING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_EXPLICIT = re.compile(rb"[1-9B]")


def reference_clean_text(text: str) -> str:
    if not _NEEDS_CLEANING.search(text):
        return text
    return _LINE_ENDS.sub("\n", text).translate(_TRANSLATION)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(text=texts)
def test_cleaning_is_the_search_and_translation(text: str) -> None:
    assert clean_text(text) == reference_clean_text(text)
    assert is_clean(text) == (_NEEDS_CLEANING.search(text) is None)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(text=texts)
def test_explicit_formatting_is_found_as_by_a_search(text: str) -> None:
    codes = bidi_codes(text)
    assert is_implicit(codes) == (_EXPLICIT.search(codes) is None)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(text=texts)
def test_special_characters_are_found_as_by_the_search(text: str) -> None:
    special, after_space = _special_pattern(), _mark_after_space()
    found = _has_special(text)
    if found is None:
        pages = {ord(char) >> 8 for char in text}
        assert sum(map(len, map(_special_of_page, pages))) > _MOST_SPECIAL_LOOKED_FOR
    else:
        assert found == (special.search(text) is not None)
    expected = special.search(text) is None and after_space.search(text) is None
    assert is_simple(text) == expected


def test_the_plain_pages_are_those_without_a_special_character() -> None:
    # Every page, looked at character by character (the slow way).
    special = _special_pattern()
    expected = bytes(
        page
        for page in range(256)
        if not any(
            special.match(chr(code))
            for code in range(page << 8, (page << 8) + 256)
            if not 0xD800 <= code <= 0xDFFF
        )
    )
    assert _plain_pages() == expected


def test_a_page_of_many_special_characters_is_searched() -> None:
    # The CJK symbols page holds wide characters all through: too many to look
    # for one by one.
    assert _has_special("الجمالي \u3001") is None
    assert not is_simple("الجمالي \u3001")
    assert _MOST_SPECIAL_LOOKED_FOR < 64


# Long stretches, so that brackets are rare among the characters of class ON
# and a strong type can stand far before a bracket.
FAR_APART = [
    *PIECES,
    "توفيق الجمالي " * 8,
    " " * 150,
    "." * 70,
    "-" * 300,
    "VIADEO",
    "(VIADEO)",
    "(١٩٧٤)",
    "[2004]",
    "\u2066(abc)\u2069",
    "\u202e(",
]
# Words of both directions and brackets: where rule N0 decides.
BRACKETED = ["abc ", "بيت ", "(", ")", "[", "]", " ", "12", "١٢", "-", "\u0651", "\u2067", "\u2069"]
bidi_texts = st.one_of(
    anything,
    prose,
    st.lists(st.sampled_from(FAR_APART), max_size=40).map("".join),
    st.lists(st.sampled_from(BRACKETED), max_size=30).map("".join),
)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(text=bidi_texts, base=st.sampled_from([0, 1, None]))
@example(text="abc" + " " * 100 + "(abc) بيت", base=1)  # the last strong type far back
@example(text="بيت" + " " * 100 + "(بيت) abc", base=0)
@example(text="abc (abc) بيت [abc] " * 8, base=1)
def test_levels_are_those_of_the_rules_as_first_written(text: str, base: int | None) -> None:
    with patch.object(bidi, "_resolve_run", reference_resolve_run):
        expected = resolve_paragraph(text, base)
    # Brackets found among the ON characters, and by the search in the text.
    for few_on in (1, 10**9):
        with patch.object(bidi, "_FEW_ON", few_on):
            assert resolve_paragraph(text, base) == expected


def test_every_paired_bracket_is_of_class_on() -> None:
    # what lets the rules look for brackets among the ON characters only
    assert {bidi.bidi_class(char) for char in bidi._BRACKETS} == {"ON"}


# Explicit formatting in plenty, and stretches of prose (with BN) between.
EXPLICIT = [
    *PIECES,
    *("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"),
    "\u200d\u200c\u00ad",
    "توفيق الجمالي 2005، (VIADEO) " * 3,
]
explicit_texts = st.one_of(
    st.lists(st.sampled_from(EXPLICIT), max_size=60).map("".join),
    st.lists(
        st.sampled_from(["\u2067", "\u2069", "\u202b", "\u202c", "ab ", "بت ", "\u200d"]),
        max_size=300,
    ).map("".join),
)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(text=st.one_of(explicit_texts, anything), base=st.sampled_from([0, 1]))
def test_stretch_by_stretch_is_character_by_character(text: str, base: int) -> None:
    codes = bidi_codes(text)
    if b"B" in codes:
        return  # paragraph separators always take the general way
    marks = [found.start() for found in bidi._EXPLICIT_MARK.finditer(codes)]
    expected = bidi._resolve_by_character(text, codes, base)
    assert bidi._resolve_sparse(text, codes, base, marks) == expected


def test_a_giant_paragraph_with_one_embedding_takes_the_stretches() -> None:
    words = "توفيق الجمالي " * 2000
    text = words + "\u202bVIADEO\u202c " + words + "\u2066(2005)\u2069 " + words
    codes = bidi_codes(text)
    calls: list[int] = []

    def counted(*args: object) -> bytes:
        calls.append(1)
        return sparse(*args)  # type: ignore[arg-type]

    sparse = bidi._resolve_sparse
    with patch.object(bidi, "_resolve_sparse", counted):
        levels = resolve_paragraph(text).levels
    assert calls and levels == bidi._resolve_by_character(text, codes, 1)


def _piece(text: str, base: int | None) -> Piece:
    return Piece(0, clean_text(text).replace("\n", " "), base)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(
    text=st.one_of(prose, anything, st.lists(st.sampled_from(FAR_APART), max_size=30).map("".join)),
    base=st.sampled_from([0, 1, None]),
    width=st.integers(1, 40),
    window=st.integers(1, 60),
)
def test_windowed_breaking_is_cluster_breaking(
    text: str, base: int | None, width: int, window: int
) -> None:
    piece = _piece(text, base)
    levels = piece.resolved.levels
    whole = piece.all_clusters()
    assert tuple(window_clusters(piece.text, levels, window)) == whole
    expected = cluster_breaks(whole, width)
    assert list(windowed_breaks(piece.text, levels, width, window)) == expected


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(
    text=st.one_of(prose, st.lists(st.sampled_from(FAR_APART), max_size=30).map("".join)),
    base=st.sampled_from([0, 1, None]),
    width=st.integers(1, 40),
    window=st.integers(1, 60),
)
def test_windowed_logical_breaking_is_the_logical_way(
    text: str, base: int | None, width: int, window: int
) -> None:
    piece = _piece(text, base)
    if piece._has_lam_alef():
        expected = cluster_breaks(piece._logical_clusters(), width)
    else:  # the simple way where it applies, which agrees with the clusters'
        expected = cluster_breaks(piece.all_clusters(), width)
    got = windowed_breaks(piece.text, piece.resolved.levels, width, window, logical=True)
    assert list(got) == expected


def test_a_giant_paragraph_that_is_not_simple_is_broken_as_far_as_asked() -> None:
    words = "وكان تفكيري على الدوام منصبا على مشروع خاص بي، سنة 2005 "
    piece = _piece(words * 2000 + "🎉 " + words * 2000, 1)
    assert not piece.simple
    first = list(islice(piece.breaks(30), 5))
    assert piece._clusters is None  # nothing shaped whole
    assert first == cluster_breaks(piece.all_clusters(), 30)[:5]


def test_a_giant_paragraph_in_logical_order_is_broken_as_far_as_asked() -> None:
    words = "وكان تفكيري على الدوام لا يلا منصبا على مشروع خاص بي، سنة 2005 "
    piece = _piece(words * 4000, 1)
    first = list(islice(piece.breaks(30, logical=True), 5))
    assert piece._clusters is None  # nothing shaped whole
    assert first == cluster_breaks(piece._logical_clusters(), 30)[:5]
