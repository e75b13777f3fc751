"""The BiDi setting: Rawi lays Arabic out itself (visual), or leaves it to the terminal.

In visual mode nothing unshaped reaches the screen: every Arabic letter is
drawn as a presentation form, in the reader, the panes, the status bar and
the Footer. In logical mode (``b``) the text goes out as it is stored, for a
terminal that does its own BiDi.
"""

from __future__ import annotations

from tests.app.screen_reading import (
    AppFactory,
    base_arabic,
    reader_text,
    render_text,
    screen_text,
    settle,
    shaped_arabic,
)
from tui.app import RawiApp
from tui.story import Story
from tui.widgets.status import StatusBar

#: the first words of paragraph p1, as stored (logical order, unshaped)
P1_OPENING = "عندما تبحر في المواقع الإلكترونية"


def status_text(app: RawiApp) -> str:
    status = app.query_one(StatusBar)
    return render_text(status.render(), status.size.width)


def footer_text(app: RawiApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_b_flips_the_setting(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.reading.visual
        await pilot.press("b")
        assert not app.reading.visual
        await pilot.press("b")
        assert app.reading.visual


async def test_visual_mode_draws_shaped_arabic_only(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        # The Footer is filled a refresh after the screen: wait for it.
        await settle(pilot, lambda: footer_text(app).strip() != "", "the footer's keys")
        reader = "\n".join(reader_text(app))
        assert shaped_arabic(reader)
        assert not base_arabic(reader)
        assert P1_OPENING not in reader
        status = status_text(app)
        assert shaped_arabic(status)
        assert not base_arabic(status)
        footer = footer_text(app)
        assert shaped_arabic(footer)
        assert not base_arabic(footer)


async def test_logical_mode_draws_the_stored_text(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        await pilot.pause()
        reader = reader_text(app)
        assert any(P1_OPENING in row for row in reader)
        assert not shaped_arabic("\n".join(reader))
        status = status_text(app)
        assert "الفصل 1 من 6" in status
        assert "الترتيب: منطقي" in status  # the Arabic interface says it in Arabic
        assert not shaped_arabic(status)
        footer = footer_text(app)
        assert base_arabic(footer)
        assert not shaped_arabic(footer)


async def test_b_twice_gives_the_shaped_screen_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert screen_text(app) != before
        await pilot.press("b")
        await pilot.pause()
        after = screen_text(app)
        assert after == before
        assert "BiDi: logical" not in status_text(app)


async def chapter_screens(app: RawiApp, size: tuple[int, int]) -> list[str]:
    """The whole screen at the top and at the end of every chapter."""
    screens = []
    async with app.run_test(size=size) as pilot:
        for number in range(1, len(app.story.chapters) + 1):
            await pilot.press(str(number))
            await pilot.pause()
            screens.append(screen_text(app))
            await pilot.press("end")
            await pilot.pause()
            screens.append(screen_text(app))
    return screens


async def test_no_unshaped_arabic_reaches_the_screen(make_app: AppFactory, jamali: Story) -> None:
    screens = await chapter_screens(make_app(), (120, 40))
    assert len(screens) == 2 * len(jamali.chapters)
    for number, text in enumerate(screens):
        assert shaped_arabic(text), f"screen {number} shows no Arabic at all"
        assert not base_arabic(text), f"screen {number} shows unshaped letters"


async def test_in_logical_mode_the_letters_reach_the_screen_unshaped(
    make_app: AppFactory,
) -> None:
    screens = await chapter_screens(make_app(bidi="logical"), (120, 40))
    for number, text in enumerate(screens):
        assert base_arabic(text), f"screen {number} shows no logical Arabic"
        assert not shaped_arabic(text), f"screen {number} shows shaped forms in logical mode"


async def test_logical_mode_reaches_the_help_and_the_search_field(make_app: AppFactory) -> None:
    app = make_app(bidi="logical")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = screen_text(app)
        assert base_arabic(help_screen)
        assert not shaped_arabic(help_screen)
        await pilot.press("escape", "slash", *"انسى")
        await pilot.pause()
        searching = screen_text(app)
        assert "انسى" in searching
        assert not shaped_arabic(searching)
