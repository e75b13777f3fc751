"""A program on a pseudo-terminal, its screen read as a reader sees it: keys sent, screen polled.

``Session`` starts a program (``rawi STORY``) on a pseudo-terminal of 120x40,
feeds everything it writes into a terminal emulator (pyte), and answers two
questions with a clock:

- ``wait_for(predicate)``: when did the screen first satisfy ``predicate``
  (the first paint: a word of the story on screen)?
- ``press(key)``: after the key is written to the terminal, when did the
  screen change, and when did it stop changing (nothing new on screen for
  ``QUIET`` seconds)? The second is the response time: the whole answer to
  the key is on screen then, panes included.

Only the characters on screen count, not their colours: a blinking cursor or
a highlight that moves without changing a letter is not an answer. The
emulator runs in this process; the program in its own, as for a reader.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pyte

#: columns and rows of the pseudo-terminal
COLUMNS, ROWS = 120, 40
#: the screen is taken as settled after this long without a change
QUIET = 0.3
#: keys as a terminal sends them (xterm)
KEYS = {
    "enter": b"\r",
    "escape": b"\x1b",
    "down": b"\x1b[B",
    "up": b"\x1b[A",
    "pagedown": b"\x1b[6~",
    "pageup": b"\x1b[5~",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
}


class Unanswered(RuntimeError):
    """The screen did not change, or never showed what was waited for, in time."""

    def __init__(self, message: str, waited: float) -> None:
        super().__init__(message)
        self.waited = waited


@dataclass(frozen=True, slots=True)
class Response:
    """Seconds from the key to the first change of the screen, and to the last."""

    first_change: float
    settled: float


class Session:
    """One program on a pseudo-terminal, with the screen it has drawn so far."""

    def __init__(self, argv: Sequence[str], env: Mapping[str, str]) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self._stream = pyte.ByteStream(self.screen)
        self._text = ""
        self.argv = list(argv)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self._master = master
        #: when the program was spawned (``time.perf_counter``)
        self.started = time.perf_counter()
        self.sent_at = self.started
        self.process = subprocess.Popen(
            self.argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env),
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self._ended = False
        self._cleanups: list[Callable[[], None]] = []

    def add_cleanup(self, cleanup: Callable[[], None]) -> None:
        """Call ``cleanup`` once the program is closed (its state folder removed)."""
        self._cleanups.append(cleanup)

    # -- reading ------------------------------------------------------------

    @property
    def text(self) -> str:
        """The characters on screen, one line per row (tatweels left out)."""
        return self._text

    def _read(self, timeout: float) -> float | None:
        """Read what is there within ``timeout``; when the screen changed (None if not)."""
        if self._ended:
            time.sleep(max(0.0, timeout))
            return None
        ready, _, _ = select.select([self._master], [], [], max(0.0, timeout))
        if not ready:
            return None
        chunk = self._read_burst()
        when = time.perf_counter()
        if not chunk:
            self._ended = True
            return None
        self._stream.feed(chunk)
        # Without tatweels: the reader justifies Arabic with kashidas, which
        # would split the words a case looks for.
        text = "\n".join(self.screen.display).replace("\u0640", "")
        if text == self._text:
            return None
        self._text = text
        return when

    def _read_burst(self) -> bytes:
        """Everything the program has written so far, read before any of it is fed.

        A frame reaches the terminal in pieces of a few KB. Feeding the
        emulator one piece (a few milliseconds of Python for a full screen)
        before reading the next would date the next piece by the emulator's
        speed, not the program's: the measure would grow with the size of
        the frame. So the pieces already there are read together, and the
        screen is dated when the last of them arrived.
        """
        data = b""
        while True:
            try:
                chunk = os.read(self._master, 1 << 16)
            except OSError:  # EIO: the program ended and closed the terminal
                return data
            if not chunk:
                return data
            data += chunk
            ready, _, _ = select.select([self._master], [], [], 0)
            if not ready:
                return data

    def _tail(self) -> str:
        return self._text.strip()[-1500:]

    def wait_for(self, predicate: Callable[[str], bool], timeout: float, what: str) -> float:
        """Seconds since the spawn until the screen satisfies ``predicate``."""
        deadline = time.perf_counter() + timeout
        while not predicate(self._text):
            left = deadline - time.perf_counter()
            if left <= 0 or self._ended:
                ended = " (the program ended)" if self._ended else ""
                raise Unanswered(
                    f"{self.argv[-1]}: no {what} after {timeout:.0f} s{ended}:\n{self._tail()}",
                    timeout,
                )
            changed = self._read(left)
            if changed is not None and predicate(self._text):
                return changed - self.started
        return time.perf_counter() - self.started

    def settle(self, timeout: float, quiet: float = QUIET) -> None:
        """Read until nothing changes on screen for ``quiet`` seconds (at most ``timeout``)."""
        deadline = time.perf_counter() + timeout
        last = time.perf_counter()
        while time.perf_counter() - last < quiet:
            if time.perf_counter() > deadline:
                raise Unanswered(f"{self.argv[-1]}: the screen never settled", timeout)
            if self._read(quiet - (time.perf_counter() - last)) is not None:
                last = time.perf_counter()

    # -- keys -----------------------------------------------------------------

    def send(self, key: str) -> float:
        """Write ``key`` (a character or a name in ``KEYS``); when it was written."""
        data = KEYS.get(key, key.encode())
        os.write(self._master, data)
        #: when the last key was written
        self.sent_at = time.perf_counter()
        return self.sent_at

    def press(
        self,
        key: str,
        timeout: float,
        until: Callable[[str], bool] | None = None,
        quiet: float = QUIET,
    ) -> Response:
        """Send ``key``; how long until the screen changed, and until it settled.

        With ``until``, the answer is the first screen that satisfies it (for a
        key whose effect is known: the help screen's text); otherwise any
        change counts, and the screen is then read until it holds still.
        """
        # A late frame of what came before, already written, is not the answer.
        while self._read(0) is not None:
            pass
        before = self._text
        sent = self.send(key)
        deadline = sent + timeout
        first: float | None = None
        last: float | None = None
        while True:
            now = time.perf_counter()
            if now > deadline or (self._ended and first is None):
                raise Unanswered(
                    f"{self.argv[-1]}: no answer to {key!r} in {timeout:.0f} s", timeout
                )
            if last is not None and (until is not None or now - last >= quiet):
                return Response(first - sent if first else 0.0, last - sent)
            wait = deadline - now if last is None else quiet - (now - last)
            changed = self._read(wait)
            if changed is None:
                continue
            if until is not None:
                if until(self._text):
                    first = first or changed
                    last = changed
                continue
            if self._text != before:
                first = first or changed
                last = changed

    def close(self) -> None:
        """Kill the program and close the terminal."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self._master)
        for cleanup in self._cleanups:
            cleanup()
        self._cleanups.clear()

    def peak_rss_mib(self) -> float | None:
        """The program's peak resident set so far (``VmHWM``), while it runs."""
        try:
            with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
