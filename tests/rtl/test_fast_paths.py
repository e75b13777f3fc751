"""Each shortcut the engine takes for a giant paragraph gives what the plain way gives.

The plain ways are kept here as references (regular expression searches, the
rules as they were written before the shortcuts); hypothesis draws texts of
anything, controls, surrogates and bidi formatting characters included.
"""

from __future__ import annotations

import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.rtl.hard_cases import PIECES
from tui.rtl.bidi import bidi_codes, is_implicit
from tui.rtl.sanitize import _LINE_ENDS, _TRANSLATION, clean_text, is_clean

IN_CI = bool(os.environ.get("CI"))
EXAMPLES = int(os.environ.get("RAWI_EXAMPLES", "500"))

anything = st.text(st.characters(codec=None, categories=None), max_size=80)
prose = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
texts = st.one_of(anything, prose)

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
