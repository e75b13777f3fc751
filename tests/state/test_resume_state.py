"""The resume-position store: what it saves comes back, what it cannot read is
ignored with a notice naming the file, and no failure to write raises or leaves
debris behind."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tui import locations
from tui.state import MAX_STORIES, Position, ResumeStore, story_key

HOME = "/stories/jamali.toml"
OTHER = "/stories/other.toml"


def positions_file(folder: Path) -> Path:
    return folder / "positions.json"


def write_positions(folder: Path, content: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = positions_file(folder)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def entry(chapter: Any, item: Any, offset: Any, saved: Any = 1_700_000_000.0) -> dict[str, Any]:
    return {"chapter": chapter, "item": item, "offset": offset, "saved": saved}


def document(stories: Any, version: Any = 1) -> str:
    return json.dumps({"version": version, "stories": stories})


def leftovers(folder: Path) -> list[str]:
    """Files in the folder other than the positions file and its lock."""
    return sorted(
        p.name for p in folder.iterdir() if p.name not in {"positions.json", "positions.lock"}
    )


# -- round trip ---------------------------------------------------------------


def test_a_saved_position_comes_back(tmp_path: Path) -> None:
    store = ResumeStore(tmp_path / "state")
    assert store.save(HOME, Position(chapter=3, item=7, offset=120)) is True
    assert ResumeStore(tmp_path / "state").load(HOME) == Position(3, 7, 120)
    assert store.notices == []


def test_each_story_keeps_its_own_position_and_the_latest_save_wins(tmp_path: Path) -> None:
    store = ResumeStore(tmp_path)
    store.save(HOME, Position(1, 1, 1))
    store.save(OTHER, Position(2, 0, 5))
    store.save(HOME, Position(4, 2, 0))
    fresh = ResumeStore(tmp_path)
    assert fresh.load(HOME) == Position(4, 2, 0)
    assert fresh.load(OTHER) == Position(2, 0, 5)


def test_the_file_has_the_documented_shape(tmp_path: Path) -> None:
    ResumeStore(tmp_path).save(HOME, Position(2, 5, 40))
    saved = json.loads(positions_file(tmp_path).read_text(encoding="utf-8"))
    assert saved["version"] == 1
    assert set(saved["stories"]) == {HOME}
    story = saved["stories"][HOME]
    assert (story["chapter"], story["item"], story["offset"]) == (2, 5, 40)
    assert isinstance(story["saved"], float | int)


def test_a_key_that_is_not_valid_utf8_round_trips(tmp_path: Path) -> None:
    # A file name with invalid UTF-8 bytes arrives as lone surrogates (PEP 383).
    key = "/stories/\udce9t\udce9.toml"
    assert ResumeStore(tmp_path).save(key, Position(1, 2, 3))
    assert ResumeStore(tmp_path).load(key) == Position(1, 2, 3)


def test_saving_creates_missing_parent_folders(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b" / "rawi"
    assert ResumeStore(folder).save(HOME, Position(0, 1, 0))
    assert positions_file(folder).is_file()


def test_a_position_with_a_negative_number_is_refused(tmp_path: Path) -> None:
    store = ResumeStore(tmp_path)
    assert store.save(HOME, Position(0, -1, 0)) is False
    assert len(store.notices) == 1
    assert not positions_file(tmp_path).exists()


# -- nothing saved yet ----------------------------------------------------------


def test_no_file_means_no_position_and_no_notice(tmp_path: Path) -> None:
    store = ResumeStore(tmp_path)
    assert store.load(HOME) is None
    assert store.notices == []


def test_a_missing_folder_is_neither_an_error_nor_created(tmp_path: Path) -> None:
    folder = tmp_path / "not-yet"
    store = ResumeStore(folder)
    assert store.load(HOME) is None
    assert store.notices == []
    assert not folder.exists()


def test_a_story_not_in_the_file_has_no_position(tmp_path: Path) -> None:
    write_positions(tmp_path, document({OTHER: entry(1, 1, 1)}))
    store = ResumeStore(tmp_path)
    assert store.load(HOME) is None
    assert store.notices == []


# -- unreadable files -----------------------------------------------------------

UNREADABLE: dict[str, str | bytes] = {
    "corrupt JSON": '{"version": 1, "stories": {',
    "truncated mid-write": document({HOME: entry(1, 2, 3)})[:-9],
    "empty file": "",
    "binary garbage": bytes(range(256)) * 4,
    "JSON list at top level": json.dumps([HOME, 1, 2, 3]),
    "JSON string at top level": json.dumps("positions"),
    "stories is a list": document([entry(1, 2, 3)]),
    "no version": json.dumps({"stories": {HOME: entry(1, 2, 3)}}),
    "a future version": document({HOME: entry(1, 2, 3)}, version=2),
    "version true": document({HOME: entry(1, 2, 3)}, version=True),
    "entry is a list": document({HOME: [1, 2, 3]}),
    "chapter is a string": document({HOME: entry("1", 2, 3)}),
    "item is a float": document({HOME: entry(1, 2.5, 3)}),
    "offset is true": document({HOME: entry(1, 2, True)}),
    "chapter is null": document({HOME: entry(None, 2, 3)}),
    "negative chapter": document({HOME: entry(-1, 2, 3)}),
    "negative offset": document({HOME: entry(1, 2, -40)}),
    "offset missing": document({HOME: {"chapter": 1, "item": 2}}),
    "nested deeper than the parser's stack": "[" * 200_000,
    "an integer too long to parse": '{"version": 1, "stories": {"x": ' + "9" * 5000 + "}}",
}


@pytest.mark.parametrize("content", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_an_unusable_file_gives_no_position_and_a_notice_naming_it(
    tmp_path: Path, content: str | bytes
) -> None:
    path = write_positions(tmp_path, content)
    store = ResumeStore(tmp_path)
    assert store.load(HOME) is None
    assert len(store.notices) == 1
    assert str(path) in store.notices[0]


@pytest.mark.parametrize("content", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_saving_over_an_unusable_file_replaces_it_with_a_good_one(
    tmp_path: Path, content: str | bytes
) -> None:
    write_positions(tmp_path, content)
    store = ResumeStore(tmp_path)
    assert store.save(HOME, Position(5, 6, 7)) is True
    assert ResumeStore(tmp_path).load(HOME) == Position(5, 6, 7)
    json.loads(positions_file(tmp_path).read_text(encoding="utf-8"))


def test_replacing_a_file_already_reported_unreadable_adds_no_second_notice(
    tmp_path: Path,
) -> None:
    write_positions(tmp_path, "not json")
    store = ResumeStore(tmp_path)
    assert store.load(HOME) is None
    assert store.save(HOME, Position(1, 1, 1))
    assert len(store.notices) == 1


def test_replacing_an_unreadable_file_not_loaded_first_is_noticed(tmp_path: Path) -> None:
    path = write_positions(tmp_path, "not json")
    store = ResumeStore(tmp_path)
    assert store.save(HOME, Position(1, 1, 1))
    assert len(store.notices) == 1
    assert str(path) in store.notices[0]
    assert "replaced" in store.notices[0]


def test_an_oversized_file_is_not_read(tmp_path: Path) -> None:
    padding = " " * (5 * 1024 * 1024)
    write_positions(tmp_path, document({HOME: entry(1, 2, 3)}) + padding)
    store = ResumeStore(tmp_path)
    assert store.load(HOME) is None
    assert "MiB" in store.notices[0]


def test_a_bad_entry_for_another_story_does_not_spoil_this_one(tmp_path: Path) -> None:
    write_positions(tmp_path, document({HOME: entry(1, 2, 3), OTHER: entry(-1, "x", None)}))
    store = ResumeStore(tmp_path)
    assert store.load(HOME) == Position(1, 2, 3)
    assert store.notices == []


def test_saving_drops_unusable_entries_and_keeps_good_ones(tmp_path: Path) -> None:
    write_positions(tmp_path, document({OTHER: entry(1, 2, 3), "/bad": entry(-1, 0, 0)}))
    assert ResumeStore(tmp_path).save(HOME, Position(0, 0, 9))
    stories = json.loads(positions_file(tmp_path).read_text(encoding="utf-8"))["stories"]
    assert set(stories) == {HOME, OTHER}


def test_the_positions_file_being_a_folder_is_a_notice(tmp_path: Path) -> None:
    positions_file(tmp_path).mkdir()
    store = ResumeStore(tmp_path)
    assert store.load(HOME) is None
    assert str(positions_file(tmp_path)) in store.notices[0]
    assert store.save(HOME, Position(1, 1, 1)) is False


def test_a_control_character_in_the_path_does_not_reach_the_notice(tmp_path: Path) -> None:
    folder = tmp_path / "state\x1b[2J"
    write_positions(folder, "not json")
    store = ResumeStore(folder)
    assert store.load(HOME) is None
    assert "\x1b" not in store.notices[0]
    assert "state" in store.notices[0]


# -- the folder cannot be used --------------------------------------------------


def test_a_state_folder_that_is_a_regular_file(tmp_path: Path) -> None:
    folder = tmp_path / "rawi"
    folder.write_text("I am a file", encoding="utf-8")
    store = ResumeStore(folder)
    assert store.load(HOME) is None
    assert store.save(HOME, Position(1, 2, 3)) is False
    assert store.notices
    assert all(str(folder) in notice for notice in store.notices)
    assert "file, not a folder" in store.notices[-1]
    assert folder.read_text(encoding="utf-8") == "I am a file"


def test_a_state_folder_under_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "rawi").write_text("", encoding="utf-8")
    store = ResumeStore(tmp_path / "rawi" / "state")
    assert store.load(HOME) is None
    assert store.save(HOME, Position(1, 2, 3)) is False
    assert "file, not a folder" in store.notices[-1]


def _raise(error: OSError) -> Any:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


FAILURES = {
    "replace: permission denied": ("replace", PermissionError(errno.EACCES, "Permission denied")),
    "replace: read-only fs": ("replace", OSError(errno.EROFS, "Read-only file system")),
    "fsync: disk full": ("fsync", OSError(errno.ENOSPC, "No space left on device")),
    "temp file: permission denied": (
        "NamedTemporaryFile",
        PermissionError(errno.EACCES, "Permission denied"),
    ),
    "temp file: disk full": ("NamedTemporaryFile", OSError(errno.ENOSPC, "No space left")),
}
REASONS = {
    errno.EACCES: "permission denied",
    errno.EROFS: "read-only",
    errno.ENOSPC: "disk is full",
}


@pytest.mark.parametrize(("where", "error"), FAILURES.values(), ids=FAILURES.keys())
def test_a_failed_write_leaves_the_previous_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: OSError
) -> None:
    # Tests run as root, where chmod 0o500 does not stop a write: the failure
    # is injected where the operating system would report it.
    store = ResumeStore(tmp_path)
    assert store.save(HOME, Position(1, 2, 3))
    before = positions_file(tmp_path).read_bytes()
    module = tempfile if where == "NamedTemporaryFile" else os
    monkeypatch.setattr(module, where, _raise(error))

    assert store.save(HOME, Position(9, 9, 9)) is False

    monkeypatch.undo()
    assert positions_file(tmp_path).read_bytes() == before
    assert leftovers(tmp_path) == []
    assert len(store.notices) == 1
    assert str(positions_file(tmp_path)) in store.notices[0]
    assert error.errno is not None
    assert REASONS[error.errno] in store.notices[0]
    assert ResumeStore(tmp_path).load(HOME) == Position(1, 2, 3)


def test_a_failed_write_of_the_first_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "replace", _raise(OSError(errno.ENOSPC, "No space left")))
    store = ResumeStore(tmp_path)
    assert store.save(HOME, Position(1, 2, 3)) is False
    monkeypatch.undo()
    assert not positions_file(tmp_path).exists()
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root writes through chmod 0o500; the injected failures above cover it",
)
def test_an_unwritable_folder(tmp_path: Path) -> None:
    store = ResumeStore(tmp_path)
    assert store.save(HOME, Position(1, 2, 3))
    before = positions_file(tmp_path).read_bytes()
    tmp_path.chmod(0o500)
    try:
        assert store.save(HOME, Position(9, 9, 9)) is False
        assert "permission denied" in store.notices[-1]
    finally:
        tmp_path.chmod(0o700)
    assert positions_file(tmp_path).read_bytes() == before
    assert leftovers(tmp_path) == []


def test_a_repeated_failure_is_noticed_once(tmp_path: Path) -> None:
    folder = tmp_path / "rawi"
    folder.write_text("", encoding="utf-8")
    store = ResumeStore(folder)
    for offset in range(5):
        assert store.save(HOME, Position(0, 0, offset)) is False
    assert len(store.notices) == 1


# -- many stories, many processes -----------------------------------------------


def test_only_the_most_recently_saved_stories_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter(range(1_000, 10_000))
    monkeypatch.setattr("tui.state.time.time", lambda: float(next(clock)))
    store = ResumeStore(tmp_path)
    for number in range(MAX_STORIES + 5):
        assert store.save(f"/stories/{number}.toml", Position(0, 0, number))
    # Saving an old story again makes it recent, so it survives the next trim.
    assert store.save("/stories/5.toml", Position(1, 1, 1))
    assert store.save("/stories/new.toml", Position(2, 2, 2))
    stories = json.loads(positions_file(tmp_path).read_text(encoding="utf-8"))["stories"]
    assert len(stories) == MAX_STORIES
    expected = {f"/stories/{n}.toml" for n in range(7, MAX_STORIES + 5)}
    assert set(stories) == expected | {"/stories/5.toml", "/stories/new.toml"}


def test_the_story_just_saved_is_kept_even_if_the_clock_went_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_positions(
        tmp_path,
        document({f"/stories/{n}.toml": entry(0, 0, n, saved=2e9 + n) for n in range(MAX_STORIES)}),
    )
    monkeypatch.setattr("tui.state.time.time", lambda: 1e9)
    store = ResumeStore(tmp_path)
    assert store.save(HOME, Position(3, 3, 3))
    assert store.load(HOME) == Position(3, 3, 3)
    stories = json.loads(positions_file(tmp_path).read_text(encoding="utf-8"))["stories"]
    assert len(stories) == MAX_STORIES
    assert "/stories/0.toml" not in stories


def test_a_save_keeps_what_another_process_wrote_since_this_one_loaded(tmp_path: Path) -> None:
    mine = ResumeStore(tmp_path)
    theirs = ResumeStore(tmp_path)
    assert mine.load(HOME) is None
    assert theirs.save(OTHER, Position(7, 7, 7))
    assert mine.save(HOME, Position(1, 1, 1))
    fresh = ResumeStore(tmp_path)
    assert fresh.load(OTHER) == Position(7, 7, 7)
    assert fresh.load(HOME) == Position(1, 1, 1)


def save_many(folder: str, reader: str, count: int, start: Any) -> None:
    """Runs in a spawned process: one Rawi saving positions in many stories."""
    start.wait()
    store = ResumeStore(Path(folder))
    for number in range(count):
        if not store.save(f"/stories/{reader}-{number}.toml", Position(number, number, number)):
            raise SystemExit(f"save {number} failed: {store.notices}")


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2)
    readers = [
        context.Process(target=save_many, args=(str(tmp_path), name, 50, start))
        for name in ("first", "second")
    ]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join(timeout=120)
    assert [reader.exitcode for reader in readers] == [0, 0]

    stories = json.loads(positions_file(tmp_path).read_text(encoding="utf-8"))["stories"]
    expected = {f"/stories/{name}-{n}.toml" for name in ("first", "second") for n in range(50)}
    assert set(stories) == expected
    store = ResumeStore(tmp_path)
    assert store.load("/stories/second-49.toml") == Position(49, 49, 49)
    assert leftovers(tmp_path) == []


# -- where the file lives ---------------------------------------------------------


def test_rawi_state_dir_is_the_default_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAWI_STATE_DIR", str(tmp_path / "override"))
    assert locations.state_dir() == tmp_path / "override"
    store = ResumeStore()
    assert not (tmp_path / "override").exists()
    assert store.save(HOME, Position(1, 0, 0))
    assert positions_file(tmp_path / "override").is_file()


@pytest.mark.skipif(
    sys.platform in {"win32", "darwin"},
    reason="platformdirs follows XDG_STATE_HOME only on Unix other than macOS",
)
def test_xdg_state_home_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAWI_STATE_DIR", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    folder = locations.state_dir()
    assert folder.is_relative_to(tmp_path / "xdg-state")
    assert ResumeStore().folder == folder


@pytest.mark.skipif(
    sys.platform in {"win32", "darwin"},
    reason="platformdirs follows XDG_STATE_HOME only on Unix other than macOS",
)
def test_an_empty_rawi_state_dir_falls_back_to_xdg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAWI_STATE_DIR", "")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    assert locations.state_dir().is_relative_to(tmp_path / "xdg-state")


# -- keys -------------------------------------------------------------------------


def test_a_story_key_is_the_resolved_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = tmp_path / "stories" / "jamali.toml"
    story.parent.mkdir()
    story.write_text("", encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(story)
    monkeypatch.chdir(tmp_path)
    expected = str(story.resolve())
    assert story_key(Path("stories/jamali.toml")) == expected
    assert story_key(Path("stories/../stories/jamali.toml")) == expected
    assert story_key(link) == expected
    assert Path(story_key(Path("not-there.toml"))).is_absolute()


def test_no_path_means_the_bundled_story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert story_key(None) == str(locations.default_story().resolve())
    assert story_key(None) == story_key(locations.default_story())


def test_a_symlink_loop_still_gives_a_key(tmp_path: Path) -> None:
    loop = tmp_path / "loop.toml"
    loop.symlink_to(loop)
    assert story_key(loop) == os.path.abspath(loop)


# -- the core stays free of Textual ------------------------------------------------


def test_the_store_imports_without_textual() -> None:
    code = "import sys; sys.modules['textual'] = None; import tui.state"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(
    sys.platform in {"win32", "darwin"},
    reason="platformdirs follows XDG_CACHE_HOME only on Unix other than macOS",
)
def test_stories_are_kept_in_the_xdg_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RAWI_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    assert locations.cache_dir() == tmp_path / "xdg-cache" / "rawi" / "stories"
    monkeypatch.setenv("RAWI_CACHE_DIR", str(tmp_path / "override"))
    assert locations.cache_dir() == tmp_path / "override"
