"""Rawi (راوي): a terminal reader that tells Arabic stories, right to left.

The package is split so that the core never needs Textual: ``tui.rtl`` lays
out bidirectional text, ``tui.story`` holds the story model and its loader,
``tui.search`` finds words the way Arabic readers type them. The Textual app
(``tui.app``) and the print mode (``tui.cli``) sit on top.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rawi")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
