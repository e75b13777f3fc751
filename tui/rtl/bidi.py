"""The Unicode Bidirectional Algorithm (UAX #9), resolved per paragraph, reordered per line.

python-bidi gives a correct visual order for a string taken as a single line,
but neither the embedding levels nor a way to reorder the lines of a paragraph
separately: breaking a paragraph into lines needs both (levels resolved once
over the whole paragraph, then rules L1 and L2 applied to each line on its
own). This module provides them:

``resolve_paragraph``
    rules P2-P3 (unless a direction is forced), X1-X10, W1-W7, N0-N2, I1-I2.
``line_levels``
    rule L1 for one line of a resolved paragraph.
``visual_order``
    rule L2: the logical indices of a line in visual order.

Mirroring (L4) and the placement of combining marks (L3) are done by the
layout module, which knows about glyphs. The implementation follows the
rules' numbering so that each step can be checked against the standard;
``scripts/bidi_conformance.py`` runs it over Unicode's BidiCharacterTest.txt.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from tui.rtl.brackets import CLOSING, OPENING, canonical_bracket

MAX_DEPTH = 125

_STRONG_RTL = frozenset({"R", "AL"})
_ISOLATE_INITIATORS = frozenset({"LRI", "RLI", "FSI"})
_EMBEDDINGS = frozenset({"LRE", "RLE", "LRO", "RLO"})
#: classes that rule X9 removes from the paragraph before W1-I2
REMOVED_BY_X9 = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "BN"})
#: neutral and isolate classes for rules N1 and N2
_NEUTRAL_OR_ISOLATE = frozenset({"B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"})
#: classes reset to the paragraph level at the end of a line (rule L1)
_TRAILING_RESET = frozenset(
    {"WS", "LRI", "RLI", "FSI", "PDI", "LRE", "RLE", "LRO", "RLO", "PDF", "BN"}
)

# Unassigned code points default to R or AL in the right-to-left blocks
# (DerivedBidiClass.txt); Python's unicodedata answers "" for them.
_DEFAULT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "R"),
    (0x0600, 0x07BF, "AL"),
    (0x07C0, 0x085F, "R"),
    (0x0860, 0x08FF, "AL"),
    (0x20A0, 0x20CF, "ET"),
    (0xFB1D, 0xFB4F, "R"),
    (0xFB50, 0xFDCF, "AL"),
    (0xFDD0, 0xFDEF, "BN"),
    (0xFDF0, 0xFDFF, "AL"),
    (0xFE70, 0xFEFF, "AL"),
    (0x10800, 0x10CFF, "R"),
    (0x10D00, 0x10D3F, "AL"),
    (0x10D40, 0x10EBF, "R"),
    (0x10EC0, 0x10EFF, "AL"),
    (0x10F00, 0x10F2F, "R"),
    (0x10F30, 0x10F6F, "AL"),
    (0x10F70, 0x10FFF, "R"),
    (0x1E800, 0x1EC6F, "R"),
    (0x1EC70, 0x1ECBF, "AL"),
    (0x1ECC0, 0x1ECFF, "R"),
    (0x1ED00, 0x1ED4F, "AL"),
    (0x1ED50, 0x1EDFF, "R"),
    (0x1EE00, 0x1EEFF, "AL"),
    (0x1EF00, 0x1EFFF, "R"),
    (0xE0000, 0xE0FFF, "BN"),
)


@lru_cache(maxsize=4096)
def bidi_class(char: str) -> str:
    """The Bidi_Class of ``char``, with the Unicode defaults for unassigned code points."""
    kind = unicodedata.bidirectional(char)
    if kind:
        return kind
    code = ord(char)
    if (code & 0xFFFE) == 0xFFFE:  # noncharacters
        return "BN"
    for low, high, default in _DEFAULT_RANGES:
        if low <= code <= high:
            return default
    if 0x2060 <= code <= 0x206F or 0xFFF0 <= code <= 0xFFF8:  # default ignorables
        return "BN"
    return "L"


class ResolvedParagraph(NamedTuple):
    """The embedding levels of one paragraph, before any line is cut from it."""

    text: str
    base_level: int
    #: one level per character (rules X1-I2); X9-removed characters take the
    #: level of the character before them so that they travel with it
    levels: tuple[int, ...]
    #: original Bidi_Class of each character, needed again by rule L1
    classes: tuple[str, ...]
    #: True for characters removed by rule X9 (embeddings, overrides, PDF, BN)
    removed: tuple[bool, ...]


def first_strong_level(classes: Iterable[str]) -> int | None:
    """Rules P2/P3: 0 or 1 from the first strong type, skipping isolates; None if none.

    Stops at a paragraph separator (B): what follows is another paragraph.
    """
    depth = 0
    for kind in classes:
        if kind == "B":
            break
        if kind in _ISOLATE_INITIATORS:
            depth += 1
        elif kind == "PDI":
            if depth:
                depth -= 1
        elif depth == 0:
            if kind == "L":
                return 0
            if kind in _STRONG_RTL:
                return 1
    return None


def _matching_pdis(classes: Sequence[str]) -> dict[int, int]:
    """BD9: the index of the matching PDI for each isolate initiator that has one."""
    matches: dict[int, int] = {}
    open_isolates: list[int] = []
    for i, kind in enumerate(classes):
        if kind in _ISOLATE_INITIATORS:
            open_isolates.append(i)
        elif kind == "PDI" and open_isolates:
            matches[open_isolates.pop()] = i
        elif kind == "B":
            open_isolates.clear()
    return matches


def resolve_paragraph(text: str, base_level: int | None = None) -> ResolvedParagraph:
    """Resolve the embedding levels of one paragraph.

    ``base_level`` 0 or 1 forces the paragraph direction; ``None`` takes it
    from the first strong character (rules P2 and P3), left to right if none.
    """
    classes = tuple(bidi_class(c) for c in text)
    if base_level is None:
        base_level = first_strong_level(classes) or 0
    types = list(classes)
    pdi_of = _matching_pdis(classes)
    levels = _explicit_levels(classes, types, base_level, pdi_of)
    removed = tuple(kind in REMOVED_BY_X9 for kind in classes)
    for sequence in _isolating_run_sequences(levels, classes, removed, base_level, pdi_of):
        _resolve_sequence(sequence, text, types, classes, levels)
    # X9-removed characters have no level of their own: give them the level
    # of what precedes them (or the paragraph level) so they never split a run.
    previous = base_level
    for i, is_removed in enumerate(removed):
        if is_removed:
            levels[i] = previous
        else:
            previous = levels[i]
    return ResolvedParagraph(text, base_level, tuple(levels), classes, removed)


def _explicit_levels(
    classes: Sequence[str], types: list[str], base_level: int, pdi_of: dict[int, int]
) -> list[int]:
    """Rules X1-X8: explicit embeddings, overrides and isolates."""
    levels = [base_level] * len(classes)
    # stack entries: (level, override class or "", isolate?)
    stack: list[tuple[int, str, bool]] = [(base_level, "", False)]
    overflow_isolates = 0
    overflow_embeddings = 0
    valid_isolates = 0
    for i, kind in enumerate(classes):
        level, override, _ = stack[-1]
        if kind in _EMBEDDINGS:
            levels[i] = level
            rtl = kind in ("RLE", "RLO")
            new_level = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new_level <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                new_override = "" if kind in ("RLE", "LRE") else ("R" if rtl else "L")
                stack.append((new_level, new_override, False))
            elif overflow_isolates == 0:
                overflow_embeddings += 1
        elif kind in _ISOLATE_INITIATORS:
            levels[i] = level
            if override:
                types[i] = override
            if kind == "FSI":
                end = pdi_of.get(i, len(classes))
                rtl = first_strong_level(classes[i + 1 : end]) == 1
            else:
                rtl = kind == "RLI"
            new_level = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new_level <= MAX_DEPTH and overflow_isolates == 0 and overflow_embeddings == 0:
                valid_isolates += 1
                stack.append((new_level, "", True))
            else:
                overflow_isolates += 1
        elif kind == "PDI":
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            level, override, _ = stack[-1]
            levels[i] = level
            if override:
                types[i] = override
        elif kind == "PDF":
            levels[i] = level
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
        elif kind == "B":
            levels[i] = base_level
        else:
            levels[i] = level
            if override and kind != "BN":
                types[i] = override
    return levels


def _isolating_run_sequences(
    levels: Sequence[int],
    classes: Sequence[str],
    removed: Sequence[bool],
    base_level: int,
    pdi_of: dict[int, int],
) -> list[tuple[list[int], str, str]]:
    """BD13/X10: the isolating run sequences, each with its sos and eos types."""
    kept = [i for i in range(len(classes)) if not removed[i]]
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    matched_pdis = set(pdi_of.values())
    run_starting_at = {run[0]: run for run in runs}
    position = {i: n for n, i in enumerate(kept)}
    sequences: list[tuple[list[int], str, str]] = []
    for run in runs:
        if run[0] in matched_pdis:
            continue  # continues the sequence of its isolate initiator
        sequence = list(run)
        while sequence[-1] in pdi_of and pdi_of[sequence[-1]] in run_starting_at:
            sequence.extend(run_starting_at[pdi_of[sequence[-1]]])
        first, last = sequence[0], sequence[-1]
        level = levels[first]
        n = position[first]
        before = levels[kept[n - 1]] if n > 0 else base_level
        n = position[last]
        if classes[last] in _ISOLATE_INITIATORS and last not in pdi_of:
            after = base_level
        elif classes[last] in _ISOLATE_INITIATORS:
            after = base_level  # cannot happen: the matching PDI would continue it
        else:
            after = levels[kept[n + 1]] if n + 1 < len(kept) else base_level
        sos = "R" if max(before, level) & 1 else "L"
        eos = "R" if max(after, levels[last]) & 1 else "L"
        sequences.append((sequence, sos, eos))
    return sequences


def _resolve_sequence(
    run: tuple[list[int], str, str],
    text: str,
    types: list[str],
    classes: Sequence[str],
    levels: list[int],
) -> None:
    """Rules W1-W7, N0-N2 and I1-I2 on one isolating run sequence."""
    indices, sos, eos = run
    t = [types[i] for i in indices]
    size = len(t)
    # W1: NSM takes the type of what precedes it (ON after an isolate).
    previous = sos
    for k in range(size):
        if t[k] == "NSM":
            t[k] = "ON" if previous in _ISOLATE_INITIATORS or previous == "PDI" else previous
        previous = t[k]
    # W2: EN after AL is AN. W3: AL is R.
    last_strong = sos
    for k in range(size):
        kind = t[k]
        if kind in ("L", "R", "AL"):
            last_strong = kind
        elif kind == "EN" and last_strong == "AL":
            t[k] = "AN"
    for k in range(size):
        if t[k] == "AL":
            t[k] = "R"
    # W4: a single separator between two numbers of the same kind joins them.
    for k in range(1, size - 1):
        if t[k] == "ES" and t[k - 1] == "EN" and t[k + 1] == "EN":
            t[k] = "EN"
        elif t[k] == "CS" and t[k - 1] == t[k + 1] and t[k - 1] in ("EN", "AN"):
            t[k] = t[k - 1]
    # W5: terminators next to European numbers are European numbers.
    k = 0
    while k < size:
        if t[k] == "ET":
            end = k
            while end < size and t[end] == "ET":
                end += 1
            if (k > 0 and t[k - 1] == "EN") or (end < size and t[end] == "EN"):
                for m in range(k, end):
                    t[m] = "EN"
            k = end
        else:
            k += 1
    # W6: remaining separators and terminators are neutral.
    for k in range(size):
        if t[k] in ("ES", "ET", "CS"):
            t[k] = "ON"
    # W7: European numbers after L are L.
    last_strong = sos
    for k in range(size):
        kind = t[k]
        if kind in ("L", "R"):
            last_strong = kind
        elif kind == "EN" and last_strong == "L":
            t[k] = "L"
    level = levels[indices[0]]
    embedding = "R" if level & 1 else "L"
    _resolve_brackets(indices, text, t, classes, sos, embedding)
    # N1/N2: runs of neutrals take the direction around them, or the embedding's.
    k = 0
    while k < size:
        if t[k] in _NEUTRAL_OR_ISOLATE:
            end = k
            while end < size and t[end] in _NEUTRAL_OR_ISOLATE:
                end += 1
            before = sos if k == 0 else _strong_of(t[k - 1])
            after = eos if end == size else _strong_of(t[end])
            direction = before if before == after else embedding
            for m in range(k, end):
                t[m] = direction
            k = end
        else:
            k += 1
    # I1/I2: implicit levels.
    for k, i in enumerate(indices):
        kind = t[k]
        if level & 1:
            if kind in ("L", "EN", "AN"):
                levels[i] = level + 1
        elif kind == "R":
            levels[i] = level + 1
        elif kind in ("AN", "EN"):
            levels[i] = level + 2


def _strong_of(kind: str) -> str:
    """The direction a resolved type counts as for N0-N2 (numbers count as R)."""
    return "L" if kind == "L" else "R"


def _resolve_brackets(
    indices: list[int],
    text: str,
    t: list[str],
    classes: Sequence[str],
    sos: str,
    embedding: str,
) -> None:
    """BD16 and rule N0: paired brackets take a direction from what they enclose."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for k, i in enumerate(indices):
        if t[k] != "ON":
            continue
        char = text[i]
        if char in OPENING:
            if len(stack) == 63:
                break
            stack.append((canonical_bracket(OPENING[char]), k))
        elif char in CLOSING and stack:
            wanted = canonical_bracket(char)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == wanted:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    if not pairs:
        return
    pairs.sort()
    for opening, closing in pairs:
        found_opposite = False
        found_embedding = False
        for k in range(opening + 1, closing):
            kind = t[k]
            if kind in ("L", "R", "EN", "AN"):
                strong = _strong_of(kind)
                if strong == embedding:
                    found_embedding = True
                    break
                found_opposite = True
        if found_embedding:
            direction = embedding
        elif found_opposite:
            context = sos
            for k in range(opening - 1, -1, -1):
                if t[k] in ("L", "R", "EN", "AN"):
                    context = _strong_of(t[k])
                    break
            direction = context if context != embedding else embedding
        else:
            continue
        for k in (opening, closing):
            t[k] = direction
            # Combining marks on a bracket follow it (they were NSM before W1).
            m = k + 1
            while m < len(t) and classes[indices[m]] == "NSM":
                t[m] = direction
                m += 1


def line_levels(paragraph: ResolvedParagraph, start: int, end: int) -> list[int]:
    """Rule L1 for the line ``text[start:end]``: the levels to reorder that line with.

    Segment and paragraph separators, and the whitespace (with isolate
    formatting characters and X9-removed characters) before them or at the
    end of the line, go back to the paragraph level.
    """
    levels = list(paragraph.levels[start:end])
    classes = paragraph.classes
    base = paragraph.base_level
    trailing = True  # scanning backwards from the end of the line
    for k in range(end - start - 1, -1, -1):
        kind = classes[start + k]
        if kind in ("S", "B"):
            levels[k] = base
            trailing = True
        elif trailing and kind in _TRAILING_RESET:
            levels[k] = base
        else:
            trailing = False
    return levels


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: the indices of a line in visual (left to right) order."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min(level for level in levels) | 1
    for level in range(highest, lowest_odd - 1, -1):
        k = 0
        size = len(levels)
        while k < size:
            if levels[order[k]] >= level:
                end = k
                while end < size and levels[order[end]] >= level:
                    end += 1
                order[k:end] = order[k:end][::-1]
                k = end
            else:
                k += 1
    return order
