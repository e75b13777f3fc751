"""Plain-text articles: the dates and quotes found in them, and what is left alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.story import load_story
from tui.story.model import Story

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "seeds" / "000_06044bc7934a5754.txt"
SEED = ROOT / "seeds" / "jamali.toml"

# An article written for these tests (articles/salma.txt), the way Arabic
# news sites write: three digit systems, four month-name series, guillemets,
# curly and straight quotes, and numbers that are not years.
REPORT = (Path(__file__).parent / "articles" / "salma.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article() -> Story:
    return load_story(ARTICLE)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Story:
    path = tmp_path_factory.mktemp("report") / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return load_story(path)


def test_the_article_yields_the_dates_of_the_hand_made_story(article: Story) -> None:
    seed = load_story(SEED)
    dates = {(e.year, e.month, e.approximate) for e in article.timeline}
    assert dates == {(e.year, e.month, e.approximate) for e in seed.timeline}
    # Every phrase found lies inside a phrase the story's author chose.
    for event in article.timeline:
        anchor = event.anchor
        assert article.paragraph(anchor.paragraph_id).text[anchor.start : anchor.end] == (
            anchor.phrase
        )
        assert any(
            mine.anchor.paragraph_id == anchor.paragraph_id
            and mine.anchor.start <= anchor.start
            and anchor.end <= mine.anchor.end
            for mine in seed.timeline
        ), event
    assert [e.anchor.phrase for e in article.timeline if e.year == 2001] == ["في أكتوبر 2001"]
    (end_of_2012,) = [e for e in article.timeline if e.year == 2012]
    assert end_of_2012.anchor.phrase == "في نهاية 2012"
    assert end_of_2012.label.startswith("في نهاية 2012، يقرر توفيق الخروج من VIADEO")


def test_the_article_yields_the_quotes_of_the_hand_made_story(article: Story) -> None:
    seed = load_story(SEED)
    assert [q.text for q in article.quotes] == [q.text for q in seed.quotes]
    # "UNYK", "السيليكون فالي" and "إم بي إي" are quoted too, but are names.
    texts = " ".join(q.text for q in article.quotes)
    assert "UNYK" not in texts and "إم بي إي" not in texts
    assert [q.speaker for q in article.quotes] == ["", "توفيق", "توفيق"]
    for quote in article.quotes:
        anchor = quote.anchor
        assert article.paragraph(anchor.paragraph_id).text[anchor.start : anchor.end] == (
            quote.text
        )


def test_a_report_with_other_digits_and_month_names(report: Story) -> None:
    found = [(e.year, e.month, e.approximate, e.anchor.phrase) for e in report.timeline]
    assert found == [
        (1982, None, None, "عام ١٩٨٢"),
        (2000, 9, None, "في سبتمبر 2000"),
        (2004, None, None, "وفي 2004"),
        (2006, None, "start", "في مطلع ۲۰۰۶"),
        (2011, 1, None, "في كانون الثاني 2011"),
        (2019, None, "end", "وفي نهاية 2019"),
    ]
    labels = {e.year: e.label for e in report.timeline}
    assert labels[1982] == "ولدت سلمى في فاس عام ١٩٨٢"
    assert labels[2011].startswith("في كانون الثاني 2011 أسست مختبرها الخاص")


def test_numbers_that_are_not_years_are_left_alone(report: Story) -> None:
    years = {e.year for e in report.timeline}
    # "أكثر من 2000 باحث", "في 2000 مدينة" (a count after في), "12,000",
    # "السجل 1974" (no date word), "1445هـ" (Hijri), "الصفحة 2015".
    assert 1974 not in years and 1445 not in years and 2015 not in years
    assert [e.year for e in report.timeline].count(2000) == 1  # only "في سبتمبر 2000"
    assert 12 not in years and 0 not in years


def test_report_quotes_long_enough_only(report: Story) -> None:
    quotes = [(q.text, q.speaker) for q in report.quotes]
    assert quotes == [
        ("كانت أصعب سنة في حياتي، لكنها علمتني الصبر", "سلمى"),
        # "يقول زملاؤها إنها تكرر ..." reports what they say, it does not
        # sign the quote: the speaker (named before it) stays unknown.
        ("العلم لا يعرف حدودا، والحلم كذلك", ""),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She moved to Paris in October 2001 and stayed.", [(2001, 10, None)]),
        ("By the end of 2012, the company had grown.", [(2012, None, "end")]),
        ("In early 1999 he left.", [(1999, None, "start")]),
        ("It happened in 2004.", [(2004, None, None)]),
        ("There were 2004 people in 1500 rooms.", []),
        ("The score was 2004-2005 and the code 19745.", []),
        ("He paid 1,999 dollars in 1999 cents.", []),
    ],
)
def test_english_dates(tmp_path: Path, text: str, expected: list[tuple[object, ...]]) -> None:
    path = tmp_path / "en.txt"
    path.write_text(f"Title\n\n{text}\n", encoding="utf-8")
    story = load_story(path)
    assert [(e.year, e.month, e.approximate) for e in story.timeline] == expected


def test_unpaired_straight_quotes_make_no_quote(tmp_path: Path) -> None:
    path = tmp_path / "q.txt"
    path.write_text('عنوان\n\nقال "هذه جملة طويلة بما يكفي لتكون قولا وأكثر بلا نهاية\n', "utf-8")
    assert load_story(path).quotes == ()


def test_print_shows_what_was_detected(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--print", "--bidi", "logical", "--width", "200", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "الخط الزمني" in out and "أقوال" in out
    plain = "".join(c for c in out if c not in "\u2066\u2067\u2068\u2069")
    # Dates are shown with the month names of the interface (Moroccan).
    assert "شتنبر 2000: في سبتمبر 2000 التحقت بجامعة محمد الخامس بالرباط" in plain
    assert "«كانت أصعب سنة في حياتي، لكنها علمتني الصبر»\n— سلمى" in plain
    # A quote without a known speaker is printed without a signature.
    assert "«العلم لا يعرف حدودا، والحلم كذلك»\n\n" in plain + "\n"
