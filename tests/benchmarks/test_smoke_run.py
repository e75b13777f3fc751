"""CI's smoke run goes through every case of the benchmark, on tiny stories of every shape.

``benchmarks/run.py --smoke`` is what CI runs: it must take each case's code
path (the pseudo-terminal sessions, every key, the loads, print mode, start-up
without bytecode), so that a full run, which takes half an hour, does not
break on a path CI never took. The figures of a smoke run mean nothing; that
they were taken, against their baselines and targets, is what is checked.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
import catalogue  # noqa: E402
import report  # noqa: E402
import scale  # noqa: E402

#: the case names of run.py, in its order (run.py is a script: read, not imported)
CASES = [
    "startup",
    "startup-nobytecode",
    "in-process",
    "throughput",
    "justify",
    "memory",
    "paint",
    "paint-kept",
    "reader",
    "paragraph",
    "anchors",
    "print",
]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("smoke") / "smoke.json"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--smoke", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=900,  # about a minute on an idle machine; generous for a loaded one
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return result


def test_the_case_list_is_run_pys(smoke: dict[str, Any]) -> None:
    text = (BENCHMARKS / "run.py").read_text(encoding="utf-8")
    for name in CASES:
        assert f'("{name}", ' in text
    assert smoke["cases"] == CASES


def test_every_case_gave_rows_and_none_failed(smoke: dict[str, Any]) -> None:
    assert smoke["failed"] == []
    by_case = {name: [row for row in smoke["results"] if row["case"] == name] for name in CASES}
    for name, rows in by_case.items():
        assert rows, f"case {name} gave no row"
        for row in rows:
            assert row["samples"], f"{name}: {row['measure']} on {row['story']} has no sample"
            assert row["timed_out"] == 0, f"{name}: {row['measure']} timed out"


def test_every_story_shape_was_written_and_measured(smoke: dict[str, Any]) -> None:
    written = smoke["stories"]
    for key in catalogue.SHAPES:
        assert any(f"{key}." in Path(line.split(":")[0]).name for line in written.values()), key
    stories = {row["story"] for row in smoke["results"]}
    assert len(stories) >= len(catalogue.SHAPES) + 1  # and the seed


def test_every_target_is_checked_against_a_baseline(smoke: dict[str, Any]) -> None:
    checked = {row["target"] for row in smoke["results"] if row["passed"] is not None}
    for target in report.KNOWN_TARGETS:
        assert target.describe() in checked, target


def test_every_key_is_timed_on_every_story_it_is_meant_for(smoke: dict[str, Any]) -> None:
    def stories_of(measure: str) -> int:
        return len({row["story"] for row in smoke["results"] if row["measure"] == measure})

    for measure in scale.INTERACTIONS.values():
        assert stories_of(measure) == len(scale.INTERACTIVE), measure
    assert stories_of("First paint (pty)") == len(scale.PAINTED) + 1  # the minimal app
    assert stories_of(scale.FREEZE_MEASURE) == len(scale.PAINTED)
    for measure in ("PageDown (pty)", "End (pty)"):
        assert stories_of(measure) == len(scale.SCROLLED), measure
