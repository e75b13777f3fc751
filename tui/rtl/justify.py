"""Justified right-to-left lines: kashidas (tatweel, U+0640) first, then spaces.

Printed Arabic is justified by lengthening the stroke that joins two letters
(the kashida) before it widens the spaces. In a terminal grid a tatweel is
one cell, so a line can be filled the same way. This module is the step
between line breaking and the finished visual line: it never moves a line
break, it only adds tatweels and spaces to a line the engine has already
shaped and reordered, and it keeps the line's index map true.

Where a kashida may go, after the priorities of the "Big Kashida Secret"
(Khatt Foundation) as LibreOffice's ``i18nutil/kashida.cxx`` applies them,
and the exclusions of this project's issue 12 (``docs/justification.md``):
one position per word, between two letters that join (the first in its
initial or medial form, the next in its final or medial form), the best of

    1 after a tatweel the author wrote;
    2 after an initial or medial seen or sad;
    3 before a final teh marbuta, heh or dal;
    4 before a final alef, tah, lam or kaf (and gaf);
    5 before a medial beh-like letter followed by reh or yeh;
    6 before a final waw, ain, qaf or feh;
    7 before any other joining letter,

ties going to the position nearest the end of the word. Never before a final
yeh or alef maksura unless after seen or sad, never next to ZWJ or ZWNJ (only
harakat may stand between the two letters, and the kashida goes after them),
never inside lam-alef, never in a word with a letter of another script.

How much: a word takes at most ``KASHIDAS_PER_WORD`` cells, a line at most
``kashida_limit(width)``; the best sites are served first (ties: nearest the
line's end), one cell per word and round. The rest goes to the gaps between
words, evenly, the odd cells to the gaps nearest the line's end, at most
``GAP_GROWTH`` cells per gap. A line that cannot be filled within these
limits is left as it was (ragged).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from arabic_reshaper.letters import LETTERS_ARABIC

from tui.rtl.shaping import FINAL, INITIAL, MEDIAL, TATWEEL, is_lam_alef

#: kashida cells one word may take
KASHIDAS_PER_WORD = 2
#: a line takes at most one kashida cell for this many cells of its width
CELLS_PER_KASHIDA = 10
#: cells a gap between two words may grow by
GAP_GROWTH = 2


def kashida_limit(width: int) -> int:
    """The most kashida cells one line of ``width`` cells may take (at least 1)."""
    return max(1, width // CELLS_PER_KASHIDA)


class KashidaSite(NamedTuple):
    """Where a word may be lengthened: between two letters, by logical index."""

    #: the letter the kashida follows (after its harakat)
    after: int
    #: the letter it leads to (the lam of a lam-alef ligature)
    before: int
    #: 1 (best) to 7, the rule that allowed it
    priority: int


# Letters by joining group (Unicode's ArabicShaping.txt), the groups the
# rules name; Persian and Urdu letters of the same shape go with them.
_GROUPS: dict[str, str] = {}
for _group, _letters in {
    "SEEN_SAD": "سشصضښڛڜۺڝڞۻ",
    "TEH_MARBUTA": "ةۃ",
    "HEH": "هۿ",
    "DAL": "دذڈډڊڋڌڍڎڏڐۮ",
    "ALEF": "اأإآٱٲٳٵ",
    "TAH": "طظڟ",
    "LAM": "لڵڶڷڸ",
    "KAF": "كڬڭڮکگڰڱڲڳڴ",
    "BEH": "بتثٮٹٺٻټٽٿڀنڹںڻڼ",
    "YEH": "يىئیۍێےۓېۑ",
    "REH": "رزڑڒړڔڕږڗژڙ",
    "WAW": "وؤۄۅۆۇۈۉۊۋۏ",
    "AIN": "عغڠۼ",
    "QAF": "قڧڨ",
    "FEH": "فڡڢڣڤڥڦ",
}.items():
    for _letter in _letters:
        _GROUPS[_letter] = _group

# Which way a presentation form joins, from the reshaper's tables (each form
# there is its own code point, so a glyph tells its form).
_JOINS_NEXT: set[str] = set()  # initial and medial forms
_JOINS_PREVIOUS: set[str] = set()  # final and medial forms
_FINAL_FORMS: set[str] = set()
_MEDIAL_FORMS: set[str] = set()
for _char, _forms in LETTERS_ARABIC.items():
    if _char in _forms:
        continue  # tatweel, ZWJ: their glyph does not tell how they join
    for _form in (_forms[INITIAL], _forms[MEDIAL]):
        if _form:
            _JOINS_NEXT.add(_form)
    for _form in (_forms[FINAL], _forms[MEDIAL]):
        if _form:
            _JOINS_PREVIOUS.add(_form)
    if _forms[FINAL]:
        _FINAL_FORMS.add(_forms[FINAL])
    if _forms[MEDIAL]:
        _MEDIAL_FORMS.add(_forms[MEDIAL])
# The lam-alef ligatures in their final form (joined to the letter before).
_JOINS_PREVIOUS.update("\ufef6\ufef8\ufefa\ufefc")

_MARK, _ARABIC, _FOREIGN, _OTHER = 0, 1, 2, 3


@lru_cache(maxsize=4096)
def _kind(char: str) -> int:
    """Mark, Arabic-script letter, letter of another script, or anything else."""
    category = unicodedata.category(char)
    if category in ("Mn", "Me"):
        return _MARK
    code = ord(char)
    arabic = (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )
    if arabic:
        return _ARABIC
    return _FOREIGN if category.startswith("L") else _OTHER


def kashida_site(
    text: str, glyphs: Sequence[str], levels: Sequence[int], start: int, end: int
) -> KashidaSite | None:
    """The best kashida site of the word ``text[start:end]``, or None if it has none.

    ``glyphs`` and ``levels`` are the shaped glyph and the embedding level of
    each character of ``text`` (``shaping.shape``, ``bidi.resolve_paragraph``).
    """
    letters: list[int] = []  # everything but harakat: a site is between two neighbours
    for i in range(start, end):
        kind = _kind(text[i])
        if kind == _FOREIGN:
            return None
        if kind != _MARK:
            letters.append(i)
    best: KashidaSite | None = None
    for k in range(1, len(letters)):
        after, before = letters[k - 1], letters[k]
        following = letters[k + 1] if k + 1 < len(letters) else -1
        priority = _priority(text, glyphs, levels, after, before, following)
        if priority and (best is None or priority <= best.priority):
            best = KashidaSite(after, before, priority)
    return best


def _priority(
    text: str,
    glyphs: Sequence[str],
    levels: Sequence[int],
    after: int,
    before: int,
    following: int,
) -> int:
    """The rule that allows a kashida between letters ``after`` and ``before``, 0 if none."""
    level = levels[after]
    if not level & 1 or levels[before] != level:
        return 0  # only inside a right-to-left run, where the two letters sit side by side
    first, second = text[after], text[before]
    glyph = glyphs[before]
    ligature = False
    if not glyph and before + 1 < len(glyphs) and is_lam_alef(glyphs[before + 1]):
        glyph, ligature = glyphs[before + 1], True  # the lam's place is empty, its alef shows it
    if first == TATWEEL:
        if second != TATWEEL and glyph not in _JOINS_PREVIOUS:
            return 0
    elif glyphs[after] not in _JOINS_NEXT or glyph not in _JOINS_PREVIOUS:
        return 0  # the two letters do not join: there is no stroke to lengthen
    group, next_group = _GROUPS.get(first), _GROUPS.get(second)
    if group == "LAM" and next_group == "ALEF":
        return 0  # a lam-alef, even with a haraka between, must stay one shape
    final = glyph in _FINAL_FORMS
    if next_group == "YEH" and final and group != "SEEN_SAD":
        return 0
    if first == TATWEEL:
        return 1
    if group == "SEEN_SAD":
        return 2
    if ligature:
        return 7
    if next_group in ("TEH_MARBUTA", "DAL") or (next_group == "HEH" and final):
        return 3
    if next_group == "ALEF" or (next_group in ("TAH", "LAM", "KAF") and final):
        return 4
    if (
        next_group in ("BEH", "YEH")
        and glyph in _MEDIAL_FORMS
        and following >= 0
        and _GROUPS.get(text[following]) in ("REH", "YEH")
    ):
        return 5
    if next_group == "WAW" or (next_group in ("AIN", "QAF", "FEH") and final):
        return 6
    return 7


def justify_line(
    text: str,
    glyphs: Sequence[str],
    levels: Sequence[int],
    clusters: Sequence[tuple[int, int, int, bool]],
    line: tuple[str, Sequence[int], int],
    width: int,
    offset: int = 0,
) -> tuple[str, tuple[int, ...], tuple[tuple[int, int], ...]] | None:
    """Fill one visual line to ``width`` cells, or None when the limits do not allow it.

    ``clusters`` are the line's clusters of ``text`` in logical order (the
    engine's breaking units: ``(start, end, cells, space)``); ``line`` is the
    visual line as the engine made it: its text, the logical index (plus
    ``offset``) each character shows, and its cells.

    Returns the new text, its index map (an added space shows the space of
    its gap, a kashida the letter it follows) and, for each added kashida,
    its position and the logical index of the letter it leads to.
    """
    visual, indices, cells = line
    extra = width - cells
    if extra <= 0:
        return None
    words: list[tuple[int, int]] = []
    gaps: list[int] = []  # the first space of each gap between two words
    count = len(clusters)
    k = 0
    while k < count:
        first = k
        space = clusters[k][3]
        while k < count and clusters[k][3] == space:
            k += 1
        if not space:
            words.append((clusters[first][0], clusters[k - 1][1]))
        elif first > 0 and k < count:
            gaps.append(clusters[first][0])
    sites = [
        site
        for start, end in words
        if (site := kashida_site(text, glyphs, levels, start, end)) is not None
    ]
    kashidas = min(extra, kashida_limit(width), KASHIDAS_PER_WORD * len(sites))
    rest = extra - kashidas
    if rest and (not gaps or rest > GAP_GROWTH * len(gaps)):
        return None
    # The best sites first; among equals, the one nearest the line's end.
    order = sorted(range(len(sites)), key=lambda n: (sites[n].priority, -n))
    before: dict[int, int] = {}  # logical index of a letter: kashidas to put after it
    for n in (order * KASHIDAS_PER_WORD)[:kashidas]:
        before[sites[n].after + offset] = before.get(sites[n].after + offset, 0) + 1
    leads_to = {site.after + offset: site.before + offset for site in sites}
    after: dict[int, int] = {}  # logical index of a gap's space: spaces to add next to it
    if gaps:
        share, odd = divmod(rest, len(gaps))
        for n, gap in enumerate(reversed(gaps)):
            if share + (n < odd):
                after[gap + offset] = share + (n < odd)
    chars: list[str] = []
    shown: list[int] = []
    added: list[tuple[int, int]] = []
    for position, index in enumerate(indices):
        # In visual order a glyph's harakat follow it: what is added goes on
        # the left of a glyph, so that no haraka changes its base. A kashida
        # goes left of the letter it follows, between it and the letter it
        # joins; added spaces left of the space of their gap.
        lengthen = before.get(index, 0)
        for _ in range(lengthen):
            added.append((len(chars), leads_to[index]))
            chars.append(TATWEEL)
            shown.append(index)
        widen = after.pop(index, 0)
        if widen:
            chars.extend(" " * widen)
            shown.extend([index] * widen)
        chars.append(visual[position])
        shown.append(index)
    return "".join(chars), tuple(shown), tuple(added)
