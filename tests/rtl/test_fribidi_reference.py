"""The layout engine's lines against GNU FriBidi, and its line breaking against invariants.

For every paragraph of the hard-case corpus (``hard_cases.py``), forced right
to left, forced left to right and with its own direction, at many widths,
each line the engine makes must be what FriBidi shows for that logical range
of that paragraph (``fribidi_ref.fribidi_visual_line``: levels and shaping
over the whole paragraph, reordering per line). The line breaking is checked
on its own, without FriBidi.
"""

from __future__ import annotations

import os
import subprocess
from functools import cache
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.rtl.fribidi_ref import (
    FriBidiUnavailable,
    fribidi_levels,
    fribidi_paragraph_direction,
    fribidi_visual_line,
    is_special,
    load_library,
    normalise,
)
from tests.rtl.hard_cases import PIECES, HardCase, all_cases
from tests.rtl.layout_checks import check_line_breaking
from tui.rtl import layout_paragraph
from tui.rtl.bidi import resolve_paragraph
from tui.rtl.lines import ParagraphLayout

Forced = Literal["L", "R"] | None

WIDTHS = (*range(1, 13), 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 200)
DIRECTIONS: tuple[Forced, ...] = ("R", "L", None)
CASES = all_cases()


def _require_fribidi() -> None:
    try:
        load_library()
    except FriBidiUnavailable:
        message = "libfribidi.so.0 not found: apt-get install libfribidi-bin"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@cache
def _layout(text: str, width: int, direction: Forced) -> ParagraphLayout:
    return layout_paragraph(text, width, direction)


def _case_params() -> list[object]:
    return [
        pytest.param(case, direction, width, id=f"{case.name}-{direction or 'auto'}-w{width}")
        for case in CASES
        for direction in DIRECTIONS
        for width in WIDTHS
    ]


@pytest.mark.parametrize(("case", "direction", "width"), _case_params())
def test_lines_match_fribidi(case: HardCase, direction: Forced, width: int) -> None:
    _require_fribidi()
    lay = _layout(case.text, width, direction)
    assert "\n" not in lay.text, "the corpus holds single paragraphs"
    wrong = []
    for number, line in enumerate(lay.lines):
        expected = fribidi_visual_line(lay.text, lay.direction, line.start, line.end)
        if normalise(line.text) != normalise(expected):
            wrong.append(
                f"line {number} [{line.start}:{line.end}] "
                f"{lay.text[line.start : line.end]!r}\n"
                f"   engine:  {line.text!r}\n   fribidi: {expected!r}"
            )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_auto_direction_matches_fribidi(case: HardCase) -> None:
    """With no forced direction, the engine and FriBidi find the same paragraph direction."""
    _require_fribidi()
    lay = layout_paragraph(case.text, 80)
    assert lay.direction == fribidi_paragraph_direction(lay.text)


# -- random paragraphs ---------------------------------------------------------

# FriBidi 1.0.8 does not join two Arabic letters across a bidi control or a
# change of embedding level (``ئ<PDI>آ`` stays unjoined), while Unicode's
# ArabicShaping.txt makes format characters transparent to joining. The
# engine is not held to either reading here: Arabic letters and bidi controls
# are drawn from separate alphabets. Everything in them has the same
# properties in FriBidi's Unicode 10 as in Python's Unicode 14.
_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ARABIC_SIDE = [p for p in PIECES if "\n" not in p and not _CONTROLS.intersection(p)]
_CONTROL_SIDE = [
    p
    for p in PIECES
    if "\n" not in p and not any("\u0600" <= c <= "\u06ff" or c == "\u200d" for c in p)
]
_random_paragraphs = st.one_of(
    st.lists(st.sampled_from(_ARABIC_SIDE), max_size=40).map("".join),
    st.lists(st.sampled_from(_CONTROL_SIDE), max_size=40).map("".join),
)


_INITIATORS = frozenset("\u2066\u2067\u2068")
_PDI = "\u2069"


def _open_isolate_after_a_closed_one(text: str) -> bool:
    """Whether an isolate initiator without its PDI follows an isolate that was closed.

    There FriBidi 1.0.8 resolves the closed isolate's last neutrals against
    what follows the open one (``0<RLI>Inc.<PDI><RLI>0``, right to left:
    FriBidi puts the "." at level 4, as if followed by the "0"), where UAX #9
    ends that isolating run sequence at its PDI (eos from the PDI's level:
    the "." is R, level 3; python-bidi agrees, and the engine passes all of
    BidiCharacterTest). ``test_an_open_isolate_after_a_closed_one`` holds the
    engine to UAX #9 there.
    """
    # Each initiator notes whether an isolate was closed before it; those
    # still open at the end are the ones without a PDI.
    open_initiators: list[bool] = []
    closed = False
    for char in text:
        if char in _INITIATORS:
            open_initiators.append(closed)
        elif char == _PDI and open_initiators:
            open_initiators.pop()
            closed = True
    return any(open_initiators)


def test_an_open_isolate_after_a_closed_one() -> None:
    _require_fribidi()
    # Levels by UAX #9 (X1-I2 worked by hand), right to left: 0 EN at 1 -> 2;
    # the isolate RLI..PDI at 3 (I n c at 4, "." R at 3: c, then eos R from
    # the PDI at level 1); the open RLI at 1, its "0" at 3 -> 4.
    text = "0\u2067Inc.\u2069\u20670"
    assert list(resolve_paragraph(text, 1).levels) == [2, 1, 4, 4, 4, 3, 1, 1, 4]
    # FriBidi 1.0.8 differs in the "." alone (level 4).
    assert fribidi_levels(text, "R") == [2, 1, 4, 4, 4, 4, 1, 1, 4]


@settings(
    max_examples=300,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    text=_random_paragraphs.filter(lambda text: not _open_isolate_after_a_closed_one(text)),
    width=st.integers(min_value=1, max_value=120),
    direction=st.sampled_from(DIRECTIONS),
)
def test_random_paragraphs_match_fribidi(text: str, width: int, direction: Forced) -> None:
    _require_fribidi()
    lay = layout_paragraph(text, width, direction)
    for number, line in enumerate(lay.lines):
        expected = fribidi_visual_line(lay.text, lay.direction, line.start, line.end)
        assert normalise(line.text) == normalise(expected), (
            f"line {number} [{line.start}:{line.end}]: engine {line.text!r}, fribidi {expected!r}"
        )


# -- the reference itself, checked against the fribidi command -----------------

CLI_SAMPLES = (
    *(case.text for case in CASES if case.text and len(case.text) < 120),
    "abc (def) «ghi» [jkl]",
    "السعر (١٠٠) درهم",
)


@pytest.mark.parametrize("base_dir", ["R", "L"])
def test_reference_matches_fribidi_command(base_dir: Literal["L", "R"]) -> None:
    """Whole-paragraph lines through ctypes are what ``fribidi --nobreak --nopad`` prints."""
    _require_fribidi()
    option = "--rtl" if base_dir == "R" else "--ltr"
    samples = [s for s in CLI_SAMPLES if "\n" not in s and "\x1b" not in s and "\t" not in s]
    assert len(samples) >= 30
    try:
        result = subprocess.run(
            ["fribidi", "--nobreak", "--nopad", "--reordernsm", option],
            input="".join(f"{s}\n" for s in samples),
            capture_output=True,
            text=True,
            check=True,
        )
    except FileNotFoundError:
        if os.environ.get("CI"):
            pytest.fail("the fribidi command is missing: apt-get install libfribidi-bin")
        pytest.skip("the fribidi command is missing: apt-get install libfribidi-bin")
    printed = result.stdout.split("\n")[: len(samples)]
    for sample, shown in zip(samples, printed, strict=True):
        from_command = "".join(c for c in shown if not is_special(ord(c)))
        assert fribidi_visual_line(sample, base_dir, 0, len(sample)) == from_command, sample


def test_reference_shapes_the_paragraph_and_reorders_the_line() -> None:
    """A word cut in two keeps the letter forms of the whole word, each line in its own order."""
    _require_fribidi()
    text = "بن abc"
    # beh then noon: initial and final forms, whatever the lines are
    assert fribidi_visual_line(text, "R", 0, 1) == "\ufe91"
    assert fribidi_visual_line(text, "R", 1, 2) == "\ufee6"
    # the whole paragraph, right to left: the Latin word shown on the left
    assert fribidi_visual_line(text, "R", 0, 6) == "abc \ufee6\ufe91"
    assert fribidi_visual_line(text, "L", 0, 6) == "\ufee6\ufe91 abc"
    # a line of its own keeps its order; the break space belongs to no line
    assert fribidi_visual_line(text, "R", 3, 6) == "abc"


def test_normalise_folds_only_isolated_single_letters() -> None:
    assert normalise("\ufe80") == "\u0621"  # hamza, isolated form
    assert normalise("\ufe8d") == "\u0627"  # alef, isolated form
    assert normalise("\ufefb") == "\ufefb"  # lam-alef ligature stays a ligature
    assert normalise("\ufe91") == "\ufe91"  # initial beh stays initial
    assert normalise("a\u200db") == "ab"


# -- line breaking, without FriBidi --------------------------------------------


@pytest.mark.parametrize(
    ("case", "direction"),
    [
        pytest.param(case, direction, id=f"{case.name}-{direction or 'auto'}")
        for case in CASES
        for direction in DIRECTIONS
    ],
)
def test_line_breaking(case: HardCase, direction: Forced) -> None:
    for width in WIDTHS:
        check_line_breaking(_layout(case.text, width, direction), width)


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_no_control_character_reaches_the_screen(case: HardCase) -> None:
    for width in WIDTHS:
        for line in _layout(case.text, width, None).lines:
            assert not any(_is_control(c) for c in line.text), (width, line.text)
