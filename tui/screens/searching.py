"""``SearchController``: the search field, the matches in the reader and the quote filter.

The reader screen owns one. It opens and closes the field, runs each query
through the search core (``tui.search``), filters the quote pane, marks the
matches of the chapter on screen and walks them with ``n`` and ``N``, across
chapters. The index is built in a thread after the first paint; a reader
quicker than that gets it built on the spot.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.widgets.marks import Mark
from tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from tui.screens.reader_state import ReaderState
    from tui.search import Hit, SearchSession


class SearchController:
    """Search for one reader screen."""

    def __init__(self, screen: ReaderState) -> None:
        self.screen = screen
        self._session: SearchSession | None = None
        #: the match the reader was taken to (marked as the anchor)
        self._current: Hit | None = None

    @property
    def session(self) -> SearchSession:
        """The story's search; built here if the background build has not finished."""
        if self._session is None:
            from tui.search import SearchSession

            self._session = SearchSession(self.screen.story)
        return self._session

    def build_in_background(self) -> None:
        """Build the index off the event loop (on a large story it takes a few frames)."""
        from tui.search import SearchSession

        session = SearchSession(self.screen.story)
        self.screen.app.call_from_thread(self._ready, session)

    def _ready(self, session: SearchSession) -> None:
        if self._session is None:
            self._session = session

    @property
    def bar(self) -> SearchBar:
        """The search field."""
        return self.screen.query_one(SearchBar)

    def open(self) -> None:
        """Show the field and give it the focus (``/``)."""
        screen = self.screen
        bar = self.bar
        # The field, the focus leaving the reader and the key bar giving way:
        # one frame.
        screen.hold_frame()
        if not screen.searching:
            bar.set_value("")
        screen.searching = True
        # Shown and focused at once, not on the next refresh: the letters a
        # quick reader types right after "/" must land in the field.
        bar.display = True
        screen.set_focus(bar)

    def close(self) -> bool:
        """Close the field, its filter and its marks; False if it was not open."""
        screen = self.screen
        if not screen.searching:
            return False
        screen.hold_frame()
        screen.searching = False
        self._current = None
        self.bar.display = False
        screen.side.quotes.set_filter(None)
        self.mark_hits()
        screen.reader.clear_marks("match")
        screen.reader.focus()
        return True

    def query_changed(self, value: str) -> None:
        """A letter typed or removed: count, filter the quotes, mark the chapter's matches."""
        session = self.session
        self._current = None
        self.bar.current = 0
        self.bar.count = session.search(value)
        self.screen.side.quotes.set_filter(session.quote_hits if value.strip() else None)
        self.mark_hits()

    def submitted(self, value: str) -> None:
        """Enter in the field: go to the first match."""
        session = self.session
        if session.query != value:
            session.search(value)
        session.current = -1
        self.go_to(session.step(True))
        if session.hits:
            self.screen.set_focus(self.screen.reader)  # at once: "n" typed next walks them

    def step(self, forward: bool) -> bool:
        """Go to the next (or previous) match; False when there is none to walk."""
        session = self._session
        if not self.screen.searching or session is None or not session.hits:
            return False
        before = session.current
        hit = session.step(forward)
        if before >= 0 and len(session.hits) > 1:
            if forward and session.current < before:
                self.screen.say_limit("wrapped")
            elif not forward and session.current > before:
                self.screen.say_limit("wrapped_back")
        self.go_to(hit)
        return True

    def mark_hits(self) -> None:
        """Mark the matches of the chapter on screen (and the current one as the anchor)."""
        reader = self.screen.reader
        current = self._current
        marks = reader.marks("anchor")
        if self._session is not None and self.screen.searching:
            marks = [
                Mark(hit.paragraph_id, hit.start, hit.end, "match")
                for hit in self._session.hits_in_chapter(reader.chapter_index)
            ]
            if current is not None and current.chapter_index == reader.chapter_index:
                marks.append(Mark(current.paragraph_id, current.start, current.end, "anchor"))
        reader.set_marks(marks)

    def go_to(self, hit: Hit | None) -> None:
        """Open the chapter of ``hit``, marked, and bring it into view."""
        if hit is None:
            self.screen.app.bell()
            return
        reader = self.screen.reader
        self._current = hit
        if self._session is not None:
            self.bar.current = self._session.current + 1
        reader.show_chapter(hit.chapter_index)
        self.mark_hits()
        reader.reveal(hit.paragraph_id, hit.start, hit.end)
