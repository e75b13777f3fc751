"""Shared by the terminal tests: the matrix script, the mark."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
# terminal_matrix (scripts/, not a package) runs Rawi in real terminals under Xvfb.
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "terminals: runs Rawi in real terminal emulators under Xvfb (slow)"
    )
