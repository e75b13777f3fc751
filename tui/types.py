"""Small types shared by the story model and the layout engine.

``Direction`` is a paragraph's base direction: ``"L"`` left to right, ``"R"``
right to left. It lives here, not in ``tui.rtl``, so that the story model
depends on no part of the layout engine (``tui.rtl`` re-exports it).
"""

from __future__ import annotations

from typing import Literal

Direction = Literal["L", "R"]
