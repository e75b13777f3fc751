"""Every TOML text a story test loads is read by both TOML readers and compared.

``tui.story.toml_fast.loads`` must return what ``tomllib.loads`` returns, or
decline; these tests write hundreds of story files, right and wrong, and each
of them checks that once more.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator

import pytest

from tui.story import toml_fast

# Kept here: a test may replace tomllib.loads to see that it is not called.
_tomllib_loads = tomllib.loads


def same_as_tomllib(text: str, fast: object) -> None:
    """Fail unless ``fast`` (what toml_fast read from ``text``) is None or tomllib's reading."""
    if fast is None:
        return
    try:
        slow = _tomllib_loads(text)
    except tomllib.TOMLDecodeError as error:
        raise AssertionError(f"toml_fast accepted what tomllib refuses: {error}") from None
    # repr tells True from 1, 1.0 from 1, -0.0 from 0.0, and shows key order.
    assert repr(fast) == repr(slow)


@pytest.fixture(autouse=True)
def _compare_toml_readers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    fast_loads = toml_fast.loads

    def checked_loads(text: str) -> toml_fast.Table | None:
        fast = fast_loads(text)
        same_as_tomllib(text, fast)
        return fast

    monkeypatch.setattr(toml_fast, "loads", checked_loads)
    yield
