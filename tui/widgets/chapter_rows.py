"""The rows of a chapter as the reader draws them, one ``Strip`` at a time.

``chapter_row`` draws one row of a ``ChapterDocument`` across the pane: the
line of the heading or paragraph under it (laid out by the engine at the
column's width) with its marks painted on (``tui.widgets.marks``), placed in
the text column, right-aligned in a right-to-left paragraph; or a row of an
image's frame (``tui.widgets.image_frame``). The reader keeps the place and
caches the strips; this only draws.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.rtl import VisualLine
from tui.widgets.document import ChapterDocument
from tui.widgets.image_frame import image_frame_row
from tui.widgets.marks import MarkSet, marked_line


def chapter_row(
    document: ChapterDocument,
    row: int,
    *,
    marks: MarkSet,
    visual: bool,
    left: int,
    text_width: int,
    width: int,
    base: Style,
    style: Callable[[str], Style],
    console: Console,
) -> Strip:
    """Row ``row`` of ``document`` in a pane ``width`` cells wide.

    ``left`` and ``text_width``: the text column; ``base``: the pane's style;
    ``style``: the style of a component class (``reader--heading``,
    ``reader--match``...); ``visual``: Rawi orders the text (else the terminal).
    """
    if row >= document.height:
        return Strip.blank(width, base)
    index, inner = document.locate(row)
    item = document.items[index]
    layout = document.layout(index)

    def marked(line: VisualLine, logical: str) -> Text:
        return marked_line(
            line,
            logical,
            marks.of_item(item.key),
            lambda kind: style(f"reader--{kind}"),
            visual=visual,
            direction=item.direction,
        )

    if item.kind == "image":
        framed = image_frame_row(
            item,
            layout.lines,
            inner,
            text_width - 2,
            frame=style("reader--image"),
            link=style("reader--link"),
            caption=lambda line: marked(line, item.text),
        )
        if framed is None:
            return Strip.blank(width, base)
        return _strip(framed, left, width, base, console)
    if inner >= layout.break_until(inner):  # past the last line (the gap under it)
        return Strip.blank(width, base)
    line = layout.lines[inner]
    heading = style("reader--heading") if item.kind == "heading" else None
    text = marked(line, layout.text)
    if heading is not None:
        text.stylize(heading)
    room = document.text_width(item) - text.cell_len
    # Right-aligned in both modes: logical lines are guarded (logical_text)
    # so that the terminal keeps the row left to right.
    rtl = layout.direction == "R"
    return _strip(text, left + (max(0, room) if rtl else 0), width, base, console)


def _strip(text: Text, left: int, width: int, base: Style, console: Console) -> Strip:
    segments = [Segment(" " * left, base)]
    segments.extend(
        Segment(segment.text, base + segment.style if segment.style else base)
        for segment in text.render(console)
    )
    return Strip(segments).adjust_cell_length(width, base)
