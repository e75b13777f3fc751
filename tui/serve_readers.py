"""The server behind ``rawi serve``: one reader process for each browser tab.

``StoryServer`` is an aiohttp application that speaks textual-serve's
protocol: ``/`` is the reading page (``tui.serve_page``), ``/static/`` is
textual-serve's own xterm.js bundle and stylesheet, ``/rawi/font/`` the
terminal font, and every connection to ``/ws`` starts a ``ReaderSession``:
a ``rawi`` process with Textual's web driver, whose screen goes to that
socket and whose keys come from it.

textual-serve's ``AppService`` starts its app through a shell from one command
string; ``ReaderSession`` starts the reader from an argument list instead, so
a story path is one argument whatever characters it holds. The story is fixed
when the server starts: nothing a page sends names a file, a command or a
path, only keys, a terminal size, focus and pings.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shlex
import signal
from asyncio.subprocess import PIPE, Process
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import textual_serve
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from tui import serve_page

# textual.js (xterm.js and its addons) and xterm.css, as textual-serve ships them.
STATIC_DIR = Path(textual_serve.__file__).parent / "static"

# Seconds a reader is given to quit when asked, and again after SIGTERM,
# before it is killed.
QUIT_TIMEOUT = 5.0
# A terminal larger than this is a confused or hostile page, not a screen.
MAX_CELLS = 1000
DEFAULT_FONT_SIZE = 16
# A page the browser keeps in its back/forward cache keeps its socket, and
# with it a reader and one of the server's places, after the tab has moved on.
_NOT_KEPT = {"Cache-Control": "no-store"}


class ReaderSession(AppService):
    """One reader process, drawing on one browser's websocket."""

    def __init__(
        self,
        argv: Sequence[str],
        environment: Mapping[str, str],
        websocket: web.WebSocketResponse,
        downloads: DownloadManager,
    ) -> None:
        async def close_socket() -> None:
            await websocket.close()

        # The command string is only ever shown, never run.
        super().__init__(
            shlex.join(argv),
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close_socket,
            download_manager=downloads,
        )
        self.argv = tuple(argv)
        self.extra_environment = dict(environment)
        self._closing: asyncio.Task[int | None] | None = None

    @property
    def pid(self) -> int | None:
        """The reader's process id, once it has started."""
        return None if self._process is None else self._process.pid

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = self._build_environment(width=width, height=height)
        environment.update(self.extra_environment)
        # A session of its own: Ctrl+C in the server's terminal reaches the
        # server only, which then closes its readers one by one, in order.
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=environment,
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        await super().run()
        # The reader's output has ended: it quit, or it never started. Either
        # way the page must hear of it (textual-serve leaves the socket open
        # when a reader fails before its first screen).
        await self.remote_close()

    def close(self, timeout: float = QUIT_TIMEOUT) -> asyncio.Task[int | None]:
        """Ask the reader to quit, end it if it will not; the task gives its exit status.

        Safe to call from both the socket's handler and the server's shutdown:
        the reader is closed once, and both wait for the same task.
        """
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._close(timeout))
        return self._closing

    async def _close(self, timeout: float) -> int | None:
        process = self._process
        if process is None:
            return None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stop(), timeout)
        # The screen's end comes a moment before the exit is known: wait for
        # it, since signalling a process reaps it if it has just exited, and
        # its exit status would be lost.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), timeout)
        for end in (process.terminate, process.kill):
            if process.returncode is not None:
                break
            with contextlib.suppress(ProcessLookupError):
                end()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), timeout)
        return await process.wait()


class StoryServer:
    """Serves one story to browsers, at most ``max_sessions`` readers at a time."""

    def __init__(
        self,
        *,
        reader_argv: Sequence[str],
        environment: Mapping[str, str],
        title: str,
        language: str,
        max_sessions: int,
        fonts: Mapping[str, Path],
        log: Callable[[str], None],
    ) -> None:
        self.reader_argv = tuple(reader_argv)
        self.environment = dict(environment)
        self.title = title
        self.language = language
        self.max_sessions = max_sessions
        # Served by file name only: the route never turns a request into a path.
        self._fonts = {path.name: path for path in fonts.values()}
        self._font_weights = {weight: path.name for weight, path in fonts.items()}
        self.log = log
        self.sessions: dict[ReaderSession, web.WebSocketResponse] = {}
        self._downloads = DownloadManager()
        self._stopping = False

    def application(self) -> web.Application:
        """The aiohttp application: page, socket, font and textual-serve's static files."""
        app = web.Application()
        app.add_routes(
            [
                web.get("/", self._page),
                web.get("/ws", self._socket),
                web.get(serve_page.FONT_ROUTE.format(name="{name}"), self._font),
                web.static("/static", STATIC_DIR),
            ]
        )
        return app

    async def run(self, host: str, port: int, on_ready: Callable[[str], None]) -> int:
        """Serve until SIGINT or SIGTERM, then close every reader; the exit status."""
        runner = web.AppRunner(
            self.application(), handle_signals=False, access_log=None, shutdown_timeout=2.0
        )
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError as error:
            await runner.cleanup()
            self.log(f"cannot listen on {host}:{port}: {error.strerror or error}")
            return 2
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        bound_host, bound_port = runner.addresses[0][:2]
        shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
        on_ready(f"http://{shown_host}:{bound_port}/")
        try:
            await stop.wait()
        finally:
            await self.close_readers()
            await runner.cleanup()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)
        return 0

    async def close_readers(self) -> None:
        """Refuse new readers, tell every page the server is going, close every reader."""
        self._stopping = True
        open_sessions = list(self.sessions.items())
        if open_sessions:
            self.log(f"stopping: closing {len(open_sessions)} reader(s)")
        for _session, websocket in open_sessions:
            with contextlib.suppress(Exception):
                await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping")
        await asyncio.gather(*(session.close() for session, _ in open_sessions))

    async def _page(self, request: web.Request) -> web.Response:
        if self._full():
            page = serve_page.busy_page(
                title=self.title, language=self.language, limit=self.max_sessions
            )
            return web.Response(text=page, status=503, content_type="text/html", headers=_NOT_KEPT)
        font_size = _number(request.query.get("fontsize"), 6, 72) or DEFAULT_FONT_SIZE
        page = serve_page.reading_page(
            title=self.title,
            language=self.language,
            font_size=font_size,
            fonts=self._font_weights,
        )
        return web.Response(text=page, content_type="text/html", headers=_NOT_KEPT)

    async def _font(self, request: web.Request) -> web.FileResponse:
        path = self._fonts.get(request.match_info["name"])
        if path is None:
            raise web.HTTPNotFound()
        return web.FileResponse(path, headers={"Content-Type": "font/ttf"})

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        # Checked and counted with no await in between: two sockets opened at
        # once cannot both take the last place.
        if self._full():
            await websocket.send_bytes(serve_page.busy_message(self.max_sessions).encode())
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"busy")
            return websocket
        session = ReaderSession(self.reader_argv, self.environment, websocket, self._downloads)
        self.sessions[session] = websocket
        try:
            width = _number(request.query.get("width"), 1, MAX_CELLS) or 80
            height = _number(request.query.get("height"), 1, MAX_CELLS) or 24
            await session.start(width, height)
            self.log(f"reader {session.pid} opened ({len(self.sessions)} of {self.max_sessions})")
            await self._relay(websocket, session)
        finally:
            status = await session.close()
            del self.sessions[session]
            if session.pid is not None:
                self.log(f"reader {session.pid} closed (exit status {status})")
            if not websocket.closed:
                await websocket.close()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, session: ReaderSession) -> None:
        # What textual.js sends: ["stdin", text], ["resize", {width, height}],
        # ["ping", token], ["focus"], ["blur"]. Anything else is dropped.
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await session.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                width = _number(data.get("width"), 1, MAX_CELLS)
                height = _number(data.get("height"), 1, MAX_CELLS)
                if width and height:
                    await session.set_terminal_size(width, height)
            elif kind == "ping" and isinstance(data, str):
                await websocket.send_json(["pong", data])
            elif kind == "focus":
                await session.focus()
            elif kind == "blur":
                await session.blur()

    def _full(self) -> bool:
        return self._stopping or len(self.sessions) >= self.max_sessions


def _number(value: object, low: int, high: int) -> int | None:
    """``value`` as a whole number from ``low`` to ``high``, else None."""
    if isinstance(value, bool):
        return None
    try:
        number = int(value) if isinstance(value, int | str) else None
    except ValueError:
        return None
    if number is None or not low <= number <= high:
        return None
    return number
