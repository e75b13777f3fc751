"""The notices of the state store and the loader, in the interface language.

The state store and the story loader are plain Python and speak English
(print mode writes their notices to stderr as they are). In the Arabic
interface each known notice is said in Arabic, its file name and technical
reason kept, isolated, inside the sentence; an unknown one is shown as it is.
"""

from __future__ import annotations

import re

from tui.rtl import isolate
from tui.words import Language

#: (the English notice, its Arabic form): {path} and {why} are carried over
_NOTICES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(english), arabic)
    for english, arabic in (
        (
            r"^Saved reading positions in (?P<path>.+?) could not be read \((?P<why>.*)\); "
            r"starting from the beginning\.$",
            "تعذرت قراءة مواضع القراءة المحفوظة في {path} ({why})؛ تبدأ القراءة من البداية.",
        ),
        (
            r"^The saved reading position for this story in (?P<path>.+?) is unusable "
            r"\((?P<why>.*)\); starting from the beginning\.$",
            "موضع القراءة المحفوظ لهذه القصة في {path} غير صالح ({why})؛ تبدأ القراءة من البداية.",
        ),
        (
            r"^The reading position could not be saved in (?P<path>.+?) \((?P<why>.*)\)\.$",
            "تعذر حفظ موضع القراءة في {path} ({why}).",
        ),
        (
            r"^Saved reading positions in (?P<path>.+?) could not be read \((?P<why>.*)\); "
            r"they are replaced by a new file\.$",
            "تعذرت قراءة مواضع القراءة المحفوظة في {path} ({why})؛ ستُستبدل بملف جديد.",
        ),
        (
            r"^Saved settings in (?P<path>.+?) could not be read \((?P<why>.*)\); "
            r"using the defaults\.$",
            "تعذرت قراءة الإعدادات المحفوظة في {path} ({why})؛ تُستعمل الإعدادات الأصلية.",
        ),
        (
            r"^Saved settings in (?P<path>.+?) are not in a form this Rawi reads; "
            r"using the defaults\.$",
            "الإعدادات المحفوظة في {path} بصيغة لا يقرؤها راوي؛ تُستعمل الإعدادات الأصلية.",
        ),
        (
            r"^The settings could not be saved in (?P<path>.+?) \((?P<why>.*)\)\.$",
            "تعذر حفظ الإعدادات في {path} ({why}).",
        ),
        (r"^read as Windows-1256, not UTF-8$", "قُرئ الملف بترميز Windows-1256 لا UTF-8"),
        (
            r"^the article (?P<path>.+?) named by the story was not found$",
            "لم يوجد المقال {path} الذي تذكره القصة",
        ),
    )
)


def notice_in(text: str, language: Language) -> str:
    """``text`` (an English notice of the store or the loader) in ``language``."""
    if language != "ar":
        return text
    for pattern, arabic in _NOTICES:
        found = pattern.match(text)
        if found is not None:
            return arabic.format(**{k: isolate(v) for k, v in found.groupdict().items()})
    return text
