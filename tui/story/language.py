"""A story's reading direction, from what it declares or from its text.

The order of precedence: a declared direction, then the language (``ar``,
``fa``, ``ur``, ``he`` ... read right to left; a script subtag such as
``-Arab`` or ``-Latn`` decides over the language), then the first strong
letter of the text (UAX #9 rules P2/P3).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.rtl.direction import first_strong
from tui.types import Direction

UNDETERMINED = "und"

LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")

# Languages usually written right to left (ISO 639 codes, old and new).
_RTL_LANGUAGES = frozenset(
    {
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ps",
        "sd", "syr", "ug", "ur", "yi", "azb", "bal", "lrc", "mzn", "glk",
        "prs", "pnb", "skr", "nqo", "sam",
    }
)  # fmt: skip
_RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand"})
_SCRIPT_SUBTAG = re.compile(r"[A-Za-z]{4}")


def language_direction(language: str) -> Direction | None:
    """``"R"`` or ``"L"`` when the language tag settles it, else ``None``."""
    subtags = language.split("-")
    for subtag in subtags[1:]:
        if _SCRIPT_SUBTAG.fullmatch(subtag):
            return "R" if subtag.lower() in _RTL_SCRIPTS else "L"
    primary = subtags[0].lower()
    if primary in ("", UNDETERMINED, "mul", "mis", "zxx"):
        return None
    return "R" if primary in _RTL_LANGUAGES else "L"


def text_direction(texts: Iterable[str], default: Direction = "L") -> Direction:
    """The direction of the first strong letter found in ``texts``."""
    return first_direction(texts) or default


def first_direction(texts: Iterable[str]) -> Direction | None:
    """The direction of the first strong letter found in ``texts``; None if none has one."""
    for text in texts:
        for line in text.split("\n"):
            found = first_strong(line)
            if found is not None:
                return found
    return None


def story_direction(declared: Direction | None, language: str, texts: Iterable[str]) -> Direction:
    """The direction a story is read in (see the module docstring)."""
    if declared is not None:
        return declared
    return language_direction(language) or text_direction(texts)
