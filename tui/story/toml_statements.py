"""The statements of plain story TOML, as ``toml_fast`` matches them one after another.

``CLEAN_STATEMENT`` matches one statement (a header, a key and its value, or
a blank or comment line) whose strings ``clean_text`` would leave alone;
``any_statement()`` the same with any string TOML allows; both have the same
groups, and the group that closes last says what the statement is.

A long one-line literal string (``text = '...'``, as story files write their
paragraphs) is most of a story file, and a regular expression scans it a
character at a time against a set of characters (~3.5 ns a character: 17 ms
of a 10 MB story). ``toml_fast`` matches with ``quick_twin(pattern)``, whose
literal string is anything up to the next quote (a scan for one character,
twice as fast), then checks the string with ``str.isprintable`` at C speed:
a printable string holds none of the characters either pattern forbids, so
the twin matched what the pattern would. Any other string (a tab, a line
end, a format character) is matched again with the pattern.
"""

from __future__ import annotations

import functools
import re

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


def _statement(
    not_one_line: str, not_multi_line: str, literal: str | None = None
) -> re.Pattern[str]:
    """One statement per match, its strings free of the characters named.

    A header, a key and its value, or nothing, then spaces, a comment and the
    end of the line. The last alternative takes one character where no
    statement matches, so that the matches follow each other without a gap
    and the first one outside the subset is seen. The repeats are
    possessive: a long string is scanned once, never backtracked.
    ``literal``: the characters a one-line literal string may not hold
    besides its quote, when not ``not_one_line`` (see ``statements``).
    """
    if literal is None:
        literal = not_one_line
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
        + literal
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
CLEAN_STATEMENT = _statement(_NOT_CLEAN_ONE_LINE, _NOT_CLEAN_MULTI_LINE)
_GROUP = CLEAN_STATEMENT.groupindex
# The group that closes last in a match (``Match.lastindex``) says what the
# statement is: a header ends with its name or part, a key with its value.
NAME, PART, KEY = _GROUP["name"], _GROUP["part"], _GROUP["key"]
ML_LITERAL, ML_LITERAL_END = _GROUP["mlliteral"], _GROUP["mlliteral_end"]
LITERAL, BASIC = _GROUP["literal"], _GROUP["basic"]
ML_BASIC, ML_BASIC_END = _GROUP["mlbasic"], _GROUP["mlbasic_end"]
NUMBER, BOOLEAN = _GROUP["number"], _GROUP["boolean"]


@functools.cache
def any_statement() -> re.Pattern[str]:
    """The statements of the subset, whatever their strings hold.

    Compiled the first time a story needs it (~1 ms of start-up otherwise).
    Its groups are those of ``CLEAN_STATEMENT``.
    """
    return _statement(_NOT_ONE_LINE, _NOT_MULTI_LINE)


@functools.cache
def quick_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with its one-line literal string taken up to the next quote
    (the same groups): what it matches is what ``pattern`` matches where that
    string ``isprintable``."""
    if pattern is CLEAN_STATEMENT:
        return _statement(_NOT_CLEAN_ONE_LINE, _NOT_CLEAN_MULTI_LINE, literal="")
    return _statement(_NOT_ONE_LINE, _NOT_MULTI_LINE, literal="")
