"""The fast detection finds exactly what the plain definitions find.

Dates, their labels and chapter titles are found with regex scans that
skip what cannot matter (see ``tui.story.detect`` and ``plain_text``).
Here each is checked against its definition written the slow, obvious way,
on texts built from the pieces that make or break a date.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.story import detect
from tui.story.model import Chapter, Paragraph
from tui.story.plain_text import chapter_title

PIECES = [
    *("2004", "١٩٩٨", "۲۰۰۱", "20", "0", "19745", "1425هـ", "م", "ه"),
    *(" ", "  ", "\n", "\u00a0", "،", ",", ".", "؟", "%", "_", "«", "»", '"', "-", "\u0651"),
    *("قرر", "توفيق", "x", "a" * 60, "كلمة " * 120, "كلمة " * 450, "word " * 40),
]
AT = ("", "في ", "وفي ", "in ", "IN ", "\u017fince ", "by ", "during ")
APPROX = ("", "نهاية ", "بنهاية ", "مطلع ", "أواخر ", "early ", "the end of ", "end of ")
MONTH = ("", "مارس ", "أكتوبر ", "كانون الثاني ", "كانون ", "October ", "MAY ")
UNIT = ("", "سنة ", "عام ", "العام ", "والعام ", "سنة\n")
YEAR = ("2004", "١٩٩٨", "۲۰۰۱", "0999", "2004م", "2004 م", "1425هـ", "2004%")
# A date as the pattern writes one, each part there or not, often several
# in a row: what the skipping must not lose.
DATE = st.tuples(*(st.sampled_from(part) for part in (AT, APPROX, MONTH, UNIT, YEAR))).map("".join)
TEXTS = st.lists(st.one_of(DATE, st.sampled_from(PIECES)), max_size=60).map("".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_FOUR_DIGITS = re.compile(rf"(?<![{detect._DIGIT}])[{detect._DIGIT}]{{4}}(?![{detect._DIGIT}])")


def dates_by_definition(text: str) -> list[re.Match[str]]:
    """For each four-digit number, the first date in the 48 characters before
    it (and the 8 after) whose year it is."""
    found = []
    for number in _FOUR_DIGITS.finditer(text):
        window = max(0, number.start() - 48)
        for match in detect._DATE.finditer(text, window, number.end() + 8):
            if match.start("year") == number.start():
                found.append(match)
                break
    return found


def clause_by_definition(text: str, start: int, end: int) -> str:
    """The clause around the date, with the next one when it is little more."""
    ends = [m.end() for m in re.finditer(r"[.!?؟؛;،,\n]", text[:start])]
    before = max([e for e in ends if e >= start - 2000], default=max(0, start - 2000))
    after_match = re.compile(r"[.!?؟؛;،,\n]").search(text, end)
    after = after_match.start() if after_match else len(text)
    clause = text[before:after].strip()
    if len(clause.split()) - len(text[start:end].split()) < 3 and after_match:
        following = re.compile(r"[.!?؟؛;،,\n]").search(text, after_match.end())
        clause = text[before : following.start() if following else len(text)].strip()
    words = clause.split()
    if len(words) > detect.LABEL_WORDS:
        clause = " ".join(words[: detect.LABEL_WORDS]).rstrip("،,:;؛") + "…"
    return clause.strip(" \"'«»“”")


def title_by_definition(text: str, words: int = 5) -> str:
    tokens = [t for t in text.split() if any(unicodedata.category(c)[0] in "LN" for c in t)]
    if len(tokens) <= words:
        return " ".join(tokens) if tokens else text.strip()
    head = " ".join(tokens[:words])
    while head and unicodedata.category(head[-1])[0] == "P":
        head = head[:-1]
    return f"{head}…"


@SETTINGS
@given(TEXTS)
def test_dates_are_those_of_the_definition(text: str) -> None:
    def spans(matches: list[re.Match[str]]) -> list[object]:
        return [(m.span(), m.groupdict()) for m in matches]

    assert spans(list(detect._dates(text))) == spans(dates_by_definition(text))


@SETTINGS
@given(st.lists(TEXTS, min_size=1, max_size=3))
def test_labels_are_those_of_the_definition(texts: list[str]) -> None:
    texts = [*texts, "وفي سنة 2004 قرر"]
    paragraphs = tuple(Paragraph(f"p{n}", text) for n, text in enumerate(texts))
    events = detect.detect_timeline((Chapter("c1", 1, "t", None, paragraphs),))
    assert events
    for event in events:
        anchor = event.anchor
        text = paragraphs[int(anchor.paragraph_id[1:])].text
        # A date ends with its year (or "م"): its phrase is the whole match.
        label = clause_by_definition(text, anchor.start, anchor.end) or anchor.phrase
        assert event.label == label


@SETTINGS
@given(TEXTS, st.integers(0, 8))
def test_titles_are_those_of_the_definition(text: str, words: int) -> None:
    assert chapter_title(text, words) == title_by_definition(text, words)


def test_the_words_before_a_year_are_letters() -> None:
    # _dates starts looking for a date after the last character before the
    # year that is neither a letter nor a space: a date word holding another
    # character (a digit, a hyphen, a mark) would be cut there and lost.
    # (The look-behind before them names the digits.)
    words = detect._DATE.pattern.split("(?P<year>")[0].replace(detect._DIGIT, "")
    others = {c for c in words if ord(c) > 127 and not unicodedata.category(c).startswith("L")}
    assert others == set()
    assert all(c.isalpha() or c == " " for name in detect._MONTH_NAMES for c in name)
