"""Every TOML text a story test loads is read by both TOML readers and compared.

``tui.story.toml_fast.read`` must return what ``tomllib.loads`` returns, or
decline; these tests write hundreds of story files, right and wrong, and each
of them checks that once more. ``check`` and ``accepted`` are the checks the
toml_fast tests share.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.rtl.sanitize import is_clean
from tui.story import toml_fast
from tui.story.toml_limits import structure_problem

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "seeds" / "jamali.toml").read_text(encoding="utf-8")

# Kept here: a test may replace tomllib.loads to see that it is not called.
_tomllib_loads = tomllib.loads


def strings(value: object) -> Iterator[str]:
    """Every string of a parsed document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def same_as_tomllib(text: str, reading: toml_fast.Reading | None) -> None:
    """Fail unless ``reading`` (what toml_fast read from ``text``) is None or tomllib's reading."""
    if reading is None:
        return
    try:
        slow = _tomllib_loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AssertionError(f"toml_fast accepted what tomllib refuses: {error}") from None
    # repr tells True from 1, 1.0 from 1, -0.0 from 0.0, and shows key order.
    assert repr(reading.data) == repr(slow)
    if reading.clean:
        assert all(is_clean(string) for string in strings(slow))


def check(text: str) -> toml_fast.Reading | None:
    """Read ``text`` with both readers; fail if they disagree. What toml_fast returned."""
    reading = toml_fast.read(text)
    same_as_tomllib(text, reading)
    if reading is not None:
        # Accepted documents keep to the structure limits by construction.
        assert structure_problem(text, "t.toml") is None
    return reading


def accepted(text: str) -> toml_fast.Reading:
    reading = check(text)
    assert reading is not None, "toml_fast declined a plain story document"
    # Clean exactly when no string needs clean_text (the other way round
    # is checked by same_as_tomllib).
    assert reading.clean == all(is_clean(string) for string in strings(reading.data))
    return reading


@pytest.fixture(autouse=True)
def _compare_toml_readers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    fast_read = toml_fast.read

    def checked_read(
        text: str, defer: frozenset[str] = frozenset(), later: frozenset[str] = frozenset()
    ) -> toml_fast.Reading | None:
        reading = fast_read(text, defer, later)
        if reading is None or reading.deferred is None:
            same_as_tomllib(text, reading)
            return reading
        # The first chapter read now, the other chapters and the sections
        # later: together, tomllib's reading (the sections' place among the
        # top-level keys aside), each split array of tables cut in two.
        rest = reading.deferred.read()
        if rest is not None:
            split = reading.deferred.split
            assert not (set(reading.data) & set(rest.data)) - split
            whole = {**reading.data, **rest.data}
            for name in split:
                whole[name] = reading.data[name] + rest.data[name]  # type: ignore[operator]
            slow = _tomllib_loads(text)
            assert {k: repr(v) for k, v in whole.items()} == {k: repr(v) for k, v in slow.items()}
            if reading.clean and rest.clean:
                assert all(is_clean(string) for string in strings(slow))
            for name, tables in rest.data.items():
                assert reading.deferred.count(name) == len(tables)  # type: ignore[arg-type]
        return reading

    monkeypatch.setattr(toml_fast, "read", checked_read)
    yield
