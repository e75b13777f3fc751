"""Which paragraphs the simple breaking may take, and which of their characters take no cell.

``breaking.simple_breaks`` finds lines with a few searches in C, counting one
cell a character; it is right for text without wide characters, emoji
sequences, spaces other than U+0020 at which a line may break, a combining
mark right after a space, lam-alef presentation forms or anything beyond
U+FFFF (``is_simple``), less the characters that take no cell
(``zero_width_count``). Both are built from the table Rich measures with, so
that the two ways of breaking measure alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rich._unicode_data import load as load_cell_table

from tui.rtl.shaping import INVISIBLE_CONTROLS

#: spaces at which a line may break (no-break spaces are not among them)
BREAKING_SPACES = frozenset(
    " \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
)
MARK_CATEGORIES = ("Mn", "Me", "Mc")


def _character_class(ranges: list[tuple[int, int]]) -> str:
    return "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )


@functools.cache
def _special_ranges() -> list[tuple[int, int]]:
    """The code point ranges that send a paragraph to the general breaking.

    Wide characters, spaces other than U+0020 at which a line may break, and:
    ZWJ and VS16 change how Rich measures a sequence; emoji modifiers are
    wide; a lam-alef ligature written as such keeps a spent control before
    it out of the preceding cluster (as a lam's empty place); everything
    beyond U+FFFF. Built from the table Rich measures with, so that the two
    ways measure alike.
    """
    wide = [(low, min(high, 0xFFFF)) for low, high, width in _cell_table() if width == 2]
    other_spaces = [(ord(c), ord(c)) for c in BREAKING_SPACES if c != " "]
    special = [(0x200D, 0x200D), (0xFE0F, 0xFE0F), (0xFEF5, 0xFEFC), (0x10000, 0x10FFFF)]
    return [(low, high) for low, high in wide + other_spaces + special if low <= high]


def _cell_table() -> list[tuple[int, int, int]]:
    # Only the Basic Multilingual Plane: a class with ranges beyond it costs
    # the regular expression engine a linear scan per character (hundreds of
    # nanoseconds), and a paragraph with such a character takes the general way.
    return [
        (low, min(high, 0xFFFF), width)
        for low, high, width in load_cell_table("auto").widths
        if low <= 0xFFFF
    ]


@functools.cache
def _zero_ranges() -> list[tuple[int, int]]:
    """Zero-width glyphs: Rich's zero-width ranges, controls, Rawi's invisible controls."""
    zero = [(low, high) for low, high, width in _cell_table() if width == 0]
    return zero + [(0, 0x1F), (0x7F, 0x9F)] + [(ord(c), ord(c)) for c in INVISIBLE_CONTROLS]


# Each pattern is compiled the first time it is needed (the class of special
# characters alone costs the regular expression compiler ~2 ms, and prose
# seldom needs it: see ``_has_special``).


@functools.cache
def zero_pattern() -> re.Pattern[str]:
    """A zero-width glyph."""
    return re.compile("[" + _character_class(_zero_ranges()) + "]")


@functools.cache
def _special_pattern() -> re.Pattern[str]:
    """A character that needs the general breaking (``_special_ranges``)."""
    return re.compile("[" + _character_class(_special_ranges()) + "]")


@functools.cache
def _mark_after_space() -> re.Pattern[str]:
    """A zero-width mark right after a space.

    A mark after a space stays on it (no break there); a format character
    after a space opens the next word, as simple_breaks has it.
    """
    marks = [
        (code, code)
        for low, high in _zero_ranges()
        for code in range(low, high + 1)
        if unicodedata.category(chr(code)) in MARK_CATEGORIES
    ]
    return re.compile(" [" + _character_class(marks) + "]")


@functools.cache
def _plain_pages() -> bytes:
    """The 256-character pages of the BMP without a character of ``_special_ranges``."""
    special = bytearray(256)
    for low, high in _special_ranges():
        for page in range(low >> 8, min(high, 0xFFFF) // 256 + 1):
            special[page] = 1
    return bytes(page for page in range(256) if not special[page])


@functools.cache
def _special_of_page(page: int) -> str:
    """The characters of ``_special_ranges`` in one 256-character page of the BMP."""
    first, last = page << 8, (page << 8) | 0xFF
    return "".join(
        chr(code)
        for low, high in _special_ranges()
        for code in range(max(low, first), min(high, last) + 1)
    )


#: a text whose pages hold more special characters than this is searched
_MOST_SPECIAL_LOOKED_FOR = 24


def _has_special(text: str) -> bool | None:
    """Whether ``text`` holds a special character, found by its UTF-16 pages; None
    when that would take longer than the search.

    The high bytes of the text's code units, less those of the pages without
    special characters (one pass of ``bytes.translate``), give the pages to
    look in; a few characters are looked for one by one (``str.__contains__``,
    a scan in C). Prose in Latin and Arabic letters costs a fifth of the
    search for a class of some 300 ranges.
    """
    data = text.encode("utf-16-be", "surrogatepass")
    if len(data) != 2 * len(text):
        return True  # beyond U+FFFF: special
    rest = data[0::2].translate(None, _plain_pages())
    wanted = ""
    while rest:
        page = rest[0]
        wanted += _special_of_page(page)
        if len(wanted) > _MOST_SPECIAL_LOOKED_FOR:
            return None
        rest = rest.translate(None, bytes((page,)))
    return any(char in text for char in wanted)


def is_simple(text: str) -> bool:
    """True when ``simple_breaks`` may break ``text`` (resolved without overrides).

    That is: no wide character, no emoji sequence, no space but U+0020, no
    combining mark right after a space, no lam-alef presentation form, nothing
    beyond U+FFFF. Without
    overrides, a lam right before an alef always makes a ligature (both are
    AL, so they resolve to the same odd level): the one change of width
    shaping makes that ``simple_breaks`` must know of.
    """
    if _mark_after_space().search(text) is not None:
        return False
    found = _has_special(text)
    return not found if found is not None else _special_pattern().search(text) is None


def zero_width_count(text: str) -> int:
    """How many characters of ``text`` (of a simple paragraph) take no cell."""
    return len(zero_pattern().findall(text))
