"""Lines a terminal can show, from one logical paragraph: the layout engine's entry point.

The steps, in the order UAX #9 (3.4) and ``docs/rtl-in-the-terminal`` give
them: sanitize; split at paragraph separators; resolve the paragraph
direction once and the embedding levels over the whole paragraph; shape
(presentation forms, lam-alef, harakat kept); break lines in *logical* order
by the cell width of the shaped glyphs, at spaces, folding a word longer than
the line; then, for each line on its own, L1 (trailing whitespace), L3
(combining marks stay after their letter), L2 (reversal) and L4 (mirroring).

``layout_paragraph`` prepares the paragraph (the pieces between line feeds,
resolved: ``tui.rtl.pieces``) and hands out a ``ParagraphLayout`` whose lines
are broken and made as they are asked for (``tui.rtl.lines``).

Work that does not depend on the width (levels) is cached per paragraph
text and direction, layouts per width as well, both in caches bounded by
the memory they take (``tui.rtl.memo``): laying out an unchanged paragraph
again costs a dictionary look-up.
"""

from __future__ import annotations

import unicodedata

from tui.rtl.direction import Direction
from tui.rtl.lines import ParagraphLayout
from tui.rtl.memo import memory_cache
from tui.rtl.pieces import Piece, Prepared
from tui.rtl.sanitize import clean_text
from tui.rtl.shaping import forget_words


def _prepare_cost(text: str, direction: Direction | None) -> int:
    # levels and class codes, a byte per character each, and the text if cleaning copied it
    return 4 * len(text) + 512


@memory_cache(budget=48_000_000, cost=_prepare_cost)
def _prepare(text: str, direction: Direction | None) -> Prepared:
    clean = clean_text(text)
    base = None if direction is None else (1 if direction == "R" else 0)
    pieces: list[Piece] = []
    offset = 0
    for part in clean.split("\n"):
        pieces.append(Piece(offset, part, base))
        offset += len(part) + 1
    if len(pieces) > 1 and clean.endswith("\n"):
        pieces.pop()  # a final line feed ends the last paragraph, it opens none
    if direction is not None:
        resolved_direction: Direction = direction
    elif pieces and pieces[0].resolved.base_level:
        resolved_direction = "R"
    else:
        resolved_direction = "L"
    return Prepared(clean, resolved_direction, tuple(pieces))


def _layout_cost(
    text: str,
    width: int,
    direction: Direction | None = None,
    logical: bool = False,
    *,
    justify: bool = False,
) -> int:
    # The spans of the lines and, for the lines made, their glyphs and index
    # maps (some 40 bytes a character), of which a layout keeps a bounded number.
    return 2 * len(text) + min(40 * len(text), 3_000_000) + 1024


@memory_cache(budget=64_000_000, cost=_layout_cost)
def layout_paragraph(
    text: str,
    width: int,
    direction: Direction | None = None,
    logical: bool = False,
    *,
    justify: bool = False,
) -> ParagraphLayout:
    """Lay out one logical paragraph as lines of at most ``width`` cells.

    ``direction`` "R" or "L" forces the paragraph direction; ``None`` takes it
    from the first strong character. A line is wider than ``width`` only when
    a single unbreakable cluster is (a wide character at width 1). Line feeds
    in ``text`` separate paragraphs; an empty one gives an empty line.

    ``justify`` fills every line of a right-to-left paragraph but its last to
    exactly ``width`` cells, with kashidas and spaces (``tui.rtl.justify``),
    where the limits allow; the line breaks stay where they are. Left-to-right
    paragraphs stay ragged (``docs/justification.md`` says why).

    ``logical``: the lines will be sent in logical order to a terminal that
    shapes by itself, which gives a lam-alef its two letters' two cells: the
    lines are broken by that measure (``VisualLine.cells`` stays the shaped one).
    """
    prepared = _prepare(text, direction)
    return ParagraphLayout(prepared, max(1, width), logical=logical, justify=justify)


def visual_lines(
    text: str, width: int, direction: Direction | None = None, *, justify: bool = False
) -> list[str]:
    """The visual-order strings of the lines of one logical paragraph, without padding."""
    return [line.text for line in layout_paragraph(text, width, direction, justify=justify).lines]


def is_rtl_text(text: str) -> bool:
    """True when ``text`` has any right-to-left letter (a cheap test for labels)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def clear_caches() -> None:
    """Forget every paragraph laid out and every word shaped so far (for cold measures)."""
    layout_paragraph.cache_clear()
    _prepare.cache_clear()
    forget_words()
