"""Properties of the layout engine that hold for any text at any width (hypothesis).

Any string (lone surrogates, controls and unassigned code points included)
and strings weighted towards what is hard in Arabic text (harakat, lam-alef,
digits of three systems, brackets, bidi controls, joiners, emoji, wide
characters), at any width from 1 to 200:

- laying out never raises, and ``visual_lines`` agrees with ``layout_paragraph``;
- the layout is made from the sanitized text, in the direction asked for;
- the lines keep the line-breaking invariants (``layout_checks``);
- each line shows exactly the visible characters of its logical range, once;
- no line holds a control character or a bidi control.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.rtl.hard_cases import PIECES
from tests.rtl.layout_checks import check_line_breaking, visible_multiset
from tui.rtl import clean_text, layout_paragraph, visual_lines

Forced = Literal["L", "R"] | None

# A CI run explores the same examples every time, so that it cannot turn red
# by chance; a developer's run explores new ones (and hypothesis keeps any
# failure it finds in .hypothesis/ to replay).
IN_CI = bool(os.environ.get("CI"))

#: bidi controls the engine consumes: none may reach the screen
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)

arabic_weighted = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
texts = st.one_of(arabic_weighted, any_text, st.builds(str.__add__, arabic_weighted, any_text))
widths = st.integers(min_value=1, max_value=200)
directions: st.SearchStrategy[Forced] = st.sampled_from(["R", "L", None])


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF


@settings(
    max_examples=400,
    deadline=None,
    derandomize=IN_CI,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(text=texts, width=widths, direction=directions)
def test_layout_invariants(text: str, width: int, direction: Forced) -> None:
    lay = layout_paragraph(text, width, direction)
    assert visual_lines(text, width, direction) == [line.text for line in lay.lines]
    assert lay.text == clean_text(text)
    if direction is not None:
        assert lay.direction == direction
    assert lay.base_level == (1 if lay.direction == "R" else 0)
    assert lay.lines, "a paragraph takes at least one line, even an empty one"
    check_line_breaking(lay, width)
    for number, line in enumerate(lay.lines):
        where = f"line {number} [{line.start}:{line.end}] {line.text!r}"
        assert not any(_is_control(c) for c in line.text), where
        assert not BIDI_CONTROLS.intersection(line.text), where
        shown = visible_multiset(line.text)
        logical = visible_multiset(lay.text[line.start : line.end])
        assert shown == logical, f"{where}: shows {shown - logical}, misses {logical - shown}"


@settings(max_examples=150, deadline=None, derandomize=IN_CI)
@given(text=arabic_weighted, width=widths)
def test_narrowing_never_loses_text(text: str, width: int) -> None:
    """The same characters are shown at any two widths, however the lines fall."""

    def shown(lines_width: int) -> Counter[str]:
        total: Counter[str] = Counter()
        for line in layout_paragraph(text, lines_width).lines:
            total += visible_multiset(line.text)
        return total

    assert shown(width) == shown(200) == visible_multiset(clean_text(text))


def test_visible_multiset_can_tell_a_lost_haraka() -> None:
    """The folding used above is not so loose that it hides a dropped mark or letter."""
    assert visible_multiset("السِيليكون") != visible_multiset("السيليكون")
    assert visible_multiset("ﻻ") == visible_multiset("لا")
    assert visible_multiset("(«»)") == visible_multiset(")»«(")
    assert visible_multiset("a\u200db \u202b") == visible_multiset("ab")
    assert visible_multiset("ab") != visible_multiset("abb")
