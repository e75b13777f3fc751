"""GNU FriBidi, through ctypes, as the reference for what one line of a paragraph shows.

``fribidi_visual_line(text, base_dir, start, end)`` is "what FriBidi shows for
that line of that paragraph": embedding levels resolved over the whole
paragraph with the forced base direction, Arabic joining and shaping
(presentation forms, lam-alef ligatures) and mirroring over the whole
paragraph, then ``fribidi_reorder_line`` for ``[start, end)`` with combining
marks kept after their base (``FRIBIDI_FLAG_REORDER_NSM``). From that visual
string the U+FEFF fillers that FriBidi leaves after a lam-alef ligature and
every bidi special it would not print are removed: explicit embeddings and
overrides, PDF, isolates, LRM, RLM, ALM and boundary-neutral (BN) characters.

``normalise`` is the comparison both sides go through. It makes two documented
equivalences and no more: an isolated presentation form of a single letter is
its base letter (arabic-reshaper writes U+FE80 where FriBidi leaves the hamza
U+0621 unshaped: the same glyph), and BN characters (ZWJ, ZWNJ, ZWSP, soft
hyphen...) are dropped, because FriBidi removes them while a layout that keeps
ZWJ inside an emoji sequence is right to.

The flag values are those of ``/usr/include/fribidi/fribidi-flags.h`` (FriBidi
1.0.8, Debian ``libfribidi-dev``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import unicodedata
from typing import Literal

Direction = Literal["L", "R"]

LIBRARY_NAME = "libfribidi.so.0"

# fribidi-flags.h
FLAG_SHAPE_MIRRORING = 0x00000001
FLAG_REORDER_NSM = 0x00000002
FLAG_SHAPE_ARAB_PRES = 0x00000100
FLAG_SHAPE_ARAB_LIGA = 0x00000200
FLAG_REMOVE_SPECIALS = 0x00040000
FLAGS_DEFAULT = FLAG_SHAPE_MIRRORING | FLAG_REORDER_NSM | FLAG_REMOVE_SPECIALS
FLAGS_ARABIC = FLAG_SHAPE_ARAB_PRES | FLAG_SHAPE_ARAB_LIGA
SHAPE_FLAGS = FLAGS_ARABIC | FLAG_SHAPE_MIRRORING
REORDER_FLAGS = FLAGS_DEFAULT | FLAGS_ARABIC

# fribidi-bidi-types.h
MASK_RTL = 0x00000001
MASK_STRONG = 0x00000010
MASK_NEUTRAL = 0x00000040
MASK_LETTER = 0x00000100
MASK_EXPLICIT = 0x00001000
MASK_ISOLATE = 0x00008000
MASK_BN = 0x00100000
PAR_LTR = MASK_STRONG | MASK_LETTER
PAR_RTL = MASK_STRONG | MASK_LETTER | MASK_RTL
PAR_ON = MASK_NEUTRAL

# fribidi-unicode.h: FRIBIDI_CHAR_FILL, written where a lam-alef pair became one glyph
CHAR_FILL = 0xFEFF
LRM, RLM, ALM = 0x200E, 0x200F, 0x061C


class FriBidiUnavailable(RuntimeError):
    """libfribidi.so.0 could not be loaded."""


@functools.cache
def load_library() -> ctypes.CDLL:
    """Load libfribidi.so.0 and declare the functions used here."""
    try:
        lib = ctypes.CDLL(LIBRARY_NAME)
    except OSError:
        found = ctypes.util.find_library("fribidi")
        if found is None:
            raise FriBidiUnavailable(f"{LIBRARY_NAME} not found") from None
        try:
            lib = ctypes.CDLL(found)
        except OSError as error:
            raise FriBidiUnavailable(str(error)) from error
    chars = ctypes.POINTER(ctypes.c_uint32)
    levels = ctypes.POINTER(ctypes.c_int8)
    index = ctypes.c_int
    lib.fribidi_get_bidi_types.argtypes = [chars, index, chars]
    lib.fribidi_get_bidi_types.restype = None
    lib.fribidi_get_bidi_type.argtypes = [ctypes.c_uint32]
    lib.fribidi_get_bidi_type.restype = ctypes.c_uint32
    lib.fribidi_get_bracket_types.argtypes = [chars, index, chars, chars]
    lib.fribidi_get_bracket_types.restype = None
    lib.fribidi_get_par_embedding_levels_ex.argtypes = [
        chars,
        chars,
        index,
        ctypes.POINTER(ctypes.c_uint32),
        levels,
    ]
    lib.fribidi_get_par_embedding_levels_ex.restype = ctypes.c_int8
    lib.fribidi_get_joining_types.argtypes = [chars, index, ctypes.POINTER(ctypes.c_uint8)]
    lib.fribidi_get_joining_types.restype = None
    lib.fribidi_join_arabic.argtypes = [chars, index, levels, ctypes.POINTER(ctypes.c_uint8)]
    lib.fribidi_join_arabic.restype = None
    lib.fribidi_shape.argtypes = [
        ctypes.c_uint32,
        levels,
        index,
        ctypes.POINTER(ctypes.c_uint8),
        chars,
    ]
    lib.fribidi_shape.restype = None
    lib.fribidi_reorder_line.argtypes = [
        ctypes.c_uint32,
        chars,
        index,
        index,
        ctypes.c_uint32,
        levels,
        chars,
        ctypes.POINTER(index),
    ]
    lib.fribidi_reorder_line.restype = ctypes.c_int8
    return lib


def available() -> bool:
    """True when libfribidi.so.0 can be loaded."""
    try:
        load_library()
    except FriBidiUnavailable:
        return False
    return True


class _Paragraph:
    """One paragraph resolved and shaped by FriBidi, ready to have lines reordered."""

    def __init__(self, text: str, base_dir: Direction) -> None:
        lib = load_library()
        size = len(text)
        self.size = size
        self.codes = (ctypes.c_uint32 * size)(*map(ord, text))
        self.types = (ctypes.c_uint32 * size)()
        lib.fribidi_get_bidi_types(self.codes, size, self.types)
        brackets = (ctypes.c_uint32 * size)()
        lib.fribidi_get_bracket_types(self.codes, size, self.types, brackets)
        direction = ctypes.c_uint32(PAR_RTL if base_dir == "R" else PAR_LTR)
        self.levels = (ctypes.c_int8 * size)()
        if size:
            max_level = lib.fribidi_get_par_embedding_levels_ex(
                self.types, brackets, size, ctypes.byref(direction), self.levels
            )
            if max_level == 0:
                raise RuntimeError("fribidi_get_par_embedding_levels_ex failed")
        self.base_dir = direction.value
        joining = (ctypes.c_uint8 * size)()
        lib.fribidi_get_joining_types(self.codes, size, joining)
        lib.fribidi_join_arabic(self.types, size, self.levels, joining)
        self.shaped = (ctypes.c_uint32 * size)(*self.codes)
        lib.fribidi_shape(SHAPE_FLAGS, self.levels, size, joining, self.shaped)

    def line(self, start: int, end: int) -> list[int]:
        """The code points of ``[start, end)`` in visual order, specials still in."""
        if not 0 <= start <= end <= self.size:
            raise ValueError(f"line [{start}, {end}) outside a paragraph of {self.size}")
        if start == end:
            return []
        lib = load_library()
        # fribidi_reorder_line applies L1 to the levels and reorders the
        # string in place: give it copies so lines stay independent.
        levels = (ctypes.c_int8 * self.size).from_buffer_copy(self.levels)
        visual = (ctypes.c_uint32 * self.size).from_buffer_copy(self.shaped)
        status = lib.fribidi_reorder_line(
            REORDER_FLAGS,
            self.types,
            end - start,
            start,
            self.base_dir,
            levels,
            visual,
            None,
        )
        if status == 0:
            raise RuntimeError("fribidi_reorder_line failed")
        return list(visual[start:end])


@functools.lru_cache(maxsize=256)
def _paragraph(text: str, base_dir: Direction) -> _Paragraph:
    return _Paragraph(text, base_dir)


@functools.lru_cache(maxsize=4096)
def is_special(code: int) -> bool:
    """True for what FriBidi never prints: explicit and isolate controls, marks, BN, fillers."""
    if code in (CHAR_FILL, LRM, RLM, ALM):
        return True
    kind = int(load_library().fribidi_get_bidi_type(code))
    return bool(kind & (MASK_EXPLICIT | MASK_ISOLATE | MASK_BN))


def fribidi_visual_line(text: str, base_dir: Direction, start: int, end: int) -> str:
    """What FriBidi shows for the line ``text[start:end]`` of the paragraph ``text``."""
    codes = _paragraph(text, base_dir).line(start, end)
    return "".join(chr(code) for code in codes if not is_special(code))


def fribidi_paragraph_direction(text: str) -> Direction:
    """The direction FriBidi gives ``text`` by rules P2/P3 (left to right if no strong letter)."""
    if not text:
        return "L"
    lib = load_library()
    size = len(text)
    codes = (ctypes.c_uint32 * size)(*map(ord, text))
    types = (ctypes.c_uint32 * size)()
    lib.fribidi_get_bidi_types(codes, size, types)
    brackets = (ctypes.c_uint32 * size)()
    lib.fribidi_get_bracket_types(codes, size, types, brackets)
    direction = ctypes.c_uint32(PAR_ON)
    levels = (ctypes.c_int8 * size)()
    if (
        lib.fribidi_get_par_embedding_levels_ex(
            types, brackets, size, ctypes.byref(direction), levels
        )
        == 0
    ):
        raise RuntimeError("fribidi_get_par_embedding_levels_ex failed")
    return "R" if direction.value == PAR_RTL else "L"


def fribidi_levels(text: str, base_dir: Direction) -> list[int]:
    """FriBidi's embedding levels of the paragraph (before rule L1), one per character."""
    return list(_paragraph(text, base_dir).levels)


def _isolated_to_base(char: str) -> str:
    decomposition = unicodedata.decomposition(char)
    if decomposition.startswith("<isolated> "):
        parts = decomposition.split()[1:]
        if len(parts) == 1:
            return chr(int(parts[0], 16))
    return char


def normalise(line: str) -> str:
    """A visual line with the two equivalences of the comparison applied (see module doc)."""
    return "".join(
        _isolated_to_base(char) for char in line if unicodedata.bidirectional(char) != "BN"
    )
