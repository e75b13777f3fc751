"""``HeldSections``: a story's late sections that the test hands over when it chooses."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from tui.story.errors import StoryError
from tui.story.model import Sections
from tui.story.opening import SectionsReading


class HeldSections:
    """A ``LateSections`` whose reading waits for ``release`` and notes when it was asked."""

    def __init__(self, sections: Sections) -> None:
        self._inner = SectionsReading(self._read)
        self.sections = sections
        self.readings = 0
        self.release = threading.Event()
        self.asked = threading.Event()
        #: set by the test: whether it was set when the sections were asked for
        self.before: threading.Event | None = None
        self.asked_after_paint: bool | None = None
        #: what the reading raises instead of returning, if set
        self.error: StoryError | None = None

    def _read(self, pace: object) -> dict[str, Any]:
        self.readings += 1
        if self.before is not None:
            self.asked_after_paint = self.before.is_set()
        self.asked.set()
        assert self.release.wait(60), "the test never released the sections"
        if self.error is not None:
            raise self.error
        return self.sections._asdict()

    def result(self, pace: Callable[[], object] | None = None) -> Sections:
        return self._inner.result(pace)

    @property
    def done(self) -> bool:
        return self._inner.done

    @property
    def problems(self) -> StoryError | None:
        return self._inner.problems
