"""Where the reader left off in each story, and the reader's remembered settings.

``Position`` is a place in a story (chapter, item, character offset of the top
line on screen). ``ResumeStore`` keeps one per story in
``<state folder>/positions.json``, keyed by ``story_key(path)``, and the
reader's settings (justify, measure, theme, bidi ...) in
``<state folder>/settings.json`` (``load_settings``, ``save_settings``).

Saved state is disposable: a file that cannot be read is ignored with a
sentence in ``ResumeStore.notices`` and replaced by the next save; nothing here
raises for a bad file, a missing or unwritable folder, or a full disk, and
nothing blocks on a FIFO or a lock held by another process
(``tui.state_files``). Writes are atomic (a temporary file in the same folder,
then ``os.replace``) and serialised between Rawi processes by an advisory
lock, and each save merges with what is on disk, so two readers of different
stories keep both positions.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple, TypeGuard

from tui import locations
from tui.rtl.sanitize import clean_text
from tui.state_files import (
    LOCK_TIMEOUT_SECONDS,
    Unreadable,
    exclusive_lock,
    read_small_file,
    reason,
    write_atomically,
)
from tui.story.visible import show_bidi_controls

POSITIONS_FILE = "positions.json"
SETTINGS_FILE = "settings.json"
LOCK_FILE = "positions.lock"
FORMAT_VERSION = 1
MAX_STORIES = 200
# A real file holds at most MAX_STORIES short entries (well under 100 KiB);
# anything far larger is not ours, and reading it whole would only cost memory.
MAX_FILE_BYTES = 4 * 1024 * 1024
#: settings are a handful of short values
MAX_SETTINGS = 100

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


class ResumeStore:
    """Reading positions per story, in ``positions.json`` under one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        # Nothing is created here: a reader who never moves leaves no trace.
        self.folder = folder if folder is not None else locations.state_dir()
        self.notices: list[str] = []
        # Why the file was unreadable, as already told by load(): the save
        # that then replaces the file need not say it again.
        self._unreadable_told: set[str] = set()
        self._lock_wait = LOCK_TIMEOUT_SECONDS

    @property
    def path(self) -> Path:
        """The positions file."""
        return self.folder / POSITIONS_FILE

    def load(self, key: str) -> Position | None:
        """The saved position of the story ``key``, or None if there is none usable."""
        try:
            stories = self._read_stories()
        except Unreadable as unreadable:
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
            with exclusive_lock(self.folder / LOCK_FILE, self._lock_wait) as locked:
                # A lock not had in time is stuck (a Rawi stopped while
                # saving): the next saves do not wait for it again.
                self._lock_wait = LOCK_TIMEOUT_SECONDS if locked else 0.0
                stories = self._stories_to_keep()
                stories[key] = {
                    "chapter": position.chapter,
                    "item": position.item,
                    "offset": position.offset,
                    "saved": time.time(),
                }
                document = {"version": FORMAT_VERSION, "stories": _newest(stories, key)}
                write_atomically(self.path, json.dumps(document, indent=1) + "\n")
        except (OSError, ValueError) as error:
            self._notice(
                f"The reading position could not be saved in {self.path} ({reason(error)})."
            )
            return False
        return True

    def _read_stories(self) -> dict[str, object] | None:
        """The ``stories`` mapping on disk; None if there is no file yet."""
        document = _read_document(self.path)
        if document is None:
            return None
        version = document.get("version")
        if type(version) is not int or version != FORMAT_VERSION:
            found = "no format version" if version is None else f"format version {_short(version)}"
            raise Unreadable(f"{found}; this Rawi reads version {FORMAT_VERSION}")
        stories = document.get("stories")
        if not isinstance(stories, dict):
            raise Unreadable(f'"stories" is a JSON {_json_kind(stories)}, not an object')
        return stories

    def _stories_to_keep(self) -> dict[str, dict[str, int | float]]:
        """The usable entries now on disk, to merge the new position into."""
        try:
            stories = self._read_stories()
        except Unreadable as problem:
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

    # -- settings ----------------------------------------------------------------

    @property
    def settings_path(self) -> Path:
        """The settings file."""
        return self.folder / SETTINGS_FILE

    def load_settings(self) -> dict[str, object]:
        """The reader's remembered settings; empty (and a notice) if unusable.

        Only settings whose value is a JSON boolean, number, string or null
        come back; what each means is for the caller to check.
        """
        try:
            document = _read_document(self.settings_path)
        except Unreadable as unreadable:
            self._notice(
                f"Saved settings in {self.settings_path} could not be read ({unreadable});"
                " using the defaults."
            )
            return {}
        if document is None:
            return {}
        settings = document.get("settings")
        if document.get("version") != FORMAT_VERSION or not isinstance(settings, dict):
            self._notice(
                f"Saved settings in {self.settings_path} are not in a form this Rawi reads;"
                " using the defaults."
            )
            return {}
        return {
            name: value
            for name, value in list(settings.items())[:MAX_SETTINGS]
            if _is_setting(value)
        }

    def save_settings(self, settings: Mapping[str, object]) -> bool:
        """Remember ``settings`` (JSON scalars by name); False (and a notice) if it failed."""
        kept = {str(name): value for name, value in settings.items() if _is_setting(value)}
        try:
            text = json.dumps({"version": FORMAT_VERSION, "settings": kept}, indent=1) + "\n"
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomically(self.settings_path, text)
        except (OSError, ValueError) as error:
            self._notice(
                f"The settings could not be saved in {self.settings_path} ({reason(error)})."
            )
            return False
        return True

    def _notice(self, sentence: str) -> None:
        # Paths come from the user's environment and may hold control
        # characters or BiDi overrides; a notice is shown on screen, so it is
        # cleaned here.
        sentence = show_bidi_controls(clean_text(sentence))
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


def _read_document(path: Path) -> dict[str, object] | None:
    """The JSON object in the state file at ``path``; None if there is no file."""
    data = read_small_file(path, MAX_FILE_BYTES)
    if data is None:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Unreadable("not UTF-8 text") from error
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        # RecursionError: "[[[[..." nested deeper than the parser's stack.
        raise Unreadable("not JSON") from error
    if not isinstance(document, dict):
        raise Unreadable(f"a JSON {_json_kind(document)}, not an object")
    return document


def _is_setting(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, bool | int | str)


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
