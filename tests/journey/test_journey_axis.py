"""The time axis: proportional, fitted to the width, mirrored for Arabic."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from tui.journey.axis import EVENT, EVENT_CURRENT, HERE, Axis, draw_axis
from tui.journey.cells import Row, clusters
from tui.journey.chronology import event_moment
from tui.rtl import Direction, visual_lines
from tui.story import load_story
from tui.story.model import Story

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed() -> Story:
    return load_story(ROOT / "seeds" / "jamali.toml")


def axis(story: Story, width: int, direction: Direction, **kwargs: object) -> Axis:
    language = "ar" if direction == "R" else "en"
    drawn = draw_axis(story, width, direction, language=language, **kwargs)  # type: ignore[arg-type]
    assert drawn is not None
    return drawn


def row(drawn: Axis, name: str) -> Row:
    found = drawn.row(name)
    assert found is not None
    return found


def cells(found: Row) -> list[str]:
    return clusters(found.text)


@pytest.mark.parametrize("direction", ["R", "L"])
@pytest.mark.parametrize("width", [1, 2, 5, 9, 17, 24, 40, 57, 80, 100, 120, 200])
def test_every_row_is_exactly_the_width(seed: Story, width: int, direction: Direction) -> None:
    drawn = axis(seed, width, direction, reading=2001.8, current_era="montreal-years")
    assert [name for name, _ in drawn.rows] == ["here", "line", "years", "eras"]
    for _, found in drawn.rows:
        assert len(cells(found)) == width
        assert len(found.kinds()) == width
        for span in found.spans:
            assert 0 <= span.start < span.end <= len(found.text)


@pytest.mark.parametrize("width", [20, 40, 80, 120, 200])
@pytest.mark.parametrize("direction", ["R", "L"])
def test_year_labels_fit_and_never_touch(seed: Story, width: int, direction: Direction) -> None:
    drawn = axis(seed, width, direction)
    text = row(drawn, "years").text
    labels = [(int(m.group()), m.start(), m.end()) for m in re.finditer(r"\d+", text)]
    years = [year for year, _, _ in labels]
    # The story's first and last years are always told.
    assert 1974 in years and 2012 in years
    assert len(labels) >= 2
    # At least one space between labels (regex runs are maximal: check it).
    for (_, _, end), (_, start, _) in pairwise(labels):
        assert start - end >= 1
    # Each label stands near its year's place on the line (clamped at edges).
    for year, start, end in labels:
        centre = drawn.scale.column(year + 0.5)
        assert start - 1 <= centre <= end, (year, start, end, centre)
        assert row(drawn, "line").text[centre] in "┬•◆"


def test_more_room_more_years(seed: Story) -> None:
    counts = []
    for width in (30, 60, 120, 240):
        text = row(axis(seed, width, "L"), "years").text
        counts.append(len(re.findall(r"\d{4}", text)))
    assert counts == sorted(counts)
    assert counts[-1] > counts[0]


def test_arabic_runs_right_to_left_english_left_to_right(seed: Story) -> None:
    rtl = axis(seed, 100, "R")
    ltr = axis(seed, 100, "L")
    assert rtl.event_columns["born"] == 99 - ltr.event_columns["born"]
    assert rtl.event_columns["born"] > rtl.event_columns["founds-viralninjas"]
    assert ltr.event_columns["born"] < ltr.event_columns["founds-viralninjas"]
    years = row(rtl, "years").text
    assert years.rstrip().endswith("1974") and years.startswith("2012")
    assert row(ltr, "years").text.startswith("1974")


def test_years_are_spaced_in_proportion_to_time(seed: Story) -> None:
    width = 200
    drawn = axis(seed, width, "L")
    columns = drawn.event_columns
    born, montreal, founds = columns["born"], columns["to-montreal"], columns["founds-viralninjas"]
    # Born mid-1974, Montreal in October 2001, ViralNinjas at the end of 2012.
    expected = (2001 + 9.5 / 12 - 1974.5) / (2012 + 11.5 / 12 - 1974.5)
    assert (montreal - born) / (founds - born) == pytest.approx(expected, abs=2 / width)
    # 1974 to 2013 across 199 cells: 2001 falls at 27 / 39 of the way.
    assert drawn.scale.column(2001.0) == round(27 / 39 * 199)


def test_events_are_marked_and_the_current_ones_stand_out(seed: Story) -> None:
    drawn = axis(seed, 120, "R", current_events={"to-montreal"})
    line = row(drawn, "line")
    kinds = line.kinds()
    marks = cells(line)
    for event in seed.timeline:
        column = drawn.event_columns[event.id]
        assert column == drawn.scale.column(event_moment(event))
        if event.id == "to-montreal":
            assert (marks[column], kinds[column]) == (EVENT_CURRENT, "event-current")
        else:
            assert (marks[column], kinds[column]) == (EVENT, "event")
    assert marks.count(EVENT_CURRENT) == 1
    assert drawn.events_at(drawn.event_columns["mba"]) == ["mba", "marriage"]


def test_the_reading_position(seed: Story) -> None:
    drawn = axis(seed, 80, "L", reading=1998.5)
    here = cells(row(drawn, "here"))
    assert here.count(HERE) == 1
    assert here.index(HERE) == drawn.scale.column(1998.5)
    assert row(drawn, "here").kinds()[here.index(HERE)] == "here"
    assert HERE not in row(axis(seed, 80, "L"), "here").text


def test_era_bands_in_order_with_their_labels(seed: Story) -> None:
    drawn = axis(seed, 160, "L", current_era="unyk-years")
    bands = drawn.era_columns
    order = [era.id for era in seed.eras]
    spans = [bands[era] for era in order]
    for (_, right), (left, _) in pairwise(spans):
        assert right < left  # neighbours never overlap
    eras = row(drawn, "eras")
    assert "Childhood and school in Casablanca" in eras.text
    assert "UNYK" in eras.text
    kinds = eras.kinds()
    left, right = bands["unyk-years"]
    assert set(kinds[left : right + 1]) == {"era-current"}
    assert "era-current" not in kinds[:left] + kinds[right + 1 :]
    # Neighbours differ even without colour names: alternate kinds.
    first, second = bands["casablanca-years"], bands["russia-years"]
    assert kinds[first[0]] != kinds[second[0]]


def test_arabic_era_labels_are_shaped_and_in_visual_order(seed: Story) -> None:
    drawn = axis(seed, 200, "R")
    eras = row(drawn, "eras").text
    label = seed.eras[0].label
    assert visual_lines(label, 200, "R")[0] in eras
    left, right = drawn.era_columns["casablanca-years"]
    assert right == 199  # the earliest era at the right
    assert left > drawn.era_columns["russia-years"][1]


def test_a_long_label_is_cut_after_a_whole_word(seed: Story) -> None:
    drawn = axis(seed, 60, "L")
    left, right = drawn.era_columns["casablanca-years"]
    band = "".join(cells(row(drawn, "eras"))[left : right + 1])
    assert band.strip("├┤─ ") == "Childhood and school…"
    rtl = axis(seed, 60, "R")
    left, right = rtl.era_columns["casablanca-years"]
    band = "".join(cells(row(rtl, "eras"))[left : right + 1]).strip("├┤─ ")
    # In a right-to-left label the text goes on at the left: the ellipsis is there.
    assert band == visual_lines("الطفولة والدراسة في…", 60, "R")[0]
    assert band.startswith("…")


def test_no_dates_no_axis(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("عنوان\n\nفقرة.\n", encoding="utf-8")
    assert draw_axis(load_story(path), 80, "R", language="ar") is None


def test_the_rows_are_known_without_drawing(seed: Story) -> None:
    from dataclasses import replace

    from tui.journey.axis import axis_rows

    assert axis_rows(seed) == len(axis(seed, 80, "R").rows) == 4
    no_eras = replace(seed, eras=())
    assert axis_rows(no_eras) == len(axis(no_eras, 80, "R").rows) == 3
    undated = replace(seed, timeline=(), eras=(), places=())
    assert axis_rows(undated) == 0 and draw_axis(undated, 80, "R", language="ar") is None


def test_many_events_on_a_few_moments_are_drawn_as_those_moments(seed: Story) -> None:
    # 10,000 events over the seed's dates: the same marks, every id placed.
    from dataclasses import replace

    many = tuple(
        event._replace(id=f"{event.id}-{n}") for n in range(400) for event in seed.timeline
    )
    crowded = replace(seed, timeline=many)
    drawn, plain = axis(crowded, 100, "R"), axis(seed, 100, "R")
    assert row(drawn, "line") == row(plain, "line")
    assert len(drawn.event_columns) == len(many)
    assert drawn.event_columns["born-7"] == plain.event_columns["born"]
