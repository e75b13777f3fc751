"""First paint of a story opened again: read back from the story cache (``tui.story.cache``).

The paint case (``scale.first_paint_and_freeze``) opens every story with an
empty cache: a first opening, the story loaded and checked whole. A reader
mostly opens a story they have opened before; this case keeps each story
first (as the reader does once its first frame is out), then times its first
paint, against the seed kept the same way and the minimal app, in rounds over
the stories as the paint case does.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import startup
from catalogue import Bench, Samples
from report import FIRST_PAINT, Result, Target
from scale import _minimal_paint, _rows, in_rounds, paint_rows

MEASURE = "First paint (pty), the story opened again"
#: the stories, and the baseline and target of each (as in ``scale.PAINTED``)
KEPT: dict[str, tuple[str, Target | None]] = {
    "seed": ("minimal", None),
    "10mb": ("seed", FIRST_PAINT),
    "chapters": ("seed", FIRST_PAINT),
    "annotated": ("seed", FIRST_PAINT),
    "paragraph-4mb-txt": ("seed", None),
}


def _paint(bench: Bench, key: str, cache: Path, into: Samples) -> None:
    def measure() -> float:
        session, first_paint = bench.session(key, cache=cache)
        session.close()
        return first_paint

    bench.sample(into, measure)


def first_paint_kept(bench: Bench) -> list[Result]:
    """First paint of each story in ``KEPT``, kept beforehand, and of the minimal app."""
    cache = Path(tempfile.mkdtemp(prefix="rawi-bench-cache-"))
    try:
        env = startup.terminal_env(cache)
        env["RAWI_CACHE_DIR"] = str(cache)
        for key in KEPT:
            startup.keep_story(bench.stories.path(key), env)
        paint = {key: Samples() for key in ["minimal", *KEPT]}

        def measure(key: str) -> None:
            if key == "minimal":
                _minimal_paint(bench, paint[key])
            else:
                _paint(bench, key, cache, paint[key])

        in_rounds(bench, paint, measure)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return _rows(paint_rows(bench, MEASURE, KEPT, paint))
