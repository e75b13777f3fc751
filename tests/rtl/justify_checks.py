"""What a justified paragraph must be, checked against the same paragraph unjustified.

``check_justified(text, width, direction)`` lays the paragraph out with and
without justification and asserts, line by line:

- the line breaks are the same;
- a left-to-right paragraph, and the last line of each paragraph, are not
  touched; any other line is exactly ``width`` cells, or is left as it was
  because the limits could not fill it (checked against the capacity the
  rules give, counted here on their own);
- the justified line is the unjustified one (which the FriBidi tests check)
  with tatweels and spaces added: removing the listed kashidas and
  collapsing the added spaces gives it back; no added character stands
  before a haraka; the index map is the old one for the old characters;
- each kashida joins two letters the rules allow (``kashida_rules``), at the
  best site of its word, one site per word, at most the per-word and
  per-line limits;
- a logical range highlights the same characters as before, the added spaces
  of a gap when the gap's space is in it, a kashida when both letters it
  joins are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Literal

from rich.cells import cell_len

from tests.rtl.kashida_rules import TATWEEL, foreign_letter, site_rule
from tests.rtl.layout_checks import breakable_space
from tui.rtl import layout_paragraph
from tui.rtl.bidi import resolve_paragraph
from tui.rtl.justify import GAP_GROWTH, KASHIDAS_PER_WORD, kashida_limit
from tui.rtl.lines import ParagraphLayout
from tui.rtl.pieces import VisualLine

Forced = Literal["L", "R"] | None


def _words_and_gaps(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """The words of ``text[start:end]`` and the number of gaps between them."""
    words: list[tuple[int, int]] = []
    i = start
    while i < end:
        if breakable_space(text, i):
            i += 1
            continue
        first = i
        while i < end and not breakable_space(text, i):
            i += 1
        words.append((first, i))
    return words, max(0, len(words) - 1)


class _Line:
    """The unjustified line, asked about glyphs and levels of its characters."""

    def __init__(self, lay: ParagraphLayout, line: VisualLine, odd: list[bool]) -> None:
        self.text = lay.text
        self.glyph = {index: line.text[k] for k, index in enumerate(line.indices)}
        for hidden, shown in line.shown_by:
            self.glyph.setdefault(hidden, self.glyph.get(shown, ""))
        self.odd = odd

    def glyph_of(self, index: int) -> str | None:
        return self.glyph.get(index)

    def odd_level(self, index: int) -> bool:
        return self.odd[index]

    def sites(self, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """Every allowed (after, before, rule) in the word ``text[start:end]``."""
        letters = [
            i for i in range(start, end) if unicodedata.category(self.text[i]) not in ("Mn", "Me")
        ]
        if any(foreign_letter(self.text[i]) for i in letters):
            return
        for k in range(1, len(letters)):
            following = letters[k + 1] if k + 1 < len(letters) else None
            rule = site_rule(
                self.text, self.glyph_of, self.odd_level, letters[k - 1], letters[k], following
            )
            if rule is not None:
                yield letters[k - 1], letters[k], rule


def _odd_levels(lay: ParagraphLayout) -> list[bool]:
    odd: list[bool] = []
    for part in lay.text.split("\n"):
        levels = resolve_paragraph(part, lay.base_level).levels
        odd.extend(bool(level & 1) for level in levels)
        odd.append(False)
    return odd


def _last_of_paragraph(lay: ParagraphLayout, number: int) -> bool:
    if number == len(lay.lines) - 1:
        return True
    line, after = lay.lines[number], lay.lines[number + 1]
    return "\n" in lay.text[line.end : after.start]


def check_justified(
    text: str, width: int, direction: Forced, highlight: tuple[int, int] | None = None
) -> int:
    """Assert the properties above for one paragraph; the number of lines filled."""
    just = layout_paragraph(text, width, direction, justify=True)
    plain = layout_paragraph(text, width, direction)
    assert (just.text, just.direction, just.width) == (plain.text, plain.direction, plain.width)
    assert len(just.lines) == len(plain.lines)
    odd = _odd_levels(plain) if plain.direction == "R" else []
    filled = 0
    for number, (line, before) in enumerate(zip(just.lines, plain.lines, strict=True)):
        where = f"width {width}, line {number} [{line.start}:{line.end}] {before.text!r}"
        assert (line.start, line.end, line.shown_by) == (before.start, before.end, before.shown_by)
        if plain.direction == "L" or _last_of_paragraph(plain, number) or line == before:
            assert line == before, f"{where}: touched"
            if plain.direction == "R" and not _last_of_paragraph(plain, number):
                _check_ragged(plain, before, _Line(plain, before, odd), width, where)
            continue
        filled += 1
        assert line.cells == cell_len(line.text) == width, where
        _check_insertions(plain, line, before, _Line(plain, before, odd), width, where)
        if highlight is not None:
            _check_highlight(line, before, highlight, where)
    return filled


def _capacity(plain: ParagraphLayout, before: VisualLine, shapes: _Line, width: int) -> int:
    words, gaps = _words_and_gaps(plain.text, before.start, before.end)
    lengthened = sum(1 for start, end in words if next(shapes.sites(start, end), None))
    kashidas = min(kashida_limit(width), KASHIDAS_PER_WORD * lengthened)
    return kashidas + GAP_GROWTH * gaps


def _check_ragged(
    plain: ParagraphLayout, before: VisualLine, shapes: _Line, width: int, where: str
) -> None:
    extra = width - before.cells
    if extra <= 0:
        return
    _, gaps = _words_and_gaps(plain.text, before.start, before.end)
    capacity = _capacity(plain, before, shapes, width)
    kashidas = capacity - GAP_GROWTH * gaps
    fits = extra <= capacity and (gaps > 0 or extra <= kashidas)
    assert not fits, f"{where}: left ragged ({extra} short) though the limits allow {capacity}"


def _check_insertions(
    plain: ParagraphLayout,
    line: VisualLine,
    before: VisualLine,
    shapes: _Line,
    width: int,
    where: str,
) -> None:
    kashida_at = dict(line.kashidas)
    assert all(line.text[k] == TATWEEL for k in kashida_at), where
    assert line.text.count(TATWEEL) - before.text.count(TATWEEL) == len(kashida_at), where
    matched, added = _align(line, before, where)
    for k in added:
        run = _space_run(line.text, k)
        assert any(m in matched for m in run), f"{where}: space added outside a gap"
        gap = line.indices[k]
        assert gap in {line.indices[m] for m in run if m in matched}, where
    for k in range(len(line.text) - 1):
        if k not in matched:
            assert unicodedata.category(line.text[k + 1]) != "Mn", f"{where}: haraka moved"
    # Each kashida at an allowed site, the best of its word.
    words, _ = _words_and_gaps(plain.text, line.start, line.end)
    per_word: dict[tuple[int, int], set[tuple[int, int]]] = {}
    cells: dict[tuple[int, int], int] = {}
    for k, leads_to in line.kashidas:
        after = line.indices[k]
        word = next(w for w in words if w[0] <= after < w[1])
        sites = list(shapes.sites(*word))
        rule = next((r for a, b, r in sites if (a, b) == (after, leads_to)), None)
        assert rule is not None, f"{where}: kashida between {after} and {leads_to} not allowed"
        assert rule == min(r for _, _, r in sites), f"{where}: rule {rule}, a better site exists"
        assert max(b for _, b, r in sites if r == rule) == leads_to, f"{where}: tie not at end"
        per_word.setdefault(word, set()).add((after, leads_to))
        cells[word] = cells.get(word, 0) + 1
        # Visually, it stands left of its letter (and that letter's harakat
        # follow the letter), right of the letter it joins.
        right = k + 1
        while right in kashida_at:
            right += 1
        assert line.indices[right] == after, f"{where}: kashida not next to its letter"
        left = k - 1
        while left in kashida_at or unicodedata.category(line.text[left]) == "Mn":
            left -= 1
        shows = {leads_to} | {shown for hidden, shown in line.shown_by if hidden == leads_to}
        assert line.indices[left] in shows, f"{where}: kashida not next to the letter it joins"
    assert all(len(sites) == 1 for sites in per_word.values()), f"{where}: two sites in a word"
    assert max(cells.values(), default=0) <= KASHIDAS_PER_WORD, where
    assert len(line.kashidas) <= kashida_limit(width), where


def _align(line: VisualLine, before: VisualLine, where: str) -> tuple[dict[int, int], list[int]]:
    """The old line found in the new one, character and index alike.

    Returns, for each old character, its position in the new line, and the
    positions of the spaces justification added. The kashidas listed by the
    line are left out first; anything else left over fails.
    """
    kashida_at = dict(line.kashidas)
    matched: dict[int, int] = {}
    added: list[int] = []
    # From the right: of two equal spaces side by side, the left one counts
    # as added, so that an added space followed by a haraka is a real fault
    # (harakat follow their base in visual order).
    j = len(before.text) - 1
    for k in range(len(line.text) - 1, -1, -1):
        if k in kashida_at:
            continue
        char, index = line.text[k], line.indices[k]
        if j >= 0 and (char, index) == (before.text[j], before.indices[j]):
            matched[k] = j
            j -= 1
        else:
            assert char == " ", f"{where}: {char!r} added at {k}"
            added.append(k)
    assert j == -1, f"{where}: the old line is not inside the new one"
    return matched, added


def _space_run(text: str, k: int) -> range:
    first = k
    while first > 0 and text[first - 1] == " ":
        first -= 1
    last = k
    while last < len(text) and text[last] == " ":
        last += 1
    return range(first, last)


def _check_highlight(
    line: VisualLine, before: VisualLine, highlight: tuple[int, int], where: str
) -> None:
    start, end = highlight
    lit = {k for first, last in line.char_spans(start, end) for k in range(first, last)}
    was_lit = {k for first, last in before.char_spans(start, end) for k in range(first, last)}
    matched, added = _align(line, before, where)
    for k, j in matched.items():
        assert (k in lit) == (j in was_lit), f"{where}: {highlight} changed at {k}"
    for k in added:
        gap = line.indices[k]
        assert (k in lit) == (start <= gap < end), f"{where}: added space at {k}"
    kashida_at = dict(line.kashidas)
    for k in kashida_at:
        # Lit when the letter right of it and the glyph of the letter it
        # leads to (left of it, past harakat and other kashidas) are lit.
        right = k + 1
        while right in kashida_at:
            right += 1
        left = k - 1
        while left in kashida_at or unicodedata.category(line.text[left]) == "Mn":
            left -= 1
        expected = right in lit and left in lit
        assert (k in lit) == expected, f"{where}: kashida at {k} lit={k in lit}"
    for first, last in line.cell_spans(start, end):
        assert 0 <= first <= last <= line.cells, where


def unjustified(line: VisualLine) -> str:
    """The line without its kashidas, each run of spaces that grew cut back.

    Works from the line alone: a run of spaces showing one logical index
    more than once holds added spaces; one space per index is kept.
    """
    kashidas = {position for position, _ in line.kashidas}
    kept: list[str] = []
    seen_in_run: set[int] = set()
    for k, char in enumerate(line.text):
        if k in kashidas:
            continue
        if char == " ":
            if line.indices[k] in seen_in_run:
                continue
            seen_in_run.add(line.indices[k])
        else:
            seen_in_run = set()
        kept.append(char)
    return "".join(kept)
