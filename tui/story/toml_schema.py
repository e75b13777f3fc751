"""Reading a TOML document against a schema, collecting every problem with its line.

``read_toml`` reads plain story TOML with ``tui.story.toml_fast``; any other
text it checks for pathological structure (``tui.story.toml_limits``) and
parses with ``tomllib``, turning a syntax error into a ``Problem``.
``Checker`` holds the typed reads a schema is made of (a table with only
known keys, an array of tables, a non-empty string, an integer in a range, a
unique id, an http(s) URL): each read that fails records a problem naming
the line, the field and what was expected, and returns ``None``, so that one
pass finds every problem of the file. Unknown keys are problems too, with a
"did you mean" hint, so that ``titel = ...`` cannot pass silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tui.rtl.sanitize import clean_text
from tui.story import toml_fast
from tui.story.errors import Problem, StoryError
from tui.story.locator import Key, Locator, field_name
from tui.story.toml_limits import structure_problem
from tui.story.visible import looks_blank

if TYPE_CHECKING:
    import tomllib

Table = dict[str, object]

ID_EXPECTED = "an id of ASCII letters, digits, '-', '_' or '.'"
TEXT_EXPECTED = "a non-empty string"
MISSING = "nothing (the key is missing)"
VISIBLE_EXPECTED = "a string with visible characters"
INVISIBLE_GOT = "only invisible characters (zero-width, format or combining marks)"

#: what an id is (ID_EXPECTED says it in words)
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
# What str.isspace calls a space (re's \s is the same set for str patterns).
_SPACE = re.compile(r"\s")
_EXCERPT_LENGTH = 40


def describe(value: object) -> str:
    """What a TOML value is, as a message says it."""
    if isinstance(value, bool):
        return f"a boolean ({'true' if value else 'false'})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else f"the string {excerpt(value)}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    # Imported here: only a value that is none of the above can be a date
    # (~1 ms of a story's first opening otherwise).
    import datetime

    if isinstance(value, datetime.datetime):
        return "a date-time"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, datetime.time):
        return "a time"
    return "a value of another kind"


def excerpt(text: str) -> str:
    """``text`` quoted for a message, cut to a few words."""
    text = clean_text(text)
    if len(text) > _EXCERPT_LENGTH:
        text = text[: _EXCERPT_LENGTH - 1] + "…"
    return f'"{text}"'


def _syntax_problem(shown: str, source: str, error: tomllib.TOMLDecodeError) -> Problem:
    message = str(error)
    line: int | None = None
    where = ""
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if match:
        line = int(match.group(1))
        where = f" at column {match.group(2)}"
        message = message[: match.start()]
    elif message.endswith("(at end of document)"):
        # TOML lines end at LF only (str.splitlines would also split at
        # form feeds and other separators a TOML file can hold in strings).
        line = max(1, source.count("\n") + (0 if source.endswith("\n") else 1))
        where = " at the end of the file"
        message = message[: -len("(at end of document)")].rstrip()
    if message:
        message = message[0].lower() + message[1:]
    return Problem(shown, line, None, "valid TOML", f"a syntax error{where}: {message}")


def read_toml(
    text: str, shown: str, defer: frozenset[str] = frozenset(), later: frozenset[str] = frozenset()
) -> toml_fast.Reading:
    """The TOML document in ``text``, and whether its strings are clean already;
    ``StoryError`` if it is not TOML or too costly to parse.

    The arrays of tables named in ``defer``, and those named in ``later`` after
    their first table, may be left unread, for ``Reading.deferred`` to read
    later (plain story TOML only).
    """
    # Plain story TOML is read at C speed; anything else, and every error,
    # the way it always was (toml_fast says which documents it declines).
    reading = toml_fast.read(text, defer, later)
    if reading is not None:
        return reading
    problem = structure_problem(text, shown)
    if problem is not None:
        raise StoryError([problem])
    # Imported here: a story toml_fast reads never needs it (~1 ms at start-up).
    import tomllib

    try:
        return toml_fast.Reading(tomllib.loads(text), clean=False)
    except tomllib.TOMLDecodeError as error:
        raise StoryError([_syntax_problem(shown, text, error)]) from None
    except RecursionError:  # pragma: no cover - the nesting limit comes first
        raise StoryError.single(shown, "valid TOML", "arrays or tables nested too deeply") from None


def parse_toml(text: str, shown: str) -> Table:
    """The TOML document in ``text``; ``StoryError`` if it is not TOML or too costly to parse."""
    return read_toml(text, shown).data


class Checker:
    """Typed reads of a parsed document; every failed read is recorded in ``problems``."""

    def __init__(self, shown: str, source: str, *, clean: bool = False) -> None:
        self.shown = shown
        #: the strings of the document are known to be as clean_text leaves them
        self.clean = clean
        self.locator = Locator(source)
        self.problems: list[Problem] = []
        # id -> where it was first defined, across the whole document.
        self.ids: dict[str, Key] = {}

    def problem(self, where: Key, expected: str, got: str | None = None) -> None:
        """Record that ``expected`` was not found at ``where`` (``got`` instead)."""
        field = field_name(where) if where else None
        self.problems.append(Problem(self.shown, self.locator.line_of(where), field, expected, got))

    def table(self, value: object, where: Key, keys: Iterable[str]) -> Table | None:
        """``value`` as a table with only the ``keys`` allowed, else ``None``."""
        if not isinstance(value, dict):
            self.problem(where, "a table", describe(value))
            return None
        allowed = tuple(keys)
        for key in value:
            if key not in allowed:
                got = "an unknown key"
                import difflib  # only for a file with a problem

                close = difflib.get_close_matches(key, allowed, n=1)
                if close:
                    got += f' (did you mean "{close[0]}"?)'
                self.problem((*where, key), f"one of {', '.join(allowed)}", got)
        return value

    def tables(self, value: object, where: Key, what: str) -> list[Table] | None:
        """``value`` as an array of tables (``[[what]]``), else ``None``."""
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(where, f"an array of tables ([[{what}]])", describe(value))
            return None
        return value

    def text(self, table: Table, where: Key, key: str, *, required: bool) -> str | None:
        """A non-empty string, cleaned and stripped."""
        # Called for every string of a story: the common case first, one lookup.
        value = table.get(key)  # a TOML value is never None
        if isinstance(value, str):
            cleaned = (value if self.clean else clean_text(value)).strip()
            if cleaned:
                return cleaned
            self.problem((*where, key), TEXT_EXPECTED, "an empty string")
        elif value is None:
            if required:
                self.problem((*where, key), TEXT_EXPECTED, MISSING)
        else:
            self.problem((*where, key), TEXT_EXPECTED, describe(value))
        return None

    def title(self, table: Table, where: Key, key: str, *, required: bool) -> str | None:
        """A non-empty string that shows something: a title, label, caption or name.

        A paragraph of only BiDi controls is odd but harmless; a title of
        zero-width characters is a blank heading the reader cannot explain.
        """
        value = self.text(table, where, key, required=required)
        if value is None:
            return None
        # An ASCII letter or digit shows: English titles need no closer look.
        first = value[0]
        if not (first.isascii() and first.isalnum()) and looks_blank(value):
            self.problem((*where, key), VISIBLE_EXPECTED, INVISIBLE_GOT)
            return None
        return value

    def integer(
        self,
        table: Table,
        where: Key,
        key: str,
        *,
        required: bool,
        low: int,
        high: int,
        expected: str,
    ) -> int | None:
        """A whole number from ``low`` to ``high``."""
        if key not in table:
            if required:
                self.problem((*where, key), expected, MISSING)
            return None
        value = table[key]
        # A TOML boolean is a Python int: it must not pass as a year.
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem((*where, key), expected, describe(value))
            return None
        if not low <= value <= high:
            self.problem((*where, key), expected, str(value))
            return None
        return value

    def identifier(self, table: Table, where: Key) -> str | None:
        """The table's ``id``, checked and registered as used."""
        value = self.text(table, where, "id", required=True)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.problem((*where, "id"), ID_EXPECTED, excerpt(value))
            return None
        first = self.ids.get(value)
        if first is not None:
            line = self.locator.line_of((*first, "id"))
            at = f"line {line}" if line is not None else field_name(first)
            self.problem(
                (*where, "id"),
                "an id not used before in the story",
                f'"{value}" again (first used on {at})',
            )
            return None
        self.ids[value] = where
        return value

    def url(self, table: Table, where: Key, key: str, *, required: bool) -> str | None:
        """An http:// or https:// URL."""
        value = self.text(table, where, key, required=required)
        if value is None:
            return None
        parts = urlsplit(value)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or _SPACE.search(value) is not None
        ):
            self.problem((*where, key), "an http:// or https:// URL", excerpt(value))
            return None
        return value
