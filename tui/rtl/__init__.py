"""The layout engine: logical Arabic (or any) text in, lines for a terminal grid out.

Plain Python on top of python-bidi's mirroring table and arabic-reshaper's
letter forms; no Textual import. Widgets ask it for lines at their width and
never reshape text themselves.

``visual_lines(text, width, direction=None, *, justify=False)``
    the visual-order strings of one paragraph's lines, at most ``width`` cells.
``layout_paragraph(...)``
    the same with each line's logical range and index map (``VisualLine``);
    ``ParagraphLayout.lines`` is lazy (lines broken as far as asked, each line
    shaped and reordered when asked for), with ``line_count``,
    ``estimated_line_count``, ``line_of`` and ``stream`` for one sweep.

``justify=True`` fills each line of a right-to-left paragraph but its last to
the width with kashidas and spaces (``tui.rtl.justify``). Rich adapters over
these lines live in ``tui.render``.

Layouts are cached within a memory budget (``tui.rtl.memo``): a caller making
one pass over many paragraphs wraps it in ``memo.one_pass()``, a single sweep
that never comes back (print mode) in ``memo.uncached()``.
"""

from tui.rtl.direction import Direction, first_strong, isolate, paragraph_direction
from tui.rtl.layout import is_rtl_text, layout_paragraph, visual_lines
from tui.rtl.lines import ParagraphLayout
from tui.rtl.pieces import VisualLine
from tui.rtl.sanitize import clean_text, is_clean

__all__ = [
    "Direction",
    "ParagraphLayout",
    "VisualLine",
    "clean_text",
    "first_strong",
    "is_clean",
    "is_rtl_text",
    "isolate",
    "layout_paragraph",
    "paragraph_direction",
    "visual_lines",
]
