"""Every way a story or text file can be wrong: one line, exit status 2, no traceback.

A corpus of bad files is written in ``tmp_path``; each is opened through the
command, under a real pseudo-terminal, both in print mode and as the app.
The app must refuse the file before the screen opens: nothing but the one
line reaches the terminal (no alternate screen, no BiDi mode switch).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.hostile_content import ARABIC_MARKER, ARABIC_MARKER_SHAPED
from tests.hostile.ptyrun import (
    ALT_SCREEN_OFF,
    ALT_SCREEN_ON,
    Terminal,
    rawi_command,
    run_to_end,
    terminal_lines,
)
from tests.stories import VALID
from tui.story.source import MAX_BYTES

# A valid story; the cases change one thing in it. Line numbers:
#  1 [story]  2 title  3 language  5 [[chapters]]  6 id  7 title
#  9 [[chapters.blocks]]  10 id  11 text

# Appended to VALID: lines 13 [[timeline]] 14 id 15 year 16 label 17 paragraph 18 phrase.
EVENT = """
[[timeline]]
id = "born"
year = 1974
label = "الولادة"
paragraph = "p1"
phrase = "{phrase}"
"""


@dataclass(frozen=True)
class BadFile:
    """A file that must be refused, and the message (after ``rawi: ``) it must give."""

    name: str
    make: Callable[[Path], Path | str]
    #: the message, ``{path}`` standing for the path as given on the command line (one
    #: line per problem, as compilers report: FILE:LINE: field: expected ...); or a
    #: pattern the whole line must match, where the wording is not settled
    message: str | re.Pattern[str]
    #: a problem of the sections only (timeline, quotes, eras, places): the
    #: reader opens, then closes with it (they are read after the first frame)
    late: bool = False

    def check(self, lines: list[str], path: str) -> None:
        """``lines`` (the terminal's) are this file's message, one line per problem."""
        if isinstance(self.message, re.Pattern):
            assert len(lines) == 1, lines
            assert self.message.fullmatch(lines[0]), lines[0]
        else:
            assert lines == self.message.format(path=path).split("\n")


def text_file(name: str, text: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return make


def byte_file(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def missing(folder: Path) -> Path:
    return folder / "nowhere.toml"


def directory(folder: Path) -> Path:
    path = folder / "chapters.toml"
    path.mkdir()
    return path


def fifo(folder: Path) -> Path:
    # Reading a named pipe would wait for a writer forever.
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def symlink_loop(folder: Path) -> Path:
    path = folder / "loop.toml"
    path.symlink_to(path.name)
    return path


def too_large(folder: Path) -> Path:
    # Sparse: the limit is checked from the size, before a byte is read.
    path = folder / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    return path


def empty_argument(folder: Path) -> str:
    # `rawi "$STORY"` with STORY unset: a path was given, and it is empty; it must
    # not open the bundled story as if none had been named.
    return ""


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
ARABIC_TEXT = f"عنوان\n\nسافر إلى {ARABIC_MARKER} ثم عاد.\n"
NOT_UTF8 = "expected UTF-8 text, got byte 0x{byte:02X} at offset {offset}, which is not UTF-8"

UNKNOWN_X = "{path}:12: chapters[1].blocks[1].x: expected one of id, text, got an unknown key"

BAD_FILES = [
    BadFile(
        "missing path",
        missing,
        "{path}: expected a story file, got nothing: there is no such file or directory",
    ),
    BadFile("directory", directory, "{path}: expected a story file, got a directory"),
    BadFile("named pipe", fifo, "{path}: expected a regular file, got a device, pipe or socket"),
    BadFile(
        "symlink loop",
        symlink_loop,
        "{path}: expected a readable file, got Too many levels of symbolic links",
    ),
    BadFile(
        "empty file", text_file("empty.toml", ""), "{path}: expected a story, got an empty file"
    ),
    BadFile(
        "only a BOM and blank lines",
        byte_file("bom.txt", b"\xef\xbb\xbf\n \n\t\n"),
        "{path}: expected a story, got an empty file",
    ),
    BadFile(
        "binary file (a PNG image)",
        # NUL at offset 8, after the CR LF and the LF of the PNG signature: line 3.
        byte_file("image.txt", PNG),
        "{path}:3: expected text, got binary data (a NUL byte at offset 8)",
    ),
    BadFile(
        "NUL bytes in a story",
        byte_file("nul.toml", VALID.encode() + b"\x00tail"),
        f"{{path}}:12: expected text, got binary data (a NUL byte at offset {len(VALID.encode())})",
    ),
    BadFile(
        "mostly control characters",
        byte_file("controls.txt", bytes(range(1, 32)) * 20),
        "{path}:1: expected text, got binary data (mostly control characters)",
    ),
    BadFile(
        "UTF-16 with a BOM",
        byte_file("utf16.txt", ARABIC_TEXT.encode("utf-16")),
        "{path}:1: expected UTF-8 text, got UTF-16 (the file starts with a UTF-16 byte"
        " order mark); save it as UTF-8",
    ),
    BadFile(
        "Latin-1 (not UTF-8, not Arabic)",
        byte_file("latin1.txt", b"Titre\n\nUn caf\xe9 au bord de l'eau.\n"),
        "{path}:3: " + NOT_UTF8.format(byte=0xE9, offset=13) + " (nor Windows-1256 Arabic)",
    ),
    BadFile(
        "UTF-8 Arabic cut in the middle of a letter",
        byte_file("cut.txt", ARABIC_TEXT.encode()[:-5]),
        # The text ends "عاد.\n": cutting 5 bytes leaves the first byte of ا (D8 A7).
        "{path}:3: "
        + NOT_UTF8.format(byte=0xD8, offset=len(ARABIC_TEXT.encode()) - 6)
        + " (nor Windows-1256 Arabic)",
    ),
    BadFile(
        "malformed TOML",
        text_file("syntax.toml", VALID.replace('title = "البداية"', 'title "البداية"')),
        "{path}:7: expected valid TOML, got a syntax error at column 7: expected '='"
        " after a key in a key/value pair",
    ),
    BadFile(
        "malformed TOML with CR LF line ends",
        text_file(
            "crlf.toml", VALID.replace('title = "البداية"', 'title "البداية"').replace("\n", "\r\n")
        ),
        "{path}:7: expected valid TOML, got a syntax error at column 7: expected '='"
        " after a key in a key/value pair",
    ),
    BadFile(
        "TOML nested too deeply",
        text_file("deep.toml", "a = " + "[" * 50_000 + "]" * 50_000 + "\n"),
        "{path}:1: expected arrays and inline tables nested at most 32 deep, got deeper nesting",
    ),
    BadFile(
        "wrong type: an integer for text",
        text_file("type.toml", VALID.replace('text = "ولد', 'text = 5\nx = "ولد')),
        "{path}:11: chapters[1].blocks[1].text: expected a non-empty string, got an"
        " integer (5)\n" + UNKNOWN_X,
    ),
    BadFile(
        "wrong type: a date for text",
        text_file("date.toml", VALID.replace('text = "ولد', 'text = 1993-05-27\nx = "ولد')),
        "{path}:11: chapters[1].blocks[1].text: expected a non-empty string, got a date\n"
        + UNKNOWN_X,
    ),
    BadFile(
        "missing field",
        text_file("missing.toml", VALID.replace('title = "البداية"\n', "")),
        "{path}:5: chapters[1].title: expected a non-empty string, got nothing (the key"
        " is missing)",
    ),
    BadFile(
        "duplicate id",
        text_file("dup.toml", VALID + '\n[[chapters.blocks]]\nid = "p1"\ntext = "ثانية"\n'),
        "{path}:14: chapters[1].blocks[2].id: expected an id not used before in the"
        ' story, got "p1" again (first used on line 10)',
    ),
    BadFile(
        "unresolved anchor: a phrase not in the paragraph",
        text_file("phrase.toml", VALID + EVENT.format(phrase="سنة 1975")),
        '{path}:18: timeline[1].phrase: expected words that occur in paragraph p1, got "سنة'
        ' 1975", which does not',
        late=True,
    ),
    BadFile(
        "unresolved anchor: a paragraph that does not exist",
        text_file(
            "paragraph.toml",
            VALID + EVENT.format(phrase="سنة 1974").replace('paragraph = "p1"', 'paragraph = "p9"'),
        ),
        '{path}:17: timeline[1].paragraph: expected the id of a paragraph, got "p9",'
        " which no paragraph has",
        late=True,
    ),
    BadFile(
        "too large",
        too_large,
        f"{{path}}: expected a file of at most {MAX_BYTES // 2**20} MiB, got {MAX_BYTES + 1:,}"
        " bytes",
    ),
    BadFile(
        "an empty path on the command line",
        empty_argument,
        re.compile(r'rawi: expected a story file, got an empty argument \(""\)'),
    ),
]


@pytest.mark.parametrize("bad", BAD_FILES, ids=[bad.name for bad in BAD_FILES])
def test_bad_file_in_print_mode(tmp_path: Path, bad: BadFile) -> None:
    path = bad.make(tmp_path)
    status, terminal, stdout = run_to_end(
        rawi_command("--print", str(path)), tmp_path / "state", stdout_to_pipe=True
    )
    assert (status, stdout) == (2, b"")
    bad.check(terminal_lines(terminal), str(path))


@pytest.mark.parametrize("bad", BAD_FILES, ids=[bad.name for bad in BAD_FILES])
def test_bad_file_in_the_app(tmp_path: Path, bad: BadFile) -> None:
    path = bad.make(tmp_path)
    # A refused file ends the program at once; an app that opened would wait for a key.
    status, terminal, _ = run_to_end(rawi_command(str(path)), tmp_path / "state")
    assert status == 2
    if bad.late:
        # The screen opened and was given back; then the one line, nothing after it.
        assert terminal.count(ALT_SCREEN_ON) == terminal.count(ALT_SCREEN_OFF) == 1
        terminal = terminal[terminal.index(ALT_SCREEN_OFF) + len(ALT_SCREEN_OFF) :]
        # What follows the screen's restoring sequences is only the message.
        terminal = re.sub(rb"^(?:\x1b\[[0-9;?]*[A-Za-z])+", b"", terminal)
    # Refused before the screen opens: the one line and nothing else, not a sequence.
    assert ALT_SCREEN_ON not in terminal
    assert b"\x1b" not in terminal
    bad.check(terminal_lines(terminal), str(path))


# -- Windows-1256: not an error, a notice ---------------------------------------------


def windows_1256_article(folder: Path) -> Path:
    path = folder / "old.txt"
    path.write_bytes(ARABIC_TEXT.encode("cp1256"))
    return path


def test_windows_1256_in_print_mode(tmp_path: Path) -> None:
    path = windows_1256_article(tmp_path)
    status, terminal, stdout = run_to_end(
        rawi_command("--print", str(path)), tmp_path / "state", stdout_to_pipe=True
    )
    assert status == 0
    assert terminal_lines(terminal) == ["rawi: read as Windows-1256, not UTF-8"]
    assert ARABIC_MARKER_SHAPED in stdout.decode("utf-8")


def test_windows_1256_in_the_app(tmp_path: Path) -> None:
    path = windows_1256_article(tmp_path)
    with Terminal(rawi_command(str(path)), tmp_path / "state") as terminal:
        start = terminal.wait_for(ALT_SCREEN_ON)
        terminal.wait_for(b"Windows-1256", after=start)
        terminal.wait_for(ARABIC_MARKER_SHAPED.encode(), after=start)
        terminal.send(b"q")
        assert terminal.wait() == 0
        assert b"Traceback" not in terminal.output
