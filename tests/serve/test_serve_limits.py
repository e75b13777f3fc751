"""``rawi serve`` refusing what it must: too many readers, bad stories, odd paths, exposure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.serve.serving import (
    TIMEOUT,
    ReaderSocket,
    Server,
    fetch,
    process_gone,
    shaped,
    wait_until,
)
from tui.serve import is_loopback, reader_argv

ARTICLE = """حكاية الاختبار

كان الراوي يحكي لأهل المدينة حكاية طويلة عن البحر والسفن.

وفي الصباح عاد الصيادون إلى الشاطئ يحملون السمك والأخبار.
"""


def _serve(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "serve", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


async def test_past_the_limit_a_tab_is_told_and_no_reader_starts(tmp_path: Path) -> None:
    with Server(["--max-sessions", "2"], cwd=tmp_path) as server:
        async with ReaderSocket(server.url) as first, ReaderSocket(server.url) as second:
            for reader in (first, second):
                await reader.wait_for(lambda r=reader: len(r.received) > 1000, "a first screen")
            assert server.readers() == set(server.opened())
            assert len(server.opened()) == 2

            status, _, busy = await fetch(server.url)
            assert status == 503
            assert b"2" in busy and b"textual-terminal" not in busy

            async with ReaderSocket(server.url) as third:
                code = await third.wait_closed()
            assert code == aiohttp.WSCloseCode.TRY_AGAIN_LATER
            assert b"2 readers are open" in third.received
            assert len(server.opened()) == 2

        # Both tabs closed: their readers end and the page is served again.
        wait_until(lambda: len(server.closed()) == 2, "both readers to be closed")
        status, _, _ = await fetch(server.url)
        assert status == 200


async def test_a_story_path_with_shell_characters_is_one_argument(tmp_path: Path) -> None:
    folder = tmp_path / "a folder with spaces"
    folder.mkdir()
    story = folder / 'it\'s "a" story $(touch PWNED); `touch PWNED2` & echo.txt'
    story.write_text(ARTICLE, encoding="utf-8")
    with Server([str(story)], cwd=tmp_path) as server:
        async with ReaderSocket(server.url) as reader:
            await reader.wait_for(
                lambda: shaped("الاختبار") in reader.screen.text(), "the story's title, shaped"
            )
            await reader.keys("q")
            await reader.wait_closed()
    for created in ("PWNED", "PWNED2"):
        assert not (tmp_path / created).exists()
        assert not (folder / created).exists()


def test_a_bad_story_is_one_line_per_problem_and_status_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[story]\nformat = 99\n", encoding="utf-8")
    # A missing file is one problem; the broken one has three (no title, a
    # wrong format, no chapters), each on a line of its own naming the file.
    for story, problems in (("missing.toml", 1), (str(broken), 3)):
        result = _serve(story, "--port", "0", cwd=tmp_path)
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == problems, result.stderr
        assert all(Path(story).name in line for line in lines)


def test_without_textual_serve_it_says_how_to_install_it(tmp_path: Path) -> None:
    script = (
        "import sys; sys.modules['textual_serve'] = None; "
        "from tui.cli import main; raise SystemExit(main(['serve', '--port', '0']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "pip install 'rawi[serve]'" in lines[0], result.stderr


def test_another_host_is_warned_about(tmp_path: Path) -> None:
    # 192.0.2.1 is a documentation address, on no interface here: the server
    # warns, then cannot listen, and nothing is ever sent.
    result = _serve("--host", "192.0.2.1", "--port", "0", cwd=tmp_path)
    assert result.returncode == 2
    assert "warning" in result.stderr and "anyone who can reach" in result.stderr
    assert "cannot listen on 192.0.2.1" in result.stdout


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("reader.example", False),
    ],
)
def test_which_hosts_are_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_reader_is_started_from_an_argument_list(tmp_path: Path) -> None:
    story = tmp_path / "-a story; $(touch PWNED).toml"
    argv = reader_argv(story, "en")
    assert argv[-2:] == ["--", str(story)]
    assert argv[argv.index("--lang") + 1] == "en"


def test_process_gone_sees_a_running_process() -> None:
    # The leftover-process checks rely on it: it must be able to say "running".
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert not process_gone(process.pid)
    finally:
        process.kill()
        process.wait()
    assert process_gone(process.pid)
