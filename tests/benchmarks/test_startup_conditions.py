"""The start-up benchmark compares like with like: both programs' modules byte-compiled.

Textual comes compiled by pip; Rawi's modules must be too, whatever the
environment of the benchmark says, or the figure counts Python's compiler.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import startup  # noqa: E402


def test_measured_processes_may_use_and_write_the_bytecode_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    env = startup.terminal_env(tmp_path / "state")
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert "PYTHONPYCACHEPREFIX" not in env
    assert not any(key.startswith("TEXTUAL") for key in env)
    assert env["RAWI_STATE_DIR"] == str(tmp_path / "state")


def test_compile_rawi_leaves_a_current_cache_for_every_module() -> None:
    startup.compile_rawi()
    modules = sorted((ROOT / "tui").rglob("*.py"))
    assert len(modules) > 30
    for module in modules:
        cached = Path(importlib.util.cache_from_source(str(module)))
        assert cached.is_file(), module
        assert cached.stat().st_mtime >= module.stat().st_mtime, module
