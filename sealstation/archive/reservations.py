"""Copy reservations: the office archive counts each copy before it goes to the printer (在线打印).

A station's own rows and journal are files its custodian can copy back; a
copy counted only there is a copy that can be printed again. So before a
copy is handed to the print system, its reservation (the ``copy_reserved``
journal entry: serial, allowance, slot, and that entry's sequence number and
hash) is stored in the archive, where the station account can add but not
take back: a row the station's PostgreSQL role may only INSERT (a trigger
refuses UPDATE and DELETE for everyone), or an fsynced file in the folder
archive that never replaces one (``reservations/<station>/<seq>-<serial>.json``: the names alone give the
last reservation and whether a serial is taken, without reading the files).

Two checks use them:

* at the station, before each copy (:mod:`sealstation.printing.online`): the
  archive's last reservation from this station must still be in the station's
  journal with the same hash, and a serial is reserved once. A database
  copied back (or a journal whose last entries were deleted) no longer has it:
  printing is refused;
* in ``archive verify`` (:func:`check_reservations`): every reservation names
  an entry of the station's chain; once the archive holds that entry, its hash
  must match (else the station's records were rolled back or rewritten after
  the copy was reserved), and once the station has synced after the
  reservation, the archive must hold it (else a segment was removed, or the
  station sent a shorter history). Copies printed without a reservation (the
  archive could not be reached: the policy's ``print_offline_grace``) show in
  the segments as ``copy_reserved`` entries no reservation names; more of them
  in a row than the grace allows is a finding.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import ArchiveError, OutputError, OutputExistsError
from ..fsutil import atomic_output
from ..journal.journal import JournalKind

__all__ = ["CopyReservation", "CopyReservationRefused", "folder_reserve_copy", "folder_copy_reservations",
           "RESERVATIONS_SQL", "RESERVATION_COLUMNS", "check_reservations", "ReservationAudit"]


@dataclass(frozen=True)
class CopyReservation:
    """One copy as the station reserved it, before printing it."""

    station: str
    serial: str
    """The copy's serial (C000012), unique per station."""
    request: str
    allowance: str
    """The allowance it is printed under (the request's id for its own copies)."""
    slot: int
    """Its copy number under the allowance (1..of)."""
    of: int
    """The copies the allowance approved, as the station read them."""
    document_sha256: str
    seq: int
    """The station's ``copy_reserved`` journal entry."""
    entry_hash: str
    """That entry's hash: the chain the station had when it reserved the copy."""
    at: str
    """The station's time of the reservation (its clock)."""
    received_at: str | None = None
    """When the archive stored it (the server's time; the file's time in a folder archive). None until stored."""

    def to_json(self) -> bytes:
        return json.dumps({"format": "sealstation-copy-reservation/1", **asdict(self)}, sort_keys=True,
                          ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, received_at: str | None = None) -> "CopyReservation":
        doc = json.loads(data)
        if doc.pop("format", None) != "sealstation-copy-reservation/1":
            raise ValueError("not a copy reservation")
        doc["received_at"] = received_at
        return cls(**doc)


class CopyReservationRefused(ArchiveError):
    """The archive already holds this copy's serial: the station printed it before (its records were rolled back)."""


# -- the folder archive ---------------------------------------------------------------

_NAME = re.compile(r"^(\d{12})-(C\d{6,})\.json$")


def _folder(root: Path, station: str) -> Path:
    if not re.fullmatch(r"[A-Za-z0-9._-]+", station) or station.startswith("."):
        raise ArchiveError(f"Station id {station!r} cannot name a folder in the archive.")
    return Path(root) / "reservations" / station


def _names(folder: Path) -> list[str]:
    try:
        return sorted(n for n in os.listdir(folder) if _NAME.match(n))
    except FileNotFoundError:
        return []


def folder_reserve_copy(root: Path, reservation: CopyReservation) -> None:
    """Store ``reservation`` as its own fsynced file, named by its entry and serial, never replaced."""
    folder = _folder(root, reservation.station)
    target = folder / f"{reservation.seq:012d}-{reservation.serial}.json"
    if any(_NAME.match(n)[2] == reservation.serial for n in _names(folder)):
        raise _taken(reservation)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_output(target, overwrite=False) as out:  # fsynced, linked in whole, folder fsynced
            out.write(reservation.to_json())
    except OutputExistsError as exc:
        raise _taken(reservation) from exc
    except OutputError as exc:
        raise exc.__cause__ if isinstance(exc.__cause__, OSError) else OSError(str(exc)) from exc


def _taken(reservation: CopyReservation) -> CopyReservationRefused:
    return CopyReservationRefused(
        f"The office archive already holds copy {reservation.serial} of station {reservation.station}: this station "
        "printed that serial before, and its records no longer show it (copied back from an older file?).",
        hint="Nothing was printed. The office checks the station (sealstation archive verify).")


def folder_copy_reservations(root: Path, station: str, *, last_only: bool = False) -> list[CopyReservation]:
    """The station's reservations, in journal order (the last alone: one file read); an unreadable file is
    skipped (its entry and serial are in its name)."""
    folder = _folder(root, station)
    names = _names(folder)
    found = []
    for name in reversed(names) if last_only else names:
        path = folder / name
        try:
            received = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc).isoformat(timespec="seconds")
            found.append(CopyReservation.from_json(path.read_bytes(), received))
        except (OSError, ValueError, TypeError):
            continue
        if last_only:
            break
    return sorted(found, key=lambda r: r.seq)


# -- PostgreSQL -------------------------------------------------------------------------

RESERVATIONS_SQL = """
CREATE TABLE IF NOT EXISTS copy_reservations (
    id BIGSERIAL PRIMARY KEY,
    station TEXT NOT NULL,
    serial TEXT NOT NULL,
    request TEXT NOT NULL,
    allowance TEXT NOT NULL,
    slot INTEGER NOT NULL,
    of_total INTEGER NOT NULL,
    document_sha256 TEXT NOT NULL,
    seq BIGINT NOT NULL,
    entry_hash TEXT NOT NULL,
    station_at TEXT NOT NULL,
    sent_by NAME NOT NULL DEFAULT current_user,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (station, serial)
);
CREATE INDEX IF NOT EXISTS copy_reservations_station ON copy_reservations (station, seq);
"""
"""Installed with the archive schema; append-only like the other tables (the same triggers and grants)."""

RESERVATION_COLUMNS = {"copy_reservations": ("station", "serial", "request", "allowance", "slot", "of_total",
                                              "document_sha256", "seq", "entry_hash", "station_at")}
"""The columns a station's role may fill (INSERT only): the row id, ``sent_by`` and ``received_at`` are the server's."""


def pg_reserve_copy(archive, reservation: CopyReservation) -> None:
    import psycopg

    r = reservation
    try:
        archive.conn.execute(
            "INSERT INTO copy_reservations (station, serial, request, allowance, slot, of_total, document_sha256, seq, "
            "entry_hash, station_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (r.station, r.serial, r.request, r.allowance, r.slot, r.of, r.document_sha256, r.seq, r.entry_hash, r.at))
    except psycopg.errors.UniqueViolation as exc:
        raise _taken(reservation) from exc
    except psycopg.OperationalError as exc:
        raise OSError(str(exc)) from exc


def pg_copy_reservations(archive, station: str, *, last_only: bool = False) -> list[CopyReservation]:
    rows = archive._query(
        "SELECT station, serial, request, allowance, slot, of_total, document_sha256, seq, entry_hash, station_at, "
        "received_at FROM copy_reservations WHERE station = %s ORDER BY seq" + (" DESC LIMIT 1" if last_only else ""),
        (station,))
    return [CopyReservation(*row[:10], received_at=row[10].astimezone(dt.timezone.utc).isoformat(timespec="seconds"))
            for row in rows]


# -- archive verify ---------------------------------------------------------------------

def check_reservations(reservations: list[CopyReservation], hashes: dict[int, str], through: int,
                       last_report: str | None, offline: list[tuple[int, str]], grace: int, find) -> None:
    """The findings on a station's reservations against the chain the archive holds (see the module docstring).

    ``hashes``: seq → hash along the station's latest line, through ``through``; ``last_report``: the time of
    the last segment received; ``offline``: (seq, hash) of each ``copy_reserved`` entry the segments carry
    whose copy was not released by a job that was not accepted.
    """
    reserved = {(r.seq, r.entry_hash) for r in reservations}  # a forked history reuses sequence numbers
    for r in reservations:
        held = hashes.get(r.seq)
        if r.seq <= through and held != r.entry_hash:
            find("diverged", f"copy {r.serial} (request {r.request}, copy {r.slot}/{r.of}) was reserved at entry "
                 f"{r.seq}, which the station's journal as sent no longer has: its records were rolled back or "
                 "rewritten after the copy was printed", r.seq)
        elif r.seq > through and last_report is not None and _synced_since(r, dt.datetime.fromisoformat(last_report)):
            find("missing", f"copy {r.serial} was reserved at entry {r.seq}, but the station has synced since "
                 f"and the archive holds its journal only through entry {through}: entries the archive never "
                 "received (a segment removed, or the station's records rolled back)", r.seq)
    run: list[int] = []
    for seq, entry_hash in offline:
        if (seq, entry_hash) in reserved:
            run = []
            continue
        run.append(seq)
        if len(run) == grace + 1:
            find("offline-print", f"entries {run[0]}–{seq}: {len(run)} copies printed in a row without reaching the "
                 f"archive first (the office allows {grace} while the archive cannot be reached)", run[0])


def _synced_since(r: CopyReservation, made: dt.datetime) -> bool:
    """Whether the last segment was made after the reservation: by the station's own clock (the one both times
    come from), or by the archive's receipt time beyond a few minutes of clock difference."""
    if made > dt.datetime.fromisoformat(r.at):
        return True
    return r.received_at is not None and made > dt.datetime.fromisoformat(r.received_at) + dt.timedelta(minutes=5)


class ReservationAudit:
    """What ``archive verify`` gathers from a station's segments for :func:`check_reservations` (one reading)."""

    def __init__(self) -> None:
        from ..policy import StationPolicy

        self.copies: dict[int, tuple[str, str]] = {}
        """seq → (serial, entry hash) of the ``copy_reserved`` entries sent (the latest line's, for a fork)."""
        self.released: set[str] = set()
        """Serials whose job was not accepted (they printed nothing)."""
        self.accepted: set[str] = set()
        """Serials a job printed: printed even if a "failed" job follows (the station settles a copy once)."""
        self.grace = StationPolicy().print_offline_grace

    def take(self, seg) -> None:
        for e, data in seg.records(JournalKind.COPY_RESERVED, JournalKind.PRINT_JOB, JournalKind.POLICY_SIGNED,
                                   JournalKind.STATION_UPGRADED):
            if e["kind"] == JournalKind.COPY_RESERVED:
                self.copies[e["seq"]] = (str(data.get("serial")), e["hash"])
            elif e["kind"] == JournalKind.PRINT_JOB:
                settled = self.released if data.get("status") != "accepted" else self.accepted
                settled.update(str(c.get("serial")) for c in data.get("copies", ()))
            else:
                policy = data.get("new") or data.get("policy") or {}
                self.grace = int(policy.get("print_offline_grace", self.grace))

    def finish(self, backend, station: str, hashes: dict[int, str], through: int, last_report, find) -> int:
        """Check the station's reservations (findings through ``find``); the copies it printed offline."""
        listed = getattr(backend, "copy_reservations", None)
        if listed is None:
            return 0
        reservations = listed(station)
        printed = [(seq, entry_hash) for seq, (serial, entry_hash) in sorted(self.copies.items())
                   if serial not in self.released or serial in self.accepted]
        check_reservations(reservations, hashes, through, last_report, printed, self.grace, find)
        reserved = {(r.seq, r.entry_hash) for r in reservations}
        return sum(1 for copy in printed if copy not in reserved)
