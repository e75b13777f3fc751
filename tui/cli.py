"""The ``rawi`` command: open the reader, or ``--print`` the story as text.

Everything heavy is imported late: print mode never loads Textual, and the
app is imported only once the arguments are known to be good.

Every way the command can fail ends in one line on stderr (a story file
with several problems: one line per problem) and an exit status: 2 for a
bad story, bad arguments or no terminal, 1 for an output that cannot be
written or an unexpected error, 130 for Ctrl+C; never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import tui
from tui import collector
from tui.cli_args import MAX_WIDTH, read

if TYPE_CHECKING:
    import argparse

    from tui.story import StoryError


#: seconds after the first frame before a newly loaded story is kept (tui.story.cache)
KEEP_DELAY = 1.5
#: problems of a story file told one per line, before the rest is counted
MAX_PROBLEM_LINES = 50
#: letters the output must be able to hold: shaped Arabic in visual mode
_ARABIC_SAMPLE = {"visual": "\u0639\ufecb", "logical": "\u0639"}
#: what Textual draws with besides the text: box lines, blocks, ellipsis
_SCREEN_SAMPLE = "\u2500\u2588\u2026"


def _say(line: str) -> None:
    """Write one line to stderr, if there is a stderr to write to."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def _cannot_write(error: OSError) -> str:
    reason = os.strerror(error.errno) if error.errno else str(error)
    if error.errno == errno.ENOSPC:
        reason = "no space left on device"
    return f"rawi: cannot write: {reason[:1].lower()}{reason[1:]}"


def _encoding_problem(stream: TextIO, bidi: str, *, needs: str) -> str | None:
    """Why ``stream`` cannot hold the characters ``needs``, or None if it can."""
    encoding = getattr(stream, "encoding", None)
    if encoding is None:
        return None  # an in-memory text stream holds any text
    try:
        needs.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        pass
    else:
        return None
    advice = "use a UTF-8 locale (e.g. LC_ALL=C.UTF-8)"
    if bidi == "visual":
        advice += ", or --bidi logical with PYTHONIOENCODING=utf-8"
    else:
        advice += ", or PYTHONIOENCODING=utf-8"
    return f"rawi: the output encoding ({encoding}) cannot hold Arabic letters; {advice}"


def _print_width(requested: int | None) -> int:
    if requested is not None:
        return requested
    if sys.stdout is not None and sys.stdout.isatty():
        return min(MAX_WIDTH, shutil.get_terminal_size((80, 24)).columns)
    return 80


def main(argv: Sequence[str] | None = None) -> int:
    """Run Rawi; the exit status: 0, 2 for a bad story, bad arguments or no
    terminal, 1 for output that cannot be written or a crash, 130 for Ctrl+C."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["serve"]:
        # `rawi serve ...` has options of its own (tui.serve); a story file
        # named "serve" is still read as `rawi ./serve`.
        from tui.serve import main as serve

        return serve(arguments[1:])
    try:
        args = read(arguments)
        if args.version:
            return _print_lines([f"rawi {tui.__version__}"])
        if not _choose_bidi(args):
            return 2
        # The collector rests during start-up (see tui.collector): run_guarded
        # wakes it after the first paint, print mode once the story is loaded.
        running = collector.pause()
        try:
            return _run(args, running)
        finally:
            collector.resume(running)
    except KeyboardInterrupt:
        # Ctrl+C while a big story loads or prints: the reader asked to stop.
        return 130


def _choose_bidi(args: argparse.Namespace) -> bool:
    """Settle ``--bidi auto`` for the terminal Rawi runs in; False after saying why not."""
    from tui.terminal import choose_bidi

    try:
        # Print mode sends no escape sequence: on a terminal that reorders by
        # itself, auto means logical; into a pipe, the terminal plays no part.
        environ: Mapping[str, str] = os.environ
        if args.print_mode and not (sys.stdout is not None and sys.stdout.isatty()):
            environ = {k: v for k, v in os.environ.items() if k == "RAWI_BIDI"}
        args.bidi_choice = choose_bidi(args.bidi, environ, can_signal=not args.print_mode)
    except ValueError as error:
        _say(f"rawi: {error}")
        return False
    args.bidi = args.bidi_choice.mode
    return True


def _run(args: argparse.Namespace, collecting: bool) -> int:
    from tui.story import StoryError, load_story
    from tui.story.loader import open_story

    if args.story == "":
        # "rawi $STORY" with STORY unset: not the current folder, and not
        # the bundled story as if none had been named.
        _say('rawi: expected a story file, got an empty argument ("")')
        return 2
    from tui.locations import default_story

    path = Path(args.story) if args.story is not None else default_story()
    story: object = None
    key: str | None = None
    if not args.print_mode:
        # The reader keeps what it loaded (tui.story.cache): a story opened
        # again is read back whole, not checked and assembled again.
        from tui.story.cache import cached_story

        story, key = cached_story(path)
        if story is not None:
            key = None  # kept already
    if story is None:
        try:
            if args.print_mode and args.at is None:
                # Checked whole, then printed a chapter at a time: print mode
                # never holds a whole story file (tui.story.streaming).
                from tui.story.streaming import stream_story

                story = stream_story(path)
            elif args.print_mode:
                story = load_story(path)
            else:
                # The chapters after the first, the timeline, quotes, eras
                # and places are read after the first frame (their problems
                # close the reader, status 2).
                story = open_story(path)
        except StoryError as error:
            tell_problems(error)
            return 2
    if args.at is not None:
        from tui.story import Story
        from tui.story.targets import UnknownTarget, resolve_target

        assert isinstance(story, Story)
        try:
            args.at = resolve_target(story, args.at)
        except UnknownTarget as error:
            unknown: str | None = f"rawi: --at: {error}"
        else:
            unknown = None
        if (problems := story.problems_found) is not None:
            # Looked for in the rest of the story: its problems are known now,
            # and come before whether the id was found in them.
            tell_problems(problems)
            return 2
        if unknown is not None:
            _say(unknown)
            return 2
    if args.print_mode:
        collector.resume(collecting)
        return _print(story, args)
    return _open_reader(story, args, keep=None if key is None else (path, key))


def tell_problems(error: StoryError) -> None:
    """A story's problems, one per line, as compilers report (FILE:LINE: field: ...)."""
    lines = error.lines
    for line in lines[:MAX_PROBLEM_LINES]:
        _say(line)
    if len(lines) > MAX_PROBLEM_LINES:
        _say(f"rawi: and {len(lines) - MAX_PROBLEM_LINES:,} more problems")


def _open_reader(
    story: object, args: argparse.Namespace, keep: tuple[Path, str] | None = None
) -> int:
    """Run the reader; ``keep`` is the file and key to keep the story under, if new."""
    from tui.crash import run_guarded
    from tui.story import Story
    from tui.tty_streams import NoTerminal

    assert isinstance(story, Story)

    def keep_after_first_paint() -> None:
        # In a thread, a moment after the first frame: the reader's first keys
        # (and the search index, built half a second in) come first.
        import threading

        from tui.story.cache import keep_story

        if keep is not None:
            timer = threading.Timer(KEEP_DELAY, keep_story, args=(story, *keep))
            timer.name = "rawi-keep-story"
            timer.daemon = True
            timer.start()

    # Textual draws on stderr: box lines and Arabic must go through.
    screen = sys.__stderr__
    if screen is not None:
        needs = _SCREEN_SAMPLE + _ARABIC_SAMPLE[args.bidi]
        problem = _encoding_problem(screen, args.bidi, needs=needs)
        if problem is not None:
            _say(problem)
            return 2
    from tui.story import StoryError

    try:
        return run_guarded(
            story,
            bidi=args.bidi_choice,
            language=args.lang,
            measure=args.measure,
            at=args.at,
            justify=args.justify,
            after_first_paint=keep_after_first_paint,
        )
    except NoTerminal:
        _say("rawi: the reader needs a terminal; to print the story as text, use rawi --print")
        return 2
    except StoryError as error:
        tell_problems(error)
        return 2


def _print_lines(lines: Sequence[str]) -> int:
    out = sys.stdout
    if out is None:
        _say("rawi: cannot write: standard output is closed")
        return 1
    try:
        for line in lines:
            out.write(line + "\n")
        out.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError as error:
        _say(_cannot_write(error))
        _silence_stdout()
        return 1
    return 0


def _silence_stdout() -> None:
    # Whatever is still buffered must not fail again when Python exits.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _print(story: object, args: argparse.Namespace) -> int:
    from tui.printing import render_story
    from tui.story import Story, StoryError
    from tui.story.streaming import StreamedStory

    assert isinstance(story, Story | StreamedStory)
    out = sys.stdout
    if out is None:
        _say("rawi: cannot write: standard output is closed")
        return 1
    arabic = story.direction == "R" or (args.lang or "ar") == "ar"
    needs = _ARABIC_SAMPLE[args.bidi] if arabic else ""
    problem = _encoding_problem(out, args.bidi, needs=needs)
    if problem is not None:
        _say(problem)
        return 2
    for notice in story.notices:
        _say(f"rawi: {notice}")
    width = _print_width(args.width)
    try:
        for line in render_story(
            story, width, args.bidi, args.lang, justify=args.justify is not False
        ):
            out.write(line + "\n")
        out.flush()
    except BrokenPipeError:
        # `rawi --print | head`: the reader has seen enough; not an error.
        _silence_stdout()
    except StoryError as error:
        # The file changed between its check and its printing.
        with contextlib.suppress(OSError, ValueError):
            out.flush()
        tell_problems(error)
        return 2
    except UnicodeEncodeError:
        told = _encoding_problem(out, args.bidi, needs=_ARABIC_SAMPLE["logical"] + "\U0010ffff")
        _say(told or "rawi: cannot write: the output encoding cannot hold the story's letters")
        return 2
    except OSError as error:
        # /dev/full, a closed descriptor, a disk gone: one line, no traceback.
        _say(_cannot_write(error))
        _silence_stdout()
        return 1
    except Exception as error:  # one readable line, the details in a log
        from tui.crash import report_crash

        report_crash(error)
        return 1
    return 0
