"""``HeightIndex``: rows of a long column of entries, estimated until they are seen.

The reader (a chapter's paragraphs) and the side panes (chapters, events,
quotes) are columns of entries whose heights are only known once an entry
is laid out at the column's width. Laying out every entry to place the
scrollbar would cost what the whole story holds; instead each entry starts
with an estimate, and its exact height replaces the estimate when it is
drawn. Prefix sums live in a Fenwick tree, so replacing one estimate, finding
the top of an entry and finding the entry at a row are all O(log n): a pane
of 10,000 quotes costs what its screen shows. Plain Python.
"""

from __future__ import annotations

from collections.abc import Iterable


class HeightIndex:
    """Heights of ``n`` entries, each estimated or exact, with the row each starts at."""

    __slots__ = ("_exact", "_heights", "_step", "_tree")

    def __init__(self, estimates: Iterable[int]) -> None:
        heights = [max(0, h) for h in estimates]
        self._heights = heights
        self._exact = bytearray(len(heights))
        # Fenwick tree built in O(n).
        tree = heights[:]
        size = len(tree)
        for index in range(size):
            parent = index | (index + 1)
            if parent < size:
                tree[parent] += tree[index]
        self._tree = tree
        step = 1
        while step * 2 <= size:
            step *= 2
        self._step = step

    def __len__(self) -> int:
        return len(self._heights)

    def height(self, index: int) -> int:
        """Rows of entry ``index`` (its estimate until it is measured)."""
        return self._heights[index]

    def is_exact(self, index: int) -> bool:
        """Whether entry ``index`` has been measured."""
        return bool(self._exact[index])

    def set_height(self, index: int, height: int, *, exact: bool = True) -> bool:
        """Record the height of entry ``index`` (measured, or a better estimate when
        not ``exact``); True if rows moved."""
        if exact:
            self._exact[index] = 1
        delta = max(0, height) - self._heights[index]
        if not delta:
            return False
        self._heights[index] += delta
        tree, size = self._tree, len(self._tree)
        while index < size:
            tree[index] += delta
            index |= index + 1
        return True

    def top(self, index: int) -> int:
        """The first row of entry ``index`` (``len(self)`` gives the total)."""
        total = 0
        tree = self._tree
        while index > 0:
            total += tree[index - 1]
            index &= index - 1
        return total

    @property
    def total(self) -> int:
        """Rows of all the entries."""
        return self.top(len(self._heights))

    def locate(self, row: int) -> tuple[int, int]:
        """The entry showing ``row`` and the row inside it (clamped to the entries)."""
        size = len(self._heights)
        if size == 0:
            return 0, 0
        if row < 0:
            return 0, row
        position, rest, step, tree = 0, row, self._step, self._tree
        while step:
            probe = position + step
            if probe <= size and tree[probe - 1] <= rest:
                position = probe
                rest -= tree[probe - 1]
            step //= 2
        if position >= size:
            # Past the end: the last entry, its row counted from its top.
            last = size - 1
            return last, row - self.top(last)
        return position, rest
