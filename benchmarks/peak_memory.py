"""Peak memory of one reader: load a story, open the app headless, show the first chapter.

Run in a fresh process per story, so that nothing another measure loaded is
counted. ``python benchmarks/peak_memory.py STORY`` prints one JSON object:
``peak_rss_kib``, the process's peak resident set. With ``--tracemalloc`` it
adds ``tracemalloc_peak_kib``, the peak of memory allocated by Python code once
the modules are imported, and ``tracemalloc_held_kib``, what Python code holds
with the chapter on screen (tracing inflates the resident set: measure the two
in separate runs). ``--search QUERY`` also types a query after ``/``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import tempfile
import tracemalloc
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: the terminal the app is run in, as for the other measures
SIZE = (120, 40)


async def _open(story_path: Path, search: str | None) -> int:
    """Show the story; the bytes Python code holds then (0 when not tracing)."""
    from tui import collector

    # As ``rawi`` starts: no collector passes until the first paint.
    collector.pause()
    from tui.app import RawiApp
    from tui.state import ResumeStore
    from tui.story import load_story

    if tracemalloc.is_tracing():
        # Importing Textual peaks higher than a small story ever does: count
        # from here, so the figure is the story's and the app's.
        tracemalloc.reset_peak()
    story = load_story(story_path)
    with tempfile.TemporaryDirectory(prefix="rawi-bench-state-") as state:
        app = RawiApp(
            story,
            state=ResumeStore(Path(state)),
            on_first_paint=collector.wake_after_first_paint,
        )
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if app.reader.chapter_index != 0:
                raise RuntimeError("the first chapter is not on screen")
            if search:
                await pilot.press("slash", *search)
                await pilot.pause()
            return tracemalloc.get_traced_memory()[0]
    raise AssertionError("unreachable")  # for mypy: run_test re-raises any error


def peak_rss_kib() -> int:
    """The peak resident set of this program, in KiB.

    Linux keeps ``getrusage``'s ``ru_maxrss`` across ``fork`` and ``execve``: a
    process started by a larger one reports its parent's peak. ``VmHWM`` in
    ``/proc/self/status`` belongs to this program's own memory map; elsewhere
    ``ru_maxrss`` is what there is.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Peak memory of Rawi showing a story.")
    parser.add_argument("story", type=Path)
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python's peak")
    parser.add_argument("--search", metavar="QUERY", help="type QUERY in the search field too")
    args = parser.parse_args(argv)
    if args.tracemalloc:
        tracemalloc.start()
    held = asyncio.run(_open(args.story, args.search))
    result = {"peak_rss_kib": peak_rss_kib()}
    if args.tracemalloc:
        result["tracemalloc_peak_kib"] = tracemalloc.get_traced_memory()[1] // 1024
        result["tracemalloc_held_kib"] = held // 1024
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
