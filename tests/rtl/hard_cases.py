"""Paragraphs that are hard to lay out right to left, named so that a failure says which.

Each entry is written by hand to exercise one difficulty (brackets, numbers,
URLs, harakat, lam-alef, joiners, isolates, overrides, emoji, wide characters,
over-long words, odd spacing); ``seed_paragraphs`` adds every paragraph of the
Hespress article the reader ships with. Nothing here is expected output: the
tests compare the engine with GNU FriBidi and with invariants.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "000_06044bc7934a5754.txt"

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
ZWJ, ZWNJ = "\u200d", "\u200c"


class HardCase(NamedTuple):
    """One paragraph and the reason it is in the corpus."""

    name: str
    text: str


HAND_WRITTEN: tuple[HardCase, ...] = (
    # brackets and guillemets
    HardCase("brackets_nested", "قال (الجمالي [مؤسس «UNYK»]) كلمته"),
    HardCase("brackets_unbalanced_open", "تأسست (الشركة [سنة 2005 في مونتريال"),
    HardCase("brackets_unbalanced_close", "الشركة) تأسست] سنة 2005"),
    HardCase("brackets_latin_inside_arabic", "اشترتها شركة (VIADEO) الفرنسية [سنة 2009]"),
    HardCase("brackets_arabic_inside_latin", "The company (شركة فيادو) bought UNYK [in 2009]."),
    HardCase("brackets_mixed_content", "الموقع (VIADEO شبكة) و(شبكة VIADEO) معا"),
    HardCase("brackets_numbered", "(1) البند الأول [2] البند الثاني {3} الثالث"),
    HardCase("guillemets", "«وادي السيليكون» هو «Silicon Valley» بالإنجليزية"),
    HardCase("guillemets_nested", "قال: «كان يردد «لا أنسى» دائما» ثم سكت"),
    HardCase("guillemets_unbalanced", "قال: «لم أكن أرتاح في العمل"),
    HardCase("quotes_at_start", '" لم أكن أرتاح في العمل عند أشخاص آخرين"، لذلك قرر'),
    # numbers, separators, signs
    HardCase("numbers_separators", "بلغ الرقم 1,000.50 درهم ثم 2.5 مليون و20,000,000 مستخدم"),
    HardCase("numbers_arabic_separators", "المبلغ ١٬٠٠٠٫٥٠ درهم أو ٢٫٥ مليون"),
    HardCase("signs_and_percent", "نمت بنسبة -5% ثم +3 ثم ٪٥ و10٪ و-٣"),
    HardCase("numbers_time_date", "في 12:30 يوم 2012/10/05 أو 05-10-2012"),
    HardCase("numbers_currency", "السعر $100 أو 90€ أو 1000 د.م."),
    HardCase("digits_arabic_indic", "سنة ١٩٧٤ والأرقام ٠١٢٣٤٥٦٧٨٩ كلها"),
    HardCase("digits_extended", "سال ۱۲۳ و۱۹۹۸ و ۰۱۲۳۴۵۶۷۸۹"),
    HardCase("digits_three_systems", "1974 ١٩٧٤ ۱۹۷۴"),
    HardCase("digits_only", "2005 2009 2012"),
    HardCase("neutrals_only", "... !!! --- ؟؟"),
    # URLs and Latin runs with punctuation
    HardCase(
        "url_in_arabic",
        "الصورة http://t1.hespress.com/files/taoufikviral_911946960.jpg من هسبريس",
    ),
    HardCase("url_alone", "http://t1.hespress.com/files/taoufikviral_911946960.jpg"),
    HardCase("latin_with_punctuation", "اشترت VIADEO, Inc. الشركة، ثم VIRALNINJAS!"),
    HardCase("email_in_arabic", "راسلوه على taoufik.jamali@example.com اليوم."),
    HardCase("latin_word_starts_arabic", "VIADEO هي ثاني أكبر شبكة اجتماعية مهنية بالعالم"),
    HardCase(
        "latin_paragraph_with_arabic",
        "Taoufik Jamali (توفيق الجمالي) moved to San Francisco in 2009.",
    ),
    HardCase("hebrew_and_arabic", "שלום עולם and عربي 123"),
    # harakat, tatweel, hamza
    HardCase("harakat", 'بـ"السِيليكون فالي"'),
    HardCase("full_tashkeel", "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ"),
    HardCase("shadda_and_tanwin", "مُدَرِّسٌ كَتَبَ دَرْساً"),
    HardCase("tatweel", 'جـــمالي بـ"السيليكون" ـ و ـــ'),
    HardCase("hamza_isolated", "ء شيء سماء جزء ضوء"),
    HardCase("persian_letters", "پژوهش گچ چای ژاله"),
    HardCase("rarer_arabic_letters", "ئػ بؼب ؽؾؿ ٮٯ ڤ ڭ"),
    HardCase("combining_on_latin", "cafe\u0301 مقهى naïve"),
    # lam-alef
    HardCase("lam_alef_isolated", "لا لأ لإ لآ"),
    HardCase("lam_alef_final", "بلا بلأ بلإ بلآ"),
    HardCase("lam_haraka_alef", "لَا بلَا لِإ بلُآ"),
    HardCase("lam_alef_then_haraka", "أولاً فعلاً شكلاً لاَ بلاَ"),
    HardCase("lam_alef_in_words", "الآلاف لإتقان الأعلام إلى الانترنت"),
    HardCase("allah", "الله ولله بالله"),
    # joiners
    HardCase("zwj_before_lam_alef", f"ب{ZWJ}لا"),
    HardCase("zwj_between_letters", f"ب{ZWJ}ب ع{ZWJ} {ZWJ}ع"),
    HardCase("zwj_after_non_joining", f"a{ZWJ}آ ٠{ZWJ}ب 5{ZWJ}ع"),
    HardCase("zwnj", f"می{ZWNJ}خواهم ب{ZWNJ}ب"),
    # isolates, marks, embeddings, overrides
    HardCase("lri_in_arabic", f"قال {LRI}VIADEO, Inc.{PDI} أمس"),
    HardCase("rli_in_latin", f"The name {RLI}توفيق الجمالي{PDI} is Moroccan."),
    HardCase("fsi_latin_in_arabic", f"الاسم {FSI}UNYK 2005{PDI} فقط"),
    HardCase("fsi_arabic_in_latin", f"name: {FSI}جمالي{PDI}!"),
    HardCase("isolate_unmatched_open", f"{RLI}ab cd جد"),
    HardCase("isolate_unmatched_close", f"ab{PDI} جد هـ"),
    HardCase("isolates_nested", f"أ {LRI}b {RLI}ج {LRI}d{PDI} هـ{PDI} f{PDI} و"),
    HardCase("marks_rlm", f"{RLM}VIADEO{RLM} شركة"),
    HardCase("marks_lrm", f"1974{LRM}-{LRM}2012 سنوات"),
    HardCase("marks_alm", f"{ALM}-5 درهم و{ALM}+3"),
    HardCase("embedding_rle", f"{RLE}بيت house{PDF} done"),
    HardCase("embedding_lre", f"{LRE}abc جد{PDF} هـ"),
    HardCase("override_rlo", f"{RLO}override abc{PDF} تم"),
    HardCase("override_lro", f"{LRO}عربي مقلوب{PDF} ok"),
    HardCase("embedding_unterminated", f"{RLE}abc def جد"),
    # emoji and wide characters
    HardCase("emoji", "مبروك 🎉 يا توفيق 👍🏽"),
    HardCase("emoji_zwj_family", "العائلة 👨‍👩‍👧 سعيدة"),
    HardCase("emoji_flag", "المغرب 🇲🇦 بلدي"),
    HardCase("cjk_in_arabic", "硅谷 هو وادي السيليكون"),
    HardCase("cjk_and_latin", "中文 text ونص 日本語"),
    # words longer than the line
    HardCase("long_arabic_word", "كلمةطويلةجداجداجداجداجداجدا قصيرة"),
    HardCase("long_latin_word", "موقع VIRALNINJASVIRALNINJASVIRALNINJAS الشهير"),
    HardCase("long_number", "الرقم 1234567890123456789012345 طويل"),
    # spaces at odd places
    HardCase("double_spaces", "توفيق  الجمالي   في  وادي"),
    HardCase("leading_spaces", "   توفيق الجمالي"),
    HardCase("trailing_spaces", "توفيق الجمالي   "),
    HardCase("only_spaces", "    "),
    HardCase("empty", ""),
    HardCase("no_break_space", "سنة\u00a02005 و VIADEO\u00a0Inc"),
    HardCase("tab_alone", "توفيق\tالجمالي"),
    HardCase("tab_and_controls", "توفيق\tالجمالي \x1b[31mهسبريس\x07"),
    HardCase("soft_hyphen", "inter\u00adnet الانترنت"),
)


# Building blocks for generated paragraphs (hypothesis draws lists of them):
# what Arabic news text is made of, and what is hard in it.
ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + list("پچژگکی")
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
PIECES: list[str] = [
    *ARABIC_LETTERS,
    *HARAKAT,
    "لا",
    "لأ",
    "لإ",
    "لآ",
    "بلا",
    "لَا",
    "ـ",
    "ـــ",
    "ء",
    "الله",
    *"٠١٢٣٤٥٦٧٨٩",
    *"۰۱۲۳۴۵۶۷۸۹",
    *"0123456789",
    "1,000.50",
    "١٬٠٠٠٫٥٠",
    "-5%",
    "+3",
    "٪",
    *"abcXYZ",
    "VIADEO",
    "Inc.",
    "http://t1.hespress.com/files/a_1.jpg",
    " ",
    " ",
    " ",
    "  ",
    "\u00a0",
    *"()[]{}«»<>",
    *".,:;!?،؛؟\"'-/",
    *(LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM),
    "\u200d",
    "\u200c",
    "\u200b",
    "\u00ad",
    "\ufeff",
    "🎉",
    "👍🏽",
    "👨\u200d👩\u200d👧",
    "🇲🇦",
    "❤\ufe0f",
    "中",
    "硅谷",
    "\t",
    "\n",
    "\x1b[31m",
    "\x9b",
    "\r\n",
    "\u0301",
]


def seed_paragraphs(path: Path = SEED_ARTICLE) -> tuple[HardCase, ...]:
    """Every paragraph of the seed article (split on blank lines), named seed_NN."""
    text = path.read_text(encoding="utf-8")
    paragraphs = [part.strip("\n") for part in text.split("\n\n")]
    return tuple(
        HardCase(f"seed_{number:02d}", paragraph)
        for number, paragraph in enumerate(paragraphs, start=1)
        if paragraph.strip()
    )


def all_cases() -> tuple[HardCase, ...]:
    """The hand-written cases followed by the seed article's paragraphs."""
    return HAND_WRITTEN + seed_paragraphs()
