"""``rawi serve`` in a real browser: headless Chromium opens the page and draws the reader.

Skipped with a reason when Chromium is not installed, and failed instead when
``CI`` is set (``.ci/run`` installs it). The screenshots are kept in a folder
printed in the test output (``RAWI_SCREENSHOTS`` names one to use instead).
"""

from __future__ import annotations

import asyncio
import os
import struct
import tempfile
import time
import zlib
from pathlib import Path

import pytest

from tests.serve.browser import Chromium, DevTools, Picture, find_chromium
from tests.serve.serving import TIMEOUT, Server, story_toml, wait_until

WINDOW = (1000, 700)


def _require_chromium() -> str:
    binary = find_chromium()
    if binary is None:
        message = "chromium not found: apt-get install chromium fonts-dejavu-core"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return binary


def _screenshot_folder() -> Path:
    named = os.environ.get("RAWI_SCREENSHOTS")
    if named:
        Path(named).mkdir(parents=True, exist_ok=True)
        return Path(named)
    return Path(tempfile.mkdtemp(prefix="rawi-serve-screenshots-"))


def text_is_drawn(picture: Picture) -> str | None:
    """Why the picture does not show a screen of text, or None if it does.

    A blank page is one colour; an error page or the connecting note is a
    few lines on one background. A screen of text drawn with antialiasing
    has many shades, and a good share of its pixels, but far from all, lit.
    """
    colours = picture.pixels()
    total = picture.width * picture.height
    _, background = colours.most_common(1)[0]
    lit = sum(count for colour, count in colours.items() if sum(colour) > 3 * 140)
    if len(colours) < 100:
        return f"only {len(colours)} colours"
    if background > 0.97 * total:
        return f"{background / total:.0%} of the page is one colour"
    if not 0.01 * total < lit < 0.5 * total:
        return f"{lit / total:.1%} of the pixels are lit"
    return None


async def _until(page: DevTools, expression: str, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not await page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.2)


async def _drawn(page: DevTools, what: str, unlike: bytes | None = None) -> bytes:
    """The first screenshot that shows text (and differs from ``unlike``)."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        png = await page.screenshot()
        problem = text_is_drawn(Picture(png))
        if problem is None and png != unlike:
            return png
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: {problem or 'the page did not change'}")
        await asyncio.sleep(0.5)


async def test_chromium_draws_the_reader_and_types_into_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = _require_chromium()
    folder = _screenshot_folder()
    story = story_toml()["story"]
    assert isinstance(story, dict)
    with Server(cwd=tmp_path) as server, Chromium(binary, tmp_path / "profile") as chromium:
        page = await chromium.page()
        try:
            width, height = WINDOW
            await page.call(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=False,
            )
            await page.call("Page.navigate", url=server.url)
            await _until(
                page,
                "document.body !== null && document.body.classList.contains('-first-byte')",
                "the terminal's first bytes",
            )
            assert await page.evaluate("document.title") == story["title"]
            # The terminal's font is the one the server serves, loaded.
            faces = await page.evaluate(
                "[...document.fonts].filter(f => f.family.replace(/\"/g, '') === 'Roboto Mono')"
                ".map(f => f.status)"
            )
            assert faces and set(faces) == {"loaded"}, faces
            first = await _drawn(page, "the reader's first screen")
            (folder / "first-screen.png").write_bytes(first)

            await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            await page.type("n")
            turned = await _drawn(page, "the screen after n", unlike=first)
            (folder / "after-n.png").write_bytes(turned)
            assert not await page.evaluate("document.body.classList.contains('-closed')")

            # Leaving the page ends its reader and frees its place.
            (reader,) = server.opened()
            await page.call("Page.navigate", url="about:blank")
            wait_until(lambda: reader in server.closed(), "the reader of a page left behind")
        finally:
            await page.close()
    with capsys.disabled():
        print(f"\nrawi serve screenshots: {folder}")


def _png(width: int, height: int, pixel: bytes) -> bytes:
    """A PNG of one colour (RGB), written without filters."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + pixel * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_a_blank_page_is_not_text() -> None:
    # The browser test's judge must be able to say no.
    assert text_is_drawn(Picture(_png(64, 48, b"\x0c\x18\x1f"))) is not None
