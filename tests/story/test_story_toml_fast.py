"""``toml_fast.read`` returns what ``tomllib.loads`` returns, or declines.

Differential tests: the seed, generated stories, documents built from the
pieces of TOML (those of the subset, and many just outside it) and random
edits of the seed are read by both; ``toml_fast`` must never accept what
``tomllib`` refuses, and must give the same values, types and key order
when it accepts. Plain story files must be accepted (else the fast path is
never taken), and what it declines is read the old way, with the old errors.
"""

from __future__ import annotations

import contextlib
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.story.conftest import same_as_tomllib, strings
from tui.rtl.sanitize import is_clean
from tui.story import load_story, toml_fast, toml_limits
from tui.story.errors import StoryError
from tui.story.toml_limits import structure_problem
from tui.story.toml_schema import parse_toml

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "seeds" / "jamali.toml").read_text(encoding="utf-8")

SETTINGS = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check(text: str) -> toml_fast.Reading | None:
    """Read ``text`` with both readers; fail if they disagree. What toml_fast returned."""
    reading = toml_fast.read(text)
    same_as_tomllib(text, reading)
    if reading is not None:
        # Accepted documents keep to the structure limits by construction.
        assert structure_problem(text, "t.toml") is None
    return reading


def accepted(text: str) -> toml_fast.Reading:
    reading = check(text)
    assert reading is not None, "toml_fast declined a plain story document"
    # Clean exactly when no string needs clean_text (the other way round
    # is checked by same_as_tomllib).
    assert reading.clean == all(is_clean(string) for string in strings(reading.data))
    return reading


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
    monkeypatch.setattr(toml_fast, "read", lambda text: None)


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


# -- documents built from the pieces of TOML ------------------------------------------

FRAGMENTS = [
    "'", '"', "'''", '"""', "\\", "\\\\", '\\"', "\\n", "\\t", "\\u0041", "\\uD800",
    "\\U0001F600", "\\e", "\\ \n", "\\\n  ", "\n", "\r\n", "\r", "\t", " ", "\x00",
    "\x01", "\x1b", "\x1f", "\x7f", "\x80", "\u200f", "\u202e", "ع", "ـ", "#", "=",
    "[", "]", ".", ",", "{", "}", "a", "u", "0", "9",
]  # fmt: skip
contents = st.lists(st.sampled_from(FRAGMENTS) | st.characters(), max_size=12).map("".join)
keys = st.sampled_from(["id", "text", "a", "b-c", "_", "1974", "Z9", "x y", '"q"', "'q'", "a.b"])
names = st.sampled_from(["story", "chapters", "blocks", "t", "1", "a-b", "a b", '"q"'])
numbers = st.sampled_from(
    ["0", "-0", "+1", "01", "1_0", "1.5", "-7.59", "1e5", "1.e5", "1e", "0x10", "inf", "-nan"]
) | st.integers(-(10**20), 10**20).map(str)
quotes = st.sampled_from(["'", '"', "'''", '"""'])
values = (
    st.builds(lambda quote, content: quote + content + quote, quotes, contents)
    | numbers
    | st.sampled_from(["true", "false", "True", "1979-05-27", "[1]", "{}", ""])
)
spaces = st.sampled_from(["", " ", "\t", "  "])
comments = st.sampled_from(["", "", " # note", "# x \x01", "#'\"", " #\t"])
headers = st.builds(
    lambda bracket, before, name, part, after: (
        f"{bracket}{before}{name}{part}{after}{']' * len(bracket)}"
    ),
    st.sampled_from(["[", "[["]),
    spaces,
    names,
    st.sampled_from(["", ".blocks", " . t", ".a.b", ":t", "..t", "."]),
    spaces,
)
statements = (
    st.builds(
        lambda indent, key, space, value, comment: f"{indent}{key}{space}= {value}{comment}",
        spaces,
        keys,
        spaces,
        values,
        comments,
    )
    | st.builds(
        lambda indent, header, comment: indent + header + comment, spaces, headers, comments
    )
    | comments
    | spaces
)
documents = st.builds(
    lambda lines, end, last: end.join(lines) + (end if last else ""),
    st.lists(statements, max_size=14),
    st.sampled_from(["\n", "\r\n", "\n\n", "\r"]),
    st.booleans(),
)


@SETTINGS
@given(documents)
def test_documents_of_toml_pieces_are_read_the_same_or_declined(text: str) -> None:
    check(text)


def _basic(text: str) -> str:
    """``text`` as a TOML basic string, the characters that need it escaped."""
    escaped = (f"\\U{ord(ch):08X}" if ord(ch) < 32 or ch in '"\\\x7f' else ch for ch in text)
    return '"' + "".join(escaped) + '"'


plain_text = st.text(st.characters(exclude_categories=["Cc", "Cs"], exclude_characters="'"))
plain_values = (
    plain_text.map(lambda text: f"'{text}'")
    | st.text().map(_basic)
    | st.integers(-(10**17), 10**17).map(str)
    | st.floats(allow_nan=False, allow_infinity=False).map(repr)
    | st.booleans().map(lambda value: "true" if value else "false")
)
plain_tables = st.lists(
    st.dictionaries(st.from_regex(r"[A-Za-z0-9_-]{1,6}", fullmatch=True), plain_values, max_size=5),
    min_size=1,
    max_size=6,
)


@SETTINGS
@given(plain_tables)
# An escape that needs cleaning, then a string that does: both read.
@example([{"a": '"\\U0000001F"'}, {"b": '"\x80"'}])
def test_plain_documents_are_accepted_and_read_the_same(tables: list[dict[str, str]]) -> None:
    lines = []
    for index, pairs in enumerate(tables):
        lines.append("[[chapters]]" if index % 2 == 0 else "[[chapters.blocks]]")
        lines.extend(f"{key} = {value}" for key, value in pairs.items())
    accepted("\n".join(lines) + "\n")


# -- random edits of the seed -------------------------------------------------------

EDIT_FRAGMENTS = st.sampled_from(FRAGMENTS) | st.text(max_size=3)


@SETTINGS
@given(st.data())
def test_edits_of_the_seed_are_read_the_same_or_declined(data: st.DataObject) -> None:
    text = SEED
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        edit = data.draw(st.sampled_from(["insert", "delete", "line", "quote", "crlf"]))
        if edit == "insert":
            text = text[:at] + data.draw(EDIT_FRAGMENTS) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 40)) :]
        elif edit == "line":
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at) + 1 or len(text)
            text = text[:end] + text[start:end] + text[end:]
        elif edit == "quote":
            quote = text.find("'", at)
            if quote >= 0:
                text = text[:quote] + '"' + text[quote + 1 :]
        else:
            end = text.find("\n", at)
            if end >= 0:
                text = text[:end] + "\r" + text[end:]
    check(text)


def test_both_statement_patterns_number_their_groups_alike() -> None:
    # read() switches from one to the other in the middle of a document.
    clean = toml_fast._CLEAN_STATEMENT
    assert toml_fast._any_statement().groupindex == clean.groupindex
