"""The engine's two ways to the same lines, and lines made only as far as they are asked for.

``simple_breaks`` (searches in C, no shaping) must break every simple paragraph
exactly where ``cluster_breaks`` (every cluster measured by Rich) does; word-by-
word shaping must give the glyphs whole-paragraph shaping gives; a long
paragraph's layout must not break or make lines nobody asked for.
"""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.rtl import layout_paragraph
from tui.rtl.bidi import REMOVED_CODES, bidi_codes, has_overrides, is_implicit, resolve_paragraph
from tui.rtl.breaking import cluster_breaks, clusters, simple_breaks
from tui.rtl.shaping import NO_GLYPH, _shape_rtl_run, shape, shaped_span
from tui.rtl.simple_text import is_simple

IN_CI = bool(os.environ.get("CI"))

# Prose material: letters that join and do not, lam-alef pairs, harakat, tatweel,
# digits, Latin, punctuation, brackets, runs of spaces, marks on a space.
PIECES = [
    "ب", "ت", "ل", "ا", "أ", "إ", "آ", "لا", "للا", "ء", "ة", "ى", "ـ", "َ", "ِ", "ّ",
    "ْ", "ٌ", "بِ", "لَا", "لأ", " ", " ", " ", "  ", "،", ".", "(", ")", "«", "»", "1974",
    "١٩٧٤", "VIADEO", "abc", "-", "%", "\u200e", "\u200f", "\u200c", "\u00a0", "ـلا",
    "\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202b", "\u202c", "\u202d",
    "\u202e", " \u2068", "\ufefb",
]  # fmt: skip
prose = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
widths = st.integers(min_value=1, max_value=40)


#: more examples for a thorough local run: RAWI_EXAMPLES=5000
EXAMPLES = int(os.environ.get("RAWI_EXAMPLES", "500"))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(text=prose, width=widths, base=st.sampled_from([0, 1, None]))
def test_simple_breaking_agrees_with_cluster_breaking(
    text: str, width: int, base: int | None
) -> None:
    resolved = resolve_paragraph(text, base)
    if has_overrides(resolved.codes) or not is_simple(text):
        return
    glyphs = shape(text, resolved.levels, resolved.removed)
    expected = cluster_breaks(clusters(text, glyphs), width)
    assert list(simple_breaks(text, width)) == expected


@settings(max_examples=300, deadline=None, derandomize=IN_CI)
@given(text=prose, data=st.data())
def test_a_span_shaped_word_by_word_is_the_span_of_the_whole(
    text: str, data: st.DataObject
) -> None:
    resolved = resolve_paragraph(text)
    whole = "".join(glyph or NO_GLYPH for glyph in shape(text, resolved.levels, resolved.removed))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert shaped_span(text, resolved.levels, start, end) == whole[start:end]


def test_some_prose_takes_the_simple_way() -> None:
    # The differential test above means nothing if no example is simple.
    text = "قال الجمالي: لا أنسى شركة VIADEO سنة 2009، (والمبلغ 1,000 درهم)."
    assert is_implicit(resolve_paragraph(text).codes) and is_simple(text)
    assert not is_simple("مرحبا 👍 بك")  # beyond U+FFFF
    assert not is_simple("ب \u064e ت")  # a haraka alone on a space
    assert is_simple("التاريخ: \u2068حدث\u2069")  # an isolated field after a colon


LONG = " ".join(f"({n}) قال توفيق الجمالي إن الشركة لا تنسى أحدا" for n in range(3000))


def test_a_long_paragraph_breaks_only_as_far_as_asked() -> None:
    layout = layout_paragraph(LONG + " أول", 40, "R")
    first = layout.lines[0]
    assert first.start == 0
    assert layout.lines_known < 10
    assert not layout.complete
    layout.lines[5]
    assert layout.lines_known < 20
    # The estimate is in the right region before anything else is broken.
    exact = len(layout_paragraph(LONG + " أول", 40, "L").lines)
    assert 0.5 * exact < layout.estimated_line_count() < 2 * exact


def test_lazy_lines_are_the_lines_of_a_full_pass() -> None:
    text = LONG[:20_000]
    lazy = layout_paragraph(text, 33, "R")
    middle = len(text) // 2
    number = lazy.line_of(middle)  # breaks up to the middle only
    assert not lazy.complete
    line = lazy.lines[number]
    assert line.start <= middle < line.end
    full = layout_paragraph(text, 33, None)  # another cache entry, broken in one go
    all_lines = list(full.lines)
    assert full.complete and len(all_lines) == full.line_count()
    assert lazy.lines[number] == all_lines[number]
    assert lazy.lines[-1] == all_lines[-1]
    assert list(lazy.lines) == all_lines
    assert lazy.lines[:2] == tuple(all_lines[:2])


def test_line_of_an_offset_past_the_end_is_the_last_line() -> None:
    layout = layout_paragraph("أول ثاني ثالث رابع", 9, "R")
    assert layout.line_of(10_000) == len(layout.lines) - 1
    assert layout.line_of(0) == 0


@settings(max_examples=EXAMPLES, deadline=None, derandomize=IN_CI)
@given(text=prose)
def test_a_right_to_left_run_shaped_at_once_is_shaped_as_shape_does(text: str) -> None:
    fast = _shape_rtl_run(text)
    if fast is None:
        return  # something transparent or spent: shape() itself is used
    levels = bytes([1]) * len(text)
    removed = [code in REMOVED_CODES for code in bidi_codes(text)]
    expected = "".join(glyph or NO_GLYPH for glyph in shape(text, levels, removed))
    assert fast == expected
