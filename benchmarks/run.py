"""Rawi's benchmarks: every measure on the seed and on a generated story, with baselines.

    .venv/bin/python benchmarks/run.py                 # the full run, 1 MB story
    .venv/bin/python benchmarks/run.py --markdown      # ... and print the Markdown table
    .venv/bin/python benchmarks/run.py --smoke         # CI: tiny stories, 1 repetition

Each measure is compared with a baseline measured in the same run, on the same
machine, a few seconds apart: start-up against a minimal Textual app, the
larger story against the seed, the layout engine against GNU FriBidi. The
targets come from the project's performance issue; a missed target is shown
as MISS in the table but does not change the exit status: these are
measures, not tests. The exit status is 1 only when a measure could not be
taken (a program that did not start, a key that did nothing).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
for folder in (ROOT, BENCHMARKS):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import interaction  # noqa: E402
import justify as justification  # noqa: E402
import kept  # noqa: E402
import minimal_app  # noqa: E402
import scale  # noqa: E402
import startup  # noqa: E402
import terminal  # noqa: E402
import throughput  # noqa: E402
import whole_runs  # noqa: E402
from catalogue import SHAPES, Bench, Stories  # noqa: E402
from report import (  # noqa: E402
    INTERACTION,
    LARGE_START_UP,
    MEMORY,
    START_UP,
    Result,
    machine,
    markdown_table,
    result_from_json,
    text_table,
)

from tui.story import Story  # noqa: E402

SEED = ROOT / "seeds" / "jamali.toml"
PEAK_MEMORY = BENCHMARKS / "peak_memory.py"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _ms(samples: list[float]) -> list[float]:
    return [seconds * 1000 for seconds in samples]


def measure_startup(
    seed: Story, large: Story, large_path: Path, large_name: str, repeat: int
) -> list[Result]:
    """Start-up of the minimal app, rawi on the seed and rawi on the large story, interleaved.

    As a reader starts Rawi on a story opened before (the story kept in the
    cache, ``tui.story.cache``); and on the seed opened for the first time,
    each start with an empty cache.
    """
    programs = {
        "minimal": (startup.minimal_command(), minimal_app.MARKER),
        "seed": (startup.rawi_command(SEED), startup.story_marker(seed)),
        "large": (startup.rawi_command(large_path), startup.story_marker(large)),
        "seed-first": (startup.rawi_command(SEED), startup.story_marker(seed)),
    }
    times: dict[str, list[float]] = {name: [] for name in programs}
    with tempfile.TemporaryDirectory(prefix="rawi-bench-state-") as state:
        env = startup.terminal_env(Path(state))
        startup.compile_rawi()
        startup.keep_story(SEED, env)
        startup.keep_story(large_path, env)
        # One untimed start each: the disk cache is then as warm for every
        # timed start as for a reader's second one.
        for command, marker in programs.values():
            startup.time_to_marker(command, marker, env)
        for number in range(repeat):
            for name, (command, marker) in programs.items():
                run_env = env
                if name == "seed-first":
                    run_env = dict(env, RAWI_CACHE_DIR=str(Path(state) / f"empty-{number}"))
                times[name].append(startup.time_to_marker(command, marker, run_env))
    minimal, seed_ms, large_ms = _ms(times["minimal"]), _ms(times["seed"]), _ms(times["large"])
    first_ms = _ms(times["seed-first"])
    large_to_minimal = statistics.median(large_ms) / statistics.median(minimal)
    return [
        Result("Start-up to first paint: minimal Textual app", "-", "ms", minimal),
        Result(
            "Start-up to first paint: rawi",
            "seed",
            "ms",
            seed_ms,
            "minimal app",
            minimal,
            START_UP,
        ),
        Result(
            "Start-up to first paint: rawi, the story opened for the first time",
            "seed",
            "ms",
            first_ms,
            "minimal app",
            minimal,
            START_UP,
            note="nothing kept: the story loaded and checked",
        ),
        Result(
            "Start-up to first paint: rawi",
            large_name,
            "ms",
            large_ms,
            "rawi on the seed",
            seed_ms,
            LARGE_START_UP,
            note=f"{large_to_minimal:.2f}x the minimal app",
        ),
    ]


def measure_interaction(
    seed: Story, large: Story, large_name: str, repeat: int, switches: int | None
) -> list[Result]:
    """Chapter switch and search keystroke on both stories; the seed is the baseline."""
    seed_switch = _ms(interaction.chapter_switch_times(seed, repeat, switches))
    large_switch = _ms(interaction.chapter_switch_times(large, repeat, switches))
    seed_keys, seed_first = interaction.search_keystroke_times(seed, repeat)
    large_keys, large_first = interaction.search_keystroke_times(large, repeat)
    seed_keys, seed_first, large_keys, large_first = map(
        _ms, (seed_keys, seed_first, large_keys, large_first)
    )
    seed_index = _ms(interaction.index_build_times(seed, repeat))
    large_index = _ms(interaction.index_build_times(large, repeat))
    return [
        Result("Chapter switch (`n`)", "seed", "ms", seed_switch),
        Result(
            "Chapter switch (`n`)", large_name, "ms", large_switch, "seed", seed_switch, INTERACTION
        ),
        Result(f"Search keystroke ({interaction.QUERY})", "seed", "ms", seed_keys),
        Result(
            f"Search keystroke ({interaction.QUERY})",
            large_name,
            "ms",
            large_keys,
            "seed",
            seed_keys,
            INTERACTION,
        ),
        Result("First search keystroke (one letter)", "seed", "ms", seed_first),
        Result(
            "First search keystroke (one letter)",
            large_name,
            "ms",
            large_first,
            "seed",
            seed_first,
        ),
        Result("Search index build (background thread)", "seed", "ms", seed_index),
        Result(
            "Search index build (background thread)",
            large_name,
            "ms",
            large_index,
            "seed",
            seed_index,
        ),
    ]


def measure_throughput(stories: list[tuple[str, Story]], repeat: int) -> list[Result]:
    """Layout engine against FriBidi (when installed) on every paragraph of each story."""
    results = []
    have_fribidi = throughput.fribidi_available()
    if not have_fribidi:
        _say("  GNU FriBidi (libfribidi.so.0) is not installed: no baseline for the layout")
    for name, story in stories:
        texts = throughput.story_texts(story)
        chars = sum(len(text) for text in texts)
        # A small story lays out in milliseconds: more rounds for a steady figure.
        rounds = repeat * max(1, min(20, 100_000 // max(1, chars)))
        rawi = [
            chars / seconds for seconds in throughput.rawi_times(texts, story.direction, rounds)
        ]
        fribidi = (
            [chars / s for s in throughput.fribidi_times(texts, story.direction, rounds)]
            if have_fribidi
            else []
        )
        results.append(
            Result(
                "Layout throughput, width 80, cold cache",
                name,
                "chars/s",
                rawi,
                "FriBidi log2vis" if have_fribidi else "",
                fribidi,
                note=f"{chars:,} characters, {len(texts)} paragraphs",
            )
        )
    return results


def _peak(story_path: Path, *options: str) -> dict[str, int]:
    output = subprocess.run(
        [sys.executable, str(PEAK_MEMORY), str(story_path), *options],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, int] = json.loads(output.strip().splitlines()[-1])
    return result


def measure_memory(large_path: Path, large_name: str, runs: int) -> list[Result]:
    """Peak resident memory of a fresh process showing each story; Python's own share too."""
    rss: dict[str, list[float]] = {"seed": [], "large": []}
    held: dict[str, list[float]] = {"seed": [], "large": []}
    for _ in range(runs):
        for name, path in (("seed", SEED), ("large", large_path)):
            rss[name].append(_peak(path)["peak_rss_kib"] / 1024)
            held[name].append(_peak(path, "--tracemalloc")["tracemalloc_held_kib"] / 1024)
    return [
        Result("Peak memory (peak RSS)", "seed", "MiB", rss["seed"]),
        Result(
            "Peak memory (peak RSS)", large_name, "MiB", rss["large"], "seed", rss["seed"], MEMORY
        ),
        Result("Python heap held, first chapter shown (tracemalloc)", "seed", "MiB", held["seed"]),
        Result(
            "Python heap held, first chapter shown (tracemalloc)",
            large_name,
            "MiB",
            held["large"],
            "seed",
            held["seed"],
        ),
    ]


# -- the cases: one function each, all taking the run's ``Bench`` --------------


def case_startup(bench: Bench) -> list[Result]:
    """Start-up: minimal app, seed, the 1 MB story (raw output, interleaved)."""
    stories = bench.stories
    return measure_startup(
        stories.story("seed"),
        stories.story("large"),
        stories.path("large"),
        stories.label("large"),
        bench.repeat,
    )


def case_in_process(bench: Bench) -> list[Result]:
    """Chapter switch and search keystroke inside a headless app (seed and 1 MB)."""
    stories = bench.stories
    # Every chapter of the 1 MB story in turn, 5 times at most (145 switches):
    # the pseudo-terminal cases time the same keys on more stories.
    return measure_interaction(
        stories.story("seed"),
        stories.story("large"),
        stories.label("large"),
        min(bench.repeat, 5),
        4 if bench.smoke else None,
    )


def case_throughput(bench: Bench) -> list[Result]:
    """The layout engine against FriBidi."""
    stories = bench.stories
    return measure_throughput(
        [("seed", stories.story("seed")), (stories.label("large"), stories.story("large"))],
        bench.repeat,
    )


def case_justify(bench: Bench) -> list[Result]:
    """Layout with and without justification (issue 12: under 20% more)."""
    stories = bench.stories
    return justification.measure_justify(
        [("seed", stories.story("seed")), (stories.label("large"), stories.story("large"))],
        bench.repeat,
    )


def case_memory(bench: Bench) -> list[Result]:
    """Peak memory of a headless app showing the 1 MB story."""
    # Memory varies little from run to run, and each run is a process.
    runs = 1 if bench.smoke else min(bench.repeat, 3)
    return measure_memory(bench.stories.path("large"), bench.stories.label("large"), runs)


#: a case: measures on the run's stories, rows for the table
Case = Callable[[Bench], list[Result]]

#: every case, in the order a run takes them: (name for --only, function)
CASES: list[tuple[str, Case]] = [
    ("startup", case_startup),
    ("startup-nobytecode", whole_runs.startup_without_bytecode),
    ("in-process", case_in_process),
    ("throughput", case_throughput),
    ("justify", case_justify),
    ("memory", case_memory),
    ("paint", scale.first_paint_and_freeze),
    ("paint-kept", kept.first_paint_kept),
    ("reader", scale.reader_interactions),
    ("paragraph", scale.long_paragraph_interactions),
    ("anchors", whole_runs.anchors_load),
    ("print", whole_runs.print_mode),
]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Measure Rawi against its baselines.")
    parser.add_argument("--smoke", action="store_true", help="tiny stories, 1 repetition (CI)")
    parser.add_argument("--size-mb", type=float, help="size of the generated story (default 1)")
    parser.add_argument("--repeat", type=int, help="repetitions of each measure (default 10)")
    parser.add_argument(
        "--only",
        metavar="CASES",
        help="run only these cases, comma-separated: " + ", ".join(name for name, _ in CASES),
    )
    parser.add_argument(
        "--budget",
        type=float,
        help="seconds a pty case may spend on one story before it stops at 3 samples "
        "(default 30; smoke 5)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        help="seconds a key, a first paint or a load may take (default 60): a sample "
        "that takes longer counts as this long, marked as timed out",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="write every sample here")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--from-json", type=Path, metavar="PATH", help="measure nothing: print a saved run's table"
    )
    return parser


def _cases(parser: argparse.ArgumentParser, only: str | None) -> list[tuple[str, Case]]:
    if only is None:
        return list(CASES)
    wanted = [name.strip() for name in only.split(",") if name.strip()]
    known = dict(CASES)
    unknown = [name for name in wanted if name not in known]
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)}; the cases: {', '.join(known)}")
    return [(name, case) for name, case in CASES if name in wanted]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        loaded = [result_from_json(item) for item in saved["results"]]
        print(markdown_table(loaded) if args.markdown else text_table(loaded))
        return 0
    repeat = args.repeat if args.repeat is not None else (1 if args.smoke else 10)
    if (args.size_mb is not None and args.size_mb <= 0) or repeat < 1:
        parser.error("--size-mb must be more than 0 and --repeat at least 1")
    cases = _cases(parser, args.only)
    began = time.perf_counter()
    load_before = " ".join(f"{load:.2f}" for load in os.getloadavg())
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="rawi-bench-") as folder:
        bench = Bench(
            stories=Stories(Path(folder), args.smoke, args.size_mb),
            repeat=repeat,
            smoke=args.smoke,
            budget=args.budget if args.budget is not None else (5.0 if args.smoke else 30.0),
            timeout=args.timeout if args.timeout is not None else 60.0,
            # Long enough for the last frame of an answer; shorter in CI,
            # where the figures only have to be taken.
            quiet=0.15 if args.smoke else terminal.QUIET,
        )
        _say(bench.stories.describe("large"))
        failed = []
        case_of: dict[int, str] = {}
        for name, case in cases:
            _say(f"{name} ...")
            case_began = time.perf_counter()
            try:
                rows = case(bench)
                results += rows
                case_of.update((id(row), name) for row in rows)
            # Whatever goes wrong in one case, a long run is not lost to it.
            except Exception as error:
                _say(f"  {name}: a measure could not be taken: {error!r}")
                traceback.print_exc(file=sys.stderr)
                failed.append(name)
            _say(f"  {name}: {time.perf_counter() - case_began:.0f} s")
        written = {
            bench.stories.label(key): bench.stories.describe(key)
            for key in ("large", *SHAPES)
            if key in bench.stories.written()
        }

    where = machine()
    where["load_average_before"] = load_before
    _say(f"done in {time.perf_counter() - began:.0f} s")
    print(text_table(results))
    if args.markdown:
        print()
        print(markdown_table(results))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": where,
                    "stories": written,
                    "repeat": repeat,
                    "smoke": args.smoke,
                    "cases": [name for name, _ in cases],
                    "failed": failed,
                    "results": [
                        {**result.as_json(), "case": case_of[id(result)]} for result in results
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    if failed:
        _say(f"cases that could not be measured: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except (startup.StartupError, RuntimeError, subprocess.CalledProcessError) as error:
        # terminal.Unanswered is a RuntimeError: a program that never painted.
        print(f"benchmarks/run.py: a measure could not be taken: {error}", file=sys.stderr)
        raise SystemExit(1) from None
