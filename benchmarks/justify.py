"""What justification costs: layout time of every paragraph with and without it.

    .venv/bin/python benchmarks/justify.py                  # seed and a 1 MB story
    .venv/bin/python benchmarks/justify.py --size-mb 0.2 --repeat 5

``tui.rtl.layout_paragraph(text, width, direction, justify=...)`` on every
paragraph of the story. First layout: the engine's caches cleared before
each pass, so each paragraph is resolved, shaped, broken, reordered (and
justified) from nothing, the cost of a first paint. Reflow: each paragraph
laid out once at another width first (untimed), so only the lines are made
again, the cost of a resize. The baseline is the same pass without
justification, taken alternately with it in the same run. Both are timed in CPU time of this process
(``time.process_time``): the work is single-threaded and CPU-bound, and on a
machine shared with other programs the wall clock would count their turns.
Target (issue 12): justification adds less than 20%.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
for folder in (ROOT, BENCHMARKS):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from report import Result, Target, text_table  # noqa: E402

from tui.rtl import Direction, layout_paragraph  # noqa: E402
from tui.rtl import layout as rtl_layout  # noqa: E402
from tui.story import Story, load_story  # noqa: E402

SEED = ROOT / "seeds" / "jamali.toml"
#: a first layout at the reader's width; a reflow to another after a resize
WIDTH, REFLOW_WIDTH = 80, 60
#: justification adds at most 20% to the layout of a paragraph
JUSTIFICATION = Target("ratio_max", 1.2)


def _pass(texts: Sequence[str], direction: Direction, justify: bool, reflow: bool) -> float:
    """Seconds to lay out ``texts``: cold at ``WIDTH``, or reflowed to ``REFLOW_WIDTH``.

    A reflow finds each paragraph resolved and shaped (and its kashida sites
    found) by a layout at ``WIDTH``, as after a resize: only the lines are made.
    """
    rtl_layout.clear_caches()
    if reflow:
        for text in texts:
            layout_paragraph(text, WIDTH, direction, justify=justify)
    width = REFLOW_WIDTH if reflow else WIDTH
    start = time.process_time()
    for text in texts:
        layout_paragraph(text, width, direction, justify=justify)
    return time.process_time() - start


def layout_times(
    texts: Sequence[str], direction: Direction, rounds: int, reflow: bool = False
) -> tuple[list[float], list[float]]:
    """Seconds per pass without and with justification, the two taken in turn."""
    plain: list[float] = []
    justified: list[float] = []
    _pass(texts, direction, True, reflow)  # warm the interpreter, not the caches
    for number in range(rounds):
        # Alternate which goes first, so that neither always follows the other.
        if number % 2:
            justified.append(_pass(texts, direction, True, reflow))
            plain.append(_pass(texts, direction, False, reflow))
        else:
            plain.append(_pass(texts, direction, False, reflow))
            justified.append(_pass(texts, direction, True, reflow))
    return plain, justified


def measure_justify(stories: Sequence[tuple[str, Story]], repeat: int) -> list[Result]:
    """Per story: first layout and reflow with justification, against the same without."""
    results = []
    for name, story in stories:
        texts = [paragraph.text for paragraph in story.paragraphs]
        chars = sum(len(text) for text in texts)
        # A small story lays out in milliseconds: more rounds for a steady
        # figure; a large one in seconds: fewer (at least 2).
        rounds = repeat * max(1, min(10, 50_000 // max(1, chars)))
        rounds = max(2, min(rounds, 2_000_000 // max(1, chars)))
        for reflow, what in (
            (False, f"first layout at {WIDTH}"),
            (True, f"reflow to {REFLOW_WIDTH}"),
        ):
            plain, justified = layout_times(texts, story.direction, rounds, reflow)
            results.append(
                Result(
                    f"Layout with justification, {what}",
                    name,
                    "ms",
                    [seconds * 1000 for seconds in justified],
                    "the same without",
                    [seconds * 1000 for seconds in plain],
                    JUSTIFICATION,
                    note=f"{chars:,} characters, {len(texts)} paragraphs, CPU time",
                )
            )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Layout time with and without justification.")
    parser.add_argument("--size-mb", type=float, default=1.0, help="generated story size")
    parser.add_argument("--repeat", type=int, default=10, help="rounds (more on small stories)")
    args = parser.parse_args(argv)
    import make_story

    seed = load_story(SEED)
    with tempfile.TemporaryDirectory(prefix="rawi-bench-justify-") as folder:
        path = Path(folder) / "story.toml"
        large = make_story.write_story(path, args.size_mb)
    results = measure_justify([("seed", seed), (f"{args.size_mb:g} MB", large)], args.repeat)
    print(text_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
