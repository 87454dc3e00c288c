"""The station database: one SQLCipher file, WAL, every commit durable.

All writes of the station's records go through :meth:`StationDB.transaction`
(``BEGIN IMMEDIATE`` … ``COMMIT``, then the write-ahead log flushed to the
disk): when it returns, what it wrote survives a crash or power cut.

The flush is the station's own ``fdatasync`` of the ``-wal`` file after the
commit, with SQLite at ``synchronous=NORMAL``: exactly what SQLite's
``synchronous=FULL`` does in WAL mode (sync the log at each commit; NORMAL
still syncs the log before and the database after every checkpoint), but
with ``fdatasync`` as in SQLite builds that have it, where the
sqlcipher3-binary build calls ``fsync``: that also writes the file's
modification time, one more journal commit of the file system per
transaction for nothing a crash needs. A database whose journal mode is not
WAL (a file system without shared memory) keeps SQLite's ``synchronous=FULL``.

One exception, ``transaction(sync=False)``, for a commit that the next durable
commit of the same work always follows (the stamp gate's attempt, followed by
``stamp_done`` or ``stamp_failed``): it survives a crash or ``kill -9`` at once
(the WAL is in the operating system's cache), and a power cut once that next
commit syncs the WAL with it. A power cut in between loses only what no
signature depends on yet, or what the seal's token checkpoint already holds
(then the database is behind the token: a stop, never a second use).

An open database whose file was removed or replaced under it (the station
home emptied, a restore or a reset while a window had it open) is not used
again: SQLite would go on with the deleted ``station.db``, ``-wal`` and
``-shm`` (writes no one reads again), or read a new file through the old WAL
index ("database disk image is malformed"). Every statement first checks that
the path still names the file opened (one ``stat``), and says so in words.

Each page is encrypted (AES-256-CBC) and authenticated by SQLCipher. A
database made by this version authenticates its pages with HMAC-SHA256
(:data:`CIPHER_SETTINGS`); one made earlier, with SQLCipher 4's default
HMAC-SHA512, is opened as it is (:data:`EARLIER_CIPHER_SETTINGS`, found by
trying: nothing in an encrypted file says which, and a page's HMAC checks
only under the right one).
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

import sqlcipher3

from ..errors import JournalError
from .migrations import migrate as run_migrations

__all__ = ["CIPHER_SETTINGS", "EARLIER_CIPHER_SETTINGS", "StationDB"]

_STATEMENT_CACHE = 1024
"""Prepared statements kept per connection. sqlcipher3's default (100) is smaller than the number of distinct
statements the station runs (the migrations alone fill it), and that cache lets a new statement in only in the
place of the least used one: two statements new to it that alternate (a transaction's first read and its insert)
then push each other out, and each is compiled again at every call: about 20 us of a journal append, and
more on the stamp gate's 60 statements. 1024 holds every statement the station has."""


CIPHER_SETTINGS: tuple[str, ...] = ("PRAGMA cipher_hmac_algorithm = HMAC_SHA256",)
"""SQLCipher settings of a database this version makes, given after the key at every open.

Every page a commit writes is encrypted and authenticated, and a journal append writes two or three. HMAC-SHA256
authenticates as HMAC-SHA512 does (a 256-bit tag under the same 256-bit key), and SHA-256 is the hash the station's
processors compute in hardware (x86's SHA extensions, ARMv8's crypto extensions; few have it for SHA-512): an append
took 14-23 % less processor time with it, measured on a RAM disk (issue 16). The cipher (AES-256-CBC), the page
size and the raw 256-bit key (no key derivation) stay SQLCipher 4's: 2,048-byte pages made appends some 7 % cheaper
still, but ``journal verify`` 1.5 times as slow."""

EARLIER_CIPHER_SETTINGS: tuple[str, ...] = ()
"""SQLCipher 4's defaults (HMAC-SHA512), with which databases made before the settings above were made."""


class StationDB:
    """An open SQLCipher database."""

    def __init__(self, conn, path: Path, *, wal: str | None = None) -> None:
        """``wal``: the write-ahead log this connection commits into, which :meth:`transaction` flushes itself
        (SQLite at ``synchronous=NORMAL``); None: SQLite flushes each commit (``synchronous=FULL``)."""
        self.conn = conn
        self.path = path
        self._wal = wal
        self._wal_fd: int | None = None
        self._depth = 0
        self._lock = threading.RLock()
        self._path_text = os.fspath(path)  # stat() of a str: no Path conversion at every statement
        self._file = _file_id(self._path_text)
        self._version_in_transaction: int | None = None

    def _require_same_file(self) -> None:
        """JournalError when ``path`` no longer names the file this connection opened."""
        current = _file_id(self._path_text)
        if self._file is not None and current is not None and current != self._file:
            raise JournalError(
                f"The station database {self.path} was removed or replaced while this station had it open "
                "(a restore, a reset or files deleted by hand); nothing more is read from or written to it here.",
                hint="Close this window or command and open the station again; if the files were deleted, the "
                     "office restores the station from its backup.")

    @classmethod
    def open(cls, path: str | Path, key: bytes, *, migrate: bool = True) -> "StationDB":
        path = Path(path)
        if len(key) != 32:
            raise JournalError("The station database key must be 256 bits.")
        conn = _connect_keyed(path, key)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        # SQLite names the log after the database's real path (symbolic links resolved).
        wal = os.path.realpath(path) + "-wal" if str(mode).lower() == "wal" else None
        conn.execute(f"PRAGMA synchronous = {'NORMAL' if wal else 'FULL'}")
        conn.execute("PRAGMA foreign_keys = ON")
        db = cls(conn, path, wal=wal)
        if migrate:
            run_migrations(db)
        return db

    def transaction(self, *, sync: bool = True) -> "_Transaction":
        """A write transaction (``with db.transaction() as conn:``); nested calls join the outer one.

        ``sync=False`` (outermost only): committed without waiting for the disk; see the module's note on when.
        """
        return _Transaction(self, sync)

    def _begin(self, sync: bool) -> None:
        """Start the outermost transaction (the lock held): the file checked, ``BEGIN IMMEDIATE``."""
        self._require_same_file()
        if not sync and self._wal is None:
            self.conn.execute("PRAGMA synchronous = NORMAL")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._restore_synchronous(sync)
            raise
        self._depth = 1

    def _end(self, sync: bool, failed: bool) -> None:
        """End the outermost transaction: ``COMMIT`` (and the flush) or ``ROLLBACK``."""
        self._depth = 0
        self._version_in_transaction = None
        try:
            if failed:
                self.conn.execute("ROLLBACK")
                return
            self.conn.execute("COMMIT")
            if sync:
                self._flush_log()
        finally:
            self._restore_synchronous(sync)

    def _restore_synchronous(self, sync: bool) -> None:
        if not sync and self._wal is None:
            self.conn.execute("PRAGMA synchronous = FULL")

    def _flush_log(self) -> None:
        """Make the commit just written durable: ``fdatasync`` of the write-ahead log (WAL mode only)."""
        if self._wal is None:
            return  # SQLite synced the commit itself (synchronous=FULL)
        try:
            if self._wal_fd is None:
                # Opened once, like SQLite's own handle: the log stays while this connection is open (SQLite
                # removes it only when the last connection closes), so both name the file SQLite writes.
                self._wal_fd = os.open(self._wal, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            os.fdatasync(self._wal_fd)
        except OSError as exc:
            raise JournalError(
                f"The station database {self.path} could not be flushed to the disk ({self._wal}: "
                f"{exc.strerror or exc}): what was just recorded may not survive a power cut.",
                hint="The disk may be failing, or the station home was changed while the station ran: stop, and "
                "tell the office before stamping again.") from exc

    def execute_lazily(self, sql: str, params=()) -> None:
        """One statement committed without waiting for the disk (WAL, synchronous=NORMAL).

        For bookkeeping that recovery can redo from the file system when a
        power cut loses it (e.g. that a stamped file got its final name); the
        records that count are always committed with ``transaction``.
        """
        with self._lock:
            self._require_same_file()
            if self._wal is not None:
                self.conn.execute(sql, params)
                return
            self.conn.execute("PRAGMA synchronous = NORMAL")
            try:
                self.conn.execute(sql, params)
            finally:
                self.conn.execute("PRAGMA synchronous = FULL")

    def change_mark(self) -> tuple[int, int]:
        """Changes when anything may have been written since it was last read: by this connection (its count
        of changed rows) or by any other (SQLite's ``data_version``); for caching what is read from the database.

        Inside a transaction ``data_version`` is read once: no other connection commits while this one holds
        the write lock (``BEGIN IMMEDIATE``), and this connection's own writes change ``total_changes``.
        """
        with self._lock:
            if self._depth:  # the file was checked at BEGIN
                if self._version_in_transaction is None:
                    self._version_in_transaction = self.conn.execute("PRAGMA data_version").fetchone()[0]
                return self.conn.total_changes, self._version_in_transaction
            self._require_same_file()
            return self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0]

    def query(self, sql: str, params=()) -> list:
        with self._lock:
            if not self._depth:  # inside a transaction the file was checked at BEGIN
                self._require_same_file()
            return self.conn.execute(sql, params).fetchall()

    def close(self) -> None:
        # Under the lock: a read still running on another thread (a window's background task) finishes first; closing
        # the connection under it crashed the process (SQLite frees what the query still uses).
        with self._lock:
            self._close_log()
            self.conn.close()

    def _close_log(self) -> None:
        fd, self._wal_fd = self._wal_fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    def __del__(self) -> None:  # a database dropped without close() (its connection closes itself) keeps no handle
        if getattr(self, "_wal_fd", None) is not None:
            self._close_log()

class _Transaction:
    """:meth:`StationDB.transaction` as a plain context manager (one per transaction: a generator-based one
    costs a few microseconds more on every journal append)."""

    __slots__ = ("db", "sync", "outer")

    def __init__(self, db: StationDB, sync: bool) -> None:
        self.db, self.sync, self.outer = db, sync, False

    def __enter__(self):
        db = self.db
        db._lock.acquire()
        try:
            if db._depth:
                db._depth += 1
            else:
                db._begin(self.sync)
                self.outer = True
        except BaseException:
            db._lock.release()
            raise
        return db.conn

    def __exit__(self, exc_type, exc, tb) -> bool:
        db = self.db
        try:
            if self.outer:
                db._end(self.sync, failed=exc_type is not None)
            else:
                db._depth -= 1
        finally:
            db._lock.release()
        return False


def _connect_keyed(path: Path, key: bytes):
    """A connection that reads ``path`` with ``key``: under this version's cipher settings, or under the earlier
    ones for a database made before them; JournalError when neither reads it (a wrong key, or not a database)."""
    failure = None
    for settings in (CIPHER_SETTINGS,) if _empty(path) else (CIPHER_SETTINGS, EARLIER_CIPHER_SETTINGS):
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                                  cached_statements=_STATEMENT_CACHE)
        try:
            # SQLCipher logs a page that does not check to stderr itself; the error below says it in words.
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            for statement in settings:
                conn.execute(statement)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlcipher3.DatabaseError as exc:
            conn.close()
            failure = failure or exc
    raise JournalError(
        f"The station database {path} cannot be opened: wrong key, or not a SealStation database.",
        hint="Open it with the station's own key (OS keyring of the station account); never repair it by hand.",
    ) from failure


def _empty(path: Path) -> bool:
    """No database there yet: the file is missing or empty (the station creates it empty, private, before SQLite)."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False  # unreadable: SQLite says so when it tries


def _file_id(path: str | Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return (-1, -1)  # removed: never equal to the file opened
    except OSError:
        return None
    return info.st_dev, info.st_ino
