"""Shared by the terminal tests: the pty harness of tests/hostile, the matrix script, the mark."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
# ptyrun (tests/hostile) runs Rawi under a pty; terminal_matrix (scripts/)
# runs it in real terminals under Xvfb.
for folder in (TESTS / "hostile", TESTS.parent / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "terminals: runs Rawi in real terminal emulators under Xvfb (slow)"
    )
