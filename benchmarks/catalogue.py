"""The stories a benchmark run measures, and what every case shares: ``Bench``.

Each story is written once per run, into the run's temporary folder, the
first time a case asks for it: a full run writes the sizes of the scale
issue (10 MB, 5,000 chapters, 10,000 events and quotes, paragraphs of 1 and
4 MB, the many-anchors stories), ``--smoke`` small ones of the same shapes, so
that CI goes through every case's code in seconds.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import make_story
import startup
import terminal

from tui.story import Story, load_story

SEED = make_story.SEED


@dataclass(frozen=True, slots=True)
class Shape:
    """How to write one story: ``make_story.shape_text`` arguments, full and smoke."""

    kind: str
    full: dict[str, float]
    smoke: dict[str, float]
    suffix: str = ".toml"

    def counts(self, smoke: bool) -> dict[str, float]:
        return self.smoke if smoke else self.full


def _size(mb: float) -> str:
    return f"{mb * 1000:g} KB" if mb < 0.1 else f"{mb:g} MB"


def _label(shape: Shape, smoke: bool) -> str:
    counts = shape.counts(smoke)
    size = counts.get("size_mb", 1.0)
    if shape.kind == "mixed":
        return _size(size)
    if shape.kind == "chapters":
        return f"{counts['chapters']:,.0f} chapters"
    if shape.kind == "annotated":
        return f"{counts['events']:,.0f} events + {counts['quotes']:,.0f} quotes"
    if shape.kind == "paragraph":
        return f"one paragraph, {_size(size)}"
    if shape.kind == "paragraph-txt":
        return f"one paragraph, {_size(size)}, .txt"
    if shape.kind == "anchors":
        return f"many anchors, {_size(size)}"
    return f"{shape.kind}, {_size(size)}"


#: the stories of the run, by key; "seed" is the bundled story
SHAPES: dict[str, Shape] = {
    "large": Shape("mixed", {"size_mb": 1.0}, {"size_mb": 0.05}),
    "10mb": Shape("mixed", {"size_mb": 10.0}, {"size_mb": 0.1}),
    "chapters": Shape("chapters", {"chapters": 5000}, {"chapters": 30}),
    "annotated": Shape(
        "annotated", {"events": 10_000, "quotes": 10_000}, {"events": 100, "quotes": 100}
    ),
    "paragraph-1mb": Shape("paragraph", {"size_mb": 1.0}, {"size_mb": 0.02}),
    "paragraph-4mb": Shape("paragraph", {"size_mb": 4.0}, {"size_mb": 0.04}),
    "paragraph-4mb-txt": Shape("paragraph-txt", {"size_mb": 4.0}, {"size_mb": 0.04}, ".txt"),
    "anchors-1mb": Shape("anchors", {"size_mb": 1.0, "events": 300}, {"size_mb": 0.01}),
    "anchors-41kb": Shape("anchors", {"size_mb": 0.041, "events": 300}, {"size_mb": 0.005}),
}


class Stories:
    """The run's stories, written and loaded on first use."""

    def __init__(self, folder: Path, smoke: bool, large_mb: float | None = None) -> None:
        self.folder = folder
        self.smoke = smoke
        self.shapes = dict(SHAPES)
        if large_mb is not None:  # --size-mb: the size of the "large" story
            self.shapes["large"] = Shape("mixed", {"size_mb": large_mb}, {"size_mb": large_mb})
        self._paths: dict[str, Path] = {"seed": SEED}
        self._stories: dict[str, Story] = {}

    def label(self, key: str) -> str:
        """The story's name in the table."""
        if key == "seed":
            return "seed"
        if key.endswith("-rare"):
            return _label(self.shapes[key.removesuffix("-rare")], self.smoke) + ", on a rare word"
        return _label(self.shapes[key], self.smoke)

    def path(self, key: str) -> Path:
        """The story's file, written now if it is not yet."""
        if key not in self._paths:
            if key.endswith("-rare"):
                self._paths[key] = self._rare_twin(key.removesuffix("-rare"))
            else:
                shape = self.shapes[key]
                counts = shape.counts(self.smoke)
                size_mb = counts.get("size_mb", 1.0)
                ints = {name: int(value) for name, value in counts.items() if name != "size_mb"}
                self._paths[key] = make_story.write_shape(
                    self.folder / f"{key}{shape.suffix}", shape.kind, size_mb, **ints
                )
        return self._paths[key]

    def _rare_twin(self, key: str) -> Path:
        """A many-anchors story's twin: its events on a rare word (its load baseline)."""
        shape = self.shapes[key]
        counts = shape.counts(self.smoke)
        ints = {name: int(value) for name, value in counts.items() if name != "size_mb"}
        return make_story.write_shape(
            self.folder / f"{key}-rare.toml", "anchors-rare", counts.get("size_mb", 1.0), **ints
        )

    def written(self) -> list[str]:
        """The keys of the stories written so far (the seed is never written)."""
        return [key for key in self._paths if key != "seed"]

    def story(self, key: str) -> Story:
        """The story as Rawi loads it."""
        if key not in self._stories:
            self._stories[key] = load_story(self.path(key))
        return self._stories[key]

    def describe(self, key: str) -> str:
        """One line: the story's file, size and contents."""
        return make_story.summary(self.story(key), self.path(key))


@dataclass
class Samples:
    """Samples of one measure, with the count of those that hit the time limit."""

    values: list[float] = field(default_factory=list)
    timed_out: int = 0


@dataclass
class Bench:
    """What every case of a run shares: the stories, the repetitions, the limits."""

    stories: Stories
    repeat: int
    smoke: bool
    #: seconds a case may spend on one story before it stops at ``minimum`` samples
    budget: float
    #: seconds a key, a first paint or a load may take before it is called timed out
    timeout: float
    #: the screen is taken as settled after this long without a change
    quiet: float = terminal.QUIET
    minimum: int = 3

    def env(self, state: Path) -> dict[str, str]:
        """The environment of a measured ``rawi``: a plain xterm, its state in ``state``.

        ``ESCDELAY``: Textual waits this long (10 ms here, 100 by default) after
        a lone Esc for the rest of a key sequence; a reader pays it on every Esc,
        but it is the terminal's wait, not the app's work. ``TEXTUAL_ANIMATIONS``:
        none, so that a key's time is the app's work, not the length of a scroll
        animation (PageDown, a pane scrolling to its highlight).
        """
        env = startup.terminal_env(state)
        env.update(ESCDELAY="10", TEXTUAL_ANIMATIONS="none")
        return env

    def session(self, key: str, cache: Path | None = None) -> tuple[terminal.Session, float]:
        """``rawi STORY`` on a fresh terminal and state folder; with its first paint, in s.

        The story cache is the fresh state folder's (a first opening), or ``cache``.
        """
        state = Path(tempfile.mkdtemp(prefix="rawi-bench-state-"))
        marker = startup.story_marker(self.stories.story(key))
        env = self.env(state)
        if cache is not None:
            env["RAWI_CACHE_DIR"] = str(cache)
        session = terminal.Session(startup.rawi_command(self.stories.path(key)), env)
        session.add_cleanup(lambda: shutil.rmtree(state, ignore_errors=True))
        try:
            first_paint = session.wait_for(lambda text: marker in text, self.timeout, "first paint")
        except BaseException:
            session.close()
            raise
        return session, first_paint

    def sample(self, into: Samples, measure: Callable[[], float]) -> None:
        """One more sample of ``measure`` into ``into``.

        A sample that times out counts as the time limit and ends the samples
        of this measure (see ``enough``): the program is stuck, its session of
        no further use.
        """
        try:
            into.values.append(measure())
        except terminal.Unanswered as stuck:
            into.values.append(stuck.waited)
            into.timed_out += 1

    def enough(self, into: Samples, began: float) -> bool:
        """True after a time-out, after ``repeat`` samples, or once the case has spent
        its ``budget`` (seconds since ``began``) and has ``minimum`` samples."""
        if into.timed_out or len(into.values) >= self.repeat:
            return True
        spent = time.perf_counter() - began
        return spent > self.budget and len(into.values) >= min(self.minimum, self.repeat)
