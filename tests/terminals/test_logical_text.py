"""Logical mode's text: isolates made embeddings, lines embedded and guarded, print mode plain.

What each control does in each terminal was measured under Xvfb
(``docs/terminals/README.md``); here the text Rawi builds is checked
against those rules, without a terminal.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.text import Text

from tui.render.bidi_text import BidiText, logical_text, set_logical_embeddings, visual
from tui.rtl import isolate
from tui.rtl.logical import (
    FSI,
    LRE,
    LRM,
    PDF,
    PDI,
    RLE,
    RLO,
    logical_label,
    plain_label,
)

ISOLATES = {FSI, PDI, "\u2066", "\u2067"}


def test_isolates_become_embeddings_of_the_direction_they_hold() -> None:
    assert logical_label(f"الفصل 1: {isolate('جنود الخفاء')}") == f"الفصل 1: {RLE}جنود الخفاء{PDF}"
    assert logical_label(f"صورة: {isolate('Taoufik')}") == f"صورة: {LRE}Taoufik{PDF}"
    assert logical_label("no isolate here") == "no isolate here"


def test_an_embedding_left_open_inside_is_closed_with_the_isolate() -> None:
    # What the isolate promised: the caption's RLO does not reach the "]".
    label = logical_label(f"[{isolate(RLO + 'abc')}]")
    assert label == f"[{LRE}{RLO}abc{PDF}{PDF}]"
    # A stray PDI closes nothing and is dropped; an unclosed FSI is closed.
    assert logical_label(f"a{PDI}b") == "ab"
    assert logical_label(f"a{FSI}ب") == f"a{RLE}ب{PDF}"


def test_plain_label_drops_only_isolates() -> None:
    assert plain_label(f"{FSI}جنود{PDI} {RLE}x{PDF}") == f"جنود {RLE}x{PDF}"


def test_a_logical_line_is_embedded_guarded_and_keeps_its_spans() -> None:
    text = Text(f"الفصل 1: {isolate('جنود')}")
    text.stylize("bold", 0, 5)
    line = logical_text(text, "R")
    assert line.plain == f"{LRM}{RLE}الفصل 1: {RLE}جنود{PDF}{PDF}{LRM}"
    assert line.cell_len == text.cell_len
    assert [(span.start, span.end, str(span.style)) for span in line.spans] == [(2, 7, "bold")]
    with mlterm_terminal():
        bare = logical_text(text, "R")
    assert bare.plain == "الفصل 1: جنود"


@contextmanager
def mlterm_terminal() -> Iterator[None]:
    """Logical lines sent as mlterm takes them: no embeddings (restored after)."""
    set_logical_embeddings(False)
    try:
        yield
    finally:
        set_logical_embeddings(True)


def test_bidi_text_right_aligns_logical_rtl_lines_between_guards() -> None:
    lines = BidiText(f"١. {isolate('جنود الخفاء')}", "R", visual=False).lines(20)
    assert len(lines) == 1
    plain = lines[0].plain
    assert plain.startswith(LRM + " ") and plain.endswith(LRM)
    assert lines[0].cell_len == 20
    assert not ISOLATES & set(plain)
    # The text ends at the right edge, as the terminal shows it.
    assert plain.rstrip(LRM).endswith(PDF)
    with mlterm_terminal():
        bare = BidiText(f"١. {isolate('جنود الخفاء')}", "R", visual=False).lines(20)[0].plain
    assert bare == " " * 6 + "١. جنود الخفاء"


def test_one_line_labels_in_logical_mode_have_no_isolates() -> None:
    label = f"صورة: {isolate('Taoufik')}"
    assert visual(label, "R", False) == f"صورة: {LRE}Taoufik{PDF}"
    with mlterm_terminal():
        assert visual(label, "R", False) == "صورة: Taoufik"


def test_print_logical_is_plain_text_that_grep_finds() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--print", "--bidi", "logical", "--width", "80"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "الفصل 1: جنود الخفاء" in result.stdout.splitlines()
    added = {FSI, PDI, LRM, "\u200f", RLE, LRE, PDF}
    assert not added & set(result.stdout), "print mode added BiDi controls"


def test_print_isolates_only_story_text_that_holds_controls() -> None:
    from tui.rtl.logical import isolate_if_needed

    assert isolate_if_needed("جنود الخفاء") == "جنود الخفاء"
    assert isolate_if_needed(RLO + "abc") == isolate(RLO + "abc")


def test_logical_lines_fit_the_cells_a_shaping_terminal_gives_them() -> None:
    # A terminal that shapes by itself gives lam-alef its two letters' cells:
    # a line measured by the ligature's one cell runs past its pane.
    from rich.cells import cell_len

    from tui.rtl import layout_paragraph

    text = "عندما تبحر في المواقع الإلكترونية العالمية، قد لا تحس، أن العديد منها يقف وراءها"
    for width in range(12, 60):
        shaped = layout_paragraph(text, width, "R")
        logical = layout_paragraph(text, width, "R", logical=True)
        assert all(cell_len(logical.text[x.start : x.end]) <= width for x in logical.lines)
        assert "".join(logical.text[x.start : x.end] for x in logical.lines).replace(
            " ", ""
        ) == text.replace(" ", "")
        assert len(logical.lines) >= len(shaped.lines)
    wide = layout_paragraph(text, 30, "R")
    assert any(cell_len(wide.text[x.start : x.end]) > 30 for x in wide.lines)
