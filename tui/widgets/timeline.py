"""``TimelinePane``: the dated events of the story, under their eras, as the reader reads.

Each event is a row of two columns: its date in a column of its own (so that
years can be scanned down one column) and its label, wrapped with a hanging
indent. Era headings (``[[eras]]``) cut the list where the life changes. The
events whose phrase is on screen are marked ◆ ("you are here"); when none
is, the nearest event told before the screen is; the pane scrolls to show
them as the reader scrolls. Selecting an event opens its phrase.
"""

from __future__ import annotations

from functools import cached_property

from rich.cells import cell_len
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive

from tui.journey.chronology import events_by_era
from tui.journey.here import Here
from tui.render import BidiText, visual
from tui.rtl import isolate
from tui.story import Story, TimelineEvent
from tui.story.model import Era
from tui.widgets.virtual_list import VirtualList
from tui.words import in_language, ui_direction, word

MARKER = "◆"
NO_MARKER = "◇"


class TimelinePane(VirtualList):
    """The timeline of the story."""

    DEFAULT_CSS = """
    TimelinePane > .timeline--era {
        text-style: bold;
        color: $text-muted;
    }
    TimelinePane > .timeline--era-current {
        text-style: bold reverse;
        color: $accent;
    }
    TimelinePane > .timeline--date {
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = VirtualList.COMPONENT_CLASSES | {
        "timeline--era",
        "timeline--era-current",
        "timeline--date",
    }

    #: where the reader is (bound to the reader screen's)
    here: reactive[Here | None] = reactive(None, init=False)

    class EventSelected(Message):
        """The reader chose an event: show its phrase."""

        def __init__(self, event: TimelineEvent) -> None:
            super().__init__()
            self.event = event

    class EraSelected(Message):
        """The reader chose an era heading: show where it starts."""

        def __init__(self, era: Era) -> None:
            super().__init__()
            self.era = era

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._date_cells: dict[str, int] = {}

    # The indexes below are made when the pane is first drawn or asked, not
    # when it is made (before the first frame, on 10,000 events).

    @cached_property
    def entries(self) -> list[Era | int]:
        """The list's entries: an era heading (an Era) or an event (its index in
        the story's timeline)."""
        story = self.story
        if not story.eras:
            return list(range(len(story.timeline)))
        entries: list[Era | int] = []
        for group in events_by_era(story):
            if group.era is not None:
                entries.append(group.era)
            entries += [self._number[event.id] for event in group.events]
        return entries

    @cached_property
    def _entry_of_event(self) -> dict[int, int]:
        entries = self.entries
        return {entry: position for position, entry in enumerate(entries) if isinstance(entry, int)}

    @cached_property
    def _entry_of_era(self) -> dict[str, int]:
        entries = self.entries
        return {e.id: position for position, e in enumerate(entries) if isinstance(e, Era)}

    @cached_property
    def _number(self) -> dict[str, int]:
        return {event.id: number for number, event in enumerate(self.story.timeline)}

    # -- entries -----------------------------------------------------------------

    def entry_count(self) -> int:
        return len(self.entries)

    def entry_text_length(self, entry: int) -> int:
        item = self.entries[entry]
        if isinstance(item, Era):
            return len(in_language(item.label_en, item.label, self.language)) + 14
        event = self.story.timeline[item]
        return len(in_language(event.label_en, event.label, self.language)) + self.date_cells() + 3

    def empty_text(self) -> str:
        return word("no_events", self.language)

    def date_cells(self) -> int:
        """The width of the date column: the widest date of the story."""
        cells = self._date_cells.get(self.language)
        if cells is None:
            cells = max(
                (cell_len(event.display_date(self.language)) for event in self.story.timeline),
                default=4,
            )
            self._date_cells[self.language] = cells
        return cells

    def entry_lines(self, entry: int, width: int) -> list[Text]:
        item = self.entries[entry]
        if isinstance(item, Era):
            return self._era_lines(item, entry, width)
        return self._event_lines(item, entry in self.current, width)

    def _era_lines(self, era: Era, entry: int, width: int) -> list[Text]:
        direction = ui_direction(self.language)
        label = in_language(era.label_en, era.label, self.language)
        text = f"{isolate(label)} · {era.span.display(self.language)}"
        style = self.get_component_rich_style(
            "timeline--era-current" if entry in self.current else "timeline--era"
        )
        return BidiText(text, direction, style=style, visual=self.visual).lines(width)

    def _event_lines(self, number: int, here: bool, width: int) -> list[Text]:
        event = self.story.timeline[number]
        direction = ui_direction(self.language)
        rtl = direction == "R" and self.visual
        date_cells = min(self.date_cells(), max(4, width // 3))
        room = max(4, width - date_cells - 3)
        label = in_language(event.label_en, event.label, self.language)
        label_lines = BidiText(label, direction, visual=self.visual).lines(room)
        date = visual(event.display_date(self.language), direction, self.visual)
        dim = "" if here else self.get_component_rich_style("virtual-list--dim")
        date_style = self.get_component_rich_style("timeline--date")
        lines: list[Text] = []
        for row, shown in enumerate(label_lines):
            first = row == 0
            mark = (MARKER if here else NO_MARKER) if first else " "
            cell = date if first else ""
            # The date column stands where lines start; the label's later
            # lines hang under its first, not under the date.
            cell = cell.rjust(date_cells) if rtl else cell.ljust(date_cells)
            line = Text(end="")
            if rtl:
                line.append_text(shown)
                line.append(" ")
                line.append(cell, style=date_style)
                line.append(" " + mark)
            else:
                line.append(mark + " ")
                line.append(cell, style=date_style)
                line.append(" ")
                line.append_text(shown)
            line.stylize(dim)
            lines.append(line)
        return lines

    # -- where the reader is ---------------------------------------------------------

    def watch_here(self, here: Here | None) -> None:
        if here is None:
            return
        events = here.events or ((here.event,) if here.event is not None else ())
        index = self._number
        current = {self._entry_of_event[index[event.id]] for event in events}
        if here.era is not None and here.era.id in self._entry_of_era:
            current.add(self._entry_of_era[here.era.id])
        self.current = frozenset(current)

    def entry_of(self, event_id: str) -> int:
        """Where the event ``event_id`` stands in the list (era headings count)."""
        return self._entry_of_event[self._number[event_id]]

    def marked(self) -> list[TimelineEvent]:
        """The events marked as where the reader is, in timeline order."""
        return [
            self.story.timeline[item]
            for position in sorted(self.current)
            if isinstance(item := self.entries[position], int)
        ]

    def first_pointer(self) -> int:
        events = [p for p in self.current if isinstance(self.entries[p], int)]
        return min(events, default=super().first_pointer())

    def select(self, entry: int) -> None:
        item = self.entries[entry]
        if isinstance(item, Era):
            self.post_message(self.EraSelected(item))
        else:
            self.post_message(self.EventSelected(self.story.timeline[item]))
