"""``SearchController``: the search field, the matches in the reader and the quote filter.

The reader screen owns one. It opens and closes the field, runs each query
through the search core (``tui.search``), filters the quote pane, marks the
matches on screen and walks them with ``n`` and ``N``, across chapters. The
index is built in a thread after the first paint; a query typed before it is
in is answered at once for what is on screen, its count shown as
"counting…" until the index arrives (``SearchSession``).
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from tui.widgets.marks import Mark, MarkSet
from tui.widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from tui.screens.reader_state import ReaderState
    from tui.search import Hit, SearchSession
    from tui.search.session import StoryIndexes


class _ChapterMatches:
    """The matches of the query, found line by line as the reader draws them."""

    def __init__(self, session: SearchSession, chapter_index: int) -> None:
        self._session = session
        self._chapter_index = chapter_index

    def over(self, key: str, start: int, end: int) -> list[tuple[int, int]]:
        return self._session.hits_over(key, start, end)

    def every(self) -> list[Mark]:
        return [
            Mark(hit.paragraph_id, hit.start, hit.end, "match")
            for hit in self._session.hits_in_chapter(self._chapter_index)
        ]


class SearchController:
    """Search for one reader screen."""

    def __init__(self, screen: ReaderState) -> None:
        self.screen = screen
        self._session: SearchSession | None = None
        #: the match the reader was taken to (marked as the anchor)
        self._current: Hit | None = None
        #: the story's indexes are being built (or are built): by one thread only
        self._building = False
        self._building_lock = threading.Lock()

    @property
    def session(self) -> SearchSession:
        """The story's search; its indexes arrive from the thread that builds them."""
        if self._session is None:
            from tui.search import SearchSession

            self._session = SearchSession(self.screen.story, wait=True)
        return self._session

    def build_in_background(self) -> None:
        """Build the indexes off the event loop (in a thread), once.

        On a large story they take a few hundred milliseconds; a query typed
        before they are in is answered at once for what is on screen, and
        counted when they arrive (``SearchSession``).
        """
        with self._building_lock:
            if self._building:
                return
            self._building = True
        from tui.search.session import build_indexes

        indexes = build_indexes(self.screen.story)
        # RuntimeError: the app closed while the indexes were being built.
        with contextlib.suppress(RuntimeError):
            self.screen.app.call_from_thread(self._ready, indexes)

    def _build_now(self) -> None:
        # A query came before the build was started (within half a second of
        # the first paint): start it once this answer is painted, so that the
        # thread does not compete with the painting for the interpreter.
        if not self._building:
            self.screen.call_after_refresh(
                self.screen.run_worker, self.build_in_background, thread=True, group="search-now"
            )

    def _ready(self, indexes: StoryIndexes) -> None:
        if self.session.install(indexes) and self.screen.searching:
            self._show_count()
            self.mark_hits()  # the marks of a giant paragraph were waiting for the index

    def _show_count(self) -> None:
        bar, count = self.bar, self.session.count
        bar.count = 0 if count is None else count
        bar.counting = count is None

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
        if session.search(value) is None:
            self._build_now()
        self._show_count()
        self.screen.side.quotes.set_filter(session.quote_hits if value.strip() else None)
        self.mark_hits()

    def submitted(self, value: str) -> None:
        """Enter in the field: go to the first match."""
        session = self.session
        if session.query != value:
            session.search(value)
        session.current = -1
        self.go_to(session.step(True))
        self._show_count()  # walking the matches indexed the story if it was not
        if session.hits:
            self.screen.set_focus(self.screen.reader)  # at once: "n" typed next walks them

    def step(self, forward: bool) -> bool:
        """Go to the next (or previous) match; False when there is none to walk."""
        session = self._session
        if not self.screen.searching or session is None or not session.hits:
            return False
        self._show_count()  # walking the matches indexed the story if it was not
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
        session = self._session
        if session is None or not self.screen.searching:
            reader.set_marks(reader.marks("anchor"))
            return
        marks = []
        if current is not None and current.chapter_index == reader.chapter_index:
            marks.append(Mark(current.paragraph_id, current.start, current.end, "anchor"))
        reader.set_marks(MarkSet(marks, _ChapterMatches(session, reader.chapter_index)))

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
