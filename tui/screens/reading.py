"""``ReaderScreen``: what the reader's keys and choices do on the reading screen.

The state the screen's widgets follow lives in ``ReaderState`` (its base);
this class binds the keys, routes the choices made in the panes, the search
field and the reader to the reader, and shows what needs saying (a key at its
limit, where a copy went, an image's address).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.binding import Binding

from tui.screens.reader_state import ReaderState
from tui.story import Quote, TimelineEvent
from tui.widgets.reader import StoryReader
from tui.widgets.search_bar import SearchBar
from tui.widgets.side_panel import SidePanel
from tui.words import word

if TYPE_CHECKING:
    from textual.command import Provider

    from tui.widgets.contents import ChapterList
    from tui.widgets.journey import PlacesPane
    from tui.widgets.quotes import QuotePane
    from tui.widgets.timeline import TimelinePane


def _story_commands() -> type[Provider]:
    # Imported when the palette opens: the search core is not needed for
    # the first screen.
    from tui.commands import StoryCommands

    return StoryCommands


class ReaderScreen(ReaderState):
    """The reading screen: status, reader, side panes, search field, keys."""

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
        Binding("j", "toggle_justify", "Justify", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        *(Binding(str(k), f"chapter({k - 1})", f"Chapter {k}", show=False) for k in range(1, 10)),
    ]

    COMMANDS = {_story_commands}

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

    def show_event(self, event: TimelineEvent) -> None:
        """Open the chapter of ``event`` with its phrase highlighted."""
        anchor = event.anchor
        self._show_anchor(anchor.paragraph_id, anchor.chapter_index, anchor.start, anchor.end)

    def show_quote(self, quote: Quote) -> None:
        """Open the passage of ``quote`` with the quote highlighted."""
        anchor = quote.anchor
        self._show_anchor(anchor.paragraph_id, anchor.chapter_index, anchor.start, anchor.end)

    # The panes' messages are handled by name (``on_<pane>_<message>``), not
    # with ``@on(Pane.Message)``: the panes' modules are imported after the
    # first frame, not when this screen's class is made.

    def on_chapter_list_chapter_chosen(self, message: ChapterList.ChapterChosen) -> None:
        self.goto_chapter(message.index)
        self.side.close_after_choice()

    def on_timeline_pane_event_selected(self, message: TimelinePane.EventSelected) -> None:
        self.show_event(message.event)
        self.side.close_after_choice()

    def on_timeline_pane_era_selected(self, message: TimelinePane.EraSelected) -> None:
        self.show_target(message.era.id)

    def on_places_pane_place_selected(self, message: PlacesPane.PlaceSelected) -> None:
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

    def on_quote_pane_quote_selected(self, message: QuotePane.QuoteSelected) -> None:
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
        from tui.widgets.virtual_list import VirtualList

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

    def action_toggle_justify(self) -> None:
        self.justify = not self.justify

    def copy_text(self) -> str:
        """What ``y`` copies, in logical order: the quote under the pointer in the
        quote pane, else the paragraph being read (the one holding the current
        match or highlighted phrase, or the first whose text is on screen)."""
        from tui.widgets.quotes import QuotePane

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

    def action_help(self) -> None:
        from tui.screens.help import KEY_NAMES, HelpScreen, key_rows
        from tui.widgets.virtual_list import VirtualList

        rows = key_rows((type(self), type(self.app), StoryReader, VirtualList))
        if self.app.ENABLE_COMMAND_PALETTE:
            # Bound by Textual at run time, not in a BINDINGS list.
            palette = self.app.COMMAND_PALETTE_BINDING
            rows.setdefault("command_palette", []).append(KEY_NAMES.get(palette, palette))
        self.app.push_screen(HelpScreen(rows, language=self.language, visual=self.visual))


def _is_text_field(widget: object) -> bool:
    from textual.widgets import Input

    return isinstance(widget, SearchBar | Input)
