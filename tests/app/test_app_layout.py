"""The layout at every terminal size: side panes folded when narrow, a notice when tiny.

Below 100 columns the side panes are hidden and their keys bring them back
as an overlay; below 30x10 the reader says the window is too small. No size,
and no run of rapid resizes, may crash the app.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.drivers.headless_driver import HeadlessDriver
from textual.geometry import Size
from textual.widget import Widget

from tests.app.screen_reading import AppFactory, base_arabic, screen_text, shaped_arabic
from tui.app import RawiApp
from tui.story import Story, load_story
from tui.widgets.quotes import QuotePane
from tui.widgets.timeline import TimelinePane


async def test_wide_shows_the_side_panes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)):
        assert not app.reading.has_class("-narrow")
        assert app.query_one("#side").display
        assert app.query_one("#side").region.width > 0


async def test_narrow_hides_the_side_panes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert app.reading.has_class("-narrow")
        assert not app.query_one("#side").display
        # The reader has the whole width.
        assert app.reader.region.width == 80


async def test_t_opens_the_overlay_and_choosing_an_event_closes_it(
    make_app: AppFactory, jamali: Story
) -> None:
    app = make_app()
    event = jamali.timeline[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        side = app.query_one("#side")
        timeline = app.query_one(TimelinePane)
        assert side.display
        assert app.focused is timeline
        await pilot.pause()
        # Over the reader, on the right where Arabic lines start.
        assert side.region.right == 80
        assert side.region.width < 80
        assert not base_arabic(screen_text(app))
        timeline.pointer = 0
        await pilot.press("enter")
        assert not side.display
        assert app.focused is app.reader
        assert app.reader.chapter_index == event.anchor.chapter_index


async def test_o_opens_the_overlay_on_the_quotes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        assert app.query_one("#side").display
        assert app.focused is app.query_one(QuotePane)


async def test_s_toggles_the_panes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        side = app.query_one("#side")
        await pilot.press("s")
        assert not side.display
        assert app.reader.region.width == 120
        await pilot.press("s")
        assert side.display


async def test_s_opens_and_closes_the_narrow_overlay(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        side = app.query_one("#side")
        await pilot.press("s")
        assert side.display
        await pilot.press("s")
        assert not side.display
        assert app.focused is app.reader


async def test_widening_the_terminal_brings_the_panes_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.query_one("#side").display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not app.reading.has_class("-narrow")
        assert app.query_one("#side").display


async def test_narrowing_the_terminal_folds_the_panes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.reading.has_class("-narrow")
        assert not app.query_one("#side").display


def visible(widget: Widget) -> bool:
    return widget.display and widget.region.area > 0


async def test_a_tiny_terminal_shows_the_too_small_notice(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        assert app.reading.has_class("-tiny")
        assert visible(app.query_one("#too-small"))
        assert not visible(app.query_one("#body"))
        text = screen_text(app)
        assert shaped_arabic(text)
        assert not base_arabic(text)
        # Keys still work without drawing anything broken.
        await pilot.press("n", "end", "t")
        await pilot.pause()
        assert not base_arabic(screen_text(app))


async def test_growing_from_tiny_brings_the_reader_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not app.reading.has_class("-tiny")
        assert not visible(app.query_one("#too-small"))
        assert app.reader.region.area > 0


def resize_at_once(app: RawiApp, width: int, height: int) -> None:
    """What ``Pilot.resize_terminal`` does, without waiting for the app to catch up."""
    size = Size(width, height)
    if isinstance(app._driver, HeadlessDriver):
        app._driver._size = size
    app.post_message(events.Resize(size, size))


RESIZES = [(10, 5), (400, 120), (120, 40), (30, 10), (1, 1), (99, 24), (100, 24), (400, 120)]


async def test_rapid_resizes_do_not_crash(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        for _ in range(5):
            for width, height in RESIZES:
                resize_at_once(app, width, height)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.is_running
        assert app.reader.chapter_index == 3
        assert not app.reading.has_class("-tiny")
        assert not base_arabic(screen_text(app))
    assert app.return_code in (None, 0)


async def test_resizes_with_pauses_keep_drawing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6", "end")
        for width, height in RESIZES[:4]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            screen_text(app)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.reader.chapter_index == 5
        assert app.is_running


async def test_an_english_overlay_opens_on_the_left(make_app: AppFactory, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "A short note\n\n" + "\n\n".join(f"Paragraph {n} of a short note." for n in range(6)),
        encoding="utf-8",
    )
    app = make_app(load_story(path))
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.query_one("#side").display
        await pilot.press("t")
        await pilot.pause()
        side = app.query_one("#side")
        assert side.display
        assert side.region.x == 0
        # A story without a timeline or quotes: choosing and copying from the
        # empty panes does nothing, and breaks nothing.
        await pilot.press("enter", "o", "enter", "y", "c", "enter")
        await pilot.pause()
        assert app.is_running
