"""What a plain-text article tells of its own timeline and quotes, found conservatively.

``detect_timeline(chapters)``: a year written with a word that makes it a
date ("سنة 2004", "عام ١٩٩٨", "في أكتوبر 2001", "نهاية 2012", "in October
2001", "end of 2012") becomes a timeline event anchored to those words and
labelled with the clause that holds them. A bare "في 2004" counts only when a
punctuation mark or the end of the paragraph follows ("في 2000 مدينة" is a
count, not a date). Four digits only, Western, Arabic-Indic or Persian,
never inside a longer number, and never a Hijri year ("1425هـ").

``detect_quotes(chapters)``: words in «…», “…” or a pair of "…" in one
paragraph, at least ``MIN_QUOTE_WORDS`` words long, become a quote anchored
to themselves; the speaker is the name after "يقول"/"قال"/"says"/"said"
right after the closing mark (unless "إن"/"أن" follows it: that introduces
other words), else unknown (empty).

Missing a date is better than inventing one: every rule errs on the side of
finding nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.story.model import (
    Anchor,
    Approximate,
    Chapter,
    Paragraph,
    Quote,
    TimelineEvent,
)
from tui.story.months import MONTHS_AR, MONTHS_EN

MIN_QUOTE_WORDS = 4
MAX_QUOTE_WORDS = 120
LABEL_WORDS = 14
FIRST_YEAR, LAST_YEAR = 1000, 2100

# Month names as Arabic newspapers write them: the Moroccan series of the
# model, the Egyptian/Gulf one, the Algerian/Tunisian one and the Levantine.
_MONTH_NAMES: dict[str, int] = {name: n for n, name in enumerate(MONTHS_AR, 1)}
for _n, _names in enumerate(
    (
        ("جانفي", "كانون الثاني"),
        ("فيفري", "شباط"),
        ("آذار",),
        ("إبريل", "أفريل", "نيسان"),
        ("مايو", "أيار"),
        ("جوان", "حزيران", "يونيه"),
        ("يوليو", "جويلية", "يوليه", "تموز"),
        ("أغسطس", "أوت", "آب"),
        ("سبتمبر", "أيلول"),
        ("تشرين الأول",),
        ("نوفمبر", "تشرين الثاني"),
        ("ديسمبر", "كانون الأول"),
    ),
    1,
):
    for _name in _names:
        _MONTH_NAMES[_name] = _n
for _n, _name in enumerate(MONTHS_EN, 1):
    _MONTH_NAMES[_name] = _n

_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_MONTHS = "|".join(sorted(map(re.escape, _MONTH_NAMES), key=len, reverse=True))
_START_WORDS = ("بداية", "مطلع", "أوائل", "early", "start of", "beginning of")
_END_WORDS = ("نهاية", "أواخر", "late", "end of")

_DATE = re.compile(
    rf"""
    (?<![\w{_DIGIT}])
    (?:(?P<at>[وف]?في|in|since|by|during)\s+)?
    (?:(?P<approx>[وبل]?(?:نهاية|أواخر|بداية|مطلع|أوائل|منتصف)
        |early|late|(?:the\s+)?(?:end|start|beginning|middle)\s+of)\s+)?
    (?:(?P<month>{_MONTHS})\s+)?
    (?:(?P<unit>[وفبل]?(?:سنة|عام|العام))\s+)?
    (?P<year>[{_DIGIT}]{{4}})
    (?![{_DIGIT}\w%٪]|[.,٫٬][{_DIGIT}]|\s?هـ|\s?ه\b)
    (?:\s?م(?!\w))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
# A digit first, so that the regex engine skips to the next digit at C
# speed; the look-behind then checks that no digit stands before it.
_FOUR_DIGITS = re.compile(rf"[{_DIGIT}](?<![{_DIGIT}]{{2}})[{_DIGIT}]{{3}}(?![{_DIGIT}])")
_LOOK_BEHIND = 48
# The words before a year that make it a date are letters and the white
# space between them: they start after the last other character before the
# year (a digit, a comma, a mark), which this finds reading back from it.
_LAST_NOT_LETTER = re.compile(r".*(?:[^\w\s]|[\d_])", re.DOTALL)
# After a bare "في 2004": what shows the number ends a phrase.
_PHRASE_END = re.compile(r"\s*(?:$|[،,.؛;:!?؟»”\")\]])")
# Where a clause ends: the label of an event is the clause around its date.
_CLAUSE_END = re.compile(r"[.!?؟؛;،,\n]")
_CLAUSE_REACH = 2_000
# The text up to the last clause end, read backwards from the end of the span.
_LAST_CLAUSE_END = re.compile(r".*[.!?؟؛;،,\n]", re.DOTALL)
# The first LABEL_WORDS + 1 words from where a clause starts.
_LABEL_AHEAD = re.compile(rf"(?:\s*+\S++){{{LABEL_WORDS + 1}}}")
_LABEL_MARKS = " \"'«»“”"

_QUOTE_PAIRS = (("«", "»"), ("“", "”"))
# What stands between an opening mark and the next closing one, without
# another mark of the pair between. Compiled once: a story of a million
# short paragraphs spent seconds building them again for each.
_PAIRED = tuple(
    re.compile(f"{re.escape(opening)}([^{re.escape(opening + closing)}]*){re.escape(closing)}")
    for opening, closing in _QUOTE_PAIRS
)
_STRAIGHT = re.compile('"')
_SPEAKER = re.compile(
    r"[\s،,]*(?:يقول|قال|تقول|قالت|says|said)\s+(?P<name>[^\s،,.:؛]++)"
    # "يقول زملاؤها إنها ..." reports other words, it does not sign these.
    r"(?!\s+(?:إن|إنه|إنها|أن|أنه|أنها|that)(?!\w))"
)


def _approximate(word: str | None) -> Approximate | None:
    if not word:
        return None
    word = word.lower().removeprefix("the ").lstrip("وبل")
    if any(word.startswith(start) for start in _START_WORDS):
        return "start"
    if any(word.startswith(end) for end in _END_WORDS):
        return "end"
    return None


class _ClauseStarts:
    """Where the clauses of one paragraph start, read once, from its start on:
    the dates it is asked about come in reading order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.read = 0
        self.last_end = 0

    def before(self, start: int) -> int:
        """Where the clause holding ``text[start]`` starts: after the last clause
        end before it, at most ``_CLAUSE_REACH`` characters back."""
        # A clause is shorter than the reach. Looking back from every date
        # made a paragraph of dates without punctuation cost the reach for
        # each (and scanning from the paragraph's start, quadratic: a 1 MB
        # one-paragraph article took 13 s).
        if start < self.read:
            self.read = self.last_end = 0
        found = _LAST_CLAUSE_END.match(self.text, self.read, start)
        if found:
            self.last_end = found.end()
        self.read = start
        return max(self.last_end, start - _CLAUSE_REACH, 0)


def _clause(text: str, start: int, end: int, before: int) -> str:
    """The clause around ``text[start:end]``, from ``before``; with the next one
    when it is little more than the date ("في نهاية 2012، يقرر توفيق ...")."""
    # A label shows LABEL_WORDS words: once the clause holds one more, where
    # it ends no longer matters. Looking further made every date of a
    # paragraph without punctuation read the rest of it.
    ahead = _LABEL_AHEAD.match(text, before)
    horizon = ahead.end() if ahead else len(text)
    phrase_words = len(text[start:end].split())
    after_match = _CLAUSE_END.search(text, end, max(end, horizon))
    if ahead and not after_match and LABEL_WORDS + 1 - phrase_words >= 3:
        return _cut(ahead.group().split())
    if not after_match:
        after_match = _CLAUSE_END.search(text, end)
    after = after_match.start() if after_match else len(text)
    clause = text[before:after].strip()
    words = clause.split()
    if len(words) - phrase_words < 3 and after_match:
        following = _CLAUSE_END.search(text, after_match.end(), max(after_match.end(), horizon))
        if ahead and not following:
            return _cut(ahead.group().split())
        clause = text[before : following.start() if following else len(text)].strip()
        words = clause.split()
    if len(words) > LABEL_WORDS:
        return _cut(words)
    return clause.strip(_LABEL_MARKS)


def _cut(words: list[str]) -> str:
    """The label of a clause of more than ``LABEL_WORDS`` ``words``."""
    return (" ".join(words[:LABEL_WORDS]).rstrip("،,:;؛") + "…").strip(_LABEL_MARKS)


def _unique(base: str, used: dict[str, int]) -> str:
    count = used.get(base, 0) + 1
    used[base] = count
    return base if count == 1 else f"{base}-{count}"


def _paragraphs(chapters: Iterable[Chapter]) -> Iterable[tuple[int, Paragraph]]:
    for index, chapter in enumerate(chapters):
        for paragraph in chapter.paragraphs:
            yield index, paragraph


def _dates(text: str) -> Iterable[re.Match[str]]:
    """The matches of ``_DATE`` in ``text``, found from its four-digit numbers:
    trying the whole pattern at every character costs ten times more."""
    for number in _FOUR_DIGITS.finditer(text):
        year = number.start()
        # The words that make a year a date stand a few words before it and
        # are letters and spaces: its date starts after the last other
        # character before it (a digit, a comma, a mark). From there the
        # first match is the year's own, as it was when every match from the
        # window's start was tried: no other year stands between, and an
        # earlier date ends at most at "2003 م", where no date word starts.
        # The pattern looks at most four characters past the year.
        window = max(0, year - _LOOK_BEHIND)
        other = _LAST_NOT_LETTER.match(text, window, year)
        match = _DATE.search(text, other.end() if other else window, number.end() + 8)
        if match and match.start("year") == year:
            yield match


def detect_timeline(chapters: Iterable[Chapter]) -> tuple[TimelineEvent, ...]:
    """The dated moments the paragraphs tell, in date order (ids ``year-1974``...)."""
    events: list[TimelineEvent] = []
    used: dict[str, int] = {}
    for index, paragraph in _paragraphs(chapters):
        text = paragraph.text
        clauses = _ClauseStarts(text)
        for match in _dates(text):
            year = int(match.group("year"))
            cued = match.group("approx") or match.group("month") or match.group("unit")
            if not cued and not (match.group("at") and _PHRASE_END.match(text, match.end())):
                continue
            if not FIRST_YEAR <= year <= LAST_YEAR:
                continue
            month_name = match.group("month") or ""
            month = _MONTH_NAMES.get(month_name.title() if month_name.isascii() else month_name)
            approximate = None if month else _approximate(match.group("approx"))
            start, end = match.start(), match.end()
            phrase = text[start:end].rstrip()
            anchor = Anchor(paragraph.id, phrase, start, start + len(phrase), index)
            label = _clause(text, start, end, clauses.before(start)) or phrase
            event_id = _unique(f"year-{year}", used)
            events.append(TimelineEvent(event_id, year, month, approximate, label, None, anchor))
    return tuple(sorted(events, key=lambda event: event.sort_key))


def _straight_pairs(text: str) -> list[tuple[int, int]]:
    """The spans inside pairs of straight double quotes; none when they do not pair up."""
    marks = [m.start() for m in _STRAIGHT.finditer(text)]
    if len(marks) % 2:
        return []
    return [(marks[i] + 1, marks[i + 1]) for i in range(0, len(marks), 2)]


def detect_quotes(chapters: Iterable[Chapter]) -> tuple[Quote, ...]:
    """The speech the paragraphs quote, in reading order (ids ``quote-1``...)."""
    quotes: list[Quote] = []
    for index, paragraph in _paragraphs(chapters):
        text = paragraph.text
        spans = _straight_pairs(text)
        for pattern in _PAIRED:
            spans += [(m.start(1), m.end(1)) for m in pattern.finditer(text)]
        for start, end in sorted(spans):
            inner = text[start:end]
            words = inner.split()
            if not MIN_QUOTE_WORDS <= len(words) <= MAX_QUOTE_WORDS:
                continue
            # The quote is its words, without the blank space inside the marks.
            start += len(inner) - len(inner.lstrip())
            end -= len(inner) - len(inner.rstrip())
            speaker_match = _SPEAKER.match(text, end + 1)
            speaker = speaker_match.group("name") if speaker_match else ""
            anchor = Anchor(paragraph.id, text[start:end], start, end, index)
            quotes.append(Quote(f"quote-{len(quotes) + 1}", text[start:end], speaker, None, anchor))
    return tuple(quotes)
