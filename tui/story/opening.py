"""Sections read a moment after the chapters: ``SectionsReading``.

Opening a large story, the reader's first screen needs the story's header
and chapters; the timeline, quotes, eras and places (the sections) are
needed by the side panes, which arrive after the first frame. For the
reader, ``open_story`` (``tui.story.loader``) reads and checks the header
and the chapters, and leaves the sections' tables unparsed
(``toml_fast``); a ``SectionsReading`` reads and checks them when first
asked, in whichever thread asks first: the reader asks from a worker thread
right after its first frame, and anything that looks at a section before
then waits for that reading (or does it).

Problems found in the sections are kept, not raised: the story's sections
are then empty, and the reader closes with the problems, one per line, and
exit status 2, as for any bad file.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from tui.story.errors import StoryError
from tui.story.model import Sections


class SectionsReading:
    """The sections of a story file, read once, by the first thread that asks."""

    def __init__(self, read: Callable[[Callable[[], object]], dict[str, Any]]) -> None:
        """``read(pace)`` returns the sections' fields of ``Story`` or raises
        ``StoryError``, calling ``pace`` now and then as it goes."""
        self._read: Callable[[Callable[[], object]], dict[str, Any]] | None = read
        self._lock = threading.Lock()
        self._result: Sections | None = None
        self._problems: StoryError | None = None

    def result(self, pace: Callable[[], object] | None = None) -> Sections:
        """The sections; empty when they have problems (``problems``).

        ``pace``, given by a thread reading them behind the reader, is called
        now and then (``Pacer``); whoever waits for them reads at full speed.
        """
        with self._lock:
            if self._result is None:
                read = self._read
                assert read is not None
                try:
                    self._result = Sections(**read(pace or _at_full_speed))
                except StoryError as error:
                    self._problems = error
                    self._result = Sections()
                # The reading holds the file's whole text: let it go.
                self._read = None
            return self._result

    @property
    def done(self) -> bool:
        """Whether the sections have been read."""
        return self._result is not None

    @property
    def problems(self) -> StoryError | None:
        """What is wrong with the sections (None until read, or if nothing)."""
        return self._problems


def _at_full_speed() -> None:
    pass


class Pacer:
    """Called now and then by work done in a thread behind the reader, it
    sleeps a moment every ``every`` seconds of work.

    A Python thread gives the interpreter to another only every 5 ms
    (``sys.getswitchinterval``) and, when both have work, they share it half
    and half: a key typed while the sections are read would be answered
    twice as late. A short sleep every 2 ms of reading gives the event loop
    the interpreter as soon as it wants it; when it wants nothing, the
    reading loses a tenth of its speed.
    """

    def __init__(self, every: float = 0.002, rest: float = 0.0002) -> None:
        self._every = every
        self._rest = rest
        self._last = time.perf_counter()

    def __call__(self) -> None:
        now = time.perf_counter()
        if now - self._last >= self._every:
            time.sleep(self._rest)
            self._last = time.perf_counter()
