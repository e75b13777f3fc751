"""Reading what the app under test shows: the whole screen, one widget, one pane.

The screen is read as the terminal would receive it (the compositor's full
update, the call ``App.export_screenshot`` makes), as plain text, so tests can
look for characters: shaped Arabic (presentation forms) and the unshaped
letters that must never reach the screen in visual mode.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from rich.console import Console, RenderableType
from textual.pilot import Pilot

from tui.app import RawiApp

#: base Arabic letters (hamza to yeh): what shaping must replace on screen. The
#: tatweel (U+0640) is left out: it is a stretching stroke with no shaped form,
#: and the story's title holds one ("بـ").
BASE_ARABIC = frozenset(range(0x0621, 0x064B)) - {0x0640}
#: Arabic presentation forms A and B: what shaped Arabic is drawn with
PRESENTATION_FORMS = range(0xFB50, 0xFF00)

#: builds a RawiApp on the bundled story (or ``story=``) with a private state folder
AppFactory = Callable[..., RawiApp]


async def settle(
    pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = 30.0
) -> None:
    """Let the app run until ``condition()`` holds (a loaded machine needs more
    than one frame); AssertionError naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.02)


def render_text(renderable: RenderableType, width: int) -> str:
    """The plain text ``renderable`` draws at ``width`` columns."""
    console = Console(
        width=width,
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        color_system=None,
        legacy_windows=False,
    )
    console.print(renderable)
    return console.export_text()


def screen_text(app: RawiApp) -> str:
    """Every row of the active screen, as plain text (what reaches the terminal)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    # The same call App.export_screenshot makes; the text is what we need here.
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def reader_text(app: RawiApp) -> list[str]:
    """The rows the reading pane draws, top to bottom."""
    reader = app.reader
    return [reader.render_line(y).text for y in range(reader.scrollable_content_region.height)]


def base_arabic(text: str) -> set[str]:
    """The unshaped Arabic letters in ``text``."""
    return {ch for ch in text if ord(ch) in BASE_ARABIC}


def shaped_arabic(text: str) -> set[str]:
    """The Arabic presentation forms in ``text``."""
    return {ch for ch in text if ord(ch) in PRESENTATION_FORMS}
