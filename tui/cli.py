"""The ``rawi`` command: open the reader, or ``--print`` the story as text.

Everything heavy is imported late: print mode never loads Textual, and the
app is imported only once the arguments are known to be good.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import tui
from tui import collector


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rawi",
        description="Rawi (راوي): read an Arabic story in the terminal, right to left.",
        epilog=_bidi_epilog()
        + "\n\nrawi serve [STORY]: read it in a web browser instead (rawi serve --help).",
    )
    parser.add_argument(
        "story",
        nargs="?",
        help="a story file (.toml) or a plain-text article; the bundled story if omitted",
    )
    parser.add_argument(
        "--print",
        dest="print_mode",
        action="store_true",
        help="print the whole story as plain text instead of opening the reader",
    )
    parser.add_argument(
        "--width",
        type=_positive_int,
        help="line width for --print (default: the terminal's, 80 when not a terminal)",
    )
    parser.add_argument(
        "--bidi",
        choices=("auto", "visual", "logical"),
        help="auto (default, or RAWI_BIDI): the mode that reads right in this terminal; "
        "visual: Rawi orders and shapes Arabic; logical: leave it to a terminal that does "
        "its own BiDi, to screen readers and pipes",
    )
    parser.add_argument(
        "--justify",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="justify the story's Arabic paragraphs: kashidas, then spaces, fill each line "
        "to the width (default); never with --bidi logical",
    )
    parser.add_argument(
        "--lang",
        choices=("ar", "en"),
        help="language of the interface (default: the story's)",
    )
    parser.add_argument(
        "--measure",
        type=_measure,
        default=76,
        metavar="N",
        help="the widest the reader's text column may be, in cells (default 76; 0: no limit)",
    )
    parser.add_argument(
        "--at",
        metavar="ID",
        help="open at a chapter, event, quote, era or place of the story, by its id",
    )
    parser.add_argument("--version", action="store_true", help="show the version and exit")
    return parser


def _bidi_epilog() -> str:
    from tui.terminal import choose_bidi, describe

    try:
        return describe(choose_bidi())
    except ValueError as error:
        return f"BiDi mode: {error}."


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a width of at least 1, got {number}")
    return number


def _measure(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if not 0 <= number <= 10_000:
        raise argparse.ArgumentTypeError(f"expected 0 to 10000 cells, got {number}")
    return number


def _print_width(requested: int | None) -> int:
    if requested is not None:
        return requested
    if sys.stdout.isatty():
        return shutil.get_terminal_size((80, 24)).columns
    return 80


def main(argv: Sequence[str] | None = None) -> int:
    """Run Rawi; the exit status: 0, 2 for a bad story or bad arguments, 1 for a crash."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["serve"]:
        # `rawi serve ...` has options of its own (tui.serve); a story file
        # named "serve" is still read as `rawi ./serve`.
        from tui.serve import main as serve

        return serve(arguments[1:])
    args = _parser().parse_args(arguments)
    if args.version:
        print(f"rawi {tui.__version__}")
        return 0
    from tui.terminal import choose_bidi

    try:
        # Print mode sends no escape sequence: on a terminal that reorders by
        # itself, auto means logical; into a pipe, the terminal plays no part.
        environ: Mapping[str, str] = os.environ
        if args.print_mode and not sys.stdout.isatty():
            environ = {k: v for k, v in os.environ.items() if k == "RAWI_BIDI"}
        args.bidi_choice = choose_bidi(args.bidi, environ, can_signal=not args.print_mode)
    except ValueError as error:
        print(f"rawi: {error}", file=sys.stderr)
        return 2
    args.bidi = args.bidi_choice.mode
    # The collector rests during start-up (see tui.collector): run_guarded
    # wakes it after the first paint, print mode once the story is loaded.
    running = collector.pause()
    try:
        return _run(args, running)
    finally:
        collector.resume(running)


def _run(args: argparse.Namespace, collecting: bool) -> int:
    from tui.story import StoryError, load_story

    # An empty argument is a path too ("rawi $STORY" with STORY unset must
    # not silently open the bundled story).
    path = Path(args.story) if args.story is not None else None
    try:
        from tui.locations import default_story

        story = load_story(path or default_story())
    except StoryError as error:
        print(f"rawi: {error}", file=sys.stderr)
        return 2
    at = None
    if args.at is not None:
        from tui.story.targets import UnknownTarget, resolve_target

        try:
            at = resolve_target(story, args.at)
        except UnknownTarget as error:
            print(f"rawi: --at: {error}", file=sys.stderr)
            return 2
    if args.print_mode:
        collector.resume(collecting)
        return _print(story, args)
    from tui.crash import run_guarded

    return run_guarded(
        story,
        bidi=args.bidi_choice,
        language=args.lang,
        measure=args.measure,
        at=at,
        justify=args.justify,
    )


def _print(story: object, args: argparse.Namespace) -> int:
    from tui.printing import render_story
    from tui.story import Story

    assert isinstance(story, Story)
    for notice in story.notices:
        print(f"rawi: {notice}", file=sys.stderr)
    width = _print_width(args.width)
    try:
        out = sys.stdout
        for line in render_story(story, width, args.bidi, args.lang, justify=args.justify):
            out.write(line + "\n")
        out.flush()
    except BrokenPipeError:
        # `rawi --print | head`: the reader has seen enough; not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except Exception as error:  # one readable line, the details in a log
        from tui.crash import report_crash

        report_crash(error)
        return 1
    return 0
