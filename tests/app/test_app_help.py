"""The help screen, and every key of the reader documented in it or in the Footer."""

from __future__ import annotations

import pytest
from screen_reading import AppFactory, base_arabic, screen_text
from textual.binding import Binding

from tui.app import RawiApp
from tui.screens.help import KEYS, HelpScreen
from tui.widgets.reader import StoryReader
from tui.widgets.search_bar import SearchBar

#: how the help screen writes a Textual key name
HELP_SPELLING = {
    "slash": "/",
    "question_mark": "?",
    "f1": "F1",
    "escape": "Esc",
    "enter": "Enter",
    "space": "Space",
    "shift+space": "Shift+Space",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "tab": "Tab",
    "ctrl+p": "Ctrl+P",
    "ctrl+c": "Ctrl+C",
    "ctrl+z": "Ctrl+Z",
}


def help_keys() -> set[str]:
    """Every key the help screen names (its first column, "1 … 9" spelled out)."""
    keys: set[str] = set()
    for spelled, _, _ in KEYS:
        words = spelled.split()
        if words == ["1", "…", "9"]:
            keys.update(str(digit) for digit in range(1, 10))
        else:
            keys.update(words)
    return keys


def spelled(key: str) -> str:
    return HELP_SPELLING.get(key, key)


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
    bindings_of(RawiApp, StoryReader, SearchBar, HelpScreen),
    ids=lambda value: value if isinstance(value, str) else f"{value.key}:{value.action}",
)
def test_every_key_has_a_help_line(owner: str, binding: Binding) -> None:
    assert spelled(binding.key) in help_keys(), (
        f"{owner} binds {binding.key!r} ({binding.action}) but the help screen does not list it"
    )


def test_the_command_palette_key_has_a_help_line() -> None:
    assert spelled(RawiApp.COMMAND_PALETTE_BINDING) in help_keys()


def test_the_help_lines_name_no_unknown_key() -> None:
    """A key in the help that nothing binds is a promise the reader does not keep."""
    bound = {spelled(binding.key) for _, binding in bindings_of(RawiApp, StoryReader)}
    # Keys Textual binds for the reader's scrolling and the panes' movement.
    textual_keys = {"PgUp", "PgDn", "Home", "End", "↑", "↓", "Tab", "Ctrl+P", "Enter"}
    assert help_keys() - bound - textual_keys == set()


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
        assert "Ctrl+P" in text
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


async def test_the_footer_shows_every_shown_binding(make_app: AppFactory) -> None:
    app = make_app()
    shown = [b for b in RawiApp.BINDINGS if isinstance(b, Binding) and b.show]
    assert shown
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        words = footer.split()
        for binding in shown:
            key = binding.key_display or binding.key.split(",")[0]
            assert key in words, f"{binding.key} ({binding.action}) missing from the Footer"
        # Its Arabic descriptions are laid out like the rest of the screen.
        assert not base_arabic(footer)
