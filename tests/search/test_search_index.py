"""``SearchIndex`` over many passages, and over the real Hespress article."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Hashable
from pathlib import Path

import pytest

from tui.locations import seeds_dir
from tui.search import Match, SearchIndex

ARTICLE = "000_06044bc7934a5754.txt"


@pytest.fixture(scope="module")
def article() -> list[str]:
    text = (seeds_dir() / ARTICLE).read_text(encoding="utf-8")
    return [passage for passage in re.split(r"\n\s*\n", text) if passage.strip()]


@pytest.fixture(scope="module")
def article_index(article: list[str]) -> SearchIndex[int]:
    return SearchIndex(enumerate(article))


def test_forgetting_is_found_only_in_the_last_words(
    article: list[str], article_index: SearchIndex[int]
) -> None:
    matches = article_index.find("انسى")
    assert len(matches) == 1
    (match,) = matches
    passage = article[match.key]
    assert "لن أنسى" in passage
    assert passage[match.start : match.end] == "أنسى"
    # فرانسيسكو holds the same letters, but a typed ى ends the word
    assert any("فرانسيسكو" in passage for passage in article)


def test_viadeo_is_found_in_two_paragraphs(
    article: list[str], article_index: SearchIndex[int]
) -> None:
    matches = article_index.find("viadeo")
    assert len(matches) == 2
    assert len({match.key for match in matches}) == 2
    assert [article[m.key][m.start : m.end] for m in matches] == ["VIADEO", "VIADEO"]
    assert article_index.count("viadeo") == 2


def test_2004_is_found_twice(article: list[str], article_index: SearchIndex[int]) -> None:
    matches = article_index.find("2004")
    assert [article[m.key][m.start : m.end] for m in matches] == ["2004", "2004"]
    assert article_index.count("٢٠٠٤") == 2


def test_silicon_is_found_with_and_without_its_kasra(
    article: list[str], article_index: SearchIndex[int]
) -> None:
    # Counted here without the search core: drop the one kasra the article uses.
    expected = sum(passage.replace("\u0650", "").count("السيليكون") for passage in article)
    matches = article_index.find("السيليكون")
    assert len(matches) == expected
    found = {article[m.key][m.start : m.end] for m in matches}
    assert found == {"السِيليكون", "السيليكون"}


def test_a_responsible_engineer_is_found_by_either_spelling(
    article: list[str], article_index: SearchIndex[int]
) -> None:
    for query in ("مسؤول", "مسوول", "مسئول"):
        matches = article_index.find(query)
        assert [article[m.key][m.start : m.end] for m in matches] == ["مسؤول"], query


PASSAGES = [
    ("title", "قصة نجاح مغربي"),
    ("p1", "من مواليد البيضاء، درس في مدارس عمومية"),
    ("p2", ""),
    ("p3", "قصة أخرى: قصة ثانية وقصة ثالثة"),
    ("quote", "لن أنسى فضل زوجتي"),
]


def test_matches_come_in_passage_then_position_order() -> None:
    index = SearchIndex(PASSAGES)
    matches = index.find("قصة")
    assert [(m.key, m.start) for m in matches] == [
        ("title", 0),
        ("p3", 0),
        ("p3", 10),
        ("p3", 21),
    ]
    assert index.count("قصة") == 4
    assert index.first("قصه") == Match("title", 0, 3)
    assert index.find("قصة", limit=2) == matches[:2]
    assert index.find("قصة", limit=0) == []
    assert index.find("قصة", limit=10) == matches


def test_a_match_never_spans_two_passages() -> None:
    index = SearchIndex([(1, "نجاح قصة"), (2, "نجاح مغربي")])
    assert index.find("قصة نجاح") == []
    assert index.find("قصةنجاح") == []


def test_keys_may_be_any_hashable() -> None:
    keys: list[Hashable] = [(1, "a"), frozenset({2})]
    index = SearchIndex(zip(keys, ["VIADEO", "viadeo"], strict=True))
    assert [m.key for m in index.find("Viadeo")] == keys
    assert len(index) == 2


def test_an_index_of_nothing_finds_nothing() -> None:
    index: SearchIndex[str] = SearchIndex([])
    assert index.find("قصة") == []
    assert index.count("قصة") == 0
    assert index.first("قصة") is None


def test_offsets_are_into_the_original_text() -> None:
    text = "\u200fقال  مُحَمَّدٌ:\n«سلامٌ»"
    index = SearchIndex([(0, text)])
    (match,) = index.find("محمد: «سلام")
    assert text[match.start : match.end] == "مُحَمَّدٌ:\n«سلامٌ"


def test_the_core_does_not_import_textual() -> None:
    code = "import sys; sys.modules['textual'] = None; import tui.search"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=False
    )
    assert result.returncode == 0, result.stderr
