"""The private corners of Textual that Rawi reaches, all in one place.

Textual offers no public way to do these few things; each is done here and
nowhere else, and ``tests/app/test_textual_private.py`` fails loudly when a
Textual release changes one of them (the runtime range in pyproject pins
the versions these were checked against).

- ``CrashHook``: Textual prints a full traceback with locals when the app
  dies on an unexpected exception; a reader gets one line instead. The hook
  overrides ``App._fatal_error``, reads ``App._exception`` and closes the
  app with ``App._close_messages_no_wait``.
- ``cursor_visible``: whether an ``Input``'s blinking cursor is in its "on"
  phase (``Input._cursor_visible``), for the palette input Rawi draws itself.
- ``compose_palette``: ``CommandPalette.compose`` with another input widget
  (the palette has no hook for its input class).
- ``update_scrollbars``: a line-API widget that sets its ``virtual_size``
  after the layout that sized it (its first ``Resize``) gets its scrollbars
  only at the next change of its own size; ``Widget._scroll_update`` shows
  them now, as Textual's own ``OptionList`` does.
- ``binding_from``: ``data_bind`` binds to the node whose ``compose`` is
  running (``textual._context.active_message_pump``); a widget made later,
  outside any compose (the side panel's panes, made after the first frame or
  when a key needs one), is bound to the node given instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual._context import active_message_pump
from textual.app import App, ComposeResult
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.message_pump import MessagePump
from textual.widget import Widget
from textual.widgets import Button, Input, LoadingIndicator


class CrashHook(App[None]):
    """An App that hands an unexpected exception to ``on_crash`` instead of printing it."""

    def on_crash(self, error: BaseException) -> None:
        """Called with the exception the app stops on (the app then exits)."""

    def _fatal_error(self) -> None:
        self.on_crash(self._exception or RuntimeError("unknown error"))
        self._close_messages_no_wait()


def update_scrollbars(widget: Widget) -> None:
    """Show or hide ``widget``'s scrollbars for its virtual size, and size their thumbs."""
    widget._scroll_update(widget.virtual_size)


def cursor_visible(field: Input) -> bool:
    """Whether ``field``'s cursor is drawn at this moment of its blink."""
    return bool(getattr(field, "_cursor_visible", True))


def compose_palette(palette: CommandPalette, field: CommandInput) -> ComposeResult:
    """The widgets of ``CommandPalette.compose``, with ``field`` as the input."""
    with Vertical(id="--container"):
        with Horizontal(id="--input"):
            yield SearchIcon()
            yield field
            if not palette.run_on_select:
                yield Button("\u25b6")
        with Vertical(id="--results"):
            yield CommandList()
            yield LoadingIndicator()


@contextmanager
def binding_from(node: MessagePump) -> Iterator[None]:
    """``data_bind`` calls inside bind to ``node``'s reactives, as in its ``compose``."""
    token = active_message_pump.set(node)
    try:
        yield
    finally:
        active_message_pump.reset(token)
