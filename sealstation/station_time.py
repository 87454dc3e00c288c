"""The latest time the station has seen, from every source it holds (:func:`station_time_floor`).

Sources: the station's last journal entry, and the office archive's own time
of its last receipt of this station's records. The third source, the time of
the entry the token's checkpoint covers, is read only in the signing login
(:func:`sealstation.journal.checkpoint.compare` checks it there). Why and what
the station does with it: :mod:`sealstation.journal.clock`.
"""

from __future__ import annotations

from .journal.clock import TimeSeen, later, parse

__all__ = ["station_time_floor", "journal_time", "archive_receipt_time"]


def journal_time(db) -> TimeSeen | None:
    """The time of the last journal entry (by the primary key: one lookup, whatever the journal's length)."""
    rows = db.query("SELECT seq, at FROM journal ORDER BY seq DESC LIMIT 1")
    if not rows:
        return None
    at = parse(rows[0][1])
    return TimeSeen(at, f"journal entry {rows[0][0]}") if at else None


_NO_COLUMN = ""


def archive_receipt_time(db) -> TimeSeen | None:
    """The office archive's time of its last receipt from this station, as the station stored it at its last sync.

    HOOK (issue 16, wired by the lead at merge): the archive's receipt time is
    recorded by branch ``archive`` (``latest_archive_receipt(db)`` in
    :mod:`sealstation.archive.sync`). Until then this reads a receipt-time
    column of the ``archive_sync`` row when the database has one, and nothing otherwise.
    """
    latest_archive_receipt = _archive_hook()
    if latest_archive_receipt is not None:
        at = parse(latest_archive_receipt(db))
    else:
        column = _receipt_column(db)
        at = parse(db.query(f"SELECT MAX({column}) FROM archive_sync")[0][0]) if column else None
    return TimeSeen(at, "the office archive's receipt of the last sync") if at else None


_HOOK: list = []


def _archive_hook():
    """``latest_archive_receipt`` of branch ``archive`` when it is there (looked up once: a failed import is slow)."""
    if not _HOOK:
        try:
            from .archive.sync import latest_archive_receipt  # type: ignore[attr-defined]  # branch 'archive'
        except ImportError:
            latest_archive_receipt = None
        _HOOK.append(latest_archive_receipt)
    return _HOOK[0]


def _receipt_column(db) -> str:
    """The name of ``archive_sync``'s receipt-time column, or "" (looked up once per open database)."""
    column = getattr(db, "_receipt_column", None)
    if column is None:
        names = [row[1] for row in db.query("PRAGMA table_info(archive_sync)")]
        column = next((n for n in names if "receipt" in n and ("at" in n.split("_") or "time" in n)), _NO_COLUMN)
        try:
            db._receipt_column = column
        except AttributeError:
            pass
    return column


def station_time_floor(db) -> TimeSeen | None:
    """The latest time the station has seen, from its journal and the office archive; None on a new station."""
    return later(journal_time(db), archive_receipt_time(db))
