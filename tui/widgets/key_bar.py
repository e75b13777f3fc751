"""``KeyBar``: the keys of the moment and what they do, on the last line.

Textual's ``Footer`` lays its keys out from the left and cuts the last one
when the window is narrow. This bar reads the same bindings (the screen's
active bindings marked ``show``), names them from ``tui.words`` in the
interface language, lays them out from the side the language starts its
lines (the right, in Arabic), and leaves out whole keys, the least needed
first, when they do not all fit. A click on a key runs its action, as in
the Footer.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from tui.render import visual
from tui.words import Language, key_word, ui_direction

#: actions whose keys stay longest when the bar is short, most needed first
PRIORITY = (
    "help",
    "quit",
    "next",
    "previous_chapter",
    "search",
    "show_pane('contents')",
    "show_pane('timeline')",
    "show_pane('quotes')",
    "command_palette",
)


class ShownKey(NamedTuple):
    """One key on the bar."""

    key: str
    action: str
    namespace: DOMNode
    label: str


class KeyBar(Widget):
    """The key bar at the foot of the reader."""

    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        dock: bottom;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {"key-bar--key"}

    visual: reactive[bool] = reactive(True)
    language: reactive[Language] = reactive("ar")
    #: the search field is open: it takes this row (as in less and vim), so
    #: that opening it moves nothing else on the screen
    searching: reactive[bool] = reactive(False, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: (first cell, last cell + 1, key) of each key drawn, for clicks
        self._places: list[tuple[int, int, ShownKey]] = []

    def watch_searching(self, searching: bool) -> None:
        self.display = not searching

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def keys(self) -> list[ShownKey]:
        """The keys to show, in the order they are declared, one per action."""
        seen: set[str] = set()
        shown: list[ShownKey] = []
        palette = None
        for namespace, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not enabled or binding.action in seen:
                continue
            if binding.action == "command_palette":
                palette = (namespace, binding)
                continue
            if not binding.show:
                continue
            label = key_word(binding.action, self.language)
            if label is None:
                continue
            seen.add(binding.action)
            shown.append(
                ShownKey(self.app.get_key_display(binding), binding.action, namespace, label)
            )
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            namespace, binding = palette
            label = key_word("command_palette", self.language) or binding.description
            shown.append(
                ShownKey(self.app.get_key_display(binding), "command_palette", namespace, label)
            )
        return shown

    def fitting(self, width: int) -> list[ShownKey]:
        """The keys that fit ``width`` cells, whole; the least needed go first."""
        keys = self.keys()

        def cells(key: ShownKey) -> int:
            return cell_len(key.key) + 1 + cell_len(key.label) + 2

        def rank(key: ShownKey) -> int:
            return PRIORITY.index(key.action) if key.action in PRIORITY else len(PRIORITY)

        kept = list(keys)
        while kept and sum(cells(k) for k in kept) > width:
            kept.remove(max(reversed(kept), key=rank))
        return kept

    def render(self) -> RenderableType:
        width = self.size.width
        rtl = ui_direction(self.language) == "R"
        key_style = self.get_component_rich_style("key-bar--key")
        line = Text(end="", no_wrap=True)
        places: list[tuple[int, int, ShownKey]] = []
        pieces: list[tuple[Text, ShownKey]] = []
        for key in self.fitting(width):
            label = visual(key.label, ui_direction(self.language), self.visual)
            piece = Text(" ", end="")
            if rtl and self.visual:
                piece.append(label)
                piece.append(" ")
                piece.append(key.key, style=key_style)
            else:
                piece.append(key.key, style=key_style)
                piece.append(" ")
                piece.append(label)
            piece.append(" ")
            pieces.append((piece, key))
        if rtl and self.visual:
            # The first key stands at the right edge, the next to its left.
            pieces.reverse()
            used = sum(piece.cell_len for piece, _ in pieces)
            line.append(" " * max(0, width - used))
        for piece, key in pieces:
            start = line.cell_len
            line.append_text(piece)
            places.append((start, line.cell_len, key))
        self._places = places
        return line

    async def on_click(self, event: events.Click) -> None:
        for start, end, key in self._places:
            if start <= event.x < end:
                event.stop()
                await self.app.run_action(key.action, key.namespace)
                return
