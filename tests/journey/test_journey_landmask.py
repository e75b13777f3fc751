"""The packaged land mask, its reader's errors, and the script that makes it."""

from __future__ import annotations

import importlib.util
import zlib
from pathlib import Path
from types import ModuleType

import pytest

from tui.journey.landmask import LandMask, LandMaskError, land_mask, read_land_mask

ROOT = Path(__file__).resolve().parents[2]


def test_the_packaged_mask_knows_the_world() -> None:
    mask = land_mask()
    assert (mask.width, mask.height) == (1800, 900)
    assert land_mask() is mask  # read once
    # Facts of geography, not of the code.
    land = [(32.0, -6.0), (23.0, 10.0), (61.5, 105.3), (45.5, -73.6), (-80.0, 0.0), (-25.0, 135.0)]
    water = [(30.0, -30.0), (0.0, -140.0), (42.0, 50.5), (-40.0, 80.0), (85.0, 0.0)]
    for latitude, longitude in land:
        assert mask.is_land(latitude, longitude), (latitude, longitude)
    for latitude, longitude in water:
        assert not mask.is_land(latitude, longitude), (latitude, longitude)
    # Chukotka straddles the antimeridian: both halves are land.
    assert mask.is_land(67.0, 179.5) and mask.is_land(67.0, -179.5)
    # Longitudes wrap.
    assert mask.is_land(32.0, -6.0 + 360.0)


def test_the_licence_is_next_to_the_mask() -> None:
    licence = (ROOT / "assets" / "land-mask.bin.license").read_text(encoding="utf-8")
    assert "Natural Earth" in licence and "public domain" in licence


def write_mask(path: Path, header: bytes, body: bytes) -> Path:
    path.write_bytes(header + b"\n" + body)
    return path


def test_a_small_mask_round_trips(tmp_path: Path) -> None:
    # 16 x 2 cells: the north row all land, the south row only its last cell.
    body = zlib.compress(bytes([0xFF, 0xFF, 0x00, 0x01]))
    mask = read_land_mask(write_mask(tmp_path / "m.bin", b"RAWI-LAND-MASK 1 16 2", body))
    assert isinstance(mask, LandMask)
    assert mask.is_land(45.0, -179.0) and mask.is_land(45.0, 179.0)
    assert not mask.is_land(-45.0, 0.0)
    assert mask.is_land(-45.0, 179.0)


@pytest.mark.parametrize(
    ("header", "body", "expected"),
    [
        (b"PNG", b"", "not a land mask"),
        (b"RAWI-LAND-MASK 2 16 2", zlib.compress(bytes(4)), "not a land mask"),
        (b"RAWI-LAND-MASK 1 16 2", b"not zlib", "damaged (not zlib data)"),
        (b"RAWI-LAND-MASK 1 16 2", zlib.compress(bytes(3)), "damaged (3 of 4 bytes)"),
        (b"RAWI-LAND-MASK 1 16 2", zlib.compress(bytes(9)), "damaged (5 of 4 bytes)"),
        (b"RAWI-LAND-MASK 1 0 2", b"", "not plausible"),
    ],
)
def test_a_damaged_mask_is_told_in_one_line(
    tmp_path: Path, header: bytes, body: bytes, expected: str
) -> None:
    path = write_mask(tmp_path / "m.bin", header, body)
    with pytest.raises(LandMaskError) as caught:
        read_land_mask(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and expected in message
    assert "\n" not in message


def test_a_missing_mask(tmp_path: Path) -> None:
    with pytest.raises(LandMaskError, match="cannot read the land mask"):
        read_land_mask(tmp_path / "nothing.bin")


# -- scripts/make_land_mask.py ------------------------------------------------


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_land_mask", ROOT / "scripts" / "make_land_mask.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_fills_a_square_and_leaves_its_hole() -> None:
    make = script()
    outer = [(0.0, 0.0), (20.0, 0.0), (20.0, 20.0), (0.0, 20.0), (0.0, 0.0)]
    hole = [(5.0, 5.0), (15.0, 5.0), (15.0, 15.0), (5.0, 15.0), (5.0, 5.0)]
    mask = LandMask(make.WIDTH, make.HEIGHT, bytes(make.rasterize([outer, hole])))
    assert mask.is_land(2.0, 2.0) and mask.is_land(18.0, 10.0)
    assert not mask.is_land(10.0, 10.0)  # the hole
    assert not mask.is_land(25.0, 10.0) and not mask.is_land(10.0, -2.0)


def test_the_script_mends_rings_at_the_antimeridian() -> None:
    make = script()
    # A ring that crosses the antimeridian (an island at 170 E to 170 W).
    island = [(170.0, 10.0), (-170.0, 10.0), (-170.0, 20.0), (170.0, 20.0), (170.0, 10.0)]
    # A ring that winds round the pole, as Antarctica's coast does.
    coast = [(-180.0, -70.0), (0.0, -65.0), (179.9, -70.0), (-180.0, -70.0)]
    rings = [flat for ring in (island, coast) for flat in make.flat_rings(ring)]
    mask = LandMask(make.WIDTH, make.HEIGHT, bytes(make.rasterize(rings)))
    assert mask.is_land(15.0, 175.0) and mask.is_land(15.0, -175.0)
    assert not mask.is_land(15.0, 0.0)
    assert mask.is_land(-80.0, 90.0) and mask.is_land(-89.0, -90.0)
    assert not mask.is_land(-60.0, 0.0)
