"""The garbage collector during start-up: paused until the first paint, then woken.

Start-up makes some 90,000 objects that live as long as the program:
Textual's classes and styles, the story, the first screen. Collector passes
over them free next to nothing and cost a tenth of the start-up (one full
pass alone ~20 ms), so ``rawi`` pauses the collector before it imports
anything heavy and wakes it once the first screen is on the terminal.
"""

from __future__ import annotations

import gc


def pause() -> bool:
    """Stop automatic collection; whether it was running (for ``resume``)."""
    running = gc.isenabled()
    gc.disable()
    return running


def resume(running: bool) -> None:
    """Collect again, as before ``pause`` (``running`` is what it returned)."""
    if running:
        gc.enable()


def wake_after_first_paint() -> None:
    """Collect again, skipping from now on what start-up made.

    What exists at the first paint lives as long as the app: frozen, the
    collector's passes leave it out. The few thousand objects that are already
    garbage then stay, once, rather than cost a full pass (~20 ms) now.
    """
    gc.freeze()
    gc.enable()
