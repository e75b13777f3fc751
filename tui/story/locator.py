"""Line numbers for the tables, keys and array items of a TOML document.

``tomllib`` parses without keeping positions, so error messages would only be
able to say *what* is wrong. ``Locator`` scans the source once more (after
``tomllib`` has accepted it, so the syntax is known to be valid) and records
the line where each table header, key and array item starts, keyed by its
path in the parsed document: ``("chapters", 1, "blocks", 0, "text")``.
Strings are skipped as wholes, so a line inside a multi-line string that looks
like ``[[chapters]]`` is not taken for a header.
"""

from __future__ import annotations

import contextlib

Key = tuple[str | int, ...]

_BARE_KEY = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SPACE = frozenset(" \t")
_SCALAR_END = frozenset(",]}\n#")


class Locator:
    """Where things are in a TOML source; ``line_of`` answers for any path."""

    def __init__(self, source: str) -> None:
        self._source = source
        self._scanned: dict[Key, int] | None = None

    @property
    def _lines(self) -> dict[Key, int]:
        # Scanned the first time a line is asked for: a story without
        # problems never pays for it (the scan is pure Python, about half a
        # second for a 1 MB story).
        if self._scanned is None:
            self._scanned = {}
            scanner = _Scanner(self._source, self._scanned)
            # Absurdly deep nesting: keep the lines found so far; a message
            # with a less precise line is better than no message.
            with contextlib.suppress(RecursionError):
                scanner.scan()
        return self._scanned

    def line_of(self, key: Key) -> int | None:
        """The line where ``key`` (or, failing that, its nearest enclosing
        table or array) starts; ``None`` if nothing of it was found."""
        while key:
            line = self._lines.get(key)
            if line is not None:
                return line
            key = key[:-1]
        return None


def field_name(key: Key) -> str:
    """A path as messages show it: ``chapters[2].blocks[1].text`` (from 1)."""
    parts: list[str] = []
    for part in key:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            shown = part if part and set(part) <= _BARE_KEY else repr(part)
            parts.append(f".{shown}" if parts else shown)
    return "".join(parts)


class _Scanner:
    """A scanner for TOML known to be valid: enough to find where things start."""

    def __init__(self, source: str, lines: dict[Key, int]) -> None:
        self.source = source
        self.pos = 0
        self.line = 1
        self.lines = lines
        self.array_counts: dict[Key, int] = {}

    # -- low level -------------------------------------------------------

    def peek(self, length: int = 1) -> str:
        return self.source[self.pos : self.pos + length]

    def advance(self, count: int = 1) -> None:
        end = min(self.pos + count, len(self.source))
        self.line += self.source.count("\n", self.pos, end)
        self.pos = end

    def at_end(self) -> bool:
        return self.pos >= len(self.source)

    def skip_spaces(self) -> None:
        while self.peek() in _SPACE and not self.at_end():
            self.advance()

    def skip_blank(self) -> None:
        """Skip spaces, newlines and comments."""
        while not self.at_end():
            ch = self.peek()
            if ch in _SPACE or ch in "\r\n":
                self.advance()
            elif ch == "#":
                end = self.source.find("\n", self.pos)
                self.advance((len(self.source) if end < 0 else end) - self.pos)
            else:
                return

    def record(self, key: Key, line: int) -> None:
        self.lines.setdefault(key, line)

    # -- strings and keys ------------------------------------------------

    def skip_string(self) -> None:
        quote = self.peek()
        if self.peek(3) == quote * 3:
            self.advance(3)
            while not self.at_end():
                if quote == '"' and self.peek() == "\\":
                    self.advance(2)
                elif self.peek(3) == quote * 3:
                    self.advance(3)
                    # Up to two more quotes belong to the content: """a"""""
                    for _ in range(2):
                        if self.peek() == quote:
                            self.advance()
                    return
                else:
                    self.advance()
            return
        self.advance()
        while not self.at_end():
            ch = self.peek()
            if quote == '"' and ch == "\\":
                self.advance(2)
            elif ch == quote:
                self.advance()
                return
            elif ch == "\n":
                return
            else:
                self.advance()

    def key_part(self) -> str:
        start = self.pos
        if self.peek() in ('"', "'"):
            self.skip_string()
            raw = self.source[start : self.pos]
            import tomllib  # only for a file with a problem

            try:
                return next(iter(tomllib.loads(f"{raw} = 0")))
            except (tomllib.TOMLDecodeError, StopIteration):
                return raw[1:-1]
        while not self.at_end() and self.peek() in _BARE_KEY:
            self.advance()
        if self.pos == start:
            # Not a key at all; step over one character so the scan moves on.
            self.advance()
        return self.source[start : self.pos]

    def dotted_key(self) -> list[str]:
        parts = [self.key_part()]
        self.skip_spaces()
        while self.peek() == ".":
            self.advance()
            self.skip_spaces()
            parts.append(self.key_part())
            self.skip_spaces()
        return parts

    # -- documents -------------------------------------------------------

    def scan(self) -> None:
        current: Key = ()
        while True:
            self.skip_blank()
            if self.at_end():
                return
            if self.peek() == "[":
                current = self.header()
            else:
                self.key_value(current)
            # Whatever follows on the line (a comment) is skipped next round.

    def header(self) -> Key:
        line = self.line
        is_array = self.peek(2) == "[["
        self.advance(2 if is_array else 1)
        self.skip_spaces()
        parts = self.dotted_key()
        self.skip_spaces()
        self.advance(2 if is_array else 1)
        key: Key = ()
        for part in parts[:-1]:
            key += (part,)
            count = self.array_counts.get(key)
            if count:
                key += (count - 1,)
        key += (parts[-1],)
        if is_array:
            count = self.array_counts.get(key, 0)
            self.array_counts[key] = count + 1
            self.record(key, line)
            key += (count,)
        self.record(key, line)
        return key

    def key_value(self, table: Key) -> None:
        line = self.line
        parts = self.dotted_key()
        key = table
        for part in parts:
            key += (part,)
            self.record(key, line)
        self.skip_spaces()
        if self.peek() == "=":
            self.advance()
        self.skip_spaces()
        self.value(key)

    def value(self, key: Key) -> None:
        ch = self.peek()
        if ch in ('"', "'"):
            self.skip_string()
        elif ch == "[":
            self.array(key)
        elif ch == "{":
            self.inline_table(key)
        else:
            start = self.pos
            while not self.at_end() and self.peek() not in _SCALAR_END:
                self.advance()
            if self.pos == start and not self.at_end() and self.peek() != "\n":
                self.advance()

    def array(self, key: Key) -> None:
        self.advance()
        index = 0
        while True:
            self.skip_blank()
            if self.at_end():
                return
            if self.peek() == "]":
                self.advance()
                return
            if self.peek() == ",":
                self.advance()
                continue
            start = self.pos
            self.record((*key, index), self.line)
            self.value((*key, index))
            index += 1
            if self.pos == start:
                self.advance()

    def inline_table(self, key: Key) -> None:
        self.advance()
        while True:
            self.skip_blank()
            if self.at_end():
                return
            if self.peek() == "}":
                self.advance()
                return
            if self.peek() == ",":
                self.advance()
                continue
            start = self.pos
            self.key_value(key)
            if self.pos == start:
                self.advance()
