"""Rich ``Text`` through the layout engine: styles stay on the glyphs they cover.

A search highlight or a bold phrase is a span over *logical* offsets. After
shaping and reordering, the characters of a line are in another order and a
lam-alef pair is one glyph, so the spans are carried over through each line's
index map (``VisualLine.indices``), not by offset arithmetic.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Span, Text

from tui.rtl.direction import Direction
from tui.rtl.layout import layout_paragraph
from tui.rtl.lines import ParagraphLayout
from tui.rtl.pieces import VisualLine
from tui.rtl.sanitize import is_clean

StyleType = str | Style


def styled_lines(
    text: Text, width: int, direction: Direction | None = None, *, justify: bool = False
) -> tuple[ParagraphLayout, list[Text]]:
    """Lay out ``text`` and return the layout with one styled ``Text`` per line.

    ``text.plain`` must already be clean (stories are sanitized when loaded);
    a dirty one is laid out without its spans, so that an offset shifted by
    cleaning can never put a style on the wrong glyph. ``justify`` as for
    ``layout_paragraph``: a kashida takes the style of the letters it joins
    when both have it.
    """
    layout = layout_paragraph(text.plain, width, direction, justify=justify)
    spans = text.spans if is_clean(text.plain) else []
    return layout, [line_text(line, spans, text.style) for line in layout.lines]


def line_text(line: VisualLine, spans: list[Span], base_style: StyleType = "") -> Text:
    """One visual line as ``Text`` with the logical ``spans`` moved onto its glyphs."""
    result = Text(line.text, style=base_style, end="", no_wrap=True)
    for span in spans:
        if span.end <= line.start or span.start >= line.end:
            continue
        for first, last in line.char_spans(span.start, span.end):
            result.stylize(span.style, first, last)
    return result
