"""The help screen, and every key of the reader documented in it and in the key bar.

The help is made from the bindings; what these tests hold is that every key
bound anywhere in the reader has a line (its action is named in the words
table), that the lines are drawn in the interface language, that the box
fits 80x24 without scrolling and scrolls at 40x12.
"""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.containers import VerticalScroll

from tests.app.screen_reading import AppFactory, base_arabic, screen_text
from tui.app import RawiApp
from tui.screens.help import KEY_NAMES, HelpScreen, key_rows
from tui.screens.reading import ReaderScreen
from tui.widgets.reader import StoryReader
from tui.widgets.search_bar import SearchBar
from tui.widgets.virtual_list import VirtualList

#: every class whose keys a reader can press on the reading screen
OWNERS = (ReaderScreen, RawiApp, StoryReader, VirtualList)


def bindings_of(*owners: type) -> list[tuple[str, Binding]]:
    """(owner name, binding) for every key the owners bind, one entry per key."""
    found = []
    for owner in owners:
        for binding in owner.BINDINGS:  # type: ignore[attr-defined]
            assert isinstance(binding, Binding)
            for key in binding.key.split(","):
                found.append((owner.__name__, Binding(key.strip(), binding.action)))
    return found


@pytest.mark.parametrize(
    ("owner", "binding"),
    bindings_of(*OWNERS, SearchBar),
    ids=lambda value: value if isinstance(value, str) else f"{value.key}:{value.action}",
)
def test_every_key_has_a_help_line(owner: str, binding: Binding) -> None:
    rows = key_rows((*OWNERS, SearchBar))
    listed = {key for keys in rows.values() for key in keys}
    if binding.key.isdigit():
        assert "1 … 9" in listed
        return
    spelled = KEY_NAMES.get(binding.key, binding.key)
    assert spelled in listed, (
        f"{owner} binds {binding.key!r} ({binding.action}) but the help screen has no line for it"
    )


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_opens_and_escape_closes_it(make_app: AppFactory, key: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        text = screen_text(app)
        # The help is drawn shaped, in the interface language.
        assert not base_arabic(text)
        for spelled in ("Ctrl+P", "PgDn", "Tab", "Enter", "Esc"):
            assert spelled in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        assert app.focused is app.reader


async def test_keys_in_the_help_do_not_reach_the_reader(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark", "n", "3")
        assert isinstance(app.screen, HelpScreen)
        assert app.reader.chapter_index == 0
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize("language", ["ar", "en"])
async def test_the_help_fits_80x24_without_scrolling(make_app: AppFactory, language: str) -> None:
    app = make_app(language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y == 0, "the help scrolls at 80x24"
        assert "Ctrl+P" in screen_text(app)


async def test_the_help_scrolls_at_40x12(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y


async def test_the_key_bar_shows_every_shown_binding(make_app: AppFactory) -> None:
    app = make_app()
    shown = [b for owner in (ReaderScreen, RawiApp) for b in owner.BINDINGS if b.show]
    assert shown
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        words = footer.split()
        for binding in shown:
            key = binding.key_display or binding.key.split(",")[0]
            assert key in words, f"{binding.key} ({binding.action}) missing from the key bar"
        # Its Arabic descriptions are laid out like the rest of the screen.
        assert not base_arabic(footer)
