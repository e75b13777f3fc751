"""The world's land as a bitmap: ``assets/land-mask.bin``, loaded once, when first asked.

The file is made by ``scripts/make_land_mask.py`` from Natural Earth (public
domain; source and licence in ``assets/land-mask.bin.license``): a header
line ``RAWI-LAND-MASK 1 <width> <height>``, then zlib-compressed rows of bits,
row 0 at the north pole, column 0 at 180 degrees west, most significant bit
first. Nothing reads it at start-up: ``land_mask()`` is called when the
journey pane first opens (about 16 KB to read, 200 KB once inflated).
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path

MAGIC = b"RAWI-LAND-MASK"
FILE_NAME = "land-mask.bin"


class LandMaskError(Exception):
    """The land mask file is missing or damaged; the message says which, in one line."""


class LandMask:
    """Which cells of an equirectangular grid of the world are land."""

    def __init__(self, width: int, height: int, bits: bytes) -> None:
        self.width = width
        self.height = height
        self.row_bytes = (width + 7) // 8
        self.bits = bits

    def is_land(self, latitude: float, longitude: float) -> bool:
        """Whether the point is on land (longitudes wrap round the world)."""
        column = self.column_of(longitude)
        byte = self.bits[self.row_of(latitude) * self.row_bytes + column // 8]
        return bool(byte & (0x80 >> (column % 8)))

    def row_of(self, latitude: float) -> int:
        """The grid row holding ``latitude``."""
        return min(self.height - 1, max(0, int((90.0 - latitude) * self.height / 180.0)))

    def column_of(self, longitude: float) -> int:
        """The grid column holding ``longitude``."""
        return int(((longitude + 180.0) % 360.0) * self.width / 360.0) % self.width


def read_land_mask(path: Path) -> LandMask:
    """The land mask in the file at ``path``; raises ``LandMaskError``."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LandMaskError(f"{path}: cannot read the land mask ({error.strerror})") from None
    header, newline, packed = data.partition(b"\n")
    fields = header.split()
    if (
        not newline
        or len(fields) != 4
        or fields[0] != MAGIC
        or fields[1] != b"1"
        or not all(field.isdigit() for field in fields[2:])
    ):
        raise LandMaskError(f"{path}: not a land mask (expected a {MAGIC.decode()} 1 header)")
    width, height = int(fields[2]), int(fields[3])
    if not (0 < width <= 100_000 and 0 < height <= 100_000):
        raise LandMaskError(f"{path}: a land mask of {width} x {height} cells is not plausible")
    expected = (width + 7) // 8 * height
    try:
        inflater = zlib.decompressobj()
        bits = inflater.decompress(packed, expected + 1)
    except zlib.error:
        raise LandMaskError(f"{path}: the land mask is damaged (not zlib data)") from None
    if len(bits) != expected or not inflater.eof:
        raise LandMaskError(f"{path}: the land mask is damaged ({len(bits)} of {expected} bytes)")
    return LandMask(width, height, bits)


@lru_cache(maxsize=1)
def land_mask() -> LandMask:
    """The packaged land mask, read the first time it is asked for; raises ``LandMaskError``."""
    from tui.locations import assets_dir

    return read_land_mask(assets_dir() / FILE_NAME)
