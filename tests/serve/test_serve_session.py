"""``rawi serve`` end to end: the page over HTTP, then a reader over its websocket.

One server for the module; each test opens its own readers. When the module
ends, the server is stopped with Ctrl+C and must leave no reader behind.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from html import escape
from pathlib import Path

import aiohttp
import pytest

from tests.serve.serving import (
    BDSM_EXPLICIT,
    BDSM_IMPLICIT,
    STORY,
    ReaderSocket,
    Server,
    fetch,
    fetch_headers,
    process_gone,
    shaped,
    story_toml,
    wait_until,
)

_LETTERS_ONLY = re.compile("[\u0621-\u064a]+")


def _chapters() -> list[dict[str, object]]:
    chapters = story_toml()["chapters"]
    assert isinstance(chapters, list)
    return chapters


def opening_words(chapter: int, count: int = 3) -> list[str]:
    """The first words of a chapter's first paragraph that are letters only."""
    blocks = _chapters()[chapter]["blocks"]
    assert isinstance(blocks, list)
    text = next(block["text"] for block in blocks if "text" in block)
    words = [word for word in text.split() if _LETTERS_ONLY.fullmatch(word)]
    return words[:count]


def heading_words(chapter: int) -> list[str]:
    title = _chapters()[chapter]["title"]
    assert isinstance(title, str)
    return [word for word in title.split() if _LETTERS_ONLY.fullmatch(word)]


def _on_screen(reader: ReaderSocket, words: list[str]) -> bool:
    screen = reader.screen.text()
    return all(shaped(word) in screen for word in words)


async def _first_frame(reader: ReaderSocket) -> None:
    # Readers of one server share their positions: a tab opens where the
    # last one left off, which need not be chapter 1.
    await reader.wait_for(
        lambda: sum("\ufe70" <= c <= "\ufeff" for c in reader.screen.text()) > 100,
        "a first screen of shaped Arabic",
    )


@pytest.fixture(scope="module")
def terminal_state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The terminal reader's state folder: serve mode must not write to it."""
    return tmp_path_factory.mktemp("terminal-state")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, terminal_state: Path) -> Iterator[Server]:
    cwd = tmp_path_factory.mktemp("serve-cwd")
    with Server(cwd=cwd, environment={"RAWI_STATE_DIR": str(terminal_state)}) as running:
        yield running


async def test_the_page_is_textual_serves_page_titled_with_the_story(server: Server) -> None:
    story = story_toml()["story"]
    assert isinstance(story, dict)
    status, content_type, body = await fetch(server.url)
    assert (status, content_type) == (200, "text/html")
    # Not kept in the back/forward cache: a kept page would keep its reader.
    assert (await fetch_headers(server.url)).get("Cache-Control") == "no-store"
    page = body.decode()
    # The script that makes the terminal, served by the server itself.
    status, _, script = await fetch(server.url + "static/js/textual.js")
    assert status == 200 and b"xterm" in script
    assert f"<title>{escape(story['title'])}</title>" in page
    assert 'class="textual-terminal"' in page
    assert "/static/js/textual.js" in page
    # Nothing is loaded from the internet: every address in the page is the server's own.
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


async def test_a_tab_reads_chapter_one_shaped_then_n_and_q(server: Server) -> None:
    async with ReaderSocket(server.url) as reader:
        await _first_frame(reader)
        await reader.keys("1")
        await reader.wait_for(
            lambda: _on_screen(reader, opening_words(0)), "chapter 1's opening words, shaped"
        )
        (pid,) = [p for p in server.opened() if p not in server.closed()]
        assert pid in server.readers()

        await reader.keys("n")
        await reader.wait_for(
            lambda: _on_screen(reader, opening_words(1) + heading_words(1))
            and not _on_screen(reader, opening_words(0)),
            "chapter 2's heading and opening words in place of chapter 1's",
        )

        await reader.keys("q")
        assert await reader.wait_closed() == aiohttp.WSCloseCode.OK
    wait_until(lambda: pid in server.closed(), "the server to close the reader")
    assert server.closed()[pid] == "0", server.output()
    wait_until(lambda: process_gone(pid), "the reader process to end")
    # xterm.js has no BiDi mode to negotiate; Rawi must not send it one.
    assert BDSM_EXPLICIT not in reader.received
    assert BDSM_IMPLICIT not in reader.received


async def test_positions_in_serve_mode_are_not_the_terminal_readers(
    server: Server, terminal_state: Path
) -> None:
    async with ReaderSocket(server.url) as reader:
        await _first_frame(reader)
        await reader.keys("1n")
        await reader.wait_for(lambda: _on_screen(reader, opening_words(1)), "chapter 2")
        await reader.keys("q")
        await reader.wait_closed()
    assert not (terminal_state / "positions.json").exists()
    served = re.search(r"\(positions in (.+)\)$", server.lines[0])
    assert served is not None, server.output()
    positions = json.loads((Path(served.group(1)) / "positions.json").read_text())
    assert "jamali.toml" in json.dumps(positions)


async def test_a_page_cannot_name_another_story(server: Server) -> None:
    # What a page sends is keys, a size, focus and pings; nothing names a file.
    query = "&story=/etc/passwd&command=sh"
    _, _, page = await fetch(server.url + "?story=/etc/passwd")
    assert b"/etc/passwd" not in page
    async with ReaderSocket(server.url, query=query) as reader:
        await _first_frame(reader)
        await reader.keys("$(touch PWNED)")
        await reader.send(["open", "/etc/passwd"])
        await reader.send(["resize", {"width": 10**9, "height": "30"}])
        await reader.send(["stdin", {"not": "text"}])
        await reader.keys("q")
        assert await reader.wait_closed() == aiohttp.WSCloseCode.OK, reader.screen.text()
    assert not (server.cwd / "PWNED").exists()


def _word_found_once() -> tuple[str, str]:
    """A word of chapter 3 found nowhere else in the story file, and the word after it."""
    text = STORY.read_text(encoding="utf-8")
    blocks = _chapters()[2]["blocks"]
    assert isinstance(blocks, list)
    for block in blocks:
        words = [w for w in block.get("text", "").split() if _LETTERS_ONLY.fullmatch(w)]
        for word, after in itertools.pairwise(words):
            if len(word) >= 6 and text.count(word) == 1 and text.count(after) == 1:
                return word, after
    raise AssertionError("no word of chapter 3 is unique in the story")


async def test_search_and_a_mouse_click_work_through_the_page(server: Server) -> None:
    word, after = _word_found_once()
    async with ReaderSocket(server.url) as reader:
        await _first_frame(reader)
        await reader.keys("1")
        await reader.wait_for(lambda: _on_screen(reader, opening_words(0)), "chapter 1")
        assert shaped(after) not in reader.screen.text()

        await reader.keys("/")
        await reader.keys(word)
        await reader.keys("\r")
        await reader.wait_for(
            lambda: shaped(after) in reader.screen.text(), "the search to show chapter 3's passage"
        )
        await reader.keys("\x1b")

        # A click (SGR mouse, as xterm.js sends it) on chapter 4 in the contents.
        def chapter_four() -> tuple[int, int] | None:
            for y, row in enumerate(reader.screen.text().splitlines()):
                # The entry "4. ..." as a right-to-left line shows it: ".4".
                if ".4" in row and "UNYK" in row:
                    return row.index("UNYK"), y
            return None

        await reader.wait_for(lambda: chapter_four() is not None, "chapter 4 in the contents")
        place = chapter_four()
        assert place is not None
        x, y = place[0] + 1, place[1] + 1
        await reader.keys(f"\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m")
        await reader.wait_for(
            lambda: _on_screen(reader, opening_words(3)), "chapter 4 after the click"
        )
        await reader.keys("q")
        await reader.wait_closed()
