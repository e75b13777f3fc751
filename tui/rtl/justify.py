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

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache
from operator import itemgetter
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


_WORD_RE = re.compile(b"\x00+")
_IS_SPACE = itemgetter(3)


def _plain_characters() -> str:
    """Characters known to be neither a mark nor a letter of another script.

    A word made of these only is searched without looking each character
    up: most words of Arabic prose are.
    """
    chars = [
        c
        for c in map(chr, range(0x0600, 0x0700))
        if _kind(c) == _ARABIC and unicodedata.category(c) not in ("Cf", "Cn")
    ]
    chars += [c for c in map(chr, range(0x21, 0x7F)) if not c.isalpha()]
    chars += list("«»–—…“”‘’")
    return "".join(chars)


class _Patterns(NamedTuple):
    tatweel: re.Pattern[str]
    seen_sad: re.Pattern[str]
    #: anything but a plain character: a word holding one is searched
    #: character by character
    special: re.Pattern[str]
    #: breaking spaces other than " ", and a space followed by anything but
    #: a letter, a digit, a plain character or a space (a haraka leaning on
    #: it, a format character): the words of a paragraph without them are
    #: cut at every " " (``_plain_word_sites``)
    unusual_space: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    """The expressions the word search uses, compiled when first needed.

    Their large character classes take milliseconds to compile: not at
    start-up, where nothing is justified yet.
    """
    plain = re.escape(_plain_characters())
    seen_sad = "".join(c for c, group in _GROUPS.items() if group == "SEEN_SAD")
    return _Patterns(
        re.compile(TATWEEL),
        re.compile(f"[{seen_sad}]"),
        re.compile(f"[^{plain}]"),
        re.compile(f"[\u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]| (?=[^\\w {plain}])"),
    )


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
    packed = _best_site(text, glyphs, levels, start, end)
    return None if packed < 0 else _unpack(packed)


# A site packed in one int, (rule, complement of after, before), for the
# loop over every word of a paragraph: ints are not followed by the garbage
# collector, so finding sites adds nothing to its passes (tuples would, one
# per word); and sorted, they come in the order the rules serve them: the
# best rule first, then the site nearest the end (the largest "after").
_SHIFT = 32
_MASK = (1 << _SHIFT) - 1


def _unpack(packed: int) -> KashidaSite:
    return KashidaSite((packed >> _SHIFT) & _MASK ^ _MASK, packed & _MASK, packed >> (2 * _SHIFT))


def _best_site(
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
    (see ``_Patterns.special``), so no character needs to be looked up.
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
    return (best_rule << (2 * _SHIFT)) | ((best_after ^ _MASK) << _SHIFT) | best_before


class WordSites(NamedTuple):
    """The words of a paragraph (runs of clusters between spaces) and their kashida sites.

    They do not depend on the width: found once per paragraph, they serve
    every width it is laid out at.
    """

    #: first character of each word
    starts: list[int]
    #: one past its last character (a space of the gap after it, if any)
    ends: list[int]
    #: its site, packed (``_unpack``), -1 for none
    sites: list[int]


def _plain_word_sites(text: str, glyphs: Sequence[str], levels: Sequence[int]) -> WordSites:
    """``word_sites`` for a paragraph whose words are separated by plain spaces only.

    One loop over the paragraph from its end, words cut at spaces, with no
    work per word but the site it found: the words holding a mark or a letter
    of another script (few) are searched again, one by one, by
    ``_best_site``. Gives what the general path gives (the tests compare).
    """
    starts: list[int] = []
    ends: list[int] = []
    sites: list[int] = []
    rules, joining, size = _PAIR_RULES, _JOINS_NEXT, len(glyphs)
    best_rule = 8
    best_after = best_before = later = -1
    end = -1  # end of the word being read; -1 between words
    for i in range(size - 1, -1, -1):
        char = text[i]
        if char == " ":
            if end >= 0:  # the word [i + 1, end) is read
                starts.append(i + 1)
                ends.append(end)
                sites.append(
                    -1
                    if best_after < 0
                    else (best_rule << (2 * _SHIFT))
                    | ((best_after ^ _MASK) << _SHIFT)
                    | best_before
                )
                best_rule, best_after, end = 8, -1, -1
            later = -1
            continue
        if end < 0:
            end = i + 1
        elif glyphs[i] in joining or char == TATWEEL:
            glyph = glyphs[later]
            if not glyph and later + 1 < size and is_lam_alef(glyphs[later + 1]):
                glyph = glyphs[later + 1]
            known = rules.get(char + glyph)
            rule = _rule(char, glyph) if known is None else known
            if rule and levels[i] & 1 and levels[later] == levels[i]:
                if rule == _IF_REH_OR_YEH_FOLLOWS:
                    # no harakat here: the letter after is the next character
                    following = later + 1
                    rule = 5 if following < end and text[following] in _REH_OR_YEH else 7
                if rule < best_rule:
                    best_rule, best_after, best_before = rule, i, later
        later = i
    if end >= 0:
        starts.append(0)
        ends.append(end)
        sites.append(
            -1
            if best_after < 0
            else (best_rule << (2 * _SHIFT)) | ((best_after ^ _MASK) << _SHIFT) | best_before
        )
    starts.reverse()
    ends.reverse()
    sites.reverse()
    searched = -1
    for found in _patterns().special.finditer(text):
        n = bisect_right(starts, found.start()) - 1
        if n > searched and found.start() < ends[n]:
            sites[n] = _best_site(text, glyphs, levels, starts[n], ends[n])
            searched = n
    return WordSites(starts, ends, sites)


def word_sites(
    text: str,
    glyphs: Sequence[str],
    levels: Sequence[int],
    clusters: Sequence[tuple[int, int, int, bool]],
) -> WordSites:
    """Every word of a shaped paragraph and its best kashida site.

    ``clusters`` are the engine's breaking units ``(start, end, cells, space)``.
    """
    if not _patterns().unusual_space.search(text):
        return _plain_word_sites(text, glyphs, levels)
    return _cluster_word_sites(text, glyphs, levels, clusters)


def _cluster_word_sites(
    text: str,
    glyphs: Sequence[str],
    levels: Sequence[int],
    clusters: Sequence[tuple[int, int, int, bool]],
) -> WordSites:
    """``word_sites`` for any paragraph: words from the clusters, one by one."""
    starts: list[int] = []
    ends: list[int] = []
    sites: list[int] = []
    # Where the characters are that change how a word is searched: found in
    # the whole paragraph at once (regular expressions run in C), each list
    # ends past the text so that the walks below need no bounds test.
    beyond = len(text)
    patterns = _patterns()
    tatweels = [m.start() for m in patterns.tatweel.finditer(text)] + [beyond]
    seens = [m.start() for m in patterns.seen_sad.finditer(text)] + [beyond]
    special = [m.start() for m in patterns.special.finditer(text)] + [beyond]
    t = n = f = 0
    rules, joining, size = _PAIR_RULES, _JOINS_NEXT, len(glyphs)
    # The runs of clusters that are not spaces, found in C: one byte per
    # cluster, 1 for a space.
    flags = bytes(map(_IS_SPACE, clusters))
    for run in _WORD_RE.finditer(flags):
        first, last = run.span()
        start, end = clusters[first][0], clusters[last - 1][1]
        starts.append(start)
        ends.append(end)
        while tatweels[t] < start:
            t += 1
        while seens[n] < start:
            n += 1
        while special[f] < start:
            f += 1
        floor = 1 if tatweels[t] < end else 2 if seens[n] < end else 3
        if special[f] < end:
            sites.append(_best_site(text, glyphs, levels, start, end, floor))
            continue
        # Most words: no mark, no letter of another script. The loop of
        # _best_site without its look-ups, written out here because a call
        # per word would cost as much as the search.
        best_rule = 8
        best_after = best_before = later = -1
        for i in range(end - 1, start - 1, -1):
            char = text[i]
            if later >= 0 and (glyphs[i] in joining or char == TATWEEL):
                glyph = glyphs[later]
                if not glyph and later + 1 < size and is_lam_alef(glyphs[later + 1]):
                    glyph = glyphs[later + 1]
                known = rules.get(char + glyph)
                rule = _rule(char, glyph) if known is None else known
                if rule and levels[i] & 1 and levels[later] == levels[i]:
                    if rule == _IF_REH_OR_YEH_FOLLOWS:
                        rule = 5 if _reh_or_yeh_follows(text, later, end) else 7
                    if rule < best_rule:
                        best_rule, best_after, best_before = rule, i, later
                        if rule <= floor:
                            break
            later = i
        sites.append(
            -1
            if best_after < 0
            else (best_rule << (2 * _SHIFT)) | ((best_after ^ _MASK) << _SHIFT) | best_before
        )
    return WordSites(starts, ends, sites)


def justify_line(
    text: str,
    glyphs: Sequence[str],
    levels: Sequence[int],
    words: WordSites,
    first: int,
    last: int,
    visual: str,
    indices: Sequence[int],
    cells: int,
    width: int,
    offset: int = 0,
) -> tuple[str, tuple[int, ...], tuple[tuple[int, int], ...]] | None:
    """Fill one visual line to ``width`` cells, or None when the limits do not allow it.

    The line shows ``text[first:last]`` of a paragraph (``words`` from
    ``word_sites``) as the engine made it: ``visual``, the logical index
    (plus ``offset``) each of its characters shows, and its ``cells``.

    Returns the new text, its index map (an added space shows the space of
    its gap, a kashida the letter it follows) and, for each added kashida,
    its position and the logical index of the letter it leads to.
    """
    extra = width - cells
    if extra <= 0:
        return None
    starts, ends, found = words
    low, high = bisect_right(ends, first), bisect_left(starts, last)
    if low >= high:
        return None
    sites = found[low:high]  # packed, see _unpack
    # A word too long for a line is folded: only its part on this line counts.
    if starts[low] < first:
        sites[0] = _best_site(text, glyphs, levels, first, min(ends[low], last))
    if ends[high - 1] > last:
        sites[-1] = _best_site(text, glyphs, levels, max(starts[high - 1], first), last)
    # Ranked as the rules want (see _unpack); words without a site (-1) first, cut off.
    sites.sort()
    ranked = sites[bisect_left(sites, 0) :]
    gaps = high - low - 1
    count = len(ranked)
    kashidas = min(extra, width // CELLS_PER_KASHIDA or 1, KASHIDAS_PER_WORD * count)
    rest = extra - kashidas
    if rest and (not gaps or rest > GAP_GROWTH * gaps):
        return None
    # What to add, by the position of the glyph it goes left of (in visual
    # order a glyph's harakat follow it, so nothing added there can take a
    # haraka from its base): kashidas left of the letter they follow, between
    # it and the letter it joins; spaces left of their gap's space.
    additions: list[tuple[int, int, int]] = []  # (position, cells, leads to or -1)
    if kashidas:
        # One cell per site and round, the best sites first.
        rounds, more = divmod(kashidas, count)
        for n, site in enumerate(ranked[:kashidas]):
            after = ((site >> _SHIFT) & _MASK ^ _MASK) + offset
            additions.append((indices.index(after), rounds + (n < more), (site & _MASK) + offset))
    if rest:
        share, odd = divmod(rest, gaps)
        for n in range(gaps):  # from the line's end
            if share + (n < odd):
                gap = ends[high - 2 - n] + offset  # the gap's first space
                additions.append((indices.index(gap), share + (n < odd), -1))
    additions.sort()
    pieces: list[str] = []
    shown: list[int] = []
    added: list[tuple[int, int]] = []
    done = 0
    for position, cells, leads_to in additions:
        pieces.append(visual[done:position])
        shown += indices[done:position]
        if leads_to < 0:
            pieces.append(" " * cells)
        else:
            pieces.append(TATWEEL * cells)
            at = len(shown)
            for k in range(cells):
                added.append((at + k, leads_to))
        shown += [indices[position]] * cells
        done = position
    pieces.append(visual[done:])
    shown += indices[done:]
    return "".join(pieces), tuple(shown), tuple(added)
