"""Running the app so that the terminal is always given back as it was found.

Before the first screen is drawn, in visual mode, the sequences of the
``BidiChoice`` (``tui.terminal``) tell a terminal with BiDi of its own not to
reorder what Rawi already ordered (BDSM explicit, ``ESC [ 8 l``, for VTE;
mlterm's and Konsole's own switches); in logical mode nothing is sent. Every
way out (quit, Ctrl+C, a crash, and the fatal signals SIGTERM, SIGHUP,
SIGINT, SIGQUIT, SIGUSR1 and SIGUSR2) sends the sequences that turn the
terminal's BiDi back on, and every way out but a crash saves the reading
position first. Ctrl+Z (SIGTSTP) gives the terminal back with its BiDi on
while the reader is suspended; ``fg`` (SIGCONT) turns it off again and redraws.

An unexpected exception is reported in one line, with the path of a log
that holds the details, never as a traceback. The log is written in the
user's own state folder, as a new file renamed over the old one, so that a
symlink at its path redirects nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

from tui import collector
from tui.rtl.sanitize import clean_text
from tui.story import Story
from tui.story.visible import show_bidi_controls
from tui.terminal import BDSM_EXPLICIT, BDSM_IMPLICIT, BidiChoice, choose_bidi, first_start_hint
from tui.words import Language

if TYPE_CHECKING:
    from textual.driver import Driver

    from tui.app import RawiApp
    from tui.story.targets import Target

__all__ = [
    "BDSM_EXPLICIT",
    "BDSM_IMPLICIT",
    "crash_report",
    "report_crash",
    "run_guarded",
    "write_to_terminal",
]

#: signals that end the reader: each saves the position and gives the terminal back
FATAL_SIGNALS = tuple(
    getattr(signal, name)
    for name in ("SIGTERM", "SIGHUP", "SIGINT", "SIGQUIT", "SIGUSR1", "SIGUSR2")
    if hasattr(signal, name)
)
CRASH_LOG = "crash.log"


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
    return show_bidi_controls(clean_text(line).replace("\n", " "))


def report_crash(error: BaseException) -> None:
    """Write the one line of ``crash_report`` to stderr, never wrapped."""
    print(crash_report(error), file=sys.stderr, flush=True)


def _log_crash(details: str) -> Path:
    from tui.locations import state_dir

    try:
        folder = state_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return _write_new_file(folder, details, rename_to=folder / CRASH_LOG)
    except OSError:
        pass
    # No state folder: a file of a new, unguessable name in the temporary
    # folder (created exclusively, so nothing there can be overwritten).
    try:
        return _write_new_file(Path(tempfile.gettempdir()), details, rename_to=None)
    except OSError:
        return Path(os.devnull)


def _write_new_file(folder: Path, details: str, *, rename_to: Path | None) -> Path:
    """``details`` in a file created exclusively in ``folder``, then renamed to ``rename_to``."""
    descriptor, name = tempfile.mkstemp(dir=folder, prefix="rawi-crash.", suffix=".log")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace") as stream:
            stream.write(details)
        if rename_to is None:
            return Path(name)
        # rename() replaces a symlink at the target, never what it points to.
        os.replace(name, rename_to)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return rename_to


def _save_position(app: RawiApp) -> None:
    # Every way out saves first: a debounced save still waiting would be lost.
    save = getattr(app, "save_position", None)
    if callable(save):
        with contextlib.suppress(Exception):
            save()


def _bidi_driver(app: RawiApp, choice: BidiChoice) -> type[Driver]:
    """The app's driver class, also switching BiDi mode when the app is suspended.

    Ctrl+Z (and ``App.suspend``) go through the driver's public
    ``suspend_application_mode`` and ``resume_application_mode``: the
    terminal's BiDi on once the screen is given back, off again before it is
    taken, then a full redraw (without it the screen stays blank until a key).
    """
    base = app.driver_class

    class BidiDriver(base):  # type: ignore[valid-type, misc]
        def suspend_application_mode(self) -> None:
            # A suspended reader may never be resumed (its terminal closed):
            # the position is saved on the way out, as for every other.
            _save_position(app)
            super().suspend_application_mode()
            _write(choice.end)

        def resume_application_mode(self) -> None:
            _write(choice.start)
            super().resume_application_mode()
            with contextlib.suppress(RuntimeError):
                asyncio.get_running_loop().call_soon_threadsafe(_redraw, app)

    return BidiDriver


def _redraw(app: RawiApp) -> None:
    with contextlib.suppress(Exception):
        app.refresh(layout=True)


def run_guarded(
    story: Story,
    *,
    bidi: BidiChoice | str | None = None,
    language: Language | None = None,
    measure: int | None = None,
    at: Target | None = None,
    justify: bool | None = None,
    after_first_paint: Callable[[], None] | None = None,
) -> int:
    """Run the reader on ``story`` (opened at ``at`` when given); the exit status.

    ``after_first_paint`` is called once the first screen is on the terminal.

    ``bidi`` is the mode chosen for this terminal, or what ``--bidi`` would
    be given ("auto", "visual", "logical"; None for auto or ``RAWI_BIDI``).
    Raises ``tui.tty_streams.NoTerminal`` when there is no terminal to run on,
    and ``StoryError`` when the rest of the story, read after the first frame
    (``tui.story.loader.open_story``), has problems.
    """
    from tui.tty_streams import attached_terminal

    choice = bidi if isinstance(bidi, BidiChoice) else choose_bidi(bidi)
    options = {"measure": measure, "at": at, "justify": justify}
    with attached_terminal():
        status, crash = _run_app(
            story, choice=choice, language=language, options=options, after=after_first_paint
        )
    if crash is not None:
        # Textual has given the terminal back, and stderr is again where it
        # was sent: now the reader gets the one line.
        report_crash(crash)
    if (problems := story.problems_found) is not None:
        # The rest of the story, read after the first frame, has problems: the reader
        # closed for them, and they are told like any bad file's.
        raise problems
    return status


def _run_app(
    story: Story,
    *,
    choice: BidiChoice,
    language: Language | None,
    options: dict[str, Any],
    after: Callable[[], None] | None = None,
) -> tuple[int, BaseException | None]:
    """The app's exit status, and the unexpected exception it stopped on, if any."""
    from tui.app import RawiApp
    from tui.render.bidi_text import set_logical_embeddings

    app: RawiApp | None = None

    def on_first_paint() -> None:
        collector.wake_after_first_paint()
        if after is not None:
            after()
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

    def leave(code: int) -> None:
        if app is not None:
            _save_position(app)
            app.exit(None, code)

    def on_fatal_signal(signum: int, frame: FrameType | None) -> None:
        # Once the event loop runs, a fatal signal asks the app to exit the
        # way "q" does (position saved, screen and terminal modes restored);
        # the request goes through the loop's self-pipe, safe from a handler.
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise SystemExit(128 + signum) from None
        if app is None:
            raise SystemExit(128 + signum)
        loop.call_soon_threadsafe(leave, 128 + signum)

    previous = {number: signal.signal(number, on_fatal_signal) for number in FATAL_SIGNALS}
    _write(choice.start)
    try:
        app = RawiApp(
            story, bidi=choice.mode, language=language, on_first_paint=on_first_paint, **options
        )
        # How logical lines are sent depends on the terminal (mlterm takes no
        # embeddings): one setting for every renderable of the process.
        set_logical_embeddings(choice.embeddings)
        app.driver_class = _bidi_driver(app, choice)
        app.run()
    except KeyboardInterrupt:
        return 130, None
    except SystemExit as exit_:
        return (int(exit_.code) if isinstance(exit_.code, int) else 1), None
    except Exception as error:  # a crash outside the app's own loop
        return 1, error
    finally:
        _write(choice.end)
        for number, handler in previous.items():
            signal.signal(number, handler)
    if app.crash is not None:
        return 1, app.crash
    if app.return_code not in (None, 0):
        return app.return_code or 1, None
    return 0, None
