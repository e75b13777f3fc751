"""A reader that fails before its first screen: the page is told, nothing is left running.

Runs ``StoryServer`` in the test's own event loop with a reader command that
prints a line and exits, as a reader that cannot start would.
"""

from __future__ import annotations

import asyncio
import sys
import time

import aiohttp
from aiohttp import web

from tests.serve.serving import TIMEOUT
from tui.serve_readers import StoryServer


async def test_a_reader_that_exits_at_once_closes_the_page_socket() -> None:
    log: list[str] = []
    server = StoryServer(
        reader_argv=[sys.executable, "-c", "print('no screen today')"],
        environment={},
        title="t",
        language="en",
        max_sessions=2,
        fonts={},
        log=log.append,
    )
    runner = web.AppRunner(server.application())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with aiohttp.ClientSession() as http:
            socket = await http.ws_connect(f"ws://127.0.0.1:{port}/ws?width=80&height=24")
            message = await socket.receive(timeout=TIMEOUT)
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            await socket.close()
        await _drained(server)
        assert any("closed (exit status 0)" in line for line in log), log
    finally:
        await server.close_readers()
        await runner.cleanup()


async def _drained(server: StoryServer) -> None:
    deadline = time.monotonic() + TIMEOUT
    while server.sessions:
        assert time.monotonic() < deadline, "the failed reader's session was never closed"
        await asyncio.sleep(0.05)
