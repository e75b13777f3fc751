"""``StoryReader``: the chapter on screen, drawn line by line (Textual's Line API).

Only the rows in view are laid out and rendered (``render_line``); the rest
of the chapter is known by estimated heights (``tui.widgets.document``), so a
long chapter costs what the screen shows. The reader keeps the place, the
marks and the cache of drawn rows; a row is drawn by ``chapter_row``
(``tui.widgets.chapter_rows``: marks painted through each line's index map,
image frames), and what is on screen is worked out by ``tui.widgets.on_screen``.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive, var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.state import Position
from tui.story import Story
from tui.widgets import on_screen
from tui.widgets.chapter_rows import chapter_row
from tui.widgets.document import ChapterDocument, Item
from tui.widgets.marks import Mark, MarkKind, MarkSet
from tui.words import Language

MARGIN = 2


class StoryReader(ScrollView, can_focus=True):
    """The reading pane: the current chapter's heading, paragraphs and image placeholders."""

    DEFAULT_CSS = """
    StoryReader {
        padding: 1 0;
        scrollbar-size-vertical: 1;
        /* The scrollbar's column kept from the start: a chapter taller than
           the screen would otherwise be laid out twice, the second time a
           cell narrower, once its height is known. */
        scrollbar-gutter: stable;
    }
    StoryReader:focus {
        background-tint: $foreground 3%;
    }
    StoryReader > .reader--heading {
        text-style: bold;
        color: $accent;
    }
    StoryReader > .reader--image {
        color: $secondary;
    }
    StoryReader > .reader--link {
        color: $primary;
        text-style: underline;
    }
    StoryReader > .reader--match {
        background: $warning 60%;
        color: $text;
    }
    StoryReader > .reader--anchor {
        background: $accent 50%;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES = {
        "reader--heading",
        "reader--image",
        "reader--link",
        "reader--match",
        "reader--anchor",
    }

    BINDINGS = [
        Binding("space", "page_down", "Page down", show=False),
        Binding("shift+space", "page_up", "Page up", show=False),
        Binding("left", "book_left", "Book left", show=False),
        Binding("right", "book_right", "Book right", show=False),
        Binding("enter", "open_image", "Open image", show=False),
    ]

    chapter_index: reactive[int] = reactive(0, init=False)
    #: True: Rawi shapes and orders the text; False: the terminal does
    visual: reactive[bool] = reactive(True, init=False)
    #: the interface language (headings and image labels)
    language: reactive[Language] = reactive("ar", init=False)
    #: the widest the text column may be, in cells (0: the whole pane)
    measure: reactive[int] = reactive(76, init=False)
    #: justify the story's Arabic paragraphs (kashidas, then spaces); visual mode only
    justify: reactive[bool] = reactive(True, init=False)
    #: the chapter, item and logical offset at the top, set whenever the
    #: reader moves (another chapter, a scroll). A reactive, not a message:
    #: its watchers run at once, so that what follows the position (status,
    #: panes) is repainted in the same frame as the text, not one later.
    position: var[Position | None] = var(None, init=False, always_update=True)

    class ImageChosen(Message):
        """Enter on an image, or a click on it: the screen opens or shows its address."""

        def __init__(self, url: str) -> None:
            super().__init__()
            self.url = url

    class BookTurn(Message):
        """Left or right arrow: the app decides which way the book turns."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(
        self,
        story: Story,
        *,
        language: Language,
        measure: int = 76,
        justify: bool = True,
        visual: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.story = story
        self.set_reactive(StoryReader.language, language)
        self.set_reactive(StoryReader.measure, measure)
        self.set_reactive(StoryReader.justify, justify)
        self.set_reactive(StoryReader.visual, visual)
        self._document: ChapterDocument | None = None
        self._marks = MarkSet()
        self._strips: LRUCache[tuple[int, int, int], Strip] = LRUCache(1024)
        self._pending: tuple[int, int] | None = None
        #: the rest of a giant paragraph is being broken, a slice per timer
        self._breaking = False

    # -- the document -------------------------------------------------------

    @property
    def text_width(self) -> int:
        """Cells a line of text may take: the pane less its margins and scrollbar,
        and no more than the measure (a line of 150 cells is not read comfortably)."""
        # The scrollbar's column (kept from the start) is one cell of the
        # margin on its side: 80 columns still give a 76-cell measure.
        room = max(1, self.scrollable_content_region.width - 2 * MARGIN + 1)
        return min(room, self.measure) if self.measure > 0 else room

    @property
    def text_left(self) -> int:
        """The cell the text column starts at: centred in the pane when capped."""
        spare = self.scrollable_content_region.width - self.text_width
        return max(MARGIN, spare // 2)

    def watch_measure(self) -> None:
        if self._document is not None and self.size.width:
            item, offset = self._document.position_at(round(self.scroll_y))
            self._document = None
            self._settle(self.document.top_of(item, offset))
        self._strips.clear()
        self.refresh()

    @property
    def document(self) -> ChapterDocument:
        """The current chapter at the current width."""
        width = self.text_width
        logical = not self.visual
        if (
            self._document is None
            or self._document.width != width
            or self._document.logical != logical
        ):
            chapter = self.story.chapter(self.chapter_index)
            self._document = ChapterDocument.of_chapter(
                chapter,
                self.story.direction,
                self.language,
                width,
                justify=self._justifying(),
                logical=logical,
            )
            self._strips.clear()
        return self._document

    def show_chapter(self, index: int, item: int = 0, offset: int = 0) -> None:
        """Open chapter ``index`` with logical ``offset`` of item ``item`` at the top."""
        if not self.story.holds_chapter(index):
            index = max(0, min(len(self.story.chapters) - 1, index))
        if index != self.chapter_index or self._document is None:
            self._document = None
            self.set_reactive(StoryReader.chapter_index, index)
        self._strips.clear()
        self._pending = (item, offset)
        if self.size.width:
            self._apply_pending()
        self.refresh()

    def _apply_pending(self) -> None:
        if self._pending is None:
            return
        item, offset = self._pending
        self._pending = None
        document = self.document
        item = max(0, min(len(document.items) - 1, item))
        y = 0 if item == 0 and offset == 0 else document.top_of(item, offset)
        self._settle(y)

    def reveal(self, key: str, start: int, end: int) -> None:
        """Bring the logical range of paragraph ``key`` into view, a few rows below the top."""
        document = self.document
        for index, item in enumerate(document.items):
            if item.key == key:
                y = document.top_of(index, start)
                self._settle(max(0, y - max(1, self.scrollable_content_region.height // 3)))
                return

    def set_marks(self, marks: list[Mark] | MarkSet) -> None:
        """Replace the highlighted ranges (search matches, the anchor phrase)."""
        self._marks = marks if isinstance(marks, MarkSet) else MarkSet(marks)
        self._strips.clear()
        self.refresh()

    def replace_marks(self, kind: MarkKind, marks: list[Mark]) -> None:
        """Replace the highlights of one kind (search matches found as lines are drawn stay)."""
        self.set_marks(self._marks.without(kind).adding(marks))

    def marks(self, kind: MarkKind | None = None) -> list[Mark]:
        """The highlighted ranges, all or of one kind."""
        return self._marks.all(kind)

    def clear_marks(self, kind: MarkKind) -> None:
        """Remove the highlights of one kind."""
        self.set_marks(self._marks.without(kind))

    def _settle(self, y: int | None = None) -> None:
        """Measure what is on screen, fix the virtual size, keep the reader's place."""
        document = self.document
        target = round(self.scroll_y) if y is None else y
        index, row = document.locate(target)
        document.measure(target, max(1, self.scrollable_content_region.height))
        target = document.top(index) + row
        self.virtual_size = Size(self.scrollable_content_region.width, document.height)
        if target != round(self.scroll_y):
            self.scroll_to(y=target, animate=False, force=True, immediate=True)
        self._report_position()
        if document.unbroken() is not None and not self._breaking:
            # The rest of a giant paragraph is broken a slice at a time once the
            # screen is out, so that End and the scrollbar know its length.
            self._breaking = True
            self.set_timer(0.01, self._break_more, name="break-more")

    def _break_more(self) -> None:
        document = self.document
        index = document.unbroken()
        if index is not None and not document.break_more(index):
            self.set_timer(0.01, self._break_more, name="break-more")
            return
        self._breaking = False
        if index is not None:
            self._settle()  # its height is exact now

    def _report_position(self) -> None:
        item, offset = self.document.position_at(round(self.scroll_y))
        self.position = Position(self.chapter_index, item, offset)

    # -- Textual hooks ------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        if self._pending is not None:
            self._apply_pending()
            return
        if self._document is None:
            self._settle(0)
            return
        # Keep the same words at the top across a reflow. The chapter is laid
        # out again only if the text's width changed (``document`` sees to
        # it): the search field opening takes rows, not columns.
        item, offset = self._document.position_at(round(self.scroll_y))
        self._settle(self.document.top_of(item, offset))

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._document is not None and round(old) != round(new):
            self.document.measure(round(new), max(1, self.scrollable_content_region.height))
            self.virtual_size = Size(self.scrollable_content_region.width, self.document.height)
            self._report_position()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def _justifying(self) -> bool:
        # In logical mode the terminal lays the text out: never justified.
        return self.justify and self.visual

    def watch_visual(self) -> None:
        self._rejustify()

    def watch_justify(self) -> None:
        self._rejustify()

    def _rejustify(self) -> None:
        # Justifying never moves a line break: the document keeps its heights
        # and the reader its place; only the drawn lines change.
        if self._document is not None:
            self._document.justify = self._justifying()
        self._strips.clear()
        self.refresh()

    def watch_language(self) -> None:
        # Headings and image labels change: the same words stay at the top.
        if self._document is not None:
            item, offset = self._document.position_at(round(self.scroll_y))
            self._document = None
            self._settle(self.document.top_of(item, offset))
        self._strips.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        row = round(self.scroll_y) + y
        key = (self.chapter_index, row, id(self._document))
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        strip = self._render_row(row)
        self._strips[key] = strip
        return strip

    def _render_row(self, row: int) -> Strip:
        return chapter_row(
            self.document,
            row,
            marks=self._marks,
            visual=self.visual,
            left=self.text_left,
            text_width=self.text_width,
            width=self.scrollable_content_region.width,
            base=self.rich_style,
            style=self.get_component_rich_style,
            console=self.app.console,
        )

    # -- actions ----------------------------------------------------------

    def action_book_left(self) -> None:
        self.post_message(self.BookTurn("left"))

    def action_book_right(self) -> None:
        self.post_message(self.BookTurn("right"))

    def visible_items(self) -> list[int]:
        """Indices of the items with at least one row on screen."""
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        return on_screen.items_on_screen(self.document, top, height)

    def action_open_image(self) -> None:
        for index in self.visible_items():
            item = self.document.items[index]
            if item.kind == "image":
                self.post_message(self.ImageChosen(item.url))
                return
        self.app.bell()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = round(self.scroll_y) + offset.y
        index, _ = self.document.locate(row)
        item = self.document.items[index]
        if item.kind == "image":
            self.post_message(self.ImageChosen(item.url))

    def visible_ranges(self) -> list[tuple[str, int, int]]:
        """(paragraph id, start, end) of the logical text of each paragraph with
        lines on screen, top to bottom: what "you are here" is made of."""
        top, height = round(self.scroll_y), self.scrollable_content_region.height
        return on_screen.ranges_on_screen(self.document, top, height)

    def item_at_top(self) -> Item:
        """The item at the top of the screen."""
        index, _ = self.document.locate(round(self.scroll_y))
        return self.document.items[index]

    def paragraph_being_read(self) -> str:
        """The logical text of the paragraph being read: the one holding the
        highlighted phrase or current match if it is on screen, else the first
        paragraph with text on screen (never the heading or an image caption)."""
        document = self.document
        return on_screen.paragraph_being_read(document, self.visible_items(), self.marks("anchor"))
