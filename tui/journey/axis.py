"""The timeline's time axis, drawn at any width, right to left or left to right.

``draw_axis(story, width, direction, ...)`` returns up to four ``Row`` values,
drawn directly in visual (cell) order:

- ``here``:   ``▼`` above the reading position (nothing when it has none);
- ``line``:   the axis, ``─``, with a ``┬`` under each labelled year and a mark
  for each event: ``•``, or ``◆`` for an event that is current;
- ``years``:  the labelled years, Western digits as in ``display_date``,
  never overlapping, the story's first and last years first;
- ``eras``:   each era as a band ``├─ label ─┤`` over its years (only when the
  story has eras); a later era draws over the year it shares with an earlier.

Years are spaced in proportion to time. In the Arabic interface (``"R"``)
the earliest year is at the right. Kinds a widget styles: ``axis``, ``tick``,
``year``, ``event``, ``event-current``, ``here``, ``era``, ``era-alt``
(every other era, so neighbours differ), ``era-current``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import Literal, NamedTuple

from tui.journey.cells import Canvas, Row, clusters, fit_label
from tui.journey.chronology import Period, event_moment, span_moments, story_period
from tui.rtl import Direction
from tui.story.model import Era, Story

Language = Literal["ar", "en"]

HERE = "▼"
EVENT = "•"
EVENT_CURRENT = "◆"
TICK = "┬"
LINE = "─"
# Label steps tried, smallest first: a year is labelled when it is a multiple.
STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
LABEL_GAP = 1


class TimeScale(NamedTuple):
    """Where a moment falls on an axis of ``width`` cells, and back."""

    period: Period
    width: int
    direction: Direction

    def column(self, moment: float) -> int:
        """The cell (from the left) that shows ``moment``."""
        first, last = self.period
        fraction = (moment - first) / (last - first)
        column = round(min(1.0, max(0.0, fraction)) * (self.width - 1))
        return self.width - 1 - column if self.direction == "R" else column

    def moment(self, column: int) -> float:
        """The moment at the middle of cell ``column`` (for a click on the axis)."""
        first, last = self.period
        if self.direction == "R":
            column = self.width - 1 - column
        return first + (last - first) * column / max(1, self.width - 1)


class Moments(NamedTuple):
    """A story's period and its events grouped by moment: drawn per moment, not per
    event (10,000 events fall on a few dozen moments), and made once per story."""

    period: Period
    #: (moment, ids of the events at it), earliest first
    groups: tuple[tuple[float, tuple[str, ...]], ...]
    #: event id -> its moment
    moment_of: dict[str, float]


_moments: dict[int, tuple[Story, Moments | None]] = {}


def story_moments(story: Story) -> Moments | None:
    """The story's ``Moments`` (None without a date), remembered for the story."""
    cached = _moments.get(id(story))
    if cached is not None and cached[0] is story:
        return cached[1]
    period = story_period(story)
    moments = None
    if period is not None:
        moment_of = {event.id: event_moment(event) for event in story.timeline}
        grouped: dict[float, list[str]] = {}
        for event_id, moment in moment_of.items():
            grouped.setdefault(moment, []).append(event_id)
        groups = tuple((moment, tuple(grouped[moment])) for moment in sorted(grouped))
        moments = Moments(period, groups, moment_of)
    if len(_moments) >= 8:  # a few stories at most: the ones open in this process
        _moments.clear()
    _moments[id(story)] = (story, moments)
    return moments


def axis_rows(story: Story) -> int:
    """How many rows the story's axis takes (0 without a date), without drawing it."""
    if story_moments(story) is None:
        return 0
    return 4 if story.eras else 3


class EventColumns(Mapping[str, int]):
    """The column of each event's mark, by event id, worked out when asked."""

    def __init__(self, moments: Moments, scale: TimeScale) -> None:
        self._moments = moments
        self._scale = scale

    def __getitem__(self, event_id: str) -> int:
        return self._scale.column(self._moments.moment_of[event_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._moments.moment_of)

    def __len__(self) -> int:
        return len(self._moments.moment_of)

    def at(self, column: int) -> list[str]:
        """The ids of the events marked at ``column``, in story order."""
        column_of = self._scale.column
        found = {
            i for moment, ids in self._moments.groups if column_of(moment) == column for i in ids
        }
        return [event_id for event_id in self._moments.moment_of if event_id in found]


class Axis(NamedTuple):
    """A drawn axis: its rows by name, in top-to-bottom order, and where things are."""

    rows: tuple[tuple[str, Row], ...]
    scale: TimeScale
    #: the column of each event's mark, by event id
    event_columns: EventColumns
    #: the columns of each era's band (first, last), by era id
    era_columns: dict[str, tuple[int, int]]

    def row(self, name: str) -> Row | None:
        """The row called ``name`` ("here", "line", "years", "eras"), if drawn."""
        return next((row for key, row in self.rows if key == name), None)

    def events_at(self, column: int) -> list[str]:
        """The ids of the events marked at ``column`` (for a click)."""
        return self.event_columns.at(column)


def draw_axis(
    story: Story,
    width: int,
    direction: Direction,
    *,
    language: Language,
    current_events: Collection[str] = (),
    current_era: str | None = None,
    reading: float | None = None,
    labels: bool = True,
) -> Axis | None:
    """The story's time axis at ``width`` cells; ``None`` if the story has no dates.

    ``current_events`` (ids) are marked as current, ``current_era`` (an id) is
    the era in force, ``reading`` the reading position as a moment (from
    ``tui.journey.here``). Without ``labels`` the era bands carry no names
    (for a terminal that orders text itself, which would reorder them).
    """
    moments = story_moments(story)
    if moments is None:
        return None
    period = moments.period
    width = max(1, width)
    scale = TimeScale(period, width, direction)
    rows: list[tuple[str, Row]] = []
    here = Canvas(width)
    if reading is not None:
        here.put(scale.column(reading), HERE, "here")
    rows.append(("here", here.row()))
    line = Canvas(width, LINE, "axis")
    years = Canvas(width)
    for year, start in _year_labels(scale):
        line.put(scale.column(year + 0.5), TICK, "tick")
        years.put(start, str(year), "year")
    event_columns = EventColumns(moments, scale)
    current_columns = {event_columns[i] for i in current_events if i in moments.moment_of}
    for column in {scale.column(moment) for moment, _ in moments.groups}:
        if column in current_columns:
            line.put(column, EVENT_CURRENT, "event-current")
        else:
            line.put(column, EVENT, "event")
    rows += [("line", line.row()), ("years", years.row())]
    era_columns: dict[str, tuple[int, int]] = {}
    if story.eras:
        bands = Canvas(width)
        for number, (era, (left, right)) in enumerate(_era_cells(story, scale)):
            era_columns[era.id] = (left, right)
            kind = "era-alt" if number % 2 else "era"
            if era.id == current_era:
                kind = "era-current"
            label = era.label_en if language == "en" and era.label_en else era.label
            _band(bands, left, right, label if labels else "", kind, direction)
        rows.append(("eras", bands.row()))
    return Axis(tuple(rows), scale, event_columns, era_columns)


def _era_cells(story: Story, scale: TimeScale) -> list[tuple[Era, tuple[int, int]]]:
    """The cells (leftmost, rightmost) of each era's band. Eras sharing a year
    would draw over each other: an era's band stops where the next begins."""
    ltr = scale._replace(direction="L")
    result: list[tuple[Era, tuple[int, int]]] = []
    eras = story.eras
    for index, era in enumerate(eras):
        start, end = span_moments(era.span, scale.period.last)
        first = ltr.column(start)
        last = ltr.column(end) - 1 if end < scale.period.last else scale.width - 1
        if index + 1 < len(eras):
            following = ltr.column(span_moments(eras[index + 1].span, scale.period.last)[0])
            if following > first:
                last = min(last, following - 1)
        last = max(first, last)
        if scale.direction == "R":
            first, last = scale.width - 1 - last, scale.width - 1 - first
        result.append((era, (first, last)))
    return result


def _band(canvas: Canvas, left: int, right: int, label: str, kind: str, ui: Direction) -> None:
    size = right - left + 1
    if size == 1:
        canvas.put(left, "│", kind)
        return
    canvas.put(left, "├" + "─" * (size - 2) + "┤", kind)
    room = size - 4  # the two ends and a space each side of the label
    text = fit_label(label, room, ui) if room >= 3 and label else None
    if text is None:
        return
    cells = len(clusters(text))
    first = left + 2 + (room - cells) // 2
    canvas.put(first - 1, " " + text + " ", kind)


def _year_labels(scale: TimeScale) -> list[tuple[int, int]]:
    """The years to label and the cell each label starts at: the first and
    last years, then multiples of the smallest step whose labels all fit,
    each label centred on its year, none touching another."""
    first = int(scale.period.first)
    last = int(scale.period.last) - 1
    taken: list[tuple[int, int]] = []
    placed: list[tuple[int, int]] = []

    def place(year: int) -> bool:
        text = str(year)
        centre = scale.column(year + 0.5)
        start = min(max(0, centre - len(text) // 2), scale.width - len(text))
        if start < 0:
            return False
        end = start + len(text)
        if any(start < e + LABEL_GAP and s < end + LABEL_GAP for s, e in taken):
            return False
        taken.append((start, end))
        placed.append((year, start))
        return True

    place(first)
    if last != first:
        place(last)
    span = max(1, last - first)
    for step in STEPS:
        cells_per_step = step / (scale.period.last - scale.period.first) * (scale.width - 1)
        if cells_per_step >= 4 + 2 * LABEL_GAP or step >= span:
            break
    else:
        step = STEPS[-1]
    for year in range((first // step + 1) * step, last, step):
        place(year)
    return sorted(placed)
