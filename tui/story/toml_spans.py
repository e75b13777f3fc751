"""Where a run of skipped arrays of tables ends, how many tables it holds and
where it can be cut, found without parsing it.

``toml_fast.read(text, defer, later)`` leaves the ``[[timeline]]``,
``[[quotes]]``... tables of a story, and the chapters after the first, unread
until they are needed; ``span_end`` tells it where each run of them ends, with
one search at C speed, and ``count`` how many tables of a name the run holds.
The run is cut at line starts only, where the full reading would be between
two statements too, so that reading the runs on their own gives what reading
the whole text gives.

That holds when no multi-line string opens in the run. The statements of the
subset ``toml_fast`` reads are then one line each (with the blank and comment
lines after them), or an error that both readings decline, so that each line
of the run starts a statement: a line starting with ``[`` is a header, and a
multi-line string of the subset can only open on a line of its own key
(``key = '''``), which the same search looks for. A run may start only where
the full reading starts a statement (``toml_fast`` meets its first header as
one), and it ends at the first line that starts with ``[`` and is not a header
of the run's names: a header of another table, or an error that the reading
after the run declines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

# Spaces and tabs, and a bare key or name, as toml_fast's statements read them.
_SPACES = r"[ \t]*+"
_BARE = r"[A-Za-z0-9_-]++"


@functools.cache
def _next_line_out(names: frozenset[str], parts: bool) -> re.Pattern[str]:
    """The line end before the next line that is not the run's: one that starts
    with ``[`` and is not a header ``[[name]]`` (or ``[[name.part]]`` if
    ``parts``) of ``names`` as ``toml_fast`` reads headers (spaces and tabs
    inside the brackets, a comment after them), or one whose key opens a
    multi-line string (the ``key`` group matches then)."""
    alternatives = "|".join(re.escape(name) for name in sorted(names))
    part = r"(?:" + _SPACES + r"\." + _SPACES + _BARE + r")?+" if parts else ""
    header = r"\[" + _SPACES + r"(?:" + alternatives + r")" + part + _SPACES + r"\]\]"
    # A literal first character: the search skips to each line end at C speed.
    return re.compile(
        r"\n" + _SPACES + r"(?:\[(?!" + header + _SPACES + r"(?:#|\n|\Z))"
        r"|(?P<key>" + _BARE + r")" + _SPACES + "=" + _SPACES + r"(?:'''|\"\"\"))"
    )


def span_end(text: str, start: int, names: frozenset[str], parts: bool = False) -> int | None:
    """Where the run of skipped tables whose first header line starts at ``start``
    ends (the start of the next line that is not the run's, or the end of the
    text); None if a multi-line string opens in the run.

    The run holds the tables ``[[name]]`` of ``names`` and, if ``parts``, their
    ``[[name.part]]`` tables.
    """
    found = _next_line_out(names, parts).search(text, start)
    if found is None:
        return len(text)
    if found.lastindex is not None:
        return None  # its lines after the key may be a string's, not statements
    return found.start() + 1


@functools.cache
def _headers(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A header line ``[[name]]`` at the start of a run, and after a line end."""
    header = _SPACES + r"\[\[" + _SPACES + re.escape(name) + _SPACES + r"\]\]"
    return re.compile(header), re.compile(r"\n" + header)


def count(text: str, spans: tuple[tuple[int, int], ...], name: str) -> int:
    """How many tables ``[[name]]`` (not ``[[name.part]]``) the runs ``spans``
    (found by ``span_end``) hold: where no multi-line string opens, every line
    of a run starting so is a header of the run."""
    first, later = _headers(name)
    total = 0
    for start, end in spans:
        # The runs' header lines end within them (with "]]" and a comment).
        total += len(later.findall(text, start, end))
        if first.match(text, start, end):
            total += 1
    return total


# A header line of an array of tables, not of one inside another.
_TOP_HEADER = re.compile(r"\n" + _SPACES + r"\[\[" + _SPACES + _BARE + _SPACES + r"\]\]")


def pieces(text: str, spans: tuple[tuple[int, int], ...], size: int) -> Iterator[tuple[int, int]]:
    """The runs ``spans`` (found by ``span_end``) cut in pieces of about ``size``
    characters, each read alone as it would be in the run.

    A run is cut at the start of a header line ``[[name]]``: where no
    multi-line string opens, every line starting with ``[`` is a header. Never
    before ``[[name.part]]``: its parent table would be in the piece before.
    """
    for start, end in spans:
        while end - start > size:
            cut = _TOP_HEADER.search(text, start + size, end)
            if cut is None:
                break
            yield start, cut.start() + 1
            start = cut.start() + 1
        yield start, end
