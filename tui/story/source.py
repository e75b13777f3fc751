"""Reading a story file's bytes into text, refusing what is not text.

``read_text`` checks the file (exists, is a regular file, is readable, is not
too large, is not empty, is not binary) and decodes it: UTF-8 (a BOM is
dropped), or Windows-1256 for older Arabic files, with a notice saying so.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import NamedTuple

from tui.story.errors import StoryError

MAX_BYTES = 32 * 1024 * 1024
MAX_SIZE_TEXT = "32 MiB"

WINDOWS_1256_NOTICE = "read as Windows-1256, not UTF-8"

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
# Control characters (Unicode category Cc) other than those text files
# legitimately hold: TAB, LF, FF, CR.
_LINE_ENDS = re.compile(rb"\r\n|\r|\n")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Enough text to tell Arabic from another language.
_SAMPLE = 1 << 20
_MIN_ARABIC_LETTERS = 3
# More than this share of control characters means the file is not text.
_MAX_CONTROL_SHARE = 0.1


class SourceText(NamedTuple):
    """A file's text as decoded (not yet cleaned), and what to tell the reader."""

    text: str
    notices: tuple[str, ...]


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as the user wrote it, for messages."""
    return os.fspath(path)


def _line_at(data: bytes, offset: int) -> int:
    # CR LF, a lone CR and LF all end a line, as they do for clean_text.
    return len(_LINE_ENDS.findall(data, 0, offset)) + 1


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    # Counted, not removed: a copy of the whole text would double the
    # loader's memory for a moment (10 MB more on a 10 MB story).
    return control_count(text) / len(text)


#: the C0 controls _CONTROLS counts (NUL is refused before), as UTF-8 bytes
_C0_BYTES = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
#: bytes of UTF-8 counted at a time (a slice is copied once)
_SLICE = 1 << 20


def _mostly_controls(text: str, utf8: bytes | None) -> bool:
    """Whether more than ``_MAX_CONTROL_SHARE`` of ``text`` are control characters.

    ``utf8``: the bytes ``text`` was decoded from, when UTF-8. Their C0 controls
    are counted with ``bytes.translate`` a slice at a time, and every C1 control
    (0xC2 0x80-0x9F in UTF-8) is bounded by the count of 0xC2 bytes: ~7 ms for
    10 MB where a search of the text takes ~18. The text is searched only when
    that bound passes the share.
    """
    if not text:
        return False
    if utf8 is not None:
        bound = utf8.count(b"\xc2")
        for start in range(0, len(utf8), _SLICE):
            piece = utf8[start : start + _SLICE]
            bound += len(piece) - len(piece.translate(None, _C0_BYTES))
        if bound <= _MAX_CONTROL_SHARE * len(text):
            return False
    return _control_share(text) > _MAX_CONTROL_SHARE


def _is_windows_1256_arabic(data: bytes, text: str) -> bool:
    """Whether ``text`` (``data`` decoded as Windows-1256) is Arabic in that encoding."""
    # Windows-1256 decodes any byte string, so decoding proves nothing. UTF-8
    # with a few broken bytes is not Windows-1256: its non-ASCII bytes mostly
    # still form valid UTF-8 sequences, which Windows-1256 Arabic rarely does.
    as_utf8 = data[:_SAMPLE].decode("utf-8", errors="replace")
    broken = as_utf8.count("\ufffd")
    valid = sum(1 for ch in as_utf8 if ord(ch) >= 0x80) - broken
    if valid >= broken:
        return False
    # And the text must read as Arabic: a few Arabic letters at least, and
    # most non-ASCII letters Arabic (not, say, French in Windows-1252).
    arabic = 0
    other = 0
    for ch in text[:_SAMPLE]:
        if ord(ch) < 0x80 or not unicodedata.category(ch).startswith("L"):
            continue
        if 0x0600 <= ord(ch) <= 0x06FF:
            arabic += 1
        else:
            other += 1
    return arabic >= _MIN_ARABIC_LETTERS and arabic >= 2 * other


def _read_bytes(path: str | os.PathLike[str], shown: str) -> bytes:
    file_path = Path(path)
    try:
        info = file_path.stat()
    except FileNotFoundError:
        raise StoryError.single(
            shown, "a story file", "nothing: there is no such file or directory"
        ) from None
    except PermissionError:
        raise StoryError.single(
            shown, "a readable file", "permission denied (cannot reach it)"
        ) from None
    except OSError as error:
        raise StoryError.single(shown, "a readable file", error.strerror or str(error)) from None
    except ValueError:  # a NUL byte in the name: no file can have it
        raise StoryError.single(shown, "a file name", "a name with a NUL byte") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoryError.single(shown, "a story file", "a directory")
    if not stat.S_ISREG(info.st_mode):
        raise StoryError.single(shown, "a regular file", "a device, pipe or socket")
    if info.st_size > MAX_BYTES:
        raise StoryError.single(
            shown,
            f"a file of at most {MAX_SIZE_TEXT}",
            f"{info.st_size:,} bytes",
        )
    try:
        with file_path.open("rb") as stream:
            # Read what the file holds, plus one byte to see it did not
            # grow past the limit: read(MAX_BYTES + 1) would allocate 32 MiB
            # for every story.
            data = stream.read(min(info.st_size, MAX_BYTES) + 1)
    except PermissionError:
        raise StoryError.single(shown, "a readable file", "permission denied") from None
    except OSError as error:
        raise StoryError.single(shown, "a readable file", error.strerror or str(error)) from None
    if len(data) > MAX_BYTES:
        # The file grew between stat and read.
        raise StoryError.single(shown, f"a file of at most {MAX_SIZE_TEXT}", "a larger file")
    return data


def read_text(path: str | os.PathLike[str]) -> SourceText:
    """The text of the file at ``path``; ``StoryError`` if it is not a text file."""
    shown = display_path(path)
    data = _read_bytes(path, shown)
    # Offsets in messages count from the start of the file, BOM included.
    skipped = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    data = data[skipped:]
    for bom, name in _OTHER_BOMS:
        if data.startswith(bom):
            raise StoryError.single(
                shown,
                "UTF-8 text",
                f"{name} (the file starts with a {name} byte order mark); save it as UTF-8",
                line=1,
            )
    if not data or data.isspace():  # as data.strip() would say, without a copy of it
        raise StoryError.single(shown, "a story", "an empty file")
    nul = data.find(b"\0")
    if nul >= 0:
        raise StoryError.single(
            shown,
            "text",
            f"binary data (a NUL byte at offset {skipped + nul})",
            line=_line_at(data, nul),
        )
    notices: tuple[str, ...] = ()
    utf8: bytes | None = data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8 = None
        fallback = data.decode("cp1256", errors="replace")
        if _control_share(fallback) > _MAX_CONTROL_SHARE:
            raise StoryError.single(
                shown, "text", "binary data (mostly control bytes)", line=1
            ) from None
        if "\ufffd" in fallback or not _is_windows_1256_arabic(data, fallback):
            bad = data[error.start]
            raise StoryError.single(
                shown,
                "UTF-8 text",
                f"byte 0x{bad:02X} at offset {skipped + error.start}, which is not UTF-8"
                " (nor Windows-1256 Arabic)",
                line=_line_at(data, error.start),
            ) from None
        text = fallback
        notices = (WINDOWS_1256_NOTICE,)
    if _mostly_controls(text, utf8):
        raise StoryError.single(shown, "text", "binary data (mostly control characters)", line=1)
    return SourceText(text, notices)


def control_count(text: str) -> int:
    """The control characters in ``text`` that make a file look binary (for a
    file read in pieces: ``is_mostly_control`` judges their sum)."""
    return len(_CONTROLS.findall(text))


def is_mostly_control(controls: int, length: int) -> bool:
    """Whether ``controls`` control characters in ``length`` make a text binary,
    as ``read_text`` judges a whole file."""
    return length > 0 and controls / length > _MAX_CONTROL_SHARE
