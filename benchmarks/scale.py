"""The scale cases (issues 15 and 14), measured as a reader meets them: on a real terminal.

Every case here runs ``rawi STORY`` on a pseudo-terminal (``terminal.Session``),
sends keys as a terminal does and reads the screen back through a terminal
emulator. A key's time runs from its write to the last change of the screen
it causes (see ``terminal.Session.press``): the whole answer, panes included,
the terminal's own drawing left to the emulator.

- ``first_paint_and_freeze``: spawn to the first word of the story on
  screen; then at once the help key ``?``, and the time until the help
  screen shows: how long the app is deaf right after its first frame. And
  the app's peak resident set once it has settled.
- ``reader_interactions``: ``n`` (next chapter), Enter on the next chapter in
  the contents pane, and a search: ``/`` to open, each key of the query,
  Esc to close.
- ``long_paragraph_interactions``: PageDown and End in one long paragraph,
  and a search keystroke there; then the first search key typed right after
  the first paint (``first_key``), on the 1 and 10 MB stories and the 4 MB
  paragraphs.

Baselines in the same run: the minimal Textual app and the seed, the 1 MB
story for the 4 MB paragraph.
"""

from __future__ import annotations

import functools
import statistics
import sys
import time
from collections.abc import Callable, Sequence

import first_key
import minimal_app
import startup
import terminal
from catalogue import Bench, Samples
from report import (
    FIRST_PAINT,
    FIRST_PAINT_4MB,
    FREEZE,
    INTERACTION,
    MEMORY_10MB,
    SCROLL,
    SEARCH_4MB,
    Result,
    Target,
)

#: the probe of the freeze: the help key, and a text only the help screen shows
PROBE, PROBE_SHOWS = "?", "Ctrl+P"
#: the query typed, one key at a time (as in ``interaction``): "ال" then "شركة"
QUERY = "الشركة"
#: Esc twice: Textual hands a lone Esc on only at its next input tick (up to
#: 0.1 s later); a second Esc right behind it hands the first on at once, and
#: is itself a no-op (Esc with search closed does nothing)
ESCAPE_NOW = "\x1b\x1b"
#: what the paint case opens, and the baseline each is held against
PAINTED: dict[str, tuple[str, Target | None]] = {
    "seed": ("minimal", None),
    "large": ("seed", None),
    "10mb": ("seed", FIRST_PAINT),
    "chapters": ("seed", FIRST_PAINT),
    "annotated": ("seed", FIRST_PAINT),
    "paragraph-1mb": ("seed", FIRST_PAINT),
    "paragraph-4mb": ("large", FIRST_PAINT_4MB),
    "paragraph-4mb-txt": ("large", FIRST_PAINT_4MB),
    "anchors-41kb": ("seed", FIRST_PAINT),
    "anchors-1mb": ("paragraph-1mb", FIRST_PAINT),
}
FREEZE_MEASURE = f"Freeze after first paint (`{PROBE}` answered, pty)"
MEMORY_MEASURE = "Peak RSS, app idle after first paint (pty)"
#: the stories whose chapters, panes and search are timed
INTERACTIVE = ("seed", "large", "10mb", "chapters", "annotated")
#: the stories scrolled; "large" (chapters of ordinary paragraphs) is the baseline
SCROLLED = ("large", "paragraph-1mb", "paragraph-4mb", "paragraph-4mb-txt")


def _ms(samples: Samples) -> list[float]:
    return [value * 1000 for value in samples.values]


def _row(
    bench: Bench,
    measure: str,
    key: str,
    samples: dict[str, Samples],
    baseline: str = "",
    target: Target | None = None,
    note: str = "",
    unit: str = "ms",
) -> Result | None:
    """A result of ``samples[key]`` against ``samples[baseline]``; None when never sampled."""
    mine = samples.get(key)
    if mine is None or not mine.values:
        return None
    scale: Callable[[Samples], list[float]] = _ms if unit == "ms" else (lambda s: s.values)
    other = samples.get(baseline) if baseline != key else None
    return Result(
        measure,
        bench.stories.label(key) if key != "minimal" else "-",
        "ms" if unit == "ms" else "MiB",
        scale(mine),
        _baseline_label(bench, baseline) if other and other.values else "",
        scale(other) if other else [],
        target,
        note,
        mine.timed_out,
    )


def _baseline_label(bench: Bench, baseline: str) -> str:
    if baseline == "minimal":
        return "minimal app"
    if baseline.endswith(" idle"):
        return "when idle"
    return bench.stories.label(baseline)


def _rows(rows: Sequence[Result | None]) -> list[Result]:
    return [row for row in rows if row is not None]


def _per_story(bench: Bench, key: str, work: Callable[[], None]) -> None:
    """Run one story's share of a case; a program stuck outside a timed key ends only it."""
    try:
        work()
    except terminal.Unanswered as stuck:
        print(f"  {bench.stories.label(key)}: {stuck}", file=sys.stderr, flush=True)


# -- first paint, the freeze after it, peak memory --------------------------------


def _minimal_paint(bench: Bench, into: Samples) -> None:
    def measure() -> float:
        env = startup.terminal_env(bench.stories.folder)
        with terminal.Session(startup.minimal_command(), env) as session:
            return session.wait_for(lambda text: minimal_app.MARKER in text, bench.timeout, "paint")

    bench.sample(into, measure)


def _probe(bench: Bench, session: terminal.Session) -> float:
    return session.press(PROBE, bench.timeout, until=lambda text: PROBE_SHOWS in text).settled


def _paint_and_probe(
    bench: Bench,
    key: str,
    paint: Samples,
    probes: tuple[Samples, Samples],
    memory: Samples | None,
) -> None:
    """One start of ``rawi``: its first paint, the probe at once and again when idle.

    ``probes``: the samples of the probe right after the first paint, and of
    the same probe once the app is idle (the help screen closed, the screen
    still for a second), its baseline. The peak memory then, if asked.
    """
    freeze, idle = probes
    try:
        session, first_paint = bench.session(key)
    except terminal.Unanswered as stuck:
        paint.values.append(stuck.waited)
        paint.timed_out += 1
        return
    with session:
        paint.values.append(first_paint)
        bench.sample(freeze, lambda: _probe(bench, session))
        if freeze.timed_out:
            return
        try:
            # The help screen closed, and the app idle: the search index is
            # built in the background half a second after the paint.
            session.send(ESCAPE_NOW)
            session.settle(bench.timeout, quiet=bench.quiet if bench.smoke else 1.0)
        except terminal.Unanswered:
            return
        if memory is not None:
            # What a reader's session holds once the app is idle.
            peak = session.peak_rss_mib()
            if peak is not None:
                memory.values.append(peak)
        bench.sample(idle, lambda: _probe(bench, session))


def in_rounds(bench: Bench, samples: dict[str, Samples], measure: Callable[[str], None]) -> None:
    """``measure(key)`` for every key of ``samples``, round after round, until each
    has enough samples (``Bench.enough``): the baselines are measured in the same
    minutes as the stories held against them."""
    spent = dict.fromkeys(samples, 0.0)
    while True:
        waiting = [
            key
            for key in samples
            if not bench.enough(samples[key], time.perf_counter() - spent[key])
        ]
        if not waiting:
            return
        for key in waiting:
            began = time.perf_counter()
            measure(key)
            spent[key] += time.perf_counter() - began


def paint_rows(
    bench: Bench,
    measure: str,
    stories: dict[str, tuple[str, Target | None]],
    paint: dict[str, Samples],
) -> list[Result | None]:
    """A row per story of its first paint against its baseline, noting the minimal app's."""
    minimal_ms = _ms(paint["minimal"])
    rows: list[Result | None] = []
    for key, (baseline, target) in stories.items():
        note = ""
        if minimal_ms and paint[key].values:
            ratio = statistics.median(_ms(paint[key])) / statistics.median(minimal_ms)
            note = f"{ratio:.2f}x the minimal app"
        rows.append(_row(bench, measure, key, paint, baseline, target, note))
    return rows


def first_paint_and_freeze(bench: Bench) -> list[Result]:
    """First paint of each story (and of the minimal app), the freeze after it, peak RSS."""
    keys = ["minimal", *PAINTED]
    paint = {key: Samples() for key in keys}
    freeze = {key: Samples() for key in keys}
    idle = {key: Samples() for key in keys}
    memory = {key: Samples() for key in keys}

    def measure(key: str) -> None:
        if key == "minimal":
            _minimal_paint(bench, paint[key])
            return
        first = not memory[key].values
        probes = (freeze[key], idle[key])
        _paint_and_probe(bench, key, paint[key], probes, memory[key] if first else None)

    in_rounds(bench, paint, measure)
    rows: list[Result | None] = [_row(bench, "First paint (pty)", "minimal", paint)]
    rows += paint_rows(bench, "First paint (pty)", PAINTED, paint)
    for key in PAINTED:
        # The baseline: the same probe in the same sessions, once the app is idle.
        both = {key: freeze[key], f"{key} idle": idle[key]}
        rows.append(_row(bench, FREEZE_MEASURE, key, both, f"{key} idle", FREEZE))
    for key in PAINTED:
        target = MEMORY_10MB if key == "10mb" else None
        rows.append(
            _row(
                bench,
                MEMORY_MEASURE,
                key,
                memory,
                "seed",
                target,
                unit="MiB",
            )
        )
    return _rows(rows)


# -- chapters, panes and search ---------------------------------------------------


class _Reader:
    """One story's reader on a terminal, opened on first use and again after it got stuck."""

    def __init__(self, bench: Bench, key: str) -> None:
        self.bench = bench
        self.key = key
        self.last_chapter = len(bench.stories.story(key).chapters) - 1
        self._session: terminal.Session | None = None
        self.chapter = 0

    def open(self) -> terminal.Session:
        if self._session is None:
            self._session, _ = self.bench.session(self.key)
            # The side panes are filled a frame or more after the first paint
            # (in smoke, whose figures mean nothing, no need to wait for them).
            quiet = self.bench.quiet if self.bench.smoke else 1.0
            self._session.settle(self.bench.timeout, quiet)
            self.chapter = 0
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def untimed(self, *keys: str) -> terminal.Session:
        """Send ``keys`` one by one, each read to the end, without timing them."""
        session = self.open()
        for key in keys:
            session.send(key)
            session.settle(self.bench.timeout, self.bench.quiet)
        return session

    def at_chapter_with_a_next(self) -> terminal.Session:
        """The session, back on the first chapter when on the last (where `n` only rings)."""
        if self.chapter >= self.last_chapter:
            self.untimed("1")
            self.chapter = 0
        return self.open()

    def timed(self, into: Samples, key: str, *before: str, turns: bool = False) -> bool:
        """Send ``before`` untimed, then time ``key``; False when the app got stuck.

        ``turns``: the key opens the next chapter, so first go back to the first
        chapter when on the last.
        """

        def measure() -> float:
            if turns:
                self.at_chapter_with_a_next()
            session = self.untimed(*before)
            return session.press(key, self.bench.timeout, quiet=self.bench.quiet).settled

        self.bench.sample(into, measure)
        if into.timed_out:
            self.close()
            return False
        return True


def _search_round(reader: _Reader, opened: Samples, keys: Samples, closed: Samples) -> None:
    """``/``, the query key by key, Esc: each timed."""
    if not reader.timed(opened, "/"):
        return
    for letter in QUERY:
        if not reader.timed(keys, letter):
            return
    reader.timed(closed, ESCAPE_NOW)


def _interact(bench: Bench, key: str, samples: dict[str, dict[str, Samples]]) -> None:
    reader = _Reader(bench, key)
    try:
        began = time.perf_counter()
        while not bench.enough(samples["switch"][key], began):
            if reader.timed(samples["switch"][key], "n", turns=True):
                reader.chapter += 1
        began = time.perf_counter()
        while not bench.enough(samples["enter"][key], began):
            # The contents pane, the next chapter in it, Enter: that chapter opens.
            if reader.timed(samples["enter"][key], "enter", "c", "down", turns=True):
                reader.chapter += 1
        began = time.perf_counter()
        while not bench.enough(samples["open"][key], began):
            _search_round(reader, samples["open"][key], samples["key"][key], samples["close"][key])
    finally:
        reader.close()


#: the interactions timed on each story, by name in the table
INTERACTIONS = {
    "switch": "Chapter switch `n` (pty)",
    "enter": "Enter in the contents pane (pty)",
    "open": "Search: open `/` (pty)",
    "key": f"Search keystroke {QUERY} (pty)",
    "close": "Search: close Esc (pty)",
}


def reader_interactions(bench: Bench) -> list[Result]:
    """Chapter switch, Enter in a pane, and search, on each story of ``INTERACTIVE``."""
    samples = {name: {key: Samples() for key in INTERACTIVE} for name in INTERACTIONS}
    for key in INTERACTIVE:
        _per_story(bench, key, functools.partial(_interact, bench, key, samples))
    rows: list[Result | None] = []
    for name, measure in INTERACTIONS.items():
        for key in INTERACTIVE:
            baseline = "" if key == "seed" else "seed"
            rows.append(_row(bench, measure, key, samples[name], baseline, INTERACTION))
    return _rows(rows)


# -- one long paragraph ---------------------------------------------------------


def _scroll_and_search(bench: Bench, key: str, samples: dict[str, dict[str, Samples]]) -> None:
    reader = _Reader(bench, key)
    pages, ends, keys = samples["pagedown"][key], samples["end"][key], samples["key"][key]
    try:
        began = time.perf_counter()
        while not bench.enough(pages, began) or not bench.enough(ends, began):
            if pages.timed_out or ends.timed_out:
                break  # stuck in this paragraph: its other key would wait as long
            # Two pages down from the top, then to the end, and back to the top.
            if not (reader.timed(pages, "pagedown") and reader.timed(pages, "pagedown")):
                continue
            if reader.timed(ends, "end"):
                reader.untimed("home")
        began = time.perf_counter()
        while not bench.enough(keys, began):
            try:
                reader.untimed("/")
            except terminal.Unanswered:
                reader.close()
                break
            for letter in QUERY:
                if not reader.timed(keys, letter):
                    break
            else:
                reader.untimed(ESCAPE_NOW)
    finally:
        reader.close()


def long_paragraph_interactions(bench: Bench) -> list[Result]:
    """PageDown, End and a search keystroke in one long paragraph (and in the 1 MB story)."""
    names = {
        "pagedown": ("PageDown (pty)", SCROLL),
        "end": ("End (pty)", SCROLL),
        "key": (f"Search keystroke {QUERY}, long paragraph (pty)", None),
    }
    samples = {name: {key: Samples() for key in SCROLLED} for name in names}
    for key in SCROLLED:
        _per_story(bench, key, functools.partial(_scroll_and_search, bench, key, samples))
    rows: list[Result | None] = []
    for name, (measure, target) in names.items():
        for key in SCROLLED:
            if key == "large":
                rows.append(_row(bench, measure, key, samples[name]))
                continue
            if name == "key":
                target = SEARCH_4MB if key.startswith("paragraph-4mb") else None
            rows.append(_row(bench, measure, key, samples[name], "large", target))
    # The first key typed right after the first paint, before the search index is in.
    return [*_rows(rows), *first_key.first_search_key(bench)]
