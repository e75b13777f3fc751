"""The garbage collector rests during start-up and is woken after the first paint.

Start-up makes tens of thousands of long-lived objects; collector passes over
them free nothing and cost a tenth of the start-up (see BENCHMARKS.md). These
tests hold the promises that make the pause safe: it covers the start-up only,
print mode and every way out of ``main`` give the collector back, and the app
wakes it once its first screen is on the terminal.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tui.crash
import tui.tty_streams
from tui import cli
from tui.app import RawiApp
from tui.locations import default_story
from tui.state import ResumeStore
from tui.story import load_story


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    """Whatever a test does, the test process gets its collector back."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()


def test_the_app_starts_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run_guarded(story: object, **options: object) -> int:
        seen["collecting"] = gc.isenabled()
        return 0

    monkeypatch.setattr(tui.crash, "run_guarded", fake_run_guarded)
    assert cli.main([str(default_story())]) == 0
    assert seen == {"collecting": False}
    # Leaving main (here without a first paint) gives the collector back.
    assert gc.isenabled()


def test_print_mode_collects_while_it_renders(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tui.printing

    seen: list[bool] = []
    render = tui.printing.render_story

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return render(*args, **kwargs)

    monkeypatch.setattr(tui.printing, "render_story", watched)
    assert cli.main(["--print", "--width", "60", str(default_story())]) == 0
    assert seen == [True]
    assert len(capsys.readouterr().out.splitlines()) > 50


def test_a_bad_story_gives_the_collector_back(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[story\n", encoding="utf-8")
    assert cli.main([str(bad)]) == 2
    assert gc.isenabled()


def test_run_guarded_wakes_and_freezes_the_collector_after_the_first_paint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []

    class FakeApp:
        driver_class = object

        def __init__(self, story: object, **options: Any) -> None:
            self.first_paint = options["on_first_paint"]
            self.crash = None
            self.return_code = 0

        def run(self) -> None:
            gc.disable()
            calls.append("run")
            self.first_paint()
            calls.append("collecting" if gc.isenabled() else "paused")
            calls.append("frozen" if gc.get_freeze_count() > 0 else "not frozen")

    import tui.app

    monkeypatch.setattr(tui.app, "RawiApp", FakeApp)
    monkeypatch.setattr(tui.crash, "_write", lambda sequence: None)
    # Under pytest stdin is no terminal: run as if it were.
    monkeypatch.setattr(tui.tty_streams, "attached_terminal", contextlib.nullcontext)
    assert tui.crash.run_guarded(load_story(default_story())) == 0
    assert calls == ["run", "collecting", "frozen"]


async def test_the_app_calls_on_first_paint_once_its_screen_is_drawn(tmp_path: Path) -> None:
    painted: list[int] = []
    app = RawiApp(
        load_story(default_story()),
        state=ResumeStore(tmp_path / "state"),
        on_first_paint=lambda: painted.append(app.screen.size.width),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert painted == [120]
        await pilot.press("n")
        await pilot.pause()
        assert painted == [120]
