"""Headless Chromium, driven over its DevTools protocol, for looking at ``rawi serve``.

``Chromium`` starts Debian's ``chromium`` (never a downloaded browser) with a
throw-away profile and a DevTools port of its own, and stops its whole
process group afterwards. ``DevTools`` sends protocol commands to one page
over a websocket (aiohttp, which textual-serve already needs). ``Picture``
decodes the PNG screenshots Chromium takes (8-bit RGB or RGBA, not
interlaced, which is what it writes) so that a test can measure them.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import threading
import zlib
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Any

import aiohttp

from tests.serve.serving import TIMEOUT, wait_until

FLAGS = (
    "--headless",
    "--no-sandbox",  # root in CI has no user namespace sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


def find_chromium() -> str | None:
    """Debian's Chromium, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Chromium:
    """One headless Chromium with a fresh profile; use as a context manager."""

    def __init__(self, binary: str, profile: Path) -> None:
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.log: list[str] = []
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()
        self.endpoint = ""

    def _drain(self) -> None:
        assert self.process.stderr is not None
        for line in iter(self.process.stderr.readline, ""):
            self.log.append(line.rstrip("\n"))

    def __enter__(self) -> Chromium:
        def listening() -> bool:
            if self.process.poll() is not None:
                raise AssertionError("chromium exited: " + "\n".join(self.log))
            return any(_LISTENING.search(line) for line in self.log)

        wait_until(listening, "chromium's DevTools address")
        match = next(_LISTENING.search(line) for line in self.log if _LISTENING.search(line))
        self.endpoint = match.group(1)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # Chromium's helpers (zygote, renderers) are in its process group,
        # which is its own: started with a session of its own above.
        for sent in (signal.SIGTERM, signal.SIGKILL):
            if self.process.poll() is not None:
                break
            try:
                os.killpg(self.process.pid, sent)
            except ProcessLookupError:
                break
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                continue
        self.process.wait()

    async def page(self) -> DevTools:
        """A DevTools connection to the browser's first page."""
        http_base = self.endpoint.replace("ws://", "http://").split("/devtools/")[0]
        async with aiohttp.ClientSession() as http, http.get(http_base + "/json/list") as reply:
            targets = await reply.json()
        page = next(target for target in targets if target["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        await tools.connect()
        return tools


class DevTools:
    """Commands to one page over the DevTools protocol."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._http: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None

    async def connect(self) -> None:
        self._http = aiohttp.ClientSession()
        self._socket = await self._http.ws_connect(self.address, max_msg_size=0)
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await self._reader
        if self._http is not None:
            await self._http.close()

    async def _read(self) -> None:
        assert self._socket is not None
        async for message in self._socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            reply = json.loads(message.data)
            waiting = self._waiting.pop(reply.get("id", -1), None)
            if waiting is not None and not waiting.done():
                waiting.set_result(reply)
        for waiting in self._waiting.values():
            waiting.set_exception(ConnectionError("DevTools connection closed"))

    async def call(self, method: str, **params: object) -> dict[str, Any]:
        """Run one protocol command; its result."""
        assert self._socket is not None
        number = next(self._ids)
        reply: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[number] = reply
        await self._socket.send_str(json.dumps({"id": number, "method": method, "params": params}))
        answer = await asyncio.wait_for(reply, TIMEOUT)
        if "error" in answer:
            raise AssertionError(f"{method}: {answer['error']}")
        result: dict[str, Any] = answer["result"]
        return result

    async def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = await self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def screenshot(self) -> bytes:
        """The page as a PNG."""
        result = await self.call("Page.captureScreenshot", format="png")
        return base64.b64decode(result["data"])

    async def type(self, text: str) -> None:
        """Type ``text`` on the keyboard, one key at a time."""
        for char in text:
            await self.call("Input.dispatchKeyEvent", type="keyDown", key=char, text=char)
            await self.call("Input.dispatchKeyEvent", type="keyUp", key=char)


class Picture:
    """The pixels of a PNG screenshot."""

    def __init__(self, png: bytes) -> None:
        assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
        position, data = 8, b""
        while position < len(png):
            length, kind = struct.unpack(">I4s", png[position : position + 8])
            chunk = png[position + 8 : position + 8 + length]
            if kind == b"IHDR":
                self.width, self.height, depth, color, _, _, interlace = struct.unpack(
                    ">IIBBBBB", chunk
                )
                assert depth == 8 and color in (2, 6) and interlace == 0, "unexpected PNG"
                channels = 3 if color == 2 else 4
            elif kind == b"IDAT":
                data += chunk
            position += 12 + length
        self.rows = _unfilter(zlib.decompress(data), self.width, self.height, channels)
        self.channels = channels

    def pixels(self) -> Counter[bytes]:
        """How many pixels have each colour (RGB)."""
        step = self.channels
        counts: Counter[bytes] = Counter()
        for row in self.rows:
            counts.update(bytes(row[i : i + 3]) for i in range(0, len(row), step))
        return counts


def _unfilter(raw: bytes, width: int, height: int, channels: int) -> list[bytearray]:
    stride = width * channels
    rows: list[bytearray] = []
    previous = bytearray(stride)
    position = 0
    for _ in range(height):
        kind = raw[position]
        row = bytearray(raw[position + 1 : position + 1 + stride])
        position += 1 + stride
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                nearest = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                row[i] = (row[i] + nearest) & 0xFF
        rows.append(row)
        previous = row
    return rows
