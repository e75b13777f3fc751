"""The first search key, typed right after the first paint: what a quick reader waits for.

The app builds its search index in a thread half a second after the first
paint; the keystroke cases type once it is built. Here, in a fresh
``rawi STORY`` on a pseudo-terminal, ``/`` is sent as soon as the story is on
screen and the first letter of the query (ا, the letter with the most
matches) as soon as the field shows. Two times, from the letter's write:

- the answer: the field's count, or its "counting…" (the story still being
  indexed: the matches on screen marked, the count following), on screen;
- the count: the number of matches on screen (the same screen when the
  answer is the count itself).

The baseline is the same letter in the same session once the app is idle
(the field closed, the screen still for a second, the field opened again).
"""

from __future__ import annotations

import time

import terminal
from catalogue import Bench, Samples
from report import SEARCH_4MB, Result

from tui.render import visual
from tui.search import SearchSession
from tui.widgets.search_bar import match_count
from tui.words import word

#: the letter typed: alef, in every other word of the story
LETTER = "ا"
#: the stories: the 1 MB story, 10 MB, the one-paragraph 4 MB stories
STORIES = ("large", "10mb", "paragraph-4mb", "paragraph-4mb-txt")
#: Esc twice: see ``scale.ESCAPE_NOW``
ESCAPE_NOW = "\x1b\x1b"
ANSWER = "First search key right after first paint (pty)"
COUNTED = "First search key right after first paint: count shown (pty)"


def _shown(text: str) -> str:
    # As the search field paints it: Arabic interface, laid out right to left.
    return visual(text, "R", True)


class _Screens:
    """What the field shows for the letter on one story."""

    def __init__(self, bench: Bench, key: str) -> None:
        session = SearchSession(bench.stories.story(key))
        self.count = _shown(match_count(session.search(LETTER) or 0, "ar"))
        self.counting = _shown(word("counting", "ar"))
        self.prompt = _shown(word("search", "ar") + ":")

    def answered(self, text: str) -> bool:
        return self.count in text or self.counting in text

    def counted(self, text: str) -> bool:
        return self.count in text


def _one_session(
    bench: Bench, key: str, screens: _Screens, samples: tuple[Samples, Samples, Samples]
) -> None:
    answers, counts, idle = samples
    session, _ = bench.session(key)
    with session:
        # "/" at once; the letter as soon as the field is there.
        session.press("/", bench.timeout, until=lambda text: screens.prompt in text)
        bench.sample(
            answers, lambda: session.press(LETTER, bench.timeout, until=screens.answered).settled
        )
        if answers.timed_out:
            return
        sent = session.sent_at

        def count_time() -> float:
            since_spawn = session.wait_for(screens.counted, bench.timeout, "count")
            return since_spawn - (sent - session.started)

        bench.sample(counts, count_time)
        if counts.timed_out:
            return
        # The same letter once the app is idle: the baseline.
        session.send(ESCAPE_NOW)
        session.settle(bench.timeout, quiet=bench.quiet if bench.smoke else 1.0)
        session.press("/", bench.timeout, until=lambda text: screens.prompt in text)
        session.settle(bench.timeout, bench.quiet)
        bench.sample(
            idle, lambda: session.press(LETTER, bench.timeout, until=screens.counted).settled
        )


def first_search_key(bench: Bench) -> list[Result]:
    """The first search key right after the first paint, on each story of ``STORIES``."""
    rows: list[Result] = []
    for key in STORIES:
        screens = _Screens(bench, key)
        answers, counts, idle = Samples(), Samples(), Samples()
        began = time.perf_counter()
        while not bench.enough(answers, began):
            try:
                _one_session(bench, key, screens, (answers, counts, idle))
            except terminal.Unanswered as stuck:
                print(f"  {bench.stories.label(key)}: {stuck}", flush=True)
                break
        label = bench.stories.label(key)
        idle_ms = [value * 1000 for value in idle.values]
        for measure, samples, target in ((ANSWER, answers, SEARCH_4MB), (COUNTED, counts, None)):
            if samples.values:
                rows.append(
                    Result(
                        measure,
                        label,
                        "ms",
                        [value * 1000 for value in samples.values],
                        "when idle" if idle_ms else "",
                        idle_ms,
                        target,
                        "",
                        samples.timed_out,
                    )
                )
    return rows
