"""Where the cursor of a one-line text field stands on screen.

A field that holds Arabic shows it shaped and right to left, so the logical
cursor (an index between two characters) has to be placed in the visual
line: next to the glyph of the character before it, on the side the next
letter of the same direction will appear (left of it in a right-to-left run,
right of it in a left-to-right run), or at the start edge of the line when
nothing precedes it.
"""

from __future__ import annotations

from tui.rtl.bidi import resolve_paragraph
from tui.rtl.direction import Direction
from tui.rtl.layout import layout_paragraph

#: wide enough that a search query is never broken into two lines
_ONE_LINE = 1_000_000


def visual_with_cursor(text: str, cursor: int, direction: Direction | None) -> tuple[str, int]:
    """The line as shown, and the character position where the cursor goes in it.

    ``text`` must be clean and hold no line feed (a field's content).
    """
    shown, gap, _ = _cursor(text, cursor, direction)
    return shown, gap


def cursor_block(text: str, cursor: int, direction: Direction | None) -> tuple[str, int]:
    """The line as shown, and the cell where a block cursor is drawn.

    The block stands where the next letter will appear: left of the last
    letter typed in a right-to-left run, right of it in a left-to-right run.
    When that place is past an edge of the line, the line gets a blank cell
    there for the cursor.
    """
    shown, gap, rtl_before = _cursor(text, cursor, direction)
    if rtl_before:
        if gap <= 0:
            return " " + shown, 0
        return shown, gap - 1
    if gap >= len(shown):
        return shown + " ", len(shown)
    return shown, gap


def _cursor(text: str, cursor: int, direction: Direction | None) -> tuple[str, int, bool]:
    """The shown line, the gap the cursor stands in, and whether the letter
    before the cursor runs right to left."""
    layout = layout_paragraph(text, _ONE_LINE, direction)
    if not layout.lines or not text:
        return "", 0, False
    line = layout.lines[0]
    rtl = layout.direction == "R"
    position_of = {index: position for position, index in enumerate(line.indices)}
    for hidden, shown in line.shown_by:
        position_of.setdefault(hidden, position_of.get(shown, -1))
    levels = resolve_paragraph(layout.text, 1 if rtl else 0).levels
    before = min(cursor, len(text)) - 1
    while before >= 0 and position_of.get(before, -1) < 0:
        before -= 1  # a character with no glyph (a mark that was spent)
    if before < 0:
        return line.text, len(line.text) if rtl else 0, False
    position = position_of[before]
    if levels[before] & 1:
        return line.text, position, True
    return line.text, position + 1, False
