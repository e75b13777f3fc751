"""Where the reader left off in each story: the resume-position store.

``Position`` is a place in a story (chapter, item, character offset of the top
line on screen). ``ResumeStore`` keeps one per story in
``<state folder>/positions.json``, keyed by ``story_key(path)``.

Saved positions are disposable: a file that cannot be read is ignored with a
sentence in ``ResumeStore.notices`` and replaced by the next save; nothing here
raises for a bad file, a missing or unwritable folder, or a full disk. Writes
are atomic (a temporary file in the same folder, then ``os.replace``) and
serialised between Rawi processes by an advisory lock, and each save merges
with what is on disk, so two readers of different stories keep both positions.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple, TypeGuard

from tui import locations
from tui.rtl.sanitize import clean_text

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; atomic replace still holds.
    _CAN_LOCK = False
else:
    _CAN_LOCK = True

POSITIONS_FILE = "positions.json"
LOCK_FILE = "positions.lock"
FORMAT_VERSION = 1
MAX_STORIES = 200
# A real file holds at most MAX_STORIES short entries (well under 100 KiB);
# anything far larger is not ours, and reading it whole would only cost memory.
MAX_FILE_BYTES = 4 * 1024 * 1024
# Another Rawi holds the lock only for one small write; waiting longer than
# this means something is wrong, and a lost position is cheaper than a hang.
LOCK_TIMEOUT_SECONDS = 5.0
_LOCK_POLL_SECONDS = 0.01

_FIELDS = ("chapter", "item", "offset")


class Position(NamedTuple):
    """A place in a story: where the top line on screen comes from."""

    chapter: int
    """0-based chapter index."""
    item: int
    """Index of the item inside the chapter (the heading is 0, then its blocks)."""
    offset: int
    """Logical character offset, in that item, of the top line on screen."""


def story_key(path: Path | None) -> str:
    """The key a story's position is saved under: its resolved absolute path.

    ``None`` stands for the story Rawi opens when none is named, so that
    ``rawi`` and ``rawi seeds/jamali.toml`` resume at the same place.
    """
    target = locations.default_story() if path is None else path
    try:
        return str(target.resolve())
    except (OSError, RuntimeError):
        # A symlink loop cannot be resolved; the absolute spelling is still
        # stable from one run to the next.
        return os.path.abspath(target)


class _Unreadable(Exception):
    """The positions file exists but cannot be used; the message says why."""


class ResumeStore:
    """Reading positions per story, in ``positions.json`` under one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        # Nothing is created here: a reader who never moves leaves no trace.
        self.folder = folder if folder is not None else locations.state_dir()
        self.notices: list[str] = []
        # Why the file was unreadable, as already told by load(): the save
        # that then replaces the file need not say it again.
        self._unreadable_told: set[str] = set()

    @property
    def path(self) -> Path:
        """The positions file."""
        return self.folder / POSITIONS_FILE

    def load(self, key: str) -> Position | None:
        """The saved position of the story ``key``, or None if there is none usable."""
        try:
            stories = self._read_stories()
        except _Unreadable as unreadable:
            self._unreadable_told.add(str(unreadable))
            self._notice(
                f"Saved reading positions in {self.path} could not be read ({unreadable}); "
                "starting from the beginning."
            )
            return None
        if stories is None or key not in stories:
            return None
        entry = stories[key]
        problem = _entry_problem(entry)
        if problem is not None:
            self._notice(
                f"The saved reading position for this story in {self.path} is unusable "
                f"({problem}); starting from the beginning."
            )
            return None
        assert isinstance(entry, dict)
        return Position(entry["chapter"], entry["item"], entry["offset"])

    def save(self, key: str, position: Position) -> bool:
        """Record ``position`` for the story ``key``; False (and a notice) if it failed."""
        if _position_problem(position) is not None:
            self._notice(
                f"The reading position {position} was not saved: "
                "its numbers must be whole numbers of at least 0."
            )
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with _exclusive_lock(self.folder / LOCK_FILE):
                stories = self._stories_to_keep()
                stories[key] = {
                    "chapter": position.chapter,
                    "item": position.item,
                    "offset": position.offset,
                    "saved": time.time(),
                }
                document = {"version": FORMAT_VERSION, "stories": _newest(stories, key)}
                _write_atomically(self.path, json.dumps(document, indent=1) + "\n")
        except (OSError, ValueError) as error:
            self._notice(
                f"The reading position could not be saved in {self.path} ({_reason(error)})."
            )
            return False
        return True

    def _read_stories(self) -> dict[str, object] | None:
        """The ``stories`` mapping on disk; None if there is no file yet."""
        try:
            with self.path.open("rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return None
        except OSError as error:
            raise _Unreadable(_reason(error)) from error
        if len(data) > MAX_FILE_BYTES:
            raise _Unreadable(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise _Unreadable("not UTF-8 text") from error
        try:
            document = json.loads(text)
        except (ValueError, RecursionError) as error:
            # RecursionError: "[[[[..." nested deeper than the parser's stack.
            raise _Unreadable("not JSON") from error
        if not isinstance(document, dict):
            raise _Unreadable(f"a JSON {_json_kind(document)}, not an object")
        version = document.get("version")
        if type(version) is not int or version != FORMAT_VERSION:
            found = "no format version" if version is None else f"format version {_short(version)}"
            raise _Unreadable(f"{found}; this Rawi reads version {FORMAT_VERSION}")
        stories = document.get("stories")
        if not isinstance(stories, dict):
            raise _Unreadable(f'"stories" is a JSON {_json_kind(stories)}, not an object')
        return stories

    def _stories_to_keep(self) -> dict[str, dict[str, int | float]]:
        """The usable entries now on disk, to merge the new position into."""
        try:
            stories = self._read_stories()
        except _Unreadable as problem:
            if str(problem) in self._unreadable_told:
                return {}
            self._notice(
                f"Saved reading positions in {self.path} could not be read ({problem}); "
                "they are replaced by a new file."
            )
            return {}
        kept: dict[str, dict[str, int | float]] = {}
        for key, entry in (stories or {}).items():
            if _entry_problem(entry) is not None:
                continue
            assert isinstance(entry, dict)
            saved = entry.get("saved")
            kept[key] = {name: entry[name] for name in _FIELDS}
            # Unknown age: the first to go when the file is full.
            kept[key]["saved"] = saved if _is_time(saved) else 0.0
        return kept

    def _notice(self, sentence: str) -> None:
        # Paths come from the user's environment and may hold control
        # characters; a notice is shown on screen, so it is cleaned here.
        sentence = clean_text(sentence)
        if sentence not in self.notices:
            self.notices.append(sentence)


def _newest(
    stories: Mapping[str, dict[str, int | float]], current: str
) -> dict[str, dict[str, int | float]]:
    """At most MAX_STORIES entries: ``current`` and the most recently saved others."""
    others = sorted(
        (key for key in stories if key != current),
        key=lambda key: stories[key]["saved"],
        reverse=True,
    )
    # The entry just saved stays even if the clock went back since the others.
    keep = [current, *others[: MAX_STORIES - 1]]
    return {key: stories[key] for key in keep}


def _write_atomically(target: Path, text: str) -> None:
    """Replace ``target`` with ``text`` so that readers see the old or the new file, whole."""
    with tempfile.NamedTemporaryFile(
        "w",
        encoding="ascii",  # json.dumps escapes everything else, lone surrogates included.
        dir=target.parent,
        prefix=f"{target.stem}.",
        suffix=".tmp",
        delete=False,
    ) as stream:
        try:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
            os.replace(stream.name, target)
        except BaseException:
            stream.close()
            with contextlib.suppress(OSError):
                os.unlink(stream.name)
            raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    # Makes the rename itself durable; best effort, as not every platform or
    # file system lets a folder be opened or synced.
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold the advisory lock that serialises saves between Rawi processes."""
    if not _CAN_LOCK:
        yield
        return
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        errno.ETIMEDOUT, "another Rawi kept the positions file locked"
                    ) from None
                time.sleep(_LOCK_POLL_SECONDS)
            except OSError as error:
                # Some network file systems have no flock; saving unlocked
                # risks only losing another process's entry, never the file.
                if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                    break
                raise
        yield
    finally:
        # Closing the descriptor releases the lock.
        os.close(descriptor)


def _entry_problem(entry: object) -> str | None:
    """Why a saved entry is not a position, or None if it is one."""
    if not isinstance(entry, dict):
        return f"a JSON {_json_kind(entry)}, not an object"
    for name in _FIELDS:
        if name not in entry:
            return f'"{name}" is missing'
        if not _is_count(entry[name]):
            return f'"{name}" is {_short(entry[name])}, not a whole number of at least 0'
    return None


def _position_problem(position: Position) -> str | None:
    for name in _FIELDS:
        if not _is_count(getattr(position, name)):
            return name
    return None


def _is_count(value: object) -> bool:
    # bool is an int subclass; true/false in the file is not a count.
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_time(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _json_kind(value: object) -> str:
    kinds: list[tuple[type | tuple[type, ...], str]] = [
        (bool, "boolean"),
        (dict, "object"),
        (list, "list"),
        (str, "string"),
        ((int, float), "number"),
    ]
    for python_type, kind in kinds:
        if isinstance(value, python_type):
            return kind
    return "null" if value is None else type(value).__name__


def _short(value: object) -> str:
    text = json.dumps(value)
    return text if len(text) <= 20 else text[:19] + "…"


def _reason(error: BaseException) -> str:
    """A short human reason for an error met reading or writing the file."""
    if isinstance(error, OSError):
        reasons = {
            errno.ENOSPC: "the disk is full",
            errno.EDQUOT: "the disk quota is used up",
            errno.EROFS: "the file system is read-only",
            errno.EACCES: "permission denied",
            errno.EPERM: "permission denied",
            errno.ENOTDIR: "a part of the folder path is a file, not a folder",
            errno.EEXIST: "the folder path is a file, not a folder",
            errno.EISDIR: "it is a folder, not a file",
            errno.ETIMEDOUT: "another Rawi kept the positions file locked",
        }
        if error.errno in reasons:
            return reasons[error.errno]
        if error.strerror:
            return error.strerror.lower()
    return str(error) or type(error).__name__
