"""The station lock: live stamp attempts share it; recovery needs it alone.

Every stamp attempt holds the lock shared from its reservation until its file
is in place (or the attempt failed). Recovery of attempts cut short takes it
exclusively, without waiting: while any attempt is live, it leaves the open
attempts alone, so that opening the station (any command) never touches a
running stamp. The operating system releases a dead process's lock.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

__all__ = ["StationLock", "held_exclusive"]

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
