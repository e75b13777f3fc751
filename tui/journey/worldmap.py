"""The journey map: the world in Braille cells, the story's places and its route.

``draw_journey(places, width, height, ...)`` draws ``height`` rows of
``width`` cells. Each cell is a Braille character (U+2800-U+28FF) of 2 x 4
dots, so the map has ``2 * width`` x ``4 * height`` dots; a terminal cell
being about twice as tall as wide, the dots are square. The view is an
equidistant cylindrical projection (the parallels stretched by the cosine of
the view's middle latitude, so that Morocco keeps its shape), fitted to the
places with a margin and widened to fill the pane; the whole world when the
places span it.

Drawn, in order (the last wins a cell): land from the land mask; the route
between places in the order of the story, a solid line for the part already
travelled (up to the current place) and a dotted one for the part to come;
each place as a mark, ``◉`` current, ``●`` reached, ``○`` to come; each
place's short name beside its mark where it does not cover another. Kinds a
widget styles: ``land``, ``route-done``, ``route-ahead``, ``place``,
``place-current``, ``place-ahead``, ``label``, ``label-current``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Literal, NamedTuple

from tui.journey.cells import Canvas, Row, clusters, fit_label
from tui.rtl import Direction
from tui.story.model import Place

if TYPE_CHECKING:
    from tui.journey.landmask import LandMask

Language = Literal["ar", "en"]

BLANK = 0x2800
# The bit of each dot of a Braille cell, by (x, y) within the cell.
DOT_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
MARK_CURRENT = "◉"
MARK_REACHED = "●"
MARK_AHEAD = "○"
LABEL_CELLS = 14
# Dots between two dots of the route still to come.
DOTTED = 3


class Viewport(NamedTuple):
    """The part of the world shown: its edges in degrees and its scale.

    ``scale`` is dots per degree of latitude; a degree of longitude takes
    ``scale * stretch`` dots.
    """

    west: float
    north: float
    scale: float
    stretch: float

    def dot(self, latitude: float, longitude: float) -> tuple[float, float]:
        """The dot (x, y) where a point falls, from the top left of the map."""
        return (
            (longitude - self.west) * self.scale * self.stretch,
            (self.north - latitude) * self.scale,
        )

    def point(self, x: float, y: float) -> tuple[float, float]:
        """The (latitude, longitude) at dot (x, y)."""
        return (self.north - y / self.scale, self.west + x / (self.scale * self.stretch))


def fit_view(places: Sequence[Place], dots_wide: int, dots_high: int) -> Viewport:
    """A view that shows every place with a margin and fills the dots given."""
    if places:
        south = min(place.latitude for place in places)
        north = max(place.latitude for place in places)
        west = min(place.longitude for place in places)
        east = max(place.longitude for place in places)
    else:
        south, north, west, east = -60.0, 85.0, -180.0, 180.0
    lat_margin = max(5.0, 0.15 * (north - south))
    lon_margin = max(8.0, 0.15 * (east - west))
    south, north = max(-90.0, south - lat_margin), min(90.0, north + lat_margin)
    west, east = west - lon_margin, east + lon_margin
    if east - west > 300:
        west, east = -180.0, 180.0
    stretch = math.cos(math.radians((south + north) / 2))
    stretch = max(stretch, 0.2)
    # The scale that fits both ways, then the view widened about its middle
    # to fill the pane; never more than the whole world across.
    scale = min(dots_high / (north - south), dots_wide / ((east - west) * stretch))
    scale = max(scale, dots_wide / (360.0 * stretch))
    middle_lon = (west + east) / 2
    middle_lat = (south + north) / 2
    half_lat = dots_high / scale / 2
    half_lon = dots_wide / (scale * stretch) / 2
    top = min(90.0, max(middle_lat + half_lat, -90.0 + 2 * half_lat))
    if 2 * half_lat > 180:
        top = half_lat  # taller than the world: centred on the equator
    return Viewport(middle_lon - half_lon, top, scale, stretch)


class JourneyMap(NamedTuple):
    """A drawn map: its rows, its view, and the cell of each place."""

    rows: tuple[Row, ...]
    view: Viewport
    #: the (column, row) cell of each place's mark, by place id
    place_cells: dict[str, tuple[int, int]]

    def places_at(self, column: int, row: int) -> list[str]:
        """The ids of the places marked at a cell (for a click)."""
        return [key for key, cell in self.place_cells.items() if cell == (column, row)]


def short_name(place: Place, language: Language) -> str:
    """The name a map label shows: without what the brackets explain."""
    name = place.name_en if language == "en" and place.name_en else place.name
    return name.split(" (")[0].strip() or name


def draw_journey(
    places: Sequence[Place],
    width: int,
    height: int,
    *,
    language: Language,
    current: str | None = None,
    mask: LandMask | None = None,
    labels: bool = True,
) -> JourneyMap:
    """The journey map at ``width`` x ``height`` cells.

    ``current`` is the id of the place in force (from ``tui.journey.here``):
    the route up to it is the route so far. ``mask`` is the land
    (``tui.journey.landmask.land_mask()``); without it only the journey is
    drawn.
    """
    width, height = max(1, width), max(1, height)
    view = fit_view(places, 2 * width, 4 * height)
    land = _land_dots(view, width, height, mask) if mask is not None else bytearray(width * height)
    route = bytearray(width * height)
    route_done = [False] * (width * height)
    index = next((i for i, place in enumerate(places) if place.id == current), -1)
    points = [view.dot(place.latitude, place.longitude) for place in places]
    for leg, (start, end) in enumerate(pairwise(points)):
        done = leg < index
        for x, y in _line(start, end, 1 if done else DOTTED):
            cell = _cell(x, y, width, height)
            if cell is not None:
                route[cell] |= DOT_BITS[int(x) % 2][int(y) % 4]
                route_done[cell] = route_done[cell] or done
    canvases = [Canvas(width) for _ in range(height)]
    for cell in range(width * height):
        row, column = divmod(cell, width)
        if route[cell]:
            kind = "route-done" if route_done[cell] else "route-ahead"
            canvases[row].put(column, chr(BLANK | route[cell]), kind)
        elif land[cell]:
            canvases[row].put(column, chr(BLANK | land[cell]), "land")
    place_cells: dict[str, tuple[int, int]] = {}
    for place, (x, y) in zip(places, points, strict=True):
        column = min(width - 1, max(0, int(x) // 2))
        row = min(height - 1, max(0, int(y) // 4))
        place_cells[place.id] = (column, row)
    # Marks drawn from the last place to the first, and the current one last
    # of all, so that where two share a cell the one that matters shows.
    order = sorted(range(len(places)), key=lambda n: (n == index, -n))
    for number in order:
        column, row = place_cells[places[number].id]
        if number == index:
            canvases[row].put(column, MARK_CURRENT, "place-current")
        elif number < index:
            canvases[row].put(column, MARK_REACHED, "place")
        else:
            canvases[row].put(column, MARK_AHEAD, "place-ahead")
    if labels:
        _labels(canvases, places, place_cells, index, language)
    return JourneyMap(tuple(canvas.row() for canvas in canvases), view, place_cells)


def _land_dots(view: Viewport, width: int, height: int, mask: LandMask) -> bytearray:
    """The land's Braille bits of each cell: each dot is land if its middle is."""
    dots = bytearray(width * height)
    # The mask's byte and bit for each dot column, its row for each dot row:
    # the loop below then only indexes.
    columns = []
    for x in range(2 * width):
        _, longitude = view.point(x + 0.5, 0)
        column = mask.column_of(longitude)
        columns.append((column // 8, 0x80 >> (column % 8), DOT_BITS[x % 2], x // 2))
    bits = mask.bits
    for y in range(4 * height):
        latitude, _ = view.point(0, y + 0.5)
        if not -90.0 <= latitude <= 90.0:
            continue
        offset = mask.row_of(latitude) * mask.row_bytes
        first = (y // 4) * width
        within = y % 4
        for byte, bit, cell_bits, column in columns:
            if bits[offset + byte] & bit:
                dots[first + column] |= cell_bits[within]
    return dots


def _line(
    start: tuple[float, float], end: tuple[float, float], every: int
) -> list[tuple[float, float]]:
    """Dots along a straight line, one in ``every``, both ends left out
    (the places' marks stand there)."""
    (x0, y0), (x1, y1) = start, end
    steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0))))
    return [
        (x0 + (x1 - x0) * step / steps, y0 + (y1 - y0) * step / steps)
        for step in range(2, steps - 1)
        if step % every == 0
    ]


def _cell(x: float, y: float, width: int, height: int) -> int | None:
    if 0 <= x < 2 * width and 0 <= y < 4 * height:
        return (int(y) // 4) * width + int(x) // 2
    return None


def _labels(
    canvases: list[Canvas],
    places: Sequence[Place],
    place_cells: dict[str, tuple[int, int]],
    index: int,
    language: Language,
) -> None:
    """Each place's short name beside its mark: after it in the reading
    direction if there is room, else before; never over a mark or a label."""
    ui: Direction = "R" if language == "ar" else "L"
    width = canvases[0].width
    taken = set(place_cells.values())
    seen: set[tuple[int, int]] = set()
    order = sorted(range(len(places)), key=lambda n: (n != index, n))
    for number in order:
        place = places[number]
        cell = place_cells[place.id]
        if cell in seen:
            continue  # another place's mark and label stand here
        seen.add(cell)
        column, row = cell
        text = fit_label(short_name(place, language), LABEL_CELLS, ui)
        if text is None:
            continue
        size = len(clusters(text))
        after, before = column + 2, column - 1 - size
        for start in (after, before) if ui == "L" else (before, after):
            cells = [(c, row) for c in range(start - 1, start + size + 1)]
            if start < 0 or start + size > width or any(c in taken for c in cells):
                continue
            kind = "label-current" if number == index else "label"
            canvases[row].put(start, text, kind)
            taken.update((c, row) for c in range(start, start + size))
            break
