"""The shape a story's TOML may have before ``tomllib`` is asked to parse it.

``tomllib`` is pure Python and some structures cost it far more than their
size: a dotted key of 20,000 parts (an 81 KB file) takes it over 20 seconds,
nesting deeper than its stack raises ``RecursionError``. ``structure_problem``
scans the text once with a regular expression (strings and comments skipped
as wholes, so that what they hold is never taken for structure) and stops at
the first limit a file passes, so that such a file is refused at once with a
line to look at. A story needs a few parts per key and a few levels of
nesting; the limits are far above what any story uses (they are listed in
``docs/story-format.md``).
"""

from __future__ import annotations

import re

from tui.story.errors import Problem

#: parts of one dotted key or table header (``chapters.blocks`` has 2)
MAX_KEY_PARTS = 16
#: arrays and inline tables inside one another
MAX_NESTING = 32
#: ``[table]`` and ``[[array of tables]]`` headers in the file
MAX_TABLES = 200_000
#: ``key = value`` pairs in the file, inline tables included
MAX_KEYS = 1_000_000
#: values in all the arrays of the file together
MAX_ARRAY_VALUES = 1_000_000

# The tokens that make structure; everything else (bare keys, numbers, dates,
# spaces) is skipped by the search itself, at C speed. Possessive repeats:
# an unterminated string costs one pass, not a backtracking search.
_TOKEN = re.compile(
    r'"""(?:[^"\\]++|\\.|"(?!""))*+"""'
    r"|'''(?:[^']++|'(?!''))*+'''"
    r'|"(?:[^"\\\n]++|\\.)*+"?'
    r"|'[^'\n]*+'?"
    r"|#[^\n]*+"
    r"|[\[\]{}=,.\n]",
    re.DOTALL,
)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def structure_problem(text: str, shown: str) -> Problem | None:
    """The first limit the TOML ``text`` passes, as a problem; None if it keeps to them all."""
    # What encloses the current token: "[" an array, "{" an inline table.
    stack: list[str] = []
    in_key = True  # a key is expected (start of a line, after "{" or "," in "{...}")
    in_header = False
    parts = 1
    tables = keys = values = 0

    def problem(offset: int, expected: str, got: str) -> Problem:
        return Problem(shown, _line(text, offset), None, expected, got)

    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first in "\"'#":
            continue
        if in_key or in_header:
            if first == ".":
                parts += 1
                if parts > MAX_KEY_PARTS:
                    return problem(
                        match.start(),
                        f"keys and table names of at most {MAX_KEY_PARTS} dotted parts",
                        "a longer one",
                    )
                continue
            if in_header and first == "]":
                in_header = False
                in_key = False
                parts = 1
                continue
            if in_key and first == "=":
                in_key = False
                parts = 1
                keys += 1
                if keys > MAX_KEYS:
                    return problem(match.start(), f"at most {MAX_KEYS:,} keys", "more")
                continue
            if in_key and not stack and first == "[" and not in_header:
                # A table header: "[" or "[[" at the start of a line.
                in_header = True
                parts = 1
                tables += 1
                if tables > MAX_TABLES:
                    return problem(match.start(), f"at most {MAX_TABLES:,} tables", "more")
                continue
            if in_header and first == "[":
                continue  # the second bracket of "[["
        if first in "[{":
            stack.append(first)
            if len(stack) > MAX_NESTING:
                return problem(
                    match.start(),
                    f"arrays and inline tables nested at most {MAX_NESTING} deep",
                    "deeper nesting",
                )
            in_key = first == "{"
            parts = 1
        elif first in "]}":
            if stack:
                stack.pop()
        elif first == ",":
            if stack and stack[-1] == "[":
                values += 1
                if values > MAX_ARRAY_VALUES:
                    return problem(
                        match.start(), f"at most {MAX_ARRAY_VALUES:,} values in arrays", "more"
                    )
            elif stack:
                in_key = True
                parts = 1
        elif first == "\n" and not stack:
            in_key = True
            in_header = False
            parts = 1
    return None
