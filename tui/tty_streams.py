"""The terminal the reader runs on, whatever stdin and stderr were given.

Textual's Linux driver reads keys from file descriptor 0 and draws on
``sys.__stderr__`` (file descriptor 2). Run as ``rawi < /dev/null`` it would
read end-of-file forever (100% CPU, deaf to ``q``); run as ``rawi 2> err.txt``
it would draw the whole interface into the file. ``attached_terminal`` puts
the controlling terminal (``/dev/tty``) on those descriptors for the time the
app runs, and gives the originals back afterwards, so that a line written
after the app (a crash report) still goes where stderr was sent. With no
controlling terminal at all, ``NoTerminal`` says so, for a one-line refusal.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator

_TTY = "/dev/tty"


class NoTerminal(Exception):
    """The reader needs a terminal and the process has none."""


def _is_tty(descriptor: int) -> bool:
    try:
        return os.isatty(descriptor)
    except OSError:
        return False


def _open_tty() -> int:
    try:
        return os.open(_TTY, os.O_RDWR | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise NoTerminal(error.strerror or str(error)) from None


@contextlib.contextmanager
def attached_terminal() -> Iterator[None]:
    """Keys read from and screens drawn on the terminal while inside; ``NoTerminal`` if none."""
    if "web_driver" in os.environ.get("TEXTUAL_DRIVER", ""):
        # A reader served to a browser (rawi serve): its keys and screens go
        # through Textual's web driver on the pipes it was given, no terminal.
        yield
        return
    wanted = [fd for fd in (0, 2) if not _is_tty(fd)]
    if not wanted:
        yield
        return
    tty = _open_tty()
    saved: dict[int, int | None] = {}
    streams = {0: sys.__stdin__, 2: sys.__stderr__}
    try:
        for fd in wanted:
            stream = streams[fd]
            if stream is not None:
                with contextlib.suppress(OSError, ValueError):
                    stream.flush()
            try:
                saved[fd] = os.dup(fd)
            except OSError:
                saved[fd] = None  # the descriptor was closed (rawi <&-)
            os.dup2(tty, fd, inheritable=True)
        # A closed stream is None in sys: the driver needs an object on the
        # descriptor it now can use.
        # (setattr: the names are Final to type checkers, not to Python.)
        if sys.__stdin__ is None:
            stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
            sys.stdin = stdin
            setattr(sys, "__stdin__", stdin)  # noqa: B010
        if sys.__stderr__ is None:
            stderr = io.TextIOWrapper(
                io.FileIO(2, "w", closefd=False), encoding="utf-8", line_buffering=True
            )
            sys.stderr = stderr
            setattr(sys, "__stderr__", stderr)  # noqa: B010
        yield
    finally:
        os.close(tty)
        for fd, original in saved.items():
            stream = streams[fd] if fd == 0 else sys.__stderr__
            if stream is not None:
                with contextlib.suppress(OSError, ValueError):
                    stream.flush()
            if original is not None:
                os.dup2(original, fd)
                os.close(original)
