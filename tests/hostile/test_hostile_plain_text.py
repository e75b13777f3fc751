"""A plain-text article never costs more than a few readings of itself.

A paragraph of dates without punctuation made every date's label read the
rest of the paragraph: 100 KB took 4 s, 1 MB six minutes. Here the text the
clause patterns are run over is counted, and a 1 MB such article is loaded
in a child process with a generous time limit, so that a regression fails
instead of hanging the suite. How fast loading is, is measured in
``benchmarks/``, not here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tui.story import detect
from tui.story.model import Chapter, Paragraph

#: far above what the linear code needs (about a second), far below what the
#: quadratic code took (six minutes for 1 MB)
LIMIT_SECONDS = 60

#: a date with its cue, then a word, and no punctuation anywhere
DATES = "وفي سنة 2004 قرر "


class CountedPattern:
    """A compiled pattern that adds up how much text it is run over.

    An ``anchored`` pattern is counted for what it matches: matched where it
    stands, without backtracking, it reads no further (up to a character);
    one that fails is counted to the end of the text.
    """

    def __init__(self, pattern: re.Pattern[str], read: list[int], *, anchored: bool) -> None:
        self.pattern = pattern
        self.read = read
        self.anchored = anchored

    def _count(self, text: str, pos: int, endpos: int) -> None:
        self.read.append(max(0, min(endpos, len(text)) - pos))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        self._count(text, pos, endpos)
        return self.pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        found = self.pattern.match(text, pos, endpos)
        if self.anchored:
            self._count(text, pos, found.end() + 1 if found else endpos)
        else:
            self._count(text, pos, endpos)
        return found

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Any]:
        self._count(text, pos, endpos)
        return self.pattern.finditer(text, pos, endpos)


def test_labels_read_the_paragraph_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = DATES * 3000
    read: list[int] = []
    for name in ("_CLAUSE_END", "_LAST_CLAUSE_END", "_LABEL_AHEAD"):
        pattern = getattr(detect, name, None)
        if pattern is not None:
            counted = CountedPattern(pattern, read, anchored=name == "_LABEL_AHEAD")
            monkeypatch.setattr(detect, name, counted)
    chapters = (Chapter("c1", 1, "t", None, (Paragraph("p1", text),)),)
    events = detect.detect_timeline(chapters)
    assert len(events) == 3000
    # Each label is the first words of its clause, the clause running on.
    assert events[0].label == " ".join((DATES * 4).split()[: detect.LABEL_WORDS]) + "…"
    # Before: each date's clause was looked for up to 2,000 characters back
    # and to the end of the paragraph (a thousand readings of it).
    assert sum(read) < 10 * len(text)


def test_a_megabyte_of_dates_without_punctuation_loads_in_time(tmp_path: Path) -> None:
    path = tmp_path / "dates.txt"
    path.write_text("تواريخ\n\n" + DATES * 60_000, encoding="utf-8")
    code = (
        "import sys; from tui.story import load_story; print(len(load_story(sys.argv[1]).timeline))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=LIMIT_SECONDS,
        check=True,
    )
    assert done.stdout.split() == ["60000"]
