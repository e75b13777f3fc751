"""Running Rawi under a real pseudo-terminal and recording every byte it writes.

``Terminal`` starts a command with a pty as its controlling terminal (stdin,
stderr and, unless asked otherwise, stdout), at a given window size, with
Rawi's state kept in a private folder. A thread drains the master side into
a buffer, so the program never blocks on a full pty; tests wait on
conditions (a marker in the output, the process ending), never on bare
sleeps. Keys are written to the master, signals sent to the process, and a
resize sets the window size and sends SIGWINCH, as a terminal emulator does.
"""

from __future__ import annotations

import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

#: long enough for a loaded CI machine to start Python and Textual
DEFAULT_TIMEOUT = 30.0

ALT_SCREEN_ON = b"\x1b[?1049h"
ALT_SCREEN_OFF = b"\x1b[?1049l"
BDSM_EXPLICIT = b"\x1b[8l"
BDSM_IMPLICIT = b"\x1b[8h"

REPO = Path(__file__).resolve().parents[2]

# Variables by which a terminal names itself (tui.terminal reads them to choose
# the BiDi mode): the program under test must not see the test runner's own.
TERMINAL_VARIABLES = ("VTE_VERSION", "XTERM_VERSION", "MLTERM", "WT_SESSION", "TMUX", "STY")
TERMINAL_PREFIXES = ("KONSOLE_", "KITTY_", "WEZTERM_", "ALACRITTY_")


def rawi_command(*args: str) -> list[str]:
    """The command line of ``python -m tui ARGS`` with this interpreter."""
    return [sys.executable, "-m", "tui", *args]


def python_command(script: str) -> list[str]:
    """The command line of ``python -c SCRIPT`` with this interpreter."""
    return [sys.executable, "-c", script]


def _set_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


# Run first in the child, in its new session: make the pty (fd 0, or fd 2 when
# stdin is redirected) the controlling terminal, so that the program gets
# SIGWINCH like under a real terminal and can open /dev/tty, then become the
# program (same pid, for signals). A preexec_fn would do the same, but is not
# safe in a process with threads (the drain threads).
_TAKE_TERMINAL = (
    "import fcntl, os, sys, termios\n"
    "for fd in (0, 2, 1):\n"
    "    try:\n"
    "        fcntl.ioctl(fd, termios.TIOCSCTTY, 0)\n"
    "        break\n"
    "    except OSError:\n"
    "        pass\n"
    "os.execvp(sys.argv[1], sys.argv[1:])"
)


class Terminal:
    """One program running under a pty; use as a context manager."""

    def __init__(
        self,
        command: Sequence[str],
        state_dir: Path,
        *,
        size: tuple[int, int] = (80, 24),
        stdout_to_pipe: bool = False,
        env: Mapping[str, str] | None = None,
        stdin: Path | None = None,
        stdout: Path | None = None,
        stderr: Path | None = None,
    ) -> None:
        """``env`` adds to (or replaces in) the environment the program is given;
        ``stdin``, ``stdout`` and ``stderr``, when given, are files the streams
        are redirected to (as ``< file``, ``> file``, ``2> file``)."""
        self.command = list(command)
        self.columns, self.rows = size
        self._output = bytearray()
        self._changed = threading.Condition()
        self._drained = False
        master, slave = os.openpty()
        self.master = master
        _set_size(slave, self.columns, self.rows)
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TEXTUAL", "RAWI_", "PYTEST_", *TERMINAL_PREFIXES))
            and key not in ("NO_COLOR", "COLUMNS", "LINES", *TERMINAL_VARIABLES)
        }
        # No COLUMNS or LINES: shutil.get_terminal_size (which Textual asks) would
        # prefer them to the window size, and no resize would ever be seen. The
        # window size is the pty's, as in a terminal emulator.
        environment.update(
            TERM="xterm-256color",
            RAWI_STATE_DIR=str(state_dir),
            XDG_STATE_HOME=str(state_dir / "xdg"),
            RAWI_CACHE_DIR=str(state_dir / "cache"),
            PYTHONUNBUFFERED="1",
        )
        environment.update(env or {})
        files = []
        try:
            if stdin is not None:
                files.append(stdin.open("rb"))
            if stdout is not None:
                files.append(stdout.open("wb"))
            if stderr is not None:
                files.append(stderr.open("wb"))
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", _TAKE_TERMINAL, *self.command],
                stdin=slave if stdin is None else files[0],
                stdout=(
                    subprocess.PIPE
                    if stdout_to_pipe
                    else slave
                    if stdout is None
                    else files[-2 if stderr is not None else -1]
                ),
                stderr=slave if stderr is None else files[-1],
                cwd=REPO,
                env=environment,
                start_new_session=True,
            )
        finally:
            for file in files:
                file.close()
            # The child holds the only other copy: once it exits, reading the
            # master fails with EIO and the drain thread ends.
            os.close(slave)
        self.stdout = b""
        self._stdout_thread: threading.Thread | None = None
        if stdout_to_pipe:
            self._stdout_thread = threading.Thread(target=self._read_stdout, daemon=True)
            self._stdout_thread.start()
        self._drain_thread = threading.Thread(target=self._drain, daemon=True)
        self._drain_thread.start()

    # -- reading ----------------------------------------------------------------

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                chunk = b""
            with self._changed:
                if not chunk:
                    self._drained = True
                    self._changed.notify_all()
                    return
                self._output += chunk
                self._changed.notify_all()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        self.stdout = self.process.stdout.read()

    @property
    def output(self) -> bytes:
        """Every byte the program has written to the terminal so far."""
        with self._changed:
            return bytes(self._output)

    def wait_until(
        self, condition: Callable[[bytes], bool], what: str, timeout: float = DEFAULT_TIMEOUT
    ) -> bytes:
        """Wait for ``condition(output)``; the output, or AssertionError naming ``what``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                output = bytes(self._output)
                if condition(output):
                    return output
                left = deadline - time.monotonic()
                if left <= 0 or self._drained:
                    break
                self._changed.wait(min(left, 0.5))
        raise AssertionError(
            f"timed out waiting for {what}; status {self.process.poll()}; "
            f"last output: {output[-1500:]!r}"
        )

    def wait_for(self, marker: bytes, *, after: int = 0, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait until ``marker`` appears at or after offset ``after``; its offset."""
        output = self.wait_until(lambda out: marker in out[after:], repr(marker), timeout)
        return output.index(marker, after)

    # -- acting -----------------------------------------------------------------

    def send(self, keys: bytes) -> None:
        """Type ``keys`` at the terminal."""
        os.write(self.master, keys)

    def signal(self, number: int) -> None:
        """Send signal ``number`` to the program."""
        os.kill(self.process.pid, number)

    def resize(self, columns: int, rows: int) -> None:
        """Change the window size, as a terminal emulator does, and say so with SIGWINCH."""
        self.columns, self.rows = columns, rows
        _set_size(self.master, columns, rows)
        # The kernel signals the foreground group; say it again in case the
        # program is not (yet) in it.
        self.signal(signal.SIGWINCH)

    def wait(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait for the program to end and everything it wrote to be read; its exit status."""
        try:
            status = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"{self.command[-1]!r} did not exit within {timeout} s; "
                f"last output: {self.output[-1500:]!r}"
            ) from None
        self.wait_until(lambda _: self._drained, "the end of the output", timeout=DEFAULT_TIMEOUT)
        if self._stdout_thread is not None:
            self._stdout_thread.join(10)
        return status

    def close(self) -> None:
        """Kill the program if it is still running and release the pty."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._drain_thread.join(10)
        if self._stdout_thread is not None:
            self._stdout_thread.join(10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def run_to_end(
    command: Sequence[str],
    state_dir: Path,
    *,
    size: tuple[int, int] = (80, 24),
    stdout_to_pipe: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[int, bytes, bytes]:
    """Run a program that ends by itself; its status, the terminal's bytes and its stdout.

    The stdout is empty unless ``stdout_to_pipe`` (it is the terminal otherwise).
    """
    with Terminal(command, state_dir, size=size, stdout_to_pipe=stdout_to_pipe) as terminal:
        status = terminal.wait(timeout)
        return status, terminal.output, terminal.stdout


def terminal_lines(output: bytes) -> list[str]:
    """The output decoded, split at the pty's line ends (CR LF), without empty lines."""
    text = output.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return [line for line in text.split("\n") if line.strip()]


# -- reading what reached the terminal -----------------------------------------

# ECMA-48 control strings and sequences, as a terminal parses them (7-bit forms;
# the 8-bit C1 forms are looked for separately: a UTF-8 terminal may honour them).
_SEQUENCE = re.compile(
    rb"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"  # CSI
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, ended by BEL or ST
    rb"|\x1b[P_^X][^\x1b]*\x1b\\"  # DCS, APC, PM, SOS
    rb"|\x1b[\x20-\x2f]*[\x30-\x7e]"  # other escape sequences (ESC 7, ESC =, ...)
)


def escape_sequences(output: bytes) -> list[bytes]:
    """Every escape sequence in ``output``, in order."""
    return [match.group() for match in _SEQUENCE.finditer(output)]


def signature(sequence: bytes) -> str:
    """What a sequence does, without its arguments where they only say where or how.

    ``ESC [ 12 ; 1 H`` and ``ESC [ 3 ; 7 H`` both move the cursor: ``CSI H``; a
    mode set keeps its mode (``CSI ?1049h``), an OSC keeps its number (``OSC 52``).
    """
    if sequence.startswith(b"\x1b["):
        body = sequence[2:].decode("latin-1")
        final = body[-1]
        if final in "hl" or body[:1] in "<=>?":
            return f"CSI {body}" if final in "hlu" else f"CSI {body[:1]}{final}"
        return f"CSI {final}"
    if sequence.startswith(b"\x1b]"):
        number = sequence[2:].split(b";", 1)[0].rstrip(b"\x07\x1b\\")
        return f"OSC {number.decode('latin-1')}"
    if sequence[1:2] in (b"P", b"_", b"^", b"X"):
        return {"P": "DCS", "_": "APC", "^": "PM", "X": "SOS"}[sequence[1:2].decode()]
    return f"ESC {sequence[1:].decode('latin-1')}"


def visible_text(output: bytes) -> str:
    """``output`` without its escape sequences, decoded: what the terminal would print."""
    return _SEQUENCE.sub(b"", output).decode("utf-8", errors="replace")


#: C0 controls a terminal acts on, other than the line ends every program writes
STRAY_CONTROLS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
