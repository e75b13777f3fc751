"""arabic-reshaper's letter and ligature tables, without the rest of the package.

Rawi shapes with arabic-reshaper's tables (its ``letters`` and ``ligatures``
modules) and a joining loop of its own (``tui.rtl.shaping``). Imported the
usual way, the tables run the package's ``__init__`` first, which builds the
reshaper Rawi never calls: its configuration reader (configparser), a font
reader when fontTools is installed, its regular expressions: ~2 ms of every
start-up. The two data modules import nothing from the package, so they are
loaded here from the installed package's own files, under Rawi's names; any
other layout of the package falls back to the usual import.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def _data_module(name: str) -> ModuleType:
    # find_spec finds the package without running it.
    package = importlib.util.find_spec("arabic_reshaper")
    folders = package.submodule_search_locations if package is not None else None
    if folders:
        source = Path(next(iter(folders))) / f"{name}.py"
        spec = importlib.util.spec_from_file_location(f"{__name__}.{name}", source)
        if source.is_file() and spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    return importlib.import_module(f"arabic_reshaper.{name}")


letters = _data_module("letters")
ligatures = _data_module("ligatures")
