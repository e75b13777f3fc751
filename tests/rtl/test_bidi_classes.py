"""A paragraph's classes by 256-character pages are its classes character by character.

``bidi_codes`` takes a long text by UTF-16 pages (``codes_by_page``); the
dictionary look-up a character (``codes_by_character``) is the reference it
must equal on any text, whatever pages it spans.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.rtl.hard_cases import PIECES
from tui.rtl.bidi_classes import (
    _BY_PAGE_FROM,
    _MOST_PAGES,
    bidi_codes,
    codes_by_character,
    codes_by_page,
)

IN_CI = bool(os.environ.get("CI"))
EXAMPLES = int(os.environ.get("RAWI_EXAMPLES", "500"))

# Any code point of the BMP, surrogates, noncharacters and unassigned ones included.
bmp = st.characters(max_codepoint=0xFFFF, codec=None, categories=None)
anywhere = st.characters(codec=None, categories=None)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(text=st.text(bmp, max_size=200))
def test_by_page_is_by_character_on_any_bmp_text(text: str) -> None:
    codes = codes_by_page(text)
    if codes is None:
        assert len({ord(char) >> 8 for char in text}) > _MOST_PAGES
    else:
        assert codes == codes_by_character(text)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(text=st.lists(st.sampled_from(PIECES), max_size=80).map("".join))
def test_by_page_is_by_character_on_prose(text: str) -> None:
    codes = codes_by_page(text)
    if any(ord(char) > 0xFFFF for char in text):
        assert codes is None
    else:
        assert codes == codes_by_character(text)


@settings(max_examples=200, deadline=None, derandomize=IN_CI)
@given(text=st.text(anywhere, min_size=1, max_size=40), repeat=st.integers(1, 80))
def test_long_text_is_classed_as_character_by_character(text: str, repeat: int) -> None:
    long_text = text * (_BY_PAGE_FROM // len(text) + repeat)
    assert bidi_codes(long_text) == codes_by_character(long_text)


@pytest.mark.parametrize("page", range(256))
def test_every_page_of_the_bmp(page: int) -> None:
    # each page with ASCII and Arabic around it, so that pages are merged
    chars = "".join(chr((page << 8) | low) for low in range(256))
    text = "abc ١٢ " + chars + " الجمالي" + chars[::-1]
    assert codes_by_page(text) == codes_by_character(text)
    assert bidi_codes(text * 4) == codes_by_character(text * 4)


def test_outside_the_bmp_and_many_pages_fall_back_to_the_dictionary() -> None:
    emoji = "الجمالي 🎉 " * 200
    assert codes_by_page(emoji) is None
    assert bidi_codes(emoji) == codes_by_character(emoji)
    scattered = "".join(chr(page << 8 | 0x41) for page in range(1, 40)) * 50
    assert codes_by_page(scattered) is None
    assert bidi_codes(scattered) == codes_by_character(scattered)
