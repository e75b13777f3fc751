"""The side panel puts its panes in their boxes after the first frame, or at once when asked.

The reader's text is painted first; the panes follow a frame later. A key
that needs a pane before then (typed ahead while Rawi starts) gets it.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from tui.locations import default_story
from tui.story import load_story
from tui.widgets.side_panel import SidePanel
from tui.widgets.timeline import TimelinePane


class PanelApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[bool, bool]] = []

    def compose(self) -> ComposeResult:
        yield SidePanel(load_story(default_story()), language="ar", id="side")

    def on_mount(self) -> None:
        side = self.query_one(SidePanel)
        # Before the first frame: empty boxes; asking for a pane fills them.
        before = side.filled
        timeline = side.pane("timeline")
        self.seen.append((before, isinstance(timeline, TimelinePane)))
        timeline.focus()


async def test_a_pane_asked_for_before_the_first_frame_is_there() -> None:
    app = PanelApp()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        assert app.seen == [(False, True)]
        side = app.query_one(SidePanel)
        assert side.filled
        assert app.focused is side.timeline
        assert len(app.query(TimelinePane)) == 1  # filled once, not twice


async def test_the_panes_arrive_by_themselves_after_the_first_frame() -> None:
    class Quiet(App[None]):
        def compose(self) -> ComposeResult:
            yield SidePanel(load_story(default_story()), language="ar", id="side")

    app = Quiet()
    async with app.run_test(size=(60, 30)) as pilot:
        side = app.query_one(SidePanel)
        for _ in range(50):  # a few rounds of messages, however slow the machine
            if side.filled and side.timeline.is_mounted:
                break
            await pilot.pause()
        assert side.filled and side.timeline.is_mounted
        # The titles were on the boxes from the first frame.
        assert side.query_one("#timeline-box").border_title


async def test_a_pane_filled_after_the_first_frame_has_its_scrollbar(tmp_path: Path) -> None:
    # The timeline learns its height while drawing its first rows, after the
    # layout that placed it: its scrollbar must still be shown and placed.
    from tui.app import RawiApp
    from tui.state import ResumeStore

    app = RawiApp(load_story(default_story()), state=ResumeStore(tmp_path / "state"))
    async with app.run_test(size=(120, 40)) as pilot:

        def placed() -> bool:
            timelines = app.query(TimelinePane)
            if not timelines:
                return False
            pane = timelines.first()
            return (
                pane.virtual_size.height > pane.size.height
                and pane.show_vertical_scrollbar
                and pane.vertical_scrollbar.region.height == pane.size.height
            )

        for _ in range(300):  # a few frames, however busy the machine
            await pilot.pause(0.01)
            if placed():
                break
        timeline = app.query_one(TimelinePane)
        assert timeline.virtual_size.height > timeline.size.height
        assert timeline.show_vertical_scrollbar
        assert timeline.vertical_scrollbar.region.height == timeline.size.height
