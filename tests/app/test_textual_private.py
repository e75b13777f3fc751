"""The private corners of Textual that ``tui.textual_private`` reaches still exist.

Each test fails loudly when a Textual release renames or changes one of
them, before a reader meets the breakage.
"""

from __future__ import annotations

import hashlib
import inspect

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.widgets import Input

from tui.textual_private import CrashHook

#: sha256 of ``CommandPalette.compose``'s source, which ``compose_palette`` copies
PALETTE_COMPOSE_SHA = "055ae3b84d55b38272d4e40098300b25bb0a829f8c86a565d42630a234f829e5"


def test_the_crash_hook_names_exist() -> None:
    assert callable(App._fatal_error)
    assert callable(App._close_messages_no_wait)
    assert "_exception" in vars(App()) or hasattr(App(), "_exception")


def test_an_input_has_a_blinking_cursor_flag() -> None:
    assert hasattr(Input(), "_cursor_visible")


def test_the_palette_compose_is_the_one_copied() -> None:
    source = inspect.getsource(CommandPalette.compose)
    digest = hashlib.sha256(source.encode()).hexdigest()
    assert digest == PALETTE_COMPOSE_SHA, (
        "CommandPalette.compose changed in this Textual: update tui.textual_private.compose_palette"
    )


async def test_an_exception_in_the_app_reaches_on_crash() -> None:
    seen: list[BaseException] = []

    class Failing(CrashHook):
        def on_crash(self, error: BaseException) -> None:
            seen.append(error)

        def on_mount(self) -> None:
            raise ValueError("boom")

    app = Failing()
    # run_test raises what the app died of, once the hook has run.
    with pytest.raises(ValueError):
        async with app.run_test():
            pass
    assert [type(error) for error in seen] == [ValueError]


async def test_scrollbars_follow_a_virtual_size_learned_while_drawing() -> None:
    # A virtual list learns its height while drawing its rows; the call that
    # shows and sizes its scrollbar then (Widget._scroll_update) still works.
    from textual.geometry import Size
    from textual.scroll_view import ScrollView
    from textual.strip import Strip

    from tui.textual_private import update_scrollbars

    class Tall(ScrollView):
        def render_line(self, y: int) -> Strip:
            if self.size.height and self.virtual_size.height != 100:
                self.virtual_size = Size(1, 100)
                update_scrollbars(self)
            return Strip.blank(self.size.width)

    class OneTall(App[None]):
        def compose(self) -> ComposeResult:
            yield Tall()

    app = OneTall()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        tall = app.query_one(Tall)
        assert tall.show_vertical_scrollbar
        assert tall.vertical_scrollbar.region.height == 10
        assert tall.vertical_scrollbar.window_virtual_size == 100


async def test_a_widget_made_outside_compose_binds_to_the_node_given() -> None:
    from textual.app import App
    from textual.reactive import reactive
    from textual.widget import Widget

    from tui.textual_private import binding_from

    class Child(Widget):
        value: reactive[int] = reactive(0)

    class Parent(Widget):
        value: reactive[int] = reactive(1)

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield Parent()

        def on_mount(self) -> None:
            parent = self.query_one(Parent)
            # Outside the parent's compose: data_bind alone raises here.
            with binding_from(parent):
                child = Child().data_bind(Parent.value)
            parent.mount(child)

    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        parent, child = app.query_one(Parent), app.query_one(Child)
        assert child.value == 1
        parent.value = 7
        await pilot.pause()
        assert child.value == 7
