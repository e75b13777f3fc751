"""Run Rawi's Bidirectional Algorithm over Unicode's BidiCharacterTest.txt.

Each test case is one paragraph taken as one line: its code points, a
paragraph direction (0 left to right, 1 right to left, 2 auto), the resolved
paragraph level, the resolved levels (``x`` for characters removed by rule
X9) and the visual order of the characters that are not removed. For every
case this runs ``tui.rtl.bidi.resolve_paragraph``, ``line_levels`` over the
whole text and ``visual_order``, and counts the cases whose (a) paragraph
level, (b) levels, (c) ordering match. For comparison it also counts the
cases where python-bidi's ``get_display`` puts the characters in the expected
order (python-bidi does not mirror and keeps X9-removed characters, so only
the order of the other characters is compared).

    python scripts/bidi_conformance.py [--file PATH] [--limit N] [--examples N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bidi import get_display

from tui.rtl.bidi import bidi_class, line_levels, resolve_paragraph, visual_order

DEFAULT_FILE = Path("/usr/share/unicode/BidiCharacterTest.txt")
#: what rule X9 removes; BidiCharacterTest.txt gives them no level and no place
X9_REMOVED = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "BN"})
_DIRECTIONS: dict[int, int | None] = {0: 0, 1: 1, 2: None}


@dataclass(frozen=True, slots=True)
class Case:
    """One line of BidiCharacterTest.txt."""

    line_number: int
    text: str
    direction: int  # 0 LTR, 1 RTL, 2 auto
    paragraph_level: int
    levels: tuple[int | None, ...]  # None where the file says x
    order: tuple[int, ...]


@dataclass
class Report:
    """Match counts and failing examples grouped by a short reason."""

    total: int = 0
    paragraph_level: int = 0
    levels: int = 0
    ordering: int = 0
    python_bidi_ordering: int = 0
    failures: dict[str, list[dict[str, object]]] = field(default_factory=lambda: defaultdict(list))
    failure_counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "paragraph_level": self.paragraph_level,
            "levels": self.levels,
            "ordering": self.ordering,
            "python_bidi_ordering": self.python_bidi_ordering,
            "failure_counts": dict(self.failure_counts),
            "failures": dict(self.failures),
        }


def read_cases(path: Path, limit: int | None = None) -> Iterator[Case]:
    """The test cases of ``path``, in file order."""
    with path.open(encoding="utf-8") as lines:
        count = 0
        for number, raw in enumerate(lines, start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split(";")
            if len(fields) != 5:
                raise ValueError(f"{path}:{number}: expected 5 fields, got {len(fields)}")
            text = "".join(chr(int(code, 16)) for code in fields[0].split())
            levels = tuple(None if value == "x" else int(value) for value in fields[3].split())
            order = tuple(int(value) for value in fields[4].split())
            yield Case(number, text, int(fields[1]), int(fields[2]), levels, order)
            count += 1
            if limit is not None and count >= limit:
                return


def _describe(text: str) -> str:
    return " ".join(f"{ord(c):04X}:{bidi_class(c)}" for c in text)


def _reason_for_levels(case: Case, got: list[int], removed: tuple[bool, ...]) -> str:
    """A short reason: the Bidi_Class of the first character whose level is wrong."""
    for i, expected in enumerate(case.levels):
        if (expected is None) != removed[i]:
            return f"levels: X9 removal differs at a {bidi_class(case.text[i])}"
        if expected is not None and got[i] != expected:
            return f"levels: first wrong at a {bidi_class(case.text[i])}"
    return "levels: ?"


def check_case(case: Case, report: Report, examples: int) -> None:
    """Run one case through Rawi's UBA and python-bidi and record the outcome."""
    report.total += 1
    failure: str | None = None
    detail: dict[str, object] = {
        "line": case.line_number,
        "text": _describe(case.text),
        "direction": case.direction,
        "expected_paragraph_level": case.paragraph_level,
        "expected_levels": ["x" if v is None else v for v in case.levels],
        "expected_order": list(case.order),
    }
    try:
        resolved = resolve_paragraph(case.text, base_level=_DIRECTIONS[case.direction])
        levels = line_levels(resolved, 0, len(case.text))
        order = [i for i in visual_order(levels) if not resolved.removed[i]]
    except Exception as error:  # a crash is a failure to count, not a reason to stop
        failure = f"raised {type(error).__name__}"
        detail["error"] = repr(error)
    else:
        detail["got_paragraph_level"] = resolved.base_level
        pairs = zip(levels, resolved.removed, strict=True)
        detail["got_levels"] = ["x" if removed else level for level, removed in pairs]
        detail["got_order"] = order
        if resolved.base_level == case.paragraph_level:
            report.paragraph_level += 1
        else:
            failure = "paragraph level"
        levels_ok = all(
            (expected is None) == removed and (expected is None or got == expected)
            for expected, got, removed in zip(case.levels, levels, resolved.removed, strict=True)
        )
        if levels_ok:
            report.levels += 1
        elif failure is None:
            failure = _reason_for_levels(case, levels, resolved.removed)
        if tuple(order) == case.order:
            report.ordering += 1
        elif failure is None:
            failure = "ordering only (levels right)"
    if failure is not None:
        report.failure_counts[failure] += 1
        if len(report.failures[failure]) < examples:
            report.failures[failure].append(detail)
    if _python_bidi_order_matches(case):
        report.python_bidi_ordering += 1


def _python_bidi_order_matches(case: Case) -> bool:
    base_dir = {0: "L", 1: "R", 2: None}[case.direction]
    try:
        shown = get_display(case.text, base_dir=base_dir)
    except Exception:  # python-bidi is only the yardstick: a crash counts as a miss
        return False
    assert isinstance(shown, str)
    expected = "".join(case.text[i] for i in case.order)
    kept = "".join(c for c in shown if bidi_class(c) not in X9_REMOVED)
    return kept == expected


def run(path: Path = DEFAULT_FILE, limit: int | None = None, examples: int = 3) -> Report:
    """Check every case of ``path`` (or the first ``limit``) and return the report."""
    report = Report()
    for case in read_cases(path, limit):
        check_case(case, report, examples)
    return report


def _print_report(report: Report) -> None:
    print(f"cases:                 {report.total}")
    print(f"paragraph level match: {report.paragraph_level}")
    print(f"levels match:          {report.levels}")
    print(f"ordering match:        {report.ordering}  (Rawi)")
    print(f"ordering match:        {report.python_bidi_ordering}  (python-bidi get_display)")
    if not report.failure_counts:
        return
    print("\nfailures by reason:")
    for reason, count in sorted(report.failure_counts.items(), key=lambda item: -item[1]):
        print(f"  {count:6d}  {reason}")
        for example in report.failures[reason]:
            print(f"          line {example['line']}: {example['text']}")
            print(
                f"            dir {example['direction']}, "
                f"expected levels {example['expected_levels']} order {example['expected_order']}"
            )
            if "error" in example:
                print(f"            error {example['error']}")
            else:
                print(
                    f"            got para {example['got_paragraph_level']} "
                    f"levels {example['got_levels']} order {example['got_order']}"
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="BidiCharacterTest.txt")
    parser.add_argument("--limit", type=int, default=None, help="check only the first N cases")
    parser.add_argument("--examples", type=int, default=3, help="examples kept per reason")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    options = parser.parse_args(argv)
    if not options.file.exists():
        print(f"{options.file} not found: apt-get install unicode-data", file=sys.stderr)
        return 2
    report = run(options.file, options.limit, options.examples)
    if options.json:
        json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        _print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
