"""``toml_fast.read(text, defer, later)`` reads the first chapter, and skips the others.

The reader shows the first chapter before the others are parsed: ``later =
{"chapters"}`` leaves the ``[[chapters]]`` tables after the first (with their
``[[chapters.blocks]]``) to ``deferred.read()``, whose ``chapters`` are then
the chapters after the first, and ``deferred.count("chapters")`` says how many
without reading them. ``check_deferred`` checks the guarantee of the deferred
sections on each case (with the split chapters cut in two); these cases pin
down where the runs are, when the split is given up, and what declines.
"""

from __future__ import annotations

import pytest

from tests.story.test_story_toml_fast_defer import LATER, SECTIONS, check_deferred, fast_read
from tui.story import toml_fast, toml_schema


def chapter(n: int, blocks: int = 2, header: str = "[[chapters]]", block: str = "") -> str:
    block = block or "[[chapters.blocks]]"
    parts = [f"{header}\ntitle = 'فصل {n}'\n"]
    parts += [f"{block}\ntext = 'نص {n}.{b}'\n" for b in range(blocks)]
    return "".join(parts)


STORY = "[story]\nformat = 1\ntitle = 'ع'\n\n"
EVENTS = "[[timeline]]\nwhen = '1974'\n[[timeline]]\nwhen = '1975'\n"


def titles(tables: object) -> list[str]:
    assert type(tables) is list
    return [table["title"] for table in tables]


def test_the_run_starts_at_the_second_chapter() -> None:
    text = STORY + "".join(chapter(n) for n in range(1, 5)) + EVENTS
    head = check_deferred(text, SECTIONS, LATER)
    assert head is not None and head.deferred is not None
    deferred = head.deferred
    second = text.index("[[chapters]]\ntitle = 'فصل 2'")
    events = text.index("[[timeline]]")
    assert deferred.spans == ((second, events), (events, len(text)))
    assert deferred.split == LATER
    assert list(head.data) == ["story", "chapters"]
    (first,) = head.data["chapters"]  # type: ignore[misc]
    assert first == {"title": "فصل 1", "blocks": [{"text": "نص 1.0"}, {"text": "نص 1.1"}]}
    assert deferred.count("chapters") == 3
    assert deferred.count("timeline") == 2
    assert deferred.count("blocks") == deferred.count("quotes") == 0
    tail = deferred.read()
    assert tail is not None
    assert list(tail.data) == ["chapters", "timeline"]
    assert titles(tail.data["chapters"]) == ["فصل 2", "فصل 3", "فصل 4"]
    assert tail.data["chapters"][2]["blocks"][1] == {"text": "نص 4.1"}  # type: ignore[index]


def test_a_story_of_one_chapter_splits_nothing() -> None:
    text = STORY + chapter(1) + EVENTS
    head = check_deferred(text, SECTIONS, LATER)
    assert head is not None and head.deferred is not None
    assert head.deferred.split == frozenset()
    assert head.deferred.count("chapters") == 0
    assert titles(head.data["chapters"]) == ["فصل 1"]
    # Without sections either, nothing is skipped at all.
    head = check_deferred(STORY + chapter(1), SECTIONS, LATER)
    assert head is not None and head.deferred is None


@pytest.mark.parametrize(
    ("header", "block"),
    [
        ("  [[ chapters ]]  # the next", "[[ chapters . blocks ]]"),
        ("[[\tchapters\t]]#", "\t[[chapters .blocks]] # a block"),
        ("[[chapters]]", "[[chapters\t.\tblocks ]]"),
    ],
)
def test_headers_spaced_any_way_toml_fast_reads_stay_in_the_run(header: str, block: str) -> None:
    text = STORY + chapter(1) + "".join(chapter(n, 3, header, block) for n in range(2, 6))
    head = check_deferred(text, SECTIONS, LATER)
    assert head is not None and head.deferred is not None
    assert head.deferred.spans == ((len(STORY + chapter(1)), len(text)),)
    assert head.deferred.count("chapters") == 4


def test_chapters_between_sections_are_runs_of_their_own() -> None:
    quotes = "[[quotes]]\ntext = 'q'\n"
    text = STORY + chapter(1) + EVENTS + chapter(2) + chapter(3) + quotes + chapter(4)
    head = check_deferred(text, SECTIONS, LATER)
    assert head is not None and head.deferred is not None
    starts = [text.index(part) for part in (EVENTS, chapter(2), quotes, chapter(4))]
    assert [start for start, _ in head.deferred.spans] == starts
    assert head.deferred.count("chapters") == 3
    tail = head.deferred.read()
    assert tail is not None
    assert titles(tail.data["chapters"]) == ["فصل 2", "فصل 3", "فصل 4"]


@pytest.mark.parametrize(
    "after",
    [
        # A block whose chapter is the last one skipped.
        "[[chapters.blocks]]\ntext = 'late'\n",
        "  [[ chapters.blocks ]]\ntext = 'late'\n",
    ],
)
def test_a_part_met_after_a_skipped_run_reads_the_chapters_again(after: str) -> None:
    text = STORY + chapter(1) + chapter(2) + EVENTS + after
    head = check_deferred(text, SECTIONS, LATER)
    # Read again without later: the sections are still deferred.
    assert head is not None and head.deferred is not None
    assert head.deferred.split == frozenset()
    assert head.deferred.spans == ((text.index(EVENTS), text.index(after)),)
    assert head.data["chapters"][1]["blocks"][-1] == {"text": "late"}  # type: ignore[index]


def test_a_table_of_the_name_after_a_skipped_run_is_declined() -> None:
    # [chapters] after [[chapters]]: tomllib refuses it, and so does the head.
    text = STORY + chapter(1) + chapter(2) + EVENTS + "[chapters]\ntitle = 'x'\n"
    assert fast_read(text) is None
    assert check_deferred(text, SECTIONS, LATER) is None
    # A key of the name before the first chapter.
    text = "chapters = 1\n" + chapter(1) + chapter(2)
    assert check_deferred(text, SECTIONS, LATER) is None


@pytest.mark.parametrize("string", ["'''x\n[story]\n'''", '"""\ny"""'])
def test_a_multi_line_string_in_a_later_chapter_keeps_the_chapters_whole(string: str) -> None:
    third = chapter(3).replace("text = 'نص 3.1'", f"text = {string}")
    text = STORY + chapter(1) + chapter(2) + third + chapter(4) + EVENTS
    head = check_deferred(text, SECTIONS, LATER)
    # The sections are still deferred; every chapter is read now.
    assert head is not None and head.deferred is not None
    assert head.deferred.split == frozenset()
    assert head.deferred.spans == ((text.index(EVENTS), len(text)),)
    assert titles(head.data["chapters"]) == ["فصل 1", "فصل 2", "فصل 3", "فصل 4"]


def test_a_multi_line_string_in_the_sections_too_reads_the_whole_text() -> None:
    text = STORY + chapter(1) + "[[chapters]]\na = '''\n'''\n" + EVENTS + "b = '''x'''\n"
    head = check_deferred(text, SECTIONS, LATER)
    assert head is not None and head.deferred is None
    assert repr(head) == repr(fast_read(text))


@pytest.mark.parametrize(
    ("wrong", "why"),
    [
        ("title = 'فصل 3'\ntitle = 'again'", "a key twice in a table"),
        ("blocks = 1", "a key, then [[chapters.blocks]] of the same name"),
        ("title = [1]", "outside the subset"),
    ],
)
def test_the_tail_declines_what_the_whole_declines(wrong: str, why: str) -> None:
    third = chapter(3).replace("title = 'فصل 3'", wrong)
    text = STORY + chapter(1) + chapter(2) + third + EVENTS
    assert fast_read(text) is None, why
    head = check_deferred(text, SECTIONS, LATER)
    assert head is not None and head.deferred is not None, why
    assert head.deferred.split == LATER
    assert head.deferred.read() is None, why


def test_the_same_id_in_two_chapters_is_no_error_of_toml() -> None:
    # The story's checks say so, later; the TOML is read as tomllib reads it.
    text = STORY + chapter(1).replace("title", "id = 'c'\ntitle") + chapter(2)
    text += chapter(3).replace("title", "id = 'c'\ntitle")
    head = check_deferred(text, SECTIONS, LATER)
    assert head is not None and head.deferred is not None
    assert head.deferred.read() is not None


def test_pieces_are_cut_before_chapters_never_before_blocks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = STORY + "".join(chapter(n, 5) for n in range(1, 40))
    paced: list[int] = []
    for piece in (1, 7, 100, 1_000):
        monkeypatch.setattr(toml_fast, "PIECE", piece)
        head = check_deferred(text, SECTIONS, LATER)
        assert head is not None and head.deferred is not None
        paced.clear()
        tail = head.deferred.read(lambda: paced.append(1))
        assert tail is not None
        assert titles(tail.data["chapters"]) == [f"فصل {n}" for n in range(2, 40)]
        if piece == 1:
            assert len(paced) == 38  # one piece per chapter


def test_five_thousand_chapters_are_counted_unread() -> None:
    text = STORY + "".join(chapter(n, 1) for n in range(1, 5_001)) + EVENTS
    head = check_deferred(text, SECTIONS, LATER)
    assert head is not None and head.deferred is not None
    assert head.deferred.count("chapters") == 4_999
    assert len(head.data["chapters"]) == 1  # type: ignore[arg-type]


def test_read_toml_passes_later_on() -> None:
    text = STORY + chapter(1) + chapter(2)
    reading = toml_schema.read_toml(text, "s.toml", SECTIONS, LATER)
    assert reading.deferred is not None and reading.deferred.split == LATER
    assert titles(reading.data["chapters"]) == ["فصل 1"]


@pytest.mark.parametrize(
    ("paragraph", "accepted"),
    [("'a\tb'", True), ("'x\x85'", True), ('"x\\u2028"', True), ("'open", False)],
)
def test_the_pieces_of_a_long_run_are_scanned_as_the_whole_text_is(
    paragraph: str, accepted: bool
) -> None:
    # Over QUICK_FROM characters of runs, each piece is scanned with the quick
    # twin: a string it takes up to the wrong quote is matched again.
    long = "text = '" + "كلمة " * 200 + "'\n"
    chapters = [chapter(n).replace("text = 'نص", long + "other = 'نص") for n in range(1, 200)]
    chapters[150] = chapters[150].replace("other = 'نص 151.0'", f"other = {paragraph}")
    text = STORY + "".join(chapters) + EVENTS
    assert len(text) > 2 * toml_fast.QUICK_FROM
    head = check_deferred(text, SECTIONS, LATER)
    assert head is not None and head.deferred is not None
    assert (head.deferred.read() is not None) == accepted
