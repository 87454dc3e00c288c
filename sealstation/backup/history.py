"""Does a backup continue the office archive's record of its station? Restoring an old backup is a rollback.

The archive holds the station's journal hashes as sent (and the records'
content). A backup whose journal is not a prefix of that history, or extends
one that is not, is a fork: refused, naming the first diverging entry, even
when the office accepts a rollback (a fork is a rewritten history, not an
older one). A backup older than what the archive holds would roll back the
later entries; it is refused when any of them is a record (a stamp, an
approval, a print …), unless the office accepts the rollback, which the
restored station then journals. Entries the archive keeps by kind and body
digest only (logins, the backup's own ``backup_made``) do not block it, so the newest
backup restores without ceremony.
"""

from __future__ import annotations

from ..archive.segment import RECORD_KINDS
from ..archive.sync import first_divergence
from ..errors import RestoreRefusedError
from ..journal.journal import GENESIS

__all__ = ["check_history"]


def check_history(db, header, backend, *, accept_rollback: bool) -> int:
    """Entries the archive holds past the backup's head (0: none); :class:`RestoreRefusedError` as above."""
    station, seq = header.station, header.journal_seq
    latest = backend.latest(station)
    if latest is None:
        return 0
    held = latest.segment.last
    upto = min(held, seq)
    ours = GENESIS if upto == 0 else (db.query("SELECT hash FROM journal WHERE seq = ?", (upto,)) or [[None]])[0][0]
    if backend.hash_at(station, upto) != ours:
        fork = first_divergence(db, backend, station, upto)
        raise RestoreRefusedError(
            f"The backup does not continue the office archive's record of station {station}: they fork at entry "
            f"{fork} (the first diverging entry: the backup's entry {fork} is not the one the archive received, "
            f"{backend.location}); nothing was restored.",
            hint="One of the two histories comes from a rolled-back or rewritten station. A fork is not a rollback: "
                 "--accept-rollback does not restore it. The office examines both with 'archive verify' first.")
    later = held - seq
    if later <= 0:
        return 0
    records = sum(1 for stored in backend.segments(station) if stored.signed is not None
                  for entry in stored.signed.segment.entries
                  if entry["seq"] > seq and entry.get("kind") in RECORD_KINDS)
    if records and not accept_rollback:
        raise RestoreRefusedError(
            f"The office archive holds {later} entries of station {station} made after this backup, {records} of them "
            "records (stamps, approvals, prints …): restoring it would roll them back; nothing was restored.",
            hint="Restore the newest backup; if there is none newer, the office accepts the rollback with "
                 "--accept-rollback (journalled in the restored station).")
    return later
