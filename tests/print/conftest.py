"""The print tests read their (small) stories a section at a time, as a large one is."""

from __future__ import annotations

import pytest

from tui.story import streaming


@pytest.fixture(autouse=True)
def stream_every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streaming, "STREAM_FROM", 0)
