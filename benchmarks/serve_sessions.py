"""Memory of ``rawi serve``: one reader process per browser tab, measured with 16 tabs.

    .venv/bin/python benchmarks/serve_sessions.py               # 16 sessions
    .venv/bin/python benchmarks/serve_sessions.py --sessions 4

Starts ``rawi serve`` on a free loopback port, opens one session alone (the
baseline, in the same run), closes it, then opens N sessions at once over the
websocket as textual.js does, waits until every one has drawn a screen of
shaped Arabic and gone quiet, and reads each reader's memory from /proc:
RSS (what ``ps`` shows; shared pages counted in every process), PSS (shared
pages divided among the processes that share them) and USS (private pages:
what one more session costs). It checks that each session has a reader
process of its own, a child of the server. Ctrl+C stops the server at the end.
Needs ``rawi[serve]`` and Linux.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 120.0
QUIET_SECONDS = 1.5
_URL = re.compile(r" at (http://\S+/) ")
_OPENED = re.compile(r"reader (\d+) opened")


def memory_kib(pid: int) -> dict[str, int]:
    """RSS, PSS and USS of ``pid`` in KiB (smaps_rollup)."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, value = line.partition(":")
        fields[name] = int(value.split()[0])
    return {
        "rss": fields["Rss"],
        "pss": fields["Pss"],
        "uss": fields["Private_Clean"] + fields["Private_Dirty"],
    }


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


class Session:
    """One tab: a websocket to ``/ws`` and the bytes its reader drew."""

    def __init__(self, url: str, columns: int = 120, rows: int = 36) -> None:
        self.url = url.replace("http://", "ws://") + f"ws?width={columns}&height={rows}"
        self.size = {"width": columns, "height": rows}
        self.received = bytearray()
        self.last_byte = time.monotonic()
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self._task: asyncio.Task[None] | None = None

    async def open(self, http: aiohttp.ClientSession) -> None:
        self.socket = await http.ws_connect(self.url, max_msg_size=0)
        await self.socket.send_str(json.dumps(["resize", self.size]))
        self._task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.socket is not None
        async for message in self.socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += message.data
                self.last_byte = time.monotonic()

    def drawn(self) -> bool:
        text = self.received.decode("utf-8", "replace")
        return sum("\ufe70" <= c <= "\ufeff" for c in text) > 200

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self._task is not None:
            await self._task


async def _until(condition: object, what: str) -> None:
    assert callable(condition)
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def _open_all(url: str, count: int, http: aiohttp.ClientSession) -> list[Session]:
    sessions = [Session(url) for _ in range(count)]
    await asyncio.gather(*(session.open(http) for session in sessions))
    await _until(lambda: all(s.drawn() for s in sessions), f"{count} first screens")
    await _until(
        lambda: time.monotonic() - max(s.last_byte for s in sessions) > QUIET_SECONDS,
        "the readers to go quiet",
    )
    return sessions


async def measure(url: str, lines: list[str], server_pid: int, count: int) -> dict[str, object]:
    async with aiohttp.ClientSession() as http:
        server_idle = memory_kib(server_pid)
        (alone,) = await _open_all(url, 1, http)
        baseline_pid = [int(m.group(1)) for x in lines if (m := _OPENED.search(x))][-1]
        baseline = memory_kib(baseline_pid)
        await alone.close()
        await _until(lambda: not Path(f"/proc/{baseline_pid}").exists(), "the baseline to end")

        before = len([x for x in lines if _OPENED.search(x)])
        started = time.monotonic()
        sessions = await _open_all(url, count, http)
        # Less the quiet time waited for after the last byte.
        drawn_in = max(s.last_byte for s in sessions) - started
        pids = [int(m.group(1)) for x in lines if (m := _OPENED.search(x))][before:]
        assert len(set(pids)) == count, f"{len(set(pids))} readers for {count} sessions"
        assert all(parent_of(pid) == server_pid for pid in pids), "a reader not the server's"
        readers = [memory_kib(pid) for pid in pids]
        server_busy = memory_kib(server_pid)
        await asyncio.gather(*(session.close() for session in sessions))
    return {
        "sessions": count,
        "server_idle": server_idle,
        "server_busy": server_busy,
        "baseline": baseline,
        "readers": readers,
        "drawn_in": drawn_in,
    }


def report(result: dict[str, object]) -> str:
    readers = result["readers"]
    assert isinstance(readers, list)
    baseline = result["baseline"]
    server_idle, server_busy = result["server_idle"], result["server_busy"]
    assert isinstance(baseline, dict)
    assert isinstance(server_idle, dict) and isinstance(server_busy, dict)

    def mib(kib: float) -> str:
        return f"{kib / 1024:.1f}"

    rows = ["| | RSS MiB | PSS MiB | USS MiB |", "| --- | --- | --- | --- |"]
    rows.append(
        f"| one reader alone (baseline) | {mib(baseline['rss'])} | {mib(baseline['pss'])} "
        f"| {mib(baseline['uss'])} |"
    )
    for label, pick in (("median", statistics.median), ("min", min), ("max", max)):
        values = [pick([r[k] for r in readers]) for k in ("rss", "pss", "uss")]
        rows.append(
            f"| each of {len(readers)} readers, {label} | "
            + " | ".join(mib(v) for v in values)
            + " |"
        )
    rows.append(
        f"| the server, idle / with {len(readers)} readers | "
        f"{mib(server_idle['rss'])} / {mib(server_busy['rss'])} | "
        f"{mib(server_idle['pss'])} / {mib(server_busy['pss'])} | "
        f"{mib(server_idle['uss'])} / {mib(server_busy['uss'])} |"
    )
    total_pss = sum(r["pss"] for r in readers) + server_busy["pss"]
    rows.append(f"| all {len(readers)} readers and the server, PSS | | {mib(total_pss)} | |")
    drawn_in = result["drawn_in"]
    assert isinstance(drawn_in, float)
    rows.append(f"\n{len(readers)} sessions opened at once: all drawn in {drawn_in:.1f} s")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=16)
    args = parser.parse_args()
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", "0", "--max-sessions", "64"],
        stdout=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        text=True,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []

    async def run() -> dict[str, object]:
        loop = asyncio.get_running_loop()
        assert server.stdout is not None
        stdout = server.stdout

        async def follow() -> None:
            while line := await loop.run_in_executor(None, stdout.readline):
                lines.append(line.rstrip("\n"))

        following = asyncio.create_task(follow())
        await _until(lambda: any(_URL.search(x) for x in lines), "the server's address")
        url = next(m.group(1) for x in lines if (m := _URL.search(x)))
        try:
            return await measure(url, lines, server.pid, args.sessions)
        finally:
            server.send_signal(signal.SIGINT)
            await loop.run_in_executor(None, server.wait)
            await following

    try:
        result = asyncio.run(run())
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    print(report(result))
    print(f"\nserver exit status {server.returncode}; Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
