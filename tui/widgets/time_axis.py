"""``TimeAxis``: the story's years drawn to scale at the top of the timeline pane.

The axis (``tui.journey.axis``) runs right to left in the Arabic interface
(earliest at the right) and left to right in English; each event is a mark
on it, the events on screen stand out, the eras are bands under the years,
and ▼ shows where in the life the reader is. It is drawn again when the
reader moves (``here``) or the pane's width changes.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.journey.axis import axis_rows, draw_axis
from tui.journey.here import Here
from tui.story import Story
from tui.words import Language, ui_direction

#: kinds of cells the axis draws -> the component class that styles them
KIND_CLASSES = {
    "axis": "time-axis--line",
    "tick": "time-axis--line",
    "year": "time-axis--year",
    "event": "time-axis--event",
    "event-current": "time-axis--event-current",
    "here": "time-axis--here",
    "era": "time-axis--era",
    "era-alt": "time-axis--era-alt",
    "era-current": "time-axis--era-current",
}


class TimeAxis(Widget):
    """The time axis of a story."""

    DEFAULT_CSS = """
    TimeAxis {
        height: auto;
        padding: 0 1 0 0;
    }
    TimeAxis > .time-axis--line { color: $text-muted; }
    TimeAxis > .time-axis--year { color: $text; }
    TimeAxis > .time-axis--event { color: $secondary; }
    TimeAxis > .time-axis--event-current { color: $accent; text-style: bold; }
    TimeAxis > .time-axis--here { color: $accent; text-style: bold; }
    TimeAxis > .time-axis--era { background: $primary 30%; }
    TimeAxis > .time-axis--era-alt { background: $secondary 30%; }
    TimeAxis > .time-axis--era-current { background: $accent 60%; text-style: bold; }
    """

    COMPONENT_CLASSES = set(KIND_CLASSES.values())

    here: reactive[Here | None] = reactive(None)
    language: reactive[Language] = reactive("ar")
    visual: reactive[bool] = reactive(True)

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story

    def render(self) -> RenderableType:
        width = self.content_region.width or self.size.width
        here = self.here
        axis = draw_axis(
            self.story,
            max(1, width),
            ui_direction(self.language),
            language=self.language,
            current_events={event.id for event in here.events} if here else (),
            current_era=here.era.id if here and here.era else None,
            reading=here.moment if here else None,
            labels=self.visual,
        )
        if axis is None:
            return Text("")
        lines = []
        for _, row in axis.rows:
            line = Text(row.text, end="", no_wrap=True)
            for span in row.spans:
                component = KIND_CLASSES.get(span.kind)
                if component:
                    line.stylize(self.get_component_rich_style(component), span.start, span.end)
            lines.append(line)
        return Text("\n", end="").join(lines)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return axis_rows(self.story)
