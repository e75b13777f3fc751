"""``HelpScreen``: every key of the reader and what it does; Escape closes it.

The list is made from the bindings themselves (``key_rows``): each action
the words table knows (``tui.words.KEYS``) gets one row with every key bound
to it, so the help cannot drift from what the keys do. Rows come in groups
(reading, panes, search, other), set in two columns when the window is wide
enough, one under the other when it is not; the box scrolls when even that
does not fit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.render import BidiText, visual
from tui.words import GROUPS, KEYS, Language, group_word, key_word, ui_direction, word

#: actions shown on the row of another (the row says what both do)
SAME_ROW = {
    "previous_chapter": "previous_chapter",
    "book_right": "book_left",
    "page_up": "page_down",
    "scroll_end": "scroll_home",
    "scroll_up": "scroll_down",
    "close_search": "close",
    "dismiss": "close",
    "focus_previous": "focus_next",
}

#: how keys are written on the help screen
KEY_NAMES = {
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "space": "Space",
    "shift+space": "⇧Space",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "⇧Tab",
    "question_mark": "?",
    "slash": "/",
    "f1": "F1",
    "ctrl+c": "Ctrl+C",
    "ctrl+p": "Ctrl+P",
    "ctrl+q": "Ctrl+Q",
    "ctrl+z": "Ctrl+Z",
}


def _bindings(owners: Iterable[type]) -> Iterable[Binding]:
    for owner in owners:
        for klass in owner.__mro__:
            entries: Sequence[BindingType] = klass.__dict__.get("BINDINGS", ())
            for entry in entries:
                if isinstance(entry, Binding):
                    yield entry
                else:
                    yield Binding(*entry)


def key_rows(owners: Iterable[type]) -> dict[str, list[str]]:
    """Action (as ``tui.words.KEYS`` names it) -> the keys bound to it, from the
    ``BINDINGS`` of ``owners`` and their bases."""
    rows: dict[str, list[str]] = {}
    for binding in _bindings(owners):
        if binding.system or binding.key == "ctrl+q":
            continue  # Textual's own quit keys: Rawi documents its own
        action = binding.action
        if action.startswith(("app.", "screen.")):
            action = action.split(".", 1)[1]
        base = action.split("(", 1)[0]
        name = SAME_ROW.get(base, SAME_ROW.get(action, action))
        if name not in KEYS:
            name = base if base in KEYS else name
        if name not in KEYS:
            continue
        keys = rows.setdefault(name, [])
        for key in binding.key.split(","):
            key = key.strip()
            if name == "chapter":
                shown = "1 … 9"
            elif binding.key_display and "," not in binding.key:
                shown = binding.key_display
            else:
                shown = KEY_NAMES.get(key, key)
            if shown not in keys:
                keys.append(shown)
    return rows


#: cells of the keys column
KEY_CELLS = 9


def _padded(line: Text, width: int) -> Text:
    padded = line.copy()
    padded.truncate(width, pad=True)
    return padded


class HelpScreen(ModalScreen[None]):
    """A modal list of the keys."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > #help-body {
        width: 96%;
        max-width: 110;
        height: auto;
        max-height: 96%;
        border: round $accent;
        border-title-align: center;
        background: $surface;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    """

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "edge(-1)", "Top", show=False),
        Binding("end", "edge(1)", "Bottom", show=False),
    ]

    def __init__(
        self, rows: dict[str, list[str]], *, language: Language, visual: bool = True
    ) -> None:
        super().__init__()
        self.rows = rows
        self.language = language
        self.visual = visual

    def _group(self, group: str, width: int) -> list[Text]:
        """The lines of one group of keys at ``width`` cells: its title, then a row per action."""
        direction = ui_direction(self.language)
        rtl = direction == "R" and self.visual
        lines = BidiText(
            group_word(group, self.language), direction, style="bold reverse", visual=self.visual
        ).lines(width)
        room = max(4, width - KEY_CELLS - 1)
        for action, entry in KEYS.items():
            if entry.group != group or action not in self.rows:
                continue
            keys = " ".join(self.rows[action])
            described = BidiText(
                key_word(action, self.language, long=True) or action, direction, visual=self.visual
            ).lines(room)
            # Keys wrap at spaces in their column; descriptions wrap in theirs.
            key_lines = BidiText(keys, "L").lines(KEY_CELLS)
            for number in range(max(len(described), len(key_lines))):
                key = key_lines[number] if number < len(key_lines) else Text(" " * KEY_CELLS)
                key.stylize("bold")
                text = described[number] if number < len(described) else Text(" " * room)
                line = Text(end="")
                if rtl:
                    line.append_text(text)
                    line.append(" ")
                    line.append(key.plain.strip().rjust(KEY_CELLS), style="bold")
                else:
                    line.append(key.plain.strip().ljust(KEY_CELLS), style="bold")
                    line.append(" ")
                    line.append_text(text)
                lines.append(line)
        return lines

    def compose(self) -> ComposeResult:
        direction = ui_direction(self.language)
        with VerticalScroll(id="help-body") as body:
            body.border_title = visual(word("help_title", self.language), direction, self.visual)
            yield Static(id="help-table")

    def on_resize(self) -> None:
        self._arrange()

    def on_mount(self) -> None:
        self._arrange()

    def _arrange(self) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        width = max(20, body.scrollable_content_region.width or self.size.width - 6)
        rtl = ui_direction(self.language) == "R" and self.visual
        names = list(GROUPS)
        if width >= 70:
            # Two columns: reading and search on one side, panes and other on
            # the other; the first column stands where lines start.
            half = (width - 2) // 2
            first = self._column([names[0], names[2]], half)
            second = self._column([names[1], names[3]], half)
            rows = max(len(first), len(second))
            blank = Text(" " * half)
            lines = []
            for number in range(rows):
                left = first[number] if number < len(first) else blank
                right = second[number] if number < len(second) else blank
                if rtl:
                    left, right = right, left
                lines.append(Text.assemble(_padded(left, half), "  ", _padded(right, half)))
        else:
            lines = self._column(names, width)
        # How copying reaches the clipboard, and how to let it through tmux.
        lines.append(Text(""))
        lines += BidiText(
            word("clipboard_note", self.language),
            ui_direction(self.language),
            style="dim",
            visual=self.visual,
        ).lines(width)
        self.query_one("#help-table", Static).update(Text("\n").join(lines))

    def _column(self, groups: list[str], width: int) -> list[Text]:
        # Each group starts with its title in reverse: no blank line is needed
        # between groups (the help must fit 80x24).
        lines: list[Text] = []
        for group in groups:
            lines += self._group(group, width)
        return lines

    def action_page(self, direction: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)

    def action_edge(self, direction: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction > 0:
            body.scroll_end(animate=False)
        else:
            body.scroll_home(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
