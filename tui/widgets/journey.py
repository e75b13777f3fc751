"""The journey: a world map in Braille cells above the list of the story's places.

``JourneyMap`` draws ``tui.journey.worldmap`` at the size it is given: land,
the places marked, the route between them in the order the story tells
them, the route so far drawn whole and the route to come dotted, the place
the reader is at highlighted. The land mask is read the first time the map
is drawn, never at start-up. ``PlacesPane`` lists the places (name and
dates); Enter on one opens its phrase, and the place under the pointer is
the one the map shows as chosen.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.journey.here import Here
from tui.render import BidiText
from tui.rtl import isolate
from tui.story import Story
from tui.story.model import Place
from tui.widgets.virtual_list import VirtualList
from tui.words import Language, in_language, ui_direction, word

#: kinds of cells the map draws -> the component class that styles them
KIND_CLASSES = {
    "land": "journey-map--land",
    "route-done": "journey-map--route-done",
    "route-ahead": "journey-map--route-ahead",
    "place": "journey-map--place",
    "place-current": "journey-map--place-current",
    "place-ahead": "journey-map--place-ahead",
    "label": "journey-map--label",
    "label-current": "journey-map--label-current",
}


class JourneyMap(Widget):
    """The map of the story's places."""

    DEFAULT_CSS = """
    JourneyMap {
        height: 1fr;
        min-height: 4;
    }
    JourneyMap > .journey-map--land { color: $panel-lighten-3; }
    JourneyMap > .journey-map--route-done { color: $accent; text-style: bold; }
    JourneyMap > .journey-map--route-ahead { color: $text-muted; }
    JourneyMap > .journey-map--place { color: $accent; text-style: bold; }
    JourneyMap > .journey-map--place-current { color: $warning; text-style: bold reverse; }
    JourneyMap > .journey-map--place-ahead { color: $text-muted; }
    JourneyMap > .journey-map--label { color: $text; }
    JourneyMap > .journey-map--label-current { color: $warning; text-style: bold; }
    """

    COMPONENT_CLASSES = set(KIND_CLASSES.values())

    here: reactive[Here | None] = reactive(None)
    language: reactive[Language] = reactive("ar")
    visual: reactive[bool] = reactive(True)

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._failed = ""

    def render(self) -> RenderableType:
        width = self.content_region.width or self.size.width
        height = self.content_region.height or self.size.height
        if not self.story.places:
            return BidiText(
                word("no_places", self.language), ui_direction(self.language), visual=self.visual
            )
        from tui.journey.landmask import LandMaskError, land_mask

        try:
            mask = land_mask()
        except LandMaskError as error:
            mask = None
            self._failed = str(error)
        here = self.here
        # The map's code is loaded when a map is first drawn, not at start-up
        # (the journey pane is hidden until ``m``).
        from tui.journey.worldmap import draw_journey

        drawn = draw_journey(
            self.story.places,
            max(1, width),
            max(1, height),
            language=self.language,
            current=here.place.id if here and here.place else None,
            mask=mask,
            # Names are drawn shaped, in visual order: a terminal that orders
            # text itself gets the map without them (the list below names them).
            labels=self.visual,
        )
        lines = []
        for row in drawn.rows:
            line = Text(row.text, end="", no_wrap=True)
            for span in row.spans:
                component = KIND_CLASSES.get(span.kind)
                if component:
                    line.stylize(self.get_component_rich_style(component), span.start, span.end)
            lines.append(line)
        return Text("\n", end="").join(lines)


class PlacesPane(VirtualList):
    """The story's places, in the order it tells them."""

    DEFAULT_CSS = """
    PlacesPane {
        height: auto;
        max-height: 40%;
    }
    """

    here: reactive[Here | None] = reactive(None, init=False)

    class PlaceSelected(Message):
        """The reader chose a place: show its phrase."""

        def __init__(self, place: Place) -> None:
            super().__init__()
            self.place = place

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story

    def entry_count(self) -> int:
        return len(self.story.places)

    def entry_text_length(self, entry: int) -> int:
        place = self.story.places[entry]
        return len(in_language(place.name_en, place.name, self.language)) + 16

    def empty_text(self) -> str:
        return word("no_places", self.language)

    def entry_lines(self, entry: int, width: int) -> list[Text]:
        place = self.story.places[entry]
        name = in_language(place.name_en, place.name, self.language)
        dates = place.span.display(self.language) if place.span is not None else ""
        here = entry in self.current
        text = Text(f"{'◆' if here else '◇'} {isolate(name)}")
        if dates:
            text.append(f" · {dates}", style="dim")
        style = self.get_component_rich_style("virtual-list--current") if here else ""
        return BidiText(text, ui_direction(self.language), style=style, visual=self.visual).lines(
            width
        )

    def watch_here(self, here: Here | None) -> None:
        if here is None or here.place is None:
            self.current = frozenset()
            return
        number = next(
            (n for n, place in enumerate(self.story.places) if place.id == here.place.id), None
        )
        self.current = frozenset() if number is None else frozenset({number})

    def select(self, entry: int) -> None:
        self.post_message(self.PlaceSelected(self.story.places[entry]))
