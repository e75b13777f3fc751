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

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from tui.rtl.bidi import REMOVED_CODES, bidi_codes
from tui.rtl.joining import joining_type
from tui.rtl.library_tables import letters as _letters
from tui.rtl.library_tables import ligatures as _ligatures

LETTERS_ARABIC: dict[str, tuple[str, str, str, str]] = _letters.LETTERS_ARABIC
LETTERS_LIGATURES = _ligatures.LETTERS_LIGATURES

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


_BITS_OF_TYPE = {
    "D": _JOINS_RIGHT | _JOINS_LEFT,
    "C": _JOINS_RIGHT | _JOINS_LEFT,
    "R": _JOINS_RIGHT,
    "L": _JOINS_LEFT,
    "U": 0,
}


@lru_cache(maxsize=4096)
def _joining_bits(char: str) -> int | None:
    """The sides ``char`` joins on, or None for a transparent character."""
    kind = joining_type(char)
    if kind is not None:
        return _BITS_OF_TYPE[kind]
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return None  # transparent: skipped by joining
    return 0


@lru_cache(maxsize=4096)
def _takes_forms(char: str) -> bool:
    """True for letters that take contextual forms (joining types R, D, L);
    join-causing characters (ZWJ, tatweel) only pass the joining on."""
    return joining_type(char) in ("R", "D", "L")


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


def shape(text: str, levels: Sequence[int], removed: Sequence[bool]) -> list[str]:
    """The glyph string of each character of ``text``: presentation forms, ligatures.

    Joining follows Unicode's cursive joining as FriBidi applies it with the
    bidi levels: letters join only with neighbours on the same level, where
    characters removed by rule X9 (ZWJ among them) match any level.
    ``levels`` are the paragraph's resolved levels, ``removed`` its X9 flags.
    """
    size = len(text)
    props = [0] * size
    skipped = [False] * size
    shaping = [False] * size
    for i, char in enumerate(text):
        bits = _joining_bits(char)
        if bits is None:
            skipped[i] = True
        else:
            props[i] = bits
            shaping[i] = _takes_forms(char)
    any_level = -1
    saved = 0
    saved_level = any_level
    saved_shapes = False
    saved_following = 0
    joins = False
    for i in range(size):
        shapes = shaping[i]
        level = any_level if removed[i] else levels[i]
        rtl = level & 1 if level != any_level else 1
        disjoin = False
        if joins and not (saved_level == level or any_level in (saved_level, level)):
            disjoin = True
            joins = False
        if not skipped[i]:
            preceding = _JOINS_RIGHT if rtl else _JOINS_LEFT
            if not joins:
                if shapes:
                    props[i] &= ~preceding
            elif not props[i] & preceding:
                disjoin = True
        if disjoin and saved_shapes:
            props[saved] &= ~saved_following
        if not skipped[i]:
            saved = i
            saved_level = level
            saved_shapes = shapes
            saved_following = _JOINS_LEFT if rtl else _JOINS_RIGHT
            joins = bool(props[i] & saved_following)
    if joins and saved_shapes:
        props[saved] &= ~saved_following

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

    # Lam-alef: a lam joined to the alef right after it, on the same
    # right-to-left level, makes one ligature glyph. As in FriBidi, the glyph
    # takes the alef's place and the lam's place stays empty, so that marks
    # on the alef follow the ligature.
    for i in range(size - 1):
        if (
            text[i] == _LAM
            and text[i + 1] in _LAM_ALEF
            and levels[i] == levels[i + 1]
            and levels[i] & 1
            and props[i] & _JOINS_LEFT
            and glyphs[i]
        ):
            isolated, final = _LAM_ALEF[text[i + 1]]
            glyphs[i + 1] = final if props[i] & _JOINS_RIGHT else isolated
            glyphs[i] = ""
    return glyphs


def is_lam_alef(glyph: str) -> bool:
    """True for the lam-alef ligature glyphs (U+FEF5 to U+FEFC)."""
    return len(glyph) == 1 and "\ufef5" <= glyph <= "\ufefc"


#: what stands for "no glyph" in a shaped string (sanitized text has no NUL)
NO_GLYPH = "\x00"
#: the longest word whose glyphs are remembered
_CACHED_WORD = 64
#: how many words are remembered before the memory starts again
_WORD_LIMIT = 50_000
#: words on one level, by level: what almost every line of prose is made of
_WORDS_AT: dict[int, dict[str, str]] = {}
#: words whose characters are on several levels, by word and levels
_MIXED_WORDS: dict[tuple[str, bytes], str] = {}


def _joining_of(char: str) -> tuple[int, bool, tuple[str, ...] | None] | None:
    """Joining sides, whether it takes forms, and its forms.

    None when ``_shape_rtl_run`` cannot take the character (transparent, or a
    control that is spent).
    """
    bits = _joining_bits(char)
    if bits is None or char in INVISIBLE_CONTROLS or char == ZWJ:
        return None
    forms = LETTERS_ARABIC.get(char) if char != TATWEEL else None
    return bits, _takes_forms(char), forms


class _JoiningDigits(dict[int, str]):
    """Translation to each character's joining sides as a digit, "0" to "3".

    "x" when ``_shape_rtl_run`` cannot take the character.
    """

    def __missing__(self, code: int) -> str:
        found = _joining_of(chr(code))
        digit = "x" if found is None else str(found[0])
        self[code] = digit
        return digit


_JOINING_DIGITS = _JoiningDigits()
_JOINS_RIGHT_BIT = str.maketrans("0123", "0101")
_JOINS_LEFT_BIT = str.maketrans("0123", "0011")
#: letter + form digit (2 x joined to the letter before + joined to the one after)
#: -> glyph, for every letter with presentation forms
_FORM_OF: dict[str, str] = {}
for _letter, _forms in LETTERS_ARABIC.items():
    if _letter == TATWEEL:
        continue
    _found = _joining_of(_letter)
    for _digit in range(4):
        if _found is not None and _found[1]:
            _bits = (_JOINS_RIGHT if _digit & 2 else 0) | (_JOINS_LEFT if _digit & 1 else 0)
        else:
            _bits = 0 if _found is None else _found[0]
        _FORM_OF[_letter + str(_digit)] = _forms[_form_of(_bits)] or _forms[ISOLATED]
_LAM_BEFORE_ALEF = re.compile(_LAM + "[" + "".join(_LAM_ALEF) + "]")


def _shape_rtl_run(text: str) -> str | None:
    """``shape`` for words on one right-to-left level, in a few passes in C.

    None when something is transparent or removed (``shape``'s bookkeeping for
    levels, marks and controls is then needed). Otherwise every character
    joins its neighbours by their joining types alone: each character's
    joining sides become bits of two integers; shifted and combined, they say
    for every character at once whether it joins the one before and the one
    after; letter and form then pick the glyph from a table.
    """
    size = len(text)
    digits = text.translate(_JOINING_DIGITS)
    if not size or "x" in digits:
        return None if size else ""
    right = int(digits.translate(_JOINS_RIGHT_BIT), 2)
    left = int(digits.translate(_JOINS_LEFT_BIT), 2)
    # Bit k of each integer is character size - 1 - k: the character before is
    # one bit up, the one after one bit down.
    joined_before = (left >> 1) & right
    joined_after = left & (right << 1)
    # One hexadecimal digit per character: 2 x before + after.
    forms = format(
        2 * int(format(joined_before, f"0{size}b"), 16)
        + int(format(joined_after, f"0{size}b"), 16),
        f"0{size}x",
    )
    glyphs = "".join(map(_FORM_OF.get, map(str.__add__, text, forms), text))
    if _LAM in text:
        pieces = list(glyphs)
        for found in _LAM_BEFORE_ALEF.finditer(text):
            i = found.start()
            if forms[i] in "13":  # the lam joins the alef
                isolated, final = _LAM_ALEF[text[i + 1]]
                pieces[i + 1] = final if forms[i] in "23" else isolated
                pieces[i] = NO_GLYPH
        glyphs = "".join(pieces)
    return glyphs


def _shape_word(word: str, levels: bytes) -> str:
    codes = bidi_codes(word)
    level = levels[0] if levels else 0
    if level & 1 and levels.count(level) == len(levels) and not _REMOVED.search(codes):
        fast = _shape_rtl_run(word)
        if fast is not None:
            return fast
    removed = [code in REMOVED_CODES for code in codes]
    return "".join([glyph or NO_GLYPH for glyph in shape(word, levels, removed)])


_REMOVED = re.compile(b"[" + REMOVED_CODES + b"]")


def _shape_missing(keys: list[tuple[str, bytes]], pieces: list[str | None]) -> None:
    """Shape the words of a line on several levels that are not remembered yet.

    The right-to-left ones on one level are shaped together, in one run
    (``_shape_rtl_run``); the others one by one.
    """
    together = [
        k
        for k, (word, word_levels) in enumerate(keys)
        if pieces[k] is None
        and word_levels
        and word_levels[0] & 1
        and word_levels.count(word_levels[0]) == len(word_levels)
    ]
    if len(together) > 1:
        run = _shape_rtl_run(" ".join(keys[k][0] for k in together))
        if run is not None:
            for k, shaped in zip(together, run.split(" "), strict=True):
                pieces[k] = shaped
    for k, key in enumerate(keys):
        if pieces[k] is None:
            pieces[k] = _shape_word(*key)
        if len(key[0]) <= _CACHED_WORD:
            _MIXED_WORDS[key] = pieces[k]  # type: ignore[assignment]  # set just above


def shaped_span(text: str, levels: bytes, start: int, end: int) -> str:
    """The glyphs of ``text[start:end]`` as ``shape`` gives them, one character each
    (``NO_GLYPH`` for none), shaped word by word.

    A space joins nothing and resets cursive joining: a word's glyphs depend
    on the word and its levels alone. So the words around the span are
    shaped on their own, each looked up in a memory of the words already
    shaped (prose repeats its words), and a line costs its own words only.
    """
    first = text.rfind(" ", 0, start) + 1
    last = text.find(" ", end)
    if last < 0:
        last = len(text)
    words = text[first:last].split(" ")
    span_levels = levels[first:last]
    level = span_levels[0] if span_levels else 0
    if span_levels.count(level) == len(span_levels):
        memory = _WORDS_AT.get(level)
        if memory is None or len(memory) >= _WORD_LIMIT:
            memory = _WORDS_AT[level] = {}
        found = list(map(memory.get, words))
        if found.count(None) > 2 and level & 1:
            # Many new words: shape the span at once, then remember its words.
            whole = _shape_rtl_run(text[first:last])
            if whole is not None:
                for word, shaped in zip(words, whole.split(" "), strict=True):
                    if len(word) <= _CACHED_WORD:
                        memory[word] = shaped
                return whole[start - first : end - first]
        if None in found:
            for k, word in enumerate(words):
                if found[k] is None:
                    shaped = _shape_word(word, bytes([level]) * len(word))
                    if len(word) <= _CACHED_WORD:
                        memory[word] = shaped
                    found[k] = shaped
        joined = " ".join(found)  # type: ignore[arg-type]  # no None is left
    else:
        if len(_MIXED_WORDS) >= _WORD_LIMIT:
            _MIXED_WORDS.clear()
        pieces: list[str | None] = []
        keys: list[tuple[str, bytes]] = []
        position = 0
        for word in words:
            size = len(word)
            key = (word, span_levels[position : position + size])
            keys.append(key)
            pieces.append(_MIXED_WORDS.get(key))
            position += size + 1
        if None in pieces:
            _shape_missing(keys, pieces)
        joined = " ".join(pieces)  # type: ignore[arg-type]  # no None is left
    return joined[start - first : end - first]


def forget_words() -> None:
    """Empty the memory of shaped words."""
    _WORDS_AT.clear()
    _MIXED_WORDS.clear()
