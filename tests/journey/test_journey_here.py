"""You are here: the seed story read screen by screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.journey.here import Journey, Visible, where_is_reader
from tui.story import load_story
from tui.story.model import Story

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed() -> Story:
    return load_story(ROOT / "seeds" / "jamali.toml")


def ids(items: tuple[object, ...]) -> list[str]:
    return [item.id for item in items]  # type: ignore[attr-defined]


def test_the_first_chapter_tells_no_date(seed: Story) -> None:
    here = where_is_reader(seed, 0, [Visible("p1", 0, 200)])
    assert (here.events, here.quotes, here.places) == ((), (), ())
    assert here.event is None and here.place is None and here.era is None
    assert here.moment is None


def test_phrases_on_screen_are_current(seed: Story) -> None:
    p2 = seed.paragraph("p2").text
    end = p2.index("بسلك هندسة الطيران")  # the screen ends inside the 1993 phrase
    here = where_is_reader(seed, 1, [Visible("p2", 0, end)])
    assert ids(here.events) == ["born", "baccalaureate", "aeronautics-in-russia"]
    assert ids(here.places) == ["casablanca", "russia"]
    assert here.event is not None and here.event.id == "born"
    assert here.place is not None and here.place.id == "casablanca"
    assert here.era is not None and here.era.id == "casablanca-years"
    assert here.moment == 1974.5


def test_scrolled_past_a_place_the_reader_is_there(seed: Story) -> None:
    p2 = seed.paragraph("p2").text
    start = p2.index("فكان ضررويا")  # Russia's phrase has just left the screen
    here = where_is_reader(seed, 1, [Visible("p2", start, len(p2))])
    assert ids(here.events) == ["aeronautics-in-russia", "back-in-morocco"]
    assert here.place is not None and here.place.id == "russia"
    assert ids(here.places) == ["morocco-thomson"]
    assert here.era is not None and here.era.id == "russia-years"


def test_with_no_event_on_screen_the_nearest_earlier_one(seed: Story) -> None:
    # The image between p3 and p4 alone on screen, in chapter 3.
    here = where_is_reader(seed, 2, [])
    assert here.events == ()
    assert here.event is not None and here.event.id == "back-in-morocco"
    assert here.place is not None and here.place.id == "morocco-thomson"
    assert here.era is not None and here.era.id == "thomson-years"
    # The top of p4: no event phrase yet, the quote is there.
    here = where_is_reader(seed, 3, [Visible("p4", 0, 90)])
    assert here.event is not None and here.event.id == "mba"
    assert ids(here.quotes) == ["own-business"]
    assert here.quote is not None and here.quote.id == "own-business"
    assert here.place is not None and here.place.id == "montreal-city"


def test_the_end_of_the_story(seed: Story) -> None:
    p6, p7 = seed.paragraph("p6").text, seed.paragraph("p7").text
    here = where_is_reader(seed, 5, [Visible("p6", 0, len(p6)), Visible("p7", 0, len(p7))])
    assert ids(here.quotes) == ["dream", "wife"]
    assert ids(here.events) == ["marriage"]
    assert here.place is not None and here.place.id == "san-francisco"
    # The marriage (2004) is told last but happened in the Montreal years.
    assert here.era is not None and here.era.id == "montreal-years"


def test_one_journey_answers_many_scrolls(seed: Story) -> None:
    journey = Journey(seed)
    p2 = seed.paragraph("p2").text
    moments = [
        journey.where(1, [Visible("p2", start, len(p2))]).moment for start in range(0, len(p2), 40)
    ]
    assert moments == sorted(moments)  # reading on moves forward in time here
    assert moments[0] == 1974.5 and moments[-1] == 1998.5


def test_the_journey_core_does_not_import_textual() -> None:
    program = (
        "import sys; sys.modules['textual'] = None\n"
        "import tui.journey.axis, tui.journey.worldmap, tui.journey.here, tui.journey.landmask\n"
        "assert not [m for m in sys.modules if m.startswith('textual') and sys.modules[m]]\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
