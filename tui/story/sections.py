"""A story file read one top-level section at a time, never whole.

``SectionReader(path).sections()`` reads the file in blocks of whole lines
and cuts it before its top-level table headers: the ``[story]`` table, a
run of ``[[chapters]]`` (each with its ``[[chapters.blocks]]``), a run of
``[[timeline]]``, ``[[quotes]]``, ``[[eras]]`` and ``[[places]]`` entries. Each section is
parsed by ``tui.story.toml_fast`` on its own and given as a ``FileSection``,
then forgotten: a 10 MB story costs the memory of its largest section, not
of its text (print mode, ``tui.story.streaming``).

Only files that ``load_story`` would read the same way section by section
are read so: UTF-8, within the size and control-character limits of
``tui.story.source``, in the subset ``toml_fast`` reads, with only the
headers above. Anything else raises ``Unstreamable`` (the caller reads the
file whole, as before, and gets the same story or the same errors): a
header the sections cannot hold, a section ``toml_fast`` declines, a byte
that is not UTF-8. Lines inside multi-line strings are never taken for
headers; if a cut ever fell inside a string, the section before it would
hold an unclosed string, which ``toml_fast`` declines.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple

from tui.story import toml_fast, toml_limits
from tui.story.assembly import SECTIONS
from tui.story.source import MAX_BYTES, control_count, is_mostly_control

Table = dict[str, object]
SectionKind = Literal["preamble", "story", "chapters", "entries"]

#: a run of chapters or entries is cut before its next header once it holds
#: this many characters: a few pages parsed at a time, whatever the story
SECTION_CHARACTERS = 1 << 16

#: bytes read at a time (then cut back to the last line end)
_BLOCK = 1 << 18
_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
# The header forms toml_fast reads: [name], [[name]], [[name.part]].
_HEADER = re.compile(
    r"[ \t]*\[(?P<array>\[)?[ \t]*(?P<name>[A-Za-z0-9_-]+)"
    r"(?:[ \t]*\.[ \t]*(?P<part>[A-Za-z0-9_-]+))?[ \t]*\](?P<closed>\])?"
)
# What matters at the start of a line: a header, or a key whose value
# opens a multi-line string (whose lines are then no headers).
_LINE_EVENT = re.compile(
    r"^[ \t]*+(?:(?P<header>\[)|[A-Za-z0-9_-]++[ \t]*+=[ \t]*+(?P<quotes>'''|\"\"\"))", re.M
)
# The rest of a multi-line basic string up to its closing quotes, escapes
# stepped over (a backslash before a quote does not close it).
_BASIC_CLOSES = re.compile(r'(?:[^"\\]++|\\[\s\S]|"(?!""))*+"""')
_ENTRIES = frozenset(section.key for section in SECTIONS)


class Unstreamable(Exception):
    """The file cannot be read section by section: read it whole (``load_story``)."""


class FileChanged(Exception):
    """The file is not the one read before (its size, time or inode changed)."""


class Fingerprint(NamedTuple):
    """What identifies a file's contents between two readings."""

    device: int
    inode: int
    size: int
    modified_ns: int


class FileSection(NamedTuple):
    """One section as ``tomllib`` would give it: ``{"chapters": [...]}``,
    ``{"story": {...}}``, ``{"timeline": [...], "quotes": [...]}`` ...

    ``clean`` says that no string in it needs ``clean_text``.
    """

    kind: SectionKind
    data: Table
    clean: bool


def fingerprint_of(info: os.stat_result) -> Fingerprint:
    """The fingerprint of a file from its ``stat``."""
    return Fingerprint(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class SectionReader:
    """Reads the sections of the story file at ``path``, in file order.

    ``sections()`` gives every section, or only those of ``kinds`` (the
    others are not parsed; the limits on tables and keys are checked only
    when every section is); it raises ``Unstreamable`` if the file must be
    read whole, ``FileChanged`` if its fingerprint is not ``expected``.
    ``fingerprint`` is the file's, once ``sections()`` has opened it.
    """

    def __init__(
        self,
        path: Path,
        expected: Fingerprint | None = None,
        kinds: frozenset[SectionKind] | None = None,
    ) -> None:
        self.path = path
        self.expected = expected
        self.kinds = kinds
        self.fingerprint: Fingerprint | None = None

    def sections(self) -> Iterator[FileSection]:
        """The file's sections, each parsed, one at a time."""
        try:
            # A pipe or a device is refused before it is opened (opening a
            # pipe waits for a writer): load_story says what it is.
            if not stat.S_ISREG(self.path.stat().st_mode):
                raise Unstreamable
            stream = self.path.open("rb")
        except (OSError, ValueError):
            raise Unstreamable from None  # load_story says why it cannot be read
        with stream:
            info = os.fstat(stream.fileno())
            self.fingerprint = fingerprint_of(info)
            if self.expected is not None and self.fingerprint != self.expected:
                raise FileChanged
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                raise Unstreamable
            yield from _Cutter(self.kinds).sections(stream, self.fingerprint)


def _header_kind(line: str) -> SectionKind | None:
    """The kind of section a header line starts; ``None`` for ``[[chapters.blocks]]``."""
    match = _HEADER.match(line)
    if match is None or bool(match["array"]) != bool(match["closed"]):
        raise Unstreamable
    array, name, part = match["array"], match["name"], match["part"]
    if not array and name == "story" and part is None:
        return "story"
    if array and name == "chapters":
        if part is None:
            return "chapters"
        if part == "blocks":
            return None
    if array and name in _ENTRIES and part is None:
        return "entries"
    raise Unstreamable  # another table: load_story reports it, or reads it


def _count_keys(table: Table) -> int:
    """The ``key = value`` lines of a parsed section (what toml_limits counts)."""
    keys = 0
    for value in table.values():
        if type(value) is list:
            keys += sum(_count_keys(item) for item in value)
        else:
            keys += 1
    return keys


def _blocks(stream: BinaryIO, fingerprint: Fingerprint) -> Iterator[str]:
    """The file's text in blocks of whole lines, decoded and checked as
    ``read_text`` would; ``Unstreamable`` for what it would not read as UTF-8,
    ``FileChanged`` as soon as the file is written to while it is read."""
    # The start of a line read but not yet ended (a long line: several reads).
    pending: list[bytes] = []
    first = True
    size = controls = length = 0
    while True:
        chunk = stream.read(_BLOCK)
        if fingerprint_of(os.fstat(stream.fileno())) != fingerprint:
            raise FileChanged
        if chunk:
            # Whole lines: a character, a CR LF or a closing """ is never cut.
            end = chunk.rfind(b"\n") + 1
            if end == 0:
                pending.append(chunk)
                continue
            data = b"".join([*pending, chunk[:end]])
            pending = [chunk[end:]]
        else:
            data = b"".join(pending)
        if first:
            first = False
            if data.startswith(_UTF8_BOM):
                data = data[len(_UTF8_BOM) :]
            elif data.startswith(_OTHER_BOMS):
                raise Unstreamable
        size += len(data)
        if size > MAX_BYTES or b"\0" in data:
            raise Unstreamable
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise Unstreamable from None
        length += len(text)
        controls += control_count(text)
        if "\r" in text:
            # As toml_fast reads it: CR LF is a line end; a lone CR is
            # something only tomllib can judge.
            text = text.replace("\r\n", "\n")
            if "\r" in text:
                raise Unstreamable
        yield text
        if not chunk:
            break
    if is_mostly_control(controls, length):
        raise Unstreamable


class _Cutter:
    """Cuts the text of a story file into sections and parses each."""

    def __init__(self, kinds: frozenset[SectionKind] | None) -> None:
        self.kinds = kinds
        self.kind: SectionKind = "preamble"
        self.pieces: list[str] = []
        #: characters of the current section in the blocks before this one
        self.characters = 0
        #: the quotes of the multi-line string the text is inside, if any
        self.inside: str | None = None
        self.tables = self.keys = self.story_tables = 0

    def sections(self, stream: BinaryIO, fingerprint: Fingerprint) -> Iterator[FileSection]:
        for text in _blocks(stream, fingerprint):
            yield from self._cut(text)
        if self._wanted():
            yield self._section()

    def _cut(self, text: str) -> Iterator[FileSection]:
        """The sections that end in this block of text; keeps the rest."""
        start = position = 0  # where the current section starts in this block
        while True:
            if self.inside is not None:
                position = self._close(text, position)
                if position < 0:
                    break  # the string goes on into the next block
            event = _LINE_EVENT.search(text, position)
            if event is None:
                break
            position = event.end()
            if event["quotes"]:
                self.inside = event["quotes"]
                continue
            at = event.start()
            line_end = text.find("\n", at)
            kind = self._header(text[at : len(text) if line_end < 0 else line_end])
            if kind is None or not self._cut_before(kind, self.characters + at - start):
                continue  # a block belongs to the chapter above it
            if self._wanted():
                self.pieces.append(text[start:at])
                yield self._section()
            self.kind = kind
            self.characters = 0
            start = at
        if self._wanted():
            self.pieces.append(text[start:])
        self.characters += len(text) - start

    def _header(self, line: str) -> SectionKind | None:
        kind = _header_kind(line)
        self.tables += 1
        if kind == "story":
            self.story_tables += 1
        return kind

    def _close(self, text: str, start: int) -> int:
        """Where the multi-line string ends, if it ends in ``text``; else -1."""
        if self.inside == "'''":
            end = text.find("'''", start)
            end = end + 3 if end >= 0 else -1
        else:
            closes = _BASIC_CLOSES.match(text, start)
            end = closes.end() if closes is not None else -1
        if end >= 0:
            self.inside = None
        return end

    def _wanted(self) -> bool:
        return self.kinds is None or self.kind in self.kinds

    def _cut_before(self, kind: SectionKind, characters: int) -> bool:
        return kind != self.kind or characters >= SECTION_CHARACTERS

    def _section(self) -> FileSection:
        text = "".join(self.pieces)
        self.pieces = []
        reading = toml_fast.read(text)
        if reading is None or self.story_tables > 1:
            raise Unstreamable
        data = reading.data
        if not _holds(self.kind, data):
            raise Unstreamable
        self.keys += _count_keys(data)
        if self.tables > toml_limits.MAX_TABLES or self.keys > toml_limits.MAX_KEYS:
            raise Unstreamable  # load_story names the limit and the line
        return FileSection(self.kind, data, reading.clean)


def _holds(kind: SectionKind, data: Table) -> bool:
    """Whether a section's data has the one shape its kind allows."""
    if kind == "preamble":
        return not data
    if kind == "story":
        return data.keys() == {"story"}
    if kind == "chapters":
        return data.keys() == {"chapters"}
    return bool(data) and data.keys() <= _ENTRIES
