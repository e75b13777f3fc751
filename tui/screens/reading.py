"""``ReaderScreen``: the story on screen, and the state every part of it follows.

The screen holds the reader's state as reactives: where the reader is
(``position``, ``chapter``, ``percent``), the BiDi mode (``visual``), the
interface language, the window's class (``narrow``, ``tiny``) and whether a
search is open. The status bar, the reader, the side panel and its panes,
the search field and the key bar are composed with ``data_bind`` to them,
so a change (``b`` for the BiDi mode, a scroll, a chapter turned) reaches
each of them through its own watcher: nothing is refreshed by hand.

The screen routes what the reader asks for (keys, choices in the panes) to
the reader; search lives in ``SearchController``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from tui.journey.here import Here, Journey, Visible
from tui.render import BidiText
from tui.screens.searching import SearchController
from tui.state import Position
from tui.story import Paragraph, Quote, Story, TimelineEvent
from tui.widgets.contents import ChapterList
from tui.widgets.journey import PlacesPane
from tui.widgets.key_bar import KeyBar
from tui.widgets.quotes import QuotePane
from tui.widgets.reader import Mark, StoryReader
from tui.widgets.search_bar import SearchBar
from tui.widgets.side_panel import SidePanel
from tui.widgets.status import StatusBar
from tui.widgets.timeline import TimelinePane
from tui.widgets.virtual_list import VirtualList
from tui.words import Language, in_language, ui_direction, word

if TYPE_CHECKING:
    from textual.command import Provider

    from tui.story.targets import Target

#: below this many columns the side panes fold away behind their keys
NARROW = 100
#: below this the reader says the window is too small instead of breaking
MIN_WIDTH, MIN_HEIGHT = 30, 10


def _story_commands() -> type[Provider]:
    # Imported when the palette opens: the search core is not needed for
    # the first screen.
    from tui.commands import StoryCommands

    return StoryCommands


class ReaderScreen(Screen[None]):
    """The reading screen: status, reader, side panes, search field, keys."""

    DEFAULT_CSS = """
    ReaderScreen {
        layout: vertical;
        layers: base overlay;
    }
    ReaderScreen > #body {
        height: 1fr;
    }
    ReaderScreen #reader {
        width: 1fr;
        height: 1fr;
    }
    ReaderScreen > #too-small {
        display: none;
        height: 1fr;
        content-align: center middle;
        text-style: bold;
    }
    ReaderScreen.-tiny > #status,
    ReaderScreen.-tiny > #body,
    ReaderScreen.-tiny > KeyBar {
        display: none;
    }
    ReaderScreen.-tiny > #too-small {
        display: block;
    }
    """

    BINDINGS = [
        Binding("n", "next", "Next", id="next"),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("escape", "close", "Close", show=False),
        Binding("p", "previous_chapter", "Previous", id="previous"),
        # A priority binding runs as the key arrives, before the keys typed
        # after it are queued for the reader: a quick "/abc" lands in the field.
        Binding("slash", "search", "Search", key_display="/", priority=True),
        Binding("c", "show_pane('contents')", "Contents", show=False),
        Binding("t", "show_pane('timeline')", "Timeline"),
        Binding("o", "show_pane('quotes')", "Quotes"),
        Binding("m", "show_pane('journey')", "Journey", show=False),
        Binding("s", "toggle_side", "Panes", show=False),
        Binding("y", "copy", "Copy", show=False),
        Binding("b", "toggle_bidi", "BiDi mode", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        *(Binding(str(k), f"chapter({k - 1})", f"Chapter {k}", show=False) for k in range(1, 10)),
    ]

    COMMANDS = {_story_commands}
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
    ) -> None:
        super().__init__(id="reading")
        self._at = at
        self.set_reactive(ReaderScreen.measure, measure)
        self.story = story
        self.set_reactive(ReaderScreen.language, language)
        self.set_reactive(ReaderScreen.visual, visual)
        self._start = start
        self._item_starts: tuple[int, list[int]] | None = None
        self._journey: Journey | None = None
        self.search = SearchController(self)
        # Characters before each chapter, to say how much of the story is read.
        self._chapter_starts = [0, *accumulate(_chapter_length(c.blocks) for c in story.chapters)]
        self.add_class("-rtl" if ui_direction(language) == "R" else "-ltr")

    # -- composition ---------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Fitted before the widgets are styled for the first time: done on
        # mount, it would style them all twice.
        self._fit(self.app.size.width, self.app.size.height)
        story, language = self.story, self.language
        settings = {"visual": ReaderScreen.visual, "language": ReaderScreen.language}
        title = in_language(story.title_en, story.title, language)
        yield StatusBar(title, len(story.chapters), id="status").data_bind(
            chapter=ReaderScreen.chapter, percent=ReaderScreen.percent, **settings
        )
        reader = StoryReader(story, language=language, measure=self.measure, id="reader").data_bind(
            measure=ReaderScreen.measure, **settings
        )
        side = SidePanel(story, language=language, id="side").data_bind(
            chapter=ReaderScreen.chapter,
            narrow=ReaderScreen.narrow,
            here=ReaderScreen.here,
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
        yield KeyBar().data_bind(**settings)

    def on_mount(self) -> None:
        start = self._start or Position(0, 0, 0)
        at = self._at
        if at is not None and at.paragraph_id:
            self._show_anchor(at.paragraph_id, at.chapter_index, at.start, at.end)
        elif at is not None:
            self.reader.show_chapter(at.chapter_index)
        elif start.chapter < len(self.story.chapters):
            self.reader.show_chapter(start.chapter, start.item, start.offset)
        else:
            self.reader.show_chapter(0)
        self.chapter = self.reader.chapter_index
        # Nothing on the first screen needs the search index: build it after.
        self.set_timer(0.5, self._build_search_index)

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

    def watch_searching(self, searching: bool) -> None:
        self.set_class(searching, "-searching")

    # -- where the reader is -----------------------------------------------------

    @on(StoryReader.Moved)
    def _moved(self, message: StoryReader.Moved) -> None:
        position = Position(message.chapter_index, message.item_index, message.offset)
        self.chapter = message.chapter_index
        self.position = position
        self.percent = self.percent_read(position)
        self.here = self.journey.where(
            message.chapter_index, [Visible(*shown) for shown in self.reader.visible_ranges()]
        )

    @property
    def journey(self) -> Journey:
        """The story's anchors in reading order, asked where the reader is."""
        if self._journey is None:
            self._journey = Journey(self.story)
        return self._journey

    def percent_read(self, position: Position) -> int:
        """How much of the story's text lies before ``position``, in percent.

        Counted in characters of the story, so it does not change with the
        window's size.
        """
        total = self._chapter_starts[-1] or 1
        if self._item_starts is None or self._item_starts[0] != position.chapter:
            blocks = self.story.chapters[position.chapter].blocks
            # The heading is item 0; the chapter's blocks follow it.
            starts = [0, 0, *accumulate(_chapter_length((block,)) for block in blocks)]
            self._item_starts = (position.chapter, starts)
        starts = self._item_starts[1]
        item = max(0, min(len(starts) - 1, position.item))
        before = self._chapter_starts[position.chapter] + starts[item]
        if item + 1 < len(starts):
            before += min(position.offset, starts[item + 1] - starts[item])
        return min(100, round(100 * before / total))

    def watch_chapter(self, chapter: int) -> None:
        if self.searching:
            self.search.mark_hits()

    # -- moving through the story -------------------------------------------

    def goto_chapter(self, index: int) -> None:
        """Open chapter ``index`` at its top."""
        self.reader.clear_marks("anchor")
        self.reader.show_chapter(index)

    def action_next(self) -> None:
        if not self.search.step(True):
            self.action_next_chapter()

    def action_next_chapter(self) -> None:
        if self.reader.chapter_index + 1 < len(self.story.chapters):
            self.goto_chapter(self.reader.chapter_index + 1)
        else:
            self.say_limit("last_chapter")

    def action_previous_chapter(self) -> None:
        if self.reader.chapter_index > 0:
            self.goto_chapter(self.reader.chapter_index - 1)
        else:
            self.say_limit("first_chapter")

    def action_chapter(self, index: int) -> None:
        if 0 <= index < len(self.story.chapters):
            self.goto_chapter(index)
        else:
            self.say_limit("chapter_count", count=len(self.story.chapters))

    def say_limit(self, key: str, **values: object) -> None:
        """A key at its limit: a bell and a short word of why."""
        self.app.bell()
        text = word(key, self.language).format(**values)
        self.app.notify(self.shown_notice(text), timeout=2)

    def action_previous_match(self) -> None:
        if not self.search.step(False):
            self.app.bell()

    @on(StoryReader.BookTurn)
    def _book_turn(self, event: StoryReader.BookTurn) -> None:
        # A right-to-left book goes forward to the left.
        forward = "left" if self.story.direction == "R" else "right"
        if event.key == forward:
            self.action_next_chapter()
        else:
            self.action_previous_chapter()

    def _show_anchor(self, paragraph_id: str, chapter: int, start: int, end: int) -> None:
        reader = self.reader
        reader.show_chapter(chapter)
        reader.set_marks(
            [m for m in reader.marks() if m.kind != "anchor"]
            + [Mark(paragraph_id, start, end, "anchor")]
        )
        reader.reveal(paragraph_id, start, end)

    def show_event(self, event: TimelineEvent) -> None:
        """Open the chapter of ``event`` with its phrase highlighted."""
        anchor = event.anchor
        self._show_anchor(anchor.paragraph_id, anchor.chapter_index, anchor.start, anchor.end)

    def show_quote(self, quote: Quote) -> None:
        """Open the passage of ``quote`` with the quote highlighted."""
        anchor = quote.anchor
        self._show_anchor(anchor.paragraph_id, anchor.chapter_index, anchor.start, anchor.end)

    @on(ChapterList.ChapterChosen)
    def _chapter_chosen(self, message: ChapterList.ChapterChosen) -> None:
        self.goto_chapter(message.index)
        self.side.close_after_choice()

    @on(TimelinePane.EventSelected)
    def _event_selected(self, message: TimelinePane.EventSelected) -> None:
        self.show_event(message.event)
        self.side.close_after_choice()

    @on(TimelinePane.EraSelected)
    def _era_selected(self, message: TimelinePane.EraSelected) -> None:
        self.show_target(message.era.id)

    @on(PlacesPane.PlaceSelected)
    def _place_selected(self, message: PlacesPane.PlaceSelected) -> None:
        self.show_target(message.place.id)

    def show_target(self, target_id: str) -> None:
        """Open the chapter, event, quote, era or place ``target_id`` at its phrase."""
        from tui.story.targets import resolve_target

        target = resolve_target(self.story, target_id)
        if target.paragraph_id:
            self._show_anchor(target.paragraph_id, target.chapter_index, target.start, target.end)
        else:
            self.goto_chapter(target.chapter_index)
        self.side.close_after_choice()

    @on(QuotePane.QuoteSelected)
    def _quote_selected(self, message: QuotePane.QuoteSelected) -> None:
        self.show_quote(message.quote)
        self.side.close_after_choice()

    # -- panes ------------------------------------------------------------------

    def action_show_pane(self, pane: str) -> None:
        self.side.show_pane(pane)

    def action_toggle_side(self) -> None:
        self.side.toggle()

    @on(SidePanel.Closed)
    def _side_closed(self) -> None:
        if not isinstance(self.focused, SearchBar):
            self.reader.focus()

    def action_close(self) -> None:
        if self.search.close():
            return
        if self.side.close():
            return
        if isinstance(self.focused, VirtualList):
            self.reader.focus()

    # -- search -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "/" is a priority binding (so that a quick "/abc" lands in the
        # field), but while a text field has the focus it is a letter of
        # the query, typed in its place: "10/2001" stays "10/2001".
        return not (action == "search" and _is_text_field(self.focused))

    def action_search(self) -> None:
        self.search.open()

    @on(SearchBar.Changed)
    def _query_changed(self, message: SearchBar.Changed) -> None:
        self.search.query_changed(message.value)

    @on(SearchBar.Submitted)
    def _query_submitted(self, message: SearchBar.Submitted) -> None:
        self.search.submitted(message.value)

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        self.search.close()

    # -- settings, copying, help ---------------------------------------------------

    def action_toggle_bidi(self) -> None:
        self.visual = not self.visual

    def copy_text(self) -> str:
        """What ``y`` copies, in logical order: the quote under the pointer in the
        quote pane, else the paragraph being read (the one holding the current
        match or highlighted phrase, or the first whose text is on screen)."""
        focused = self.focused
        if isinstance(focused, QuotePane) and (quote := focused.current_quote()) is not None:
            return quote.text
        return self.reader.paragraph_being_read()

    def action_copy(self) -> None:
        text = self.copy_text()
        if not text:
            self.app.bell()
            return
        self.app.copy_to_clipboard(text)
        self._copy_to_system(text)

    @work(thread=True, exclusive=True, group="clipboard")
    def _copy_to_system(self, text: str) -> None:
        from tui.clipboard import copy_to_system

        copied = copy_to_system(text)
        key = "copied_system" if copied else "copied_terminal"
        notice = self.shown_notice(word(key, self.language))
        self.app.call_from_thread(self.app.notify, notice, timeout=6)

    @on(StoryReader.ImageChosen)
    def _image_chosen(self, message: StoryReader.ImageChosen) -> None:
        from tui.clipboard import can_open_browser

        if message.url and (can_open_browser() or self.app.is_web):
            self.app.open_url(message.url)
            self.app.notify(self.shown_notice(word("opening", self.language)), timeout=3)
            return
        from tui.screens.address import AddressDialog

        self.app.push_screen(AddressDialog(message.url, language=self.language, visual=self.visual))

    def shown_notice(self, text: str) -> str:
        """A notification laid out for the screen, in lines that fit a toast."""
        if not self.visual:
            return text
        from tui.rtl import first_strong

        # A notice has its own direction (a file name in it may be Latin).
        direction = first_strong(text) or ui_direction(self.language)
        lines = BidiText(text, direction, visual=True).lines(44)
        return "\n".join(line.plain.strip() for line in lines)

    def action_help(self) -> None:
        from tui.screens.help import KEY_NAMES, HelpScreen, key_rows

        rows = key_rows((type(self), type(self.app), StoryReader, VirtualList))
        if self.app.ENABLE_COMMAND_PALETTE:
            # Bound by Textual at run time, not in a BINDINGS list.
            palette = self.app.COMMAND_PALETTE_BINDING
            rows.setdefault("command_palette", []).append(KEY_NAMES.get(palette, palette))
        self.app.push_screen(HelpScreen(rows, language=self.language, visual=self.visual))


def _is_text_field(widget: object) -> bool:
    from textual.widgets import Input

    return isinstance(widget, SearchBar | Input)


def _chapter_length(blocks: Sequence[object]) -> int:
    return sum(len(block.text) for block in blocks if isinstance(block, Paragraph))
