"""The tables Rawi loads on their own are the packages' tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import arabic_reshaper.letters
import arabic_reshaper.ligatures
import bidi.mirror
import pytest

from tui.rtl import library_tables, mirroring, shaping

ROOT = Path(__file__).resolve().parents[2]


def test_the_tables_are_the_packages() -> None:
    assert library_tables.letters.LETTERS_ARABIC == arabic_reshaper.letters.LETTERS_ARABIC
    assert library_tables.ligatures.LETTERS_LIGATURES == arabic_reshaper.ligatures.LETTERS_LIGATURES
    assert shaping.LETTERS_ARABIC == arabic_reshaper.letters.LETTERS_ARABIC
    assert library_tables.letters.FINAL == arabic_reshaper.letters.FINAL
    assert library_tables.mirror.MIRRORED == bidi.mirror.MIRRORED
    assert set(bidi.mirror.MIRRORED.items()) <= set(mirroring.MIRRORED.items())


def test_neither_library_is_run_by_the_engine() -> None:
    script = (
        "import sys, tui.rtl; tui.rtl.visual_lines('مرحبا', 20, 'R'); "
        "print(sorted(m for m in sys.modules if m.startswith(('arabic_reshaper', 'bidi')) "
        "or m == 'configparser'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"


def test_another_layout_of_the_package_falls_back_to_the_usual_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class NoPackageFolder:
        @staticmethod
        def find_spec(name: str) -> None:
            return None

    monkeypatch.setattr(library_tables, "PathFinder", NoPackageFolder)
    module = library_tables._data_module("arabic_reshaper", "letters")
    assert module is arabic_reshaper.letters
