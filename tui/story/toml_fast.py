"""A fast reader for the plain TOML that story files are written in.

``tomllib`` is pure Python and walks a document one character at a time: about
30 ms per megabyte, a third of a second before a 10 MB story can be shown.
Story files use a small part of TOML: ``[story]``, ``[[chapters]]``,
``[[chapters.blocks]]`` and other ``[[section]]`` headers, ``key = value``
lines with bare keys, strings (basic, literal, multi-line), integers, floats
and booleans, comments and blank lines. ``read`` reads exactly that part with
a compiled regular expression matched statement after statement, so that the
long string bodies are scanned at C speed, and returns what ``tomllib.loads``
returns for the same text (the same values, types and key order). It also
tells whether any string holds a character ``clean_text`` would change, so
that the loader can skip cleaning strings that are clean already.

Anything outside that part, and anything that might be an error, makes
``read`` return ``None`` (it *declines*): an escape it does not know, a
character TOML forbids in a string or comment, a date, an array, an inline
table, a quoted or dotted key, a duplicate key, a header that is not one of
the forms above or that redefines a key or table, more tables or keys than
``tui.story.toml_limits`` allows. The caller then reads the file the old way
(``structure_problem``, then ``tomllib``), which gives the same result or the
same error message as before. What ``read`` accepts is shallow (keys of one
part, headers of at most two, no arrays or inline tables) and counted against
the same limits, so the structure checks need not run on it.

``read(text, defer)`` leaves a story's ``[[timeline]]``, ``[[quotes]]``... for
``Reading.deferred.read()``, so that the chapters can be shown first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from tui.rtl.sanitize import is_clean
from tui.story import toml_limits, toml_spans

Table = dict[str, object]
#: characters of a deferred run read between two calls of ``Deferred.read``'s pace
PIECE = 32_768

# Characters TOML forbids: ASCII controls but tab in one-line strings and
# comments; the same but line feed in multi-line strings.
_NOT_ONE_LINE = r"\x00-\x08\x0a-\x1f\x7f"
_NOT_MULTI_LINE = r"\x00-\x08\x0b-\x1f\x7f"
# Those and the characters clean_text changes (tui.rtl.sanitize): a string
# without any is kept as it is, and need not be cleaned.
_CHANGED = "\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
_NOT_CLEAN_ONE_LINE = r"\x00-\x08\x0a" + _CHANGED
_NOT_CLEAN_MULTI_LINE = r"\x00-\x08" + _CHANGED
_ESCAPE = r'\\[btnfr"\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}'
_BARE = r"[A-Za-z0-9_-]++"
# Spaces, a comment and the end of the line (or of the text).
_COMMENT = r"[ \t]*+(?:#[^" + _NOT_ONE_LINE + r"]*+)?+"
_LINE_END = _COMMENT + r"(?:\n|\Z)"
# Blank and comment lines after a statement belong to its match: fewer
# matches to go through.
_BLANK_LINE = _COMMENT + r"\n"
_ML_LITERAL_QUOTES = "'''"
_ML_BASIC_QUOTES = '"""'


def _statement(not_one_line: str, not_multi_line: str) -> re.Pattern[str]:
    """One statement per match, its strings free of the characters named.

    A header, a key and its value, or nothing, then spaces, a comment and the
    end of the line. The last alternative takes one character where no
    statement matches, so that the matches follow each other without a gap
    and the first one outside the subset is seen. The repeats are
    possessive: a long string is scanned once, never backtracked.
    """
    ml_literal = (
        _ML_LITERAL_QUOTES
        + r"\n?+(?P<mlliteral>(?:[^'"
        + not_multi_line
        + r"]++|'(?!''))*+)"
        + _ML_LITERAL_QUOTES
        + r"(?P<mlliteral_end>'{0,2}+)"
    )
    ml_basic = (
        _ML_BASIC_QUOTES
        + r'\n?+(?P<mlbasic>(?:[^"\\'
        + not_multi_line
        + r']++|"(?!"")|'
        + _ESCAPE
        + r"|\\[ \t]*+\n[ \t\n]*+)*+)"
        + _ML_BASIC_QUOTES
        + r'(?P<mlbasic_end>"{0,2}+)'
    )
    return re.compile(
        r"[ \t]*+(?:"
        # [name], [[name]], [[name.part]]
        r"\[(?P<array>\[)?+[ \t]*+(?P<name>" + _BARE + r")"
        r"(?:[ \t]*+\.[ \t]*+(?P<part>" + _BARE + r"))?+[ \t]*+\](?(array)\])"
        r"|(?P<key>"
        + _BARE
        + r")[ \t]*+=[ \t]*+(?:"
        + ml_literal
        + r"|'(?P<literal>[^'"
        + not_one_line
        + r"]*+)'|"
        + ml_basic
        + r'|"(?P<basic>(?:[^"\\'
        + not_one_line
        + r"]++|"
        + _ESCAPE
        + r')*+)"'
        # At most 18 digits before the point: Python's int limits never apply.
        r"|(?P<number>[+-]?+(?:0|[1-9][0-9]{0,17})(?:\.[0-9]++)?+(?:[eE][+-]?+[0-9]++)?+)"
        r"|(?P<boolean>true|false)"
        r"))?+" + _LINE_END + r"(?:" + _BLANK_LINE + r")*+"
        r"|(?P<other>[\s\S])"
    )


# Tried first: statements whose strings clean_text would leave alone.
_CLEAN_STATEMENT = _statement(_NOT_CLEAN_ONE_LINE, _NOT_CLEAN_MULTI_LINE)
_GROUP = _CLEAN_STATEMENT.groupindex
# The group that closes last in a match (``Match.lastindex``) says what the
# statement is: a header ends with its name or part, a key with its value.
_NAME, _PART, _KEY = _GROUP["name"], _GROUP["part"], _GROUP["key"]
_ML_LITERAL, _ML_LITERAL_END = _GROUP["mlliteral"], _GROUP["mlliteral_end"]
_LITERAL, _BASIC = _GROUP["literal"], _GROUP["basic"]
_ML_BASIC, _ML_BASIC_END = _GROUP["mlbasic"], _GROUP["mlbasic_end"]
_NUMBER, _BOOLEAN = _GROUP["number"], _GROUP["boolean"]


@functools.cache
def _any_statement() -> re.Pattern[str]:
    """The statements of the subset, whatever their strings hold.

    Compiled the first time a story needs it (~1 ms of start-up otherwise).
    Its groups are those of ``_CLEAN_STATEMENT``.
    """
    return _statement(_NOT_ONE_LINE, _NOT_MULTI_LINE)


# An escape of a basic string, already known to be well formed; a backslash
# at the end of a line (multi-line strings) removes the blank space after it.
_ESCAPES = re.compile(r'\\(?:([btnfr"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|[ \t]*\n[ \t\n]*)')
_SIMPLE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class Reading(NamedTuple):
    """A document as ``tomllib.loads`` returns it, and whether its strings are clean."""

    data: Table
    #: no string of ``data`` holds a character that ``clean_text`` would change
    clean: bool
    #: the arrays of tables ``read`` was asked to defer, skipped unread (None: none were)
    deferred: Deferred | None = None


class _Decline(Exception):
    """Raised inside an escape's replacement: leave the document to ``tomllib``."""


def _escape(match: re.Match[str]) -> str:
    simple, short, long = match.group(1, 2, 3)
    if simple:
        return _SIMPLE[simple]
    digits = short or long
    if digits is None:
        return ""
    code = int(digits, 16)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise _Decline  # tomllib: "not a Unicode scalar value"
    return chr(code)


def read(text: str, defer: frozenset[str] = frozenset()) -> Reading | None:
    """What ``tomllib.loads(text)`` returns, or None when ``text`` is not plain story TOML.

    The runs of the arrays of tables named in ``defer`` (``[[timeline]]``...)
    are skipped unread where that is safe (``tui.story.toml_spans``): ``data``
    lacks them and ``deferred.read().data`` holds them, so that the two hold
    what ``read(text).data`` holds (each key in one of them), and ``clean`` is
    the ``clean`` of each part's own strings. If ``read(text)`` declines, this
    reading or ``deferred.read()`` declines. A run that cannot be skipped (a
    multi-line string in it, ``[name]`` or ``[[name.part]]``, a key ``name``
    before it) makes this read the whole text, ``deferred`` None.
    """
    if "\r" in text:
        # As tomllib does: CR LF is a line end, even inside strings.
        text = text.replace("\r\n", "\n")
    try:
        try:
            part = _read(text, 0, len(text), defer)
        except _Abandon:
            part = _read(text, 0, len(text), frozenset())
    except _Decline:
        return None
    if part is None or part.tables > toml_limits.MAX_TABLES or part.keys > toml_limits.MAX_KEYS:
        return None  # structure_problem says which limit, and where
    deferred = Deferred(text, part) if part.spans else None
    return Reading(part.data, part.clean, deferred)


class _Part(NamedTuple):
    """What ``_read`` read of a text: the tables and keys it counted, the spans it skipped."""

    data: Table
    clean: bool
    tables: int
    keys: int
    spans: tuple[tuple[int, int], ...]


class _Abandon(Exception):
    """A deferred table that cannot be skipped: read the whole text, none deferred."""


def _read(text: str, start: int, end: int, defer: frozenset[str]) -> _Part | None:
    """The statements of ``text[start:end]`` (both at the start of a line), the runs
    of the arrays of tables in ``defer`` skipped; None if not in the subset."""
    root: Table = {}
    table = root
    tables = keys = 0
    clean = True
    spans: list[tuple[int, int]] = []
    pattern = _CLEAN_STATEMENT
    value: object
    while True:
        for match in pattern.finditer(text, start, end):
            kind = match.lastindex
            if kind is None:
                continue  # a blank line or a comment
            if kind == _LITERAL:
                key, value = match.group(_KEY, _LITERAL)
            elif kind == _BASIC:
                key, body = match.group(_KEY, _BASIC)
                if "\\" in body:
                    value = _ESCAPES.sub(_escape, body)
                    clean = clean and is_clean(value)
                else:
                    value = body
            elif kind in (_NAME, _PART):
                array, name, part = match.group(1, _NAME, _PART)
                existing = root.get(name)
                if array and type(existing) is list:
                    # [[name]] or [[name.part]] once more, as most headers
                    # are: the table is added here, without a call.
                    inner = existing if part is None else existing[-1].get(part)
                    if type(inner) is list:
                        tables += 1
                        table = {}
                        inner.append(table)
                        continue
                if name in defer:
                    # Skipped up to the next header of another table. [name]
                    # and [[name.part]] would need the tables skipped, and a
                    # key of the name is an error: read the whole text.
                    start = match.start()
                    if not array or part is not None or name in root:
                        raise _Abandon
                    span_end = toml_spans.span_end(text, start, defer)
                    if span_end is None:
                        raise _Abandon  # a multi-line string: where it ends is not known
                    spans.append((start, span_end))
                    start = span_end
                    break
                tables += 1
                found = _header(root, array, name, part)
                if found is None:
                    return None
                table = found
                continue
            elif kind == _ML_LITERAL_END:
                key, body, tail = match.group(_KEY, _ML_LITERAL, _ML_LITERAL_END)
                value = body + tail
            elif kind == _ML_BASIC_END:
                key, body, tail = match.group(_KEY, _ML_BASIC, _ML_BASIC_END)
                value = _ESCAPES.sub(_escape, body) + tail
                clean = clean and is_clean(value)
            elif kind == _NUMBER:
                key, digits = match.group(_KEY, _NUMBER)
                is_float = "." in digits or "e" in digits or "E" in digits
                value = float(digits) if is_float else int(digits)
            elif kind == _BOOLEAN:
                key, word = match.group(_KEY, _BOOLEAN)
                value = word == "true"
            elif pattern is _CLEAN_STATEMENT:
                # A string clean_text would change, or a statement outside
                # the subset: go on from here, any string allowed.
                clean = False
                start = match.start()
                pattern = _any_statement()
                break
            else:
                return None  # not a statement of the subset
            if key in table:
                return None  # tomllib: "Cannot overwrite a value"
            table[key] = value
            keys += 1
        else:
            return _Part(root, clean, tables, keys, tuple(spans))


class Deferred:
    """The runs of deferred arrays of tables that ``read`` skipped, to be read later.

    ``read()`` gives them as ``tomllib.loads`` would: ``{"timeline": [...],
    "quotes": [...]}``, each list the tables of all the runs in file order, or
    None (it declines, as ``read`` does: read the whole text the old way) if a
    run is not in the subset or the whole text passes the limits.
    """

    def __init__(self, text: str, head: _Part) -> None:
        #: the text read, CR LF made LF
        self.text = text
        #: (start, end) of each run: from its first header line to the start
        #: of the next line that opens another table (or the end of the text)
        self.spans = head.spans
        # What the reading of the rest found, for the limits of the whole and
        # its top-level keys (timeline = 1, then [[timeline]], is an error).
        self._tables = head.tables
        self._keys = head.keys
        self._names = frozenset(head.data)

    def read(self, pace: Callable[[], object] | None = None) -> Reading | None:
        """The skipped tables, by name; ``clean`` says that their strings are.
        None: read the whole text the old way, which says what is wrong.

        ``pace`` is called between pieces of ``PIECE`` characters or so: a
        thread reading behind the reader gives the interpreter back.
        """
        data: Table = {}
        clean = True
        tables, keys = self._tables, self._keys
        for start, end in self._pieces():
            if pace is not None:
                pace()
            try:
                part = _read(self.text, start, end, frozenset())
            except _Decline:
                return None
            if part is None:
                return None
            for name, tables_of_name in part.data.items():
                if name in self._names:
                    return None  # tomllib: "Cannot overwrite a value"
                known = data.setdefault(name, tables_of_name)
                if known is not tables_of_name:
                    if type(known) is not list or type(tables_of_name) is not list:
                        return None  # not made by the runs' headers
                    known.extend(tables_of_name)
            tables += part.tables
            keys += part.keys
            clean = clean and part.clean
        if tables > toml_limits.MAX_TABLES or keys > toml_limits.MAX_KEYS:
            return None
        return Reading(data, clean, None)

    def _pieces(self) -> Iterator[tuple[int, int]]:
        # A run is cut at the start of a header line: with no multi-line
        # string in it (toml_spans), every line starting with "[[" is one.
        text = self.text
        for start, end in self.spans:
            while end - start > PIECE:
                cut = text.find("\n[[", start + PIECE, end)
                if cut < 0:
                    break
                yield start, cut + 1
                start = cut + 1
            yield start, end


def _header(root: Table, array: str | None, name: str, part: str | None) -> Table | None:
    """The table a header opens, made as tomllib makes it; None if not in the subset."""
    table: Table = {}
    # A TOML value is never None: None means the key is not there.
    existing = root.get(name)
    if part is None:
        if array is None:
            if existing is not None:
                return None  # declared twice, or a key redefined
            root[name] = table
        elif existing is None:
            root[name] = [table]
        elif type(existing) is list:
            # Every list of the subset is an array of tables: values hold no arrays.
            existing.append(table)
        else:
            return None
        return table
    if array is None or type(existing) is not list:
        return None  # [a.b], or [[a.b]] without [[a]] before it
    parent = existing[-1]
    assert type(parent) is dict
    inner = parent.get(part)
    if inner is None:
        parent[part] = [table]
    elif type(inner) is list:
        inner.append(table)
    else:
        return None
    return table
