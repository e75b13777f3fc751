"""Make ``assets/land-mask.bin``, the land of the journey map, from Natural Earth.

Run once by a developer, never at install or start-up; its output is
committed. The input is ``land-50m.json`` of the npm package ``world-atlas``
(2.0.2): Natural Earth's 1:50m land polygons (public domain) as TopoJSON,
unprojected, in degrees. Get it with the ordinary npm client::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/make_land_mask.py package/land-50m.json assets/land-mask.bin

The mask is an equirectangular grid of ``WIDTH`` x ``HEIGHT`` cells (0.2
degree each), row 0 at the north pole, column 0 at 180 degrees west; a cell is
land when its centre is inside an odd number of the polygons' rings (so lakes
cut out of a continent stay water). Format (read by ``tui.journey.landmask``):
one ASCII header line ``RAWI-LAND-MASK 1 <width> <height>\\n``, then the rows'
bits, most significant bit first, each row a whole number of bytes, the whole
compressed with zlib.
"""

from __future__ import annotations

import json
import sys
import zlib
from pathlib import Path

WIDTH = 1800
HEIGHT = 900
MAGIC = "RAWI-LAND-MASK"

Ring = list[tuple[float, float]]


def decode_arcs(topology: dict[str, object]) -> list[Ring]:
    """The arcs of a quantized TopoJSON topology, in degrees (lon, lat)."""
    transform = topology["transform"]
    assert isinstance(transform, dict)
    sx, sy = transform["scale"]
    tx, ty = transform["translate"]
    arcs: list[Ring] = []
    raw = topology["arcs"]
    assert isinstance(raw, list)
    for arc in raw:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indices: list[int], arcs: list[Ring]) -> Ring:
    """A ring from its arc indices (``~i`` is arc ``i`` reversed)."""
    points: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point.
        points.extend(arc[1:] if points else arc)
    return points


def rings_of(topology: dict[str, object]) -> list[Ring]:
    arcs = decode_arcs(topology)
    objects = topology["objects"]
    assert isinstance(objects, dict)
    land = objects["land"]
    geometries = land["geometries"] if land["type"] == "GeometryCollection" else [land]
    rings: list[Ring] = []
    for geometry in geometries:
        polygons = geometry["arcs"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                rings.extend(flat_rings(ring_points(ring, arcs)))
    return rings


def flat_rings(ring: Ring) -> list[Ring]:
    """The ring as areas of the flat map, whatever it does at the antimeridian.

    Longitudes are first made continuous (a step of more than 180 degrees is
    a crossing of the antimeridian, not a trip round the world). A ring that
    then winds once round the globe is Antarctica's coast: going down to the
    pole at the crossing makes it enclose the continent. A ring that merely
    crosses (Chukotka, Fiji) is drawn twice, 360 degrees apart, so that both
    halves land on the map.
    """
    unwrapped: Ring = [ring[0]]
    for x, y in ring[1:]:
        previous = unwrapped[-1][0]
        while x - previous > 180:
            x -= 360
        while x - previous < -180:
            x += 360
        unwrapped.append((x, y))
    winding = unwrapped[-1][0] - unwrapped[0][0]
    if abs(winding) > 180:
        closed: Ring = []
        for (x0, y0), (x1, _) in zip(ring, ring[1:] + ring[:1], strict=True):
            closed.append((x0, y0))
            if abs(x1 - x0) > 180:
                pole = -90.0 if y0 < 0 else 90.0
                closed.extend([(x0, pole), (x1, pole)])
        return [closed]
    xs = [x for x, _ in unwrapped]
    if max(xs) > 180:
        return [unwrapped, [(x - 360, y) for x, y in unwrapped]]
    if min(xs) < -180:
        return [unwrapped, [(x + 360, y) for x, y in unwrapped]]
    return [unwrapped]


def rasterize(rings: list[Ring]) -> bytearray:
    """The packed bits of the grid: a scanline fill, even-odd over all rings."""
    edges = []
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if y0 != y1:
                edges.append((x0, y0, x1, y1))
    row_bytes = WIDTH // 8
    bits = bytearray(row_bytes * HEIGHT)
    cell = 360 / WIDTH
    for row in range(HEIGHT):
        lat = 90 - (row + 0.5) * 180 / HEIGHT
        crossings = sorted(
            x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
            for x0, y0, x1, y1 in edges
            if (y0 <= lat < y1) or (y1 <= lat < y0)
        )
        for west, east in zip(crossings[::2], crossings[1::2], strict=False):
            # Cells whose centre lies between the two crossings.
            first = max(0, int((west + 180) / cell + 0.5))
            last = min(WIDTH - 1, int((east + 180) / cell - 0.5))
            for col in range(first, last + 1):
                bits[row * row_bytes + col // 8] |= 0x80 >> (col % 8)
    return bits


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    topology = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    bits = rasterize(rings_of(topology))
    header = f"{MAGIC} 1 {WIDTH} {HEIGHT}\n".encode("ascii")
    Path(argv[2]).write_bytes(header + zlib.compress(bytes(bits), 9))
    land = sum(bin(byte).count("1") for byte in bits)
    print(f"{argv[2]}: {WIDTH}x{HEIGHT}, {land / (WIDTH * HEIGHT):.1%} land")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
