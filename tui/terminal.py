"""Which terminal Rawi runs in, and so which BiDi mode reads right there.

Plain Python, no Textual. ``choose_bidi(requested, environ)`` gives a
``BidiChoice``: the mode (``visual``: Rawi orders and shapes Arabic itself;
``logical``: the terminal does), the reason as one short sentence, the
sequences to send before the first screen and after the last, and, where
the result cannot be fully right, a one-line hint for the reader.

What was measured (``docs/terminals/``, screenshots read back by OCR):

- VTE (GNOME Terminal, xfce4-terminal, Tilix ...) reorders and shapes by
  itself, but obeys BDSM: ``ESC [ 8 l`` turns that off, ``ESC [ 8 h`` back on.
- mlterm and Konsole ignore BDSM and reorder every row. Each has an escape
  of its own that turns its BiDi off for the session: mlterm's configuration
  sequence ``OSC 5379 ; use_ctl=false``, Konsole's profile change
  ``OSC 50 ; BidiRenderingEnabled=false`` (what its ``konsoleprofile``
  command sends). With them, visual mode reads as in VTE.
- xterm, kitty, WezTerm, Alacritty, foot and Windows Terminal show the cells
  as sent: visual.
- tmux and screen pass none of these sequences on, and the terminal around
  them still reorders what they draw: inside a multiplexer, the mode follows
  the outer terminal, named by the variables the multiplexer inherited;
  logical where it does BiDi, since it cannot be asked to stop.

A child terminal inherits its parent's variables (xterm started from
Konsole has ``KONSOLE_VERSION`` too), so when several terminals are named the
nearest ancestor process that is one of them decides.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Literal, NamedTuple

from tui.types import BidiMode

Requested = Literal["auto", "visual", "logical"]

BDSM_EXPLICIT = "\x1b[8l"
BDSM_IMPLICIT = "\x1b[8h"
MLTERM_BIDI_OFF = "\x1b]5379;use_ctl=false\x07"
MLTERM_BIDI_ON = "\x1b]5379;use_ctl=true\x07"
KONSOLE_BIDI_OFF = "\x1b]50;BidiRenderingEnabled=false\x07"
KONSOLE_BIDI_ON = "\x1b]50;BidiRenderingEnabled=true\x07"

KONSOLE_SWITCH = "Settings > Edit Current Profile > Advanced > Bi-Directional text rendering"


class TerminalKind(NamedTuple):
    """A family of terminals: how to recognise it and what its BiDi does."""

    key: str
    name: str
    #: True when it reorders text by itself (and so double-reverses visual text)
    reorders: bool
    #: sequences that turn its own BiDi off and on again, if it has them
    bidi_off: str = ""
    bidi_on: str = ""
    #: process names of the emulator, to tell which of several named is nearest
    processes: tuple[str, ...] = ()


VTE = TerminalKind(
    "vte",
    "VTE",
    True,
    BDSM_EXPLICIT,
    BDSM_IMPLICIT,
    (
        "gnome-terminal-",
        "gnome-terminal-server",
        "xfce4-terminal",
        "tilix",
        "terminator",
        "mate-terminal",
        "lxterminal",
        "kgx",
        "ptyxis",
        "guake",
        "sakura",
        "terminology",
    ),
)
KONSOLE = TerminalKind("konsole", "Konsole", True, KONSOLE_BIDI_OFF, KONSOLE_BIDI_ON, ("konsole",))
MLTERM = TerminalKind("mlterm", "mlterm", True, MLTERM_BIDI_OFF, MLTERM_BIDI_ON, ("mlterm",))
XTERM = TerminalKind("xterm", "xterm", False, processes=("xterm", "uxterm"))
KITTY = TerminalKind("kitty", "kitty", False, processes=("kitty",))
WEZTERM = TerminalKind("wezterm", "WezTerm", False, processes=("wezterm-gui", "wezterm"))
ALACRITTY = TerminalKind("alacritty", "Alacritty", False, processes=("alacritty",))
FOOT = TerminalKind("foot", "foot", False, processes=("foot", "footclient"))
WINDOWS = TerminalKind("windows", "Windows Terminal", False)
UNKNOWN = TerminalKind("unknown", "this terminal", False)


def _named(environ: Mapping[str, str]) -> list[TerminalKind]:
    """The terminals the environment names, most specific first."""
    term = environ.get("TERM", "")
    named: list[TerminalKind] = []
    if environ.get("KONSOLE_VERSION") or environ.get("KONSOLE_DBUS_SESSION"):
        named.append(KONSOLE)
    if environ.get("MLTERM") or term.startswith("mlterm"):
        named.append(MLTERM)
    if environ.get("VTE_VERSION"):
        named.append(VTE)
    if environ.get("KITTY_WINDOW_ID") or term == "xterm-kitty":
        named.append(KITTY)
    if any(key.startswith("WEZTERM_") for key in environ) or term == "wezterm":
        named.append(WEZTERM)
    if any(key.startswith("ALACRITTY_") for key in environ) or term == "alacritty":
        named.append(ALACRITTY)
    if term.startswith("foot"):
        named.append(FOOT)
    if environ.get("WT_SESSION"):
        named.append(WINDOWS)
    if environ.get("XTERM_VERSION"):
        named.append(XTERM)
    return named


def _ancestors(pid: int | None = None) -> list[str]:
    """Process names from this process's parent up to init (Linux /proc; else empty)."""
    names: list[str] = []
    current = os.getppid() if pid is None else pid
    for _ in range(64):  # a bound, in case /proc lies
        if current <= 1:
            break
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="utf-8", errors="replace")
        except OSError:
            break
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        names.append(fields.get("Name", "").strip())
        try:
            current = int(fields.get("PPid", "0").strip())
        except ValueError:
            break
    return names


def _nearest(named: list[TerminalKind], ancestors: Iterable[str]) -> TerminalKind:
    for process in ancestors:
        for kind in named:
            if any(process.startswith(name) for name in kind.processes):
                return kind
    return named[0]


class Surroundings(NamedTuple):
    """Where Rawi runs: the terminal, and the multiplexer between them if any."""

    terminal: TerminalKind
    multiplexer: str | None = None  # "tmux" or "screen"


def detect(
    environ: Mapping[str, str] | None = None,
    ancestors: Callable[[], Iterable[str]] = _ancestors,
) -> Surroundings:
    """The terminal (and multiplexer) the environment says Rawi runs in."""
    environ = os.environ if environ is None else environ
    term = environ.get("TERM", "")
    multiplexer = None
    if environ.get("TMUX") or term.startswith("tmux"):
        multiplexer = "tmux"
    elif environ.get("STY") or term.startswith("screen"):
        multiplexer = "screen"
    named = _named(environ)
    if not named:
        # TERM=xterm-256color is what nearly every terminal says: it names none.
        return Surroundings(UNKNOWN, multiplexer)
    if len(named) > 1:
        return Surroundings(_nearest(named, ancestors()), multiplexer)
    return Surroundings(named[0], multiplexer)


class BidiChoice(NamedTuple):
    """The BiDi mode Rawi uses, why, and how the terminal is told."""

    mode: BidiMode
    #: one short sentence, for ``--help`` and the status bar's explanation
    reason: str
    surroundings: Surroundings
    #: sent before the first screen is drawn, and on every way out
    start: str = ""
    end: str = ""
    #: one line for the reader when the result cannot be fully right, else ""
    hint: str = ""

    @property
    def visual(self) -> bool:
        """True when Rawi orders and shapes the text itself."""
        return self.mode == "visual"

    @property
    def embeddings(self) -> bool:
        """In logical mode, whether lines may be embedded (RLE ... PDF): not in mlterm.

        mlterm 3.9 gives each embedding control a cell of its own.
        """
        return self.surroundings.terminal is not MLTERM


def sequences(surroundings: Surroundings, mode: BidiMode) -> tuple[str, str]:
    """What to send at start and at exit for ``mode``: the terminal's BiDi off, then on.

    In logical mode nothing is sent: the terminal's own BiDi must stay on
    (never ``ESC [ 8 l``). In visual mode BDSM explicit is always sent (a
    terminal that does not know mode 8 ignores it), with the terminal's own
    switch where it has one; a multiplexer passes none of them on.
    """
    if mode == "logical":
        return "", ""
    start, end = BDSM_EXPLICIT, BDSM_IMPLICIT
    kind = surroundings.terminal
    if surroundings.multiplexer is None and kind.bidi_off and kind.bidi_off != BDSM_EXPLICIT:
        start, end = start + kind.bidi_off, kind.bidi_on + end
    return start, end


def switch_sequence(surroundings: Surroundings, visual: bool) -> str:
    """What to send when the reader switches mode while Rawi runs (the ``b`` key).

    To visual: turn the terminal's own BiDi off; to logical: back on, so
    that the terminal orders the logical text (never ``ESC [ 8 l`` then).
    """
    start, end = sequences(surroundings, "visual")
    return start if visual else end


def konsole_hint(surroundings: Surroundings, mode: BidiMode, language: str = "en") -> str:
    """The hint for a reader in Konsole whose mode cannot be fully right.

    One sentence (in Arabic, the Arabic sentence and the menu path below it).

    Konsole's own BiDi is on whenever this is shown, so the line is shown
    in logical order (``tui.terminal.first_start_hint``). Konsole's menus are
    named in English: their language is Konsole's, not Rawi's.
    """
    if surroundings.terminal is not KONSOLE:
        return ""
    if mode == "visual" and surroundings.multiplexer is None:
        return ""  # Rawi turned Konsole's BiDi off itself: fully right
    arabic = language == "ar"
    # The Arabic line holds no Latin word: Konsole lays each row out left to
    # right, and a Latin word would split the Arabic around it; the menu path
    # (in Konsole's own language) goes on a line of its own.
    if mode == "visual":
        if arabic:
            return f"يعيد كونسول ترتيب النص داخل المضاعف، فأوقف فيه الخيار\n{KONSOLE_SWITCH}"
        return (
            f"Konsole reorders what {surroundings.multiplexer} draws: turn off "
            f"{KONSOLE_SWITCH}, or run rawi --bidi logical."
        )
    if arabic:
        return (
            f"قد يخرج النص عن حدود الأجزاء في كونسول، ولعرض دقيق أوقف فيه الخيار\n{KONSOLE_SWITCH}"
        )
    return f"Konsole may move text across pane borders: for exact panes, turn off {KONSOLE_SWITCH}."


HINT_MARKER = "konsole-hint-shown"


def first_start_hint(choice: BidiChoice, language: str, state: Path) -> str:
    """The Konsole hint in ``language`` if it was never shown, recording that it now is.

    ``state`` is Rawi's state folder. Saved state is disposable: when the
    record cannot be read or written, the hint is shown (again) and nothing
    fails.
    """
    hint = konsole_hint(choice.surroundings, choice.mode, language)
    if not hint:
        return ""
    marker = state / HINT_MARKER
    try:
        if marker.exists():
            return ""
        state.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass
    return hint


def _auto(surroundings: Surroundings, can_signal: bool) -> tuple[BidiMode, str]:
    kind, multiplexer = surroundings.terminal, surroundings.multiplexer
    if not can_signal:
        if kind.reorders:
            return "logical", f"{kind.name} reorders text itself, and print mode sends no escapes"
        return "visual", "the text is laid out by Rawi, and print mode sends no escapes"
    if multiplexer is not None:
        if kind.reorders:
            return "logical", (
                f"{kind.name} reorders text itself and {multiplexer} cannot ask it to stop"
            )
        if kind is UNKNOWN:
            return "visual", f"{multiplexer} shows text as Rawi orders it"
        return "visual", f"{multiplexer} in {kind.name} shows text as Rawi orders it"
    if kind is VTE:
        return "visual", "VTE reorders text itself, and Rawi asks it not to (BDSM)"
    if kind.reorders:
        return "visual", f"{kind.name} reorders text itself, and Rawi turns that off while it runs"
    if kind is UNKNOWN:
        return "visual", "the terminal is not known to reorder text"
    return "visual", f"{kind.name} shows text as Rawi orders it"


def choose_bidi(
    requested: str | None = None,
    environ: Mapping[str, str] | None = None,
    ancestors: Callable[[], Iterable[str]] = _ancestors,
    *,
    can_signal: bool = True,
) -> BidiChoice:
    """The BiDi mode for ``--bidi requested`` (None: ``RAWI_BIDI``, else auto).

    ``can_signal`` False (print mode on a terminal) means no escape sequence
    may be sent, so a terminal that reorders cannot be asked to stop.

    Raises ``ValueError`` naming ``RAWI_BIDI`` when that variable holds
    something else than auto, visual or logical.
    """
    environ = os.environ if environ is None else environ
    source = "--bidi"
    if requested is None:
        requested = environ.get("RAWI_BIDI", "").strip().lower() or "auto"
        source = "RAWI_BIDI"
    if requested not in ("auto", "visual", "logical"):
        raise ValueError(f"{source}: expected auto, visual or logical, got {requested!r}")
    surroundings = detect(environ, ancestors)
    mode: BidiMode
    if requested == "auto":
        mode, reason = _auto(surroundings, can_signal)
    else:
        mode = "visual" if requested == "visual" else "logical"
        reason = f"{source} {requested} asked for it"
    start, end = sequences(surroundings, mode) if can_signal else ("", "")
    hint = konsole_hint(surroundings, mode) if can_signal else ""
    return BidiChoice(mode, reason, surroundings, start, end, hint)


def describe(choice: BidiChoice) -> str:
    """One sentence for ``rawi --help``: the mode chosen here and why."""
    return f"BiDi mode here: {choice.mode} ({choice.reason})."
