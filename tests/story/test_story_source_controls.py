"""The share of control characters is told from the bytes as from the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.story import source

# Letters, spaces, the controls counted and those allowed, C1 controls, and the
# characters whose UTF-8 starts with 0xC2 like a C1 control's (« » NBSP).
_ALPHABET = st.sampled_from(
    list("ابت ثج \n\t\r\x0c«»\u00a0ab") + [chr(c) for c in (*range(1, 32), *range(0x7F, 0xA0))]
)


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=200))
def test_the_bytes_say_what_the_text_says(text: str) -> None:
    expected = source._control_share(text) > source._MAX_CONTROL_SHARE
    assert source._mostly_controls(text, text.encode("utf-8")) == expected
    assert source._mostly_controls(text, None) == expected


def test_a_long_text_is_counted_across_slices(monkeypatch) -> None:
    monkeypatch.setattr(source, "_SLICE", 7)
    text = "بيت" * 20 + "\x01" * 7
    assert source._control_share(text) > source._MAX_CONTROL_SHARE
    assert source._mostly_controls(text, text.encode())
    assert not source._mostly_controls(text[:-2], text[:-2].encode())
