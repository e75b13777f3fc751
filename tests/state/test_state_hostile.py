"""State files that are not what Rawi left there: a FIFO, a device, a symlink, a held lock.

None of them may freeze the reader (a FIFO opened for reading waits for a
writer forever; a lock held by another process used to cost five seconds per
save, then the position), nor make Rawi write where a symlink points. Loads
and saves that could hang run in a child process with a time limit, so that
a regression fails instead of hanging the suite. Also: the reader's
remembered settings, kept next to the positions.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tui.state_files
from tui.state import LOCK_FILE, POSITIONS_FILE, SETTINGS_FILE, Position, ResumeStore

HOME = "/stories/jamali.toml"
LIMIT_SECONDS = 60

SAVE_AND_LOAD = """\
import sys
from pathlib import Path
from tui.state import Position, ResumeStore
store = ResumeStore(Path(sys.argv[1]))
print("loaded", store.load("/stories/jamali.toml"))
print("saved", store.save("/stories/jamali.toml", Position(2, 3, 4)))
print("settings", store.load_settings())
print("settings saved", store.save_settings({"justify": False}))
for notice in store.notices:
    print("notice", notice)
"""


def in_child(folder: Path) -> list[str]:
    """What a child process says after loading and saving in ``folder``; it must end in time."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", SAVE_AND_LOAD, str(folder)],
            capture_output=True,
            text=True,
            timeout=LIMIT_SECONDS,
            check=True,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the state store hung for {LIMIT_SECONDS} s")
    return done.stdout.splitlines()


@pytest.mark.parametrize("name", [POSITIONS_FILE, SETTINGS_FILE])
def test_a_fifo_for_a_state_file_is_ignored_with_a_notice(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    os.mkfifo(folder / name)
    said = in_child(folder)
    assert "saved True" in said
    assert "settings saved True" in said
    notices = [line for line in said if line.startswith("notice")]
    assert len(notices) == 1
    assert "not a regular file" in notices[0]
    # Replaced by a regular file, as an unreadable file is.
    assert (folder / name).is_file()


def test_a_fifo_for_the_lock_does_not_freeze_a_save(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    os.mkfifo(folder / LOCK_FILE)
    said = in_child(folder)
    assert "saved True" in said
    assert ResumeStore(folder).load(HOME) == Position(2, 3, 4)


def test_a_dangling_lock_symlink_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    target = tmp_path / "elsewhere" / "made-by-rawi"
    target.parent.mkdir()
    (folder / LOCK_FILE).symlink_to(target)
    store = ResumeStore(folder)
    assert store.save(HOME, Position(1, 1, 1))
    assert not target.exists()
    assert store.load(HOME) == Position(1, 1, 1)


def test_a_device_for_the_positions_file(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / POSITIONS_FILE).symlink_to("/dev/zero")
    store = ResumeStore(folder)
    assert store.load(HOME) is None
    assert "not a regular file" in store.notices[0]


def test_a_lock_held_by_another_rawi_costs_one_short_wait_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    holder = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    waits: list[float] = []
    real = tui.state_files._wait_for_lock

    def counted(descriptor: int, timeout: float) -> bool:
        waits.append(timeout)
        return real(descriptor, timeout)

    monkeypatch.setattr(tui.state_files, "_wait_for_lock", counted)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # a Rawi stopped in the middle of a save
        store = ResumeStore(folder)
        assert store.save(HOME, Position(1, 2, 3))
        assert store.save(HOME, Position(4, 5, 6))
        assert store.save(HOME, Position(7, 8, 9))
    finally:
        os.close(holder)
    # Saved each time, without the lock; only the first save waited, and briefly.
    assert ResumeStore(folder).load(HOME) == Position(7, 8, 9)
    assert waits == [tui.state_files.LOCK_TIMEOUT_SECONDS]
    assert waits[0] <= 1.0
    # Once the lock is free again, saves take it and wait for it as before.
    # (The first save's abandoned waiter takes the lock for an instant when the
    # holder lets go, then drops it: wait until it is free.)
    deadline = time.monotonic() + 30
    while True:
        probe = os.open(folder / LOCK_FILE, os.O_RDWR)
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError:
            assert time.monotonic() < deadline, "the lock was never let go"
            time.sleep(0.01)
        finally:
            os.close(probe)
    store.save(HOME, Position(0, 0, 1))
    assert store._lock_wait == tui.state_files.LOCK_TIMEOUT_SECONDS


def test_a_bidi_override_in_the_state_path_is_shown_not_obeyed(tmp_path: Path) -> None:
    folder = tmp_path / "state\u202egnp"
    folder.mkdir()
    (folder / POSITIONS_FILE).write_text("not json", encoding="utf-8")
    store = ResumeStore(folder)
    assert store.load(HOME) is None
    assert "\u202e" not in store.notices[0]
    assert "state<U+202E>gnp" in store.notices[0]


# -- settings -----------------------------------------------------------------------------


def test_settings_come_back(tmp_path: Path) -> None:
    store = ResumeStore(tmp_path / "state")
    assert store.load_settings() == {}
    settings = {"justify": False, "measure": 72, "theme": "paper", "bidi": "logical"}
    assert store.save_settings(settings)
    assert ResumeStore(tmp_path / "state").load_settings() == settings
    saved = json.loads((tmp_path / "state" / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert saved == {"version": 1, "settings": settings}
    assert store.notices == []


def test_settings_that_are_not_scalars_are_not_kept(tmp_path: Path) -> None:
    store = ResumeStore(tmp_path)
    store.save_settings({"justify": True, "nested": {"a": 1}, "list": [1], "bad": float("nan")})
    assert ResumeStore(tmp_path).load_settings() == {"justify": True}


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"\xff\xfe", "not UTF-8"),
        (b"{", "not JSON"),
        (b"[]", "not an object"),
        (b'{"version": 7, "settings": {}}', "not in a form"),
        (b'{"version": 1, "settings": []}', "not in a form"),
    ],
)
def test_unreadable_settings_are_ignored_with_a_notice(
    tmp_path: Path, content: bytes, why: str
) -> None:
    (tmp_path / SETTINGS_FILE).write_bytes(content)
    store = ResumeStore(tmp_path)
    assert store.load_settings() == {}
    (notice,) = store.notices
    assert why in notice
    assert str(tmp_path / SETTINGS_FILE) in notice
    # and replaced by the next save
    assert store.save_settings({"justify": True})
    assert ResumeStore(tmp_path).load_settings() == {"justify": True}


def test_settings_that_cannot_be_saved_are_a_notice(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    store = ResumeStore(blocker / "state")
    assert store.save_settings({"justify": True}) is False
    assert "could not be saved" in store.notices[0]
