"""The ``[[eras]]`` and ``[[places]]`` tables of a story file: when and where.

``read_eras`` and ``read_places`` read the two tables of a parsed story file
with the checks of the story assembly (``checks``: its typed reads,
``identifier`` and ``anchor``; they are sections of ``tui.story.assembly``),
so that their problems are told like every other, with file, line and
field, and the ids they define share the story's one namespace. Format: the
"Eras and places" section of ``docs/story-format.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

from tui.story.locator import Key
from tui.story.model import Anchor, Era, Place, Span
from tui.story.months import MONTHS_EN

Table = dict[str, object]

ERA_KEYS = (
    "id",
    "label",
    "label_en",
    "from",
    "from_month",
    "to",
    "to_month",
    "paragraph",
    "phrase",
    "occurrence",
)
PLACE_KEYS = (
    "id",
    "name",
    "name_en",
    "latitude",
    "longitude",
    "paragraph",
    "phrase",
    "occurrence",
    "from",
    "from_month",
    "to",
    "to_month",
)

_YEAR = "a year from 1 to 9999"
_MONTH = "a month from 1 to 12"


class StoryChecks(Protocol):
    """What this module needs of the TOML story builder."""

    def problem(self, where: Key, expected: str, got: str | None = None) -> None: ...

    def table(self, value: object, where: Key, keys: Iterable[str]) -> Table | None: ...

    def tables(self, value: object, where: Key, what: str) -> list[Table] | None: ...

    def text(self, table: Table, where: Key, key: str, *, required: bool) -> str | None: ...

    def integer(
        self,
        table: Table,
        where: Key,
        key: str,
        *,
        required: bool,
        low: int,
        high: int,
        expected: str,
    ) -> int | None: ...

    def identifier(self, table: Table, where: Key) -> str | None: ...

    def anchor(self, item: Table, where: Key, default_phrase: str | None) -> Anchor | None: ...


def read_eras(checks: StoryChecks, value: object, where: Key) -> tuple[Era, ...]:
    """The story's ``[[eras]]``, in chronological order; the broken ones are left
    out and reported through ``checks``."""
    eras: list[Era] = []
    for index, item in enumerate(checks.tables(value, where, "eras") or ()):
        era = _era(checks, item, (*where, index))
        if era is not None:
            eras.append(era)
    eras.sort(key=lambda era: era.span.start_key)
    return tuple(eras)


def read_places(checks: StoryChecks, value: object, where: Key) -> tuple[Place, ...]:
    """The story's ``[[places]]``, in the order of the file (the route)."""
    places: list[Place] = []
    for index, item in enumerate(checks.tables(value, where, "places") or ()):
        place = _place(checks, item, (*where, index))
        if place is not None:
            places.append(place)
    return tuple(places)


def _era(checks: StoryChecks, item: Table, where: Key) -> Era | None:
    checks.table(item, where, ERA_KEYS)
    era_id = checks.identifier(item, where)
    label = checks.text(item, where, "label", required=True)
    label_en = checks.text(item, where, "label_en", required=False)
    span, good = _span(checks, item, where, required=True)
    anchor: Anchor | None = None
    if any(key in item for key in ("paragraph", "phrase", "occurrence")):
        anchor = checks.anchor(item, where, default_phrase=None)
        good = good and anchor is not None
    if era_id is None or label is None or span is None or not good:
        return None
    return Era(era_id, label, label_en, span, anchor)


def _place(checks: StoryChecks, item: Table, where: Key) -> Place | None:
    checks.table(item, where, PLACE_KEYS)
    place_id = checks.identifier(item, where)
    name = checks.text(item, where, "name", required=True)
    name_en = checks.text(item, where, "name_en", required=False)
    latitude = _degrees(checks, item, where, "latitude", 90)
    longitude = _degrees(checks, item, where, "longitude", 180)
    span, good = _span(checks, item, where, required=False)
    anchor = checks.anchor(item, where, default_phrase=None)
    if (
        place_id is None
        or name is None
        or latitude is None
        or longitude is None
        or anchor is None
        or not good
    ):
        return None
    return Place(place_id, name, name_en, latitude, longitude, anchor, span)


def _degrees(checks: StoryChecks, item: Table, where: Key, key: str, limit: int) -> float | None:
    expected = f"a number of degrees from -{limit} to {limit}"
    if key not in item:
        checks.problem((*where, key), expected, "nothing (the key is missing)")
        return None
    value = item[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        checks.problem((*where, key), expected, _kind(value))
        return None
    if not math.isfinite(value) or not -limit <= value <= limit:
        checks.problem((*where, key), expected, str(value))
        return None
    return float(value)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a value of another kind"


def _date(year: int, month: int | None) -> str:
    return f"{MONTHS_EN[month - 1]} {year}" if month else str(year)


def _span(
    checks: StoryChecks, item: Table, where: Key, *, required: bool
) -> tuple[Span | None, bool]:
    """The ``from``/``to`` of a table, and whether they were free of problems
    (a place may have no span at all and still be good)."""
    problems = 0

    def number(key: str, low: int, high: int, expected: str, needed: bool) -> int | None:
        nonlocal problems
        value = checks.integer(
            item, where, key, required=needed, low=low, high=high, expected=expected
        )
        if value is None and (needed or key in item):
            problems += 1
        return value

    from_year = number("from", 1, 9999, _YEAR, required)
    from_month = number("from_month", 1, 12, _MONTH, False)
    to_year = number("to", 1, 9999, _YEAR, False)
    to_month = number("to_month", 1, 12, _MONTH, False)
    for month, year in (("from_month", "from"), ("to_month", "to")):
        if month in item and year not in item:
            checks.problem((*where, month), f"{month} only together with {year}", f"no {year}")
            problems += 1
    if "to" in item and "from" not in item:
        checks.problem((*where, "to"), "to only together with from", "no from")
        problems += 1
    if from_year is None:
        return None, problems == 0
    span = Span(from_year, from_month, to_year, to_month)
    if to_year is not None and (to_year, to_month or 12) < (from_year, from_month or 1):
        checks.problem(
            (*where, "to"),
            f"a date on or after from ({_date(from_year, from_month)})",
            _date(to_year, to_month),
        )
        return None, False
    return span, problems == 0
