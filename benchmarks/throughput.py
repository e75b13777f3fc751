"""Layout throughput: Rawi's layout engine against GNU FriBidi on the same paragraphs.

Rawi: ``tui.rtl.layout_paragraph(text, 80, direction)`` on every paragraph of
the story, with the engine's caches cleared first, so each paragraph is
resolved, shaped, broken into lines and reordered line by line from nothing.

FriBidi: ``fribidi_log2vis`` from ``libfribidi.so.0`` through ctypes, one call
per paragraph, timed with the conversion of the Python string to UTF-32 and
the result arrays (visual string, both index maps, levels): what a Python
program pays to use it. It resolves the levels, shapes (presentation forms,
lam-alef) and mirrors, as Rawi does, but it breaks no lines and measures no
cell widths, and it reorders the paragraph as one line: it does less work.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import time
from collections.abc import Callable, Sequence

from tui.rtl import Direction, layout_paragraph
from tui.rtl import layout as rtl_layout
from tui.story import Story

WIDTH = 80
LIBRARY_NAME = "libfribidi.so.0"
#: FRIBIDI_PAR_RTL and FRIBIDI_PAR_LTR (fribidi-bidi-types.h)
PAR_RTL, PAR_LTR = 0x00000111, 0x00000110


class FriBidiMissing(RuntimeError):
    """libfribidi.so.0 cannot be loaded."""


@functools.cache
def fribidi() -> ctypes.CDLL:
    """libfribidi.so.0, with ``fribidi_log2vis`` declared."""
    try:
        lib = ctypes.CDLL(LIBRARY_NAME)
    except OSError:
        found = ctypes.util.find_library("fribidi")
        if found is None:
            raise FriBidiMissing(f"{LIBRARY_NAME} not found") from None
        try:
            lib = ctypes.CDLL(found)
        except OSError as error:
            raise FriBidiMissing(str(error)) from error
    chars = ctypes.POINTER(ctypes.c_uint32)
    index = ctypes.POINTER(ctypes.c_int)
    lib.fribidi_log2vis.argtypes = [
        chars,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_uint32),
        chars,
        index,
        index,
        ctypes.POINTER(ctypes.c_int8),
    ]
    lib.fribidi_log2vis.restype = ctypes.c_int8
    return lib


def fribidi_available() -> bool:
    """True when libfribidi.so.0 can be loaded."""
    try:
        fribidi()
    except FriBidiMissing:
        return False
    return True


def fribidi_visual(text: str, direction: Direction) -> str:
    """The whole paragraph in visual order, shaped and mirrored, as FriBidi gives it."""
    lib = fribidi()
    size = len(text)
    logical = (ctypes.c_uint32 * size).from_buffer_copy(text.encode("utf-32-le"))
    visual = (ctypes.c_uint32 * size)()
    to_visual = (ctypes.c_int * size)()
    to_logical = (ctypes.c_int * size)()
    levels = (ctypes.c_int8 * size)()
    base = ctypes.c_uint32(PAR_RTL if direction == "R" else PAR_LTR)
    if not lib.fribidi_log2vis(
        logical, size, ctypes.byref(base), visual, to_visual, to_logical, levels
    ):
        raise RuntimeError("fribidi_log2vis failed")
    return bytes(visual).decode("utf-32-le")


def clear_layout_caches() -> None:
    """Forget every paragraph laid out and every word shaped so far."""
    rtl_layout.clear_caches()


def story_texts(story: Story) -> list[str]:
    """The text of every paragraph, in reading order."""
    return [paragraph.text for paragraph in story.paragraphs]


def _timed(work: Callable[[], None], before: Callable[[], None], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return times


def rawi_times(texts: Sequence[str], direction: Direction, repeat: int) -> list[float]:
    """Seconds to lay out all ``texts`` at width 80, cold, once per repetition."""

    def work() -> None:
        # Lines are made lazily: every one is asked for, as FriBidi makes them all.
        for text in texts:
            for _ in layout_paragraph(text, WIDTH, direction).lines:
                pass

    return _timed(work, clear_layout_caches, repeat)


def fribidi_times(texts: Sequence[str], direction: Direction, repeat: int) -> list[float]:
    """Seconds for ``fribidi_log2vis`` on all ``texts``, once per repetition."""

    def work() -> None:
        for text in texts:
            fribidi_visual(text, direction)

    return _timed(work, lambda: None, repeat)
