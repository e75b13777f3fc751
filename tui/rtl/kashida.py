"""Where a word may take a kashida (tatweel, U+0640): the sites of ``tui.rtl.justify``.

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

``kashida_site`` finds the site of one word (``tui.rtl.word_sites`` those of
every word of a paragraph at once). Form is read from the glyph the shaper
chose (``shaping.shape``), so "final" is what the reader sees.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from tui.rtl.shaping import FINAL, INITIAL, LETTERS_ARABIC, MEDIAL, TATWEEL, is_lam_alef


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
#: the letter each presentation form shows (a lam-alef ligature: its lam)
_LETTER_OF_FORM: dict[str, str] = {
    form: char for char, forms in LETTERS_ARABIC.items() for form in forms if form
}
_LETTER_OF_FORM.update(dict.fromkeys("\ufef5\ufef6\ufef7\ufef8\ufef9\ufefa\ufefb\ufefc", "ل"))

_MARK, _ARABIC, _FOREIGN, _OTHER = 0, 1, 2, 3
#: the kind of each character met so far (see ``_kind``); a dictionary look-up
#: is the cheapest test in the loop over every character of a paragraph
_KINDS: dict[str, int] = {}
#: the rule of each first letter + glyph of the next met so far (``_pair_rule``)
_PAIR_RULES: dict[str, int] = {}
#: ``_pair_rule``'s answer for rule 5, which depends on the letter after
_IF_REH_OR_YEH_FOLLOWS = -5
_MEMO_SIZE = 65536  # the memos stay bounded whatever text comes


def _kind(char: str) -> int:
    """Mark, Arabic-script letter, letter of another script, or anything else."""
    category = unicodedata.category(char)
    code = ord(char)
    if category in ("Mn", "Me"):
        kind = _MARK
    elif (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    ):
        kind = _ARABIC
    else:
        kind = _FOREIGN if category.startswith("L") else _OTHER
    if len(_KINDS) < _MEMO_SIZE:
        _KINDS[char] = kind
    return kind


def _pair_rule(first: str, glyph: str) -> int:
    """The rule allowing a kashida after letter ``first`` (a tatweel or a letter that
    joins the next one), before a letter shown as ``glyph``; 0 if none.

    The levels are checked by the caller; rule 5, which depends on the letter
    after, is answered ``_IF_REH_OR_YEH_FOLLOWS``.
    """
    second = _LETTER_OF_FORM.get(glyph, glyph)
    if first == TATWEEL:
        if second != TATWEEL and glyph not in _JOINS_PREVIOUS:
            return 0
    elif glyph not in _JOINS_PREVIOUS:
        return 0  # the two letters do not join: there is no stroke to lengthen
    group, next_group = _GROUPS.get(first), _GROUPS.get(second)
    ligature = is_lam_alef(glyph)
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
    if next_group in ("BEH", "YEH") and glyph in _MEDIAL_FORMS:
        return _IF_REH_OR_YEH_FOLLOWS
    if next_group == "WAW" or (next_group in ("AIN", "QAF", "FEH") and final):
        return 6
    return 7


def _rule(first: str, glyph: str) -> int:
    """``_pair_rule``, remembered."""
    key = first + glyph
    rule = _PAIR_RULES.get(key)
    if rule is None:
        rule = _pair_rule(first, glyph)
        if len(_PAIR_RULES) < _MEMO_SIZE:
            _PAIR_RULES[key] = rule
    return rule


_REH_OR_YEH = frozenset(c for c, group in _GROUPS.items() if group in ("REH", "YEH"))


def _reh_or_yeh_follows(text: str, before: int, end: int) -> bool:
    following = before + 1
    while following < end and _kind(text[following]) == _MARK:
        following += 1
    return following < end and _GROUPS.get(text[following]) in ("REH", "YEH")


def kashida_site(
    text: str, glyphs: Sequence[str], levels: Sequence[int], start: int, end: int
) -> KashidaSite | None:
    """The best kashida site of the word ``text[start:end]``, or None if it has none.

    ``glyphs`` and ``levels`` are the shaped glyph and the embedding level of
    each character of ``text`` (``shaping.shape``, ``bidi.resolve_paragraph``).
    """
    packed = packed_site(text, glyphs, levels, start, end)
    return None if packed < 0 else _unpack(packed)


# A site packed in one int, (rule, complement of after, before), for the
# loop over every word of a paragraph: ints are not followed by the garbage
# collector, so finding sites adds nothing to its passes (tuples would, one
# per word); and sorted, they come in the order the rules serve them: the
# best rule first, then the site nearest the end (the largest "after").
PACK_SHIFT = 32
PACK_MASK = (1 << PACK_SHIFT) - 1


def _unpack(packed: int) -> KashidaSite:
    return KashidaSite(
        (packed >> PACK_SHIFT) & PACK_MASK ^ PACK_MASK,
        packed & PACK_MASK,
        packed >> (2 * PACK_SHIFT),
    )


def packed_site(
    text: str,
    glyphs: Sequence[str],
    levels: Sequence[int],
    start: int,
    end: int,
    floor: int = 1,
    special: bool = True,
) -> int:
    """``kashida_site`` packed (see ``_unpack``), -1 for none.

    The word is read from its end, so that among sites of one rule the first
    found is the one the rules want; the search stops at a site of rule
    ``floor``, which none can beat (1 when the word has a tatweel, 2 when it
    has a seen or sad, 3 otherwise: the caller knows). ``special`` False:
    the caller knows the word holds no mark and no letter of another script
    (see ``word_sites._Patterns.special``), so no character needs to be looked up.
    """
    kinds = _KINDS  # locals: the loop's hot path
    if special:
        for i in range(start, end):
            char = text[i]
            kind = kinds.get(char)
            if (_kind(char) if kind is None else kind) == _FOREIGN:
                return -1
    rules, joining = _PAIR_RULES, _JOINS_NEXT
    size = len(glyphs)
    best_rule = 8
    best_after = best_before = -1
    later = -1  # the next character that is not a haraka: a site is between neighbours
    for i in range(end - 1, start - 1, -1):
        char = text[i]
        if special:
            kind = kinds.get(char)
            if (_kind(char) if kind is None else kind) == _MARK:
                continue
        if later >= 0 and (glyphs[i] in joining or char == TATWEEL):
            glyph = glyphs[later]
            if not glyph and later + 1 < size and is_lam_alef(glyphs[later + 1]):
                glyph = glyphs[later + 1]  # the lam's place is empty, the ligature shows it
            known = rules.get(char + glyph)
            rule = _rule(char, glyph) if known is None else known
            # Only inside a right-to-left run do the two letters sit side by side.
            if rule and levels[i] & 1 and levels[later] == levels[i]:
                if rule == _IF_REH_OR_YEH_FOLLOWS:
                    rule = 5 if _reh_or_yeh_follows(text, later, end) else 7
                if rule < best_rule:
                    best_rule, best_after, best_before = rule, i, later
                    if rule <= floor:
                        break
        later = i
    if best_after < 0:
        return -1
    return (best_rule << (2 * PACK_SHIFT)) | ((best_after ^ PACK_MASK) << PACK_SHIFT) | best_before
