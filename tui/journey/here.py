"""You are here: what of the story the lines on screen show, as the reader scrolls.

``where_is_reader(story, chapter_index, visible)`` takes the logical ranges
the reader shows (``(paragraph_id, start, end)`` for each paragraph with a
line on screen, from top to bottom) and says which events, quotes and places
have their phrase on screen, and, from the topmost of them, which event,
place and era are *in force* and where the reading stands in time. When no
event's phrase is on screen, the event in force is the nearest one told
before the top of the screen (in reading order, not in date order).
``Journey`` keeps the story's reading order so that this costs a few
comparisons per scroll.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

from tui.journey.chronology import (
    Position,
    era_of_event,
    event_moment,
    reading_order,
)
from tui.story.model import Anchor, Era, Place, Quote, Story, TimelineEvent


class Visible(NamedTuple):
    """Characters ``[start, end)`` of a paragraph that have a line on screen."""

    paragraph_id: str
    start: int
    end: int


class Here(NamedTuple):
    """Where the reader is.

    ``events``, ``quotes`` and ``places`` have their phrase on screen (in
    reading order). ``event`` is in force: the topmost on screen, else the
    nearest told before the screen; ``quote`` likewise, for the quote pane to
    scroll to. ``place`` is the last told at or above the top line (the
    reader has arrived there), else the first on screen. ``era`` is the era
    of ``event`` (with no event, the era whose phrase was told last);
    ``moment`` is the reading position as a date for the axis (``event``'s).
    """

    events: tuple[TimelineEvent, ...]
    quotes: tuple[Quote, ...]
    places: tuple[Place, ...]
    event: TimelineEvent | None
    quote: Quote | None
    place: Place | None
    era: Era | None
    moment: float | None


class _Anchors:
    """The anchors of one kind (events, quotes or places), indexed once so that
    a question costs what is on screen: by paragraph for "on screen", in
    reading order for "the last one told before"."""

    __slots__ = ("_by_paragraph", "_keys", "_longest", "_order")

    def __init__(self, anchors: Sequence[Anchor], order: dict[str, int]) -> None:
        placed = sorted(
            ((order[a.paragraph_id], a.start), index)
            for index, a in enumerate(anchors)
            if a.paragraph_id in order
        )
        self._order = placed
        self._keys = [where for where, _ in placed]
        by_paragraph: dict[str, list[tuple[int, int, int]]] = {}
        for index, anchor in enumerate(anchors):
            by_paragraph.setdefault(anchor.paragraph_id, []).append(
                (anchor.start, anchor.end, index)
            )
        for items in by_paragraph.values():
            items.sort()
        self._by_paragraph = by_paragraph
        self._longest = {
            key: max((end - start for start, end, _ in items), default=0)
            for key, items in by_paragraph.items()
        }

    def on_screen(self, visible: Sequence[Visible], order: dict[str, int]) -> list[int]:
        """Indexes of the anchors that overlap what is on screen, in reading order."""
        found: list[tuple[Position, int]] = []
        for shown in visible:
            items = self._by_paragraph.get(shown.paragraph_id)
            if not items:
                continue
            number = order.get(shown.paragraph_id, -1)
            # Anchors that start before the screen's start but reach into it.
            first = bisect.bisect_left(items, (shown.start - self._longest[shown.paragraph_id],))
            for start, end, index in items[first:]:
                if start >= shown.end:
                    break
                if start < shown.end and shown.start < end:
                    found.append(((number, start), index))
        return [index for _, index in sorted(set(found))]

    def last_before(self, limit: Position, *, inclusive: bool) -> int | None:
        """The anchor told last before ``limit`` (or at it), in reading order."""
        if inclusive:
            at = bisect.bisect_right(self._keys, limit)
        else:
            at = bisect.bisect_left(self._keys, limit)
        return self._order[at - 1][1] if at else None


class Journey:
    """A story's anchors in reading order, asked where the reader is."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.order = reading_order(story)
        # The story's paragraphs by chapter, to place a screen that shows
        # no paragraph at all (an image) at its chapter.
        self._chapter_start: dict[int, Position] = {}
        for number, paragraph in enumerate(story.paragraphs):
            self._chapter_start.setdefault(story.chapter_of(paragraph.id), (number, 0))
        self._events = _Anchors([e.anchor for e in story.timeline], self.order)
        self._quotes = _Anchors([q.anchor for q in story.quotes], self.order)
        self._places = _Anchors([p.anchor for p in story.places], self.order)
        told = [era.anchor for era in story.eras]
        self._era_numbers = [n for n, anchor in enumerate(told) if anchor is not None]
        self._eras = _Anchors([a for a in told if a is not None], self.order)
        self._holding: dict[object, list[Era]] = {}

    def _top(self, chapter_index: int, visible: Sequence[Visible]) -> Position:
        shown = [
            (self.order[v.paragraph_id], v.start) for v in visible if v.paragraph_id in self.order
        ]
        if shown:
            return min(shown)
        later = [start for index, start in self._chapter_start.items() if index >= chapter_index]
        return min(later) if later else (len(self.order), 0)

    def where(self, chapter_index: int, visible: Sequence[Visible]) -> Here:
        """Where the reader is, with ``visible`` on screen in chapter ``chapter_index``."""
        story = self.story
        top = self._top(chapter_index, visible)
        events_shown = self._events.on_screen(visible, self.order)
        quotes_shown = self._quotes.on_screen(visible, self.order)
        places_shown = self._places.on_screen(visible, self.order)
        event_index = (
            events_shown[0] if events_shown else self._events.last_before(top, inclusive=False)
        )
        quote_index = (
            quotes_shown[0] if quotes_shown else self._quotes.last_before(top, inclusive=False)
        )
        # A place is where the reader is once its phrase is read: the last
        # one told at or above the top line, else the first on screen.
        place_index = self._places.last_before(top, inclusive=True)
        if place_index is None and places_shown:
            place_index = places_shown[0]
        event = story.timeline[event_index] if event_index is not None else None
        era: Era | None = None
        if event is not None:
            era = era_of_event(story, event, self.order, self._holding)
        else:
            era_index = self._eras.last_before(top, inclusive=True)
            era = story.eras[self._era_numbers[era_index]] if era_index is not None else None
        return Here(
            events=tuple(story.timeline[n] for n in events_shown),
            quotes=tuple(story.quotes[n] for n in quotes_shown),
            places=tuple(story.places[n] for n in places_shown),
            event=event,
            quote=story.quotes[quote_index] if quote_index is not None else None,
            place=story.places[place_index] if place_index is not None else None,
            era=era,
            moment=event_moment(event) if event is not None else None,
        )


def where_is_reader(story: Story, chapter_index: int, visible: Sequence[Visible]) -> Here:
    """``Journey(story).where(...)`` for a single question (tests, print mode)."""
    return Journey(story).where(chapter_index, visible)
