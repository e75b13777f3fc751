"""``VirtualList``: the base of the side panes, drawn line by line (Textual's Line API).

A pane is a column of entries (chapters, events, quotes, later eras and
places). Only the entries on screen are laid out: the others are known by
an estimated height, refined when they are drawn, so a pane of 10,000
quotes opens, scrolls, resizes and filters at the cost of one screen. That
bookkeeping, and the cache of each entry's lines by entry, width, BiDi mode
and marks, is ``EntryRows`` (``tui.widgets.entry_rows``); this is the widget.

- ``pointer``: the entry the keys act on (↑ ↓ PgUp PgDn Home End, Enter, a
  click). Moving it repaints the rows of two entries, not the pane.
- ``current``: the entries marked "you are here" (the chapter on screen, the
  events of the passage being read); subclasses draw the mark.
- ``shown``: which entries are listed, as a tuple of indexes (a filter);
  changing it never rebuilds an entry. ``visual``, ``language``: bound.

Subclasses give ``entry_count``, ``entry_text_length`` (for the estimate) and
``entry_lines`` (the laid-out lines of one entry at a width).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.textual_private import update_scrollbars
from tui.widgets.entry_rows import EntryRows, entry_at_row, page_target, scroll_target
from tui.widgets.heights import HeightIndex
from tui.words import Language


class VirtualList(ScrollView, can_focus=True):
    """A scrollable list of entries of any height, laid out only where it is seen."""

    DEFAULT_CSS = """
    VirtualList {
        height: 1fr;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    VirtualList > .virtual-list--pointer {
        background: $block-cursor-blurred-background;
    }
    VirtualList:focus > .virtual-list--pointer {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    VirtualList > .virtual-list--current {
        text-style: bold;
    }
    VirtualList > .virtual-list--dim {
        text-style: dim;
    }
    VirtualList > .virtual-list--match {
        text-style: reverse;
    }
    VirtualList > .virtual-list--empty {
        text-style: italic;
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES = {
        "virtual-list--pointer",
        "virtual-list--current",
        "virtual-list--dim",
        "virtual-list--match",
        "virtual-list--empty",
    }

    BINDINGS = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Go", show=False),
    ]

    #: the entry (position in ``shown``) the keys act on
    pointer: reactive[int | None] = reactive(None, repaint=False, init=False)
    #: entry indexes marked as where the reader is
    current: reactive[frozenset[int]] = reactive(frozenset(), repaint=False, init=False)
    visual: reactive[bool] = reactive(True, init=False)
    language: reactive[Language] = reactive("ar", init=False)

    class Selected(Message):
        """Enter or a click on an entry."""

        def __init__(self, pane: VirtualList, entry: int) -> None:
            super().__init__()
            self.pane = pane
            #: the entry's index in the whole list (not in the filter)
            self.entry = entry

        @property
        def control(self) -> VirtualList:
            """The pane the entry was chosen in."""
            return self.pane

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._entries = EntryRows(self.entry_count, self.estimate_rows, self.empty_text)

    @property
    def layouts(self) -> int:
        """How many entries were laid out (the scale tests count them)."""
        return self._entries.layouts

    # -- what subclasses give -----------------------------------------------

    def entry_count(self) -> int:
        """Entries in the whole list."""
        raise NotImplementedError

    def entry_text_length(self, entry: int) -> int:
        """Characters of an entry's text: the estimate of its height comes from it."""
        raise NotImplementedError

    def entry_lines(self, entry: int, width: int) -> list[Text]:
        """The lines of ``entry`` laid out at ``width`` cells (padded to it)."""
        raise NotImplementedError

    def entry_signature(self, entry: int) -> Hashable:
        """What, beside width, mode and language, changes how ``entry`` looks (its marks)."""
        return entry in self.current

    def empty_text(self) -> str:
        """What an empty list says (logical text, interface language)."""
        return ""

    def estimate_rows(self, entry: int, width: int) -> int:
        """Rows ``entry`` probably takes at ``width`` before it is laid out."""
        return max(1, math.ceil(self.entry_text_length(entry) * 1.05 / max(1, width)))

    # -- the list -----------------------------------------------------------

    @property
    def shown(self) -> Sequence[int]:
        """The entries listed, in order (all of them without a filter)."""
        return self._entries.shown

    def show_only(self, entries: Sequence[int] | None) -> None:
        """List only ``entries`` (indexes into the whole list); None lists them all."""
        shown = tuple(entries) if entries is not None else None
        if shown == self._entries.filter:
            return
        pointer = self._entries.show_only(shown, self.pointed_entry())
        self.set_reactive(VirtualList.pointer, pointer)
        self.scroll_to(y=0, animate=False, immediate=True)
        self._update_size()
        self.refresh()

    def entries_changed(self) -> None:
        """The entries themselves changed (count or text): measure them again."""
        self._entries.forget()
        self._update_size()
        self.refresh()

    def redraw_entries(self, entries: Sequence[int] = ()) -> None:
        """Draw these entries again (their marks changed); all of them when empty."""
        if not entries or len(entries) > 64:
            # Many entries (a paragraph anchoring thousands of events came on
            # screen): the lines are cached by their marks, so drawing what is
            # on screen again is enough, and costs one screen.
            self.refresh()
            return
        for entry in entries:
            position = self.position_of(entry)
            if position is not None:
                self._refresh_entry(position)

    def pointed_entry(self) -> int | None:
        """The entry under the pointer (index in the whole list)."""
        if self.pointer is None or not (0 <= self.pointer < len(self.shown)):
            return None
        return self.shown[self.pointer]

    def position_of(self, entry: int) -> int | None:
        """Where ``entry`` (index in the whole list) is listed, None if filtered out."""
        return self._entries.position_of(entry)

    def point_at_entry(self, entry: int) -> None:
        """Move the pointer to ``entry`` (index in the whole list) if it is listed."""
        position = self.position_of(entry)
        if position is not None:
            self.pointer = position

    def row_of(self, position: int) -> int:
        """The first row of the entry listed at ``position`` (estimated above it)."""
        return self._heights().top(position)

    @property
    def width_for_text(self) -> int:
        """Cells an entry's line may take."""
        return max(1, self.scrollable_content_region.width)

    def _heights(self) -> HeightIndex:
        # Nothing is estimated before the list has a width (a pane not shown yet).
        width = self.scrollable_content_region.width
        return self._entries.heights(self.width_for_text) if width else HeightIndex(())

    def _update_size(self) -> None:
        size = Size(self.scrollable_content_region.width, self._heights().total)
        if size != self.virtual_size:
            self.virtual_size = size
            update_scrollbars(self)

    def _strips(self, position: int, width: int) -> list[Strip]:
        entry = self.shown[position]
        key = (entry, width, self.visual, self.language, self.entry_signature(entry))
        strips = self._entries.lines(key, lambda: self._lay_out(entry, width))
        if self._heights().set_height(position, len(strips)):
            self._update_size()
        return strips

    def _lay_out(self, entry: int, width: int) -> list[Strip]:
        console = self.app.console
        return [
            Strip(list(line.render(console))).adjust_cell_length(width)
            for line in self.entry_lines(entry, width)
        ] or [Strip.blank(width)]

    # -- drawing --------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if width <= 0:
            return Strip.blank(0, base)
        rows = self._heights()
        row = round(self.scroll_y) + y
        if not self.shown:
            if row == 0 and self.empty_text():
                return self._empty_line(width, base)
            return Strip.blank(width, base)
        if row >= rows.total:
            return Strip.blank(width, base)
        position, inner = rows.locate(row)
        strips = self._strips(position, width)
        if inner >= len(strips):
            return Strip.blank(width, base)
        strip = strips[inner].apply_style(base)
        if position == self.pointer:
            # Over the entry's own colours, not under them.
            pointer = self.get_component_rich_style("virtual-list--pointer")
            strip = Strip(Segment.apply_style(strip, post_style=pointer), strip.cell_length)
        return strip

    def _empty_line(self, width: int, base: Style) -> Strip:
        from tui.render import BidiText
        from tui.words import ui_direction

        text = BidiText(
            self.empty_text(),
            ui_direction(self.language),
            visual=self.visual,
            one_line=True,
        ).lines(width)[0]
        style = self.get_component_rich_style("virtual-list--empty")
        segments = [
            Segment(part.text, base + style + part.style if part.style else base + style)
            for part in text.render(self.app.console)
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def _refresh_entry(self, position: int) -> None:
        rows = self._heights()
        if 0 <= position < len(rows):
            self.refresh_lines(rows.top(position), max(1, rows.height(position)))

    def watch_pointer(self, old: int | None, new: int | None) -> None:
        if old is not None:
            self._refresh_entry(old)
        if new is not None:
            self._refresh_entry(new)
            self.scroll_to_entry(new)

    def watch_current(self, old: frozenset[int], new: frozenset[int]) -> None:
        self.redraw_entries(tuple(old ^ new))
        self.follow_current()

    def follow_current(self) -> None:
        """Scroll to the first current entry, unless the reader is in the list."""
        if self.has_focus or not self.current or not self.scrollable_content_region.height:
            return
        first = self._entries.first_position(self.current)
        if first is not None:
            self.scroll_to_entry(first)

    def watch_visual(self) -> None:
        self.refresh()

    def watch_language(self) -> None:
        self._entries.forget_lines()
        self.refresh()

    def scroll_to_entry(self, position: int, *, top: bool = False) -> None:
        """Scroll so that entry ``position`` is on screen (at the top when ``top``)."""
        rows = self._heights()
        if not (0 <= position < len(rows)):
            return
        width = self.scrollable_content_region.width
        if width > 0:
            self._strips(position, width)  # its exact height
        height = self.scrollable_content_region.height
        if height <= 0:  # not on screen yet: its resize brings the entry into view
            return
        target = scroll_target(rows, position, round(self.scroll_y), height, top=top)
        if target is not None:
            self.scroll_to(y=target, animate=False, force=True, immediate=True)

    # -- Textual hooks ----------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._update_size()
        if self.has_focus and self.pointer is not None:
            # Opened with its key, a pane has the focus and a pointer before a size.
            self.scroll_to_entry(self.pointer)
        else:
            self.follow_current()

    def on_mount(self) -> None:
        self._update_size()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._entries.forget_lines()

    def on_focus(self) -> None:
        # Enter must act at once on a pane reached with its key or Tab.
        if self.pointer is None and self.shown:
            self.pointer = min(self.first_pointer(), len(self.shown) - 1)

    def first_pointer(self) -> int:
        """Where the pointer starts when the pane is reached (the first current entry)."""
        first = self._entries.first_position(self.current)
        return 0 if first is None else first

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # None on the border or the scrollbar
        if offset is not None and self.shown:
            position = entry_at_row(self._heights(), round(self.scroll_y) + offset.y)
            if position is not None:
                self.pointer = position
                self.action_select()

    # -- actions ---------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if not self.shown:
            return
        if self.pointer is None:
            self.pointer = self.first_pointer()
            return
        self.pointer = max(0, min(len(self.shown) - 1, self.pointer + step))

    def action_page(self, direction: int) -> None:
        if not self.shown:
            return
        rows = self._heights()
        height = max(1, self.scrollable_content_region.height)
        if self.pointer is None:
            self.pointer = self.first_pointer()
        target = page_target(rows, self.pointer, direction, height)
        self.pointer = max(0, min(len(self.shown) - 1, target))

    def action_first(self) -> None:
        if self.shown:
            self.pointer = 0

    def action_last(self) -> None:
        if self.shown:
            self.pointer = len(self.shown) - 1

    def action_select(self) -> None:
        entry = self.pointed_entry()
        if entry is None:
            self.app.bell()
            return
        self.select(entry)

    def select(self, entry: int) -> None:
        """The reader chose ``entry``; subclasses post what it means."""
        self.post_message(self.Selected(self, entry))
