"""``RawiApp``: start-up, the story, the reader's saved place, and the crash hook.

Data flows one way: story (``tui.story``) -> layout (``tui.rtl``) -> the
reader screen (``tui.screens.reading``), whose reactive state the widgets
follow. The app only wires: it opens the screen where the reader stopped
last time, saves the reading position as it changes, shows the notices of
the story and of the state store, and hands an unexpected exception to
``run_guarded`` as one line (``tui.textual_private.CrashHook``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.locations import assets_dir
from tui.screens.reading import ReaderScreen
from tui.state import Position, ResumeStore, story_key
from tui.story import Story
from tui.textual_private import CrashHook
from tui.words import Language, key_word, language_for, word

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.search import SearchSession
    from tui.story.targets import Target
    from tui.widgets.reader import StoryReader


class Notice(NamedTuple):
    """A toast the app showed."""

    message: str
    severity: str


class RawiApp(CrashHook):
    """Read a story: chapters, a timeline and the quotes, right to left where it should be."""

    CSS_PATH = str(assets_dir() / "rawi.tcss")
    TITLE = "Rawi"

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        # A reader is left with Ctrl+C like any terminal program (Textual's
        # default only says to press Ctrl+Q).
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        # Ctrl+Z suspends like any terminal program (tui.crash restores BiDi mode).
        Binding("ctrl+z", "suspend_process", "Suspend", show=False),
    ]

    def __init__(
        self,
        story: Story,
        *,
        bidi: str = "visual",
        language: Language | None = None,
        state: ResumeStore | None = None,
        on_first_paint: Callable[[], object] | None = None,
        measure: int | None = None,
        at: Target | None = None,
        justify: bool | None = None,
    ) -> None:
        """``on_first_paint`` is called once the first screen is on the terminal;
        ``at`` opens the story there (``rawi --at ID``) instead of where the
        reader stopped last time."""
        super().__init__()
        self._on_first_paint = on_first_paint
        self.story = story
        self.language: Language = language or language_for(story.direction)
        self._visual = bidi != "logical"
        self._measure = measure
        self._at = at
        self._justify = justify
        self.state = state if state is not None else ResumeStore()
        self._key = story_key(story.path)
        self._save_timer: object | None = None
        self._position = Position(0, 0, 0)
        #: the unexpected exception the app stopped on, if any
        self.crash: BaseException | None = None
        #: every notice shown, as laid out for the screen (oldest first)
        self.notified: list[Notice] = []

    def on_crash(self, error: BaseException) -> None:
        # Written by run_guarded once the terminal is given back, so that the
        # line is not wrapped.
        self.crash = error

    def _settings(self) -> tuple[int, bool]:
        """The measure and justification: as asked on the command line, else as
        the reader left them last time, else the defaults."""
        saved = self.state.load_settings()
        measure, justify = self._measure, self._justify
        if measure is None:
            remembered = saved.get("measure")
            measure = 76
            if isinstance(remembered, int) and not isinstance(remembered, bool):
                measure = remembered if 0 <= remembered <= 10_000 else 76
        if justify is None:
            remembered = saved.get("justify")
            justify = remembered if isinstance(remembered, bool) else True
        theme = saved.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        return measure, justify

    def _remember_settings(self, *_: object) -> None:
        reading = self.reading
        settings = {"measure": reading.measure, "justify": reading.justify, "theme": self.theme}
        if not self.state.save_settings(settings):
            for notice in self.state.notices:
                self.notify(reading.shown_notice(notice), severity="warning", timeout=8)
            self.state.notices.clear()

    def get_default_screen(self) -> Screen[None]:
        measure, justify = self._settings()
        saved = self.state.load(self._key)
        if saved is not None and not self.story.holds_chapter(saved.chapter):
            saved = None
        if saved is not None:
            self._position = saved
        return ReaderScreen(
            self.story,
            language=self.language,
            visual=self._visual,
            start=saved,
            measure=measure,
            at=self._at,
            justify=justify,
        )

    @property
    def reading(self) -> ReaderScreen:
        """The reader screen (under any dialog open over it)."""
        screen = self.screen_stack[0] if self.screen_stack else self.screen
        assert isinstance(screen, ReaderScreen)
        return screen

    @property
    def reader(self) -> StoryReader:
        """The reading pane."""
        return self.reading.reader

    def on_mount(self) -> None:
        if self.return_code is not None:
            return  # told to exit (SIGTERM) before the screen was composed
        reading = self.reading
        for notice in self.story.notices:
            self.notify(reading.shown_notice(notice), severity="warning")
        for notice in self.state.notices:
            self.notify(reading.shown_notice(notice), severity="warning", timeout=8)
        self.state.notices.clear()
        self.watch(reading, "position", self._position_changed, init=False)
        # The reader's settings are remembered as they change.
        self.watch(reading, "measure", self._remember_settings, init=False)
        self.watch(reading, "justify", self._remember_settings, init=False)
        self.watch(self, "theme", self._remember_settings, init=False)
        self.call_after_refresh(self._first_frame_out)

    def _first_frame_out(self) -> None:
        # After the refresh that painted the first frame: the caller's hook
        # first (the collector wakes), then what waited for the frame.
        if self._on_first_paint is not None:
            self._on_first_paint()
        if self.screen_stack:
            self.reading.after_first_frame()

    def notify(self, message: str, **options: Any) -> None:
        """Show a toast, and keep it in ``notified``."""
        self.notified.append(Notice(message, options.get("severity", "information")))
        super().notify(message, **options)

    @property
    def searching(self) -> bool:
        """Whether the search field is open."""
        return self.reading.searching

    def search_session(self) -> SearchSession:
        """The story's search (built on the spot if the background build is not done)."""
        return self.reading.search.session

    # -- the saved place --------------------------------------------------------

    def _position_changed(self, position: Position) -> None:
        self._position = position
        if self._save_timer is None:
            self._save_timer = self.set_timer(0.5, self._save)

    def _save(self) -> None:
        self._save_timer = None
        if not self.state.save(self._key, self._position):
            reading = self.reading
            for notice in self.state.notices:
                self.notify(reading.shown_notice(notice), severity="warning", timeout=8)
            self.state.notices.clear()

    def save_position(self) -> None:
        """Save the reading position now: every way out calls this first."""
        self._save()

    async def action_quit(self) -> None:
        self._save()
        self.exit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own palette commands, in the interface language; the ones a
        reader has no use for (maximize, screenshot, keys) are left out."""
        if not isinstance(screen, ReaderScreen):
            yield from super().get_system_commands(screen)
            return
        from tui.render import visual
        from tui.words import ui_direction

        language, shown = screen.language, screen.visual
        direction = ui_direction(language)

        def named(key: str, **values: object) -> str:
            return visual(word(key, language).format(**values), direction, shown)

        yield SystemCommand(named("theme"), named("theme_help"), self.action_change_theme)
        for cells in (60, 76, 100):
            yield SystemCommand(
                named("measure", cells=cells),
                named("measure_help"),
                partial(_set_measure, screen, cells),
            )
        yield SystemCommand(
            named("measure_full"), named("measure_help"), partial(_set_measure, screen, 0)
        )
        yield SystemCommand(named("help"), named("help"), screen.action_help)
        yield SystemCommand(
            visual(key_word("quit", language) or "Quit", direction, shown),
            visual(key_word("quit", language, long=True) or "Quit", direction, shown),
            self.exit,
        )

    # -- the command palette ------------------------------------------------------

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from tui.render import visual
        from tui.widgets.palette import BidiCommandPalette
        from tui.words import ui_direction

        already_open = any(isinstance(screen, CommandPalette) for screen in self.screen_stack)
        if self.use_command_palette and not already_open:
            reading = self.reading
            hint = word("palette_hint", reading.language)
            self.push_screen(
                BidiCommandPalette(
                    visual=reading.visual,
                    placeholder=visual(hint, ui_direction(reading.language), reading.visual),
                    id="--command-palette",
                )
            )


def _set_measure(screen: ReaderScreen, cells: int) -> None:
    screen.measure = cells
