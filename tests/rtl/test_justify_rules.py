"""Kashida justification by example: each rule of issue 12 on words and lines worked by hand.

The expected words were written from the rules (``docs/justification.md``),
letter pair by letter pair, not taken from the engine: a word shows where
one kashida goes. The expected lines are the logical text with the tatweels
and spaces written in by hand, laid out *unjustified* (the FriBidi-checked
path): an inserted kashida and a tatweel the author typed are the same glyph.
"""

from __future__ import annotations

import pytest

from tui.rtl import layout_paragraph, visual_lines
from tui.rtl.bidi import resolve_paragraph
from tui.rtl.kashida import kashida_site
from tui.rtl.shaping import TATWEEL, shape

ZWJ, ZWNJ, LRO, PDF = "\u200d", "\u200c", "\u202d", "\u202c"


def lengthened(word: str) -> str:
    """``word`` with one tatweel where the engine puts a kashida (unchanged if nowhere)."""
    resolved = resolve_paragraph(word, 1)
    glyphs = shape(word, resolved.levels, resolved.removed)
    site = kashida_site(word, glyphs, resolved.levels, 0, len(word))
    if site is None:
        return word
    # The kashida follows the first letter and its harakat: it stands just
    # before the second letter.
    return word[: site.before] + TATWEEL + word[site.before :]


@pytest.mark.parametrize(
    ("word", "expected", "why"),
    [
        # 1. after a tatweel the author wrote (beats seen at the start)
        ("سلـم", "سلــم", "rule 1 beats rule 2"),
        ("كتـاب", "كتــاب", "rule 1 beats rule 4"),
        # 2. after an initial or medial seen or sad
        ("مسجد", "مسـجد", "rule 2 beats rule 3 (final dal)"),
        ("مسلسل", "مسلسـل", "two seen sites: the one nearer the end"),
        ("قصة", "قصـة", "after sad"),
        # 3. before a final teh marbuta, heh, dal
        ("كتابة", "كتابـة", "rule 3 beats rule 4 (alef)"),
        ("وجهه", "وجهـه", "final heh, not the medial one"),
        ("فهم", "فهـم", "a medial heh is only rule 7: the later site wins"),
        # 4. before a final alef, tah, lam, kaf
        ("تبيان", "تبيـان", "rule 4 beats rule 5"),
        ("يفعل", "يفعـل", "final lam"),
        # 5. before a medial beh-like letter followed by reh or yeh
        ("نبيع", "نـبيع", "rule 5 beats rule 6 (final ain)"),
        ("تبرع", "تـبرع", "beh before reh"),
        # 6. before a final waw, ain, qaf, feh
        ("كوكب", "كـوكب", "waw beats a final beh (rule 7) nearer the end"),
        ("يقع", "يقـع", "final ain"),
        # 7. before any other joining letter; ties to the end of the word
        ("كتب", "كتـب", "rule 7, the later of two"),
        ("تعلم", "تعلـم", "rule 7, the last of three"),
        # exclusions
        ("على", "عـلى", "never before a final alef maksura"),
        ("في", "في", "never before a final yeh: no site"),
        ("كرسي", "كرسـي", "before a final yeh after seen"),
        ("يمشي", "يمشـي", "before a final yeh after sheen"),
        ("بلا", "بـلا", "before a lam-alef, never inside it"),
        ("لا", "لا", "a lam-alef alone has no site"),
        ("لَا", "لَا", "lam-alef with a haraka between is still lam-alef"),
        ("سلام", "سـلام", "lam-alef in the middle: the seen site"),
        (f"ب{ZWNJ}ب", f"ب{ZWNJ}ب", "ZWNJ: the letters do not join"),
        (f"ب{ZWJ}ب", f"ب{ZWJ}ب", "never next to ZWJ"),
        (f"می{ZWNJ}خواهم", f"می{ZWNJ}خـواهم", "the site away from ZWNJ"),
        ("كَتَبَ", "كَتَـبَ", "after the haraka of the first letter"),
        ("(كتب)", "(كتـب)", "punctuation around an Arabic word"),
        ("كتبX", "كتبX", "a word with a Latin letter gets none"),
        ("VIADEO", "VIADEO", "not Arabic script"),
        ("ودا", "ودا", "no two letters join"),
    ],
)
def test_kashida_site(word: str, expected: str, why: str) -> None:
    assert lengthened(word) == expected, why


def test_no_kashida_in_a_left_to_right_override() -> None:
    """Letters forced left to right are not side by side the way the rules mean."""
    text = f"{LRO}كتب{PDF}"
    resolved = resolve_paragraph(text, 1)
    glyphs = shape(text, resolved.levels, resolved.removed)
    assert kashida_site(text, glyphs, resolved.levels, 0, len(text)) is None


def shown(logical: str) -> str:
    """A hand-justified logical line as the unjustified engine shows it."""
    (line,) = visual_lines(logical, 200, "R")
    return line


def test_one_cell_goes_to_the_word_nearest_the_line_end() -> None:
    # "كتب كتب كتب" is 11 cells, a fourth word does not fit in 12: one cell
    # to fill, the line limit at 12 cells is 1 kashida, all sites rule 7.
    lines = visual_lines("كتب كتب كتب كتب كتب", 12, "R", justify=True)
    assert lines == [shown("كتب كتب كتـب"), shown("كتب كتب")]


def test_better_sites_are_served_first() -> None:
    # One cell: the sad of قصة (rule 2) before the rule-7 sites nearer the end.
    lines = visual_lines("قصة كتب كتب كتب", 12, "R", justify=True)
    assert lines[0] == shown("قصـة كتب كتب")


def test_line_limit_then_spaces_evenly_the_odd_one_at_the_end() -> None:
    # Six words (23 cells) at 26: 3 cells; the line takes 2 kashidas (26 // 10),
    # the two last words; the third cell goes to the gap nearest the end.
    lines = visual_lines("كتب كتب كتب كتب كتب كتب كتب كتب", 26, "R", justify=True)
    assert lines[0] == shown("كتب كتب كتب كتب كتـب  كتـب")


def test_word_limit_then_spaces() -> None:
    # 19 cells at 30 (لا is one ligature cell), 11 to fill: "كتب" is the only
    # word with a site and takes 2 (the word limit; the line allows 3); 9
    # spaces over 6 gaps: one each, the three gaps nearest the end one more.
    text = "في كتب في لا في لا في والمستشفيات"
    lines = visual_lines(text, 30, "R", justify=True)
    assert lines[0] == shown("في  كتــب  في  لا   في   لا   في")


def test_a_line_the_limits_cannot_fill_stays_ragged() -> None:
    # 8 cells at 20: no word has a site, two gaps take 4 cells at most.
    text = "في لا في http://t1.hespress.com/files/a.jpg"
    assert visual_lines(text, 20, "R", justify=True) == visual_lines(text, 20, "R")


def test_last_line_and_left_to_right_paragraphs_are_not_justified() -> None:
    english = "one two three four five six seven"
    assert visual_lines(english, 10, "L", justify=True) == visual_lines(english, 10, "L")
    lay = layout_paragraph("كتب كتب كتب كتب كتب", 12, "R", justify=True)
    assert lay.lines[-1].text == shown("كتب كتب")


def test_a_line_feed_ends_a_paragraph_its_line_is_not_justified() -> None:
    lines = visual_lines("كتب كتب\nكتب كتب كتب كتب كتب", 12, "R", justify=True)
    assert lines[0] == shown("كتب كتب")
    assert lines[1] == shown("كتب كتب كتـب")


def test_highlight_covers_a_kashida_only_between_two_lit_letters() -> None:
    text = "كتب كتب كتب كتب كتب"
    line = layout_paragraph(text, 12, "R", justify=True).lines[0]
    (kashida, leads_to), *_ = line.kashidas
    assert line.text[kashida] == TATWEEL
    assert (line.indices[kashida], leads_to) == (9, 10)  # between ت and ب of the third word

    def lit(start: int, end: int) -> set[int]:
        return {k for first, last in line.char_spans(start, end) for k in range(first, last)}

    assert kashida in lit(8, 11)  # the whole word
    assert kashida in lit(9, 11)  # تب
    assert kashida not in lit(8, 10)  # كت: the kashida leads out of the range
    assert kashida not in lit(10, 11)  # ب alone
    # The cells of the word, kashida included, are one span of 4.
    ((first, last),) = line.cell_spans(8, 11)
    assert last - first == 4
    # The logical range is the text as written: copying never sees a kashida.
    assert TATWEEL not in text[line.start : line.end]


def test_added_spaces_are_lit_with_their_gap() -> None:
    text = "كتب كتب كتب كتب كتب كتب كتب كتب"
    line = layout_paragraph(text, 26, "R", justify=True).lines[0]
    # The gap between the fifth and sixth words is text[19] and has grown to 2.
    ((first, last),) = line.char_spans(19, 20)
    assert line.text[first:last] == "  "
    ((first, last),) = line.char_spans(16, 23)  # fifth word, gap, sixth word
    assert last - first == 3 + 1 + 2 + 3 + 1


def test_a_giant_paragraph_is_left_ragged_and_costs_what_is_shown() -> None:
    from tui.rtl.layout import layout_paragraph
    from tui.rtl.lines import JUSTIFY_LIMIT

    word = "مستكشف "
    giant = word * (JUSTIFY_LIMIT // len(word) + 10)
    layout = layout_paragraph(giant, 40, "R", justify=True)
    first = layout.lines[0]
    assert "\u0640" not in first.text
    # Only what was asked for was broken, not the whole paragraph.
    assert not layout.complete
    small = layout_paragraph(word * 40, 40, "R", justify=True)
    assert small.lines[0].cells == 40
