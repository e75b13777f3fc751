"""The rules W1-I2 as ``tui.rtl.bidi`` wrote them before its shortcuts: a slow reference.

Kept verbatim (at 2bae954) so that tests can resolve a paragraph both ways
and require the same levels: the shortcuts (rules fused into one
translation, bracket candidates found from the class codes, the last strong
type looked for near the bracket first) must change no result.
``test_fast_paths`` swaps ``reference_resolve_run`` in for
``tui.rtl.bidi._resolve_run``.
"""

from __future__ import annotations

import re

from tui.rtl.brackets import CLOSING, OPENING, canonical_bracket

_L, _R = b"L", b"R"
_NEUTRALS = rb"[BSwo6-9]"
_W1 = re.compile(rb"m+")
_W2 = re.compile(rb"A[^LR]*")
# Patterns start with what they look for, never with a look-behind: the
# engine then skips ahead to a candidate instead of trying every position.
_W4_EUROPEAN = re.compile(rb"E[sc](?=E)")
_W4_ARABIC = re.compile(rb"Nc(?=N)")
_W5 = re.compile(rb"Et+|t+(?=E)")
_W6 = bytes.maketrans(b"stc", b"ooo")
_W7 = re.compile(rb"L[^R]*")
_N_BETWEEN_L = re.compile(rb"L" + _NEUTRALS + rb"+(?=L)")
_N_BETWEEN_R = re.compile(rb"[REN]" + _NEUTRALS + rb"+(?=[REN])")
_NEUTRAL_TO_R = bytes.maketrans(b"BSwo6789", b"RRRRRRRR")
_NEUTRAL_TO_L = bytes.maketrans(b"BSwo6789", b"LLLLLLLL")
_BRACKET = re.compile("[" + re.escape("".join(OPENING) + "".join(CLOSING)) + "]")
_LEVEL_TABLES: dict[int, bytes] = {}


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


def _level_table(level: int) -> bytes:
    """I1/I2 as a translation from the resolved types L, R, EN, AN to levels."""
    table = _LEVEL_TABLES.get(level)
    if table is None:
        if level & 1:
            targets = bytes([level + 1, level, level + 1, level + 1])
        else:
            targets = bytes([level, level + 1, level + 2, level + 2])
        table = _LEVEL_TABLES[level] = bytes.maketrans(b"LREN", targets)
    return table


def reference_resolve_run(
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
    # W2: EN after AL is AN. W3: AL is R.
    if b"A" in t:
        if b"E" in t:
            t = _W2.sub(_european_to_arabic, t)
        t = t.replace(b"A", b"R")
    # W4: a single separator between two numbers of the same kind joins them.
    if b"s" in t or b"c" in t:
        t = _W4_EUROPEAN.sub(b"EE", t)
        t = _W4_ARABIC.sub(b"NN", t)
    # W5: terminators next to European numbers are European numbers.
    if b"t" in t:
        t = _W5.sub(_as_european, t)
    # W6: remaining separators and terminators are neutral.
    t = t.translate(_W6)
    # W7: European numbers after L are L.
    if b"E" in t:
        t = _W7.sub(_european_to_l, sos + t)[1:]
    embedding = _R if level & 1 else _L
    if _BRACKET.search(chars):
        t = _resolve_brackets(t, chars, original, sos, embedding)
    # N1/N2: runs of neutrals take the direction around them (numbers count
    # as R), or the embedding's.
    if embedding == _R:
        t = _N_BETWEEN_L.sub(_as_l, sos + t + eos)[1:-1].translate(_NEUTRAL_TO_R)
    else:
        t = _N_BETWEEN_R.sub(_neutrals_as_r, sos + t + eos)[1:-1].translate(_NEUTRAL_TO_L)
    # I1/I2: implicit levels.
    return t.translate(_level_table(level))


def _last_strong(t: bytearray, end: int, sos: bytes) -> bytes:
    """The direction of the last strong type before ``end`` (numbers count as R), or sos."""
    last_l = t.rfind(b"L", 0, end)
    last_r = max(t.rfind(b"R", 0, end), t.rfind(b"E", 0, end), t.rfind(b"N", 0, end))
    if last_l < 0 and last_r < 0:
        return sos
    return _L if last_l > last_r else _R


_R_LIKE = re.compile(rb"[REN]")


def _resolve_brackets(t: bytes, chars: str, original: bytes, sos: bytes, embedding: bytes) -> bytes:
    """BD16 and rule N0: paired brackets take a direction from what they enclose."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    on = ord("o")
    for found in _BRACKET.finditer(chars):
        k = found.start()
        if t[k] != on:
            continue
        char = found.group()
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
