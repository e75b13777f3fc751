"""Running the app so that the terminal is always given back as it was found.

Before the first screen is drawn, in visual mode, the sequences of the
``BidiChoice`` (``tui.terminal``) tell a terminal with BiDi of its own not to
reorder what Rawi already ordered (BDSM explicit, ``ESC [ 8 l``, for VTE;
mlterm's and Konsole's own switches); every way out (quit, Ctrl+C, SIGTERM,
a crash) sends the sequences that turn it back on. In logical mode nothing
is sent: the terminal's BiDi stays on. An unexpected exception is reported in one line,
with the path of a log that holds the details, never as a traceback.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import tempfile
import traceback
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from tui import collector
from tui.render.bidi_text import set_logical_embeddings
from tui.rtl.sanitize import clean_text
from tui.story import Story
from tui.terminal import BDSM_EXPLICIT, BDSM_IMPLICIT, BidiChoice, choose_bidi, first_start_hint
from tui.words import Language

if TYPE_CHECKING:
    from tui.story.targets import Target

__all__ = [
    "BDSM_EXPLICIT",
    "BDSM_IMPLICIT",
    "crash_report",
    "report_crash",
    "run_guarded",
    "write_to_terminal",
]


def _terminal() -> TextIO | None:
    # Textual draws on stderr (stdout stays free for pipes); the mode goes
    # to the same terminal, and only when there is one.
    stream = sys.__stderr__
    if stream is not None and stream.isatty():
        return stream
    return None


def write_to_terminal(sequence: str) -> None:
    """Send a mode sequence (``tui.terminal``) to the terminal Rawi draws on, if any."""
    _write(sequence)


def _write(sequence: str) -> None:
    if not sequence:
        return
    stream = _terminal()
    if stream is not None:
        try:
            stream.write(sequence)
            stream.flush()
        except OSError:
            pass


def crash_report(error: BaseException) -> str:
    """Log ``error`` with its traceback; the one line that tells the user about it.

    The line is cleaned like story text: an exception message can hold what
    a file held (an escape sequence must not reach the terminal that way).
    The log keeps the raw text.
    """
    details = "".join(traceback.format_exception(error))
    path = _log_crash(details)
    line = f"rawi: unexpected error: {error.__class__.__name__}: {error} (details in {path})"
    return clean_text(line).replace("\n", " ")


def report_crash(error: BaseException) -> None:
    """Write the one line of ``crash_report`` to stderr, never wrapped."""
    print(crash_report(error), file=sys.stderr, flush=True)


def _log_crash(details: str) -> Path:
    from tui.locations import state_dir

    for folder in (state_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "crash.log"
            path.write_text(details, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path("/dev/null")


def run_guarded(
    story: Story,
    *,
    bidi: BidiChoice | str | None = None,
    language: Language | None = None,
    measure: int = 76,
    at: Target | None = None,
    justify: bool = True,
) -> int:
    """Run the reader on ``story`` (opened at ``at`` when given); the exit status.

    ``bidi`` is the mode chosen for this terminal, or what ``--bidi`` would
    be given ("auto", "visual", "logical"; None for auto or ``RAWI_BIDI``).
    """
    from tui.app import RawiApp

    choice = bidi if isinstance(bidi, BidiChoice) else choose_bidi(bidi)

    app: RawiApp | None = None

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        # Once the event loop runs, SIGTERM asks the app to exit the way "q"
        # does, so that Textual restores the screen and the terminal modes;
        # the request goes through the loop's self-pipe, safe from a handler.
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise SystemExit(128 + signum) from None
        if app is None:
            raise SystemExit(128 + signum)
        loop.call_soon_threadsafe(app.exit, None, 128 + signum)

    def on_first_paint() -> None:
        collector.wake_after_first_paint()
        if app is not None and hint:
            # In Konsole, when the chosen mode cannot be fully right (shown
            # once): Konsole's BiDi is on then, so the line goes as it is.
            app.notify(hint, timeout=12)

    hint = ""
    try:
        from tui.locations import state_dir

        ui = language or ("ar" if story.direction == "R" else "en")
        hint = first_start_hint(choice, ui, state_dir())
    except OSError:
        pass
    previous = signal.signal(signal.SIGTERM, on_sigterm)
    _write(choice.start)
    try:
        app = RawiApp(
            story,
            bidi=choice.mode,
            language=language,
            on_first_paint=on_first_paint,
            measure=measure,
            at=at,
            justify=justify,
        )
        # How logical lines are sent depends on the terminal (mlterm takes no
        # embeddings): one setting for every renderable of the process.
        set_logical_embeddings(choice.embeddings)
        app.run()
    except KeyboardInterrupt:
        return 130
    except SystemExit as exit_:
        return int(exit_.code) if isinstance(exit_.code, int) else 1
    except Exception as error:  # a crash outside the app's own loop
        report_crash(error)
        return 1
    finally:
        _write(choice.end)
        signal.signal(signal.SIGTERM, previous)
    if app.crash is not None:
        # The app stopped on an unexpected exception; Textual has given the
        # terminal back, now the reader gets the one line.
        report_crash(app.crash)
        return 1
    if app.return_code not in (None, 0):
        return app.return_code or 1
    return 0
