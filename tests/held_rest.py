"""``HeldRest``: the rest of a story opened early, handed over when the test chooses."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable

from tui.story.errors import StoryError
from tui.story.model import Rest, Sections, Story
from tui.story.opening import RestReading


class HeldRest:
    """A ``LateRest`` whose reading waits for ``release`` and notes when it was asked."""

    def __init__(self, rest: Rest) -> None:
        self._inner = RestReading(self._read)
        self.rest = rest
        self.readings = 0
        self.release = threading.Event()
        self.asked = threading.Event()
        #: set by the test: whether it was set when the rest was asked for
        self.before: threading.Event | None = None
        self.asked_after_paint: bool | None = None
        #: what the reading raises instead of returning, if set
        self.error: StoryError | None = None

    def _read(self, pace: object) -> Rest:
        self.readings += 1
        if self.before is not None:
            self.asked_after_paint = self.before.is_set()
        self.asked.set()
        assert self.release.wait(60), "the test never released the rest"
        if self.error is not None:
            raise self.error
        return self.rest

    def result(self, pace: Callable[[], object] | None = None) -> Rest:
        return self._inner.result(pace)

    @property
    def done(self) -> bool:
        return self._inner.done

    @property
    def problems(self) -> StoryError | None:
        return self._inner.problems


def opened_early(whole: Story, *, split: bool = False) -> tuple[Story, HeldRest]:
    """``whole`` as ``open_story`` would give it, its rest held: its sections,
    and with ``split`` its chapters after the first."""
    sections = Sections(whole.timeline, whole.quotes, whole.eras, whole.places)
    kept = whole.chapters[:1] if split else whole.chapters
    head = dataclasses.replace(whole, chapters=kept, timeline=(), quotes=(), eras=(), places=())
    late = HeldRest(Rest(sections, whole.chapters if split else None))
    return Story.opening(head, late, len(whole.chapters) if split else None), late
