"""Arabic shaping with an index map: the glyph each logical character becomes.

arabic-reshaper knows the presentation forms of every Arabic letter; its
``reshape`` loop does not fit a terminal reader as it is: it returns a string
of another length with no map back to the source (so a search highlight
cannot find its glyphs), it forms lam-alef across harakat where FriBidi does
not, it joins letters across a change of direction, and a ZWJ before a
lam-alef makes it raise IndexError. So the joining (Unicode chapter 9.2, as
FriBidi applies it within each directional run) is done here, with the
reshaper's tables for the forms and the lam-alef ligatures.

``shape`` returns one glyph string per logical character: usually one
presentation form; ``""`` for an alef absorbed into a lam-alef ligature, and
for format characters that have done their work (ZWJ, ZWNJ, bidi controls).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from arabic_reshaper import letters as _letters
from arabic_reshaper.letters import LETTERS_ARABIC
from arabic_reshaper.ligatures import LETTERS_LIGATURES

# Indices into the reshaper's (isolated, initial, medial, final) tuples.
ISOLATED: int = int(_letters.ISOLATED)
INITIAL: int = int(_letters.INITIAL)
MEDIAL: int = int(_letters.MEDIAL)
FINAL: int = int(_letters.FINAL)

ZWJ = "\u200d"
ZWNJ = "\u200c"
TATWEEL = "\u0640"

# Bits in the spirit of FriBidi's joining masks: which side a character can
# join on, in the visual sense (right = towards the preceding letter in RTL).
_JOINS_RIGHT = 1
_JOINS_LEFT = 2

_LAM_ALEF: dict[str, tuple[str, str]] = {}
for _name, (_pair, _forms) in LETTERS_LIGATURES:
    if _name.startswith("ARABIC LIGATURE LAM WITH ALEF") and "MAKSURA" not in _name:
        # (isolated, final): the ligature after a non-joining or a joining letter
        _LAM_ALEF[_pair[1]] = (_forms[ISOLATED], _forms[FINAL])
_LAM = "\u0644"

#: characters that never reach the screen: they steer the layout and are spent
INVISIBLE_CONTROLS = frozenset(
    "\u200e\u200f\u061c"  # LRM, RLM, ALM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
    "\u200b\u200c\u00ad\u2060\ufeff"  # ZWSP, ZWNJ, soft hyphen, word joiner, BOM
)


@lru_cache(maxsize=4096)
def _joining_bits(char: str) -> int | None:
    """The sides ``char`` joins on, or None for a transparent character."""
    if char in (ZWJ, TATWEEL):
        return _JOINS_RIGHT | _JOINS_LEFT  # join-causing
    forms = LETTERS_ARABIC.get(char)
    if forms is not None:
        bits = 0
        if forms[FINAL] or forms[MEDIAL]:
            bits |= _JOINS_RIGHT
        if forms[INITIAL] or forms[MEDIAL]:
            bits |= _JOINS_LEFT
        return bits
    if char == ZWNJ:
        return 0
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf"):
        return None  # transparent: skipped by joining
    if unicodedata.bidirectional(char) == "BN":
        return None
    return 0


def _is_pictograph(char: str) -> bool:
    """True for symbols that ZWJ sequences join (emoji and their modifiers)."""
    return unicodedata.category(char) in ("So", "Sk") or "\U0001f300" <= char <= "\U0001faff"


def _form_of(bits: int) -> int:
    """The presentation form for a letter that joins on the sides in ``bits``."""
    if bits == _JOINS_RIGHT | _JOINS_LEFT:
        return MEDIAL
    if bits == _JOINS_RIGHT:
        return FINAL
    if bits == _JOINS_LEFT:
        return INITIAL
    return ISOLATED


def shape(text: str, levels: Sequence[int]) -> list[str]:
    """The glyph string of each character of ``text``, joined within directional runs.

    ``levels`` are the paragraph's resolved embedding levels: letters join
    only with neighbours of the same direction, as FriBidi does.
    """
    size = len(text)
    props = [0] * size
    skipped = [False] * size
    for i, char in enumerate(text):
        bits = _joining_bits(char)
        if bits is None:
            skipped[i] = True
        else:
            props[i] = bits
    i = 0
    while i < size:
        rtl = levels[i] & 1
        preceding = _JOINS_RIGHT if rtl else _JOINS_LEFT
        following = _JOINS_LEFT if rtl else _JOINS_RIGHT
        joins = False
        saved = -1
        while i < size and (levels[i] & 1) == rtl:
            if skipped[i]:
                i += 1
                continue
            if not joins:
                props[i] &= ~preceding
            elif not props[i] & preceding:
                props[saved] &= ~following
            joins = bool(props[i] & following)
            saved = i
            i += 1
        if saved >= 0:
            props[saved] &= ~following

    glyphs: list[str] = []
    for i, char in enumerate(text):
        if char == ZWJ:
            # Spent once the letters around it are joined; between two
            # pictographs it makes an emoji sequence and must stay.
            keep = 0 < i < size - 1 and _is_pictograph(text[i - 1]) and _is_pictograph(text[i + 1])
            glyphs.append(ZWJ if keep else "")
        elif char in INVISIBLE_CONTROLS:
            glyphs.append("")
        elif char != TATWEEL and (forms := LETTERS_ARABIC.get(char)) is not None:
            glyphs.append(forms[_form_of(props[i])] or forms[ISOLATED])
        else:
            glyphs.append(char)

    # Lam-alef: a lam that joins an adjacent alef on the same level becomes
    # one ligature glyph; the alef's place stays, empty (FriBidi keeps a
    # U+FEFF filler there).
    for i in range(size - 1):
        if (
            text[i] == _LAM
            and text[i + 1] in _LAM_ALEF
            and levels[i] == levels[i + 1]
            and levels[i] & 1
            and props[i] & (_JOINS_LEFT if levels[i] & 1 else _JOINS_RIGHT)
            and glyphs[i + 1]
        ):
            isolated, final = _LAM_ALEF[text[i + 1]]
            joined_before = props[i] & (_JOINS_RIGHT if levels[i] & 1 else _JOINS_LEFT)
            glyphs[i] = final if joined_before else isolated
            glyphs[i + 1] = ""
    return glyphs
