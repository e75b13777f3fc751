"""Cleaning text from files before it can reach a terminal.

``clean_text`` is applied once, when a story is loaded (and again, as a cheap
no-op, by the layout engine, so that nothing it is handed can write an escape
sequence). Nothing is silently dropped: a control character becomes its
visible Unicode "control picture" (ESC shows as ``␛``), so a reader sees that
the file held something odd, while the terminal never receives the control.
"""

from __future__ import annotations

import re

TAB_WIDTH = 4

# C0 controls other than LF (TAB becomes spaces), DEL, the C1 block, lone surrogates, and
# the Unicode line/paragraph separators (which are normalised to LF).
_NEEDS_CLEANING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")

_TRANSLATION: dict[int, str] = {}
for _code in range(0x20):
    # U+2400 + n is the control picture of C0 control n (␀ ␁ ... ␟).
    _TRANSLATION[_code] = chr(0x2400 + _code)
_TRANSLATION[0x09] = " " * TAB_WIDTH
_TRANSLATION[0x0A] = "\n"
_TRANSLATION[0x7F] = "\u2421"  # ␡
for _code in range(0x80, 0xA0):
    # C1 controls (CSI, OSC, ST ...) have no pictures: the replacement
    # character says "something was here" without acting on the terminal.
    _TRANSLATION[_code] = "\ufffd"
_TRANSLATION[0x2028] = "\n"
_TRANSLATION[0x2029] = "\n"
for _code in range(0xD800, 0xE000):
    _TRANSLATION[_code] = "\ufffd"

# CR LF and lone CR are line ends, not controls to show.
_LINE_ENDS = re.compile("\r\n?")


def clean_text(text: str) -> str:
    """Return ``text`` with every control character made harmless and visible.

    Line ends become ``\\n``; tabs become spaces; other C0/C1 controls and DEL
    become visible placeholders; lone surrogates become U+FFFD. BiDi format
    characters (marks, embeddings, isolates) are kept: they carry meaning and
    the layout engine consumes them without printing them.
    """
    if _is_printable(text) or not _NEEDS_CLEANING.search(text):
        return text
    return _LINE_ENDS.sub("\n", text).translate(_TRANSLATION)


def is_clean(text: str) -> bool:
    """True when ``clean_text`` would return ``text`` unchanged."""
    return _is_printable(text) or _NEEDS_CLEANING.search(text) is None


def _is_printable(text: str) -> bool:
    # What needs cleaning is all of categories Cc, Cs, Zl and Zp, none of
    # which ``str.isprintable`` lets through: a paragraph without them is
    # cleared twice as fast as by the search (which a line feed, a format
    # character or a space other than U+0020 still needs).
    return text.isprintable()
