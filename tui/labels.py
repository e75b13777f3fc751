"""The words of Rawi's own interface, in Arabic and in English.

An Arabic story is presented with Arabic labels and its navigation on the
right; an English one with English labels on the left (``--lang`` overrides).
Labels are logical text like everything else: whoever shows them lays them
out through ``tui.rtl``.
"""

from __future__ import annotations

from typing import Literal

from tui.rtl.direction import Direction

Language = Literal["ar", "en"]

_LABELS: dict[str, dict[Language, str]] = {
    "chapter": {"ar": "الفصل", "en": "Chapter"},
    "chapters": {"ar": "الفصول", "en": "Chapters"},
    "contents": {"ar": "المحتويات", "en": "Contents"},
    "timeline": {"ar": "الخط الزمني", "en": "Timeline"},
    "quotes": {"ar": "أقوال", "en": "Quotes"},
    "image": {"ar": "صورة", "en": "Image"},
    "source": {"ar": "المصدر", "en": "Source"},
    "of": {"ar": "من", "en": "of"},
    "read": {"ar": "مقروء", "en": "read"},
    "search": {"ar": "بحث", "en": "Search"},
    "matches": {"ar": "نتائج", "en": "matches"},
    "no_matches": {"ar": "لا نتائج", "en": "no matches"},
    "help": {"ar": "مساعدة", "en": "Help"},
    "quit": {"ar": "خروج", "en": "Quit"},
    "next": {"ar": "التالي", "en": "Next"},
    "previous": {"ar": "السابق", "en": "Previous"},
    "too_small": {
        "ar": "النافذة صغيرة جدا للقراءة",
        "en": "The window is too small to read in",
    },
}


def label(key: str, language: Language) -> str:
    """The interface word ``key`` in ``language``."""
    return _LABELS[key][language]


def language_for(direction: str) -> Language:
    """The interface language that goes with a story's direction."""
    return "ar" if direction == "R" else "en"


def ui_direction(language: Language) -> Direction:
    """The direction of the interface's own labels in ``language``."""
    return "R" if language == "ar" else "L"
