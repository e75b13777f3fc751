"""The direction of a paragraph, from its first strong character (UAX #9 P2, P3)."""

from __future__ import annotations

from tui.rtl.bidi import bidi_class, first_strong_level
from tui.types import Direction as Direction  # re-exported; shared with the story model


def first_strong(text: str, start: int = 0, end: int | None = None) -> Direction | None:
    """The direction of the first strong character of ``text[start:end]``.

    Characters between an isolate initiator and its matching PDI are skipped
    (rule P2); ``None`` when the text has no strong character.
    """
    # A generator: the scan stops at the first strong letter.
    level = first_strong_level(bidi_class(char) for char in text[start:end])
    return None if level is None else ("R" if level else "L")


def paragraph_direction(text: str, default: Direction = "L") -> Direction:
    """The paragraph direction of ``text`` by rule P2/P3, ``default`` if it has no strong letter."""
    return first_strong(text) or default


FSI, PDI = "\u2068", "\u2069"
_OPENERS = frozenset("\u2066\u2067\u2068")


def isolate(text: str) -> str:
    """``text`` wrapped in FSI ... PDI, so that it cannot reorder what is around it.

    Rawi's own labels hold story text ("[صورة: caption]", "date: label"); a
    caption with an unbalanced RLO must not flip the brackets around it. The
    closing PDI ends every embedding and override the text opened (UAX #9,
    X6a); a PDI of the text that matches no isolate of its own would close
    ours early, so such PDIs are dropped (they have no effect inside it), and
    isolates the text leaves open are closed before ours.
    """
    depth = 0
    kept: list[str] = []
    for char in text:
        if char in _OPENERS:
            depth += 1
        elif char == PDI:
            if depth == 0:
                continue
            depth -= 1
        kept.append(char)
    return FSI + "".join(kept) + PDI * (depth + 1)
