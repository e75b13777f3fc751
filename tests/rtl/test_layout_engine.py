"""The layout engine on cases whose right answer is written out by hand.

Expected strings are built from code points named in the test (presentation
forms of Unicode's Arabic Presentation Forms-B block), not from the engine.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from tui.render import styled_lines
from tui.rtl import clean_text, layout_paragraph, visual_lines

BEH_ISOLATED, BEH_INITIAL = "\ufe8f", "\ufe91"
TEH_ISOLATED = "\ufe95"
LAM_ALEF_ISOLATED, LAM_ALEF_FINAL = "\ufefb", "\ufefc"
KASRA = "\u0650"


def test_latin_is_untouched() -> None:
    assert visual_lines("hello world", 80) == ["hello world"]


def test_arabic_words_are_shaped_and_reversed() -> None:
    assert visual_lines("ب ت", 80) == [f"{TEH_ISOLATED} {BEH_ISOLATED}"]


def test_lam_alef_becomes_one_glyph() -> None:
    assert visual_lines("لا", 80) == [LAM_ALEF_ISOLATED]
    assert visual_lines("بلا", 80) == [LAM_ALEF_FINAL + BEH_INITIAL]


def test_harakat_are_kept_after_their_letter() -> None:
    # السِيليكون: the kasra belongs to the seen, which is medial here.
    (line,) = visual_lines("السِيليكون", 80)
    seen_medial = "\ufeb4"
    assert seen_medial + KASRA in line
    assert line.count(KASRA) == 1


def test_brackets_and_guillemets_are_mirrored_in_rtl() -> None:
    # Logical ( ب ) reversed is ) ب ( and mirroring turns it back to ( ب ).
    assert visual_lines("(ب)", 80) == [f"({BEH_ISOLATED})"]
    assert visual_lines("«ب»", 80) == [f"«{BEH_ISOLATED}»"]


def test_numbers_and_latin_keep_their_order_inside_arabic() -> None:
    (line,) = visual_lines("سنة 1974 في VIADEO", 80)
    assert "1974" in line
    assert "VIADEO" in line
    assert line.index("VIADEO") < line.index("1974")  # read right to left


def test_a_file_name_keeps_its_order_across_a_line_break() -> None:
    # Resolving levels per line instead of per paragraph shows jpg.960.
    text = "صورة taoufikviral_911946960.jpg هنا"
    for width in (10, 20, 26, 30, 40):
        lines = visual_lines(text, width, "R")
        joined = "".join(lines)
        assert "jpg.960" not in joined
        assert "960.jpg" in joined or width < 26


def test_lines_are_broken_in_logical_order_by_shaped_width() -> None:
    # ثلاثة has five letters and four cells (lam-alef is one glyph).
    layout = layout_paragraph("واحد اثنان ثلاثة", 10, "R")
    logical = [layout.text[line.start : line.end] for line in layout.lines]
    assert logical == ["واحد اثنان", "ثلاثة"]
    assert layout.lines[1].cells == 4


def test_rtl_lines_are_read_top_to_bottom() -> None:
    layout = layout_paragraph("أول ثاني ثالث رابع", 9, "R")
    logical = [layout.text[line.start : line.end] for line in layout.lines]
    assert logical == ["أول ثاني", "ثالث رابع"]


def test_a_word_longer_than_the_line_is_folded() -> None:
    lines = visual_lines("abcdefghij", 4)
    assert lines == ["abcd", "efgh", "ij"]


def test_no_line_is_wider_than_the_width() -> None:
    text = Path("seeds/000_06044bc7934a5754.txt").read_text(encoding="utf-8")
    for paragraph in text.split("\n\n"):
        for width in (1, 2, 5, 17, 40, 79):
            for line in layout_paragraph(paragraph, width, "R").lines:
                assert line.cells <= width


def test_escape_sequences_never_come_out() -> None:
    text = "مرحبا \x1b]52;c;SGVsbG8=\x07 \x1b[2J \x9b31m"
    for line in visual_lines(text, 80):
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in line)
    assert "\u241b" in "".join(visual_lines(text, 80))  # ESC shows as its picture


def test_sanitize_keeps_text_and_shows_controls() -> None:
    assert clean_text("a\tb\r\nc") == "a    b\nc"
    assert clean_text("x\x00y") == "x\u2400y"
    assert clean_text("\ud800") == "\ufffd"


def test_laying_out_again_costs_nothing() -> None:
    text = "عندما تبحر في المواقع الإلكترونية العالمية"
    assert layout_paragraph(text, 33, "R") is layout_paragraph(text, 33, "R")


def test_styles_land_on_the_glyphs_they_cover() -> None:
    text = Text("كان يبحث عن VIADEO هنا")
    start = text.plain.index("VIADEO")
    text.stylize("reverse", start, start + 6)
    _, (line,) = styled_lines(text, 80, "R")
    (span,) = line.spans
    assert line.plain[span.start : span.end] == "VIADEO"


def test_a_highlight_on_half_a_lam_alef_covers_the_ligature() -> None:
    layout = layout_paragraph("بلا", 80, "R")
    (line,) = layout.lines
    alef = 2
    ((first, last),) = line.char_spans(alef, alef + 1)
    assert line.text[first:last] == LAM_ALEF_FINAL


def test_direction_is_taken_from_the_first_strong_letter() -> None:
    assert layout_paragraph("مرحبا hello", 80).direction == "R"
    assert layout_paragraph("hello مرحبا", 80).direction == "L"
    assert layout_paragraph("VIADEO شركة فرنسية", 80, "R").direction == "R"


def test_rtl_paragraph_starting_with_latin_keeps_arabic_order() -> None:
    (line,) = visual_lines("VIADEO شركة", 80, "R")
    assert line.endswith("VIADEO")  # the paragraph starts at the right


def test_line_feeds_separate_paragraphs() -> None:
    assert visual_lines("a\n\nb", 80) == ["a", "", "b"]


def test_an_isolated_field_cannot_reorder_the_label_around_it() -> None:
    from tui.rtl import isolate

    rlo, pdi, rli = "\u202e", "\u2069", "\u2067"
    caption = f"{pdi}abc{rlo} def{rli}"
    clean = visual_lines("[صورة: abc def]", 80, "R")
    hostile = visual_lines(f"[صورة: {isolate(caption)}]", 80, "R")
    # The label's brackets and word stand where they stand without controls.
    assert hostile[0][0] == clean[0][0] == "["
    assert hostile[0].endswith(clean[0][-6:])
    assert isolate("x") == "\u2068x\u2069"
    assert isolate(f"a{pdi}") == "\u2068a\u2069"  # a stray PDI cannot close ours
    assert isolate(f"a{rli}b") == f"\u2068a{rli}b\u2069\u2069"
