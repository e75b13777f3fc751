"""Caches bounded by bytes: eviction by cost, passes that do not thrash, sweeps keeping nothing."""

from __future__ import annotations

from tui.rtl import layout_paragraph
from tui.rtl.memo import MemoryCache, one_pass, uncached


def _counting(budget: int) -> tuple[MemoryCache[[str], str], list[str]]:
    calls: list[str] = []

    def work(text: str) -> str:
        calls.append(text)
        return text.upper()

    return MemoryCache(work, budget, lambda text: len(text)), calls


def test_entries_are_evicted_by_their_cost_not_their_number() -> None:
    cache, calls = _counting(budget=100)
    for word in ("a" * 10, "b" * 10, "c" * 10):
        cache(word)
    assert cache.cache_info().entries == 3
    cache("d" * 80)  # 110 bytes wanted: the oldest small one goes
    assert cache.cache_info().entries == 3
    assert cache.cache_info().cost <= 100
    calls.clear()
    cache("b" * 10)
    cache("a" * 10)
    assert calls == ["a" * 10]


def test_an_entry_larger_than_the_budget_is_not_kept() -> None:
    cache, calls = _counting(budget=10)
    cache("x" * 11)
    cache("x" * 11)
    assert len(calls) == 2 and cache.cache_info().entries == 0


def test_a_plain_lru_pass_over_more_than_fits_misses_every_time() -> None:
    # The failure mode one_pass exists for: cyclic passes through an LRU.
    cache, calls = _counting(budget=50)
    words = [chr(ord("a") + k) * 10 for k in range(8)]
    for _ in range(3):
        for word in words:
            cache(word)
    assert len(calls) == 24


def test_a_pass_never_evicts_what_it_used() -> None:
    cache, calls = _counting(budget=50)
    words = [chr(ord("a") + k) * 10 for k in range(8)]
    for _ in range(3):
        with one_pass():
            for word in words:
                cache(word)
    # First pass: 8 misses, 5 kept. Later passes: the 5 kept hit, the 3 others miss
    # and are not kept (nothing of the pass is evicted for them).
    assert len(calls) == 8 + 3 + 3
    assert cache.cache_info().entries == 5


def test_a_pass_evicts_what_other_passes_left() -> None:
    cache, calls = _counting(budget=30)
    with one_pass():
        for word in ("a" * 10, "b" * 10, "c" * 10):
            cache(word)
    with one_pass():
        for word in ("d" * 10, "e" * 10, "f" * 10):
            cache(word)
    calls.clear()
    cache("d" * 10)
    cache("a" * 10)
    assert calls == ["a" * 10]


def test_uncached_keeps_nothing_and_evicts_nothing() -> None:
    cache, calls = _counting(budget=100)
    cache("kept")
    with uncached():
        cache("swept")
        cache("kept")
    assert cache.cache_info().entries == 1
    calls.clear()
    cache("kept")
    assert calls == []


def test_the_layout_cache_is_bounded_by_bytes() -> None:
    info = layout_paragraph.cache_info()
    assert info.budget > 0 and info.cost <= info.budget
    text = "نص لا يتكرر في أي اختبار آخر " * 3
    with uncached():
        first = layout_paragraph(text, 21, "R")
    assert layout_paragraph(text, 21, "R") is not first
    assert layout_paragraph(text, 21, "R") is layout_paragraph(text, 21, "R")
