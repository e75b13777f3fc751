"""Invariants of a paragraph layout that hold whatever the text, shared by the layout tests.

``check_line_breaking`` is about the logical ranges of the lines: they come in
order, skip only breakable spaces (and the line feeds between paragraphs),
cover every other character exactly once, fold a word only when it is longer
than the line, and stay within the width unless a single cluster is wider.
``visible_multiset`` folds what a reader sees so that the logical text and
the visual lines can be compared: presentation forms and ligatures back to
letters (NFKC), a mirrored bracket to its pair, spaces and format characters
out.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

from bidi.mirror import MIRRORED
from rich.cells import cell_len, get_character_cell_size, split_graphemes

from tui.rtl.lines import ParagraphLayout

#: spaces that forbid a break (UAX #14 class GL); a line may not end at them
NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")


def breakable_space(text: str, i: int) -> bool:
    """True if a line may break at ``text[i]``, which then belongs to no line.

    A space, but not a no-break space, nor a space that carries a combining
    mark (a space is the base on which a lone haraka is shown).
    """
    char = text[i]
    if char == "\n":
        return True  # a paragraph separator, between the layout's paragraphs
    if not char.isspace() or char in NO_BREAK_SPACES:
        return False
    return i + 1 == len(text) or not unicodedata.category(text[i + 1]).startswith("M")


def word_cells(text: str, position: int) -> int:
    """Cells of the word around ``position``: an upper bound of what it takes shaped.

    The larger of the word's width counting each character on its own (a
    lam-alef ligature, an emoji ZWJ sequence take fewer) and its width as Rich
    measures the logical string (a variation selector widening a symbol).
    A fold this allows may be allowed wrongly, a fold it refuses is wrong.
    """
    start = position
    while start > 0 and not breakable_space(text, start - 1):
        start -= 1
    end = position
    while end < len(text) and not breakable_space(text, end):
        end += 1
    word = text[start:end]
    return max(sum(get_character_cell_size(c) for c in word), cell_len(word))


def single_cluster(line_text: str) -> bool:
    """True when the line is one grapheme (as Rich measures it) with a width."""
    spans, _ = split_graphemes(line_text)
    return sum(1 for _start, _end, cells in spans if cells) <= 1


def check_line_breaking(lay: ParagraphLayout, width: int) -> None:
    """Assert the line-breaking invariants of ``lay`` laid out at ``width``."""
    text = lay.text
    covered = [0] * len(text)
    previous_end = 0
    for number, line in enumerate(lay.lines):
        where = f"width {width}, line {number} [{line.start}:{line.end}]"
        assert previous_end <= line.start <= line.end <= len(text), where
        gap = text[previous_end : line.start]
        assert all(breakable_space(text, i) for i in range(previous_end, line.start)), (
            f"{where}: skipped {gap!r}"
        )
        if number and line.start == previous_end:
            # a break with no space: only inside a word too long for the line
            assert line.start < len(text), where
            assert not breakable_space(text, line.start), where
            assert not breakable_space(text, line.start - 1), where
            assert word_cells(text, line.start) > width, f"{where}: word folded needlessly"
        for i in range(line.start, line.end):
            covered[i] += 1
        assert line.cells == cell_len(line.text), where
        if line.cells > width:
            assert single_cluster(line.text), f"{where}: {line.cells} cells: {line.text!r}"
        previous_end = line.end
    tail = text[previous_end:]
    assert all(breakable_space(text, i) for i in range(previous_end, len(text))), (
        f"width {width}: left out {tail!r}"
    )
    for i, char in enumerate(text):
        if not breakable_space(text, i):
            assert covered[i] == 1, f"width {width}: {char!r} at {i} is in {covered[i]} lines"


BIDI_MIRRORING = Path("/usr/share/unicode/BidiMirroring.txt")


def _mirror_pairs() -> list[tuple[str, str]]:
    """The pairs of BidiMirroring.txt (Debian unicode-data), and python-bidi's."""
    pairs = list(MIRRORED.items())
    if BIDI_MIRRORING.exists():
        for raw in BIDI_MIRRORING.read_text(encoding="utf-8").splitlines():
            fields = raw.split("#", 1)[0].split(";")
            if len(fields) == 2:
                pairs.append((chr(int(fields[0], 16)), chr(int(fields[1], 16))))
    return pairs


# One representative for both characters of each mirrored pair (tables are
# not always symmetric: python-bidi maps some characters one way only).
_MIRROR_CLASS: dict[str, str] = {}
for _a, _b in _mirror_pairs():
    _MIRROR_CLASS[_a] = _MIRROR_CLASS[_b] = min(
        _a, _b, _MIRROR_CLASS.get(_a, _a), _MIRROR_CLASS.get(_b, _b)
    )


def _fold(char: str) -> str:
    if char in _MIRROR_CLASS:
        return _MIRROR_CLASS[char]
    # A mirrored character whose pair no table here knows: all such count as
    # one, so that mirroring it by a newer table is not taken for a change.
    return "<mirrored>" if unicodedata.mirrored(char) else char


def visible_multiset(text: str) -> Counter[str]:
    """What a reader sees of ``text``, as a multiset of folded characters.

    Visible means not whitespace and not a control or format character
    (category Cc, Cf: ZWJ, bidi marks and embeddings steer the layout and are
    not shown). Combining marks are visible even though they take no cell:
    a haraka must be shown exactly once.
    """
    seen: Counter[str] = Counter()
    for char in text:
        for folded in unicodedata.normalize("NFKC", char):
            if folded.isspace() or unicodedata.category(folded) in ("Cc", "Cf"):
                continue
            seen[_fold(folded)] += 1
    return seen
