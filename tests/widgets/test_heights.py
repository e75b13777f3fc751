"""``HeightIndex``: rows of entries estimated until measured, against a plain list."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.widgets.heights import HeightIndex


def tops(heights: list[int]) -> list[int]:
    result, row = [], 0
    for height in heights:
        result.append(row)
        row += height
    return [*result, row]


@given(
    st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=60),
    st.lists(st.tuples(st.integers(min_value=0, max_value=59), st.integers(1, 12)), max_size=30),
)
def test_the_index_agrees_with_a_list_after_any_measurements(
    estimates: list[int], measured: list[tuple[int, int]]
) -> None:
    index = HeightIndex(estimates)
    heights = list(estimates)
    for position, height in measured:
        position %= len(heights)
        moved = index.set_height(position, height)
        assert moved == (heights[position] != height)
        heights[position] = height
        assert index.is_exact(position)
    expected = tops(heights)
    assert [index.top(i) for i in range(len(heights) + 1)] == expected
    assert index.total == expected[-1]
    for row in range(expected[-1]):
        entry, inner = index.locate(row)
        assert expected[entry] <= row < expected[entry + 1]
        assert inner == row - expected[entry]


def test_rows_past_the_end_belong_to_the_last_entry() -> None:
    index = HeightIndex([2, 3])
    assert index.locate(5) == (1, 3)
    assert index.locate(50) == (1, 48)
    assert HeightIndex([]).locate(3) == (0, 0)


def test_an_untouched_entry_is_an_estimate() -> None:
    index = HeightIndex([4, 4, 4])
    assert not index.is_exact(1)
    index.set_height(1, 4)
    assert index.is_exact(1)
    assert index.total == 12
