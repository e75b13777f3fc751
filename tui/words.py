"""The words of Rawi's own interface, English and Arabic side by side, in one table.

Every label, pane title, footer and help description, toast and notice that
Rawi itself shows comes from ``WORDS``, so that one thing has one name in
each language (the timeline is "الخط الزمني" in the footer, the pane title
and the help alike). Words are logical text like everything else: whoever
shows them lays them out through ``tui.rtl``.

Keys and help descriptions of the bindings are keyed by the binding's action
name (``KEYS``): the footer and the help screen both read them from here.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from tui.rtl.direction import Direction

Language = Literal["ar", "en"]


class Words(NamedTuple):
    """One interface word or sentence in both languages."""

    en: str
    ar: str


WORDS: dict[str, Words] = {
    # -- the story and where the reader is
    "chapter": Words("Chapter", "الفصل"),
    "of": Words("of", "من"),
    "read": Words("read", "مقروء"),
    "image": Words("Image", "صورة"),
    "source": Words("Source", "المصدر"),
    # -- the panes (one name each, everywhere)
    "contents": Words("Contents", "المحتويات"),
    "timeline": Words("Timeline", "الخط الزمني"),
    "quotes": Words("Quotes", "الأقوال"),
    "journey": Words("Journey", "الرحلة"),
    "era": Words("Era", "مرحلة"),
    "place": Words("Place", "مكان"),
    "on_screen": Words("◆ on screen", "◆ على الشاشة"),
    "no_events": Words("No dated events in this story", "لا أحداث مؤرخة في هذه القصة"),
    "no_quotes": Words("No quotes in this story", "لا أقوال في هذه القصة"),
    "no_places": Words("No places in this story", "لا أماكن في هذه القصة"),
    "no_matching_quotes": Words("No quote matches", "لا قول يطابق البحث"),
    # -- search
    "search": Words("Search", "بحث"),
    "no_matches": Words("no matches", "لا نتائج"),
    # the story is still being indexed: the matches on screen are marked, the
    # count follows in a moment
    "counting": Words("counting…", "جارٍ العدّ…"),
    # -- messages
    "too_small": Words("The window is too small to read in", "النافذة صغيرة جدا للقراءة"),
    "palette_hint": Words(
        "Search for a chapter, an event or a quote…", "ابحث عن فصل أو حدث أو قول…"
    ),
    "copied": Words("Copied, in logical order", "نُسخ النص بترتيبه المنطقي"),
    "bidi_logical": Words("BiDi: logical", "الترتيب: منطقي"),
    "help_title": Words("Rawi's keys", "مفاتيح راوي"),
    "help": Words("Help", "مساعدة"),
    # -- keys at their limits
    "last_chapter": Words("This is the last chapter", "هذا آخر فصل"),
    "first_chapter": Words("This is the first chapter", "هذا أول فصل"),
    "chapter_count": Words("The story has {count} chapters", "عدد فصول القصة: {count}"),
    "no_image": Words("No image on screen", "لا صورة على الشاشة"),
    # -- search
    "match_of": Words("{number}/{count}", "{number} من {count}"),
    "wrapped": Words("Back to the first match", "عودة إلى أول نتيجة"),
    "wrapped_back": Words("On to the last match", "انتقال إلى آخر نتيجة"),
    # -- copying
    "copied_system": Words(
        "Copied to the clipboard, in logical order", "نُسخ إلى الحافظة بترتيبه المنطقي"
    ),
    "copied_terminal": Words(
        "Sent to the terminal's clipboard (OSC 52); some terminals and tmux refuse it: see ?",
        "أُرسل إلى حافظة الطرفية (OSC 52)؛ بعض الطرفيات و tmux ترفضه: انظر ?",
    ),
    "clipboard_note": Words(
        "y sends text to the terminal's clipboard (OSC 52). In tmux: set -g set-clipboard on",
        "y يرسل النص إلى حافظة الطرفية (OSC 52). في tmux: set -g set-clipboard on",
    ),
    # -- images
    "image_address": Words("Image address", "عنوان الصورة"),
    "image_hint": Words("y copies the address · Esc closes", "y ينسخ العنوان · Esc يغلق"),
    "opening": Words("Opening the image in the browser", "فتح الصورة في المتصفح"),
    # -- the palette's own commands
    "theme": Words("Theme", "المظهر"),
    "theme_help": Words("Change the colours", "تغيير الألوان"),
    "measure": Words("Line length: {cells} cells", "طول السطر: {cells} خانة"),
    "measure_full": Words("Line length: the whole pane", "طول السطر: عرض اللوحة كله"),
    "measure_help": Words("How wide the text column is", "عرض عمود النص"),
}


class KeyWords(NamedTuple):
    """What a key does: a word or two for the footer, a sentence for the help."""

    footer: Words
    help: Words
    #: the help screen's group: "reading", "panes", "search" or "other"
    group: str


#: keyed by the action name of the binding (what the key does)
KEYS: dict[str, KeyWords] = {
    "next": KeyWords(
        Words("Next", "التالي"),
        Words("Next chapter or match", "الفصل أو النتيجة التالية"),
        "reading",
    ),
    "previous_chapter": KeyWords(
        Words("Previous", "السابق"), Words("Previous chapter", "الفصل السابق"), "reading"
    ),
    "book_left": KeyWords(
        Words("Turn", "تقليب"), Words("Turn as the book reads", "تقليب في اتجاه الكتاب"), "reading"
    ),
    "chapter": KeyWords(
        Words("Chapter", "فصل"), Words("Chapter by number", "فصل برقمه"), "reading"
    ),
    "page_down": KeyWords(
        Words("Page", "صفحة"), Words("A page down or up", "صفحة للأسفل أو للأعلى"), "reading"
    ),
    "scroll_home": KeyWords(
        Words("Top", "البداية"),
        Words("Start or end of chapter", "بداية الفصل أو نهايته"),
        "reading",
    ),
    "scroll_down": KeyWords(
        Words("Line", "سطر"), Words("A line down or up", "سطر للأسفل أو للأعلى"), "reading"
    ),
    "open_image": KeyWords(
        Words("Open", "فتح"), Words("Open the image on screen", "فتح الصورة المعروضة"), "reading"
    ),
    "copy": KeyWords(
        Words("Copy", "نسخ"), Words("Copy paragraph or quote", "نسخ الفقرة أو القول"), "reading"
    ),
    "search": KeyWords(
        Words("Search", "بحث"), Words("Search quotes and text", "البحث في الأقوال والنص"), "search"
    ),
    "previous_match": KeyWords(
        Words("Previous match", "النتيجة السابقة"),
        Words("Previous match", "النتيجة السابقة"),
        "search",
    ),
    "close": KeyWords(
        Words("Close", "إغلاق"),
        Words("Close search or pane", "إغلاق البحث أو اللوحة"),
        "search",
    ),
    "show_pane('contents')": KeyWords(
        Words("Contents", "المحتويات"), Words("Contents", "المحتويات"), "panes"
    ),
    "show_pane('timeline')": KeyWords(
        Words("Timeline", "الخط الزمني"), Words("Timeline", "الخط الزمني"), "panes"
    ),
    "show_pane('quotes')": KeyWords(
        Words("Quotes", "الأقوال"), Words("Quotes", "الأقوال"), "panes"
    ),
    "show_pane('journey')": KeyWords(
        Words("Journey", "الرحلة"), Words("Journey: places on a map", "الرحلة على الخريطة"), "panes"
    ),
    "toggle_side": KeyWords(
        Words("Panes", "اللوحات"),
        Words("Show or hide the panes", "إظهار اللوحات أو إخفاؤها"),
        "panes",
    ),
    "focus_next": KeyWords(
        Words("Next pane", "اللوحة التالية"), Words("Next pane", "اللوحة التالية"), "panes"
    ),
    "select": KeyWords(
        Words("Go", "انتقال"),
        Words("Go there (or click)", "الانتقال إليه، وكذلك النقر"),
        "panes",
    ),
    "toggle_bidi": KeyWords(
        Words("BiDi", "الترتيب"),
        Words("BiDi: Rawi or terminal", "الترتيب: راوي أو الطرفية"),
        "other",
    ),
    "toggle_justify": KeyWords(
        Words("Justify", "ضبط"),
        Words("Justified lines, or ragged", "أسطر مضبوطة أو حرة"),
        "other",
    ),
    "command_palette": KeyWords(
        Words("Commands", "الأوامر"),
        Words("Palette: go anywhere", "أي فصل أو حدث أو قول"),
        "other",
    ),
    "help": KeyWords(Words("Help", "مساعدة"), Words("This help", "هذه المساعدة"), "other"),
    "suspend_process": KeyWords(
        Words("Suspend", "تعليق"), Words("Suspend (fg resumes)", "تعليق (fg للعودة)"), "other"
    ),
    "quit": KeyWords(Words("Quit", "خروج"), Words("Quit", "خروج"), "other"),
}

#: the help screen's groups, in order
GROUPS: dict[str, Words] = {
    "reading": Words("Reading", "القراءة"),
    "panes": Words("Panes", "اللوحات"),
    "search": Words("Search", "البحث"),
    "other": Words("Other", "أخرى"),
}


def _pick(words: Words, language: Language) -> str:
    return words.ar if language == "ar" else words.en


def word(key: str, language: Language) -> str:
    """The interface word ``key`` in ``language``."""
    return _pick(WORDS[key], language)


def key_word(action: str, language: Language, *, long: bool = False) -> str | None:
    """What the key bound to ``action`` does (footer word, or help sentence when ``long``)."""
    entry = KEYS.get(action) or KEYS.get(action.split("(", 1)[0])
    if entry is None:
        return None
    return _pick(entry.help if long else entry.footer, language)


def group_word(group: str, language: Language) -> str:
    """The title of a group of keys on the help screen."""
    return _pick(GROUPS[group], language)


def in_language(english: str | None, arabic: str, language: Language) -> str:
    """A story text given in Arabic and optionally in English, in the interface language."""
    return english if language == "en" and english else arabic


def language_for(direction: str) -> Language:
    """The interface language that goes with a story's direction."""
    return "ar" if direction == "R" else "en"


def ui_direction(language: Language) -> Direction:
    """The direction of the interface's own labels in ``language``."""
    return "R" if language == "ar" else "L"
