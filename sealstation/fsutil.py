"""Atomic file writes: temp file in the same folder, fsync, rename, fsync the folder.

A file written here either exists whole or not at all (DESIGN.md rule 7).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from .errors import OutputError

__all__ = ["atomic_write_bytes", "atomic_output", "fsync_dir"]


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_output(
    target: Path, *, check: Callable[[Path], None] | None = None, readable: bool = False,
    before_rename: Callable[[Path], None] | None = None,
) -> Iterator[BinaryIO]:
    """Open a temp file beside ``target``; on clean exit fsync, ``check`` it, rename.

    ``check`` runs on the complete temp file before it takes ``target``'s name;
    if it raises, the temp file is removed and ``target`` is untouched.
    ``before_rename`` runs after the check, just before the rename: a stamp
    commits its journal entry there, so that a crash after the commit leaves a
    verified temp file that recovery renames, and a crash before it leaves
    none that counts.
    ``readable`` opens the temp file for reading too (pyHanko reads back what
    it wrote to compute the signed digest).
    """
    target = Path(target)
    folder = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=folder
        )
    except OSError as exc:
        raise OutputError(
            f"Cannot write in {folder}: {exc.strerror or exc}.",
            hint="Choose a folder you can write to, with free space.",
        ) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b" if readable else "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if check is not None:
            check(tmp)
        if before_rename is not None:
            before_rename(tmp)
        os.replace(tmp, target)
        fsync_dir(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(
            f"Cannot write {target}: {exc.strerror or exc}.",
            hint="Check free space and permissions; nothing was written.",
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target) as out:
        out.write(data)
