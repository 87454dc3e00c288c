"""The latest time the station has seen, from every source it holds (:func:`station_time_floor`).

Sources: the station's last journal entry, and the office archive's own time
of its last receipt of this station's records. The third source, the time of
the entry the token's checkpoint covers, is read only in the signing login
(:func:`sealstation.journal.checkpoint.compare` checks it there). Why and what
the station does with it: :mod:`sealstation.journal.clock`.
"""

from __future__ import annotations

from .archive.sync import latest_archive_receipt
from .journal.clock import TimeSeen, later, parse

__all__ = ["station_time_floor", "journal_time", "archive_receipt_time"]


def journal_time(db) -> TimeSeen | None:
    """The time of the last journal entry (by the primary key: one lookup, whatever the journal's length)."""
    rows = db.query("SELECT seq, at FROM journal ORDER BY seq DESC LIMIT 1")
    if not rows:
        return None
    at = parse(rows[0][1])
    return TimeSeen(at, f"journal entry {rows[0][0]}") if at else None


def archive_receipt_time(db) -> TimeSeen | None:
    """The office archive's time of its last receipt from this station, as the station kept it at its last sync."""
    at = parse(latest_archive_receipt(db))
    return TimeSeen(at, "the office archive's receipt of the last sync") if at else None


def station_time_floor(db) -> TimeSeen | None:
    """The latest time the station has seen, from its journal and the office archive; None on a new station."""
    return later(journal_time(db), archive_receipt_time(db))
