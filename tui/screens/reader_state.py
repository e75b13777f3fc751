"""``ReaderState``: the story on screen, and the state every part of it follows.

The screen holds the reader's state as reactives: where the reader is
(``position``, ``chapter``, ``percent``), the BiDi mode (``visual``), the
interface language, the window's class (``narrow``, ``tiny``) and whether a
search is open. The status bar, the reader, the side panel and its panes,
the search field and the key bar are composed with ``data_bind`` to them,
so a change (``b`` for the BiDi mode, a scroll, a chapter turned) reaches
each of them through its own watcher: nothing is refreshed by hand.

What the keys and the panes' choices do is ``ReaderScreen``'s (a subclass,
in ``tui.screens.reading``); search lives in ``SearchController``.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from tui.render import BidiText
from tui.screens.one_frame import OneFrame
from tui.screens.searching import SearchController
from tui.state import Position
from tui.story import Story
from tui.story.progress import StoryProgress
from tui.widgets.key_bar import KeyBar
from tui.widgets.marks import Mark
from tui.widgets.reader import StoryReader
from tui.widgets.search_bar import SearchBar
from tui.widgets.side_panel import SidePanel
from tui.widgets.status import StatusBar
from tui.words import Language, in_language, ui_direction, word

if TYPE_CHECKING:
    from tui.journey.here import Here, Journey
    from tui.story import StoryError
    from tui.story.targets import Target

#: below this many columns the side panes fold away behind their keys
NARROW = 100
#: below this the reader says the window is too small instead of breaking
MIN_WIDTH, MIN_HEIGHT = 30, 10


class ReaderState(Screen[None]):
    """The reader's state, and the widgets composed to follow it."""

    DEFAULT_CSS = """
    ReaderState {
        layout: vertical;
        layers: base overlay;
    }
    ReaderState > #body {
        height: 1fr;
    }
    ReaderState #reader {
        width: 1fr;
        height: 1fr;
    }
    ReaderState > #too-small {
        display: none;
        height: 1fr;
        content-align: center middle;
        text-style: bold;
    }
    ReaderState.-tiny > #status,
    ReaderState.-tiny > #body,
    ReaderState.-tiny > KeyBar {
        display: none;
    }
    ReaderState.-tiny > #too-small {
        display: block;
    }
    """

    AUTO_FOCUS = "#reader"

    #: where the reader is: chapter, item and logical offset of the top line
    position: reactive[Position] = reactive(Position(0, 0, 0), init=False)
    #: the chapter on screen (0-based)
    chapter: reactive[int] = reactive(0, init=False)
    #: share of the story's text before the reading position, 0 to 100
    percent: reactive[int] = reactive(0, init=False)
    #: True: Rawi shapes and orders Arabic; False: the terminal does
    visual: reactive[bool] = reactive(True, init=False)
    #: the interface language
    language: reactive[Language] = reactive("ar", init=False)
    #: the widest the text column may be, in cells (0: the whole pane)
    measure: reactive[int] = reactive(76, init=False)
    #: justify the story's Arabic paragraphs with kashidas (visual mode only)
    justify: reactive[bool] = reactive(True, init=False)
    #: where the reader is in the life and the world (events, quotes, place, era)
    here: reactive[Here | None] = reactive(None, init=False)
    #: below NARROW columns
    narrow: reactive[bool] = reactive(False, init=False)
    #: too small to read in
    tiny: reactive[bool] = reactive(False, init=False)
    #: the search field is open (typing, or walking the matches)
    searching: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        story: Story,
        *,
        language: Language,
        visual: bool = True,
        start: Position | None = None,
        measure: int = 76,
        at: Target | None = None,
        justify: bool = True,
    ) -> None:
        super().__init__(id="reading")
        self._at = at
        self.set_reactive(ReaderState.measure, measure)
        self.set_reactive(ReaderState.justify, justify)
        self.story = story
        self.set_reactive(ReaderState.language, language)
        self.set_reactive(ReaderState.visual, visual)
        self._start = start
        self._journey: Journey | None = None
        #: the sections and the anchors' index are being made (after the first frame)
        self._preparing = True
        self._here_waits = False
        self._one_frame = OneFrame(self)
        self.search = SearchController(self)
        self._progress = StoryProgress(story)
        self.add_class("-rtl" if ui_direction(language) == "R" else "-ltr")

    # -- composition ---------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Fitted before the widgets are styled for the first time: done on
        # mount, it would style them all twice.
        self._fit(self.app.size.width, self.app.size.height)
        story, language = self.story, self.language
        settings = {"visual": ReaderState.visual, "language": ReaderState.language}
        title = in_language(story.title_en, story.title, language)
        yield StatusBar(title, story.chapter_count, id="status").data_bind(
            chapter=ReaderState.chapter, percent=ReaderState.percent, **settings
        )
        reader = StoryReader(
            story,
            language=language,
            measure=self.measure,
            justify=self.justify,
            visual=self.visual,
            id="reader",
        ).data_bind(measure=ReaderState.measure, justify=ReaderState.justify, **settings)
        side = SidePanel(story, language=language, id="side").data_bind(
            chapter=ReaderState.chapter,
            narrow=ReaderState.narrow,
            here=ReaderState.here,
            **settings,
        )
        with Horizontal(id="body"):
            # Navigation stands where the language starts its lines.
            yield from (reader, side) if ui_direction(language) == "R" else (side, reader)
        yield Static(
            BidiText(word("too_small", language), ui_direction(language), align="center"),
            id="too-small",
        )
        yield SearchBar(id="search").data_bind(**settings)
        yield KeyBar().data_bind(searching=ReaderState.searching, **settings)

    def on_mount(self) -> None:
        if self.app.return_code is not None or not self.query(StoryReader):
            return  # told to exit (SIGTERM) before the screen was composed
        # Watched, not messaged: the panes follow the place in the same frame.
        self.watch(self.reader, "position", self._moved, init=False)
        start = self._start or Position(0, 0, 0)
        at = self._at
        if at is not None and at.paragraph_id:
            self._show_anchor(at.paragraph_id, at.chapter_index, at.start, at.end)
        elif at is not None:
            self.reader.show_chapter(at.chapter_index)
        elif self.story.holds_chapter(start.chapter):
            self.reader.show_chapter(start.chapter, start.item, start.offset)
        else:
            self.reader.show_chapter(0)
        self.chapter = self.reader.chapter_index
        # Nothing on the first screen needs the search index: build it after.
        self.set_timer(0.5, self._build_search_index)

    def after_first_frame(self) -> None:
        """The first frame is on the terminal: read the rest of the story if it
        is still to be read, and index its anchors (the app calls this)."""
        self._read_rest()

    @work(thread=True, exclusive=True, group="rest")
    def _read_rest(self) -> None:
        # Off the event loop: on 10,000 events and quotes the sections are a
        # fifth of a second of checking and the anchors' index 80 ms more, on
        # 10 MB the chapters after the first 60 ms, and the reader's keys come
        # first.
        from tui.journey.here import Journey
        from tui.story.opening import Pacer

        problems = self.story.read_rest(Pacer())
        journey = Journey(self.story) if problems is None else None
        # RuntimeError: the app closed while they were being read (its exit
        # status and the problems are then run_guarded's to tell).
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self.rest_read, problems, journey)

    def rest_read(self, problems: StoryError | None, journey: Journey | None = None) -> None:
        """The rest of the story is read: its chapters after the first, its
        timeline, quotes, eras and places (and ``journey`` indexes its anchors):
        the panes and "you are here" can be made; with problems, the reader
        closes."""
        if problems is not None:
            # Told on stderr once the terminal is given back (``run_guarded``).
            self.app.exit(return_code=2)
            return
        if self._journey is None:
            self._journey = journey
        self._preparing = False
        # Counted before they were read: now known.
        self.query_one(StatusBar).chapters = len(self.story.chapters)
        self.side.fill()
        if self._here_waits:
            self._place_here()

    @work(thread=True, exclusive=True, group="search-index")
    def _build_search_index(self) -> None:
        self.search.build_in_background()

    # -- the parts ------------------------------------------------------------

    @property
    def reader(self) -> StoryReader:
        """The reading pane."""
        return self.query_one(StoryReader)

    @property
    def side(self) -> SidePanel:
        """The side panel (contents, timeline, quotes)."""
        return self.query_one(SidePanel)

    # -- size -----------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.narrow = width < NARROW
        self.tiny = width < MIN_WIDTH or height < MIN_HEIGHT

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "-narrow")

    def watch_tiny(self, tiny: bool) -> None:
        self.set_class(tiny, "-tiny")

    def watch_visual(self, visual: bool) -> None:
        # The terminal's own BiDi off while Rawi orders the text, on again
        # when the terminal does (the sequence depends on the terminal).
        from tui.crash import write_to_terminal
        from tui.terminal import detect, switch_sequence

        write_to_terminal(switch_sequence(detect(), visual))

    # -- where the reader is -----------------------------------------------------

    def hold_frame(self) -> None:
        """Paint what the current change touches as one frame (``OneFrame``)."""
        self._one_frame.hold()

    def _moved(self, position: Position | None) -> None:
        if position is None:
            return
        # The status bar and the panes follow: painted with the text, not after.
        self.hold_frame()
        self.chapter = position.chapter
        self.position = position
        self.percent = self.percent_read(position)
        self._place_here()

    def _place_here(self) -> None:
        from tui.journey.here import Visible

        if self._preparing:
            # The story's anchors are indexed after the first frame, in the
            # thread that reads the sections (on 10,000 events the index takes
            # 80 ms): placed when it hands them over (``rest_read``).
            self._here_waits = True
            return
        self._here_waits = False
        visible = [Visible(*shown) for shown in self.reader.visible_ranges()]
        self.here = self.journey.where(self.position.chapter, visible)

    @property
    def journey(self) -> Journey:
        """The story's anchors in reading order, asked where the reader is."""
        if self._journey is None:
            # Imported with the first use: not needed for the first frame.
            from tui.journey.here import Journey

            self._journey = Journey(self.story)
        return self._journey

    def percent_read(self, position: Position) -> int:
        """How much of the story's text lies before ``position``, in percent."""
        return self._progress.percent(position.chapter, position.item, position.offset)

    def watch_chapter(self, chapter: int) -> None:
        if self.searching:
            self.search.mark_hits()

    def _show_anchor(self, paragraph_id: str, chapter: int, start: int, end: int) -> None:
        reader = self.reader
        reader.show_chapter(chapter)
        reader.replace_marks("anchor", [Mark(paragraph_id, start, end, "anchor")])
        reader.reveal(paragraph_id, start, end)

    def say_limit(self, key: str, **values: object) -> None:
        """A key at its limit: a bell and a short word of why."""
        self.app.bell()
        text = word(key, self.language).format(**values)
        self.app.notify(self.shown_notice(text), timeout=2)

    def shown_notice(self, text: str) -> str:
        """A notification in the interface language, laid out for the screen, in
        lines that fit a toast."""
        from tui.notices import notice_in

        text = notice_in(text, self.language)
        if not self.visual:
            return text
        from tui.rtl import first_strong

        # A notice has its own direction (a file name in it may be Latin).
        direction = first_strong(text) or ui_direction(self.language)
        # Laid out at the width of a toast (60 cells, at most half the
        # screen, less its padding and edge): Textual would wrap a wider line
        # again, and a wrapped visual line reads in the wrong order.
        width = max(10, min(60, self.app.size.width // 2) - 4)
        lines = BidiText(text, direction, visual=True).lines(width)
        return "\n".join(line.plain.strip() for line in lines)
