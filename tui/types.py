"""Small types shared across the layers.

``Direction`` is a paragraph's base direction: ``"L"`` left to right, ``"R"``
right to left. It lives here, not in ``tui.rtl``, so that the story model
depends on no part of the layout engine (``tui.rtl`` re-exports it).
``BidiMode`` is who orders Arabic on the screen: Rawi (``"visual"``) or the
terminal (``"logical"``), for the reader, print mode and the terminal choice.
"""

from __future__ import annotations

from typing import Literal

Direction = Literal["L", "R"]

BidiMode = Literal["visual", "logical"]
