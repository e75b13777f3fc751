"""Where in the life and where in the world a story is: ``Span``, ``Era``, ``Place``.

Part of the story model (``tui.story.model``, which names them too): named
tuples, built by the loader (``tui.story.journey`` reads them from a story
file) and read by the storytelling panes (``tui.journey``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from tui.story.months import MONTHS_AR, MONTHS_EN

if TYPE_CHECKING:
    from tui.story.model import Anchor, DateKey


class Span(NamedTuple):
    """A stretch of the story's time, from a year (and month) to a year (and
    month); ``to_year`` is ``None`` when it was still going on as the story was
    written."""

    from_year: int
    from_month: int | None
    to_year: int | None
    to_month: int | None

    @property
    def start_key(self) -> DateKey:
        """The first moment of the span: a bare year counts from its start."""
        return (self.from_year, self.from_month or 0)

    @property
    def end_key(self) -> DateKey | None:
        """The last moment of the span (a bare year counts to its end);
        ``None`` for a span still going on."""
        if self.to_year is None:
            return None
        return (self.to_year, self.to_month or 13)

    def contains(self, key: DateKey) -> bool:
        """Whether the date ``key`` falls in the span."""
        end = self.end_key
        return self.start_key <= key and (end is None or key <= end)

    def display(self, language: Literal["ar", "en"] = "ar") -> str:
        """The span as a reader sees it: "1974 – 1992", "October 2001 – 2004",
        "2012 –" for one still going on."""
        names = MONTHS_AR if language == "ar" else MONTHS_EN

        def one(year: int, month: int | None) -> str:
            return f"{names[month - 1]} {year}" if month else str(year)

        start = one(self.from_year, self.from_month)
        if self.to_year is None:
            return f"{start} –"
        end = one(self.to_year, self.to_month)
        return start if end == start else f"{start} – {end}"


class Era(NamedTuple):
    """A period of the life the story tells ("Montreal and the MBA").

    ``anchor``, when the file gives one, is where the text starts telling the
    era: it decides to which of two eras sharing a year an event belongs.
    """

    id: str
    label: str
    label_en: str | None
    span: Span
    anchor: Anchor | None


class Place(NamedTuple):
    """Where the story goes, in the order of the file (the journey's route),
    tied to the words that name it; ``span`` says when, if the file says."""

    id: str
    name: str
    name_en: str | None
    latitude: float
    longitude: float
    anchor: Anchor
    span: Span | None
