"""The kashida rules of issue 12, written again for the tests from Unicode character names.

The engine (``tui.rtl.justify``) classifies letters with its own tables; here
a letter's group comes from its Unicode name ("ARABIC LETTER SHEEN") and its
shaped form from the name of the presentation form the unjustified, FriBidi-
checked line shows for it ("... INITIAL FORM"), so that a slip in either
table is caught by the other. ``site_rule`` says which rule (1 best, 7 last)
allows a kashida between two letters of a line, or None.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

TATWEEL = "\u0640"

#: groups by the base name of the letter ("ARABIC LETTER <base>")
GROUP_OF_NAME = {
    "SEEN": "seen",
    "SHEEN": "seen",
    "SAD": "seen",
    "DAD": "seen",
    "TEH MARBUTA": "teh marbuta",
    "HEH": "heh",
    "DAL": "dal",
    "THAL": "dal",
    "ALEF": "alef",
    "ALEF WITH MADDA ABOVE": "alef",
    "ALEF WITH HAMZA ABOVE": "alef",
    "ALEF WITH HAMZA BELOW": "alef",
    "ALEF WASLA": "alef",
    "TAH": "tah",
    "ZAH": "tah",
    "LAM": "lam",
    "KAF": "kaf",
    "KEHEH": "kaf",
    "GAF": "kaf",
    "BEH": "beh",
    "TEH": "beh",
    "THEH": "beh",
    "NOON": "beh",
    "PEH": "beh",
    "YEH": "yeh",
    "YEH WITH HAMZA ABOVE": "yeh",
    "ALEF MAKSURA": "yeh",
    "FARSI YEH": "yeh",
    "REH": "reh",
    "ZAIN": "reh",
    "JEH": "reh",
    "WAW": "waw",
    "WAW WITH HAMZA ABOVE": "waw",
    "AIN": "ain",
    "GHAIN": "ain",
    "QAF": "qaf",
    "FEH": "feh",
    "VEH": "feh",
}


def group(char: str) -> str | None:
    """The joining group the rules name for ``char``, None for the others."""
    name = unicodedata.name(char, "")
    prefix = "ARABIC LETTER "
    return GROUP_OF_NAME.get(name[len(prefix) :]) if name.startswith(prefix) else None


def form(glyph: str | None) -> str:
    """'initial', 'medial', 'final', 'isolated' from a presentation form's name, or ''."""
    name = unicodedata.name(glyph, "") if glyph else ""
    for kind in ("INITIAL", "MEDIAL", "FINAL", "ISOLATED"):
        if name.endswith(f"{kind} FORM"):
            return kind.lower()
    return ""


def foreign_letter(char: str) -> bool:
    """True for a letter of another script than Arabic (a word holding one gets no kashida)."""
    return unicodedata.category(char).startswith("L") and not unicodedata.name(char, "").startswith(
        "ARABIC"
    )


def site_rule(
    text: str,
    glyph_of: Callable[[int], str | None],
    odd_level: Callable[[int], bool],
    after: int,
    before: int,
    following: int | None,
) -> int | None:
    """The rule allowing a kashida between letters ``after`` and ``before`` of ``text``.

    ``glyph_of(i)`` is the glyph showing character ``i`` on the unjustified
    line (a lam inside a lam-alef ligature is shown by the ligature);
    ``odd_level(i)`` says whether ``i`` is in a right-to-left run;
    ``following`` is the letter after ``before`` in the word, if any.
    """
    if not (odd_level(after) and odd_level(before)):
        return None
    if any(unicodedata.category(c) != "Mn" for c in text[after + 1 : before]):
        return None  # only harakat may stand between them (no ZWJ, ZWNJ, control)
    first, second = text[after], text[before]
    shown = glyph_of(before)
    ligature = unicodedata.name(shown or " ", "").startswith("ARABIC LIGATURE LAM WITH ALEF")
    joins_previous = form(shown) in ("final", "medial")
    if first == TATWEEL:
        if not (second == TATWEEL or joins_previous):
            return None
    elif form(glyph_of(after)) not in ("initial", "medial") or not joins_previous:
        return None
    if group(first) == "lam" and group(second) == "alef":
        return None  # inside lam-alef
    final = form(shown) == "final"
    if group(second) == "yeh" and final and group(first) != "seen":
        return None
    if first == TATWEEL:
        return 1
    if group(first) == "seen":
        return 2
    if ligature:
        return 7
    if group(second) in ("teh marbuta", "dal") or (group(second) == "heh" and final):
        return 3
    if group(second) == "alef" or (group(second) in ("tah", "lam", "kaf") and final):
        return 4
    if (
        group(second) in ("beh", "yeh")
        and form(shown) == "medial"
        and following is not None
        and group(text[following]) in ("reh", "yeh")
    ):
        return 5
    if group(second) == "waw" or (group(second) in ("ain", "qaf", "feh") and final):
        return 6
    return 7
