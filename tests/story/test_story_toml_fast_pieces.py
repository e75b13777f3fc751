"""``Deferred.read`` reads a long run in pieces, giving the interpreter back between them.

A run of deferred tables is cut at the start of header lines (``PIECE``
characters apart or so) and ``pace`` is called before each piece: what is
read must be what the run read whole gives.
"""

from __future__ import annotations

import pytest
from hypothesis import given

from tests.stories import VALID
from tests.story.test_story_toml_fast_defer import (
    LATER,
    SECTIONS,
    SETTINGS,
    check_deferred,
    plain_stories,
    stories,
)
from tui.story import toml_fast

EVENT = """
[[timeline]]
id = "e{n}"
year = 1974
label = "ولادته {n}"
paragraph = "p1"
phrase = "1974"
"""


@SETTINGS
@given(stories() | plain_stories())
def test_runs_cut_at_every_header_are_read_as_whole(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(toml_fast, "PIECE", 1)
    check_deferred(text, SECTIONS)
    # Never cut before [[chapters.blocks]]: its chapter would be in the piece before.
    check_deferred(text, SECTIONS, LATER)


def test_a_long_run_is_read_in_pieces_with_a_pace_between() -> None:
    text = VALID + "".join(EVENT.format(n=n) for n in range(2_000))
    head = toml_fast.read(text, SECTIONS)
    assert head is not None and head.deferred is not None
    paced: list[int] = []
    tail = head.deferred.read(lambda: paced.append(1))
    whole = toml_fast.read(text)
    assert tail is not None and whole is not None
    assert repr(tail.data["timeline"]) == repr(whole.data["timeline"])
    assert len(tail.data["timeline"]) == 2_000
    # About one piece per PIECE characters of the run.
    run = len(text) - len(VALID)
    assert run // toml_fast.PIECE <= len(paced) <= run // toml_fast.PIECE + 2


def test_an_error_in_a_later_piece_declines() -> None:
    events = [EVENT.format(n=n) for n in range(2_000)]
    events[1_500] = events[1_500].replace("year = 1974", "year = [1974]")
    head = toml_fast.read(VALID + "".join(events), SECTIONS)
    assert head is not None and head.deferred is not None
    assert head.deferred.read() is None
