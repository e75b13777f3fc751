"""Rawi in real terminals, read back from the pixels (``scripts/terminal_matrix.py``).

In each installed terminal (xfce4-terminal for VTE, mlterm, Konsole,
xterm), Rawi is started the way a reader starts it (``--bidi auto``, the
default) on the bundled story; the screenshot is read by Tesseract, and at
least half of the first paragraph's distinct words must be found. In VTE
the default must read at least as well as the other mode (within the few
words OCR reads differently between two screenshots). Terminals run
one after the other on one Xvfb; the screen is polled until it settles.

Skipped with the reason when the Debian packages are missing, unless ``CI``
is set: then it fails (``.ci/run`` installs them).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import terminal_matrix as matrix

pytestmark = pytest.mark.terminals

#: the share of the first paragraph's words OCR must find in the default mode
MINIMUM_RECALL = 0.5
#: words OCR may read differently from one screenshot to another: in VTE the
#: two modes are drawn by different shapers (Rawi's presentation forms, VTE's
#: own), and now that both read right they differ by a word or two either way
OCR_NOISE = 3
PACKAGES = "xvfb x11-apps imagemagick tesseract-ocr tesseract-ocr-ara fonts-dejavu-core"


def _require(what: str) -> None:
    message = f"{what} missing: apt-get install {PACKAGES} xfce4-terminal mlterm konsole xterm"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def display() -> Iterator[matrix.Display]:
    missing = matrix.missing_tools()
    if missing:
        _require(" ".join(missing))
    with matrix.xvfb() as running:
        yield running


@pytest.mark.parametrize("terminal", matrix.TERMINALS, ids=[t.key for t in matrix.TERMINALS])
def test_the_default_mode_reads_right(
    display: matrix.Display, terminal: matrix.TerminalApp, tmp_path: Path
) -> None:
    if shutil.which(terminal.executable) is None:
        _require(terminal.package)
    shot = matrix.shoot(display, terminal, "auto", tmp_path)
    share = shot.found / shot.total
    assert share >= MINIMUM_RECALL, (
        f"{terminal.name}: OCR found {shot.found}/{shot.total} words of the first "
        f"paragraph in --bidi auto (screenshot: {shot.png})"
    )
    if terminal.key == "vte":
        other = matrix.shoot(display, terminal, "logical", tmp_path)
        assert shot.found >= other.found - OCR_NOISE, (
            f"VTE: the default mode found {shot.found} words, --bidi logical {other.found}"
        )
