"""Caches bounded by the memory their entries take, not by how many there are.

``lru_cache(maxsize=N)`` counts entries: N short labels and N whole chapters
weigh the same, and a pass over more than N entries (a pane laying out every
quote, then doing it again at another width) evicts on each pass what the
next pass needs, so that every look-up misses. ``memory_cache(budget, cost)``
gives each entry a cost in bytes (estimated from the size of its text) and
evicts the least recently used entries when the total passes the budget.

Two ways for a caller to keep a pass from thrashing the cache:

``with one_pass():``
    entries used inside the block are not evicted by the same block; when
    the budget is full of them, new results are returned without being
    kept (the pass pays for what does not fit, and nothing it needs is lost).
``with uncached():``
    nothing computed inside the block is kept, nothing is evicted: for a
    single sweep over a whole story (``--print``), which never comes back.

Both are context variables: a block in one thread does not change the
caching of another.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import count
from typing import Generic, NamedTuple, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_PASS: ContextVar[int] = ContextVar("rawi_cache_pass", default=0)
_UNCACHED: ContextVar[bool] = ContextVar("rawi_uncached", default=False)
_PASSES = count(1)


@contextmanager
def one_pass() -> Iterator[None]:
    """Within the block, an entry the block has used is never evicted by it."""
    token = _PASS.set(next(_PASSES))
    try:
        yield
    finally:
        _PASS.reset(token)


@contextmanager
def uncached() -> Iterator[None]:
    """Within the block, results are computed (or found) but never stored."""
    token = _UNCACHED.set(True)
    try:
        yield
    finally:
        _UNCACHED.reset(token)


class CacheInfo(NamedTuple):
    """What a cache holds, and how well it did."""

    hits: int
    misses: int
    entries: int
    #: estimated bytes held, against the budget
    cost: int
    budget: int


class MemoryCache(Generic[P, R]):
    """A function's results, kept within a budget of bytes (least recently used out first)."""

    def __init__(self, function: Callable[P, R], budget: int, cost: Callable[P, int]) -> None:
        self._function = function
        self._cost = cost
        self.budget = budget
        #: key -> (result, cost, pass that last used it)
        self._entries: OrderedDict[Hashable, tuple[R, int, int]] = OrderedDict()
        self._total = 0
        self._hits = 0
        self._misses = 0
        self._lock = threading.Lock()
        functools.update_wrapper(self, function)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        key: Hashable = (args, tuple(kwargs.items())) if kwargs else args
        entries = self._entries
        current = _PASS.get()
        with self._lock:
            found = entries.get(key)
            if found is not None:
                self._hits += 1
                entries.move_to_end(key)
                if current and found[2] != current:
                    entries[key] = (found[0], found[1], current)
                return found[0]
            self._misses += 1
        # Computed outside the lock: two threads may both compute a result,
        # the first one stored wins the later look-ups.
        result = self._function(*args, **kwargs)
        if _UNCACHED.get():
            return result
        cost = self._cost(*args, **kwargs)
        with self._lock:
            if key in entries or cost > self.budget or not self._make_room(cost, current):
                return result
            entries[key] = (result, cost, current)
            self._total += cost
        return result

    def _make_room(self, cost: int, current: int) -> bool:
        """Evict until ``cost`` more bytes fit; False (evicting nothing) if they cannot.

        Entries are in order of last use, and whatever the current pass uses
        moves to the end: the first entry of the current pass met from the
        front ends the candidates.
        """
        need = self._total + cost - self.budget
        if need <= 0:
            return True
        victims: list[Hashable] = []
        freed = 0
        for key, (_, old_cost, used_in) in self._entries.items():
            if current and used_in == current:
                return False
            victims.append(key)
            freed += old_cost
            if freed >= need:
                break
        else:
            return False
        for key in victims:
            del self._entries[key]
        self._total -= freed
        return True

    def cache_clear(self) -> None:
        """Forget every result."""
        with self._lock:
            self._entries.clear()
            self._total = 0
            self._hits = self._misses = 0

    def cache_info(self) -> CacheInfo:
        """Hits, misses, entries and bytes held."""
        return CacheInfo(self._hits, self._misses, len(self._entries), self._total, self.budget)


def memory_cache(
    budget: int, cost: Callable[P, int]
) -> Callable[[Callable[P, R]], MemoryCache[P, R]]:
    """Keep a function's results within ``budget`` bytes, each result costing ``cost(...)``."""

    def decorate(function: Callable[P, R]) -> MemoryCache[P, R]:
        return MemoryCache(function, budget, cost)

    return decorate
