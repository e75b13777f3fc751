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

from collections.abc import Sequence
from typing import NamedTuple

from tui.journey.chronology import (
    Position,
    era_of_event,
    event_moment,
    last_before,
    position,
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

    def _where(self, anchor: Anchor) -> Position:
        return position(self.order, anchor)

    def _top(self, chapter_index: int, visible: Sequence[Visible]) -> Position:
        shown = [
            (self.order[v.paragraph_id], v.start) for v in visible if v.paragraph_id in self.order
        ]
        if shown:
            return min(shown)
        later = [start for index, start in self._chapter_start.items() if index >= chapter_index]
        return min(later) if later else (len(self.order), 0)

    def _on_screen(self, anchor: Anchor, visible: Sequence[Visible]) -> bool:
        return any(
            v.paragraph_id == anchor.paragraph_id and anchor.start < v.end and v.start < anchor.end
            for v in visible
        )

    def where(self, chapter_index: int, visible: Sequence[Visible]) -> Here:
        """Where the reader is, with ``visible`` on screen in chapter ``chapter_index``."""
        story = self.story
        top = self._top(chapter_index, visible)

        def shown(items: Sequence[tuple[Anchor, int]]) -> list[int]:
            found = [index for anchor, index in items if self._on_screen(anchor, visible)]
            return sorted(found, key=lambda index: self._where(items[index][0]))

        def in_force(items: Sequence[tuple[Anchor, int]], on_screen: list[int]) -> int | None:
            if on_screen:
                return on_screen[0]
            return last_before(
                ((self._where(anchor), index) for anchor, index in items), top, inclusive=False
            )

        event_items = [(event.anchor, n) for n, event in enumerate(story.timeline)]
        quote_items = [(quote.anchor, n) for n, quote in enumerate(story.quotes)]
        place_items = [(place.anchor, n) for n, place in enumerate(story.places)]
        events_shown = shown(event_items)
        quotes_shown = shown(quote_items)
        places_shown = shown(place_items)
        event_index = in_force(event_items, events_shown)
        quote_index = in_force(quote_items, quotes_shown)
        # A place is where the reader is once its phrase is read: the last
        # one told at or above the top line, else the first on screen.
        place_index = last_before(
            ((self._where(anchor), n) for anchor, n in place_items), top, inclusive=True
        )
        if place_index is None and places_shown:
            place_index = places_shown[0]
        event = story.timeline[event_index] if event_index is not None else None
        era: Era | None = None
        if event is not None:
            era = era_of_event(story, event, self.order)
        else:
            told = [(self._where(era.anchor), n) for n, era in enumerate(story.eras) if era.anchor]
            era_index = last_before(told, top, inclusive=True)
            era = story.eras[era_index] if era_index is not None else None
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
