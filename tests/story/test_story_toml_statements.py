"""``toml_fast`` reads with ``quick_twin``, whose one-line literal strings run to the next quote.

The twin takes a one-line literal string up to the next quote, and the
reader checks the string with ``str.isprintable``, matching it again with the
exact pattern when it is not: whatever the text, what ``toml_fast.read``
returns must be what it returns reading with the exact patterns only.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.story.conftest import SEED
from tests.story.test_story_toml_fast_fuzz import SETTINGS, documents
from tui.story import toml_fast
from tui.story.toml_statements import CLEAN_STATEMENT, LITERAL, any_statement, quick_twin

# Strings a literal may hold or not: tabs, line ends, controls, format and
# separator characters, unassigned code points, surrogates, quotes.
ODD = ["\t", "\n", "\x01", "\x7f", "\x85", "\u200c", "\u200f", "\u2028", "\xa0", "\u0378"]
literals = st.lists(st.sampled_from([*ODD, "ع", "a", " ", "'", "''"]), max_size=8).map(
    lambda parts: "text = '" + "".join(parts) + "'\n"
)
texts = st.lists(literals | documents | st.just("[[chapters]]\n"), max_size=6).map("".join)


def exactly(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return pattern


@SETTINGS
@given(texts)
@example("text = 'a\tb'\nid = 'c'\n")
@example("text = 'one\ntwo'\n")
@example("[[chapters]]\ntext = 'ZWNJ\u200c'\nid = 'c'\n")
@example("[[chapters]]\ntext = 'ZWNJ\u200c'\ntext = 'twice'\n")
def test_reading_with_the_twin_is_reading_exactly(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(toml_fast, "QUICK_FROM", 0)
    quick = toml_fast.read(text)
    with monkeypatch.context() as patched:
        patched.setattr(toml_fast, "quick_twin", exactly)
        exact = toml_fast.read(text)
    assert repr(quick) == repr(exact)


@given(texts)
def test_the_twin_matches_what_the_pattern_matches_where_strings_are_printable(
    text: str,
) -> None:
    for pattern in (CLEAN_STATEMENT, any_statement()):
        quick = list(quick_twin(pattern).finditer(text))
        exact = list(pattern.finditer(text))
        if all(m.lastindex != LITERAL or m.group(LITERAL).isprintable() for m in quick):
            assert [(m.span(), m.groups()) for m in quick] == [
                (m.span(), m.groups()) for m in exact
            ]


def test_a_long_text_is_read_with_the_twin(monkeypatch: pytest.MonkeyPatch) -> None:
    twins: list[re.Pattern[str]] = []

    def noted(pattern: re.Pattern[str]) -> re.Pattern[str]:
        twins.append(quick_twin(pattern))
        return twins[-1]

    monkeypatch.setattr(toml_fast, "quick_twin", noted)
    assert toml_fast.read(SEED) is not None
    assert not twins  # a short text: the exact pattern, no twin to compile
    long = SEED * (toml_fast.QUICK_FROM // len(SEED) + 1)
    toml_fast.read(long)  # declined at the second [story], read with the twin
    assert twins and twins[0] is not CLEAN_STATEMENT
