"""Justified paragraphs keep every property of issue 12 (``justify_checks``), for any text.

Over the seed article's paragraphs and the hard-case corpus at many widths,
and over generated text (Arabic words with harakat, tatweel, lam-alef and
punctuation; the engine's hard pieces; any string) with hypothesis, in both
directions and the paragraph's own, with a random highlighted range.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.rtl.fribidi_ref import FriBidiUnavailable, fribidi_visual_line, load_library, normalise
from tests.rtl.hard_cases import HAND_WRITTEN, PIECES, HardCase, seed_paragraphs
from tests.rtl.justify_checks import Forced, check_justified, unjustified
from tui.rtl import layout_paragraph

IN_CI = bool(os.environ.get("CI"))

SEED = seed_paragraphs()
WIDTHS = (5, 12, 20, 30, 40, 50, 60, 72, 80, 100, 120)

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ءآأإؤئةى" + "پچژگکی"
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
word_piece = st.one_of(
    st.sampled_from(LETTERS),
    st.sampled_from(LETTERS),
    st.sampled_from(LETTERS),
    st.sampled_from(HARAKAT),
    st.sampled_from(
        ["لا", "لأ", "لَا", "ـ", "ـــ", "ال", "\u200c", "\u200d", "«", "»", "،", ".", "X", "5"]
    ),
)
arabic_words = st.lists(
    st.lists(word_piece, min_size=1, max_size=9).map("".join), min_size=1, max_size=30
).map(" ".join)
hard_pieces = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
texts = st.one_of(arabic_words, arabic_words, hard_pieces, any_text)
directions: st.SearchStrategy[Forced] = st.sampled_from(["R", "R", None, "L"])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", SEED, ids=[case.name for case in SEED])
def test_seed_paragraphs_justified(case: HardCase, width: int) -> None:
    filled = check_justified(
        case.text, width, "R", highlight=(len(case.text) // 3, 2 * len(case.text) // 3)
    )
    if width >= 40 and len(layout_paragraph(case.text, width, "R").lines) > 2:
        assert filled, "a seed paragraph of several lines gets at least one line filled"


@pytest.mark.parametrize("direction", ["R", "L", None])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", HAND_WRITTEN, ids=[case.name for case in HAND_WRITTEN])
def test_hard_cases_justified(case: HardCase, width: int, direction: Forced) -> None:
    check_justified(case.text, width, direction, highlight=(1, len(case.text) // 2 + 1))


@settings(
    max_examples=300,
    deadline=None,
    derandomize=IN_CI,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    text=texts,
    width=st.integers(min_value=1, max_value=120),
    direction=directions,
    data=st.data(),
)
def test_any_text_justified(text: str, width: int, direction: Forced, data: st.DataObject) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text)), label="start")
    end = data.draw(st.integers(min_value=start, max_value=len(text)), label="end")
    check_justified(text, width, direction, highlight=(start, end))


def test_seed_fills_most_lines() -> None:
    """At reading widths nearly every non-last line of the seed is filled, not left ragged."""
    for width in (40, 60, 80):
        inner = ragged = 0
        for case in SEED:
            just = layout_paragraph(case.text, width, "R", justify=True).lines
            for line in just[:-1]:
                inner += 1
                ragged += line.cells < width
        assert inner > 10
        assert ragged <= inner // 10, f"width {width}: {ragged} of {inner} lines ragged"


@pytest.mark.parametrize("width", (40, 60, 80))
def test_seed_unjustified_back_is_what_fribidi_shows(width: int) -> None:
    """Without its kashidas and added spaces, each filled line is FriBidi's line."""
    try:
        load_library()
    except FriBidiUnavailable:
        message = "libfribidi.so.0 not found: apt-get install libfribidi-bin"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    compared = 0
    for case in SEED:
        lay = layout_paragraph(case.text, width, "R", justify=True)
        for line in lay.lines:
            if line.kashidas or line.cells == width:
                expected = fribidi_visual_line(lay.text, "R", line.start, line.end)
                assert normalise(unjustified(line)) == normalise(expected), case.name
                compared += 1
    assert compared > 20


@settings(max_examples=300, deadline=None, derandomize=IN_CI)
@given(text=st.one_of(arabic_words, hard_pieces), direction=directions)
def test_the_fast_word_search_finds_what_the_general_one_does(text: str, direction: Forced) -> None:
    """Paragraphs cut at plain spaces take a shortcut; it must change nothing."""
    from tui.rtl import word_sites
    from tui.rtl.layout import _prepare

    for piece in _prepare(text, direction).pieces:
        paragraph = piece.resolved.text
        if word_sites._patterns().unusual_space.search(paragraph):
            continue
        args = (paragraph, piece.glyphs(), piece.resolved.levels)
        assert word_sites._plain_word_sites(*args) == word_sites._cluster_word_sites(
            *args, piece.all_clusters()
        )
