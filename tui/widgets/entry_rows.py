"""``EntryRows``: where the entries of a virtual list stand, kept apart from the screen.

A ``VirtualList`` (``tui.widgets.virtual_list``) draws, scrolls and moves its
pointer; this is its bookkeeping. Which entries are listed (a filter, a tuple
of indexes: changing it never rebuilds an entry), where each one is listed,
the rows each takes at a width (estimated from its text, exact once it is
laid out: ``HeightIndex``), and the strips of the entries laid out, cached by
what changes how they look (entry, width, mode, language, marks).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence

from textual.cache import LRUCache
from textual.strip import Strip

from tui.widgets.heights import HeightIndex

#: lines of laid-out entries kept per pane (a few screens' worth)
CACHED_LINES = 2048


class EntryRows:
    """The listed entries of a pane, their rows and their cached strips.

    ``count``, ``estimate`` and ``empty_text`` are the pane's own methods: the
    number of entries, the rows an entry probably takes at a width, and what
    an empty list says (an empty list that says something takes one row).
    """

    __slots__ = (
        "_count",
        "_empty_text",
        "_estimate",
        "_estimates",
        "_lines",
        "_positions",
        "_rows",
        "_rows_width",
        "filter",
        "layouts",
    )

    def __init__(
        self,
        count: Callable[[], int],
        estimate: Callable[[int, int], int],
        empty_text: Callable[[], str],
    ) -> None:
        self._count = count
        self._estimate = estimate
        self._empty_text = empty_text
        #: the entries listed, None for all of them
        self.filter: tuple[int, ...] | None = None
        self._positions: dict[int, int] | None = None
        self._rows: HeightIndex | None = None
        self._rows_width = 0
        # Every entry's estimate at one width, so that a filter (a keystroke
        # of a search) costs a list lookup per listed entry, not an estimate.
        self._estimates: tuple[int, list[int]] | None = None
        self._lines: LRUCache[Hashable, list[Strip]] = LRUCache(CACHED_LINES)
        #: how many entries were laid out (the scale tests count them)
        self.layouts = 0

    @property
    def shown(self) -> Sequence[int]:
        """The entries listed, in order (all of them without a filter)."""
        if self.filter is None:
            return range(self._count())
        return self.filter

    def show_only(self, shown: tuple[int, ...] | None, pointed: int | None = None) -> int | None:
        """List only ``shown`` (None: all); the rows are estimated again, the strips kept.

        Returns where the entry ``pointed`` is listed now, so that the pointer
        stays on it; the first place if it is filtered out, None if none is left.
        """
        self.filter = shown
        self._positions = None
        self._rows = None
        position = None if pointed is None else self.position_of(pointed)
        if position is not None:
            return position
        return 0 if self.shown else None

    def forget(self) -> None:
        """The entries themselves changed (count or text): forget all that was known."""
        self.show_only(None)
        self._estimates = None
        self._lines.clear()

    def forget_lines(self) -> None:
        """Lay every entry out again when it is next drawn (styles or words changed)."""
        self._estimates = None
        self._lines.clear()

    def position_of(self, entry: int) -> int | None:
        """Where ``entry`` (index in the whole list) is listed, None if filtered out."""
        if self.filter is None:
            return entry if 0 <= entry < self._count() else None
        if self._positions is None:
            self._positions = {e: position for position, e in enumerate(self.filter)}
        return self._positions.get(entry)

    def first_position(self, entries: Iterable[int]) -> int | None:
        """The first place any of ``entries`` is listed at, None if none is listed."""
        positions = (self.position_of(entry) for entry in entries)
        return min((p for p in positions if p is not None), default=None)

    def heights(self, width: int) -> HeightIndex:
        """The rows of the listed entries at ``width``: estimated until laid out."""
        if self._rows is None or self._rows_width != width:
            shown = self.shown
            if self._estimates is None or self._estimates[0] != width:
                estimate = self._estimate
                self._estimates = (width, [estimate(e, width) for e in range(self._count())])
            estimates = self._estimates[1]
            self._rows = HeightIndex(
                estimates if self.filter is None else [estimates[e] for e in shown]
            )
            self._rows_width = width
            if not shown and self._empty_text():
                self._rows = HeightIndex([1])
        return self._rows

    def lines(self, key: Hashable, lay_out: Callable[[], list[Strip]]) -> list[Strip]:
        """The strips cached under ``key``, laid out by ``lay_out`` the first time."""
        strips = self._lines.get(key)
        if strips is None:
            self.layouts += 1
            strips = lay_out()
            self._lines[key] = strips
        return strips


def entry_at_row(rows: HeightIndex, row: int) -> int | None:
    """The entry (its place in the list) drawn at ``row``; None below the last."""
    if not 0 <= row < rows.total:
        return None
    return rows.locate(row)[0]


def scroll_target(
    rows: HeightIndex, position: int, scroll: int, height: int, *, top: bool = False
) -> int | None:
    """The row to scroll to so that entry ``position`` is in a window of ``height``
    rows now at ``scroll`` (its first row at the top when ``top``); None: it is."""
    first = rows.top(position)
    last = first + rows.height(position)
    if top or first < scroll:
        return first
    if last > scroll + height:
        # Its last row at the bottom, or its first at the top when taller.
        return last - height if last - first <= height else first
    return None


def page_target(rows: HeightIndex, position: int, direction: int, height: int) -> int:
    """The entry a page of ``height`` rows up (-1) or down (1) from ``position`` lands
    on, at least the next one; not clamped to the list."""
    target, _ = rows.locate(max(0, rows.top(position) + direction * height))
    if target == position:
        target += direction
    return target
