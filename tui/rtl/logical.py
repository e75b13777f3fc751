"""Text for a terminal that does BiDi itself (logical mode): kept in order, kept in its pane.

In logical mode Rawi sends the story's letters in logical order and the
terminal reorders each row. What was measured in VTE, mlterm and Konsole
(``docs/terminals/``):

- The terminal resolves a **whole row** as one paragraph: the text of two
  panes side by side, with only spaces and border cells between them, can
  become one right-to-left run and swap places. A strong left-to-right mark
  (LRM, zero width) at each end of a pane's line keeps every run inside it,
  and, first on the row, makes the row left-to-right (mlterm takes a row's
  direction from its first strong letter).
- In a left-to-right row, a right-to-left line needs an embedding (RLE ...
  PDF) to be laid out as a right-to-left paragraph: without it, a final full
  stop or a leading "◇ 1974:" land at the wrong end, and a Latin word splits
  the line. Marks alone (RLM) fix the first two only. The isolates Rawi puts
  around story text in labels (FSI ... PDI) are drawn as boxes by mlterm; the
  older embeddings (LRE/RLE ... PDF) that replace them are understood by all
  three, but mlterm 3.9 gives a zero-width control a cell of its own when
  it follows a cursor move (as Textual's partial updates do: the pane's
  line ends one cell further right, past its border) and ignores one that
  follows a letter: for mlterm the text is sent as it is, isolates dropped.
  Konsole does not mirror brackets inside an embedding.
- So a right-to-left line is sent right-aligned, as the terminal will show it.

Plain Python; the widgets call these on the way to the screen.
"""

from __future__ import annotations

from tui.rtl.direction import Direction, first_strong, isolate

LRM, RLM = "\u200e", "\u200f"
LRE, RLE, PDF = "\u202a", "\u202b", "\u202c"
LRO, RLO = "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_ISOLATE_OPENERS = frozenset((LRI, RLI, FSI))
_EMBEDDINGS = frozenset((LRE, RLE, LRO, RLO))


def logical_label(text: str) -> str:
    """``text`` with its isolates made embeddings, which every terminal understands.

    An FSI becomes an RLE or LRE after the direction of what it holds, LRI
    and RLI become LRE and RLE, a PDI becomes a PDF; embeddings the text
    itself opens and does not close are closed before the isolate's PDF, so
    that they cannot reach past it (what the isolate promised).
    """
    if not any(char in _ISOLATE_OPENERS or char == PDI for char in text):
        return text
    result: list[str] = []
    # for each open isolate: how many embeddings its text opened
    opened: list[int] = []
    for index, char in enumerate(text):
        if char in _ISOLATE_OPENERS:
            if char == FSI:
                inner = first_strong(text, index + 1)
                char = RLE if inner == "R" else LRE
            else:
                char = LRE if char == LRI else RLE
            opened.append(0)
        elif char == PDI:
            if not opened:
                continue  # closes nothing: dropped, as UAX #9 ignores it
            char = PDF * (opened.pop() + 1)
        elif char in _EMBEDDINGS and opened:
            opened[-1] += 1
        elif char == PDF and opened and opened[-1]:
            opened[-1] -= 1
        result.append(char)
    result.extend(PDF * (depth + 1) for depth in reversed(opened))
    return "".join(result)


def plain_label(text: str) -> str:
    """``text`` without isolate controls (for mlterm, which gives each a cell)."""
    return text.translate(_NO_ISOLATES)


_NO_ISOLATES = dict.fromkeys(map(ord, (LRI, RLI, FSI, PDI)))


_EXPLICIT = frozenset((LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI))


def isolate_if_needed(text: str) -> str:
    """``text`` isolated only when it holds explicit BiDi controls of its own.

    Plain text (print mode in logical order) gets no control that Rawi added;
    a story text whose RLO or unclosed embedding could reorder the label
    around it is still kept inside an isolate.
    """
    if _EXPLICIT.isdisjoint(text):
        return text
    return isolate(text)


def logical_line(text: str, direction: Direction) -> str:
    """One line of a paragraph, embedded in its direction, isolates made embeddings."""
    return (RLE if direction == "R" else LRE) + logical_label(text) + PDF


def guard(line: str) -> str:
    """``line`` between two LRMs: its runs stay in its cells, the row stays left-to-right."""
    return LRM + line + LRM
