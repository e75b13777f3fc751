"""``tui.terminal``: which BiDi mode each terminal gets, and what is sent to it.

The environments are those each terminal sets up (``VTE_VERSION``,
``KONSOLE_VERSION`` ...); the process tree is given, so that the test does
not depend on the terminal it runs in.
"""

from __future__ import annotations

import pytest

from tui.terminal import (
    BDSM_EXPLICIT,
    BDSM_IMPLICIT,
    KONSOLE_BIDI_OFF,
    KONSOLE_BIDI_ON,
    MLTERM_BIDI_OFF,
    MLTERM_BIDI_ON,
    choose_bidi,
    describe,
    detect,
)


def choice(environ: dict[str, str], requested: str | None = None, parents: tuple[str, ...] = ()):
    return choose_bidi(requested, {"TERM": "xterm-256color", **environ}, lambda: parents)


@pytest.mark.parametrize(
    ("environ", "terminal"),
    [
        ({"VTE_VERSION": "7006"}, "vte"),
        ({"KONSOLE_VERSION": "221203"}, "konsole"),
        ({"MLTERM": "3.9.0"}, "mlterm"),
        ({"XTERM_VERSION": "XTerm(379)"}, "xterm"),
        ({"KITTY_WINDOW_ID": "1"}, "kitty"),
        ({"TERM": "xterm-kitty"}, "kitty"),
        ({"WEZTERM_PANE": "0"}, "wezterm"),
        ({"ALACRITTY_WINDOW_ID": "1"}, "alacritty"),
        ({"TERM": "foot"}, "foot"),
        ({"WT_SESSION": "abc"}, "windows"),
        ({}, "unknown"),
    ],
)
def test_each_terminal_is_recognised(environ: dict[str, str], terminal: str) -> None:
    found = detect({"TERM": "xterm-256color", **environ}, lambda: ())
    assert found.terminal.key == terminal
    assert found.multiplexer is None


@pytest.mark.parametrize(
    ("environ", "start", "end"),
    [
        ({"VTE_VERSION": "7006"}, BDSM_EXPLICIT, BDSM_IMPLICIT),
        (
            {"KONSOLE_VERSION": "221203"},
            BDSM_EXPLICIT + KONSOLE_BIDI_OFF,
            KONSOLE_BIDI_ON + BDSM_IMPLICIT,
        ),
        ({"MLTERM": "3.9.0"}, BDSM_EXPLICIT + MLTERM_BIDI_OFF, MLTERM_BIDI_ON + BDSM_IMPLICIT),
        ({"XTERM_VERSION": "XTerm(379)"}, BDSM_EXPLICIT, BDSM_IMPLICIT),
        ({}, BDSM_EXPLICIT, BDSM_IMPLICIT),
    ],
)
def test_auto_is_visual_with_the_terminals_own_switch(
    environ: dict[str, str], start: str, end: str
) -> None:
    chosen = choice(environ)
    assert chosen.mode == "visual"
    assert (chosen.start, chosen.end) == (start, end)
    assert chosen.hint == ""


def test_logical_mode_never_turns_the_terminals_bidi_off() -> None:
    for environ in ({"VTE_VERSION": "7006"}, {"KONSOLE_VERSION": "1"}, {"MLTERM": "3"}, {}):
        chosen = choice(environ, "logical")
        assert chosen.mode == "logical"
        assert (chosen.start, chosen.end) == ("", "")


def test_inside_tmux_the_outer_terminal_decides() -> None:
    # tmux passes neither BDSM nor mlterm's or Konsole's switch on, and the
    # terminal around it reorders what it draws (seen in VTE and mlterm).
    for outer in ({"VTE_VERSION": "7006"}, {"KONSOLE_VERSION": "1"}, {"MLTERM": "3"}):
        chosen = choice({"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "tmux-256color", **outer})
        assert chosen.mode == "logical", outer
        assert chosen.start == ""
        assert "tmux" in chosen.reason
    plain = choice({"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "screen"})
    assert plain.mode == "visual"
    assert plain.start == BDSM_EXPLICIT  # no terminal-specific switch through tmux
    screen = choice({"STY": "1.pts-0", "TERM": "screen", "XTERM_VERSION": "XTerm(379)"})
    assert screen.surroundings.multiplexer == "screen"
    assert screen.mode == "visual"


def test_the_nearest_terminal_process_wins_when_several_are_named() -> None:
    # xterm started from Konsole inherits KONSOLE_VERSION.
    environ = {"KONSOLE_VERSION": "221203", "XTERM_VERSION": "XTerm(379)"}
    assert choice(environ, parents=("bash", "xterm", "bash", "konsole")).mode == "visual"
    assert choice(environ, parents=("bash", "xterm", "bash", "konsole")).start == BDSM_EXPLICIT
    konsole = choice(environ, parents=("bash", "konsole", "bash", "xterm"))
    assert konsole.surroundings.terminal.key == "konsole"


def test_rawi_bidi_and_the_option_override_auto() -> None:
    assert choice({"VTE_VERSION": "1", "RAWI_BIDI": "logical"}).mode == "logical"
    assert choice({"VTE_VERSION": "1", "RAWI_BIDI": "logical"}, "visual").mode == "visual"
    assert choice({"RAWI_BIDI": "Visual "}).mode == "visual"
    with pytest.raises(ValueError, match="RAWI_BIDI: expected auto, visual or logical, got 'rtl'"):
        choice({"RAWI_BIDI": "rtl"})


def test_print_mode_on_a_reordering_terminal_is_logical() -> None:
    # Print mode sends no escape, so Konsole cannot be asked to stop.
    konsole = choose_bidi(None, {"KONSOLE_VERSION": "1"}, lambda: (), can_signal=False)
    assert (konsole.mode, konsole.start, konsole.hint) == ("logical", "", "")
    vte = choose_bidi(None, {"VTE_VERSION": "1"}, lambda: (), can_signal=False)
    assert vte.mode == "logical"
    xterm = choose_bidi(None, {"XTERM_VERSION": "1"}, lambda: (), can_signal=False)
    assert xterm.mode == "visual"


def test_konsole_hint_only_where_the_result_cannot_be_fully_right() -> None:
    assert choice({"KONSOLE_VERSION": "1"}).hint == ""
    logical = choice({"KONSOLE_VERSION": "1"}, "logical").hint
    assert "Bi-Directional text rendering" in logical
    in_tmux = choice({"KONSOLE_VERSION": "1", "TMUX": "x"}, "visual").hint
    assert "tmux" in in_tmux and "Bi-Directional text rendering" in in_tmux
    assert "\n" not in logical + in_tmux  # one line in English
    assert choice({"VTE_VERSION": "1"}, "logical").hint == ""


def test_the_reason_is_one_sentence_for_the_help() -> None:
    text = describe(choice({"KONSOLE_VERSION": "1"}))
    assert text.startswith("BiDi mode here: visual (Konsole reorders text itself")
    assert text.endswith(").")


def test_the_konsole_hint_is_shown_once_in_the_interface_language(tmp_path) -> None:
    from tui.terminal import first_start_hint

    chosen = choice({"KONSOLE_VERSION": "1"}, "logical")
    arabic = first_start_hint(chosen, "ar", tmp_path / "state")
    assert "Bi-Directional text rendering" in arabic and "كونسول" in arabic
    sentence, menu = arabic.split("\n")
    assert "الأجزاء" in sentence and not any("a" <= c.lower() <= "z" for c in sentence)
    assert menu.startswith("Settings >")
    assert first_start_hint(chosen, "ar", tmp_path / "state") == ""
    # Visual mode in Konsole is fully right: no hint, nothing recorded.
    assert first_start_hint(choice({"KONSOLE_VERSION": "1"}), "en", tmp_path / "other") == ""
    assert not (tmp_path / "other").exists()
    # A state folder that cannot be written: the hint is shown, nothing fails.
    blocked = tmp_path / "file"
    blocked.write_text("")
    assert first_start_hint(chosen, "en", blocked / "state").startswith("Konsole may move")


def test_switching_mode_while_running_turns_the_terminals_bidi_off_and_on() -> None:
    from tui.terminal import switch_sequence

    konsole = choice({"KONSOLE_VERSION": "1"}).surroundings
    assert switch_sequence(konsole, visual=True) == BDSM_EXPLICIT + KONSOLE_BIDI_OFF
    assert switch_sequence(konsole, visual=False) == KONSOLE_BIDI_ON + BDSM_IMPLICIT
    vte = choice({"VTE_VERSION": "1"}).surroundings
    assert switch_sequence(vte, visual=False) == BDSM_IMPLICIT


def test_the_help_tells_the_mode_and_only_the_help_asks_for_it(monkeypatch) -> None:
    import tui.terminal
    from tui import cli_args

    for name in list(__import__("os").environ):
        if name.startswith(("KONSOLE_", "VTE_", "TMUX", "STY", "XTERM_", "MLTERM")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("KONSOLE_VERSION", "1")
    asked: list[int] = []
    real = tui.terminal.choose_bidi

    def counted(*args: object, **kwargs: object) -> object:
        asked.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tui.terminal, "choose_bidi", counted)
    parser = cli_args.parser()
    parser.parse_args(["story.toml"])
    assert asked == []  # a start does not pay for the help's sentence
    shown = " ".join(parser.format_help().split())  # as wrapped to any width
    assert "BiDi mode here: visual (Konsole reorders text itself" in shown
    assert asked == [1]
