"""The data tables Rawi takes from arabic-reshaper and python-bidi, without the rest of them.

Rawi shapes with arabic-reshaper's tables (its ``letters`` and ``ligatures``
modules) and a joining loop of its own (``tui.rtl.shaping``), and mirrors
with python-bidi's ``mirror`` table (``tui.rtl.mirroring``). Imported the
usual way, each table runs its package's ``__init__`` first: arabic-reshaper
builds the reshaper Rawi never calls (its configuration reader, configparser,
a font reader when fontTools is installed, its regular expressions), and
python-bidi loads its compiled algorithm: ~3 ms of every start-up between
them. The data modules import nothing from their packages, so they are
loaded here from the installed packages' own files, under Rawi's names; any
other layout of a package falls back to the usual import.
"""

from __future__ import annotations

import importlib
from importlib.machinery import PathFinder, SourceFileLoader
from pathlib import Path
from types import ModuleType


def _data_module(package: str, name: str) -> ModuleType:
    # PathFinder finds a top-level package without running it (and, unlike
    # importlib.util, is loaded already: Python's own imports use it).
    found = PathFinder.find_spec(package)
    folders = found.submodule_search_locations if found is not None else None
    if folders:
        source = Path(next(iter(folders))) / f"{name}.py"
        if source.is_file():
            module = ModuleType(f"{__name__}.{package}_{name}")
            module.__file__ = str(source)
            SourceFileLoader(module.__name__, str(source)).exec_module(module)
            return module
    return importlib.import_module(f"{package}.{name}")


letters = _data_module("arabic_reshaper", "letters")
ligatures = _data_module("arabic_reshaper", "ligatures")
mirror = _data_module("bidi", "mirror")
