"""Where a run of deferred arrays of tables ends, found without parsing it.

``toml_fast.read(text, defer)`` leaves the ``[[timeline]]``, ``[[quotes]]``...
tables of a story unread until they are needed; ``span_end`` tells it where
each run of them ends, with one search at C speed. The run is cut at line
starts only, where the full reading would be between two statements too, so
that reading the runs on their own gives what reading the whole text gives.

That holds when the run holds no multi-line string: the statements of the
subset ``toml_fast`` reads are then one line each (with the blank and comment
lines after them), or an error that both readings decline, so that every line
of the run starting with ``[`` starts a statement: a header. A run may start
only where the full reading starts a statement (``toml_fast`` meets its first
header as one), and it ends at the first line that starts with ``[`` and is
not a header of a deferred name: a header of another table, or an error that
the reading after the run declines.
"""

from __future__ import annotations

import functools
import re

_MULTI_LINE_QUOTES = ("'''", '"""')


@functools.cache
def _next_kept_line(defer: frozenset[str]) -> re.Pattern[str]:
    """The line end before the next line that starts with ``[`` and is not a
    header ``[[name]]`` of a name in ``defer`` as ``toml_fast`` reads headers
    (spaces and tabs inside the brackets, a comment after them)."""
    names = "|".join(re.escape(name) for name in sorted(defer))
    # A literal first character: the search skips to each line end at C speed.
    return re.compile(r"\n[ \t]*+\[(?!\[[ \t]*+(?:" + names + r")[ \t]*+\]\][ \t]*+(?:#|\n|\Z))")


def span_end(text: str, start: int, defer: frozenset[str]) -> int | None:
    """Where the run of deferred tables whose first header line starts at
    ``start`` ends (the start of the next line that is not the run's, or the
    end of the text); None if the run may hold a multi-line string."""
    found = _next_kept_line(defer).search(text, start)
    end = len(text) if found is None else found.start() + 1
    if any(text.find(quotes, start, end) >= 0 for quotes in _MULTI_LINE_QUOTES):
        return None  # its lines may be a string's, not statements
    return end
