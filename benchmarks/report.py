"""The benchmark's results: one row per measure, its baseline from the same run, the table.

A ``Result`` holds the samples of one measure on one story, the baseline it
is compared with, and the target it must meet, if any. ``markdown_table`` and
``text_table`` print them; ``machine`` describes where they were measured.
"""

from __future__ import annotations

import math
import os
import platform
import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Literal

#: how a target reads: the median at most a number of milliseconds (and, for an
#: interaction, the 90th percentile at most another), the slowest sample at
#: most a number of milliseconds (or at most that many more than the
#: baseline's median), or the ratio to the baseline at most a factor
TargetKind = Literal["median_ms_max", "interaction", "max_ms_max", "excess_ms_max", "ratio_max"]


@dataclass(frozen=True, slots=True)
class Target:
    """What a measure must meet: ``kind`` at most ``limit`` (``aim``: what is hoped for)."""

    kind: TargetKind
    limit: float
    aim: float | None = None
    #: for an interaction: the 90th percentile at most this many milliseconds
    p90: float | None = None

    def describe(self) -> str:
        if self.kind == "median_ms_max":
            return f"median < {self.limit:g} ms"
        if self.kind == "interaction":
            return f"median < {self.limit:g} ms, p90 < {self.p90:g} ms"
        if self.kind == "max_ms_max":
            return f"max < {self.limit:g} ms"
        if self.kind == "excess_ms_max":
            return f"max < baseline + {self.limit:g} ms"
        aim = f" (aim {self.aim:g}x)" if self.aim is not None else ""
        return f"<= {self.limit:g}x{aim}"


#: the targets of the performance issues (the first, then issue 15 "Scale" and 14)
START_UP = Target("ratio_max", 1.3)
START_UP_NO_BYTECODE = Target("ratio_max", 1.4)
LARGE_START_UP = Target("ratio_max", 1.5)
INTERACTION = Target("interaction", 50, p90=100)
MEMORY = Target("ratio_max", 2.0)
#: issue 15: the app's peak memory on the 10 MB story against the seed's
MEMORY_10MB = Target("ratio_max", 2.5)
#: issue 15: first paint of a large story against the seed's
FIRST_PAINT = Target("ratio_max", 1.5)
#: issue 14: a 4 MB one-paragraph story opens within 2x the 1 MB story
FIRST_PAINT_4MB = Target("ratio_max", 2.0)
#: issue 15: no freeze after the first paint over 100 ms: the probe key right
#: after the first paint answered at most 100 ms later than when the app is idle
FREEZE = Target("excess_ms_max", 100)
#: issue 15: PageDown and End on a long paragraph
SCROLL = Target("median_ms_max", 50)
#: issue 14: a search keystroke on the 4 MB paragraph
SEARCH_4MB = Target("median_ms_max", 100)
#: issue 15: print mode's memory flat in the story's size
PRINT_MEMORY = Target("ratio_max", 1.5)
#: issue 14: anchors resolved in linear time: 300 events on a letter with
#: thousands of places load about as fast as on a word with a few
ANCHORS_LOAD = Target("ratio_max", 2.0)
KNOWN_TARGETS = (
    START_UP,
    START_UP_NO_BYTECODE,
    LARGE_START_UP,
    INTERACTION,
    MEMORY,
    MEMORY_10MB,
    FIRST_PAINT,
    FIRST_PAINT_4MB,
    FREEZE,
    SCROLL,
    SEARCH_4MB,
    PRINT_MEMORY,
    ANCHORS_LOAD,
)


@dataclass
class Result:
    """One measure on one story: its samples, in ``unit``, and what it is held against."""

    measure: str
    story: str
    unit: Literal["ms", "MiB", "chars/s"]
    samples: list[float]
    baseline_name: str = ""
    baseline_samples: list[float] = field(default_factory=list)
    target: Target | None = None
    note: str = ""
    #: how many samples hit the time limit (each counted as the limit: a floor)
    timed_out: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        """The 95th percentile on the slow side: of a rate, the 5th."""
        return percentile(self.samples, 5 if self.unit == "chars/s" else 95)

    @property
    def p90(self) -> float:
        """The 90th percentile on the slow side: of a rate, the 10th."""
        return percentile(self.samples, 10 if self.unit == "chars/s" else 90)

    @property
    def baseline(self) -> float | None:
        return statistics.median(self.baseline_samples) if self.baseline_samples else None

    @property
    def ratio(self) -> float | None:
        baseline = self.baseline
        if baseline is None or baseline == 0:
            return None
        return self.median / baseline

    @property
    def passed(self) -> bool | None:
        """True or False against the target; None without a target (or a baseline it needs)."""
        target = self.target
        if target is None:
            return None
        if self.timed_out:
            return False
        if target.kind == "median_ms_max":
            return self.median < target.limit
        if target.kind == "interaction":
            return self.median < target.limit and self.p90 < (target.p90 or math.inf)
        if target.kind == "max_ms_max":
            return max(self.samples) < target.limit
        if target.kind == "excess_ms_max":
            baseline = self.baseline
            return None if baseline is None else max(self.samples) - baseline < target.limit
        ratio = self.ratio
        return None if ratio is None else ratio <= target.limit

    def as_json(self) -> dict[str, object]:
        return {
            "measure": self.measure,
            "story": self.story,
            "unit": self.unit,
            "median": self.median,
            "min": min(self.samples),
            "max": max(self.samples),
            "p90": self.p90,
            "p95": self.p95,
            "timed_out": self.timed_out,
            "samples": self.samples,
            "baseline": self.baseline_name or None,
            "baseline_median": self.baseline,
            "baseline_samples": self.baseline_samples,
            "ratio": self.ratio,
            "target": self.target.describe() if self.target else None,
            "passed": self.passed,
            "note": self.note or None,
        }


def result_from_json(data: dict[str, Any]) -> Result:
    """A ``Result`` back from ``Result.as_json`` (to print the table of a saved run)."""
    target = None
    described = data.get("target")
    if described:
        target = next(
            (t for t in KNOWN_TARGETS if t.describe() == described),
            None,
        )
    return Result(
        data["measure"],
        data["story"],
        data["unit"],
        list(data["samples"]),
        data.get("baseline") or "",
        list(data.get("baseline_samples") or []),
        target,
        data.get("note") or "",
        int(data.get("timed_out") or 0),
    )


def percentile(samples: list[float], rank: float) -> float:
    """The nearest-rank percentile: the smallest sample with ``rank`` % at or below it."""
    ordered = sorted(samples)
    index = max(0, math.ceil(rank / 100 * len(ordered)) - 1)
    return ordered[index]


def _number(value: float, unit: str) -> str:
    if unit == "chars/s":
        return f"{value:,.0f} chars/s"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    return f"{value:.1f} ms" if value < 1000 else f"{value / 1000:.2f} s"


def _row(result: Result) -> list[str]:
    baseline = result.baseline
    shown_baseline = (
        f"{result.baseline_name}: {_number(baseline, result.unit)}" if baseline is not None else "-"
    )
    ratio = result.ratio
    passed = result.passed
    verdict = "-" if passed is None else ("pass" if passed else "MISS")
    floor = ">= " if result.timed_out else ""
    low, high = min(result.samples), max(result.samples)
    note = result.note
    if result.timed_out:
        note = f"{result.timed_out} of {len(result.samples)} timed out (counted as the limit)" + (
            f"; {note}" if note else ""
        )
    return [
        result.measure,
        result.story,
        floor + _number(result.median, result.unit),
        _number(low, result.unit),
        floor + _number(high, result.unit),
        floor + _number(result.p90, result.unit),
        f"{len(result.samples)}",
        shown_baseline,
        "-" if ratio is None else f"{floor}{ratio:.3g}x",
        result.target.describe() if result.target else "-",
        verdict,
        note,
    ]


HEADER = [
    "Measure",
    "Story",
    "Median",
    "Min",
    "Max",
    "p90",
    "n",
    "Baseline (same run)",
    "Ratio",
    "Target",
    "Result",
    "Note",
]


def markdown_table(results: list[Result]) -> str:
    """The results as a Markdown table."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(_row(result)) + " |" for result in results]
    return "\n".join(lines)


def text_table(results: list[Result]) -> str:
    """The results as aligned plain text, for a terminal."""
    rows = [HEADER] + [_row(result) for result in results]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADER))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    if shutil.which("lscpu"):
        output = subprocess.run(
            ["lscpu"], capture_output=True, text=True, check=False, env={"LC_ALL": "C"}
        ).stdout
        found = re.search(r"^Model name:\s*(.+)$", output, re.MULTILINE)
        if found:
            return found.group(1).strip()
    return platform.processor() or platform.machine()


def _memory_total() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _fribidi_version() -> str:
    if not shutil.which("fribidi"):
        return "not installed"
    output = subprocess.run(
        ["fribidi", "--version"], capture_output=True, text=True, check=False
    ).stdout
    first = output.splitlines()[0] if output else ""
    return first.strip() or "installed"


def machine() -> dict[str, str]:
    """Where the figures were measured."""
    return {
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count() or "unknown"),
        "memory": _memory_total(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "textual": _package_version("textual"),
        "rich": _package_version("rich"),
        "fribidi": _fribidi_version(),
        "load_average": " ".join(f"{load:.2f}" for load in os.getloadavg()),
    }
