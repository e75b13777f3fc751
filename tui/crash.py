"""Running the app so that the terminal is always given back as it was found.

Before the first screen is drawn, BDSM explicit mode (``ESC [ 8 l``) tells a
terminal with BiDi of its own (VTE) not to reorder what Rawi already
ordered; every way out (quit, Ctrl+C, SIGTERM, a crash) sends ``ESC [ 8 h``
to restore implicit mode. An unexpected exception is reported in one line,
with the path of a log that holds the details, never as a traceback.
"""

from __future__ import annotations

import signal
import sys
import tempfile
import traceback
from pathlib import Path
from types import FrameType
from typing import TextIO

from tui.labels import Language
from tui.story import Story

BDSM_EXPLICIT = "\x1b[8l"
BDSM_IMPLICIT = "\x1b[8h"


def _terminal() -> TextIO | None:
    # Textual draws on stderr (stdout stays free for pipes); the mode goes
    # to the same terminal, and only when there is one.
    stream = sys.__stderr__
    if stream is not None and stream.isatty():
        return stream
    return None


def _write(sequence: str) -> None:
    stream = _terminal()
    if stream is not None:
        try:
            stream.write(sequence)
            stream.flush()
        except OSError:
            pass


def crash_report(error: BaseException) -> str:
    """Log ``error`` with its traceback; the one line that tells the user about it."""
    details = "".join(traceback.format_exception(error))
    path = _log_crash(details)
    return f"rawi: unexpected error: {error.__class__.__name__}: {error} (details in {path})"


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


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def run_guarded(story: Story, *, bidi: str = "visual", language: Language | None = None) -> int:
    """Run the reader on ``story``; the exit status."""
    from tui.app import RawiApp

    app = RawiApp(story, bidi=bidi, language=language)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    _write(BDSM_EXPLICIT)
    try:
        app.run()
    except KeyboardInterrupt:
        return 130
    except SystemExit as exit_:
        return int(exit_.code) if isinstance(exit_.code, int) else 1
    except Exception as error:  # a crash outside the app's own loop
        print(crash_report(error), file=sys.stderr)
        return 1
    finally:
        _write(BDSM_IMPLICIT)
        signal.signal(signal.SIGTERM, previous)
    if app.return_code not in (None, 0):
        return app.return_code or 1
    return 0
