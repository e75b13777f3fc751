"""Running ``rawi serve`` for a test, and reading its pages as a browser would.

``Server`` starts ``python -m tui serve --port 0 ...`` in a session of its own,
collects what it prints (the address, the readers it opens and closes, with
their process ids), and on exit stops it with SIGINT, as Ctrl+C does, then
checks that the server exited cleanly and that no reader outlived it.

``ReaderSocket`` speaks to ``/ws`` as textual-serve's ``textual.js`` does:
JSON envelopes in (``["stdin", keys]``, ``["resize", {...}]``), the terminal's
bytes out. ``Screen`` is a small terminal model for those bytes: cursor moves
(``ESC [ row ; col H``) and printed characters, enough to read Textual's
output as rows; every other sequence is skipped. ``shaped`` is a word as it
must appear on screen, from arabic-reshaper (the reference Rawi's shaping is
checked against) and reversed into visual order.

Every wait polls a condition with a generous deadline: nothing sleeps for a
fixed time.
"""

from __future__ import annotations

import asyncio
import codecs
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

import aiohttp
import arabic_reshaper

REPO = Path(__file__).resolve().parents[2]
STORY = REPO / "seeds" / "jamali.toml"

# Long enough for a loaded machine, three times slower than a quiet one, to
# start Python, Textual and a reader.
TIMEOUT = 90.0

BDSM_EXPLICIT = b"\x1b[8l"
BDSM_IMPLICIT = b"\x1b[8h"

_OPENED = re.compile(r"reader (\d+) opened")
_CLOSED = re.compile(r"reader (\d+) closed \(exit status (-?\d+|None)\)")
_URL = re.compile(r" at (http://\S+/) ")


def story_toml(path: Path = STORY) -> dict[str, object]:
    """The story file as TOML says it is, read without Rawi's loader."""
    with path.open("rb") as file:
        return tomllib.load(file)


def shaped(word: str) -> str:
    """``word`` joined into presentation forms and in visual (right-to-left) order."""
    return str(arabic_reshaper.reshape(word))[::-1]


async def fetch(url: str) -> tuple[int, str, bytes]:
    """GET ``url``: status, content type and body."""
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, response.content_type, await response.read()


async def fetch_headers(url: str) -> dict[str, str]:
    """GET ``url``: the response's headers."""
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return dict(response.headers)


def wait_until(condition: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    """Poll ``condition`` until it is true; fail saying ``what`` was awaited."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def process_gone(pid: int) -> bool:
    """True when no process ``pid`` runs (a zombie has ended: it only waits to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return True
    return state == "Z"


def children_of(pid: int) -> set[int]:
    """The process ids whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


class Server:
    """``rawi serve`` on a free loopback port; use as a context manager."""

    def __init__(
        self,
        args: Sequence[str] = (),
        *,
        cwd: Path,
        environment: dict[str, str] | None = None,
    ) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "RAWI_"))}
        env.update(PYTHONUNBUFFERED="1")
        env.update(environment or {})
        self.cwd = cwd
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            cwd=cwd,
            env=env,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._threads = [
            threading.Thread(target=self._drain, args=(self.process.stdout, self.lines)),
            threading.Thread(target=self._drain, args=(self.process.stderr, self.errors)),
        ]
        for thread in self._threads:
            thread.daemon = True
            thread.start()
        self.url = ""

    @staticmethod
    def _drain(stream: object, into: list[str]) -> None:
        assert hasattr(stream, "readline")
        for line in iter(stream.readline, ""):
            into.append(line.rstrip("\n"))

    def __enter__(self) -> Server:
        def started() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"rawi serve exited early: {self.output()}")
            return any(_URL.search(line) for line in self.lines)

        wait_until(started, "rawi serve to print its address")
        match = next(_URL.search(line) for line in self.lines if _URL.search(line))
        self.url = match.group(1)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        status = self.stop()
        if kind is None:
            assert status == 0, f"rawi serve exited with {status}: {self.output()}"
            self.assert_no_readers_left()

    def stop(self) -> int:
        """Ctrl+C, then wait for the server to end; its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError(f"rawi serve ignored Ctrl+C: {self.output()}") from None
        for thread in self._threads:
            thread.join(TIMEOUT)
        return self.process.returncode

    def output(self) -> str:
        """Everything the server printed, for failure messages."""
        return "\n".join(["stdout:", *self.lines, "stderr:", *self.errors])

    def opened(self) -> list[int]:
        """Process ids of the readers the server said it opened, in order."""
        return [int(m.group(1)) for line in self.lines if (m := _OPENED.search(line))]

    def closed(self) -> dict[int, str]:
        """Exit status of each reader the server said it closed, by process id."""
        return {int(m.group(1)): m.group(2) for line in self.lines if (m := _CLOSED.search(line))}

    def readers(self) -> set[int]:
        """The server's child processes now."""
        return children_of(self.process.pid)

    def assert_no_readers_left(self) -> None:
        """Every reader the server opened is closed and no longer runs."""
        opened = self.opened()
        closed = self.closed()
        assert set(opened) <= set(closed), f"readers not closed: {self.output()}"
        wait_until(lambda: all(process_gone(pid) for pid in opened), "every reader to end", 30)


class Screen:
    """The cells a stream of Textual output leaves on a terminal of a given size."""

    _SEQUENCE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
    _MOVE = re.compile(r"\x1b\[(\d*);?(\d*)H")

    def __init__(self, columns: int, rows: int) -> None:
        self.columns = columns
        self.rows = [[" "] * columns for _ in range(rows)]
        self.x = self.y = 0

    def feed(self, text: str) -> None:
        """Apply ``text`` (decoded terminal output) to the cells."""
        position = 0
        for match in self._SEQUENCE.finditer(text):
            self._print(text[position : match.start()])
            position = match.end()
            move = self._MOVE.fullmatch(match.group(0))
            if move:
                self.y = int(move.group(1) or 1) - 1
                self.x = int(move.group(2) or 1) - 1
        self._print(text[position:])

    def _print(self, text: str) -> None:
        for char in text:
            if char == "\r":
                self.x = 0
            elif char == "\n":
                self.y += 1
            elif 0 <= self.y < len(self.rows) and 0 <= self.x < self.columns:
                self.rows[self.y][self.x] = char
                self.x += 1

    def text(self) -> str:
        """The screen's rows, one per line, without tatweels: the reader justifies
        Arabic paragraphs with kashidas, which would split the words looked for."""
        return "\n".join("".join(row) for row in self.rows).replace("\u0640", "")


class ReaderSocket:
    """One reader, opened through ``/ws`` as a browser tab opens it."""

    def __init__(self, url: str, columns: int = 100, rows: int = 30, query: str = "") -> None:
        address = url.replace("http://", "ws://")
        self.url = f"{address}ws?width={columns}&height={rows}{query}"
        self.size = (columns, rows)
        self.received = bytearray()
        self.screen = Screen(columns, rows)
        self._session: aiohttp.ClientSession | None = None
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self.close_code: int | None = None
        self._utf8 = codecs.getincrementaldecoder("utf-8")("replace")

    async def __aenter__(self) -> ReaderSocket:
        self._session = aiohttp.ClientSession()
        self.socket = await self._session.ws_connect(self.url, max_msg_size=0)
        columns, rows = self.size
        await self.send(["resize", {"width": columns, "height": rows}])
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self._reader is not None:
            await asyncio.wait_for(self._reader, TIMEOUT)
        if self._session is not None:
            await self._session.close()

    async def _read(self) -> None:
        assert self.socket is not None
        async for message in self.socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += message.data
                self.screen.feed(self._utf8.decode(message.data))
        self.close_code = self.socket.close_code

    async def send(self, envelope: list[object]) -> None:
        """Send one envelope, as textual.js does."""
        assert self.socket is not None
        await self.socket.send_str(json.dumps(envelope))

    async def keys(self, text: str) -> None:
        """Type ``text`` in the page."""
        await self.send(["stdin", text])

    async def wait_for(
        self, condition: Callable[[], object], what: str, timeout: float = TIMEOUT
    ) -> None:
        """Poll ``condition`` while the socket delivers; fail saying ``what`` was awaited."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out after {timeout:.0f} s waiting for {what}; "
                    f"screen:\n{self.screen.text()}"
                )
            await asyncio.sleep(0.05)

    async def wait_closed(self, timeout: float = TIMEOUT) -> int | None:
        """Wait until the server closes the socket; its close code."""
        assert self._reader is not None
        try:
            await asyncio.wait_for(asyncio.shield(self._reader), timeout)
        except TimeoutError:
            raise AssertionError(
                f"the socket is still open after {timeout:.0f} s; screen:\n{self.screen.text()}"
            ) from None
        return self.close_code
