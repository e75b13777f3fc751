"""Cases that time a process from start to end: loading, ``--print``, start-up without bytecode.

- ``anchors_load``: ``load_story`` on the many-anchors stories (300 events on
  one letter, thousands of places), against their twins: the same paragraph
  and the same 300 events on a word that occurs once per copy of a seed
  paragraph (a few places). Resolved in linear time (issue 14), the two cost
  about the same; resolved by listing every place for every event, the
  letter costs far more. Each load runs in a fresh process with a time limit.
- ``print_mode``: ``rawi --print --width 80 STORY > /dev/null`` on the seed
  and on the 10 MB story: wall time and peak resident set (``VmHWM`` of the
  printing process, read by ``print_peak.py`` as it ends). GNU FriBidi's
  command-line tool on the same paragraphs gives the time a C program takes.
- ``startup_without_bytecode``: start-up of ``rawi`` on the seed against the
  minimal app, both with ``PYTHONDONTWRITEBYTECODE=1`` and Rawi's modules
  never compiled before (a copy of ``tui/`` with no ``__pycache__``), as on a
  machine that sets that variable and runs an editable install: Rawi's
  modules are compiled on every start.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import minimal_app
import startup
from catalogue import Bench, Samples
from report import ANCHORS_LOAD, PRINT_MEMORY, START_UP_NO_BYTECODE, Result

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
PRINT_PEAK = BENCHMARKS / "print_peak.py"
#: what a load in its own process prints: the seconds ``load_story`` took
_LOAD = (
    "import sys, time\n"
    "from tui.story import load_story\n"
    "start = time.perf_counter()\n"
    "load_story(sys.argv[1])\n"
    "print(time.perf_counter() - start)\n"
)


def _timed_out(into: Samples, limit: float) -> None:
    into.values.append(limit)
    into.timed_out += 1


def _load_seconds(bench: Bench, path: Path, into: Samples) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _LOAD, str(path)],
            capture_output=True,
            text=True,
            check=True,
            timeout=bench.timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        _timed_out(into, bench.timeout)
        return
    into.values.append(float(done.stdout.strip().splitlines()[-1]))


def anchors_load(bench: Bench) -> list[Result]:
    """Loading the many-anchors stories, each against its twin with the events on a rare word."""
    results = []
    for key in ("anchors-41kb", "anchors-1mb"):
        rare = f"{key}-rare"
        loads = {key: Samples(), rare: Samples()}
        began = time.perf_counter()
        while not bench.enough(loads[key], began):
            for which in (rare, key):  # interleaved: the same minutes for both
                if not loads[which].timed_out:
                    _load_seconds(bench, bench.stories.path(which), loads[which])
        for which, target in ((rare, None), (key, ANCHORS_LOAD)):
            samples = loads[which]
            results.append(
                Result(
                    "Load (`load_story`, own process)",
                    bench.stories.label(which),
                    "ms",
                    [value * 1000 for value in samples.values],
                    bench.stories.label(rare) if which == key else "",
                    [value * 1000 for value in loads[rare].values] if which == key else [],
                    target,
                    "300 events on one letter" if which == key else "",
                    samples.timed_out,
                )
            )
    return results


def _print_once(bench: Bench, path: Path, seconds: Samples, peak: Samples) -> None:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(PRINT_PEAK), str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
            timeout=bench.timeout,
        )
    except subprocess.TimeoutExpired:
        _timed_out(seconds, bench.timeout)
        return
    seconds.values.append(time.perf_counter() - start)
    peak.values.append(json.loads(done.stderr.strip().splitlines()[-1])["peak_rss_kib"] / 1024)


def _fribidi_seconds(bench: Bench, key: str, into: Samples) -> None:
    """GNU FriBidi's CLI on the story's paragraphs, one a line, width 80."""
    text_file = bench.stories.folder / f"{key}-paragraphs.txt"
    if not text_file.exists():
        paragraphs = bench.stories.story(key).paragraphs
        text_file.write_text("\n".join(p.text for p in paragraphs) + "\n", encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(
        ["fribidi", "--nopad", "--width", "80", "--rtl", str(text_file)],
        stdout=subprocess.DEVNULL,
        check=True,
        timeout=bench.timeout,
    )
    into.values.append(time.perf_counter() - start)


def print_mode(bench: Bench) -> list[Result]:
    """``--print`` of the seed and of the 10 MB story: time and peak memory."""
    keys = ("seed", "10mb")
    seconds = {key: Samples() for key in keys}
    peak = {key: Samples() for key in keys}
    fribidi = Samples()
    have_fribidi = shutil.which("fribidi") is not None
    began = time.perf_counter()
    while not bench.enough(seconds["10mb"], began):
        for key in keys:
            _print_once(bench, bench.stories.path(key), seconds[key], peak[key])
        if have_fribidi and len(fribidi.values) < len(seconds["10mb"].values):
            _fribidi_seconds(bench, "10mb", fribidi)
    seed_label, big = "seed", bench.stories.label("10mb")
    ms = {key: [value * 1000 for value in seconds[key].values] for key in keys}
    return [
        Result("`--print --width 80`, whole process", seed_label, "ms", ms["seed"]),
        Result(
            "`--print --width 80`, whole process",
            big,
            "ms",
            ms["10mb"],
            "FriBidi CLI, same paragraphs" if fribidi.values else "",
            [value * 1000 for value in fribidi.values],
            note=_times_the_seed(ms["10mb"], ms["seed"]),
            timed_out=seconds["10mb"].timed_out,
        ),
        Result("`--print` peak RSS", seed_label, "MiB", peak["seed"].values),
        Result(
            "`--print` peak RSS",
            big,
            "MiB",
            peak["10mb"].values,
            "seed",
            peak["seed"].values,
            PRINT_MEMORY,
        )
        if peak["10mb"].values
        else Result("`--print` peak RSS", big, "MiB", [0.0], note="no print ended in time"),
    ]


def _times_the_seed(samples: list[float], seed: list[float]) -> str:
    if not samples or not seed:
        return ""
    return f"{statistics.median(samples) / statistics.median(seed):.3g}x the seed's print"


def _uncompiled_copy(folder: Path) -> Path:
    """A copy of Rawi's package and data with no bytecode cache: what a fresh checkout has."""
    for name in ("tui", "assets", "seeds"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def startup_without_bytecode(bench: Bench) -> list[Result]:
    """Start-up, ``PYTHONDONTWRITEBYTECODE=1`` and Rawi's sources never compiled beside
    them, against the minimal app.

    Python then writes no bytecode, and Rawi keeps its own in its cache folder
    (``tui.bytecode``): the untimed start fills it, as a reader's first start
    does, and the timed starts read it. The first start itself (that cache
    emptied before each) is a row of its own, with no target.
    """
    seed = bench.stories.story("seed")
    times: dict[str, list[float]] = {"minimal": [], "rawi": [], "first": []}
    with tempfile.TemporaryDirectory(prefix="rawi-bench-nobytecode-") as folder:
        copy = _uncompiled_copy(Path(folder))
        env = startup.terminal_env(copy / "state")
        env.update(PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(copy))
        programs = {
            "minimal": (startup.minimal_command(), minimal_app.MARKER),
            "rawi": (
                [sys.executable, "-m", "tui", str(copy / "seeds" / "jamali.toml")],
                startup.story_marker(seed),
            ),
        }
        # As a reader's second start: the story kept (by the copy's own loader).
        # Run in the copy: ``python -m`` and ``-c`` put the current folder first
        # on the path, and a checkout's own folder holds its compiled modules.
        startup.keep_story(copy / "seeds" / "jamali.toml", env, cwd=copy)
        for command, marker in programs.values():  # one untimed start each (disk cache)
            startup.time_to_marker(command, marker, env, cwd=copy)
        code = Path(env["RAWI_CACHE_DIR"]) / "code"
        if not code.is_dir():
            raise RuntimeError(f"Rawi kept no code in {code}: was the copy the Rawi started?")
        for _ in range(bench.repeat):
            for name, (command, marker) in programs.items():
                times[name].append(startup.time_to_marker(command, marker, env, cwd=copy) * 1000)
            command, marker = programs["rawi"]
            shutil.rmtree(code)
            times["first"].append(startup.time_to_marker(command, marker, env, cwd=copy) * 1000)
        if any((copy / "tui").rglob("__pycache__")):
            raise RuntimeError("PYTHONDONTWRITEBYTECODE=1 did not keep Rawi from its cache")
    return [
        Result("Start-up, PYTHONDONTWRITEBYTECODE=1: minimal app", "-", "ms", times["minimal"]),
        Result(
            "Start-up, PYTHONDONTWRITEBYTECODE=1, Rawi's code from its own cache",
            "seed",
            "ms",
            times["rawi"],
            "minimal app",
            times["minimal"],
            START_UP_NO_BYTECODE,
        ),
        Result(
            "Start-up, PYTHONDONTWRITEBYTECODE=1, Rawi's first start (its code cache empty)",
            "seed",
            "ms",
            times["first"],
            "minimal app",
            times["minimal"],
        ),
    ]
