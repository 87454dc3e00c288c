"""The station's locks: the station lock (stamp attempts and recovery) and the station-open lock (the home itself).

The station lock (``station.lock``): every stamp attempt holds it shared from
its reservation until its file is in place (or the attempt failed). Recovery of attempts cut short takes it
exclusively, without waiting: while any attempt is live, it leaves the open
attempts alone, so that opening the station (any command) never touches a
running stamp. The operating system releases a dead process's lock.

The station-open lock is an advisory lock (``flock``) on the station home
folder itself: every process that has the station open (a window, a command)
holds it shared from :meth:`Station.open` to :meth:`Station.close`
(:class:`HomeInUse`). What would remove or replace the station's files under an
open database (a restore into the folder, ``demo --force``) takes it alone,
without waiting, and is refused while anyone holds it (:func:`home_unused`).
It is on the folder, not on a file in it, so emptying the folder does not drop it.
Without it, an open SQLite connection went on with its database, ``-wal`` and
``-shm`` files deleted under it: its writes went to files no one will read
again, or (a database put back in their place) it read pages through a stale
WAL index: "database disk image is malformed".
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

__all__ = ["StationLock", "held_exclusive", "HomeInUse", "home_unused"]

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; recovery then assumes no live attempt
    fcntl = None


@contextlib.contextmanager
def held_exclusive(path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``path`` alone for the block, waiting for other holders."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the flock


class StationLock:
    """An advisory lock on a file in the station home."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def _open(self) -> int:
        return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)

    def hold_shared(self) -> None:
        """Hold the lock shared (a live attempt); waits only while recovery runs."""
        if self._fd is None:
            self._fd = self._open()
            if fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_SH)

    def try_exclusive(self) -> bool:
        """Take the lock alone if no attempt is live; False (at once) otherwise."""
        if self._fd is not None:
            return False
        fd = self._open()
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


class HomeInUse:
    """The station-open lock, held shared by a process that has the station in ``root`` open."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._fd: int | None = None

    def hold_shared(self) -> bool:
        """Hold it shared; False (at once, nothing held) while a restore or a reset holds it alone."""
        if self._fd is not None or fcntl is None:
            return True
        fd = os.open(self.root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError:  # a file system without flock (some network shares): not locked, not refused
            os.close(fd)
            return True
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@contextlib.contextmanager
def home_unused(root: Path) -> Iterator[bool]:
    """Hold the station-open lock of the folder ``root`` alone for the block; yields False (nothing held) when a
    process has the station open there. A missing folder yields True: no one can have it open."""
    if fcntl is None or not Path(root).is_dir():
        yield True
        return
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        except OSError:  # a file system without flock: no one can be seen holding it
            pass
        yield True
    finally:
        os.close(fd)
