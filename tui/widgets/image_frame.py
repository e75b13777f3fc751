"""An image in the reader: its caption and address in a frame of box-drawing lines.

A terminal shows no picture, so the reader draws an image as a frame the
width of the text column: the top border, the caption's lines (laid out by
the engine like any paragraph, with their marks), the image's address cut in
the middle to fit, the bottom border. Enter or a click on it opens the image.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tui.rtl import VisualLine
from tui.widgets.document import Item


def shorten_middle(text: str, width: int) -> str:
    """``text`` in ``width`` cells, cut in the middle with an ellipsis when longer,
    so that a URL keeps its start (the site) and its end (the file name)."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    tail = (width - 1) // 2
    head = width - 1 - tail
    return text[:head] + "…" + (text[-tail:] if tail else "")


def image_frame_row(
    item: Item,
    captions: Sequence[VisualLine],
    inner: int,
    inside: int,
    *,
    frame: Style,
    link: Style,
    caption: Callable[[VisualLine], Text],
) -> Text | None:
    """Row ``inner`` of the frame of image ``item``, ``inside`` cells between its sides.

    ``captions`` are the caption's lines and ``caption`` draws one (with its
    marks). None below the bottom border: the blank row before the next item.
    """
    caption_rows = len(captions)
    if inner == 0:
        return Text("╭" + "─" * inside + "╮", style=frame)
    if inner == caption_rows + 2:
        return Text("╰" + "─" * inside + "╯", style=frame)
    if inner > caption_rows + 2:
        return None
    if inner <= caption_rows:
        content = caption(captions[inner - 1])
        rtl = item.direction == "R"
    else:
        content = Text(shorten_middle(item.url, max(1, inside - 2)), style=link, end="")
        rtl = False
    room = max(0, inside - 2 - content.cell_len)
    row = Text("│ ", style=frame, end="")
    row.append(" " * (room if rtl else 0))
    row.append_text(content)
    row.append(" " * (0 if rtl else room))
    row.append(" │", style=frame)
    return row
