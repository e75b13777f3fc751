"""The tables the engine carries (brackets, mirroring) against Unicode's own files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bidi.mirror import MIRRORED as PYTHON_BIDI_MIRRORED

from tui.rtl.brackets import BRACKET_PAIRS
from tui.rtl.mirroring import MIRRORED

UNICODE = Path("/usr/share/unicode")


def _data(name: str) -> Path:
    path = UNICODE / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must install Debian's unicode-data")
        pytest.skip(f"{path} not found: apt-get install unicode-data")
    return path


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            rows.append([field.strip() for field in line.split(";")])
    return rows


def test_bracket_pairs_are_those_of_bidi_brackets_txt() -> None:
    expected = {
        (int(code, 16), int(pair, 16))
        for code, pair, kind in _rows(_data("BidiBrackets.txt"))
        if kind == "o"
    }
    assert set(BRACKET_PAIRS) == expected


def test_mirroring_table_is_bidi_mirroring_txt() -> None:
    expected = {
        chr(int(code, 16)): chr(int(mirror, 16))
        for code, mirror in _rows(_data("BidiMirroring.txt"))
    }
    assert expected == MIRRORED


def test_python_bidi_table_is_the_base_of_ours() -> None:
    # The table completes python-bidi's, it does not contradict it.
    for char, mirror in PYTHON_BIDI_MIRRORED.items():
        assert MIRRORED[char] == mirror


def test_joining_types_are_those_of_arabic_shaping_txt() -> None:
    from tui.rtl.joining import joining_type

    rows = _rows(_data("ArabicShaping.txt"))
    assert rows, "ArabicShaping.txt has no rows"
    for code, _name, kind, _group in rows:
        char = chr(int(code, 16))
        expected = None if kind == "T" else kind
        assert joining_type(char) == expected, (code, kind)
