"""Reading and writing Rawi's small state files so that nothing there can hang or hurt.

The state folder belongs to the user, but what sits in it may not be what
Rawi left: a FIFO, a device, a symlink, a huge file. ``read_small_file``
opens without blocking and reads only a regular file, and only up to a
limit; ``write_atomically`` replaces a file by renaming a new one over it
(a symlink at the path is replaced, not followed); ``exclusive_lock`` waits
a fraction of a second at most for the lock that serialises saves between
Rawi processes, never follows a symlink to create it, and lets the caller
go on unlocked rather than freeze the interface.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; atomic replace still holds.
    _CAN_LOCK = False
else:
    _CAN_LOCK = True

#: how long a save waits for another Rawi's lock before going on without it (another
#: Rawi holds it for one small write; on a loaded machine with a slow fsync, that
#: can take a good part of a second)
LOCK_TIMEOUT_SECONDS = 1.0

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class Unreadable(Exception):
    """A state file exists but cannot be used; the message says why."""


def read_small_file(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file at ``path``; None if there is none; ``Unreadable`` else.

    Opened without blocking (a FIFO there would wait for a writer forever)
    and checked with ``fstat`` before a byte is read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise Unreadable(reason(error)) from error
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("it is not a regular file (a pipe, socket or device)")
        if info.st_size > limit:
            raise Unreadable(f"larger than {limit // (1024 * 1024)} MiB")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise Unreadable(reason(error)) from error
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise Unreadable(f"larger than {limit // (1024 * 1024)} MiB")
    return data


def write_atomically(target: Path, text: str) -> None:
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
def exclusive_lock(lock_path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[bool]:
    """Hold the advisory lock at ``lock_path`` if it can be had within ``timeout``.

    Yields whether it is held. The caller goes on either way: its writes are
    atomic, so without the lock it risks only losing another process's
    entry, never the file; a lock held by a stuck or suspended Rawi, a FIFO
    or a symlink at the lock's path must not freeze the reader.
    """
    if not _CAN_LOCK:
        yield False
        return
    try:
        # O_NOFOLLOW: a dangling symlink must not make Rawi create its target.
        descriptor = os.open(
            lock_path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _CLOEXEC, 0o600
        )
    except OSError:
        yield False
        return
    try:
        yield _acquire(descriptor, timeout)
    finally:
        # Closing the descriptor releases the lock.
        os.close(descriptor)


def _acquire(descriptor: int, timeout: float) -> bool:
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return False
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        pass
    except OSError:
        # Some network file systems have no flock.
        return False
    if timeout <= 0:
        return False
    return _wait_for_lock(descriptor, timeout)


def _wait_for_lock(descriptor: int, timeout: float) -> bool:
    """Wait at most ``timeout`` for the lock, in a thread blocked in ``flock``.

    A blocked ``flock`` is woken as soon as the lock is released, where
    polling would keep losing it to a process that saves again at once. The
    thread waits on a duplicate of the descriptor (the lock belongs to the
    open file, shared by both); if the wait is given up, the thread lets the
    lock go as soon as it gets it.
    """
    waiter = os.dup(descriptor)
    got = threading.Event()
    guard = threading.Lock()
    abandoned = False

    def wait() -> None:
        try:
            fcntl.flock(waiter, fcntl.LOCK_EX)
        except OSError:
            os.close(waiter)
            return
        with guard:
            if abandoned:
                fcntl.flock(waiter, fcntl.LOCK_UN)
            else:
                got.set()
        os.close(waiter)

    threading.Thread(target=wait, name="rawi-state-lock", daemon=True).start()
    if got.wait(timeout):
        return True
    with guard:
        abandoned = True
        # The lock may have come between the wait's end and here.
        return got.is_set()


def reason(error: BaseException) -> str:
    """A short human reason for an error met reading or writing a state file."""
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
            errno.ELOOP: "it is a symbolic link loop",
            errno.ENXIO: "it is a pipe or device with nothing behind it",
        }
        if error.errno in reasons:
            return reasons[error.errno]
        if error.strerror:
            return error.strerror.lower()
    return str(error) or type(error).__name__
