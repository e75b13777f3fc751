"""Rawi's XDG folders on Linux, found without platformdirs, are platformdirs' folders."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from tui import locations

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the folders are found by hand on Linux only"
)


@pytest.mark.parametrize("xdg", [None, "", "relative/folder", "/absolute/folder"])
@pytest.mark.parametrize("home", ["/home/reader", "/root"])
def test_the_state_and_cache_folders_are_platformdirs_folders(
    xdg: str | None, home: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RAWI_STATE_DIR", raising=False)
    monkeypatch.delenv("RAWI_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", home)
    for variable in ("XDG_STATE_HOME", "XDG_CACHE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, xdg)
    assert locations.state_dir() == platformdirs.user_state_path("rawi", appauthor=False)
    expected_cache = platformdirs.user_cache_path("rawi", appauthor=False) / "stories"
    assert locations.cache_dir() == expected_cache


def test_the_start_up_never_imports_platformdirs(tmp_path: Path) -> None:
    import subprocess

    script = (
        "import sys; from tui import locations; "
        "locations.state_dir(); locations.cache_dir(); "
        "print('platformdirs' in sys.modules)"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    assert result.stdout.strip() == "False"
