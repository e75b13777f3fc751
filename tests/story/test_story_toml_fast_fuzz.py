"""``toml_fast.read`` returns what ``tomllib.loads`` returns, or declines: generated documents.

Documents built from the pieces of TOML (those of the subset, and many just
outside it), plain documents of the subset (which must be accepted), and
random edits of the seed are read by both readers: ``toml_fast`` must never
accept what ``tomllib`` refuses, and must give the same values, types and key
order when it accepts.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.story.conftest import SEED, accepted, check

SETTINGS = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

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


def edited(
    text: str,
    data: st.DataObject,
    fragments: st.SearchStrategy[str] = EDIT_FRAGMENTS,
    kinds: tuple[str, ...] = ("insert", "delete", "line", "quote", "crlf"),
) -> str:
    """``text`` after one to four random edits of the ``kinds`` named: a fragment
    inserted, characters deleted, a line doubled, a ' made ", a CR before a LF."""
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        edit = data.draw(st.sampled_from(kinds))
        if edit == "insert":
            text = text[:at] + data.draw(fragments) + text[at:]
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
    return text


@SETTINGS
@given(st.data())
def test_edits_of_the_seed_are_read_the_same_or_declined(data: st.DataObject) -> None:
    check(edited(SEED, data))
