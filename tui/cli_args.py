"""The ``rawi`` command line: its options, checked as they are read.

``parser()`` gives the options of the reader and of ``--print``; ``rawi
serve`` has its own (``tui.serve``). A bad value is one line from argparse
and exit status 2; the help ends with the BiDi mode this terminal gets,
found only when the help is shown. ``read`` reads a command line: the
reader's usual one, a story's path or nothing, without argparse, whose
import and parser are 1.5 ms of every start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    import argparse

#: the widest --print line: wider only costs memory (a line is built whole)
MAX_WIDTH = 10_000

#: what ``parser()`` gives every option but the story when none is given
#: (a test holds the two alike)
NO_OPTIONS: dict[str, object] = {
    "print_mode": False,
    "width": None,
    "bidi": None,
    "justify": None,
    "lang": None,
    "measure": None,
    "at": None,
    "version": False,
}


def read(arguments: Sequence[str]) -> argparse.Namespace:
    """The command line ``arguments``, as ``parser().parse_args`` reads them
    (a bad one: one line and ``SystemExit(2)``)."""
    if len(arguments) <= 1 and not any(argument.startswith("-") for argument in arguments):
        from types import SimpleNamespace

        story = arguments[0] if arguments else None
        return cast("argparse.Namespace", SimpleNamespace(story=story, **NO_OPTIONS))
    return parser().parse_args(arguments)


def parser() -> argparse.ArgumentParser:
    """The options of ``rawi [STORY]`` and ``rawi --print``."""
    import argparse

    class _Parser(argparse.ArgumentParser):
        """The command line; its epilog (which BiDi mode this terminal gets) is
        found only when the help is shown, not at every start."""

        def format_help(self) -> str:
            self.epilog = (
                _bidi_epilog()
                + " rawi serve [STORY]: read it in a web browser instead (rawi serve --help)."
            )
            return super().format_help()

    parser = _Parser(
        prog="rawi",
        description="Rawi (راوي): read an Arabic story in the terminal, right to left.",
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
        type=_width,
        metavar=f"1..{MAX_WIDTH}",
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
        help="justify the story's Arabic paragraphs: kashidas, then spaces, fill each line "
        "to the width (the default, and remembered by the reader, j); never with --bidi logical",
    )
    parser.add_argument(
        "--lang",
        choices=("ar", "en"),
        help="language of the interface (default: the story's)",
    )
    parser.add_argument(
        "--measure",
        type=_measure,
        metavar="N",
        help="the widest the reader's text column may be, in cells (default 76, or as "
        "last set in the palette; 0: no limit)",
    )
    parser.add_argument(
        "--at",
        metavar="ID",
        help="open at a chapter, event, quote, era or place of the story, by its id",
    )
    parser.add_argument("--version", action="store_true", help="show the version and exit")
    return parser


def _whole_number(value: str) -> int:
    import argparse  # imported already: argparse is reading the value

    try:
        # int() of a 5,000-digit string raises ValueError too: still one line.
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None


def _width(value: str) -> int:
    import argparse

    number = _whole_number(value)
    if not 1 <= number <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(f"expected a width from 1 to {MAX_WIDTH}, got {value}")
    return number


def _measure(value: str) -> int:
    import argparse

    number = _whole_number(value)
    if not 0 <= number <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(f"expected 0 to {MAX_WIDTH} cells, got {value}")
    return number


def _bidi_epilog() -> str:
    from tui.terminal import choose_bidi, describe

    try:
        return describe(choose_bidi())
    except ValueError as error:
        return f"BiDi mode: {error}."
