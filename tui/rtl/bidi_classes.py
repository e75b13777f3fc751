"""The Bidi_Class of characters, and of a whole paragraph as one letter a character.

``bidi_class`` gives the class of one character (with Unicode's defaults for
unassigned code points); ``bidi_codes`` the classes of a paragraph as a
``bytes`` string, one ``CODE_OF_CLASS`` letter a character, which the rules
of ``tui.rtl.bidi`` then run over as regular expressions and translations.

Why ``bidi_codes`` does not simply ``str.translate``: a translation through a
dictionary costs a look-up per character (some 30 ns: 70 ms for a 4 MB
paragraph, the largest single cost before a giant paragraph's first frame).
A long text is instead taken as UTF-16, whose code units split into a high
byte (the 256-character "page") and a low byte: each page present gets a
256-byte table (``bytes.translate``, in C), and the pages are merged by the
high byte as masks over big integers. Prose uses two or three pages (ASCII
and Arabic), so a paragraph costs a handful of passes over bytes, about a
tenth of the dictionary's time. Text with many pages, or outside the BMP,
keeps the dictionary.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Unassigned code points default to R or AL in the right-to-left blocks
# (DerivedBidiClass.txt); Python's unicodedata answers "" for them.
_DEFAULT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "R"),
    (0x0600, 0x07BF, "AL"),
    (0x07C0, 0x085F, "R"),
    (0x0860, 0x08FF, "AL"),
    (0x20A0, 0x20CF, "ET"),
    (0xFB1D, 0xFB4F, "R"),
    (0xFB50, 0xFDCF, "AL"),
    (0xFDD0, 0xFDEF, "BN"),
    (0xFDF0, 0xFDFF, "AL"),
    (0xFE70, 0xFEFF, "AL"),
    (0x10800, 0x10CFF, "R"),
    (0x10D00, 0x10D3F, "AL"),
    (0x10D40, 0x10EBF, "R"),
    (0x10EC0, 0x10EFF, "AL"),
    (0x10F00, 0x10F2F, "R"),
    (0x10F30, 0x10F6F, "AL"),
    (0x10F70, 0x10FFF, "R"),
    (0x1E800, 0x1EC6F, "R"),
    (0x1EC70, 0x1ECBF, "AL"),
    (0x1ECC0, 0x1ECFF, "R"),
    (0x1ED00, 0x1ED4F, "AL"),
    (0x1ED50, 0x1EDFF, "R"),
    (0x1EE00, 0x1EEFF, "AL"),
    (0x1EF00, 0x1EFFF, "R"),
    (0xE0000, 0xE0FFF, "BN"),
)


@lru_cache(maxsize=4096)
def bidi_class(char: str) -> str:
    """The Bidi_Class of ``char``, with the Unicode defaults for unassigned code points."""
    kind = unicodedata.bidirectional(char)
    if kind:
        return kind
    code = ord(char)
    if (code & 0xFFFE) == 0xFFFE:  # noncharacters
        return "BN"
    for low, high, default in _DEFAULT_RANGES:
        if low <= code <= high:
            return default
    if 0x2060 <= code <= 0x206F or 0xFFF0 <= code <= 0xFFF8:  # default ignorables
        return "BN"
    return "L"


#: one ASCII letter per Bidi_Class: a paragraph's classes are a ``bytes`` string,
#: so that the rules can run as regular expressions and translations in C
CODE_OF_CLASS: dict[str, str] = {
    "L": "L", "R": "R", "AL": "A", "EN": "E", "ES": "s", "ET": "t", "AN": "N",
    "CS": "c", "NSM": "m", "BN": "b", "B": "B", "S": "S", "WS": "w", "ON": "o",
    "LRE": "1", "LRO": "2", "RLE": "3", "RLO": "4", "PDF": "5",
    "LRI": "6", "RLI": "7", "FSI": "8", "PDI": "9",
}  # fmt: skip
CLASS_OF_CODE: dict[int, str] = {ord(code): kind for kind, code in CODE_OF_CLASS.items()}


class _CodeTable(dict[int, str]):
    """A ``str.translate`` table from code point to class letter, filled as characters come."""

    def __missing__(self, code: int) -> str:
        letter = CODE_OF_CLASS[bidi_class(chr(code))]
        self[code] = letter
        return letter


_CODES = _CodeTable()

#: texts shorter than this are translated character by character: the pages
#: cost a few microseconds of set-up whatever the length (measured: even at
#: about 64 characters of Arabic prose)
_BY_PAGE_FROM = 64
#: more pages than this (Chinese, a table of symbols): the dictionary again
_MOST_PAGES = 8


def codes_by_character(text: str) -> bytes:
    """``bidi_codes`` through a dictionary look-up a character (the reference)."""
    return text.translate(_CODES).encode("ascii")


@lru_cache(maxsize=256)
def _page_table(page: int) -> bytes:
    """The class letter of each of the 256 characters of a page (``bytes.translate`` table)."""
    base = page << 8
    return "".join(CODE_OF_CLASS[bidi_class(chr(base | low))] for low in range(256)).encode("ascii")


@lru_cache(maxsize=256)
def _page_mask(page: int) -> bytes:
    """A ``bytes.translate`` table that maps ``page`` to 0xFF and every other byte to 0."""
    return bytes(0xFF if byte == page else 0 for byte in range(256))


def _pages(high: bytes) -> list[int] | None:
    """The distinct bytes of ``high``, first seen first; None if more than ``_MOST_PAGES``."""
    found: list[int] = []
    rest = high
    while rest:
        if len(found) == _MOST_PAGES:
            return None
        page = rest[0]
        found.append(page)
        rest = rest.translate(None, bytes((page,)))
    return found


def codes_by_page(text: str) -> bytes | None:
    """``bidi_codes`` of a BMP text by 256-character pages; None outside the BMP or
    when the text spreads over too many pages."""
    data = text.encode("utf-16-be", "surrogatepass")
    if len(data) != 2 * len(text):
        return None  # characters outside the BMP take two code units
    high, low = data[0::2], data[1::2]
    pages = _pages(high)
    if pages is None:
        return None
    if not pages:
        return b""
    first, *others = pages
    codes = low.translate(_page_table(first))
    if not others:
        return codes
    # Every position holds the first page's letter; each other page replaces
    # it where the high byte is that page (acc ^ ((acc ^ x) & mask)).
    merged = int.from_bytes(codes, "big")
    for page in others:
        letters = int.from_bytes(low.translate(_page_table(page)), "big")
        mask = int.from_bytes(high.translate(_page_mask(page)), "big")
        merged ^= (merged ^ letters) & mask
    return merged.to_bytes(len(text), "big")


def bidi_codes(text: str) -> bytes:
    """The Bidi_Class of each character of ``text``, one letter each (``CODE_OF_CLASS``)."""
    if len(text) < _BY_PAGE_FROM:
        return codes_by_character(text)
    if text.isascii():
        return text.encode("ascii").translate(_page_table(0))
    codes = codes_by_page(text)
    return codes_by_character(text) if codes is None else codes
