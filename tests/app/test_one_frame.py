"""``OneFrame``: painting held once per change, released by a timer, the screen nudged."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tui.screens.one_frame import RELEASE_AFTER, OneFrame


class FakeApp:
    def __init__(self) -> None:
        self.batches = 0  # open batches
        self.timers: list[tuple[float, Callable[[], None]]] = []

    @contextmanager
    def batch_update(self) -> Iterator[None]:
        self.batches += 1
        try:
            yield
        finally:
            self.batches -= 1

    def set_timer(self, delay: float, callback: Callable[[], None], **_: Any) -> None:
        self.timers.append((delay, callback))


class FakeScreen:
    def __init__(self) -> None:
        self.app = FakeApp()
        self.is_attached = True
        self.repainted = 0

    def refresh(self) -> None:
        self.repainted += 1


def test_hold_batches_once_until_the_timer_releases() -> None:
    screen = FakeScreen()
    frame = OneFrame(screen)  # type: ignore[arg-type]
    frame.hold()
    frame.hold()  # a second move in the same turn: still one batch, one timer
    assert screen.app.batches == 1 and frame.held
    assert [delay for delay, _ in screen.app.timers] == [RELEASE_AFTER]
    assert screen.repainted == 0
    _, release = screen.app.timers[0]
    release()
    assert screen.app.batches == 0 and not frame.held
    # The whole screen is painted: a frame rendered while held was dropped.
    assert screen.repainted == 1
    frame.hold()  # the next change holds again
    assert screen.app.batches == 1 and len(screen.app.timers) == 2


def test_a_detached_screen_is_never_held() -> None:
    screen = FakeScreen()
    screen.is_attached = False
    OneFrame(screen).hold()  # type: ignore[arg-type]
    assert screen.app.batches == 0 and not screen.app.timers
