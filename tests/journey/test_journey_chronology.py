"""Dates as moments, and the era each event of the seed story belongs to."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.journey.chronology import (
    event_moment,
    events_by_era,
    span_moments,
    story_period,
)
from tui.story import load_story
from tui.story.model import Anchor, Span, Story, TimelineEvent

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed() -> Story:
    return load_story(ROOT / "seeds" / "jamali.toml")


def event(year: int, month: int | None = None, approximate: str | None = None) -> TimelineEvent:
    anchor = Anchor("p1", "x", 0, 1, 0)
    return TimelineEvent("e", year, month, approximate, "label", None, anchor)  # type: ignore[arg-type]


def test_moments() -> None:
    assert event_moment(event(2004)) == 2004.5
    assert event_moment(event(2001, 10)) == pytest.approx(2001 + 9.5 / 12)
    assert event_moment(event(2012, approximate="end")) == pytest.approx(2012 + 11.5 / 12)
    assert event_moment(event(2011, approximate="start")) == pytest.approx(2011 + 0.5 / 12)
    # A bare year covers the whole year; a month starts at its start.
    assert span_moments(Span(1992, None, 1998, None), 2013) == (1992, 1999)
    assert span_moments(Span(2001, 10, 2004, 6), 2013) == pytest.approx((2001.75, 2004.5))
    assert span_moments(Span(2012, None, None, None), 2013) == (2012, 2013)


def test_the_seed_covers_1974_to_2012(seed: Story) -> None:
    period = story_period(seed)
    assert period is not None
    assert (period.first, period.last) == (1974, 2013)


def test_the_seed_events_under_their_eras(seed: Story) -> None:
    # Reviewed against the article: the baccalaureate (1992) is still school
    # in Casablanca though Russia starts that year; the return to Morocco
    # (1998) opens the Thomson years; Viadeo buying UNYK (2009) closes the
    # UNYK years and the move to Silicon Valley the same year opens the next.
    groups = [
        (group.era.id if group.era else None, [e.id for e in group.events])
        for group in events_by_era(seed)
    ]
    assert groups == [
        ("casablanca-years", ["born", "baccalaureate"]),
        ("russia-years", ["aeronautics-in-russia"]),
        ("thomson-years", ["back-in-morocco"]),
        ("montreal-years", ["to-montreal", "mba", "marriage"]),
        ("unyk-years", ["unyk", "viadeo-buys-unyk"]),
        ("viadeo-years", ["silicon-valley", "leaves-viadeo"]),
        ("viralninjas-years", ["founds-viralninjas"]),
    ]


def test_a_story_without_dates_has_no_period(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("عنوان\n\nفقرة بلا تاريخ.\n", encoding="utf-8")
    story = load_story(path)
    assert story_period(story) is None
    assert events_by_era(story) == ()
