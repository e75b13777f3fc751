"""What a typed query finds, letter by letter: the folding rules of ``tui.search``.

Each case is a query, a passage, and the exact pieces of the passage (sliced with
the match offsets) that must be found, harakat on the last letter included.
"""

from __future__ import annotations

import pytest

from tui.search import Folded, SearchIndex, normalize


def found_pieces(query: str, text: str) -> list[str]:
    index = SearchIndex([("passage", text)])
    return [text[match.start : match.end] for match in index.find(query)]


FINDS = [
    # hamza and alef forms: the reader types a bare alef
    ("انسى", "لن أنسى فضل زوجتي", ["أنسى"]),
    ("اتقان", "من أجل إتقان لغة لينين", ["إتقان"]),
    ("القران", "تلاوة القرآن", ["القرآن"]),
    ("الوصل", "همزة ٱلوصل", ["ٱلوصل"]),
    # Latin case, and casefold changing the length
    ("viadeo", "الشركة العملاقة الفرنسية VIADEO، وهي", ["VIADEO"]),
    ("VIADEO", "viadeo.com", ["viadeo"]),
    ("strasse", "Die Straße", ["Straße"]),
    ("ß", "STRASSE", ["SS"]),
    # harakat on either side
    ("السيليكون", 'بـ"السِيليكون فالي" ووادي السيليكون', ["السِيليكون", "السيليكون"]),
    ("مُحَمَّد", "قال محمد", ["محمد"]),
    ("محمد", "قال مُحَمَّدٌ اليوم", ["مُحَمَّدٌ"]),
    ("كتاب", "هذا كِتَابٌ", ["كِتَابٌ"]),
    ("السي", "السِيليكون", ["السِي"]),
    # ة and ه, ى and ي
    ("مدرسه", "في مدرسة عمومية", ["مدرسة"]),
    ("مدرسة", "في مدرسه عمومية", ["مدرسه"]),
    ("علي", "حصوله على البكالوريا", ["على"]),
    ("على", "حصوله علي البكالوريا", ["علي"]),
    # tatweel
    ("جميل", "منظر جـميل", ["جـميل"]),
    ("جـــميل", "منظر جميل", ["جميل"]),
    ("جمي", "جـميـل", ["جـميـ"]),  # a stretched last letter is highlighted stretched
    # digits of three systems
    ("١٩٧٤", "من مواليد سنة 1974، درس", ["1974"]),
    ("1974", "من مواليد سنة ١٩٧٤، درس", ["١٩٧٤"]),
    ("2004", "سنة ۲۰۰۴ وسنة 2004", ["۲۰۰۴", "2004"]),
    # Arabic and Latin in one query, spaces folded
    ("شركه UNYK", "أسس شركة unyk سنة 2005", ["شركة unyk"]),
    ("قصة  نجاح", "قصة\nنجاح", ["قصة\nنجاح"]),
    ("  قصة  ", "قصة نجاح", ["قصة"]),
    # invisible characters in the text or the query
    ("مغربي", "مغ\u200cربي", ["مغ\u200cربي"]),
    ("\u200fمغربي\u200d", "قصة مغربي", ["مغربي"]),
    ("راوي rawi", "راوي\u2067 Rawi\u2069", ["راوي\u2067 Rawi"]),
    # presentation forms typed or stored
    ("ﻻ", "لا أحد", ["لا"]),
    ("ل", "ﻻ", ["ﻻ"]),
    # a lone hamza: optional when not typed, required when typed
    ("قراة", "قراءة الكتاب", ["قراءة"]),
    ("ماء", "شرب الماءَ", ["ماءَ"]),
    ("سما", "السماء صافية", ["سما"]),
    # hamza seats
    ("مسوول", "عمل كمسؤول عن الهندسة", ["مسؤول"]),
    ("مسئول", "عمل كمسؤول عن الهندسة", ["مسؤول"]),
    ("مسؤول", "عمل كمسئول عن الهندسة", ["مسئول"]),
    ("رييس", "رئيس الشركة", ["رئيس"]),
    # matches never overlap, left to right
    ("aa", "aaaaa", ["aa", "aa"]),
    ("s", "ß", ["ß"]),
]


@pytest.mark.parametrize(("query", "text", "expected"), FINDS)
def test_query_finds(query: str, text: str, expected: list[str]) -> None:
    assert found_pieces(query, text) == expected


FINDS_NOTHING = [
    ("زواج", "رواج السوق"),  # ر and ز are different letters
    ("حلم", "خلم"),  # so are ح and خ
    ("بيت", "بنت"),  # and ي and ن
    ("انسى", "سان فرانسيسكو"),  # a typed ى ends the word
    ("مدرسة", "مدرسهم"),  # so does a typed ة
    ("ماء", "ما هذا"),  # a typed hamza is required
    ("2004", "200 4"),
    ("viadeo", "viad eo"),
]


@pytest.mark.parametrize(("query", "text"), FINDS_NOTHING)
def test_query_finds_nothing(query: str, text: str) -> None:
    assert found_pieces(query, text) == []


@pytest.mark.parametrize(
    "query", ["", " ", "\n\t ", "\u064e\u0651", "\u0640\u0640", "\u200f\u200d"]
)
def test_an_empty_or_ignorable_query_finds_nothing(query: str) -> None:
    index = SearchIndex([(1, "قصة نجاح مغربي بـ\u0640 \u064e"), (2, " ")])
    assert index.find(query) == []
    assert index.count(query) == 0
    assert index.first(query) is None


def test_normalize_folds_letters_and_keeps_their_origin() -> None:
    source = "أنسى مُحَمَّدٌ Straße ١٩"
    folded = normalize(source)
    assert folded.text == "انسي محمد strasse 19"
    assert len(folded.origin) == len(folded.text)
    # the two s of ß both come from it
    assert [source[index] for index in folded.origin[13:17]] == ["a", "ß", "ß", "e"]
    assert list(folded.origin[14:16]) == [19, 19]
    assert list(folded.origin[:4]) == [0, 1, 2, 3]


def test_span_covers_the_marks_of_the_last_letter() -> None:
    source = "قال مُحَمَّدٌ اليوم"
    folded = normalize(source)
    start = folded.text.index("محمد")
    begin, end = folded.span(start, start + 4)
    assert source[begin:end] == "مُحَمَّدٌ"
    begin, end = folded.span(start, start + 2)
    assert source[begin:end] == "مُحَ"


def test_span_does_not_take_a_lone_hamza() -> None:
    folded = normalize("السماء")
    assert folded.text == "السما"
    begin, end = folded.span(0, 5)
    assert "السماء"[begin:end] == "السما"


@pytest.mark.parametrize(("start", "end"), [(0, 0), (2, 1), (-1, 2), (0, 99)])
def test_span_refuses_an_empty_or_outside_span(start: int, end: int) -> None:
    folded: Folded = normalize("قصة")
    with pytest.raises(ValueError):
        folded.span(start, end)
