"""``toml_fast.read(text, defer)`` skips the deferred arrays of tables, and reading them after
gives what reading the whole text gives.

The guarantee checked on every document (``check_deferred``), with ``whole =
read(text)``, ``head = read(text, defer)`` and ``tail = head.deferred.read()``:

- if ``whole`` declines, ``head`` or ``tail`` declines: nothing the whole
  reading refuses is accepted in two parts;
- if ``whole`` accepts, ``head`` accepts; without ``deferred`` (nothing
  skipped, or deferral abandoned) it is ``whole`` exactly; with it, ``tail``
  accepts and holds only names of ``defer``, each a list of tables; ``head``
  holds the other keys of ``whole``: ``head.data`` is ``whole.data`` without
  the keys of ``tail.data`` and ``tail.data`` is ``whole.data`` with only
  them, values, types, list order and key order the same (so ``{**head.data,
  **tail.data}`` equals ``whole.data``; only where the deferred names stand
  among the keys of the root may differ); ``whole.clean`` is ``head.clean and
  tail.clean``, each exact for its own strings.

With ``later`` (``read(text, defer, later)``), a name of ``later`` whose tables
after the first were skipped (``deferred.split``) is in both: its first table
in ``head``, the others in ``tail``, ``head.data[name] + tail.data[name]`` being
``whole.data[name]``; ``deferred.count(name)`` is ``len(tail.data[name])``.

Hand-written cases pin down where the skipped spans start and end, when
deferral is abandoned, and that the skipped tables are not parsed at all;
generated documents (stories of every section in any order, odd lines,
multi-line strings, CR LF, random edits) check the guarantee.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.story.conftest import SEED, same_as_tomllib, strings
from tests.story.test_story_toml_fast import DECLINED, ERRORS
from tests.story.test_story_toml_fast_fuzz import edited
from tui.rtl.sanitize import is_clean
from tui.story import toml_fast, toml_limits

# The reader itself: the conftest's fixture replaces ``toml_fast.read`` during
# each test with a checked copy that takes one argument.
fast_read = toml_fast.read

SECTIONS = frozenset({"timeline", "quotes", "eras", "places"})
#: what the reader reads after the first chapter
LATER = frozenset({"chapters"})

SETTINGS = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_deferred(
    text: str, defer: frozenset[str] = SECTIONS, later: frozenset[str] = frozenset()
) -> toml_fast.Reading | None:
    """Fail unless the guarantee above holds for ``text``; the head reading."""
    whole = fast_read(text)
    head = fast_read(text, defer, later)
    deferred = None if head is None else head.deferred
    tail = None if deferred is None else deferred.read()
    if whole is None:
        assert head is None or (deferred is not None and tail is None), (
            "read in two parts what read(text) declines"
        )
        return head
    same_as_tomllib(text, whole)
    assert head is not None, "declined with defer what read(text) accepts"
    if deferred is None:
        assert repr(head.data) == repr(whole.data)
        assert head.clean == whole.clean
        return head
    assert tail is not None, "the deferred tables declined what read(text) accepts"
    assert tail.deferred is None
    split = deferred.split
    assert split <= later - defer
    check_spans(deferred, defer, split)
    assert tail.data.keys() <= defer | split
    assert split <= tail.data.keys()
    assert all(type(tables) is list for tables in tail.data.values())
    assert not tail.data.keys() - split & head.data.keys()
    for name, tables in tail.data.items():
        assert deferred.count(name) == len(tables)  # type: ignore[arg-type]
    # repr tells True from 1 and 1.0 from 1, and shows the order of keys and lists.
    # A split array of tables: its first table in the head, the others in the tail.
    assert all(len(head.data[name]) == 1 for name in split)  # type: ignore[arg-type]
    joined = {
        key: value + tail.data[key] if key in split else value  # type: ignore[operator]
        for key, value in head.data.items()
    }
    rest = {key: value for key, value in whole.data.items() if key not in tail.data.keys() - split}
    assert repr(joined) == repr(rest)
    skipped = {key: value for key, value in whole.data.items() if key in tail.data.keys() - split}
    assert repr({key: value for key, value in tail.data.items() if key not in split}) == repr(
        skipped
    )
    assert whole.clean == (head.clean and tail.clean)
    for part in (head, tail):
        assert part.clean == all(is_clean(string) for string in strings(part.data))
    return head


# A line the spans hold: a header of a deferred name, or of a split name and
# its parts, as toml_fast reads them.
def _run_header(names: frozenset[str], parts: bool) -> re.Pattern[str]:
    alternatives = "|".join(sorted(names))
    part = r"(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)?" if parts else ""
    return re.compile(
        r"[ \t]*\[\[[ \t]*(?:" + alternatives + r")" + part + r"[ \t]*\]\][ \t]*(?:#|\n|$)"
    )


# A line that opens a multi-line string.
_MULTI_LINE_OPENER = re.compile(r"^[ \t]*[A-Za-z0-9_-]+[ \t]*=[ \t]*(?:'''|\"\"\")", re.MULTILINE)


def check_spans(
    deferred: toml_fast.Deferred, defer: frozenset[str], split: frozenset[str] = frozenset()
) -> None:
    """The spans start at deferred headers (or at a split name's header) and end at
    the next line starting with ``[`` that is not one of the run's headers, each within
    the text and after the one before, no multi-line string opening in them."""
    text = deferred.text
    assert "\r\n" not in text
    previous_end = 0
    for start, end in deferred.spans:
        assert previous_end <= start < end <= len(text)
        assert start == 0 or text[start - 1] == "\n"
        assert end == len(text) or text[end - 1] == "\n"
        assert not _MULTI_LINE_OPENER.search(text, start, end)
        lines = text[start:end].splitlines(keepends=True)
        # A run of a split name, or of deferred names.
        of_split = [name for name in split if _run_header(frozenset({name}), False).match(lines[0])]
        header = _run_header(frozenset(of_split), True) if of_split else _run_header(defer, False)
        assert header.match(lines[0])
        for line in lines:
            assert not line.lstrip(" \t").startswith("[") or header.match(line)
        if end < len(text):
            assert text[end:].lstrip(" \t").startswith("[")
            assert not header.match(text, end)
        previous_end = end


# -- where the spans are ------------------------------------------------------------

STORY = """\
[story]
format = 1
title = 'ع'

[[chapters]]
title = 'one'
[[chapters.blocks]]
text = 'a'

[[timeline]]
when = '1974'
[[timeline]] # the second
when = '1975'
# a comment, then a header with spaces inside its brackets
  [[ quotes ]]
text = 'q'

[[chapters]]
title = 'two'
[[chapters.blocks]]
text = 'b'
[[eras]]
name = 'e'
[[timeline]]
when = '1980'"""


def test_spans_run_from_a_deferred_header_to_the_next_kept_header() -> None:
    head = check_deferred(STORY)
    assert head is not None and head.deferred is not None
    first = STORY.index("[[timeline]]\nwhen = '1974'")
    second_chapter = STORY.index("[[chapters]]\ntitle = 'two'")
    eras = STORY.index("[[eras]]")
    assert head.deferred.spans == ((first, second_chapter), (eras, len(STORY)))
    assert list(head.data) == ["story", "chapters"]
    assert [chapter["title"] for chapter in head.data["chapters"]] == ["one", "two"]  # type: ignore[attr-defined]
    tail = head.deferred.read()
    assert tail is not None
    assert list(tail.data) == ["timeline", "quotes", "eras"]
    assert [event["when"] for event in tail.data["timeline"]] == ["1974", "1975", "1980"]  # type: ignore[attr-defined]
    assert tail.data["quotes"] == [{"text": "q"}]


def test_spans_are_offsets_in_the_text_with_cr_lf_made_lf() -> None:
    text = STORY.replace("\n", "\r\n")
    head = check_deferred(text)
    assert head is not None and head.deferred is not None
    assert head.deferred.text == STORY
    assert len(head.deferred.spans) == 2


def test_without_names_to_defer_nothing_is_skipped() -> None:
    head = fast_read(STORY, frozenset())
    assert head is not None
    assert head.deferred is None
    assert repr(head) == repr(fast_read(STORY))
    assert check_deferred(STORY, frozenset({"nothing"})) == head


def test_a_header_that_looks_deferred_but_is_not_ends_the_span() -> None:
    # [[timeline]] followed by anything but a comment is an error, read after
    # the span, and declined as read(text) declines it.
    for line in ("[[timeline]] x", "[[timeline]]]", "[ [timeline]]", "[timeline", "[[time line]]"):
        text = f"[[timeline]]\na = 1\n{line}\nb = 2\n"
        head = check_deferred(text)
        assert head is None, line


def test_a_comment_or_a_string_that_starts_like_a_header_is_no_header() -> None:
    text = "[[timeline]]\n# [story]\n  # [[chapters]]\na = '[story]'\n[story]\nb = 1\n"
    head = check_deferred(text)
    assert head is not None and head.deferred is not None
    assert head.deferred.spans == ((0, text.index("[story]\nb")),)
    assert head.data == {"story": {"b": 1}}


# -- when deferral is abandoned -----------------------------------------------------

ABANDONED = [
    # A multi-line string in a span: its lines could look like headers.
    "[[timeline]]\na = '''\n[story]\n'''\n[story]\nb = 1\n",
    '[[timeline]]\na = """x"""\n',
    # ... opening on a line of its key, whatever the spaces.
    "[[timeline]]\n\t a\t=  '''x'''\n",
    '[[timeline]]\nb = 1\nx-1 =""""""\n',
    # The second run cannot be skipped: the first is read again, in its place.
    "[[timeline]]\na = 1\n[story]\n[[timeline]]\nb = '''x'''\n",
    # A single table, or a table inside the deferred tables.
    "[timeline]\na = 1\n",
    "[[timeline]]\na = 1\n[[timeline.marks]]\nb = 2\n",
    # A key of a deferred name: tomllib refuses the header after it.
    "timeline = 1\n[[timeline]]\n",
]


@pytest.mark.parametrize("text", ABANDONED)
def test_a_deferred_table_that_cannot_be_skipped_makes_read_take_the_whole_text(
    text: str,
) -> None:
    whole = fast_read(text)
    head = check_deferred(text)
    assert repr(head) == repr(whole)
    assert head is None or head.deferred is None


@pytest.mark.parametrize(
    "line", ['a = \'x"""\'', "a = \"'''\"", "# '''", 'a = 1 # """', 'a = \'b = """\'']
)
def test_three_quotes_that_open_no_string_do_not_stop_a_skip(line: str) -> None:
    # Only a key's value opens a multi-line string: a one-line string or a
    # comment holding three quotes is one line like the others.
    text = f"[[timeline]]\n{line}\n[story]\nb = 1\n"
    head = check_deferred(text)
    assert head is not None and head.deferred is not None
    assert head.deferred.spans == ((0, text.index("[story]")),)


def test_a_multi_line_string_before_a_deferred_header_hides_it() -> None:
    # The header is a string's line, never met as a statement: nothing skipped.
    for text in (
        "[story]\na = '''\n[[timeline]]\nx = 1\n'''\n",
        "a = '''\n[[timeline]]\nx = 1\n[story]\n'''\n[[quotes]]\nb = 1\n",
    ):
        head = check_deferred(text)
        assert head is not None
        assert "[[timeline]]" in str(head.data)


def test_a_key_of_a_name_whose_tables_are_skipped_later_is_declined() -> None:
    # [[timeline]] is in the run that [[quotes]] starts: read(text, defer) never
    # meets it, the deferred reading declines.
    text = "timeline = 1\n[[quotes]]\n[[timeline]]\n"
    assert fast_read(text) is None
    head = check_deferred(text)
    assert head is not None and head.deferred is not None
    assert head.deferred.read() is None


# -- the skipped tables are not parsed ----------------------------------------------


def test_the_head_of_ten_thousand_events_holds_none_of_them() -> None:
    events = "".join(f"[[timeline]]\nwhen = '{year}'\ntext = 'e{year}'\n" for year in range(10_000))
    quotes = "".join(f"[[quotes]]\ntext = 'q{n}'\n" for n in range(10_000))
    text = "[story]\nformat = 1\n[[chapters]]\ntitle = 't'\n" + events + quotes
    head = check_deferred(text)
    assert head is not None and head.deferred is not None
    assert list(head.data) == ["story", "chapters"]
    assert head.deferred.spans == ((text.index("[[timeline]]"), len(text)),)
    tail = head.deferred.read()
    assert tail is not None
    assert len(tail.data["timeline"]) == len(tail.data["quotes"]) == 10_000  # type: ignore[arg-type]


def test_an_error_in_a_skipped_table_is_found_only_when_it_is_read() -> None:
    # The head is read without parsing the span: its error is not seen there.
    text = "[story]\nformat = 1\n[[timeline]]\nwhen = [1974]\n"
    assert fast_read(text) is None
    head = fast_read(text, SECTIONS)
    assert head is not None and head.deferred is not None
    assert head.data == {"story": {"format": 1}}
    assert head.deferred.read() is None


@pytest.mark.parametrize("error", ERRORS + DECLINED)
def test_errors_in_a_span_or_after_it_are_declined(error: str) -> None:
    for text in (
        f"[story]\n[[timeline]]\n{error}\n",
        f"[[quotes]]\na = 1\n{error}\n[story]\n",
        f"[[quotes]]\na = 1\n[story]\n{error}\n",
    ):
        check_deferred(text)


def test_the_limits_count_the_head_and_the_spans_together(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "[[chapters]]\na = 1\n[[timeline]]\nb = 1\n[[timeline]]\nc = 1\n"
    head = check_deferred(text)
    assert head is not None and head.deferred is not None
    for limit, value in (("MAX_TABLES", 2), ("MAX_KEYS", 2)):
        with monkeypatch.context() as patch:
            patch.setattr(toml_limits, limit, value)
            assert fast_read(text) is None
            # Each part keeps to the limit alone; together they pass it.
            head = fast_read(text, SECTIONS)
            assert head is not None and head.deferred is not None
            assert head.deferred.read() is None
        with monkeypatch.context() as patch:
            patch.setattr(toml_limits, limit, value + 1)
            assert check_deferred(text) is not None


# -- clean: exact for each part, and together what the whole text's is ----------------


@pytest.mark.parametrize("in_head", [False, True])
@pytest.mark.parametrize("in_span", [False, True])
@pytest.mark.parametrize("how", ["'x\x85'", '"x\\u0085"', "'''x\u2028'''", "'x\t'"])
def test_clean_is_the_and_of_the_head_and_the_spans(in_head: bool, in_span: bool, how: str) -> None:
    if how.startswith("'''") and in_span:
        how = '"x\\u2028"'  # a span with a multi-line string is not skipped
    plain = "'x'"
    text = (
        f"[[chapters]]\na = {how if in_head else plain}\n"
        f"[[timeline]]\nb = {how if in_span else plain}\n[[eras]]\nc = 1\n"
    )
    head = check_deferred(text)
    assert head is not None and head.deferred is not None
    tail = head.deferred.read()
    assert tail is not None
    assert (head.clean, tail.clean) == (not in_head, not in_span)


# -- generated documents ------------------------------------------------------------

NAMES = ["timeline", "quotes", "eras", "places"]


def mostly(common: list[str], rare: list[str]) -> st.SearchStrategy[str]:
    """One of ``common`` 15 times in 16, else one of ``rare``: most documents
    generated are read, some are not."""
    return st.integers(0, 15).flatmap(lambda n: st.sampled_from(rare if n == 0 else common))


spaces = mostly(["", "", " "], ["\t", "  ", " \t"])
comments = mostly(
    ["", "", " # note", "#c", " # [[story]]", "# [x"], [" # '''", " # '''", " # '", " #\x01"]
)
keys = st.sampled_from(["id", "text", "when", "a-b", "x"])
values = mostly(
    ["'t'", '"b\\u0041"', "1", "-2.5", "true", "'ع'", "'[story]'", "'x\x85'", '"x\\u2028"'],
    [
        "'''ml\n[[timeline]]\nx = 1\n'''",  # a multi-line string holding a header
        '"""a\n[story]"""',
        '\'a"""\'',
        "[1]",  # outside the subset
        "1 2",  # an error
    ],
)
pairs = st.builds(
    lambda indent, key, value, comment: f"{indent}{key} = {value}{comment}",
    spaces,
    keys,
    values,
    comments,
)
# Keys of a table are mostly different (a key twice is an error).
bodies = st.integers(0, 7).flatmap(
    lambda n: st.lists(pairs, min_size=2, max_size=2)
    if n == 0
    else st.lists(pairs, max_size=3, unique_by=lambda pair: pair.split()[0])
)


def _header(bracket: str, before: str, name: str, part: str, after: str, comment: str) -> str:
    return f"{before}{bracket}{after}{name}{part}{after}{']' * len(bracket)}{comment}"


# Any header, of the forms toml_fast reads and others.
headers = st.builds(
    _header,
    st.sampled_from(["[[", "[[", "["]),
    spaces,
    st.sampled_from([*NAMES, *NAMES, "story", "chapters"]),
    st.sampled_from(["", "", "", ".blocks", ".x"]),
    spaces,
    comments,
)
odd_lines = st.sampled_from(
    [
        "",
        "# a comment",
        "  # [story]",
        "[[timeline]] x = 1",
        "[[quotes]]]",
        "[ [timeline]]",
        "[timeline",
        "[not a header",
        "timeline = 1",
        "[]",
    ]
)


@st.composite
def runs(draw: st.DrawFn, name: st.SearchStrategy[str]) -> list[str]:
    """A run of tables of one array (or of several, for the deferred names)."""
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        table = draw(name)
        before, after, comment = draw(spaces), draw(spaces), draw(comments)
        lines.append(_header("[[", before, table, "", after, comment))
        lines.extend(draw(bodies))
        if table == "chapters":
            for _ in range(draw(st.integers(0, 2))):
                lines.append(draw(spaces) + "[[chapters.blocks]]" + draw(comments))
                lines.extend(draw(bodies))
    return lines


sections = (
    runs(st.just("chapters"))
    | runs(st.just("chapters"))
    | runs(st.sampled_from(NAMES))
    | runs(st.sampled_from(NAMES))
    | runs(st.sampled_from(NAMES))
    | st.builds(lambda header, body: [header, *body], headers, bodies)
    | odd_lines.map(lambda line: [line])
)
defer_sets = (
    st.just(SECTIONS)
    | st.just(SECTIONS)
    | st.frozensets(st.sampled_from([*NAMES, "chapters", "story", "blocks"]), max_size=3)
)

# The chapters after the first, as the reader asks; no name, or others.
later_sets = (
    st.just(frozenset[str]())
    | st.just(LATER)
    | st.just(LATER)
    | st.frozensets(st.sampled_from(["chapters", "timeline", "story", "blocks"]), max_size=2)
)


@st.composite
def stories(draw: st.DrawFn) -> str:
    """Stories of a ``[story]`` table (or none) and runs of every array of tables in
    any order, with other headers and lines that are not statements here and there."""
    parts = draw(st.lists(sections, max_size=8))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(parts)))
        parts.insert(at, ["[story]", *draw(bodies)])
    lines = [line for part in parts for line in part]
    end = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    text = end.join(lines) + draw(st.sampled_from(["", end]))
    if draw(st.integers(0, 4)) == 0:
        text = text.replace("\n", "\r\n", draw(st.integers(1, 3)))  # some lines only
    return text


@SETTINGS
@given(stories(), defer_sets, later_sets)
@example("[[timeline]]\na = 1\n[story]\n[[timeline]]\nb = 2\n", SECTIONS, frozenset())
@example("[[chapters]]\n[[chapters.blocks]]\n[[chapters]]\n", frozenset({"chapters"}), frozenset())
# A key of a name whose tables come in a run of other deferred tables.
@example("timeline = 1\n[[quotes]]\n[[timeline]]\n", SECTIONS, frozenset())
# A part of a later name after its run was skipped, or after other tables.
@example("[[chapters]]\n[[chapters]]\n[[timeline]]\n[[chapters.blocks]]\n", SECTIONS, LATER)
@example("[[chapters]]\n[[timeline]]\n[[chapters.blocks]]\n[[chapters]]\n", SECTIONS, LATER)
def test_stories_read_in_two_parts_are_read_as_whole(
    text: str, defer: frozenset[str], later: frozenset[str]
) -> None:
    check_deferred(text, defer, later)


plain_values = st.sampled_from(
    ["'t'", '"b\\u0041"', "1", "2.5", "false", "'[story]'", "'x\x85'", '"\\t"', "'a\"\"'"]
)
plain_comments = st.sampled_from(["", "", " # note", "#c", " # [[story]]", "# [x", " # '"])
plain_spaces = st.sampled_from(["", "", " ", "\t", " \t"])
plain_bodies = st.dictionaries(
    keys, st.tuples(plain_spaces, plain_values, plain_comments), max_size=3
).map(
    lambda pairs: [
        f"{indent}{key} = {value}{comment}" for key, (indent, value, comment) in pairs.items()
    ]
)
between = st.sampled_from(["", "", "", "# a comment", "  # [story]", "\t"])


@st.composite
def plain_stories(draw: st.DrawFn) -> str:
    """Stories of the subset without multi-line strings, whose runs of tables come in
    any order, with spaces and comments around their headers: read in two parts, always."""
    parts: list[list[str]] = []
    for _ in range(draw(st.integers(1, 8))):
        run = []
        name = draw(st.sampled_from(["chapters", *NAMES]))
        for _ in range(draw(st.integers(1, 3))):
            before, after = draw(plain_spaces), draw(plain_spaces)
            run.append(_header("[[", before, name, "", after, draw(plain_comments)))
            run.extend(draw(plain_bodies))
            if name == "chapters" and draw(st.booleans()):
                run.append(draw(plain_spaces) + "[[chapters.blocks]]" + draw(plain_comments))
                run.extend(draw(plain_bodies))
            run.append(draw(between))
        parts.append(run)
    if draw(st.booleans()):
        story = draw(plain_spaces) + "[story]" + draw(plain_comments)
        parts.insert(draw(st.integers(0, len(parts))), [story, *draw(plain_bodies)])
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(line for part in parts for line in part) + draw(st.sampled_from(["", end]))


@SETTINGS
@given(plain_stories())
def test_plain_stories_are_read_in_two_parts(text: str) -> None:
    head = check_deferred(text)
    assert head is not None
    assert (head.deferred is not None) == any(name in text for name in NAMES)
    # The chapters after the first too: the blocks of a chapter follow it.
    head = check_deferred(text, SECTIONS, LATER)
    assert head is not None
    chapters = len(re.findall(r"\[\[[ \t]*chapters[ \t]*\]\]", text))
    assert head.deferred is None or head.deferred.split == (LATER if chapters > 1 else set())
    assert (head.deferred is not None) == (chapters > 1 or any(name in text for name in NAMES))


EDIT_FRAGMENTS = st.sampled_from(
    ["[", "]", "[[timeline]]\n", "\n[[quotes]]", "[story]\n", "\n[", "'''", '"""', "'", "\n",
     "\r\n", "#", " = 1\n", "[[timeline.x]]\n", "[timeline]\n", "\x85", "timeline = 1\n"]
) | st.text(max_size=3)  # fmt: skip


@SETTINGS
@given(st.one_of(st.just(SEED), plain_stories(), stories()), st.data())
def test_edits_of_stories_are_read_in_two_parts_as_whole(text: str, data: st.DataObject) -> None:
    text = edited(text, data, EDIT_FRAGMENTS, ("insert", "delete", "line", "crlf"))
    check_deferred(text, data.draw(defer_sets), data.draw(later_sets))


def test_the_seed_is_read_in_two_parts() -> None:
    head = check_deferred(SEED)
    assert head is not None and head.deferred is not None
    assert list(head.data) == ["story", "chapters"]
    assert head.deferred.spans == ((SEED.index("[[timeline]]"), len(SEED)),)
