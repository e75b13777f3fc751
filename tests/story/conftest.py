"""Every TOML text a story test loads is read by both TOML readers and compared.

``tui.story.toml_fast.read`` must return what ``tomllib.loads`` returns, or
decline; these tests write hundreds of story files, right and wrong, and each
of them checks that once more.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator

import pytest

from tui.rtl.sanitize import is_clean
from tui.story import toml_fast

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


@pytest.fixture(autouse=True)
def _compare_toml_readers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    fast_read = toml_fast.read

    def checked_read(text: str) -> toml_fast.Reading | None:
        reading = fast_read(text)
        same_as_tomllib(text, reading)
        return reading

    monkeypatch.setattr(toml_fast, "read", checked_read)
    yield
