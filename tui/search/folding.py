"""Folding text into search keys: what an Arabic reader types against what was written.

``fold_key(text)`` gives the search key of a text, fast (``str.translate`` over a
``FoldTable`` that folds each character the first time it is seen), for
indexing; ``fold_query`` prepares what a reader typed. The offsets from a key
back to its text are ``tui.search.normalize``'s.

The folding, and why:
- Per character: compatibility decomposition (the K of NFKC), casefold, then
  decomposition again. Presentation forms (ﻷ ﺑ) become letters, ``viadeo`` finds
  ``VIADEO``, ``strasse`` finds ``Straße``. Working per character gives every key
  character one source character; composing (the C) adds nothing when both sides
  are decomposed.
- Ignored: every combining mark (harakat, superscript alef, the Quranic marks
  U+06D6..U+06ED, Latin accents), tatweel, format and control characters (bidi
  controls, ZWJ, ZWNJ). ``مُحَمَّد`` and ``محمد`` find each other.
- Hamza: أ إ آ ٱ fold to ا, ؤ to و, ئ to ي (the seat letter a reader types when
  skipping the hamza), and a lone ء is dropped: ``انسى`` finds ``أنسى``, ``قراة``
  finds ``قراءة``. A hamza the reader does type is kept: a query with ء only finds
  ء (``ماء`` must not find every ``ما``), and ؤ or ئ in a query finds either seat
  (``مسئول`` finds ``مسؤول``).
- ى/ي and ة/ه fold together, since writers and readers mix them. A typed ى or ة
  also says "the word ends here": it finds ى/ة anywhere, ي/ه only at a word's end,
  so ``انسى`` finds ``أنسى`` but not the ``انسي`` inside ``فرانسيسكو``.
- Decimal digits of every script fold to ASCII: ``١٩٧٤`` finds ``1974``. Farsi yeh
  and keheh (the same letters from Persian keyboards) fold to ي and ك.
- Whitespace runs are one space; a query's outer spaces are dropped.

This is the folding Lucene's ArabicNormalizer does, plus offsets and the hamza and
word-end rules. camel-tools would bring a heavy stack for it, and pyarabic is GPL;
neither returns an offset map, which highlighting needs.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from dataclasses import dataclass
from itertools import product

HAMZA = "\u0621"  # ء
HIGH_HAMZA = "\u0674"  # ٴ, the hamza of Kashmiri and Kazakh spellings; treated as ء
ALEF = "\u0627"  # ا
WAW = "\u0648"  # و
YEH = "\u064a"  # ي
ALEF_MAKSURA = "\u0649"  # ى
HEH = "\u0647"  # ه
TEH_MARBUTA = "\u0629"  # ة
WAW_WITH_HAMZA = "\u0624"  # ؤ
YEH_WITH_HAMZA = "\u0626"  # ئ

# Harakat, superscript alef, Quranic annotation marks (the whole U+06D6..U+06ED
# block, including its symbols and small letters), tatweel. Most are category Mn
# and would go anyway; the range also takes the few that are not (۞ ۩ ۥ ۦ).
_IGNORED_ARABIC = frozenset(
    [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640],
)
_LETTER_VARIANTS = {
    "\u0671": ALEF,  # ٱ alef wasla
    "\u0672": ALEF,  # ٲ alef with wavy hamza above
    "\u0673": ALEF,  # ٳ alef with wavy hamza below
    "\u06cc": YEH,  # ی Farsi yeh
    "\u06a9": "\u0643",  # ک keheh -> ك
}
_IGNORED_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc"})

# A query with more typed hamza seats than this tries both seats only for the first
# ones: 2**4 spellings is plenty for what people type.
_MAX_SEATS = 4


def _fold_step(char: str, *, keep_hamza: bool, word_ends: bool) -> str:
    if ord(char) in _IGNORED_ARABIC:
        return ""
    if char in (HAMZA, HIGH_HAMZA):
        return HAMZA if keep_hamza else ""
    if char == ALEF_MAKSURA:
        return char if word_ends else YEH
    if char == TEH_MARBUTA:
        return char if word_ends else HEH
    variant = _LETTER_VARIANTS.get(char)
    if variant is not None:
        return variant
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category in _IGNORED_CATEGORIES:
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(char))
    return unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())


def _fold_char(char: str, *, keep_hamza: bool, word_ends: bool) -> str:
    # Repeat until every output character folds to itself (casefold can produce a
    # character that decomposes further, as İ gives i + U+0307), so that a folded
    # text folds to itself: a key can be used as a query.
    current = char
    for _ in range(8):
        folded = "".join(
            _fold_step(piece, keep_hamza=keep_hamza, word_ends=word_ends) for piece in current
        )
        if folded == current:
            break
        current = folded
    return current


class FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds each character the first time it is seen.

    ``word_ends`` keeps ى and ة (the letters whose meaning includes "end of word")
    instead of folding them to ي and ه; ``keep_hamza`` keeps a lone ء. The table
    also remembers which characters it has seen fold to nothing or to several, the
    only places where a key and its text stop running side by side.
    """

    def __init__(self, *, keep_hamza: bool, word_ends: bool) -> None:
        super().__init__()
        self.keep_hamza = keep_hamza
        self.word_ends = word_ends
        self._dropped: set[str] = set()
        self._expanding: set[str] = set()
        self._making_space: set[str] = set()
        self._patterns: tuple[re.Pattern[str] | None, re.Pattern[str]] | None = None
        # The tables are shared with the thread that builds the search index:
        # the sets and the patterns made from them change together.
        self._lock = threading.Lock()

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = _fold_char(char, keep_hamza=self.keep_hamza, word_ends=self.word_ends)
        with self._lock:
            if not folded:
                self._dropped.add(char)
                self._patterns = None
            elif len(folded) > 1:
                self._expanding.add(char)
                self._patterns = None
            if " " in folded and not char.isspace():
                self._making_space.add(char)
                self._patterns = None
        self[code] = folded
        return folded

    @property
    def expanding(self) -> frozenset[str]:
        """The characters seen so far that fold to several (ß, ﻻ, ﷲ)."""
        with self._lock:
            return frozenset(self._expanding)

    def patterns(self) -> tuple[re.Pattern[str] | None, re.Pattern[str]]:
        """Two patterns over the characters seen so far.

        The first finds a character that folds to nothing or to several (None if
        there is none); the second, a place where folded spaces would merge.
        """
        with self._lock:
            if self._patterns is None:
                irregular = self._dropped | self._expanding
                dropped = _character_class(self._dropped) + "*" if self._dropped else ""
                merging = r"\s" + dropped + r"\s"
                if self._making_space:
                    merging = _character_class(self._making_space) + "|" + merging
                self._patterns = (
                    re.compile(_character_class(irregular)) if irregular else None,
                    re.compile(merging),
                )
            return self._patterns


def _character_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


_TABLES = {
    (keep_hamza, word_ends): FoldTable(keep_hamza=keep_hamza, word_ends=word_ends)
    for keep_hamza in (False, True)
    for word_ends in (False, True)
}


def fold_table(*, keep_hamza: bool = False, word_ends: bool = False) -> FoldTable:
    """The shared translate table for one variant of the folding."""
    return _TABLES[keep_hamza, word_ends]


_SPACE_RUN = re.compile(" {2,}")
# ي or ه not followed by a letter (digits, spaces, punctuation, the end).
_FINAL_YEH = re.compile(YEH + r"(?![^\W\d_])")
_FINAL_HEH = re.compile(HEH + r"(?![^\W\d_])")


def fold_key(text: str, table: FoldTable | None = None) -> str:
    """The search key of ``text`` (what ``normalize(text).text`` is), without offsets.

    ``str.translate`` does the work, so a megabyte takes a few tens of milliseconds.
    """
    folded = text.translate(table if table is not None else _TABLES[False, False])
    if "  " in folded:
        folded = _SPACE_RUN.sub(" ", folded)
    return folded


#: characters handled per C call (``str.translate``, a regular expression) when a
#: long key is built: a call then holds the interpreter a millisecond or two, so
#: that a key built in a thread never freezes the screen (one call over a 4 MB
#: paragraph held it for 100 ms)
SLICE = 1 << 13


def let_others_run() -> None:
    """Give the interpreter to a thread waiting for it (the event loop's), between slices.

    A thread that only computes keeps the interpreter until the switch
    interval (5 ms) forces it out, each time the event loop's thread wants it
    back: dozens of times a frame. Let go after each slice instead. (Not on
    the main thread: it would only give the processor away.)
    """
    if threading.current_thread() is not threading.main_thread():
        time.sleep(0)


def fold_key_in_slices(text: str, table: FoldTable | None = None) -> str:
    """``fold_key(text, table)``, folded a slice at a time (see ``SLICE``)."""
    if len(text) <= SLICE:
        return fold_key(text, table)
    table = table if table is not None else _TABLES[False, False]
    pieces: list[str] = []
    ends_in_space = False
    for start in range(0, len(text), SLICE):
        let_others_run()
        piece = fold_key(text[start : start + SLICE], table)
        if not piece:
            continue  # only ignored characters: the space before may meet one after
        if ends_in_space and piece[0] == " ":
            piece = piece[1:]  # a run of spaces across the cut is one space
            if not piece:
                continue
        pieces.append(piece)
        ends_in_space = piece[-1] == " "
    return "".join(pieces)


def without_word_ends_in_slices(key: str) -> str:
    """``without_word_ends(key)``, a slice at a time (see ``SLICE``)."""
    if len(key) <= SLICE:
        return without_word_ends(key)
    plain: list[str] = []
    for at in range(0, len(key), SLICE):
        let_others_run()
        plain.append(without_word_ends(key[at : at + SLICE]))
    return "".join(plain)


def without_word_ends(key: str) -> str:
    """A word-ends key as a plain key: ى as ي, ة as ه (the same length)."""
    return key.replace(ALEF_MAKSURA, YEH).replace(TEH_MARBUTA, HEH)


# A letter, as the lookaheads of _FINAL_YEH and _FINAL_HEH have it.
_LETTER = re.compile(r"[^\W\d_]")


def word_end_letter(key: str, position: int) -> str:
    """``mark_word_ends(key)[position]``, without marking the whole key.

    An index asks this only where a typed ى or ة must be matched: marking a
    10 MB key whole took two regular expressions and 60 ms.
    """
    char = key[position]
    if char == YEH and not _LETTER.match(key, position + 1):
        return ALEF_MAKSURA
    if char == HEH and not _LETTER.match(key, position + 1):
        return TEH_MARBUTA
    return char


def mark_word_ends(key: str) -> str:
    """Write a word-final ي or ه of a word-ends key as ى or ة.

    A typed ى or ة then finds its letter at a word's end whichever way it was
    written, and nowhere else unless the text itself has ى or ة there.
    """
    return _FINAL_HEH.sub(TEH_MARBUTA, _FINAL_YEH.sub(ALEF_MAKSURA, key))


def is_trailing_mark(char: str) -> bool:
    # What the eye reads as part of the letter before it: harakat and other
    # combining marks, tatweel. Not joiners or bidi controls (nothing to see), nor
    # a lone ء (dropped by folding, but a letter of its own).
    return ord(char) in _IGNORED_ARABIC or unicodedata.category(char) in ("Mn", "Me")


@dataclass(frozen=True, slots=True)
class FoldedQuery:
    """What a reader typed, ready to look for in a key.

    ``spellings`` are the key of the query and its hamza-seat variants (ؤ and ئ
    typed as either seat), all the same length. ``word_ends`` lists the offsets
    where the reader typed ى or ة, with that letter: the text's word-ends key must
    have the same letter there. ``keep_hamza``: the query has a lone ء, so it is
    looked for in keys that keep ء.
    """

    spellings: tuple[str, ...]
    word_ends: tuple[tuple[int, str], ...]
    keep_hamza: bool

    @property
    def width(self) -> int:
        """Length of every spelling, in key characters."""
        return len(self.spellings[0])


def fold_query(query: str) -> FoldedQuery:
    """Fold a typed query; an empty or all-ignorable one has one empty spelling."""
    # NFKC first so that a hamza typed as a separate mark (و + U+0654) or as a
    # presentation form counts as the letter the reader meant.
    typed = unicodedata.normalize("NFKC", query)
    keep_hamza = HAMZA in typed or HIGH_HAMZA in typed
    table = _TABLES[keep_hamza, True]
    pieces: list[str] = []
    seats: list[bool] = []
    after_space = True  # drops leading spaces
    for char in typed:
        is_seat = char in (WAW_WITH_HAMZA, YEH_WITH_HAMZA)
        for piece in table[ord(char)]:
            if piece == " ":
                if after_space:
                    continue
                after_space = True
            else:
                after_space = False
            pieces.append(piece)
            seats.append(is_seat)
    if pieces and pieces[-1] == " ":
        pieces.pop()
        seats.pop()
    word_ends = tuple(
        (offset, piece)
        for offset, piece in enumerate(pieces)
        if piece in (ALEF_MAKSURA, TEH_MARBUTA)
    )
    key = without_word_ends("".join(pieces))
    seat_offsets = [offset for offset, is_seat in enumerate(seats) if is_seat][:_MAX_SEATS]
    spellings = []
    for letters in product((WAW, YEH), repeat=len(seat_offsets)):
        spelling = list(key)
        for offset, letter in zip(seat_offsets, letters, strict=True):
            spelling[offset] = letter
        spellings.append("".join(spelling))
    # The spelling as typed first, then the others (order only matters for ties).
    spellings.sort(key=lambda spelling: spelling != key)
    return FoldedQuery(tuple(spellings), word_ends, keep_hamza)
