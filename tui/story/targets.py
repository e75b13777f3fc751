"""Deep links: any id of a story (chapter, event, quote, era, place, paragraph)
as the place in the text to open at, and the journey's entries for the palette.

``resolve_target(story, id)`` gives a ``Target`` (chapter, paragraph, the
characters to highlight) or raises ``UnknownTarget`` whose message is one line
naming the closest ids. An era opens at its own phrase, else at the first
event told in it; a chapter at its top, with nothing highlighted.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from tui.story.model import Anchor, Era, Image, Paragraph, Place, Story

TargetKind = Literal["chapter", "event", "quote", "era", "place", "paragraph", "image"]
CLOSE_IDS = 5


class Target(NamedTuple):
    """Where to open a story: chapter ``chapter_index`` (from 0) and, unless
    ``paragraph_id`` is ``None``, the characters ``[start, end)`` of that
    paragraph to scroll to and highlight (``start == end``: scroll only)."""

    kind: TargetKind
    id: str
    chapter_index: int
    paragraph_id: str | None
    start: int
    end: int


class UnknownTarget(ValueError):
    """No part of the story has the id asked for; the message names close ones."""


def _at(kind: TargetKind, target_id: str, anchor: Anchor) -> Target:
    return Target(
        kind, target_id, anchor.chapter_index, anchor.paragraph_id, anchor.start, anchor.end
    )


def _era_target(story: Story, era: Era) -> Target:
    if era.anchor is not None:
        return _at("era", era.id, era.anchor)
    from tui.journey.chronology import era_of_event, reading_order

    order = reading_order(story)
    for event in story.timeline:
        if era_of_event(story, event, order) == era:
            return _at("era", era.id, event.anchor)
    return Target("era", era.id, 0, None, 0, 0)


def story_targets(story: Story) -> dict[str, TargetKind]:
    """Every id a story can be opened at, with its kind, in the story's order."""
    ids: dict[str, TargetKind] = {}
    for chapter in story.chapters:
        ids[chapter.id] = "chapter"
        for block in chapter.blocks:
            ids[block.id] = "paragraph" if isinstance(block, Paragraph) else "image"
    ids.update({event.id: "event" for event in story.timeline})
    ids.update({quote.id: "quote" for quote in story.quotes})
    ids.update({era.id: "era" for era in story.eras})
    ids.update({place.id: "place" for place in story.places})
    return ids


def resolve_target(story: Story, target_id: str) -> Target:
    """Where ``target_id`` opens the story; raises ``UnknownTarget``."""
    for index, chapter in enumerate(story.chapters):
        if chapter.id == target_id:
            return Target("chapter", target_id, index, None, 0, 0)
        for block in chapter.blocks:
            if block.id == target_id:
                if isinstance(block, Image):
                    return Target("image", target_id, index, block.id, 0, 0)
                return Target("paragraph", target_id, index, block.id, 0, 0)
    for event in story.timeline:
        if event.id == target_id:
            return _at("event", target_id, event.anchor)
    for quote in story.quotes:
        if quote.id == target_id:
            return _at("quote", target_id, quote.anchor)
    for era in story.eras:
        if era.id == target_id:
            return _era_target(story, era)
    for place in story.places:
        if place.id == target_id:
            return _at("place", target_id, place.anchor)
    raise UnknownTarget(_unknown(story, target_id))


def _unknown(story: Story, target_id: str) -> str:
    import difflib

    ids = list(story_targets(story))
    shown = "".join(ch if ch.isprintable() else "?" for ch in target_id)[:60]
    close = difflib.get_close_matches(target_id, ids, n=CLOSE_IDS, cutoff=0.5)
    if not close:
        # Substrings too: "montreal" for "montreal-city".
        close = [known for known in ids if target_id and target_id.lower() in known.lower()]
        close = close[:CLOSE_IDS]
    if close:
        return f'no part of the story has the id "{shown}"; did you mean {", ".join(close)}?'
    some = ", ".join(ids[:8]) + (", …" if len(ids) > 8 else "")
    return f'no part of the story has the id "{shown}"; its ids include {some}'


class JourneyEntry(NamedTuple):
    """A palette entry for an era or a place: what it shows and where it goes."""

    kind: Literal["era", "place"]
    id: str
    title: str
    detail: str
    target: Target


def journey_entries(story: Story, language: Literal["ar", "en"]) -> list[JourneyEntry]:
    """The story's eras (in date order) then its places (in the route's
    order), titled in ``language``, ``detail`` their dates ("1974 – 1992")."""
    entries: list[JourneyEntry] = []
    for era in story.eras:
        title = era.label_en if language == "en" and era.label_en else era.label
        entries.append(
            JourneyEntry("era", era.id, title, era.span.display(language), _era_target(story, era))
        )
    for place in story.places:
        entries.append(_place_entry(place, language))
    return entries


def _place_entry(place: Place, language: Literal["ar", "en"]) -> JourneyEntry:
    title = place.name_en if language == "en" and place.name_en else place.name
    detail = place.span.display(language) if place.span is not None else ""
    return JourneyEntry("place", place.id, title, detail, _at("place", place.id, place.anchor))
