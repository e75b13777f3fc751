"""``tui.bytecode``: Rawi's modules compiled once, where Python writes no bytecode.

A package made for each test is imported through a ``CodeCache``: its code is
kept in the cache folder and read back (the compiler is not called again),
and compiled again when the source changes, when the entry is damaged or
when the folder cannot be written. A start of Rawi itself with
``PYTHONDONTWRITEBYTECODE=1`` loads its modules through the cache and writes
nothing beside its sources.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui import bytecode

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "rawi_bytecode_probe"


@pytest.fixture
def probe(tmp_path: Path) -> Iterator[tuple[Path, Path, bytecode.CodeCache]]:
    """A package with one module ``words``, its source, and the cache in front."""
    package = tmp_path / "src" / PACKAGE
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    source = package / "words.py"
    source.write_text('WORD = "راوي"\n', encoding="utf-8")
    folder = tmp_path / "code"
    cache = bytecode.CodeCache(PACKAGE, lambda: str(folder))
    sys.path.insert(0, str(tmp_path / "src"))
    sys.meta_path.insert(0, cache)
    try:
        yield source, folder, cache
    finally:
        sys.meta_path.remove(cache)
        sys.path.remove(str(tmp_path / "src"))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]
        importlib.invalidate_caches()


def fresh_import() -> object:
    sys.modules.pop(f"{PACKAGE}.words", None)
    importlib.invalidate_caches()
    module = importlib.import_module(f"{PACKAGE}.words")
    return module.WORD  # type: ignore[attr-defined]


def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths compiled from now on."""
    compiled: list[str] = []
    compile_source = bytecode.CachedLoader.source_to_code

    def noted(self: bytecode.CachedLoader, data: bytes, path: str) -> object:
        compiled.append(path)
        return compile_source(self, data, path)  # type: ignore[arg-type]

    monkeypatch.setattr(bytecode.CachedLoader, "source_to_code", noted)
    return compiled


def entries(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*.code"))


def test_a_module_is_compiled_once_then_read_from_the_cache(
    probe: tuple[Path, Path, bytecode.CodeCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, folder, _ = probe
    compiled = compiles(monkeypatch)
    assert fresh_import() == "راوي"
    assert compiled == [str(source)]
    assert entries(folder) == [f"{PACKAGE}.words.code"]
    assert fresh_import() == "راوي"
    assert compiled == [str(source)], "compiled again with its code in the cache"
    assert not (source.parent / "__pycache__").exists()


def test_a_changed_source_is_compiled_again(
    probe: tuple[Path, Path, bytecode.CodeCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, _, _ = probe
    compiled = compiles(monkeypatch)
    fresh_import()
    source.write_text('WORD = "حكاية طويلة"\n', encoding="utf-8")
    assert fresh_import() == "حكاية طويلة"
    assert len(compiled) == 2


def test_a_damaged_entry_is_compiled_again(
    probe: tuple[Path, Path, bytecode.CodeCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, folder, _ = probe
    compiled = compiles(monkeypatch)
    fresh_import()
    [entry] = folder.rglob("*.code")
    data = entry.read_bytes()
    header = data.index(b"\n") + 1
    entry.write_bytes(data[:header] + b"\x00not marshal")
    assert fresh_import() == "راوي"
    assert len(compiled) == 2
    assert entry.read_bytes() == data  # written again, whole


def test_a_folder_that_cannot_be_made_compiles_every_time(
    tmp_path: Path, probe: tuple[Path, Path, bytecode.CodeCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    _, _, cache = probe
    monkeypatch.setattr(cache, "_folder", lambda: str(blocker / "code"))
    assert cache.folder is None
    assert fresh_import() == "راوي"
    assert fresh_import() == "راوي"


def test_a_module_with_bytecode_of_its_own_is_loaded_the_usual_way(
    probe: tuple[Path, Path, bytecode.CodeCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, folder, _ = probe
    import py_compile

    py_compile.compile(str(source), doraise=True)  # as a wheel's install does
    compiled = compiles(monkeypatch)
    assert fresh_import() == "راوي"
    assert compiled == []
    assert entries(folder) == []


def test_other_modules_are_left_to_python(probe: tuple[Path, Path, bytecode.CodeCache]) -> None:
    _, _, cache = probe
    assert cache.find_spec("json") is None
    assert cache.find_spec(PACKAGE) is None  # the package itself: Python's own finders


def test_rawi_started_without_bytecode_keeps_its_own(tmp_path: Path) -> None:
    # A copy of the package with no bytecode, as a fresh checkout has it.
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT / "tui", copy / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    env = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(copy),
        "RAWI_CACHE_DIR": str(tmp_path / "cache"),
    }
    program = (
        "import sys, tui.story.model, tui.rtl.bidi\n"
        "print(type(sys.modules['tui.rtl.bidi'].__spec__.loader).__name__)\n"
        "print(sys.modules['tui.rtl.bidi'].__file__)\n"
    )
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", program],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        loader, where = done.stdout.split()
        assert loader == "CachedLoader"
        assert where.startswith(str(copy))
    names = entries(tmp_path / "cache" / "code")
    assert {"tui.story.model.code", "tui.rtl.bidi.code"} <= set(names)
    assert not list(copy.rglob("__pycache__"))
