"""``HelpScreen``: every key of the reader and what it does; Escape closes it."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.labels import Language, ui_direction
from tui.rtl.renderable import BidiSettings, BidiText, visual

#: (keys, Arabic, English): the one list of keys the help screen shows
KEYS: tuple[tuple[str, str, str], ...] = (
    ("n", "الفصل التالي", "Next chapter"),
    ("p", "الفصل السابق", "Previous chapter"),
    ("←  →", "تقليب الصفحات في اتجاه الكتاب", "Turn chapters the way the book reads"),
    ("1 … 9", "الانتقال إلى فصل برقمه", "Go to chapter by number"),
    ("PgUp PgDn Space Shift+Space", "صفحة إلى الأعلى أو الأسفل", "Scroll a page up or down"),
    ("Home End", "بداية الفصل أو نهايته", "Top or bottom of the chapter"),
    ("↑ ↓", "سطر إلى الأعلى أو الأسفل", "Scroll a line"),
    (
        "Enter",
        "فتح العنصر المحدد أو الصورة المعروضة",
        "Open the selected item, or the image on screen",
    ),
    ("/", "البحث في الأقوال والنصوص", "Search quotes and passages"),
    ("n  N", "النتيجة التالية أو السابقة أثناء البحث", "Next or previous match while searching"),
    ("Esc", "إغلاق البحث أو هذه الشاشة", "Close the search or this screen"),
    ("c", "المحتويات", "Table of contents"),
    ("t", "الخط الزمني", "Timeline"),
    ("o", "الأقوال", "Quotes"),
    ("s", "إظهار اللوحات الجانبية أو إخفاؤها", "Show or hide the side panes"),
    ("Tab", "الانتقال بين اللوحات", "Move between panes"),
    ("y", "نسخ القول أو الفقرة بترتيب منطقي", "Copy the quote or paragraph, in logical order"),
    ("b", "ترتيب الطرفية: مرئي أو منطقي", "BiDi: Rawi orders text, or the terminal does"),
    ("Ctrl+P", "لوحة الأوامر: فصل أو حدث أو قول", "Command palette: any chapter, event or quote"),
    ("? F1", "هذه المساعدة", "This help"),
    ("q  Ctrl+C", "خروج", "Quit"),
    ("Ctrl+Z", "إيقاف مؤقت (fg للعودة)", "Suspend (fg to come back)"),
)


class HelpScreen(ModalScreen[None]):
    """A modal list of the keys."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", show=False),
    ]

    def __init__(self, settings: BidiSettings, language: Language) -> None:
        super().__init__()
        self.settings = settings
        self.language = language

    def compose(self) -> ComposeResult:
        direction = ui_direction(self.language)
        rtl = direction == "R"
        table = Table.grid(padding=(0, 2), expand=True)
        # The key column stands where lines start: on the right in Arabic.
        if rtl:
            table.add_column(ratio=1)
            table.add_column(no_wrap=True, style="bold", justify="right")
        else:
            table.add_column(no_wrap=True, style="bold")
            table.add_column(ratio=1)
        for keys, arabic, english in KEYS:
            description = BidiText(arabic if rtl else english, direction, settings=self.settings)
            table.add_row(*((description, keys) if rtl else (keys, description)))
        title = "مفاتيح راوي" if rtl else "Rawi's keys"
        with VerticalScroll(id="help-body") as body:
            body.border_title = visual(title, direction, self.settings)
            yield Static(table, id="help-table")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
