"""The command palette (Ctrl+P): any chapter, timeline event or quote by a word of it."""

from __future__ import annotations

from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot

from tests.app.screen_reading import AppFactory, base_arabic, screen_text
from tui.app import RawiApp
from tui.story import Story
from tui.widgets.marks import Mark


async def search_palette(pilot: Pilot[None], query: str, *, typed: bool = False) -> CommandList:
    """Open the palette, enter ``query`` and wait for its list of commands.

    The query is typed key by key when ``typed``; otherwise it is set at once
    (the palette cannot tell the difference, and it is faster).
    """
    app = pilot.app
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    if typed:
        await pilot.press(*query)
    else:
        app.screen.query_one(CommandInput).value = query
        await pilot.pause()
    assert app.screen.query_one(CommandInput).value == query
    commands = app.screen.query_one(CommandList)
    # The providers answer in a worker; wait for it (not for a set time).
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert commands.option_count, f"no command for {query!r}"
    return commands


def anchor_marks(app: RawiApp) -> list[Mark]:
    return app.reader.marks("anchor")


async def test_a_chapter_by_its_number(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await search_palette(pilot, "الفصل 4")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.reader.chapter_index == 3


async def test_a_chapter_by_a_word_of_its_title(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        # Typed without the hamza the title has ("إلى" in "من البيضاء إلى روسيا").
        await search_palette(pilot, "البيضاء الى")
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.chapter_index == 1


async def test_a_quote_by_a_word_of_it(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    (quote,) = [q for q in jamali.quotes if "أحلم" in q.text]
    async with app.run_test(size=(120, 40)) as pilot:
        commands = await search_palette(pilot, "أحلم", typed=True)
        assert commands.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.chapter_index == quote.anchor.chapter_index
        anchor = quote.anchor
        assert anchor_marks(app) == [Mark(anchor.paragraph_id, anchor.start, anchor.end, "anchor")]


async def test_an_event_by_its_year(make_app: AppFactory, jamali: Story) -> None:
    app = make_app()
    (event,) = [e for e in jamali.timeline if e.year == 1998]
    async with app.run_test(size=(120, 40)) as pilot:
        await search_palette(pilot, "1998")
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.chapter_index == event.anchor.chapter_index
        anchor = event.anchor
        assert anchor_marks(app) == [Mark(anchor.paragraph_id, anchor.start, anchor.end, "anchor")]


async def test_the_palette_is_shaped(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        # What is typed (an Arabic word) and what is listed (its commands).
        commands = await search_palette(pilot, "أحلم", typed=True)
        assert commands.option_count
        await pilot.pause()
        assert not base_arabic(screen_text(app))


async def test_the_palette_lists_eras_and_places(make_app: AppFactory, jamali: Story) -> None:
    app = make_app(language="en")
    (place,) = [p for p in jamali.places if p.id == "montreal-city"]
    async with app.run_test(size=(120, 40)) as pilot:
        commands = await search_palette(pilot, "Montreal")
        prompts = [
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        ]
        assert any(prompt.startswith("Place") for prompt in prompts), prompts
        assert any(prompt.startswith("Era") for prompt in prompts), prompts
        place_index = next(i for i, p in enumerate(prompts) if p.startswith("Place"))
        commands.highlighted = place_index
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.chapter_index == place.anchor.chapter_index
        assert anchor_marks(app) == [
            Mark(place.anchor.paragraph_id, place.anchor.start, place.anchor.end, "anchor")
        ]
