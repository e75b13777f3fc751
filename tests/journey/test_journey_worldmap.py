"""The journey map: Braille land, the places where they are, the route so far."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.journey.cells import clusters
from tui.journey.landmask import land_mask
from tui.journey.worldmap import (
    MARK_AHEAD,
    MARK_CURRENT,
    MARK_REACHED,
    JourneyMap,
    draw_journey,
    fit_view,
)
from tui.story import load_story
from tui.story.model import Anchor, Place, Story

ROOT = Path(__file__).resolve().parents[2]
MARKS = MARK_AHEAD + MARK_CURRENT + MARK_REACHED


@pytest.fixture(scope="module")
def seed() -> Story:
    return load_story(ROOT / "seeds" / "jamali.toml")


def place(place_id: str, latitude: float, longitude: float) -> Place:
    return Place(place_id, place_id, None, latitude, longitude, Anchor("p1", "x", 0, 1, 0), None)


def grid(drawn: JourneyMap) -> list[list[str]]:
    return [clusters(row.text) for row in drawn.rows]


def kinds(drawn: JourneyMap) -> list[list[str]]:
    return [row.kinds() for row in drawn.rows]


@pytest.mark.parametrize(("width", "height"), [(1, 1), (7, 3), (30, 10), (40, 30), (80, 24)])
@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_map_fills_the_pane_with_braille(
    seed: Story, width: int, height: int, language: str
) -> None:
    drawn = draw_journey(
        seed.places,
        width,
        height,
        language=language,
        current="russia",
        mask=land_mask(),  # type: ignore[arg-type]
    )
    assert len(drawn.rows) == height
    for row in drawn.rows:
        assert len(clusters(row.text)) == width
        assert len(row.kinds()) == width
    # Without labels every cell is Braille, blank, or a place's mark.
    bare = draw_journey(seed.places, width, height, language="en", mask=land_mask(), labels=False)
    for cells in grid(bare):
        for cell in cells:
            assert cell == " " or cell in MARKS or 0x2800 <= ord(cell) <= 0x28FF


def test_places_stand_where_they_are_west_to_east(seed: Story) -> None:
    drawn = draw_journey(seed.places, 80, 24, language="ar", mask=land_mask())
    columns = {key: cell[0] for key, cell in drawn.place_cells.items()}
    rows = {key: cell[1] for key, cell in drawn.place_cells.items()}
    # A map is never mirrored, whatever the interface's direction.
    assert (
        columns["san-francisco"]
        < columns["montreal-city"]
        < columns["casablanca"]
        < columns["russia"]
    )
    assert rows["russia"] < rows["montreal-city"] < rows["san-francisco"]
    for key, (column, row) in drawn.place_cells.items():
        assert drawn.places_at(column, row)[0] in (key, "casablanca", "morocco-thomson")


def test_the_view_fits_the_places_with_a_margin() -> None:
    places = [place("rabat", 34.0, -6.8), place("cairo", 30.0, 31.2)]
    view = fit_view(places, 120, 80)
    for spot in places:
        x, y = view.dot(spot.latitude, spot.longitude)
        assert 4 <= x <= 116 and 4 <= y <= 76
    # Close places: a regional view, not the world.
    _, west_lon = view.point(0, 40)
    _, east_lon = view.point(120, 40)
    assert east_lon - west_lon < 90


def test_places_across_the_world_give_the_whole_world() -> None:
    view = fit_view([place("a", 0.0, -170.0), place("b", 10.0, 170.0)], 200, 60)
    _, west = view.point(0, 0)
    _, east = view.point(200, 0)
    assert east - west == pytest.approx(360.0)
    whole = fit_view([], 200, 60)
    assert whole.point(200, 0)[1] - whole.point(0, 0)[1] == pytest.approx(360.0)


def test_land_is_drawn_where_the_mask_says(seed: Story) -> None:
    drawn = draw_journey(seed.places, 80, 24, language="en", mask=land_mask(), labels=False)
    cells = grid(drawn)
    for latitude, longitude, is_land in ((23.0, 10.0, True), (-30.0, -20.0, False)):
        x, y = drawn.view.dot(latitude, longitude)
        cell = cells[int(y) // 4][int(x) // 2]
        full = cell == chr(0x28FF)
        assert full if is_land else cell == " ", (latitude, longitude, cell)
    without = draw_journey(seed.places, 80, 24, language="en", labels=False)
    assert "land" not in {kind for row in kinds(without) for kind in row}


def test_the_route_so_far_and_the_route_to_come(seed: Story) -> None:
    drawn = draw_journey(
        seed.places, 100, 30, language="en", current="morocco-thomson", labels=False
    )
    marks = grid(drawn)
    kind = kinds(drawn)
    expected = {
        "casablanca": (MARK_REACHED, "place"),
        "russia": (MARK_REACHED, "place"),
        "morocco-thomson": (MARK_CURRENT, "place-current"),
        "montreal-city": (MARK_AHEAD, "place-ahead"),
        "san-francisco": (MARK_AHEAD, "place-ahead"),
    }
    for key, (mark, mark_kind) in expected.items():
        column, row = drawn.place_cells[key]
        if key == "casablanca":
            continue  # shares its cell with Morocco at this scale
        assert (marks[row][column], kind[row][column]) == (mark, mark_kind), key

    def middle(first: str, second: str) -> str:
        a = next(p for p in seed.places if p.id == first)
        b = next(p for p in seed.places if p.id == second)
        x, y = drawn.view.dot((a.latitude + b.latitude) / 2, (a.longitude + b.longitude) / 2)
        return kind[int(y) // 4][int(x) // 2]

    assert middle("casablanca", "russia") == "route-done"
    assert middle("montreal-city", "san-francisco") == "route-ahead"
    # The part travelled is a solid line, the part to come dotted: fewer dots.
    done = [
        c
        for r, k in zip(marks, kind, strict=True)
        for c, kk in zip(r, k, strict=True)
        if kk == "route-done"
    ]
    ahead = [
        c
        for r, k in zip(marks, kind, strict=True)
        for c, kk in zip(r, k, strict=True)
        if kk == "route-ahead"
    ]
    dots = lambda cells: sum(bin(ord(c) - 0x2800).count("1") for c in cells) / len(cells)  # noqa: E731
    assert dots(done) > dots(ahead)


def test_before_the_journey_starts_all_is_to_come(seed: Story) -> None:
    drawn = draw_journey(seed.places, 80, 24, language="en", current=None, labels=False)
    found = {k for row in kinds(drawn) for k in row}
    assert "route-done" not in found and "place" not in found and "place-current" not in found
    assert "route-ahead" in found and "place-ahead" in found


def test_labels_name_the_places_in_the_interface_language(seed: Story) -> None:
    english = draw_journey(seed.places, 100, 30, language="en", current="russia")
    text = "\n".join(row.text for row in english.rows)
    assert "Montreal" in text and "Russia" in text
    assert "(the country" not in text  # the brackets are for the list, not the map
    current = [
        "".join(
            c for c, k in zip(clusters(row.text), row.kinds(), strict=True) if k == "label-current"
        )
        for row in english.rows
    ]
    assert "Russia" in current
