"""The rest of a story read a moment after its first chapter: ``RestReading``.

Opening a large story, the reader's first screen needs the story's header
and the chapter it opens on; the other chapters are needed when the reader
moves on, and the timeline, quotes, eras and places (the sections) by the
side panes, which arrive after the first frame. For the reader,
``open_story`` (``tui.story.loader``) reads and checks the header and the
first chapter, and leaves the tables of the rest unparsed (``toml_fast``);
a ``RestReading`` reads and checks them when first asked, in whichever
thread asks first: the reader asks from a worker thread right after its
first frame, and anything that looks at the rest before then waits for that
reading (or does it).

Problems found in the rest are kept, not raised: the story then has no
sections and only its first chapters, and the reader closes with the
problems, one per line, and exit status 2, as for any bad file.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from tui.story.errors import StoryError
from tui.story.model import Rest, Sections


class RestReading:
    """The rest of a story file, read once, by the first thread that asks."""

    def __init__(self, read: Callable[[Callable[[], object]], Rest]) -> None:
        """``read(pace)`` returns the rest or raises ``StoryError``, calling
        ``pace`` now and then as it goes."""
        self._read: Callable[[Callable[[], object]], Rest] | None = read
        self._lock = threading.Lock()
        self._result: Rest | None = None
        self._problems: StoryError | None = None

    def result(self, pace: Callable[[], object] | None = None) -> Rest:
        """The rest; with no sections and no chapters when it has problems
        (``problems``).

        ``pace``, given by a thread reading it behind the reader, is called
        now and then (``Pacer``); whoever waits for it reads at full speed.
        """
        with self._lock:
            if self._result is None:
                read = self._read
                assert read is not None
                try:
                    self._result = read(pace or _at_full_speed)
                except StoryError as error:
                    self._problems = error
                    self._result = Rest(Sections())
                # The reading holds the file's whole text: let it go.
                self._read = None
            return self._result

    @property
    def done(self) -> bool:
        """Whether the rest has been read."""
        return self._result is not None

    @property
    def problems(self) -> StoryError | None:
        """What is wrong with the rest (None until read, or if nothing)."""
        return self._problems


def _at_full_speed() -> None:
    pass


class Pacer:
    """Called now and then by work done in a thread behind the reader, it
    sleeps a moment every ``every`` seconds of work.

    A Python thread gives the interpreter to another only every 5 ms
    (``sys.getswitchinterval``) and, when both have work, they share it half
    and half: a key typed while the rest is read would be answered
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
