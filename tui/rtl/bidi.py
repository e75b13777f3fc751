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

Speed: the classes of a paragraph are a ``bytes`` string, one letter per
character (``tui.rtl.bidi_classes.bidi_codes``), and rules W1-I2 run over it
as regular expressions and translations, in C: a megabyte paragraph resolves
in a few tens of milliseconds. A paragraph without explicit embeddings or
isolates (almost all prose) is one isolating run sequence and skips X1-X10;
one with a few of them takes X1-X10 stretch by stretch (the characters
between two explicit ones share one state), a character at a time only when
they are many (short texts) or a paragraph separator is inside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from tui.rtl.bidi_classes import CLASS_OF_CODE as CLASS_OF_CODE
from tui.rtl.bidi_classes import CODE_OF_CLASS as CODE_OF_CLASS
from tui.rtl.bidi_classes import bidi_class as bidi_class
from tui.rtl.bidi_classes import bidi_codes as bidi_codes
from tui.rtl.brackets import CLOSING, OPENING, canonical_bracket

MAX_DEPTH = 125

_STRONG_RTL = frozenset({"R", "AL"})
_ISOLATE_INITIATORS = frozenset({"LRI", "RLI", "FSI"})
_EMBEDDINGS = frozenset({"LRE", "RLE", "LRO", "RLO"})

#: codes of the classes rule X9 removes
REMOVED_CODES = b"12345b"
# What sends a paragraph down the general path: explicit embeddings,
# overrides and isolates need rules X1-X10; a paragraph separator inside the
# text is rare enough to leave to it too. Looked for by deleting every other
# code (one pass of ``bytes.translate``, some ten times faster than a search
# for a class of characters).
_NOT_EXPLICIT = bytes(code for code in range(256) if code not in b"123456789B")


def _has_explicit(codes: bytes) -> bool:
    return bool(codes.translate(None, _NOT_EXPLICIT))


class ResolvedParagraph(NamedTuple):
    """The embedding levels of one paragraph, before any line is cut from it."""

    text: str
    base_level: int
    #: one level per character (rules X1-I2); X9-removed characters take the
    #: level of the character before them so that they travel with it
    levels: bytes
    #: original Bidi_Class of each character as a ``CODE_OF_CLASS`` letter,
    #: needed again by rules L1 and L3
    codes: bytes

    @property
    def classes(self) -> tuple[str, ...]:
        """The original Bidi_Class of each character, by name."""
        return tuple(CLASS_OF_CODE[code] for code in self.codes)

    @property
    def removed(self) -> tuple[bool, ...]:
        """True for characters removed by rule X9 (embeddings, overrides, PDF, BN)."""
        return tuple(code in REMOVED_CODES for code in self.codes)


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


_FIRST_STRONG = re.compile(rb"[LRAB6-9]")


def first_strong_code(codes: bytes, start: int = 0, end: int | None = None) -> int | None:
    """``first_strong_level`` over class codes: a search in C until an isolate is met."""
    end = len(codes) if end is None else end
    found = _FIRST_STRONG.search(codes, start, end)
    if found is None:
        return None
    letter = found.group()
    if letter == b"L":
        return 0
    if letter in b"RA":
        return 1
    if letter == b"B":
        return None
    return first_strong_level(CLASS_OF_CODE[code] for code in codes[found.start() : end])


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


def is_implicit(codes: bytes) -> bool:
    """True for class codes with no explicit embedding, override or isolate (nor separator)."""
    return not _has_explicit(codes)


def has_overrides(codes: bytes) -> bool:
    """True for class codes with a directional override (LRO or RLO)."""
    return b"2" in codes or b"4" in codes


def resolve_paragraph(text: str, base_level: int | None = None) -> ResolvedParagraph:
    """Resolve the embedding levels of one paragraph.

    ``base_level`` 0 or 1 forces the paragraph direction; ``None`` takes it
    from the first strong character (rules P2 and P3), left to right if none.
    """
    codes = bidi_codes(text)
    if base_level is None:
        base_level = first_strong_code(codes) or 0
    if _has_explicit(codes):
        levels = _resolve_explicit(text, codes, base_level)
    else:
        levels = _resolve_implicit(text, codes, base_level)
    return ResolvedParagraph(text, base_level, levels, codes)


def _resolve_implicit(text: str, codes: bytes, base_level: int) -> bytes:
    """A paragraph without explicit formatting: one isolating run sequence at the base level.

    Characters of class BN leave the sequence (X9) and come back with the
    level of the character before them.
    """
    direction = _R if base_level & 1 else _L
    if b"b" not in codes:
        return _resolve_run(codes, direction, direction, base_level, text, codes)
    kept = codes.replace(b"b", b"")
    pieces = codes.split(b"b")
    chars = "".join(_split_at(text, pieces))
    resolved = _resolve_run(kept, direction, direction, base_level, chars, kept)
    levels = bytearray(resolved[: len(pieces[0])])
    position = len(pieces[0])
    for piece in pieces[1:]:
        levels.append(levels[-1] if levels else base_level)
        levels += resolved[position : position + len(piece)]
        position += len(piece)
    return bytes(levels)


def _split_at(text: str, pieces: list[bytes]) -> Iterator[str]:
    """The parts of ``text`` that ``pieces`` (its codes split at one-character gaps) cover."""
    position = 0
    for piece in pieces:
        yield text[position : position + len(piece)]
        position += len(piece) + 1


class _ExplicitStack:
    """Rules X2-X8: the directional status stack and its overflow counters.

    Shared by the two ways X1-X10 are applied (``_explicit_levels``, a
    character at a time, and ``_resolve_sparse``, stretch by stretch): each
    explicit formatting character is one call here.
    """

    __slots__ = ("overflow_embeddings", "overflow_isolates", "stack", "valid_isolates")

    def __init__(self, base_level: int) -> None:
        # entries: (level, override class or "", isolate?)
        self.stack: list[tuple[int, str, bool]] = [(base_level, "", False)]
        self.overflow_isolates = 0
        self.overflow_embeddings = 0
        self.valid_isolates = 0

    @property
    def top(self) -> tuple[int, str]:
        """The current embedding level and override ("", "L" or "R")."""
        level, override, _ = self.stack[-1]
        return level, override

    def _room(self, new_level: int) -> bool:
        return (
            new_level <= MAX_DEPTH and self.overflow_isolates == 0 and self.overflow_embeddings == 0
        )

    def embedding(self, kind: str) -> None:
        """X2-X5: LRE, RLE, LRO or RLO."""
        level = self.stack[-1][0]
        rtl = kind in ("RLE", "RLO")
        new_level = (level + 1) | 1 if rtl else (level + 2) & ~1
        if self._room(new_level):
            new_override = "" if kind in ("RLE", "LRE") else ("R" if rtl else "L")
            self.stack.append((new_level, new_override, False))
        elif self.overflow_isolates == 0:
            self.overflow_embeddings += 1

    def isolate(self, rtl: bool) -> None:
        """X5a-X5c: an isolate initiator, right to left or not (FSI: as the caller found)."""
        level = self.stack[-1][0]
        new_level = (level + 1) | 1 if rtl else (level + 2) & ~1
        if self._room(new_level):
            self.valid_isolates += 1
            self.stack.append((new_level, "", True))
        else:
            self.overflow_isolates += 1

    def pdi(self) -> None:
        """X6a: a PDI."""
        if self.overflow_isolates:
            self.overflow_isolates -= 1
        elif self.valid_isolates:
            self.overflow_embeddings = 0
            while not self.stack[-1][2]:
                self.stack.pop()
            self.stack.pop()
            self.valid_isolates -= 1

    def pdf(self) -> None:
        """X7: a PDF."""
        if self.overflow_isolates:
            return
        if self.overflow_embeddings:
            self.overflow_embeddings -= 1
        elif not self.stack[-1][2] and len(self.stack) >= 2:
            self.stack.pop()


def _resolve_explicit(text: str, codes: bytes, base_level: int) -> bytes:
    """Rules X1-X10 for a paragraph with embeddings, overrides or isolates, then W1-I2."""
    if b"B" not in codes:
        marks = [found.start() for found in _EXPLICIT_MARK.finditer(codes)]
        if len(marks) * _SPARSE_MARKS <= len(codes):
            return _resolve_sparse(text, codes, base_level, marks)
    return _resolve_by_character(text, codes, base_level)


#: the explicit formatting characters (embeddings, overrides, PDF, isolates)
_EXPLICIT_MARK = re.compile(rb"[1-9]")
#: a paragraph with at most one explicit formatting character in this many
#: is resolved stretch by stretch (``_resolve_sparse``)
_SPARSE_MARKS = 16
_REMOVED_RUN = re.compile(b"[" + REMOVED_CODES + b"]+")
_KEPT = re.compile(b"[^" + REMOVED_CODES + b"]")
_ISOLATE_KINDS = frozenset({"LRI", "RLI", "FSI", "PDI"})
#: ``bytes.translate`` tables that apply a directional override to a stretch
#: without explicit formatting characters (BN keeps its class: X9 removes it)
_OVERRIDDEN = {
    kind: bytes(code if code == ord("b") else ord(CODE_OF_CLASS[kind]) for code in range(256))
    for kind in ("L", "R")
}


def _resolve_sparse(text: str, codes: bytes, base_level: int, marks: list[int]) -> bytes:
    """Rules X1-X10, then W1-I2, for a paragraph with few explicit formatting characters.

    What ``_resolve_by_character`` does, with the characters between two
    explicit ones taken as one stretch: they share the state of rules X1-X8,
    so their levels and overrides are set by slices, level runs are made of
    stretches, and each isolating run sequence is gathered by slices. A giant
    paragraph with one embedding costs a few passes in C, not a Python step
    per character (2 MB with one RLE...PDF took a second). No paragraph
    separator (B) inside: that takes the general way.
    """
    size = len(codes)
    kind_at = {i: CLASS_OF_CODE[codes[i]] for i in marks}
    pdi_of: dict[int, int] = {}  # BD9, over the isolate controls only
    open_isolates: list[int] = []
    for i in marks:
        if kind_at[i] in _ISOLATE_INITIATORS:
            open_isolates.append(i)
        elif kind_at[i] == "PDI" and open_isolates:
            pdi_of[open_isolates.pop()] = i
    levels = bytearray(size)
    types = bytearray(codes)
    # X1-X8 (_ExplicitStack); stretches between explicit characters.
    state = _ExplicitStack(base_level)
    start = 0
    for i in [*marks, size]:
        level, override = state.top
        if start < i:
            levels[start:i] = bytes((level,)) * (i - start)
            if override:
                types[start:i] = codes[start:i].translate(_OVERRIDDEN[override])
        if i == size:
            break
        start = i + 1
        kind = kind_at[i]
        levels[i] = level
        if kind in _EMBEDDINGS:
            state.embedding(kind)
        elif kind in _ISOLATE_INITIATORS:
            if override:
                types[i] = ord(CODE_OF_CLASS[override])
            if kind == "FSI":
                state.isolate(first_strong_code(codes, i + 1, pdi_of.get(i, size)) == 1)
            else:
                state.isolate(kind == "RLI")
        elif kind == "PDI":
            state.pdi()
            level, override = state.top
            levels[i] = level
            if override:
                types[i] = ord(CODE_OF_CLASS[override])
        else:  # PDF
            state.pdf()
    # X9, BD7: level runs of the characters X9 keeps, made of stretches (less
    # their BN) and isolate controls; runs as (start, end, level) ranges
    # that may hold removed characters.
    runs: list[list[int]] = []
    start = 0
    for i in [*marks, size]:
        if start < i and _KEPT.search(codes, start, i):
            _extend_runs(runs, start, i, levels[start])
        if i < size and kind_at[i] in _ISOLATE_KINDS:
            _extend_runs(runs, i, i + 1, levels[i])
        start = i + 1
    out = bytearray(levels)  # a run no sequence takes keeps its explicit level
    matched_pdis = set(pdi_of.values())
    run_starting_at = {run[0]: number for number, run in enumerate(runs)}
    for number, run in enumerate(runs):
        if run[0] in matched_pdis:
            continue  # continues the sequence of its isolate initiator
        sequence = [run]
        while (last := sequence[-1][1] - 1) in pdi_of and pdi_of[last] in run_starting_at:
            sequence.append(runs[run_starting_at[pdi_of[last]]])
        level = run[2]
        before = runs[number - 1][2] if number > 0 else base_level
        last_run = sequence[-1]
        following = run_starting_at.get(last_run[0], -1) + 1
        if codes[last_run[1] - 1] in b"678":
            after = base_level  # an isolate initiator without its PDI
        else:
            after = runs[following][2] if following < len(runs) else base_level
        sos = _R if max(before, level) & 1 else _L
        eos = _R if max(after, last_run[2]) & 1 else _L
        run_types = b"".join(
            bytes(types[a:b]).translate(None, REMOVED_CODES) for a, b, _ in sequence
        )
        original = b"".join(codes[a:b].translate(None, REMOVED_CODES) for a, b, _ in sequence)
        chars = "".join(_kept_text(text, codes, a, b) for a, b, _ in sequence)
        resolved = _resolve_run(run_types, sos, eos, level, chars, original)
        position = 0
        for a, b, _ in sequence:
            position = _place(out, resolved, position, codes, a, b)
    # X9-removed characters have no level of their own: give them the level
    # of what precedes them (or the paragraph level) so they never split a run.
    for found in _REMOVED_RUN.finditer(codes):
        a, b = found.span()
        out[a:b] = bytes((out[a - 1] if a else base_level,)) * (b - a)
    return bytes(out)


def _extend_runs(runs: list[list[int]], start: int, end: int, level: int) -> None:
    """Add [start, end) at ``level`` to the level runs (BD7): to the last if at its level."""
    if runs and runs[-1][2] == level:
        runs[-1][1] = end
    else:
        runs.append([start, end, level])


def _kept_text(text: str, codes: bytes, start: int, end: int) -> str:
    """``text[start:end]`` without the characters X9 removes."""
    if _REMOVED_RUN.search(codes, start, end) is None:
        return text[start:end]
    parts = []
    cursor = start
    for found in _REMOVED_RUN.finditer(codes, start, end):
        parts.append(text[cursor : found.start()])
        cursor = found.end()
    parts.append(text[cursor:end])
    return "".join(parts)


def _place(
    out: bytearray, resolved: bytes, position: int, codes: bytes, start: int, end: int
) -> int:
    """Write the levels ``resolved[position:]`` of the kept characters of [start, end)
    into ``out``; where the next range's levels start in ``resolved``."""
    cursor = start
    for found in _REMOVED_RUN.finditer(codes, start, end):
        count = found.start() - cursor
        out[cursor : found.start()] = resolved[position : position + count]
        position += count
        cursor = found.end()
    count = end - cursor
    out[cursor:end] = resolved[position : position + count]
    return position + count


def _resolve_by_character(text: str, codes: bytes, base_level: int) -> bytes:
    """Rules X1-X10, then W1-I2, a character at a time (any paragraph)."""
    classes = list(map(CLASS_OF_CODE.__getitem__, codes))
    types = list(classes)
    pdi_of = _matching_pdis(classes)
    levels = _explicit_levels(classes, types, base_level, pdi_of)
    removed = [code in REMOVED_CODES for code in codes]
    type_codes = "".join(map(CODE_OF_CLASS.__getitem__, types)).encode("ascii")
    for indices, sos, eos in _isolating_run_sequences(levels, classes, removed, base_level, pdi_of):
        run = bytes(map(type_codes.__getitem__, indices))
        chars = "".join(map(text.__getitem__, indices))
        original = bytes(map(codes.__getitem__, indices))
        sos_code = _R if sos == "R" else _L
        eos_code = _R if eos == "R" else _L
        resolved = _resolve_run(run, sos_code, eos_code, levels[indices[0]], chars, original)
        first, last = indices[0], indices[-1]
        if last - first + 1 == len(indices):
            levels[first : last + 1] = resolved  # one run of consecutive characters
        else:
            for i, level in zip(indices, resolved, strict=True):
                levels[i] = level
    # X9-removed characters have no level of their own: give them the level
    # of what precedes them (or the paragraph level) so they never split a run.
    previous = base_level
    for i, is_removed in enumerate(removed):
        if is_removed:
            levels[i] = previous
        else:
            previous = levels[i]
    return bytes(levels)


def _explicit_levels(
    classes: Sequence[str], types: list[str], base_level: int, pdi_of: dict[int, int]
) -> list[int]:
    """Rules X1-X8: explicit embeddings, overrides and isolates."""
    levels = [base_level] * len(classes)
    state = _ExplicitStack(base_level)
    for i, kind in enumerate(classes):
        level, override = state.top
        if kind in _EMBEDDINGS:
            levels[i] = level
            state.embedding(kind)
        elif kind in _ISOLATE_INITIATORS:
            levels[i] = level
            if override:
                types[i] = override
            if kind == "FSI":
                end = pdi_of.get(i, len(classes))
                state.isolate(first_strong_level(classes[i + 1 : end]) == 1)
            else:
                state.isolate(kind == "RLI")
        elif kind == "PDI":
            state.pdi()
            level, override = state.top
            levels[i] = level
            if override:
                types[i] = override
        elif kind == "PDF":
            levels[i] = level
            state.pdf()
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


_L, _R = b"L", b"R"
_NEUTRALS = rb"[BSwo6-9]"
_W1 = re.compile(rb"m+")
_W2 = re.compile(rb"A[^LR]*")
# Patterns start with what they look for, never with a look-behind: the
# engine then skips ahead to a candidate instead of trying every position.
_W4_EUROPEAN = re.compile(rb"E[sc](?=E)")
_W4_ARABIC = re.compile(rb"Nc(?=N)")
_W5 = re.compile(rb"Et+|t+(?=E)")
# W3 (AL is R) waits for W6: W4 and W5 do not look at AL or R, and one
# translation then does both.
_W3_W6 = bytes.maketrans(b"Astc", b"Rooo")
_W7 = re.compile(rb"L[^R]*")
_N_BETWEEN_L = re.compile(rb"L" + _NEUTRALS + rb"+(?=L)")
_N_BETWEEN_R = re.compile(rb"[REN]" + _NEUTRALS + rb"+(?=[REN])")
_NEUTRAL_CODES = b"BSwo6789"
_BRACKETS = frozenset(OPENING) | frozenset(CLOSING)
_BRACKET = re.compile("[" + re.escape("".join(OPENING) + "".join(CLOSING)) + "]")
_ON = re.compile(b"o")
#: brackets are looked for among the characters of class ON when fewer than
#: one character in this many is ON (a check in Python each), else searched
#: for in the text (a regular expression reading every character)
_FEW_ON = 64
_LEVEL_TABLES: dict[tuple[int, bytes], bytes] = {}


def _after_nsm(found: re.Match[bytes]) -> bytes:
    previous = found.string[found.start() - 1 : found.start()]
    return (b"o" if previous in b"6789" else previous) * len(found.group())


def _european_to_arabic(found: re.Match[bytes]) -> bytes:
    return found.group().replace(b"E", b"N")


def _european_to_l(found: re.Match[bytes]) -> bytes:
    return found.group().replace(b"E", b"L")


def _as_european(found: re.Match[bytes]) -> bytes:
    return b"E" * len(found.group())


def _as_l(found: re.Match[bytes]) -> bytes:
    return b"L" * len(found.group())


def _neutrals_as_r(found: re.Match[bytes]) -> bytes:
    # the strong type before the neutrals stays as it is
    return found.group()[:1] + b"R" * (len(found.group()) - 1)


def _level_table(level: int, neutral: bytes) -> bytes:
    """N1/N2's last step and I1/I2 as one translation: from the types L, R, EN, AN,
    and the neutrals left (which take the direction ``neutral``), to levels."""
    table = _LEVEL_TABLES.get((level, neutral))
    if table is None:
        if level & 1:
            targets = bytes([level + 1, level, level + 1, level + 1])
        else:
            targets = bytes([level, level + 1, level + 2, level + 2])
        of_neutrals = targets[b"LREN".index(neutral)]
        table = bytes.maketrans(
            b"LREN" + _NEUTRAL_CODES, targets + bytes([of_neutrals]) * len(_NEUTRAL_CODES)
        )
        _LEVEL_TABLES[(level, neutral)] = table
    return table


def _resolve_run(
    run: bytes, sos: bytes, eos: bytes, level: int, chars: str, original: bytes
) -> bytes:
    """Rules W1-W7, N0-N2 and I1-I2 on one isolating run sequence: its levels.

    ``run`` holds the class codes of the sequence's characters (overrides
    applied), ``chars`` the characters and ``original`` their classes before
    any override. Each rule is a regular expression or a translation over the
    codes, so that a paragraph costs a few passes in C rather than a Python
    step per character per rule.
    """
    t = run
    # W1: NSM takes the type of what precedes it (ON after an isolate).
    if b"m" in t:
        t = _W1.sub(_after_nsm, sos + t)[1:]
    # W2: EN after AL is AN. (W3, AL is R, comes with W6.)
    if b"A" in t and b"E" in t:
        t = _W2.sub(_european_to_arabic, t)
    # W4: a single separator between two numbers of the same kind joins them.
    if b"s" in t or b"c" in t:
        t = _W4_EUROPEAN.sub(b"EE", t)
        t = _W4_ARABIC.sub(b"NN", t)
    # W5: terminators next to European numbers are European numbers.
    if b"t" in t:
        t = _W5.sub(_as_european, t)
    # W3: AL is R. W6: remaining separators and terminators are neutral.
    t = t.translate(_W3_W6)
    # W7: European numbers after L are L.
    if b"E" in t:
        t = _W7.sub(_european_to_l, sos + t)[1:]
    embedding = _R if level & 1 else _L
    if b"o" in original:  # every paired bracket is of class ON
        t = _resolve_brackets(t, chars, original, sos, embedding)
    # N1/N2: runs of neutrals take the direction around them (numbers count
    # as R), or the embedding's; I1/I2: implicit levels.
    if embedding == _R:
        t = _N_BETWEEN_L.sub(_as_l, sos + t + eos)[1:-1]
    else:
        t = _N_BETWEEN_R.sub(_neutrals_as_r, sos + t + eos)[1:-1]
    return t.translate(_level_table(level, embedding))


def _last_strong(t: bytearray, end: int, sos: bytes) -> bytes:
    """The direction of the last strong type before ``end`` (numbers count as R), or sos.

    Looked for in windows growing back from ``end``: the first window with a
    strong type holds the last one. Searching back from ``end`` to the start
    for each letter cost a giant paragraph with many brackets a pass over
    all of it for each pair whose content goes against the embedding (2 MB
    of "(VIADEO)" in Arabic took 3 s), when the answer is a word away.
    """
    high = end
    size = 64
    while high > 0:
        low = max(0, high - size)
        last_l = t.rfind(b"L", low, high)
        last_r = max(t.rfind(b"R", low, high), t.rfind(b"E", low, high), t.rfind(b"N", low, high))
        if last_l >= 0 or last_r >= 0:
            return _L if last_l > last_r else _R
        high = low
        size *= 4
    return sos


def _bracket_positions(t: bytes, chars: str, original: bytes) -> list[int]:
    """The positions of the brackets of a sequence that are still ON (BD14, BD15)."""
    on = ord("o")
    if original.count(b"o") * _FEW_ON < len(original):
        return [
            k
            for k in (found.start() for found in _ON.finditer(original))
            if t[k] == on and chars[k] in _BRACKETS
        ]
    return [k for k in (found.start() for found in _BRACKET.finditer(chars)) if t[k] == on]


_R_LIKE = re.compile(rb"[REN]")


def _resolve_brackets(t: bytes, chars: str, original: bytes, sos: bytes, embedding: bytes) -> bytes:
    """BD16 and rule N0: paired brackets take a direction from what they enclose."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for k in _bracket_positions(t, chars, original):
        char = chars[k]
        if char in OPENING:
            if len(stack) == 63:
                break
            stack.append((canonical_bracket(OPENING[char]), k))
        elif stack:
            wanted = canonical_bracket(char)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == wanted:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    if not pairs:
        return t
    pairs.sort()
    types = bytearray(t)
    nsm = ord("m")
    for opening, closing in pairs:
        has_l = types.find(b"L", opening + 1, closing) >= 0
        has_r = _R_LIKE.search(types, opening + 1, closing) is not None
        if (has_l and embedding == _L) or (has_r and embedding == _R):
            direction = embedding
        elif has_l or has_r:
            direction = _last_strong(types, opening, sos)
        else:
            continue
        for k in (opening, closing):
            types[k] = direction[0]
            # Combining marks on a bracket follow it (they were NSM before W1).
            m = k + 1
            while m < len(types) and original[m] == nsm:
                types[m] = direction[0]
                m += 1
    return bytes(types)


_RESET_AT_LINE_END = b"w6789b12345"
_SEGMENT_ENDS = re.compile(rb"[SB]")


def line_levels(paragraph: ResolvedParagraph, start: int, end: int) -> bytes:
    """Rule L1 for the line ``text[start:end]``: the levels to reorder that line with.

    Segment and paragraph separators, and the whitespace (with isolate
    formatting characters and X9-removed characters) before them or at the
    end of the line, go back to the paragraph level.
    """
    levels = paragraph.levels[start:end]
    codes = paragraph.codes
    if start >= end or (
        codes[end - 1] not in _RESET_AT_LINE_END and _SEGMENT_ENDS.search(codes, start, end) is None
    ):
        return levels
    reset = bytearray(levels)
    base = paragraph.base_level
    trailing = True  # scanning backwards from the end of the line
    for k in range(end - start - 1, -1, -1):
        code = codes[start + k]
        if code in b"SB":
            reset[k] = base
            trailing = True
        elif trailing and code in _RESET_AT_LINE_END:
            reset[k] = base
        else:
            trailing = False
    return bytes(reset)


_RUNS_FROM: dict[int, re.Pattern[bytes]] = {}


def _runs_from(level: int) -> re.Pattern[bytes]:
    """A pattern for runs of levels at ``level`` or above."""
    pattern = _RUNS_FROM.get(level)
    if pattern is None:
        low = re.escape(bytes([level]))
        pattern = _RUNS_FROM[level] = re.compile(b"[" + low + b"-\x7f]+")
    return pattern


def visual_order(levels: Sequence[int]) -> Sequence[int]:
    """Rule L2: the indices of a line in visual (left to right) order.

    A ``range`` when the line is one run (left to right, or turned round
    whole), a list otherwise.
    """
    size = len(levels)
    if not size:
        return range(0)
    highest = max(levels)
    lowest = min(levels)
    if highest < lowest | 1:
        return range(size)
    if lowest == highest:
        return range(size - 1, -1, -1)  # one right-to-left run: the whole line turns round
    lowest_odd = lowest | 1
    order = list(range(size))
    packed = bytes(levels)
    # Reversing a run at one level keeps it inside the runs of the levels
    # below: the runs of each level are found once, in logical positions.
    for level in range(highest, lowest_odd - 1, -1):
        for run in _runs_from(level).finditer(packed):
            first, last = run.span()
            order[first:last] = order[first:last][::-1]
    return order
