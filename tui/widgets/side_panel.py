"""``SidePanel``: the panes beside the text, and whether they are open.

The panes are the contents, the timeline (with its time axis), the quotes
and the journey (a map above the list of places); each stands in a box of
its own with its title. On a wide window the panel stands beside the reader
(``s`` hides it; the journey takes the quotes' place when ``m`` opens it).
Below ``NARROW`` columns it folds away and a pane's key brings that one pane
back over the text; the same key or Esc folds it again, and so does a resize
that makes the window wide. The panel owns this state (after frogmouth's
``Navigation.popped_out``); the screen only calls ``show_pane``, ``toggle``
and ``close``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive, var
from textual.widget import Widget

from tui.render import visual
from tui.story import Story
from tui.textual_private import binding_from
from tui.words import Language, ui_direction, word

if TYPE_CHECKING:
    from tui.journey.here import Here
    from tui.widgets.contents import ChapterList
    from tui.widgets.quotes import QuotePane
    from tui.widgets.timeline import TimelinePane
    from tui.widgets.virtual_list import VirtualList

#: the panes, in the order they stand and Tab reaches them
PANES = ("contents", "timeline", "quotes", "journey")
#: the list in each pane's box that takes the focus
FOCUSED = {"contents": "contents", "timeline": "timeline", "quotes": "quotes", "journey": "places"}


class SidePanel(Vertical):
    """The side of the screen: where in the story, in the life and in the world the reader is."""

    DEFAULT_CSS = """
    SidePanel {
        width: 44;
        height: 1fr;
    }
    SidePanel > .pane-box {
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-align: right;
        border-subtitle-align: left;
    }
    SidePanel.-ltr > .pane-box {
        border-title-align: left;
        border-subtitle-align: right;
    }
    SidePanel > .pane-box:focus-within {
        border: round $accent;
    }
    SidePanel > #contents-box {
        height: auto;
        max-height: 40%;
    }
    SidePanel #contents {
        height: auto;
    }
    SidePanel > #timeline-box {
        height: 2fr;
    }
    SidePanel > #journey-box {
        display: none;
        height: 2fr;
    }
    SidePanel.-journey > #journey-box {
        display: block;
    }
    SidePanel.-journey > #quotes-box {
        display: none;
    }
    SidePanel.-hidden {
        display: none;
    }
    SidePanel.-narrow {
        display: none;
    }
    SidePanel.-narrow.-open {
        display: block;
        dock: right;
        layer: overlay;
        width: 90%;
        max-width: 60;
        background: $surface;
    }
    SidePanel.-narrow.-open.-ltr {
        dock: left;
    }
    SidePanel.-narrow.-open > .pane-box {
        display: none;
        height: 1fr;
        max-height: 100%;
    }
    /* Alone over the text, the contents may take the whole height. */
    SidePanel.-narrow.-open > #contents-box {
        height: auto;
        max-height: 100%;
    }
    SidePanel.-narrow.-open.-only-contents > #contents-box,
    SidePanel.-narrow.-open.-only-timeline > #timeline-box,
    SidePanel.-narrow.-open.-only-quotes > #quotes-box,
    SidePanel.-narrow.-open.-only-journey > #journey-box {
        display: block;
    }
    """

    visual: reactive[bool] = reactive(True, init=False)
    language: reactive[Language] = reactive("ar", init=False)
    #: the chapter on screen
    chapter: reactive[int] = reactive(0, init=False)
    #: where the reader is in the life and the world
    here: reactive[Here | None] = reactive(None, init=False)
    #: below NARROW columns: the panes fold away
    narrow: reactive[bool] = reactive(False, init=False)
    #: the pane shown over the text on a narrow window, "" when folded
    open_pane: var[str] = var("", init=False)
    #: hidden by ``s`` on a wide window
    hidden: var[bool] = var(False, init=False)
    #: the journey shown in the quotes' place on a wide window
    journey: var[bool] = var(False, init=False)

    class Closed(Message):
        """The panel folded away or was hidden: the reader takes the focus back."""

    def __init__(self, story: Story, *, language: Language, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self.set_reactive(SidePanel.language, language)
        self.set_class(ui_direction(language) == "L", "-ltr")
        self._filled = False

    def compose(self) -> ComposeResult:
        # The boxes now, the panes in them once the first frame is out (see
        # ``fill``): the reader's text comes first. The panel's width is
        # fixed, so the text does not move when they arrive.
        for name in PANES:
            yield Vertical(id=f"{name}-box", classes="pane-box")

    def _make_panes(self) -> dict[str, list[Widget]]:
        # Imported here: the panes' modules (and the journey's) are not
        # needed for the first frame, ~3 ms of every start-up.
        from tui.widgets.contents import ChapterList
        from tui.widgets.journey import JourneyMap, PlacesPane
        from tui.widgets.quotes import QuotePane
        from tui.widgets.time_axis import TimeAxis
        from tui.widgets.timeline import TimelinePane

        bound = {"visual": SidePanel.visual, "language": SidePanel.language}
        here = {"here": SidePanel.here, **bound}
        story = self.story
        with binding_from(self):
            return {
                "contents": [
                    ChapterList(story, id="contents").data_bind(chapter=SidePanel.chapter, **bound)
                ],
                "timeline": [
                    TimeAxis(story, id="axis").data_bind(**here),
                    TimelinePane(story, id="timeline").data_bind(**here),
                ],
                "quotes": [QuotePane(story, id="quotes").data_bind(**here)],
                "journey": [
                    JourneyMap(story, id="map").data_bind(**here),
                    PlacesPane(story, id="places").data_bind(**here),
                ],
            }

    def on_mount(self) -> None:
        self._title_panes()
        if not self.story.rest_waiting:
            self.call_after_refresh(self.fill)
        # else the screen fills the panes once the sections are read
        # (``ReaderState.rest_read``): made now, they would wait for them.

    @property
    def filled(self) -> bool:
        """Whether the panes are in their boxes (from the second frame on)."""
        return self._filled

    def fill(self) -> None:
        """Put the panes in their boxes, if they are not there yet (a key that
        needs a pane before the second frame fills them at once)."""
        if self._filled:
            return
        self._filled = True
        for name, panes in self._make_panes().items():
            self.query_one(f"#{name}-box").mount_all(panes)

    def pane(self, name: str) -> VirtualList:
        """The list of pane ``name`` ("contents", "timeline", "quotes", "journey")."""
        from tui.widgets.virtual_list import VirtualList

        self.fill()
        return self.query_one(f"#{FOCUSED[name]}", VirtualList)

    @property
    def contents(self) -> ChapterList:
        """The table of contents."""
        from tui.widgets.contents import ChapterList

        self.fill()
        return self.query_one("#contents", ChapterList)

    @property
    def timeline(self) -> TimelinePane:
        """The timeline."""
        from tui.widgets.timeline import TimelinePane

        self.fill()
        return self.query_one("#timeline", TimelinePane)

    @property
    def quotes(self) -> QuotePane:
        """The quotes."""
        from tui.widgets.quotes import QuotePane

        self.fill()
        return self.query_one("#quotes", QuotePane)

    def _title_panes(self) -> None:
        direction = ui_direction(self.language)
        for name in PANES:
            box = self.query_one(f"#{name}-box")
            box.border_title = visual(word(name, self.language), direction, self.visual)
        # The timeline's marks, explained where they are drawn.
        legend = visual(word("on_screen", self.language), direction, self.visual)
        self.query_one("#timeline-box").border_subtitle = legend

    def watch_visual(self) -> None:
        self._title_panes()

    def watch_language(self, language: Language) -> None:
        self.set_class(ui_direction(language) == "L", "-ltr")
        self._title_panes()

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "-narrow")
        # A window made wide never keeps an overlay over the text.
        self.open_pane = ""

    def watch_open_pane(self, old: str, new: str) -> None:
        self.set_class(bool(new), "-open")
        for name in PANES:
            self.set_class(new == name, f"-only-{name}")
        if old and not new:
            self.post_message(self.Closed())

    def watch_hidden(self, hidden: bool) -> None:
        self.set_class(hidden, "-hidden")
        if hidden:
            self.post_message(self.Closed())

    def watch_journey(self, journey: bool) -> None:
        self.set_class(journey, "-journey")

    @property
    def is_open(self) -> bool:
        """Whether the panes can be seen."""
        return bool(self.open_pane) if self.narrow else not self.hidden

    def show_pane(self, name: str) -> None:
        """Bring pane ``name`` into view and focus it; on a narrow window its key
        closes it again."""
        if self.narrow:
            if self.open_pane == name:
                self.open_pane = ""
                return
            self.open_pane = name
        else:
            self.hidden = False
            if name == "journey":
                if self.journey and self.pane("journey").has_focus:
                    self.journey = False  # m again gives the quotes their place back
                    self.post_message(self.Closed())
                    return
                self.journey = True
            elif name == "quotes":
                self.journey = False
        self.pane(name).focus()

    def toggle(self) -> None:
        """Show or hide the panes (``s``)."""
        if self.narrow:
            self.open_pane = "" if self.open_pane else "contents"
            if self.open_pane:
                self.pane("contents").focus()
        else:
            self.hidden = not self.hidden

    def close(self) -> bool:
        """Fold an overlay away (Esc); True if there was one."""
        if self.narrow and self.open_pane:
            self.open_pane = ""
            return True
        return False

    def close_after_choice(self) -> None:
        """A choice was made in a pane: an overlay gives the text back."""
        self.close()
