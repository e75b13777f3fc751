"""Stories kept once loaded, so that opening the same file again costs one read.

``load_story`` checks and assembles the whole file before the reader opens
(a bad file gets one sentence, never a half-open reader): ~160 ms for a
10 MB story, ~200 ms for 10,000 events and quotes, and for the bundled story
a few milliseconds plus the loader's imports. What it makes is plain values
(named tuples of strings and numbers), so the reader keeps them in the XDG
cache folder (``$XDG_CACHE_HOME/rawi/stories``) as a ``marshal`` record once
its first frame is out, and ``cached_story`` reads that record back the next
time the same file is opened: tens of milliseconds for 10 MB.

A record is used only for the same file, unchanged, read by the same loader:
its key holds the file's real path, device, inode, size and modification
time, the Python version, and the size and time of every module of
``tui/story`` and of ``tui/rtl/sanitize.py`` (a new Rawi, or a changed
loader in a source checkout, never reads an old record). A story that came
with notices (a file read as Windows-1256, an article not found) is not kept:
a notice may stop being true without the story file changing. The article a
story names is looked for again on every hit.

Like Python's bytecode cache, the folder is the user's own and its records
are trusted as the user's own files; like Rawi's state, they are disposable:
a record that cannot be read, is not a regular file, or does not match is
ignored (and replaced the next time), with no notice, since nothing the
reader chose is lost. Records are written whole (a new file renamed over
the old), never through a symlink, and the folder keeps the
``MAX_RECORDS`` most recent within ``MAX_BYTES``.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui.locations import cache_dir
from tui.story.model import (
    Anchor,
    Block,
    Chapter,
    Era,
    Image,
    Paragraph,
    Place,
    Quote,
    Span,
    Story,
    TimelineEvent,
)

#: the layout of a record; a change of layout changes it
FORMAT = 1
#: how many records the folder keeps, and how many bytes at most
MAX_RECORDS = 16
MAX_BYTES = 256 * 1024 * 1024

_SUFFIX = ".story"
#: bytes of the length before each part of a record
_LENGTH = 8
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_HERE = Path(__file__).resolve().parent


def _loader_stamp() -> list[object]:
    # The modules that decide what a file loads as: a changed one (an
    # upgrade, an edit in a source checkout) makes every old key unmatched.
    files = [_HERE.parent / "rtl" / "sanitize.py"]
    with os.scandir(_HERE) as entries:
        files += [Path(entry.path) for entry in entries if entry.name.endswith(".py")]
    stamp: list[object] = []
    for file in sorted(files):
        info = file.stat()
        stamp += [file.name, info.st_size, info.st_mtime_ns]
    return stamp


def story_key(path: Path) -> str | None:
    """The key of the file at ``path`` as it is now; None when it cannot be examined."""
    try:
        real = os.path.realpath(path)
        info = os.stat(real)
        stamp = _loader_stamp()
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode) or not os.access(real, os.R_OK):
        return None  # what the loader cannot read, it must say so
    return repr(
        (
            FORMAT,
            sys.version_info[:3],
            real,
            info.st_dev,
            info.st_ino,
            info.st_size,
            info.st_mtime_ns,
            stamp,
        )
    )


def _record_path(folder: Path, key: str) -> Path:
    # A name from the key (which the record holds too: a clash of names is
    # a miss, never another story). zlib is loaded already, hashlib is not.
    data = key.encode("utf-8", "surrogatepass")
    return folder / f"{zlib.crc32(data):08x}{zlib.crc32(data[::-1]):08x}{len(data):x}{_SUFFIX}"


# -- a story as plain values, and back ---------------------------------------


def _anchor(anchor: Anchor | None) -> tuple[Any, ...] | None:
    return None if anchor is None else tuple(anchor)


def _span(span: Span | None) -> tuple[Any, ...] | None:
    return None if span is None else tuple(span)


def record_parts(story: Story, path: Path) -> Iterator[tuple[Any, ...]]:
    """``story`` as tuples of strings and numbers, a part at a time.

    One part per chapter: ``marshal`` makes a part's bytes whole before they
    are written, and a 10 MB story written as one would cost 10 MB more at
    its peak.
    """
    article = None
    if story.article is not None:
        article = os.path.relpath(story.article, path.parent)
    yield (
        story.title,
        story.title_en,
        story.language,
        story.direction,
        story.source_url,
        story.source_name,
        article,
        len(story.chapters),
    )
    for c in story.chapters:
        yield (c.id, c.number, c.title, c.title_en, tuple(tuple(block) for block in c.blocks))
    yield tuple((*event[:6], tuple(event.anchor)) for event in story.timeline)
    yield tuple((*quote[:4], tuple(quote.anchor)) for quote in story.quotes)
    yield tuple((*era[:3], tuple(era.span), _anchor(era.anchor)) for era in story.eras)
    yield tuple((*place[:5], tuple(place.anchor), _span(place.span)) for place in story.places)


def _block(values: tuple[Any, ...]) -> Block:
    return Paragraph(*values) if len(values) == 2 else Image(*values)


def story_from_parts(parts: Iterator[Any], path: Path) -> Story:
    """The story ``record_parts`` gave ``parts`` of, read from the file at ``path``.

    Raises ValueError (or TypeError) when the parts are not such a story's.
    """
    header = next(parts)
    title, title_en, language, direction, source_url, source_name, article, count = header
    chapters = []
    for _ in range(count):
        ident, number, chapter_title, chapter_title_en, blocks = next(parts)
        chapters.append(
            Chapter(ident, number, chapter_title, chapter_title_en, tuple(map(_block, blocks)))
        )
    timeline, quotes, eras, places = next(parts), next(parts), next(parts), next(parts)
    if next(parts, None) is not None:
        raise ValueError("more parts than a story has")
    return Story(
        title=title,
        title_en=title_en,
        language=language,
        direction=direction,
        source_url=source_url,
        source_name=source_name,
        chapters=tuple(chapters),
        timeline=tuple(
            TimelineEvent(ident, year, month, approximate, label, label_en, Anchor(*anchor))
            for ident, year, month, approximate, label, label_en, anchor in timeline
        ),
        quotes=tuple(
            Quote(ident, text, speaker, speaker_en, Anchor(*anchor))
            for ident, text, speaker, speaker_en, anchor in quotes
        ),
        path=path,
        article=None if article is None else path.parent / article,
        eras=tuple(
            Era._make((*rest, Span(*span), None if anchor is None else Anchor(*anchor)))
            for *rest, span, anchor in eras
        ),
        places=tuple(
            Place._make((*rest, Anchor(*anchor), None if span is None else Span(*span)))
            for *rest, anchor, span in places
        ),
    )


def _pack(value: tuple[Any, ...] | str) -> bytes:
    data = marshal.dumps(value)
    return len(data).to_bytes(_LENGTH, "little") + data


def _unpack(data: bytes) -> Iterator[Any]:
    """The values ``_pack`` wrote one after another; ValueError if cut short."""
    view = memoryview(data)
    at = 0
    while at < len(view):
        end = at + _LENGTH + int.from_bytes(view[at : at + _LENGTH], "little")
        if end > len(view):
            raise ValueError("a record cut short")
        yield marshal.loads(view[at + _LENGTH : end])
        at = end


# -- reading and writing ---------------------------------------------------------


def _read_record(file: Path) -> bytes | None:
    # Not blocking, not through a symlink, a regular file only: the folder is
    # the user's, but what sits there may not be what Rawi left.
    try:
        descriptor = os.open(file, os.O_RDONLY | _NONBLOCK | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return stream.read()
    except OSError:
        return None
    finally:
        os.close(descriptor)


def cached_story(path: Path) -> tuple[Story | None, str | None]:
    """The story kept for the file at ``path`` if it is still that file's, and its key.

    The key (None when the file cannot be examined) is what ``keep_story``
    needs to keep the story loaded on a miss.
    """
    key = story_key(path)
    if key is None:
        return None, None
    try:
        file = _record_path(cache_dir(), key)
        data = _read_record(file)
    except (OSError, ValueError):
        return None, key
    if data is None:
        return None, key
    try:
        parts = _unpack(data)
        if next(parts, None) != key:
            return None, key
        story = story_from_parts(parts, path)
    except (EOFError, ValueError, TypeError, StopIteration):
        return None, key
    if story.article is not None and not story.article.is_file():
        return None, key  # the article is gone: the loader says so
    with contextlib.suppress(OSError):
        os.utime(file)  # the most recently read are the last trimmed
    return story, key


def keep_story(story: Story, path: Path, key: str) -> None:
    """Keep ``story`` (loaded from ``path`` when its key was ``key``); never raises OSError."""
    if story.notices or story.read_rest() is not None:
        return  # a notice may stop being true; a story with problems is no story
    with contextlib.suppress(OSError, ValueError):
        _write(story, path, key)


def _write(story: Story, path: Path, key: str) -> None:
    if story_key(path) != key:
        return  # the file changed while it was read: keep nothing
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = _record_path(folder, key)
    import tempfile

    descriptor, name = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(_pack(key))
            for part in record_parts(story, path):
                stream.write(_pack(part))
        # A rename replaces a symlink at the target; it never writes through it.
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    _trim(folder, target)


def _trim(folder: Path, newest: Path) -> None:
    records: list[tuple[int, int, Path]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(_SUFFIX) and entry.is_file(follow_symlinks=False):
                info = entry.stat(follow_symlinks=False)
                records.append((info.st_mtime_ns, info.st_size, Path(entry.path)))
    records.sort(reverse=True)
    total = 0
    for count, (_, size, record) in enumerate(records, start=1):
        total += size
        if record != newest and (count > MAX_RECORDS or total > MAX_BYTES):
            with contextlib.suppress(OSError):
                record.unlink()
