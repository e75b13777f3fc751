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

``read(text, defer, later)`` leaves a story's ``[[timeline]]``, ``[[quotes]]``...
(``defer``) and its chapters after the first (``later``) for
``Reading.deferred.read()``, so that the first chapter can be shown before
the rest is parsed; ``Reading.deferred.count("chapters")`` says how many
chapters are left, without parsing them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from tui.rtl.sanitize import is_clean
from tui.story import toml_limits, toml_spans
from tui.story.toml_statements import (
    BASIC,
    BOOLEAN,
    CLEAN_STATEMENT,
    KEY,
    LITERAL,
    ML_BASIC,
    ML_BASIC_END,
    ML_LITERAL,
    ML_LITERAL_END,
    NAME,
    NUMBER,
    PART,
    any_statement,
    quick_twin,
)

Table = dict[str, object]
#: characters of a deferred run read between two calls of ``Deferred.read``'s pace
PIECE = 32_768
#: characters from which strings are scanned with ``quick_twin``
QUICK_FROM = 65_536

# An escape of a basic string, already known to be well formed; a backslash
# at the end of a line (multi-line strings) removes the blank space after it.
_ESCAPES = re.compile(r'\\(?:([btnfr"\\])|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|[ \t]*\n[ \t\n]*)')
_SIMPLE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


class Reading(NamedTuple):
    """A document as ``tomllib.loads`` returns it, and whether its strings are clean."""

    data: Table
    #: no string of ``data`` holds a character that ``clean_text`` would change
    clean: bool
    #: the tables ``read`` was asked to defer or read later, skipped unread
    #: (None: none were)
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


def read(
    text: str, defer: frozenset[str] = frozenset(), later: frozenset[str] = frozenset()
) -> Reading | None:
    """What ``tomllib.loads(text)`` returns, or None when ``text`` is not plain story TOML.

    The runs of the arrays of tables named in ``defer`` (``[[timeline]]``...),
    and those of the arrays named in ``later`` (``[[chapters]]``) after their
    first table, are skipped unread where that is safe (``tui.story.toml_spans``):
    ``data`` lacks them and ``deferred.read().data`` holds them, so that the two
    hold what ``read(text).data`` holds (a name of ``later`` in both: its first
    table here, the others there), and ``clean`` is the ``clean`` of each part's
    own strings. If ``read(text)`` declines, this reading or ``deferred.read()``
    declines. A run that cannot be skipped (a multi-line string in it,
    ``[name]`` or ``[[name.part]]`` of a deferred name, a key ``name`` before
    it, ``[[name.part]]`` of a ``later`` name after a run of it) makes this read
    the text again, ``later`` skipping nothing (and then ``defer`` nothing, if
    one of its runs cannot be skipped either). A name in both is deferred.
    """
    if "\r" in text:
        # As tomllib does: CR LF is a line end, even inside strings.
        text = text.replace("\r\n", "\n")
    try:
        part = _read_head(text, defer, later - defer)
    except _Decline:
        return None
    if part is None or part.tables > toml_limits.MAX_TABLES or part.keys > toml_limits.MAX_KEYS:
        return None  # structure_problem says which limit, and where
    deferred = Deferred(text, part) if part.spans else None
    return Reading(part.data, part.clean, deferred)


def _read_head(text: str, defer: frozenset[str], later: frozenset[str]) -> _Part | None:
    """``_read`` of the whole text skipping what can be: the runs of ``defer`` and
    ``later``, else those of ``defer``, else nothing."""
    if later:
        try:
            return _read(text, 0, len(text), defer, later)
        except _Abandon as abandon:
            # Where a later run cannot be skipped the head read so far is
            # small: its second table (or a run's part met after the run).
            if not abandon.later:
                # A deferred run cannot be skipped: it could not without later.
                return _read(text, 0, len(text), frozenset(), frozenset())
    try:
        return _read(text, 0, len(text), defer, frozenset())
    except _Abandon:
        return _read(text, 0, len(text), frozenset(), frozenset())


class _Part(NamedTuple):
    """What ``_read`` read of a text: the tables and keys it counted, the spans it skipped."""

    data: Table
    clean: bool
    tables: int
    keys: int
    spans: tuple[tuple[int, int], ...]
    #: the names of ``later`` whose tables after the first were skipped
    split: frozenset[str] = frozenset()


class _Abandon(Exception):
    """A skipped table that cannot be: read the text again, skipping less."""

    def __init__(self, later: bool) -> None:
        super().__init__()
        #: a table of a ``later`` name, not a deferred one
        self.later = later


def _read(
    text: str,
    start: int,
    end: int,
    defer: frozenset[str],
    later: frozenset[str] = frozenset(),
    quick: bool = False,
) -> _Part | None:
    """The statements of ``text[start:end]`` (both at the start of a line), the runs
    of the arrays of tables in ``defer``, and those in ``later`` after their first
    table, skipped; None if not in the subset. ``quick``: scan with the twin
    whatever the length (a piece of a long text)."""
    root: Table = {}
    table = root
    tables = keys = 0
    clean = True
    spans: list[tuple[int, int]] = []
    split: set[str] = set()
    pattern = CLEAN_STATEMENT
    value: object
    while True:
        # The twin is compiled (~1 ms) for a text long enough to repay it.
        scan = quick_twin(pattern) if quick or end - start > QUICK_FROM else pattern
        for match in scan.finditer(text, start, end):
            kind = match.lastindex
            if kind is None:
                continue  # a blank line or a comment
            if kind == LITERAL:
                key, value = match.group(KEY, LITERAL)
                if not value.isprintable():
                    # The twin took the string up to the next quote: the
                    # pattern says whether it is one (and where it ends).
                    exact = pattern.match(text, match.start(), end)
                    assert exact is not None  # its last alternative takes any character
                    if exact.lastindex != LITERAL:
                        if pattern is not CLEAN_STATEMENT:
                            return None  # not a statement of the subset
                        clean = False
                        start = match.start()
                        pattern = any_statement()
                        break
                    if key in table:
                        return None
                    table[key] = exact.group(LITERAL)
                    keys += 1
                    start = exact.end()
                    break
            elif kind == BASIC:
                key, body = match.group(KEY, BASIC)
                if "\\" in body:
                    value = _ESCAPES.sub(_escape, body)
                    clean = clean and is_clean(value)
                else:
                    value = body
            elif kind in (NAME, PART):
                array, name, part = match.group(1, NAME, PART)
                existing = root.get(name)
                if array and type(existing) is list:
                    if name in later:
                        if part is None:
                            # The second table of a later name, or one after
                            # other tables: skipped up to the next header of
                            # another table, its [[name.part]] tables with it.
                            start = match.start()
                            span_end = toml_spans.span_end(text, start, frozenset({name}), True)
                            if span_end is None:
                                raise _Abandon(later=True)  # a multi-line string
                            spans.append((start, span_end))
                            split.add(name)
                            start = span_end
                            break
                        if name in split:
                            # Its parent table is the last one skipped.
                            raise _Abandon(later=True)
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
                        raise _Abandon(later=False)
                    span_end = toml_spans.span_end(text, start, defer)
                    if span_end is None:
                        raise _Abandon(later=False)  # a multi-line string: where does it end?
                    spans.append((start, span_end))
                    start = span_end
                    break
                if name in split:
                    raise _Abandon(later=True)  # [name] after a run of [[name]] skipped
                tables += 1
                found = _header(root, array, name, part)
                if found is None:
                    return None
                table = found
                continue
            elif kind == ML_LITERAL_END:
                key, body, tail = match.group(KEY, ML_LITERAL, ML_LITERAL_END)
                value = body + tail
            elif kind == ML_BASIC_END:
                key, body, tail = match.group(KEY, ML_BASIC, ML_BASIC_END)
                value = _ESCAPES.sub(_escape, body) + tail
                clean = clean and is_clean(value)
            elif kind == NUMBER:
                key, digits = match.group(KEY, NUMBER)
                is_float = "." in digits or "e" in digits or "E" in digits
                value = float(digits) if is_float else int(digits)
            elif kind == BOOLEAN:
                key, word = match.group(KEY, BOOLEAN)
                value = word == "true"
            elif pattern is CLEAN_STATEMENT:
                # A string clean_text would change, or a statement outside
                # the subset: go on from here, any string allowed.
                clean = False
                start = match.start()
                pattern = any_statement()
                break
            else:
                return None  # not a statement of the subset
            if key in table:
                return None  # tomllib: "Cannot overwrite a value"
            table[key] = value
            keys += 1
        else:
            return _Part(root, clean, tables, keys, tuple(spans), frozenset(split))


class Deferred:
    """The runs of arrays of tables that ``read`` skipped, to be read later.

    ``read()`` gives them as ``tomllib.loads`` would: ``{"timeline": [...],
    "quotes": [...], "chapters": [...]}``, each list the tables of all the
    runs in file order (for a name in ``split``, its tables after the first),
    or None (it declines, as ``read`` does: read the whole text the old way)
    if a run is not in the subset or the whole text passes the limits.
    ``count(name)`` says how many there are before they are read.
    """

    def __init__(self, text: str, head: _Part) -> None:
        #: the text read, CR LF made LF
        self.text = text
        #: (start, end) of each run: from its first header line to the start
        #: of the next line that opens another table (or the end of the text)
        self.spans = head.spans
        #: the names of ``later`` whose tables after the first are in the runs
        self.split = head.split
        # What the reading of the rest found, for the limits of the whole and
        # its top-level keys (timeline = 1, then [[timeline]], is an error).
        self._tables = head.tables
        self._keys = head.keys
        # A split name is there too, its first table.
        self._names = frozenset(head.data) - head.split

    def read(self, pace: Callable[[], object] | None = None) -> Reading | None:
        """The skipped tables, by name; ``clean`` says that their strings are.
        None: read the whole text the old way, which says what is wrong.

        ``pace`` is called between pieces of ``PIECE`` characters or so: a
        thread reading behind the reader gives the interpreter back.
        """
        data: Table = {}
        clean = True
        tables, keys = self._tables, self._keys
        # The pieces of a long text are each too short to repay the twin alone.
        quick = sum(end - start for start, end in self.spans) > QUICK_FROM
        for start, end in toml_spans.pieces(self.text, self.spans, PIECE):
            if pace is not None:
                pace()
            try:
                part = _read(self.text, start, end, frozenset(), quick=quick)
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

    def count(self, name: str) -> int:
        """How many ``[[name]]`` tables the runs hold, counted without reading
        them: ``len(self.read().data[name])`` when that reads them."""
        return toml_spans.count(self.text, self.spans, name)


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
