"""The reshaper's tables Rawi loads on their own are the package's tables."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import arabic_reshaper.letters
import arabic_reshaper.ligatures
import pytest

from tui.rtl import reshaper_tables, shaping

ROOT = Path(__file__).resolve().parents[2]


def test_the_tables_are_the_packages() -> None:
    assert reshaper_tables.letters.LETTERS_ARABIC == arabic_reshaper.letters.LETTERS_ARABIC
    assert (
        reshaper_tables.ligatures.LETTERS_LIGATURES == arabic_reshaper.ligatures.LETTERS_LIGATURES
    )
    assert shaping.LETTERS_ARABIC == arabic_reshaper.letters.LETTERS_ARABIC
    assert reshaper_tables.letters.FINAL == arabic_reshaper.letters.FINAL


def test_the_reshaper_itself_is_not_imported_by_the_engine() -> None:
    script = (
        "import sys, tui.rtl; tui.rtl.visual_lines('مرحبا', 20, 'R'); "
        "print(sorted(m for m in sys.modules if m.startswith('arabic_reshaper') "
        "or m == 'configparser'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"


def test_another_layout_of_the_package_falls_back_to_the_usual_import(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    module = reshaper_tables._data_module("letters")
    assert module is arabic_reshaper.letters
