"""``RawiApp``: the reader. Wires the panes together; the panes do the drawing.

Data flows one way: story (``tui.story``) -> layout (``tui.rtl``) -> widgets.
The app holds what is shared: the story, the interface language, the BiDi
setting (visual or logical), and the reader's place, which it saves so that
reopening the story resumes there.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.labels import Language, label, language_for, ui_direction
from tui.locations import assets_dir
from tui.rtl import first_strong
from tui.rtl.renderable import BidiSettings, BidiText, visual
from tui.state import Position, ResumeStore, story_key
from tui.story import Quote, Story, TimelineEvent
from tui.widgets.contents import ChapterList
from tui.widgets.quotes import QuotePane
from tui.widgets.reader import Mark, StoryReader
from tui.widgets.search_bar import SearchBar
from tui.widgets.status import StatusBar
from tui.widgets.timeline import TimelinePane

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.command import Provider

    from tui.search import Hit, SearchSession


def _story_commands() -> type[Provider]:
    # Imported when the palette opens: the search core is not needed for
    # the first screen.
    from tui.commands import StoryCommands

    return StoryCommands


#: below this many columns the side panes fold away behind their keys
NARROW = 100
#: below this the reader says the window is too small instead of breaking
MIN_WIDTH, MIN_HEIGHT = 30, 10

#: Arabic descriptions of the bindings shown in the Footer
_ARABIC_DESCRIPTIONS = {
    "next": "التالي",
    "previous_chapter": "السابق",
    "search": "بحث",
    "show_pane('timeline')": "الزمن",
    "show_pane('quotes')": "الأقوال",
    "show_pane('contents')": "المحتويات",
    "copy": "نسخ",
    "help": "مساعدة",
    "quit": "خروج",
    "command_palette": "الأوامر",
}


class RawiApp(App[None]):
    """Read a story: chapters, a timeline and the quotes, right to left where it should be."""

    CSS_PATH = str(assets_dir() / "rawi.tcss")
    TITLE = "Rawi"
    # The reader has the focus from the first frame (each focus change
    # recomposes the Footer).
    AUTO_FOCUS = "#reader"
    COMMANDS = App.COMMANDS | {_story_commands}

    BINDINGS = [
        Binding("n", "next", "Next", id="next"),
        Binding("N", "previous_match", "Previous match", show=False),
        Binding("escape", "close_search", "Close search", show=False),
        Binding("p", "previous_chapter", "Previous", id="previous"),
        # A priority binding runs as the key arrives, before the keys typed
        # after it are queued for the reader: a quick "/abc" lands in the field.
        Binding("slash", "search", "Search", key_display="/", priority=True),
        Binding("c", "show_pane('contents')", "Contents", show=False),
        Binding("t", "show_pane('timeline')", "Timeline"),
        Binding("o", "show_pane('quotes')", "Quotes"),
        Binding("s", "toggle_side", "Panes", show=False),
        Binding("y", "copy", "Copy", show=False),
        Binding("b", "toggle_bidi", "BiDi mode", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        # A reader is left with Ctrl+C like any terminal program (Textual's
        # default only says to press Ctrl+Q).
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        # Ctrl+Z suspends like any terminal program (tui.crash restores BiDi mode).
        Binding("ctrl+z", "suspend_process", "Suspend", show=False),
        *(Binding(str(k), f"chapter({k - 1})", f"Chapter {k}", show=False) for k in range(1, 10)),
    ]

    def __init__(
        self,
        story: Story,
        *,
        bidi: str = "visual",
        language: Language | None = None,
        state: ResumeStore | None = None,
        on_first_paint: Callable[[], object] | None = None,
    ) -> None:
        """``on_first_paint`` is called once the first screen is on the terminal."""
        super().__init__()
        self._on_first_paint = on_first_paint
        self.story = story
        self.language: Language = language or language_for(story.direction)
        self.settings = BidiSettings(visual=bidi != "logical")
        self.state = state if state is not None else ResumeStore()
        self._key = story_key(story.path)
        # Relative weight of each chapter, to say how much of the story is read.
        self._weights = [
            sum(len(getattr(block, "text", "")) for block in chapter.blocks) or 1
            for chapter in story.chapters
        ]
        self._save_timer: object | None = None
        self._search: SearchSession | None = None
        #: the unexpected exception the app stopped on, if any
        self.crash: BaseException | None = None
        self._position = Position(0, 0, 0)
        # Before the Footer is first composed: relabelling later recomposes it.
        self._label_bindings()
        # Set before the first styling pass: a class added once the screen is
        # mounted restyles every widget again.
        self.add_class("-rtl" if ui_direction(self.language) == "R" else "-ltr")

    def _fatal_error(self) -> None:
        # Textual would print a full traceback with locals on exit; a reader
        # gets one line (written by run_guarded once the terminal is given
        # back, so that it is not wrapped) and the path of a log instead.
        # (Overrides the private hook Textual calls for every unhandled
        # exception in the app.)
        self.crash = self._exception or RuntimeError("unknown error")
        self._close_messages_no_wait()

    # -- composition ---------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Fitted before the widgets are styled for the first time: done on
        # mount, it would style them all twice.
        self._fit(self.size.width, self.size.height)
        settings, language = self.settings, self.language
        yield StatusBar(
            self.story.title_en if language == "en" and self.story.title_en else self.story.title,
            len(self.story.chapters),
            settings,
            language,
            id="status",
        )
        reader = StoryReader(self.story, settings, language, id="reader")
        panes = (
            ChapterList(self.story, settings, language, id="contents"),
            TimelinePane(self.story, settings, language, id="timeline"),
            QuotePane(self.story, settings, language, id="quotes"),
        )
        direction = ui_direction(language)
        for pane, key in zip(panes, ("contents", "timeline", "quotes"), strict=True):
            pane.border_title = visual(label(key, language), direction, settings)
        side = Vertical(*panes, id="side")
        with Horizontal(id="body"):
            # Navigation stands where the language starts its lines.
            if ui_direction(language) == "R":
                yield reader
                yield side
            else:
                yield side
                yield reader
        yield Static(
            BidiText(label("too_small", language), ui_direction(language), align="center"),
            id="too-small",
        )
        yield SearchBar(settings, language, id="search")
        yield Footer()

    def on_mount(self) -> None:
        if self.return_code is not None:
            return  # told to exit (SIGTERM) before the screen was composed
        for notice in self.story.notices:
            self.notify(self._shown(notice), severity="warning")
        saved = self.state.load(self._key)
        for notice in self.state.notices:
            self.notify(self._shown(notice), severity="warning", timeout=8)
        self.state.notices.clear()
        reader = self.query_one(StoryReader)
        if saved is not None and saved.chapter < len(self.story.chapters):
            reader.show_chapter(saved.chapter, saved.item, saved.offset)
        else:
            reader.show_chapter(0)
        self._chapter_changed(reader.chapter_index)
        # Nothing on the first screen needs the search index: build it after.
        self.set_timer(0.5, self._build_search_index)
        if self._on_first_paint is not None:
            self.call_after_refresh(self._on_first_paint)

    def _shown(self, text: str) -> str:
        """A notification laid out for the screen, in lines that fit a toast."""
        if not self.settings.visual:
            return text
        # A notice has its own direction (the state store speaks English).
        direction = first_strong(text) or ui_direction(self.language)
        lines = BidiText(text, direction, settings=self.settings).lines(44)
        return "\n".join(line.plain.strip() for line in lines)

    def _apply_labels(self) -> None:
        """Pane titles and Footer descriptions in the interface language, laid out."""
        direction = ui_direction(self.language)
        for pane, key in (
            ("#contents", "contents"),
            ("#timeline", "timeline"),
            ("#quotes", "quotes"),
        ):
            self.query_one(pane).border_title = visual(
                label(key, self.language), direction, self.settings
            )
        self._label_bindings()
        self.refresh_bindings()

    def _label_bindings(self) -> None:
        """Footer descriptions: Textual draws them as they are, so an Arabic
        label is given in its laid-out form (its logical one in logical mode)."""
        if self.language != "ar":
            return
        table = self._bindings.key_to_bindings
        for key, bindings in table.items():
            table[key] = [
                replace(b, description=visual(_ARABIC_DESCRIPTIONS[b.action], "R", self.settings))
                if b.action in _ARABIC_DESCRIPTIONS
                else b
                for b in bindings
            ]

    # -- size ----------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        # The event's size: the app's own is not updated yet when this runs.
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width < NARROW, "-narrow")
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-tiny")

    # -- moving through the story -------------------------------------------

    @property
    def reader(self) -> StoryReader:
        """The reading pane."""
        return self.query_one(StoryReader)

    def goto_chapter(self, index: int) -> None:
        """Open chapter ``index`` at its top."""
        self.reader.clear_marks("anchor")
        self.reader.show_chapter(index)
        self._chapter_changed(self.reader.chapter_index)

    def action_next_chapter(self) -> None:
        if self.reader.chapter_index + 1 < len(self.story.chapters):
            self.goto_chapter(self.reader.chapter_index + 1)
        else:
            self.bell()

    def action_previous_chapter(self) -> None:
        if self.reader.chapter_index > 0:
            self.goto_chapter(self.reader.chapter_index - 1)
        else:
            self.bell()

    def action_chapter(self, index: int) -> None:
        if 0 <= index < len(self.story.chapters):
            self.goto_chapter(index)
        else:
            self.bell()

    @on(StoryReader.BookTurn)
    def _book_turn(self, event: StoryReader.BookTurn) -> None:
        # A right-to-left book goes forward to the left.
        forward = "left" if self.story.direction == "R" else "right"
        if event.key == forward:
            self.action_next_chapter()
        else:
            self.action_previous_chapter()

    @on(ChapterList.ChapterChosen)
    def _chapter_chosen(self, event: ChapterList.ChapterChosen) -> None:
        self.goto_chapter(event.index)
        self._close_overlay()

    def _show_anchor(self, paragraph_id: str, chapter: int, start: int, end: int) -> None:
        reader = self.reader
        reader.show_chapter(chapter)
        reader.set_marks(
            [m for m in reader.marks() if m.kind != "anchor"]
            + [Mark(paragraph_id, start, end, "anchor")]
        )
        reader.reveal(paragraph_id, start, end)
        self._chapter_changed(chapter)

    def show_event(self, event: TimelineEvent) -> None:
        """Open the chapter of ``event`` with its phrase highlighted."""
        anchor = event.anchor
        self._show_anchor(anchor.paragraph_id, anchor.chapter_index, anchor.start, anchor.end)

    def show_quote(self, quote: Quote) -> None:
        """Open the passage of ``quote`` with the quote highlighted."""
        anchor = quote.anchor
        self._show_anchor(anchor.paragraph_id, anchor.chapter_index, anchor.start, anchor.end)

    @on(TimelinePane.EventSelected)
    def _event_selected(self, message: TimelinePane.EventSelected) -> None:
        self.show_event(message.event)
        self._close_overlay()

    @on(QuotePane.QuoteSelected)
    def _quote_selected(self, message: QuotePane.QuoteSelected) -> None:
        self.show_quote(message.quote)
        self._close_overlay()

    def _chapter_changed(self, index: int) -> None:
        if self.searching:
            self._mark_hits()
        self.query_one(ChapterList).set_current(index)
        self.query_one(TimelinePane).set_chapter(index)
        self.query_one(StatusBar).chapter = index + 1

    @on(StoryReader.Moved)
    def _moved(self, message: StoryReader.Moved) -> None:
        index = message.chapter_index
        done = sum(self._weights[:index]) + message.fraction * self._weights[index]
        self.query_one(StatusBar).percent = round(100 * done / sum(self._weights))
        self._position = Position(index, message.item_index, message.offset)
        if self._save_timer is None:
            self._save_timer = self.set_timer(0.5, self._save)

    def _save(self) -> None:
        self._save_timer = None
        if not self.state.save(self._key, self._position):
            for notice in self.state.notices:
                self.notify(self._shown(notice), severity="warning", timeout=8)
            self.state.notices.clear()

    def save_position(self) -> None:
        """Save the reading position now: every way out calls this first."""
        self._save()

    async def action_quit(self) -> None:
        self._save()
        self.exit()

    # -- panes ---------------------------------------------------------------

    def action_show_pane(self, pane: str) -> None:
        self.add_class("-side-open")
        self.query_one(f"#{pane}").focus()

    def action_toggle_side(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-side-open")
        else:
            self.toggle_class("-side-hidden")
        if not self.query_one("#side").display:
            self.reader.focus()

    def _close_overlay(self) -> None:
        if self.has_class("-narrow") and self.has_class("-side-open"):
            self.remove_class("-side-open")
            self.reader.focus()

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from tui.widgets.palette import BidiCommandPalette

        already_open = any(isinstance(screen, CommandPalette) for screen in self.screen_stack)
        if self.use_command_palette and not already_open:
            hint = (
                "ابحث عن فصل أو حدث أو قول…"
                if self.language == "ar"
                else "Search for a chapter, an event or a quote…"
            )
            direction = ui_direction(self.language)
            self.push_screen(
                BidiCommandPalette(
                    self.settings, visual(hint, direction, self.settings), id="--command-palette"
                )
            )

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.settings, self.language))

    # -- search ---------------------------------------------------------------

    @property
    def searching(self) -> bool:
        """True while the search field is open (typing, or walking the matches)."""
        return self.has_class("-searching")

    def search_session(self) -> SearchSession:
        """The story's search; its indexes are built in the background after
        the first paint, or here if the reader is quicker than that."""
        if self._search is None:
            from tui.search import SearchSession

            self._search = SearchSession(self.story)
        return self._search

    @work(thread=True, exclusive=True, group="search-index")
    def _build_search_index(self) -> None:
        # Off the event loop: on a large story the index takes a few frames.
        from tui.search import SearchSession

        session = SearchSession(self.story)
        self.call_from_thread(self._search_index_ready, session)

    def _search_index_ready(self, session: SearchSession) -> None:
        if self._search is None:
            self._search = session

    def action_search(self) -> None:
        focused = self.focused
        if isinstance(focused, SearchBar):
            focused.insert("/")  # "/" typed in a query
            return
        from textual.widgets import Input

        if isinstance(focused, Input):
            focused.insert_text_at_cursor("/")
            return
        if not isinstance(self.screen, Screen) or self.screen is not self.screen_stack[0]:
            return  # a dialog is open
        self.add_class("-searching")
        bar = self.query_one(SearchBar)
        if not bar.display:
            bar.set_value("")
        # Shown and focused at once, not on the next refresh: the letters
        # a quick reader types right after "/" must land in the field.
        bar.display = True
        self.set_focus(bar)

    @on(SearchBar.Changed)
    def _query_changed(self, message: SearchBar.Changed) -> None:
        session = self.search_session()
        bar = self.query_one(SearchBar)
        bar.count = session.search(message.value)
        quotes = self.query_one(QuotePane)
        quotes.set_filter(session.quote_hits if message.value.strip() else None)
        self._mark_hits()

    def _mark_hits(self, current: Hit | None = None) -> None:
        reader = self.reader
        marks = reader.marks("anchor")
        if self._search is not None and self.searching:
            marks = [
                Mark(hit.paragraph_id, hit.start, hit.end, "match")
                for hit in self._search.hits_in_chapter(reader.chapter_index)
            ]
            if current is not None:
                marks.append(Mark(current.paragraph_id, current.start, current.end, "anchor"))
        reader.set_marks(marks)

    def _go_to_hit(self, hit: Hit | None) -> None:
        if hit is None:
            self.bell()
            return
        reader = self.reader
        reader.show_chapter(hit.chapter_index)
        self._chapter_changed(hit.chapter_index)
        self._mark_hits(hit)
        reader.reveal(hit.paragraph_id, hit.start, hit.end)

    @on(SearchBar.Submitted)
    def _query_submitted(self, message: SearchBar.Submitted) -> None:
        session = self.search_session()
        if session.query != message.value:
            session.search(message.value)
        session.current = -1
        self._go_to_hit(session.step(True))
        if session.hits:
            self.set_focus(self.reader)  # at once: "n" typed next walks the matches

    def action_next(self) -> None:
        if self.searching and self._search is not None and self._search.hits:
            self._go_to_hit(self._search.step(True))
        else:
            self.action_next_chapter()

    def action_previous_match(self) -> None:
        if self.searching and self._search is not None and self._search.hits:
            self._go_to_hit(self._search.step(False))
        else:
            self.bell()

    @on(SearchBar.Closed)
    def action_close_search(self) -> None:
        if not self.searching:
            return
        self.remove_class("-searching")
        self.query_one(SearchBar).display = False
        self.query_one(QuotePane).set_filter(None)
        self._mark_hits()
        self.reader.clear_marks("match")
        self.reader.focus()

    # -- BiDi and copying ------------------------------------------------------

    def action_toggle_bidi(self) -> None:
        self.settings.visual = not self.settings.visual
        self.reader.refresh_text()
        self.query_one(ChapterList).rebuild()
        self.query_one(TimelinePane).rebuild()
        self.query_one(QuotePane).rebuild()
        status = self.query_one(StatusBar)
        status.mode_note = "" if self.settings.visual else "BiDi: logical"
        status.refresh()
        self._apply_labels()
        self.refresh(layout=True)

    def action_copy(self) -> None:
        focused = self.focused
        text = None
        if isinstance(focused, QuotePane) and (quote := focused.current_quote()) is not None:
            text = quote.text
        else:
            text = self.reader.item_at_top().text
        self.copy_to_clipboard(text)
        note = "نُسخ النص بترتيبه المنطقي" if self.language == "ar" else "Copied, in logical order"
        self.notify(self._shown(note))
