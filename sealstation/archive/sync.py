"""Sync: the station sends its journal to the office archive, offline first.

Nothing waits in a separate queue: the journal is the queue. At each sync the
station asks the archive what it last received from it and continues from
there, in segments of at most ``segment_entries`` entries, each signed,
stored atomically and acknowledged in the station's ``archive_sync`` row. A
sync cut short anywhere (process killed, share unplugged, disk full, server
restarted) resumes from what the archive holds: nothing is lost and, since a
segment is named by its digest and the next one starts after the archive's
last, nothing is stored twice.

When the archive's last entry is not in the station's journal as it was sent
(the database was rolled back by a file copy, or the chain was rewritten),
the station finds the first diverging entry (the chain makes it a binary
search), stops stamping until the office reviews it, and sends its history
from that entry on as a new segment: the archive keeps both, and
``archive verify`` names the fork.

A station upgraded to schema 18 sends its journal once more from entry 1
at its next sync (``legacy_sent``): its segments sent before carried some
entries by their hash only, without their kind, and the archive names those
until it has them in full (:mod:`.segment`).

After each sync the station keeps the archive's receipt time of its last
segment (the archive's clock, not its own): :func:`latest_archive_receipt`
is one of the times expiry and the grace are judged against.

A failed sync backs off (30 s doubling up to an hour) for the background
syncs; a sync run by hand always tries. The grace limits of the office's
policy (:func:`check_grace`) stop stamping when too many stamps, or too old
ones, have not reached the archive; when the policy names the office's
archive, only that archive's acknowledgements count.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArchiveError, SyncGraceError
from ..journal.journal import GENESIS, format2_from, iso_seconds, kind_term
from ..locks import held_exclusive
from .backend import ArchiveBackend
from .config import same_archive
from .authority_check import records_for_segment
from .segment import Segment, read_segment_entries, sign_segment

__all__ = ["SyncResult", "SyncStatus", "sync_station", "sync_status", "due", "ArchiveWitness",
           "check_grace", "first_divergence", "latest_archive_receipt",
           "BACKOFF_START_S", "BACKOFF_MAX_S"]

log = logging.getLogger(__name__)

BACKOFF_START_S = 30
BACKOFF_MAX_S = 3600


@dataclass(frozen=True)
class SyncResult:
    """What one sync did."""

    archive: str
    segments: int
    """Segments stored by this sync."""
    entries: int
    """Journal entries they cover."""
    through: int
    """The archive now holds this station's journal through this entry."""
    diverged_at: int | None = None
    """The first entry where the station's history no longer extends what the archive held (stamping stopped)."""
    divergence: str = ""


@dataclass(frozen=True)
class SyncStatus:
    """What waits for the archive (the window's status strip shows it)."""

    archive: str | None
    waiting_entries: int
    waiting_stamps: int
    last_success: str | None
    failures: int
    last_error: str | None
    next_try: str | None


_STATE = ("acked_seq", "acked_hash", "last_success", "failures", "next_try", "last_error", "latest_receipt",
          "legacy_sent")


def _state(db, archive: str) -> dict:
    rows = db.query(f"SELECT {', '.join(_STATE)} FROM archive_sync WHERE archive = ?", (archive,))
    if not rows:
        return {"acked_seq": 0, "acked_hash": None, "last_success": None, "failures": 0, "next_try": None,
                "last_error": None, "latest_receipt": None, "legacy_sent": 0}
    return dict(zip(_STATE, rows[0]))


def _counted_state(db, archive: str) -> dict:
    """The state of ``archive`` as the grace counts it: the row of whichever spelling of that archive was
    acknowledged furthest (a row another archive's syncs wrote never counts)."""
    best = _state(db, archive)
    for (other,) in db.query("SELECT archive FROM archive_sync WHERE archive != ?", (archive,)):
        try:
            same = same_archive(other, archive)
        except ArchiveError:  # a location that names no archive acknowledges nothing
            same = False
        if same and (state := _state(db, other))["acked_seq"] > best["acked_seq"]:
            best = state
    return best


def latest_archive_receipt(db) -> dt.datetime | None:
    """The latest time an office archive said it received this station's segment (by the archive's clock).

    A lower bound of the real time that the station's clock cannot move: kept in the ``archive_sync`` rows at
    each sync. Someone with the database key can lower it (never raise it above a time the archive gave), so it
    is one source among others (the journal's own times cannot go back), not the only one.
    """
    rows = db.query("SELECT MAX(latest_receipt) FROM archive_sync")
    return dt.datetime.fromisoformat(rows[0][0]) if rows and rows[0][0] else None


def _keep_receipt(db, archive: str, backend: ArchiveBackend, station: str) -> None:
    received = backend.receipt_time(station)
    if received is None:
        return
    text = received.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    known = _state(db, archive)["latest_receipt"]
    if known is None or text > known:  # same format and zone: the text orders as the time does
        _save(db, archive, latest_receipt=text)


def _save(db, archive: str, **values) -> None:
    with db.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO archive_sync (archive) VALUES (?)", (archive,))
        conn.execute(f"UPDATE archive_sync SET {', '.join(f'{c} = ?' for c in values)} WHERE archive = ?",
                     (*values.values(), archive))


def _hash_of(db, seq: int) -> str | None:
    if seq == 0:
        return GENESIS
    rows = db.query("SELECT hash FROM journal WHERE seq = ?", (seq,))
    return rows[0][0] if rows else None


def _head(db) -> int:
    return db.query("SELECT COALESCE(MAX(seq), 0) FROM journal")[0][0]


def first_divergence(db, backend: ArchiveBackend, station: str, upto: int) -> int:
    """The first seq in 1..upto whose hash differs between the station and the archive (upto + 1 if none).

    Each hash covers the one before it: once they differ they differ to the end, so a binary search finds it.
    """
    lo, hi = 1, upto + 1  # invariant: entries < lo agree; entry hi differs (or is past upto)
    while lo < hi:
        mid = (lo + hi) // 2
        if _hash_of(db, mid) == backend.hash_at(station, mid):
            lo = mid + 1
        else:
            hi = mid
    return lo


def _resume_point(db, backend: ArchiveBackend, station: str) -> tuple[int, str, int | None, str]:
    """(first seq to send, hash before it, first diverging entry or None, why in words)."""
    latest = backend.latest(station)
    if latest is None:
        return 1, GENESIS, None, ""
    held = latest.segment
    if _hash_of(db, held.last) == held.head_hash:
        return held.last + 1, held.head_hash, None, ""
    head = _head(db)
    fork = first_divergence(db, backend, station, min(head, held.last))
    if fork > head:
        why = (f"the office archive holds this station's records through entry {held.last}, but its journal now ends "
               f"at entry {head}: it was rolled back")
    else:
        why = (f"entry {fork} of this station's journal is not the one the office archive received: the records "
               "were rolled back or rewritten after they were sent")
    return fork, _hash_of(db, fork - 1), fork, why


def _latest_checkpoint(db) -> dict | None:
    rows = db.query("SELECT data FROM archive_checkpoints ORDER BY id DESC LIMIT 1")
    return json.loads(rows[0][0]) if rows else None


def sync_station(station, backend: ArchiveBackend, *, documents: bool = False, segment_entries: int = 5000,
                 fault=None) -> SyncResult:
    """Send what the archive does not hold yet; see the module docstring.

    ``fault(stage, segment_index)`` is a test hook called before each segment is stored (``before-segment``), once
    the archive holds it (``stored``) and after it is acknowledged here (``after-segment``).
    """
    db, archive = station.db, backend.location
    now = iso_seconds(station.clock())
    with held_exclusive(station.home.root / "sync.lock"):  # one sync of this station at a time
        try:
            result = _send(station, backend, documents, segment_entries, fault)
        except ArchiveError as exc:
            _failed(db, archive, now, exc.message, station.clock())
            raise
    _save(db, archive, last_success=now, last_attempt=now, failures=0, next_try=None, last_error=None)
    try:
        _keep_receipt(db, archive, backend, station.config.station_id)
    except ArchiveError as exc:  # the records are there; only the archive's time is unknown until the next sync
        log.warning("The archive's receipt time could not be read: %s", exc.message)
    log.info("Synced %d segment(s) to %s, through entry %d", result.segments, archive, result.through)
    return result


def _failed(db, archive: str, now: str, why: str, clock_now: dt.datetime) -> None:
    failures = _state(db, archive)["failures"] + 1
    wait = min(BACKOFF_START_S * 2 ** (failures - 1), BACKOFF_MAX_S)
    _save(db, archive, last_attempt=now, failures=failures, last_error=why,
          next_try=iso_seconds(clock_now + dt.timedelta(seconds=wait)))


def _send(station, backend, documents: bool, segment_entries: int, fault) -> SyncResult:
    db, station_id, archive = station.db, station.config.station_id, backend.location
    identity = station.station_identity()  # refused before anything is sent when the office issued no key
    start, prev, fork, why = _resume_point(db, backend, station_id)
    if fork is not None:
        station.journal.record_stop(f"the office archive disagrees with this station: {why}",
                                    source=f"sync with the office archive {archive}")
    again = start - 1 if _sends_legacy_again(db, archive, start, fork) else 0  # the archive holds entries 1..again
    if again:
        start, prev = 1, GENESIS
    head = _head(db)
    station_head = (head, _hash_of(db, head)) if head else None
    count = entries = 0
    while start <= head:
        last = min(head, start + segment_entries - 1)
        rows, shas = read_segment_entries(db, start, last, with_documents=documents)
        segment = Segment(station_id, start, last, prev, rows[-1]["hash"], iso_seconds(station.clock()), tuple(rows),
                          _latest_checkpoint(db), tuple(shas), signed_records=records_for_segment(db, rows),
                          station_head=station_head)
        if fault:
            fault("before-segment", count)
        if documents:
            _send_documents(station, backend, shas)
        backend.put_segment(sign_segment(segment, identity))
        if fault:
            fault("stored", count)  # in the archive, not yet acknowledged here
        if last >= again:  # sending old entries again acknowledges nothing new
            _save(db, archive, acked_seq=last, acked_hash=segment.head_hash)
        count, entries, start, prev = count + 1, entries + len(rows), last + 1, segment.head_hash
        if fault:
            fault("after-segment", count)
    if count == 0:
        _save(db, archive, acked_seq=start - 1, acked_hash=prev)
    if not _state(db, archive)["legacy_sent"]:
        _save(db, archive, legacy_sent=1)
    return SyncResult(archive, count, entries, start - 1, fork, why)


def _sends_legacy_again(db, archive: str, start: int, fork: int | None) -> bool:
    """Whether this sync starts again from entry 1: entries from before schema 18 that the archive holds may have
    gone without their kind (once per archive; not over a fork, which is sent from where it starts)."""
    return (start > 1 and fork is None and not _state(db, archive)["legacy_sent"]
            and (format2_from(db) or 1) > 1)


def _send_documents(station, backend, shas) -> None:
    for sha in shas:
        rows = station.db.query("SELECT output FROM stamp_uses WHERE sha256_after = ?", (sha,))
        path = Path(rows[0][0]) if rows else None
        if path is not None and path.is_file():
            backend.put_document(station.config.station_id, sha, path.read_bytes())


def sync_status(station, archive: str | None) -> SyncStatus:
    db = station.db
    if archive is None:
        return SyncStatus(None, 0, 0, None, 0, None, None)
    state = _counted_state(db, archive)
    acked = state["acked_seq"]
    waiting = _head(db) - acked
    stamps = _stamps_after(db, acked)[0]
    return SyncStatus(archive, max(waiting, 0), stamps, state["last_success"], state["failures"], state["last_error"],
                      state["next_try"])


def _stamps_after(db, acked: int) -> tuple[int, str | None]:
    """How many stamps the journal holds past entry ``acked``, and the first one's time (the stamp gate asks)."""
    return db.query(f"SELECT COUNT(*), MIN(at) FROM journal WHERE {kind_term(db, acked)} = 'stamp_done' AND seq > ?",
                    (acked,))[0]


def due(station, archive: str) -> bool:
    """Whether a background sync should try now (backoff after failures)."""
    state = _state(station.db, archive)
    return not state["next_try"] or state["next_try"] <= iso_seconds(station.clock())


def check_grace(station, archive: str | None) -> None:
    """Refuse to stamp past the office's limits of stamps and days without a successful sync.

    Counted from the stamps the archive has not acknowledged: with the limit
    0 ("always online") every stamp must reach the archive before the next.
    """
    policy = station.policy
    days, stamps = policy.sync_grace_days, policy.sync_grace_stamps
    acked = _counted_state(station.db, archive)["acked_seq"] if archive else 0
    waiting, oldest = _stamps_after(station.db, acked)
    if not waiting:
        return
    where = f"the office archive {archive}" if archive else "the office archive (none is configured here)"
    hint = ("Connect the station to the office archive and run 'sealstation sync'; stamping resumes when it succeeds. "
            "The limits are the office's signed policy.")
    if waiting >= max(stamps, 1):
        raise SyncGraceError(f"Stamping is stopped: {waiting} stamp(s) have not reached {where}, and the office "
                             f"allows {stamps} without a successful sync.", hint=hint,
                             code="sync_grace_stamps", waiting=waiting, allowed=stamps)
    # Against the latest time the station has seen, not its clock alone: a clock set back during an outage
    # does not make the oldest stamp younger (sealstation/journal/clock.py).
    age = station.now() - dt.datetime.fromisoformat(oldest)
    if age >= dt.timedelta(days=days):  # days 0: any stamp waiting
        raise SyncGraceError(f"Stamping is stopped: the oldest stamp not yet in {where} was made {age.days} day(s) "
                             f"ago, and the office allows {days} day(s) without a successful sync.", hint=hint,
                             code="sync_grace_days", days=age.days, allowed=days)


class ArchiveWitness:
    """The office archive as the station's :class:`~sealstation.journal.checkpoint.CheckpointWitness`.

    Each checkpoint is kept in the station's store (append-only) and goes with
    the next segment; ``after`` (e.g. a background sync) is then asked to run.
    """

    def __init__(self, db, after=None) -> None:
        self.db, self.after = db, after

    def witness(self, checkpoint) -> None:
        # Without waiting for the disk: the token holds this checkpoint too, and a later one supersedes it,
        # so a power cut that loses the row loses nothing the archive needs; a stamp does not pay an fsync.
        self.db.execute_lazily("INSERT INTO archive_checkpoints (seq, hash, data) VALUES (?, ?, ?)",
                               (checkpoint.seq, checkpoint.hash, checkpoint.to_bytes().decode("utf-8")))
        if self.after is not None:
            self.after()
