"""Mirrored glyphs for rule L4: python-bidi's table, completed to Unicode 15.0.

python-bidi's ``bidi.mirror.MIRRORED`` lacks 66 of the 428 pairs of
Unicode 15.0's ``BidiMirroring.txt`` (mathematical symbols added since it was
written). The missing pairs are added here; ``tests/engine/test_unicode_tables.py``
checks the result against the file installed by Debian's ``unicode-data``.
"""

from __future__ import annotations

from tui.rtl.library_tables import mirror as _python_bidi_mirror

_ADDED: dict[str, str] = {
    "\u221f": "\u2bfe",
    "\u2220": "\u29a3",
    "\u2221": "\u299b",
    "\u2222": "\u29a0",
    "\u2224": "\u2aee",
    "\u2245": "\u224c",
    "\u224c": "\u2245",
    "\u22b8": "\u27dc",
    "\u27cb": "\u27cd",
    "\u27cd": "\u27cb",
    "\u27dc": "\u22b8",
    "\u299b": "\u2221",
    "\u29a0": "\u2222",
    "\u29a3": "\u2220",
    "\u29a4": "\u29a5",
    "\u29a5": "\u29a4",
    "\u29a8": "\u29a9",
    "\u29a9": "\u29a8",
    "\u29aa": "\u29ab",
    "\u29ab": "\u29aa",
    "\u29ac": "\u29ad",
    "\u29ad": "\u29ac",
    "\u29ae": "\u29af",
    "\u29af": "\u29ae",
    "\u29e8": "\u29e9",
    "\u29e9": "\u29e8",
    "\u2a7b": "\u2a7c",
    "\u2a7c": "\u2a7b",
    "\u2a85": "\u2a86",
    "\u2a86": "\u2a85",
    "\u2a87": "\u2a88",
    "\u2a88": "\u2a87",
    "\u2a89": "\u2a8a",
    "\u2a8a": "\u2a89",
    "\u2a8d": "\u2a8e",
    "\u2a8e": "\u2a8d",
    "\u2a8f": "\u2a90",
    "\u2a90": "\u2a8f",
    "\u2a9d": "\u2a9e",
    "\u2a9e": "\u2a9d",
    "\u2a9f": "\u2aa0",
    "\u2aa0": "\u2a9f",
    "\u2ab1": "\u2ab2",
    "\u2ab2": "\u2ab1",
    "\u2ab5": "\u2ab6",
    "\u2ab6": "\u2ab5",
    "\u2ab7": "\u2ab8",
    "\u2ab8": "\u2ab7",
    "\u2ab9": "\u2aba",
    "\u2aba": "\u2ab9",
    "\u2ac7": "\u2ac8",
    "\u2ac8": "\u2ac7",
    "\u2ac9": "\u2aca",
    "\u2aca": "\u2ac9",
    "\u2acb": "\u2acc",
    "\u2acc": "\u2acb",
    "\u2aee": "\u2224",
    "\u2bfe": "\u221f",
    "\u2e55": "\u2e56",
    "\u2e56": "\u2e55",
    "\u2e57": "\u2e58",
    "\u2e58": "\u2e57",
    "\u2e59": "\u2e5a",
    "\u2e5a": "\u2e59",
    "\u2e5b": "\u2e5c",
    "\u2e5c": "\u2e5b",
}

#: the glyph that shows a character at an odd (right-to-left) level
MIRRORED: dict[str, str] = {**_python_bidi_mirror.MIRRORED, **_ADDED}
