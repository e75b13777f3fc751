"""Time and reading order: where a date falls on a line, where words fall in the story.

A *moment* is a date as a number of years (2001.79 is late October 2001), so
that an axis can space dates in proportion to time. A year without a month is
an interval: its moment is its middle, and a span counts it whole. A
*position* is where words stand in the story's reading order: (paragraph
number, offset), comparable across chapters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from tui.story.model import Anchor, Era, Span, Story, TimelineEvent

Position = tuple[int, int]


def event_moment(event: TimelineEvent) -> float:
    """Where ``event`` falls in time: mid-month, mid-year, or near the start or
    end of the year for "بداية"/"نهاية"."""
    if event.month is not None:
        return event.year + (event.month - 0.5) / 12
    if event.approximate == "start":
        return event.year + 0.5 / 12
    if event.approximate == "end":
        return event.year + 11.5 / 12
    return event.year + 0.5


def span_moments(span: Span, last: float) -> tuple[float, float]:
    """The start and end moments of ``span``; an open span ends at ``last``."""
    start = span.from_year + ((span.from_month - 1) / 12 if span.from_month else 0.0)
    if span.to_year is None:
        return start, max(start, last)
    end = span.to_year + (span.to_month / 12 if span.to_month else 1.0)
    return start, end


class Period(NamedTuple):
    """The whole years a story covers: ``first`` (a year's start) to ``last``
    (the start of the year after the last one told)."""

    first: float
    last: float


def story_period(story: Story) -> Period | None:
    """The years of the story's events, eras and places; ``None`` if it has no date."""
    moments = [event_moment(event) for event in story.timeline]
    spans = [era.span for era in story.eras]
    spans += [place.span for place in story.places if place.span is not None]
    for span in spans:
        moments.append(span.from_year + 0.5)
        if span.to_year is not None:
            moments.append(span.to_year + 0.5)
    if not moments:
        return None
    first = float(int(min(moments)))
    last = float(int(max(moments)) + 1)
    return Period(first, last)


def reading_order(story: Story) -> dict[str, int]:
    """Each paragraph's number in reading order, from 0."""
    return {paragraph.id: number for number, paragraph in enumerate(story.paragraphs)}


def position(order: Mapping[str, int], anchor: Anchor) -> Position:
    """Where ``anchor`` stands in reading order."""
    return (order[anchor.paragraph_id], anchor.start)


def era_of_event(
    story: Story,
    event: TimelineEvent,
    order: Mapping[str, int],
    holding_cache: dict[object, list[Era]] | None = None,
) -> Era | None:
    """The era ``event`` belongs to: the one whose span holds its date; of two
    that share its year, the one whose own phrase comes last at or before the
    event's phrase (the text has started telling it), else the earlier one.
    ``holding_cache`` keeps the eras holding each date across calls (a long
    timeline has many events to a date)."""
    key = event.sort_key
    holding = holding_cache.get(key) if holding_cache is not None else None
    if holding is None:
        holding = [era for era in story.eras if era.span.contains(key)]
        if holding_cache is not None:
            holding_cache[key] = holding
    if len(holding) <= 1:
        return holding[0] if holding else None
    here = position(order, event.anchor)
    told = [
        era for era in holding if era.anchor is not None and position(order, era.anchor) <= here
    ]
    if told:
        return max(told, key=lambda era: position(order, era.anchor) if era.anchor else (0, 0))
    return holding[0]


class EraGroup(NamedTuple):
    """A run of the timeline under one era heading (``era`` ``None``: no era)."""

    era: Era | None
    events: tuple[TimelineEvent, ...]


def events_by_era(story: Story) -> tuple[EraGroup, ...]:
    """The timeline in date order, cut where the era changes: the event list's headings."""
    order = reading_order(story)
    groups: list[tuple[Era | None, list[TimelineEvent]]] = []
    holding: dict[object, list[Era]] = {}
    for event in story.timeline:
        era = era_of_event(story, event, order, holding)
        if not groups or groups[-1][0] != era:
            groups.append((era, []))
        groups[-1][1].append(event)
    return tuple(EraGroup(era, tuple(events)) for era, events in groups)


def last_before(
    items: Iterable[tuple[Position, int]], limit: Position, *, inclusive: bool
) -> int | None:
    """The index of the item with the greatest position before ``limit`` (or at it)."""
    best: tuple[Position, int] | None = None
    for where, index in items:
        if (where < limit or (inclusive and where == limit)) and (best is None or where >= best[0]):
            best = (where, index)
    return None if best is None else best[1]
