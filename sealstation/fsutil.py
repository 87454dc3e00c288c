"""Atomic file writes, and the permissions of the station home.

A file written here either exists whole or not at all (docs/architecture.md, rule 5): temp
file in the same folder, fsync, rename, fsync the folder. A writer says
whether an existing file may be replaced; when not, the final step never
replaces one, even one that appeared while the file was being made.

The station home is private to the station's OS account: folders 0700, files
0600 (:func:`secure_home` checks and repairs that when a station is opened).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from .errors import OutputError, OutputExistsError

__all__ = ["atomic_write_bytes", "atomic_output", "publish", "fsync_dir", "file_sha256", "secure_home", "ModeRepair",
           "HOME_DIR_MODE", "HOME_FILE_MODE", "open_input", "read_input_bytes", "NotRegularFileError"]

HOME_DIR_MODE = 0o700
HOME_FILE_MODE = 0o600

# link() failures that mean "this file system has no hard links" (FAT, some shares), not "refused".
_NO_HARDLINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


class NotRegularFileError(OSError):
    """An input path names a device, a pipe or a socket: read forever (/dev/zero) or blocked on (a FIFO).

    An ``OSError`` whose ``strerror`` says what the path is, so that every
    "Cannot read {path}: {strerror}" already written says it in words."""

    def __init__(self, path, what: str) -> None:
        super().__init__(errno.EINVAL, f"it is {what}, not a file", str(path))
        self.what = what


_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


@contextlib.contextmanager
def open_input(path: Path) -> Iterator[BinaryIO]:
    """``path`` opened for reading when it is a regular file; :class:`NotRegularFileError` when it is not.

    Opened without blocking (a FIFO with no writer would block ``open`` itself),
    then checked on the open descriptor, so the file read is the file checked.
    A folder raises ``IsADirectoryError``, as ``open`` does.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(path, next((what for test, what in _KINDS if test(mode)), "not a regular file"))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with f:
        yield f


def read_input_bytes(path: Path) -> bytes:
    """The whole of a regular file (:func:`open_input`): what ``Path.read_bytes`` is for a file someone gave."""
    with open_input(path) as f:
        return f.read()


def file_sha256(path: Path) -> str | None:
    """Hex SHA-256 of a file read in 1 MiB chunks (bounded memory); ``None`` when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


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


_POOL: list = []


def _fsync_pool():
    """One worker thread that flushes files to disk while the caller goes on (os.fsync releases the GIL)."""
    if not _POOL:
        from concurrent.futures import ThreadPoolExecutor

        _POOL.append(ThreadPoolExecutor(max_workers=2, thread_name_prefix="sealstation-fsync"))
    return _POOL[0]


@contextlib.contextmanager
def atomic_output(
    target: Path, *, overwrite: bool, check: Callable[[Path], None] | None = None, readable: bool = False,
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
    it wrote to compute the signed digest). ``overwrite`` (no default: each
    writer decides) allows replacing an existing ``target``; without it an
    existing ``target`` raises :class:`OutputExistsError` and is left as it is.
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
            code="output_not_writable", folder=str(folder), reason=exc.strerror or str(exc),
        ) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w+b" if readable else "wb") as out:
            yield out
            out.flush()
            if check is None and before_rename is None:
                os.fsync(out.fileno())
            else:
                # The disk flushes the file while it is checked and the stamp commits (its own flush): both
                # are done before the rename. A power cut before then leaves a temp file that recovery
                # checks by its digest and never publishes unless whole.
                flushing = _fsync_pool().submit(os.fsync, out.fileno())
                try:
                    if check is not None:
                        check(tmp)
                    if before_rename is not None:
                        before_rename(tmp)
                finally:
                    error = flushing.exception()  # waits: the file stays open until it is flushed
                if error is not None:
                    raise error
        publish(tmp, target, overwrite=overwrite)
        fsync_dir(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(
            f"Cannot write {target}: {exc.strerror or exc}.",
            hint="Check free space and permissions; nothing was written.",
            code="output_not_written", path=str(target), reason=exc.strerror or str(exc),
        ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def publish(tmp: Path, target: Path, *, overwrite: bool) -> None:
    """Give the finished ``tmp`` the name ``target``; replace a file there only when ``overwrite``."""
    if overwrite:
        os.replace(tmp, target)
    else:
        _publish_new(tmp, target)


def _publish_new(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target`` only if nothing has that name, atomically.

    os.replace() would silently replace a file that appeared after the
    output was checked. link() creates the new name or fails with EEXIST in
    one step, so no check-then-rename race exists; the temp name is removed
    after. Where the file system has no hard links, an O_EXCL placeholder
    claims the name first and the rename replaces only our own placeholder
    (a crash between the two leaves an empty file, never a wrong one).
    """
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise _exists(target) from None
    except OSError as exc:
        if exc.errno not in _NO_HARDLINKS:
            raise
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, HOME_FILE_MODE))
        except FileExistsError:
            raise _exists(target) from None
        os.replace(tmp, target)
        return
    tmp.unlink(missing_ok=True)


def _exists(target: Path) -> OutputExistsError:
    return OutputExistsError(
        f"Cannot write {target}: a file with that name appeared while the output was being made.",
        hint="Nothing was replaced. Choose another name, or confirm replacing it (--overwrite).",
        code="output_appeared", path=str(target), file=target.name)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, replacing it (the station's own files: config, images, keys)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target, overwrite=True) as out:
        out.write(data)


@dataclass(frozen=True)
class ModeRepair:
    """A file or folder of the station home whose permissions were too open, and what they became."""

    path: str
    """Relative to the station home ('.' for the home itself)."""
    was: str
    """The mode found, in octal (e.g. '0644')."""
    now: str
    """The mode set ('0600' for files, '0700' for folders)."""


def secure_home(root: Path) -> list[ModeRepair]:
    """Take group and other permissions off the station home and everything in it; list what changed.

    The home and its folders end 0700, its files 0600 (or stricter, as found).

    Symlinks are neither followed nor changed (chmod would act on their
    target, which may be outside the home). Only group and other bits are
    taken away, so a file the owner made read-only stays read-only. Does
    nothing where POSIX modes do not apply.
    """
    if os.name != "posix":
        return []
    root = Path(root)
    repairs = [r for r in [_secure_one(root, root)] if r]
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            repair = _secure_one(Path(folder) / name, root)
            if repair:
                repairs.append(repair)
    return repairs


def _secure_one(path: Path, root: Path) -> ModeRepair | None:
    info = os.lstat(path)
    if not (stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)):
        return None  # symlinks, sockets: left alone
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o077:
        return None
    new = mode & ~0o077 & 0o7777
    if stat.S_ISDIR(info.st_mode):
        new |= 0o700  # a folder the owner cannot enter would break the station
    os.chmod(path, new)  # lstat said folder or regular file: no symlink is followed here
    rel = "." if path == root else str(path.relative_to(root))
    return ModeRepair(rel, f"{mode:04o}", f"{new:04o}")
