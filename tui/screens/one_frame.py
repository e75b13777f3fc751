"""``OneFrame``: a change that touches many widgets reaches the terminal as one frame.

Textual paints a screen when the screen's own message queue runs dry, at most
once per tick of its update timer (60 a second). A widget asks for its
repaint through its own queue, so when one key changes the reader, the status
bar and four side panes, the screen can paint as soon as the first few have
asked, and the others wait for the next tick: 17 to 33 ms later (the timer
skips a tick after a pause). The reader sees the text first and the side
follow, and the answer to the key takes twice as long as it needs.

``OneFrame.hold()`` holds the screen's painting (``App.batch_update``) until
every widget touched by now has had its turn (a timer of a millisecond runs
after the tasks already waiting), then repaints the whole screen at once.
Holding again while held does nothing, so a scroll that moves the reader
many times in one turn still paints once.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from textual.screen import Screen

#: long enough to let the widgets' queues run first, short enough not to be seen
RELEASE_AFTER = 0.001


class OneFrame:
    """Hold a screen's painting until the widgets a change touched have asked to repaint."""

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self._batch: AbstractContextManager[None] | None = None

    @property
    def held(self) -> bool:
        """True between ``hold`` and the release."""
        return self._batch is not None

    def hold(self) -> None:
        """Hold painting until the widgets' repaint requests are in; released by itself."""
        if self._batch is not None or not self._screen.is_attached:
            return
        self._batch = self._screen.app.batch_update()
        self._batch.__enter__()
        # The app's timer, not the screen's: a screen closed while held must
        # not leave the whole app unpainted.
        self._screen.app.set_timer(RELEASE_AFTER, self._release, name="one-frame")

    def _release(self) -> None:
        batch, self._batch = self._batch, None
        if batch is None:
            return
        batch.__exit__(None, None, None)
        # Paint the whole screen now. Held from inside a frame (a resize
        # moves the reader while Textual lays the screen out), that frame
        # was rendered and then dropped with what it had to show: asking only
        # for what is still marked dirty would leave the window stale.
        self._screen.refresh()
