"""Online printing (在线打印): a copy's reservation reaches the office archive before the copy reaches a printer.

The station's rows and journal are files its custodian can copy back, so a
count kept only there can be rolled back and printed again. Before each copy
is handed to the print system, :func:`reserve_in_archive` stores its
``copy_reserved`` entry (serial, allowance, slot, and the entry's seq and
hash) in the archive (:mod:`sealstation.archive.reservations`), where the
station can add but not take back, after checking that the archive's last
reservation from this station is still in this station's journal with the
same hash. A database copied back, or a journal whose last entries were
deleted, fails that check (or finds its serial taken): the copy is refused.

When the archive cannot be reached (or none is configured), the office's
policy allows a few copies anyway (``print_offline_grace``): the copies
reserved since the archive last took one are counted from the journal. They
reach the office with the station's next sync as ``copy_reserved`` entries no
reservation names, and ``archive verify`` names a run longer than the grace.

Only the archive the office's signed policy names takes reservations
(``archive_location``; :meth:`Station.sending_archive`): a folder of the
custodian's own, emptied between rollbacks, would otherwise take every copy
"online" and never show the rollback.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, replace

from ..archive.backend import open_backend
from ..archive.config import normalised_location
from ..archive.reservations import CopyReservation, CopyReservationRefused
from ..errors import ArchiveError, ArchiveLocationError, ArchiveUnreachableError, PrintRefusedError
from ..journal.journal import JournalEntry, JournalKind, kind_term

__all__ = ["ArchiveReceipt", "reserve_in_archive", "CONFIRMED_KEY", "confirmed_key"]

CONFIRMED_KEY = "print_archive_confirmed_seq"
"""``station_state``: the journal entry of the last copy reservation the archive took (the offline grace counts
the ``copy_reserved`` entries after it); ``print_archive_confirmed_seq:<archive>`` when the policy names the
office's archive (only that archive's confirmations count there). Raising it by hand buys nothing the office
does not see: the copies still reach the archive as entries that no reservation names."""


@dataclass(frozen=True)
class ArchiveReceipt:
    """How a copy's reservation fared."""

    online: bool
    """The archive took it; False: printed under the offline grace."""
    note: str | None = None
    """Why offline (said to the person)."""


def reserve_in_archive(station, entry: JournalEntry) -> ArchiveReceipt:
    """Store the copy of ``entry`` (its ``copy_reserved`` entry) in the archive, or apply the offline grace.

    Raises :class:`PrintRefusedError` when the archive shows this station's records were rolled back, or when
    it cannot be reached and the grace is used up.
    """
    data = entry.data
    reservation = CopyReservation(station.config.station_id, data["serial"], data["request"], data["allowance"],
                                  int(data["slot"]), int(data["of"]), data["document_sha256"], entry.seq, entry.hash,
                                  entry.at)
    try:
        cfg = station.sending_archive()
    except ArchiveLocationError as exc:  # journalled as a refused print by the desk: the office sees the attempt
        raise PrintRefusedError(f"The copy's reservation was not sent: {exc.message}", hint=exc.hint) from exc
    if cfg is None:  # a station the office runs without an archive: the grace is all it may print (no note)
        return replace(_offline(station, entry, "this station has no office archive configured"), note=None)
    try:
        with closing(open_backend(cfg)) as backend:
            _check_not_rolled_back(station, backend)
            backend.reserve_copy(reservation)
    except CopyReservationRefused as exc:
        raise PrintRefusedError(exc.message, hint=exc.hint) from exc
    except ArchiveUnreachableError as exc:
        return _offline(station, entry, f"the office archive cannot be reached ({exc.message})")
    except ArchiveError as exc:
        raise PrintRefusedError(f"The office archive did not take the copy's reservation: {exc.message}",
                                hint=exc.hint) from exc
    with station.db.transaction() as conn:
        conn.execute("INSERT INTO station_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                     "value = excluded.value WHERE CAST(excluded.value AS INTEGER) > CAST(value AS INTEGER)",
                     (confirmed_key(station), str(entry.seq)))
    return ArchiveReceipt(True)


def confirmed_key(station) -> str:
    """The ``station_state`` key of the last copy reservation confirmed (per archive when the policy names one)."""
    # When the office names its archive, only that archive's confirmations count: a count an archive of the
    # custodian's own raised (before the policy named the office's) is kept under another key and ignored.
    office = station.policy.archive_location
    return f"{CONFIRMED_KEY}:{normalised_location(office)}" if office else CONFIRMED_KEY


def _confirmed_seq(station) -> int:
    # None under a policy that newly names the office's archive: every copy counts until that archive takes one
    # (offline printing waits for one online reservation), as the office's own count would have it.
    rows = station.db.query("SELECT value FROM station_state WHERE key = ?", (confirmed_key(station),))
    return int(rows[0][0]) if rows else 0


def _check_not_rolled_back(station, backend) -> None:
    last = backend.last_copy_reservation(station.config.station_id)
    if last is None:
        return
    rows = station.db.query("SELECT hash FROM journal WHERE seq = ?", (last.seq,))
    if not rows or rows[0][0] != last.entry_hash:
        raise PrintRefusedError(
            f"The office archive holds copy {last.serial} of this station, reserved at journal entry {last.seq}, "
            f"which this station's journal {'no longer has' if not rows else 'has with other content'}: the "
            "station's records were rolled back (copied back from an older file, or entries deleted) after copies "
            "were printed. Nothing more is printed.",
            hint="The office checks the station (sealstation archive verify) and decides what to do with it.")


def _offline(station, entry: JournalEntry, why: str) -> ArchiveReceipt:
    grace = station.policy.print_offline_grace
    confirmed = _confirmed_seq(station)
    # Copies reserved since the archive last took one, less those a job that was not accepted released
    # (a refused or killed attempt printed nothing), unless a job accepted them (a copy is settled once: a
    # "failed" job appended after an accepted one is the insider's): the count ``archive verify`` makes.
    # The jobs of a reservation are found among its request's entries (the journal's (kind, request) index).
    waiting = station.db.query(
        f"SELECT COUNT(*) FROM journal r WHERE {kind_term(station.db, confirmed, 'r')} = ? AND r.seq > ? AND NOT ("
        "EXISTS (SELECT 1 FROM journal p WHERE p.kind = ? "
        "AND json_extract(p.data, '$.request') = json_extract(r.data, '$.request') AND p.seq > r.seq "
        "AND json_extract(p.data, '$.status') != 'accepted' "
        "AND json_extract(p.data, '$.copies[0].serial') = json_extract(r.data, '$.serial')) "
        "AND NOT EXISTS (SELECT 1 FROM journal a WHERE a.kind = ? "
        "AND json_extract(a.data, '$.request') = json_extract(r.data, '$.request') AND a.seq > r.seq "
        "AND json_extract(a.data, '$.status') = 'accepted' "
        "AND json_extract(a.data, '$.copies[0].serial') = json_extract(r.data, '$.serial')))",
        (JournalKind.COPY_RESERVED, confirmed, JournalKind.PRINT_JOB, JournalKind.PRINT_JOB))[0][0]
    if waiting > grace:
        raise PrintRefusedError(
            f"This copy cannot be printed now: {why}, and {waiting - 1} cop{'y' if waiting == 2 else 'ies'} "
            f"already printed wait to reach it (the office allows {grace} copies printed offline).",
            hint="Print again once the office archive can be reached (sealstation sync shows it); every copy is "
                 "counted there before it is printed.",
            code="print_offline_grace_used", reason=why, waiting=waiting - 1, grace=grace)
    return ArchiveReceipt(False, f"printed offline: {why}; the copy is counted there at the next sync (the office "
                                 f"allows {grace} copies printed offline)")
