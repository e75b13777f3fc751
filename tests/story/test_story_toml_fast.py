"""``toml_fast.read`` returns what ``tomllib.loads`` returns, or declines.

Differential tests, case by case: the seed and generated stories must be
accepted and read as tomllib reads them (else the fast path is never taken),
and build the same ``Story`` and the same problems as the old path; each kind
of value of the subset is read the same; what is outside the subset, and
every error, is declined and read the old way, with the old messages.
``test_story_toml_fast_fuzz`` does the same with generated documents.
"""

from __future__ import annotations

import contextlib
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.story.conftest import ROOT, SEED, accepted, check
from tui.story import load_story, toml_fast, toml_limits, toml_statements
from tui.story.errors import StoryError
from tui.story.toml_schema import parse_toml

# -- plain story files are accepted --------------------------------------------


def test_the_seed_is_read_the_same() -> None:
    reading = accepted(SEED)
    assert reading.data["story"]["format"] == 1  # type: ignore[index]
    assert len(reading.data["chapters"]) == 6  # type: ignore[arg-type]
    assert reading.clean


# ESC is written only as an escape: TOML forbids it as it is.
UNCLEAN = [
    (character, quotes)
    for character in ("\t", "\x85", "\u2028", "\x1b")
    for quotes in ("'", "'''", '"', '"""')
    if character != "\x1b" or quotes[0] == '"'
]


@pytest.mark.parametrize(("character", "quotes"), UNCLEAN)
def test_a_string_clean_text_would_change_is_told(character: str, quotes: str) -> None:
    written = f"\\u{ord(character):04x}" if quotes[0] == '"' else character
    text = f"[[chapters]]\nid = 'c1'\nother = {quotes}a{written}{quotes}\nlast = 'z'\n"
    reading = accepted(text)
    assert not reading.clean
    assert reading.data == {"chapters": [{"id": "c1", "other": f"a{character}", "last": "z"}]}


def test_the_seed_with_windows_line_ends_is_read_the_same() -> None:
    accepted(SEED.replace("\n", "\r\n"))


def test_the_seed_with_spaces_comments_and_no_last_line_end() -> None:
    note = "\t# note ' \" [x] = 1"
    lines = [f"  {line}{note}" if line.strip() else line for line in SEED.split("\n")]
    text = "\n".join(lines).replace("[[chapters.blocks]]", "[[ chapters . blocks ]]")
    accepted(text.rstrip("\n"))


@pytest.fixture(scope="module")
def make_story() -> Iterator[object]:
    # The benchmark's scripts import each other as top-level modules.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import make_story

        yield make_story
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


@pytest.mark.parametrize(
    ("kind", "counts"),
    [
        ("mixed", {}),
        ("chapters", {"chapters": 40}),
        ("annotated", {"events": 60, "quotes": 60}),
        ("paragraph", {}),
        ("anchors", {"events": 30}),
    ],
)
def test_generated_stories_are_read_the_same(
    make_story: object, kind: str, counts: dict[str, int]
) -> None:
    text = make_story.shape_text(kind, 0.05, **counts)  # type: ignore[attr-defined]
    accepted(text)


def _old_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(toml_fast, "read", lambda text, defer=frozenset(), later=frozenset(): None)


TAB_IN_A_TITLE = SEED.replace("title = 'جنود الخفاء'", "title = 'جنود\tالخفاء'")
BROKEN = (
    SEED.replace('id = "p3"', 'id = "p1"')
    .replace('title_en = "Founding', 'titel_en = "Founding')
    .replace("year = 1998", "year = 19980")
    .replace("phrase = 'فقبل زواجنا سنة 2004'", "phrase = 'زواجنا\u200f'")
)


@pytest.mark.parametrize(
    "text",
    [SEED, TAB_IN_A_TITLE, SEED.replace("\n", "\r\n")],
    ids=["seed", "tab in a title", "CR LF"],
)
def test_the_fast_path_builds_the_story_the_old_path_builds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "s.toml"
    path.write_bytes(text.encode())
    fast = load_story(path)
    _old_path(monkeypatch)
    assert fast == load_story(path)


@pytest.mark.parametrize("kind", ["mixed", "annotated"])
def test_generated_stories_are_built_the_same_by_both_paths(
    make_story: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "s.toml"
    text = make_story.shape_text(kind, 0.05, events=40, quotes=40)  # type: ignore[attr-defined]
    path.write_text(text, encoding="utf-8")
    fast = load_story(path)
    _old_path(monkeypatch)
    assert fast == load_story(path)


def test_the_fast_path_finds_the_problems_the_old_path_finds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "s.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(StoryError) as fast:
        load_story(path)
    fields = {problem.field for problem in fast.value.problems}
    edited = {"chapters[3].blocks[1].id", "chapters[5].titel_en", "timeline[4].year"}
    assert edited | {"timeline[7].phrase"} <= fields
    _old_path(monkeypatch)
    with pytest.raises(StoryError) as old:
        load_story(path)
    assert fast.value.problems == old.value.problems


def test_load_story_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(text: str) -> object:
        raise AssertionError("tomllib was asked")

    monkeypatch.setattr(tomllib, "loads", refuse)
    path = tmp_path / "s.toml"
    path.write_text(SEED, encoding="utf-8")
    assert load_story(path).title.startswith("توفيق")


# -- what the subset holds, value by value ------------------------------------------

VALUES = [
    "'literal \" \\ \t'",
    "''",
    '""',
    '"basic \\" \\\\ \\b \\t \\n \\f \\r \\u0041 \\U0001F600 \\u00e9 ع"',
    "'''\nmulti\nline ''quotes'' '''",
    "'''x''''",
    "'''x'''''",
    "''''''",
    '"""\nmulti \\\n    continued\n\\t "quoted" ""twice"" """',
    '"""x""""',
    '"""x"""""',
    '"""\\    \n\n  y"""',
    '""""""',
    "0",
    "-0",
    "+7",
    "1974",
    "-7.59",
    "+0.5",
    "-0.0",
    "1e5",
    "1E-5",
    "6.02e+23",
    "999999999999999999",
    "true",
    "false",
]


@pytest.mark.parametrize("value", VALUES)
def test_each_kind_of_value_is_read_the_same(value: str) -> None:
    accepted(f"a = {value}\n[t]\nb={value} # after\n[[s]]\n[[s.x]]\n c = {value}")


DECLINED = [
    "a = 1979-05-27",
    "a = 07:32:00",
    "a = [1, 2]",
    "a = {b = 1}",
    "a = 1_000",
    "a = 0x1F",
    "a = inf",
    "a = nan",
    "a = 1234567890123456789",
    '"a" = 1',
    "a.b = 1",
    'a = "\\e"',
    'a = "\\x41"',
    'a = "\\uD800"',
    'a = "\\U00110000"',
    "[a.b]\nc = 1",
    "[[a.b]]\nc = 1",
    "[[a]]\n[[a.b.c]]",
    "[[a]]\n[a.b]",
    "[a]\n[[a.b]]",
    "['a']",
    '[["a"]]',
]


@pytest.mark.parametrize("text", DECLINED)
def test_what_is_outside_the_subset_is_declined(text: str) -> None:
    assert toml_fast.read(text) is None
    # ... and may well be TOML: the old path reads it.
    with contextlib.suppress(tomllib.TOMLDecodeError):
        tomllib.loads(text)


ERRORS = [
    "a = 1\na = 2",
    "[t]\n[t]",
    "[[t]]\n[t]",
    "[t]\n[[t]]",
    "t = 1\n[t]",
    "t = 1\n[[t]]",
    "[[t]]\nx = 1\n[[t.x]]",
    "a = 'x\x01'",
    "a = 'x\ry'",
    "a = 1\r",
    "a = 'x\x7f'",
    "a = 1 # \x7f",
    "a = '''\x00'''",
    'a = "\\ "',
    'a = """\\ x"""',
    "a = 'unterminated",
    "a = 1 2",
    "a = 01",
    "a = 1.",
    "a = .5",
    "a = truth",
    "a = True",
    "a = 1e",
    "a = 1.5.2",
    "a = --1",
    "[t]]",
    "[[t]",
    "[ [t]]",
    "[]",
    "[[t]]\n[[t:u]]",
    "[[t]]\n[[t..u]]",
    "[[t]]\n[[t.]]",
    "[t u]",
    "a =",
    "= 1",
    "\ufeffa = 1",
]


@pytest.mark.parametrize("text", ERRORS)
def test_errors_are_declined_and_reported_as_before(text: str) -> None:
    assert toml_fast.read(text) is None
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(text)
    with pytest.raises(StoryError) as raised:
        parse_toml(text, "t.toml")
    assert "valid TOML" in str(raised.value)


def test_more_tables_or_keys_than_the_limits_are_declined(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "[[t]]\na = 1\n" * 3
    assert check(text) is not None
    monkeypatch.setattr(toml_limits, "MAX_TABLES", 2)
    assert toml_fast.read(text) is None
    monkeypatch.setattr(toml_limits, "MAX_TABLES", 3)
    monkeypatch.setattr(toml_limits, "MAX_KEYS", 2)
    assert toml_fast.read(text) is None
    with pytest.raises(StoryError, match="at most 2 keys"):
        parse_toml(text, "t.toml")


def test_both_statement_patterns_number_their_groups_alike() -> None:
    # read() switches from one to the other in the middle of a document.
    clean = toml_statements.CLEAN_STATEMENT
    assert toml_statements.any_statement().groupindex == clean.groupindex
