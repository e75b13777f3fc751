"""Whether a text from a story shows anything at all.

A title of zero-width spaces, joiners, BiDi controls or lone combining marks
is not empty to ``str.strip`` but shows nothing (or a stray accent) on the
screen: a reader would see a blank heading and not know why. ``looks_blank``
tells such texts apart, so that the loader can refuse them with a message.
"""

from __future__ import annotations

import unicodedata

# Letters and symbols that draw nothing: Hangul fillers, the braille blank.
_BLANK_GRAPHICS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Format characters (Cf), combining marks (Mn, Mc, Me), separators (Z*).
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Mc", "Me", "Zs", "Zl", "Zp"})


def looks_blank(text: str) -> bool:
    """True when ``text`` holds nothing a reader would see as a character."""
    for char in text:
        if char.isspace() or char in _BLANK_GRAPHICS:
            continue
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES:
            continue
        return False
    return True


# The characters that change the order of what follows them: the BiDi
# embeddings, overrides and isolates, and the implicit marks.
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SHOWN_CONTROLS = {ord(char): f"<U+{ord(char):04X}>" for char in _BIDI_CONTROLS}


def show_bidi_controls(text: str) -> str:
    """``text`` with its BiDi controls written as visible escapes (``<U+202E>``).

    For messages that quote a file (an error, a notice): a right-to-left
    override in a story must not reverse the rest of the sentence around it.
    """
    return text.translate(_SHOWN_CONTROLS)
