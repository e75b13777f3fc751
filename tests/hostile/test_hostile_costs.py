"""A small file never costs minutes: anchors are found in linear time, TOML structure is bounded.

A story whose 300 events anchor a one-letter phrase in one long paragraph
took two minutes to load when every anchor listed every occurrence; a
dotted key of 20,000 parts kept ``tomllib`` busy for over 20 seconds. Such
files now load (or are refused with a line to look at) at once. The loads
run in a child process with a generous time limit, so that a regression
fails the test instead of hanging the suite; how fast loading is, is
measured in ``benchmarks/``, not here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.stories import HEAD
from tui.story import StoryError, load_story
from tui.story.anchors import STEP_COST, PhraseFinder
from tui.story.toml_limits import (
    MAX_ARRAY_VALUES,
    MAX_KEY_PARTS,
    MAX_KEYS,
    MAX_NESTING,
    MAX_TABLES,
)

#: far above what the fixed code needs (well under a second), far below what the
#: quadratic code took (two minutes for the 1 MB story)
LIMIT_SECONDS = 60


LOAD = """\
import sys
from tui.story import StoryError, load_story
try:
    story = load_story(sys.argv[1])
except StoryError as error:
    print("error:", error)
else:
    print("events:", len(story.timeline))
"""


def load_in_child(path: Path) -> str:
    """What loading ``path`` prints, from a child process that must end in time."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", LOAD, str(path)],
            capture_output=True,
            text=True,
            timeout=LIMIT_SECONDS,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading {path.name} took more than {LIMIT_SECONDS} s")
    return done.stdout.strip()


def many_anchors(paragraph: str, count: int) -> str:
    """A story of one paragraph and ``count`` events on the letter "س", each another occurrence."""
    events = "".join(
        f'\n[[timeline]]\nid = "e{n}"\nyear = 2000\nlabel = "حدث"\nparagraph = "p1"\n'
        f'phrase = "س"\noccurrence = {n}\n'
        for n in range(1, count + 1)
    )
    return HEAD + f'text = "{paragraph}"\n' + events


def test_many_anchors_in_a_long_paragraph_load_in_linear_time(tmp_path: Path) -> None:
    # A paragraph of a million letters "س" (2 MB in UTF-8), 300 events on the
    # first 300: listing every occurrence for each event made 300 million steps.
    paragraph = "س" * 1_000_000
    path = tmp_path / "anchors.toml"
    path.write_text(many_anchors(paragraph, 300), encoding="utf-8")
    assert load_in_child(path) == "events: 300"
    story = load_story(path)
    starts = sorted(event.anchor.start for event in story.timeline)
    text = story.paragraph("p1").text
    assert all(text[start] == "س" for start in starts)
    assert len(set(starts)) == 300
    assert starts == list(range(300))


def test_each_phrase_is_searched_once_per_paragraph() -> None:
    text = "سنة " * 100_000
    finder = PhraseFinder()
    for occurrence in range(300, 0, -1):
        start = finder.locate("p1", text, "سنة", occurrence, "phrase")
        assert start == 4 * (occurrence - 1)
    # One scan of the paragraph plus one step per occurrence, not 300 scans.
    assert finder.work_done <= len(text) + 300 * STEP_COST


def test_an_ambiguous_phrase_is_counted_once_at_c_speed() -> None:
    text = "ab" * 500_000
    finder = PhraseFinder()
    miss = finder.locate("p1", text, "ab", None, "phrase")
    assert not isinstance(miss, int)
    assert miss.key == "occurrence"
    assert "1 to 500000" in miss.expected
    assert finder.work_done <= 2 * len(text) + 2 * STEP_COST


def test_overlapping_occurrences_still_count() -> None:
    finder = PhraseFinder()
    assert finder.locate("p1", "aaaa", "aa", 3, "phrase") == 2
    miss = finder.locate("p1", "aaaa", "aa", None, "phrase")
    assert not isinstance(miss, int)
    assert "1 to 3" in miss.expected


def test_the_work_of_anchors_is_bounded(tmp_path: Path) -> None:
    # Each distinct phrase must be looked for in the whole paragraph: 3,000
    # phrases in a 1 MB paragraph would scan 3 GB. The loader stops first.
    paragraph = "".join(f"ب{n}، " for n in range(3000)) + "ب" * 1_000_000
    events = "".join(
        f'\n[[timeline]]\nid = "e{n}"\nyear = 2000\nlabel = "حدث"\nparagraph = "p1"\n'
        f'phrase = "ب{n}"\n'
        for n in range(3000)
    )
    path = tmp_path / "costly.toml"
    path.write_text(HEAD + f'text = "{paragraph}"\n' + events, encoding="utf-8")
    output = load_in_child(path)
    assert output.startswith("error: ")
    assert "characters of searching" in output


# -- TOML structure ---------------------------------------------------------------


def refused(tmp_path: Path, text: str) -> StoryError:
    path = tmp_path / "shape.toml"
    path.write_text(text, encoding="utf-8")
    load_in_child(path)  # ends in time
    with pytest.raises(StoryError) as caught:
        load_story(path)
    return caught.value


def test_a_dotted_key_of_20000_parts_is_refused_at_once(tmp_path: Path) -> None:
    error = refused(tmp_path, "[story]\n" + "a" + ".a" * 20_000 + " = 1\n")
    (problem,) = error.problems
    assert problem.line == 2
    assert problem.expected == f"keys and table names of at most {MAX_KEY_PARTS} dotted parts"


def test_a_long_table_name_is_refused(tmp_path: Path) -> None:
    error = refused(tmp_path, "[" + ".".join(["t"] * (MAX_KEY_PARTS + 1)) + "]\n")
    assert error.problems[0].line == 1
    assert "dotted parts" in error.problems[0].expected


def test_deep_nesting_is_refused_with_its_line(tmp_path: Path) -> None:
    deep = "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1)
    error = refused(tmp_path, f"[story]\ntitle = 'x'\na = {deep}\n")
    assert error.problems[0].line == 3
    assert error.problems[0].expected == (
        f"arrays and inline tables nested at most {MAX_NESTING} deep"
    )


def test_too_many_tables(tmp_path: Path) -> None:
    error = refused(tmp_path, "[[t]]\n" * (MAX_TABLES + 1))
    assert error.problems[0].line == MAX_TABLES + 1
    assert error.problems[0].expected == f"at most {MAX_TABLES:,} tables"


def test_too_many_keys(tmp_path: Path) -> None:
    text = "".join(f"k{n} = 1\n" for n in range(MAX_KEYS + 1))
    error = refused(tmp_path, text)
    assert error.problems[0].expected == f"at most {MAX_KEYS:,} keys"


def test_too_many_array_values(tmp_path: Path) -> None:
    error = refused(tmp_path, "a = [" + "1," * (MAX_ARRAY_VALUES + 1) + "]\n")
    assert error.problems[0].expected == f"at most {MAX_ARRAY_VALUES:,} values in arrays"


def test_structure_inside_strings_and_comments_is_not_counted(tmp_path: Path) -> None:
    # Brackets, dots and braces in text are words, not structure.
    odd = "[" * 100 + "." * 100 + "{" * 100
    text = HEAD + f'text = "{odd} ولد سنة 1974"\n' + f"# {odd}\n" + f"\"{'.' * 40}\" = 'x'\n"
    path = tmp_path / "odd.toml"
    # The quoted key is unknown to the format: refused for that, not for its dots.
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        load_story(path)
    assert [p.expected for p in caught.value.problems] == ["one of id, text"]
    path.write_text(
        HEAD + f"text = '''{odd}\n[[[[ a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r = 1\n'''\n",
        encoding="utf-8",
    )
    assert odd in load_story(path).paragraph("p1").text
