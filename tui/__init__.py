"""Rawi (راوي): a terminal reader that tells Arabic stories, right to left.

The package is split so that the core never needs Textual: ``tui.rtl`` lays
out bidirectional text, ``tui.story`` holds the story model and its loader,
``tui.search`` finds words the way Arabic readers type them. The Textual app
(``tui.app``) and the print mode (``tui.cli``) sit on top.
"""

import sys

if sys.dont_write_bytecode:
    # Python writes no bytecode here: Rawi keeps its own (``tui.bytecode``),
    # or every start would compile its modules again (~40 ms).
    from tui.bytecode import install

    install()


def __getattr__(name: str) -> str:
    # The version is read from the package metadata when asked for:
    # importlib.metadata costs 35 ms at start-up, which the reader never needs.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("rawi")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
