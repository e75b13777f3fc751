"""The rendering layer: Rich adapters over the layout engine (``tui.rtl``).

``BidiText`` is a renderable that lays itself out at the width it is given;
``line_text`` and ``styled_lines`` carry Rich styles onto the glyphs of a laid
out line through its index map. The engine itself knows nothing of Rich's
renderables; widgets and print mode come through here.
"""

from tui.render.bidi_text import BidiText, visual
from tui.render.styled import line_text, styled_lines

__all__ = ["BidiText", "line_text", "styled_lines", "visual"]
