"""``SearchBar``: the search field, with typed Arabic shown shaped and right to left.

Textual's ``Input`` draws what is typed in logical order, unshaped; this
field keeps the logical text (what is searched, copied and pasted) and draws
it through the layout engine, with the cursor where the next letter will
appear (``tui.rtl.editing``). It also shows how many matches there are.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.render import visual
from tui.rtl import clean_text
from tui.rtl.editing import cursor_block
from tui.words import Language, ui_direction, word


def match_count(count: int, language: Language) -> str:
    """ "3 matches", with the Arabic noun in the form its number takes."""
    if count == 0:
        return word("no_matches", language)
    if language == "en":
        return f"{count} match" if count == 1 else f"{count} matches"
    if count == 1:
        return "نتيجة واحدة"
    if count == 2:
        return "نتيجتان"
    if 3 <= count % 100 <= 10:
        return f"{count} نتائج"
    return f"{count} نتيجة"


class SearchBar(Widget, can_focus=True):
    """A one-line search field."""

    DEFAULT_CSS = """
    SearchBar {
        display: none;
        dock: bottom;
        height: 1;
        background: $boost;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape", "close", "Close search", show=False),
        Binding("enter", "submit", "Go to the first match", show=False),
    ]

    value: reactive[str] = reactive("", layout=False)
    cursor: reactive[int] = reactive(0)
    count: reactive[int | None] = reactive(None)
    #: the story is still being indexed: the count is not known yet
    counting: reactive[bool] = reactive(False)
    #: which match the reader was taken to, 1-based; 0 before Enter
    current: reactive[int] = reactive(0)

    class Changed(Message):
        """The query changed."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    class Submitted(Message):
        """Enter: go to the first match."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    class Closed(Message):
        """Escape: stop searching."""

    visual: reactive[bool] = reactive(True)
    language: reactive[Language] = reactive("ar")

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)

    # -- editing ------------------------------------------------------------

    def _rtl(self) -> bool:
        return ui_direction(self.language) == "R"

    def insert(self, text: str) -> None:
        """Insert ``text`` (cleaned, on one line) at the cursor."""
        text = clean_text(text).replace("\n", " ")
        if not text:
            return
        self.value = self.value[: self.cursor] + text + self.value[self.cursor :]
        self.cursor += len(text)
        self.post_message(self.Changed(self.value))

    def set_value(self, value: str) -> None:
        """Replace the whole query."""
        self.value = clean_text(value).replace("\n", " ")
        self.cursor = len(self.value)
        self.post_message(self.Changed(self.value))

    def on_key(self, event: events.Key) -> None:
        key = event.key
        value, cursor = self.value, self.cursor
        # In a right-to-left field the left arrow goes forward in the text.
        forward_key, back_key = ("left", "right") if self._rtl() else ("right", "left")
        if key == "backspace":
            if cursor:
                self.value = value[: cursor - 1] + value[cursor:]
                self.cursor = cursor - 1
                self.post_message(self.Changed(self.value))
        elif key == "delete":
            if cursor < len(value):
                self.value = value[:cursor] + value[cursor + 1 :]
                self.post_message(self.Changed(self.value))
        elif key == forward_key:
            self.cursor = min(len(value), cursor + 1)
        elif key == back_key:
            self.cursor = max(0, cursor - 1)
        elif key in ("home", "ctrl+a"):
            self.cursor = 0
        elif key in ("end", "ctrl+e"):
            self.cursor = len(value)
        elif key == "ctrl+u":
            self.set_value("")
        elif event.is_printable and event.character:
            self.insert(event.character)
        else:
            return
        event.stop()
        event.prevent_default()

    def on_paste(self, event: events.Paste) -> None:
        self.insert(event.text)
        event.stop()

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self.value))

    # -- drawing ------------------------------------------------------------

    def _count_label(self) -> str:
        if not self.value.strip():
            return ""
        if self.counting:
            return word("counting", self.language)
        if self.count is None:
            return ""
        if self.current and self.count:
            # Where the reader is among the matches: "2/5", "2 من 5".
            return word("match_of", self.language).format(number=self.current, count=self.count)
        return match_count(self.count, self.language)

    def render(self) -> RenderableType:
        rtl = self._rtl()
        direction = ui_direction(self.language)
        prompt = visual(word("search", self.language) + ":", direction, self.visual)
        count = visual(self._count_label(), direction, self.visual)
        room = max(4, self.size.width - cell_len(prompt) - cell_len(count) - 4)
        if self.visual:
            shown, position = cursor_block(
                self.value, self.cursor, None if self.value else direction
            )
        else:
            shown, position = self.value, self.cursor
            if position >= len(shown):
                shown += " "
        # Keep the cursor in view when the query is wider than the field.
        start = 0
        if len(shown) > room:
            start = max(0, min(position - room // 2, len(shown) - room))
        window = shown[start : start + room]
        at = position - start
        field = Text(window[:at], end="")
        field.append(window[at : at + 1] or " ", style="reverse" if self.has_focus else "underline")
        field.append(window[at + 1 :])
        pad = " " * max(0, room - field.cell_len)
        line = Text(end="", no_wrap=True)
        if rtl:
            line.append(count, style="dim")
            line.append("  ")
            line.append(pad)
            line.append_text(field)
            line.append(" ")
            line.append(prompt, style="bold")
        else:
            line.append(prompt, style="bold")
            line.append(" ")
            line.append_text(field)
            line.append(pad)
            line.append("  ")
            line.append(count, style="dim")
        return line
