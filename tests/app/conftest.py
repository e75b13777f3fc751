"""Fixtures for the interaction and snapshot tests of the reader.

Every test gets its own state folder under ``tmp_path`` (and ``RAWI_STATE_DIR``
points there too), so no test reads or writes the real resume positions.
What the app shows is read with the helpers of ``screen_reading``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.app.screen_reading import AppFactory
from tui.app import RawiApp
from tui.locations import default_story
from tui.state import ResumeStore
from tui.story import Story, load_story


@pytest.fixture(autouse=True)
def isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep Rawi's state (positions, crash log) out of the real home."""
    folder = tmp_path / "xdg-state"
    monkeypatch.setenv("RAWI_STATE_DIR", str(folder))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-home"))
    return folder


@pytest.fixture(scope="session")
def jamali() -> Story:
    """The bundled Hespress profile (a frozen model, safe to share between tests)."""
    return load_story(default_story())


@pytest.fixture
def state_folder(tmp_path: Path) -> Path:
    """The folder the app under test keeps its positions in."""
    return tmp_path / "state"


@pytest.fixture
def make_app(jamali: Story, state_folder: Path) -> AppFactory:
    """Build a ``RawiApp`` on the bundled story (or ``story=``) with a private state folder."""

    def build(story: Story | None = None, **options: Any) -> RawiApp:
        app = RawiApp(
            story if story is not None else jamali,
            state=ResumeStore(state_folder),
            **options,
        )
        # Smooth scrolling only makes the tests wait; where it ends is the same.
        app.animation_level = "none"
        return app

    return build
