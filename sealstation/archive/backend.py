"""The archive's one interface, and the folder archive (the default, one site).

An :class:`ArchiveBackend` stores signed segments and never changes or
removes one: the same segment sent twice is stored once (named by its
digest), a correction or a divergent history is a new segment. Segments of a
station are kept in the order received; :meth:`ArchiveBackend.latest` is the
last one received, which is where the station's next sync continues.

The folder archive writes ``stations/<station>/<receipt>_<first>-<last>-<digest>.json``
(temp name, fsync, link to the final name, which never replaces a file, fsync
the folder): the office never reads half a segment, and a receipt number
taken twice by two writers fails for one of them, which takes the next.
Stamped files sent with their records go to ``documents/<sha256>.pdf``.

When did the archive receive a segment? The folder archive's answer is the
file's inode change time (``st_ctime``): the kernel, or the file server of a
share, sets it to its own clock when the file is linked in and again at any
later change (chmod, touch, rename, link), and no call lets the station's
account set it back. So it is never earlier than the real receipt; touching a
file only makes it later (a finding against the one who did it). Its limits:
a folder restored or copied from a backup shows the copy's time; root on the
file server sets any clock; and a share served from NTFS (a Windows server)
lets whoever may write a file's attributes set its change time too, so there
the time is only as good as the share's permissions (the office's own copy of
the archive, or PostgreSQL, is the answer). PostgreSQL keeps the server's ``now()`` in
the row instead. The office makes a folder an archive once (its marker file, :meth:`FolderArchive.create`):
a station never writes into a folder without it, such as the empty mount
point of a share that is not mounted.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Protocol

from ..errors import ArchiveError, ArchiveUnreachableError, OutputError, OutputExistsError
from ..fsutil import atomic_output
from .segment import SignedSegment, parse_segment

__all__ = ["ArchiveBackend", "StoredSegment", "SegmentHead", "FolderArchive", "open_backend"]


@dataclass(frozen=True)
class SegmentHead:
    """Where a stored segment sits in its station's chain (read without parsing the segment)."""

    receipt: int
    first: int
    last: int
    digest: str


@dataclass(frozen=True)
class StoredSegment:
    """A segment as the archive holds it: its receipt number, and its content (None when unreadable)."""

    head: SegmentHead
    signed: SignedSegment | None
    problem: str = ""
    """Why it could not be read, when ``signed`` is None."""
    received_at: dt.datetime | None = None
    """When the archive received it, by the archive's clock, not the station's (None: unknown)."""
    sent_by: str = ""
    """Who stored it, as the archive knows it (the database role; empty for a folder, which does not know)."""


class ArchiveBackend(Protocol):
    """What the station's sync, ``archive verify``, registration and the summaries need of an archive."""

    location: str

    def put_segment(self, signed: SignedSegment) -> bool:
        """Store ``signed`` once; False when it was already there. Raises ArchiveUnreachableError."""

    def put_document(self, station: str, sha256: str, data: bytes) -> None:
        """Store a stamped file once (by its SHA-256)."""

    def latest(self, station: str) -> SignedSegment | None:
        """The segment last received from ``station``."""

    def hash_at(self, station: str, seq: int) -> str | None:
        """The hash of entry ``seq`` in the segment last received that covers it."""

    def receipt_time(self, station: str) -> dt.datetime | None:
        """When the archive received ``station``'s last segment, by the archive's own clock."""

    def stations(self) -> list[str]:
        """The stations that have sent segments."""

    def segments(self, station: str) -> Iterator[StoredSegment]:
        """The station's segments in the order received."""

    def find_text(self, text: str) -> Iterator[StoredSegment]:
        """Segments (of any station) whose stored form contains ``text`` (e.g. a signature digest)."""

    def put_sighting(self, sighting) -> None:
        """Record a NOT REGISTERED signature seen by verify (:mod:`.sightings`); never replaces one."""

    def sightings(self, month: str) -> list:
        """The sightings recorded in ``month`` (YYYY-MM, UTC+8)."""

    def close(self) -> None: ...


MARKER_NAME = "SEALSTATION-ARCHIVE"
_NAME = re.compile(r"^(\d{8})_(\d{12})-(\d{12})-([0-9a-f]{64})\.json$")


def _unreachable(location: str, exc: BaseException) -> ArchiveUnreachableError:
    cause = exc.__cause__ if isinstance(exc, OutputError) and exc.__cause__ else exc
    code = getattr(cause, "errno", None)
    why = {errno.ENOSPC: "it is full", errno.EROFS: "it is read-only", errno.EACCES: "writing is not allowed",
           errno.ENOENT: "it is not there (not mounted?)", errno.EDQUOT: "the quota is used up"}.get(
        code, getattr(cause, "strerror", None) or str(cause))
    return ArchiveUnreachableError(f"The office archive {location} cannot take records now: {why}.",
                                   hint="Nothing was lost: the records stay queued here and are sent at the next sync.",
                                   code=_UNREACHABLE_CODES.get(code, "archive_unreachable"), archive=location,
                                   reason=why)


_UNREACHABLE_CODES = {errno.ENOSPC: "archive_full", errno.EROFS: "archive_read_only", errno.EACCES: "archive_denied",
                      errno.ENOENT: "archive_absent", errno.EDQUOT: "archive_full"}
"""The errors' codes (:mod:`sealstation.errors`) of an archive folder that cannot take records, by errno."""


class FolderArchive:
    """A folder archive: a network share mounted on the station, or a local path."""

    numbered = True
    """Receipt numbers are per station and contiguous: a gap is a segment removed."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.location = str(self.root)

    def _station_dir(self, station: str) -> Path:
        if not re.fullmatch(r"[A-Za-z0-9._-]+", station) or station.startswith("."):
            raise ArchiveError(f"Station id {station!r} cannot name a folder in the archive.")
        return self.root / "stations" / station

    @property
    def marker(self) -> Path:
        return self.root / MARKER_NAME

    def reopener(self):
        """A picklable call that opens this archive again (a worker process's own, :mod:`.pool`)."""
        return functools.partial(FolderArchive, self.root)

    @classmethod
    def create(cls, root: str | Path) -> "FolderArchive":
        """The office makes a folder an archive (its marker file); an existing archive is left as it is."""
        archive = cls(root)
        if not archive.marker.is_file():
            try:
                archive.root.mkdir(parents=True, exist_ok=True)
                with atomic_output(archive.marker, overwrite=False) as out:
                    out.write(b'{"format": "sealstation-archive/1"}\n')
            except OutputExistsError:
                pass
            except OutputError as exc:
                raise ArchiveError(f"{root} cannot be made an archive: {exc.message}") from exc
        return archive

    def _check_root(self, *, reading: bool = False) -> None:
        # Without the marker this is the empty mount point of a share that is not mounted: never write there,
        # and never read it as an archive that holds nothing (a check or report would pass on an empty folder).
        if not self.marker.is_file():
            first = "Nothing was read from it." if reading else "Nothing was lost: the records stay queued here."
            raise ArchiveUnreachableError(
                f"The office archive folder {self.root} is not there, or is not an archive (no {MARKER_NAME}: "
                "share not mounted?).", hint=f"{first} Check --archive or station.json; the office makes a "
                "folder an archive once with 'sealstation archive init --archive DIR'.",
                code="archive_absent", archive=str(self.root))

    def heads(self, station: str) -> list[SegmentHead]:
        folder = self._station_dir(station)
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise _unreachable(self.location, exc) from exc
        found = []
        for name in names:
            m = _NAME.match(name)
            if m:
                found.append(SegmentHead(int(m[1]), int(m[2]), int(m[3]), m[4]))
        return sorted(found, key=lambda h: h.receipt)

    def _path(self, station: str, h: SegmentHead) -> Path:
        return self._station_dir(station) / f"{h.receipt:08d}_{h.first:012d}-{h.last:012d}-{h.digest}.json"

    def _read(self, station: str, h: SegmentHead) -> StoredSegment:
        path = self._path(station, h)
        try:
            data, received = path.read_bytes(), _changed_at(path)
        except OSError as exc:
            raise _unreachable(self.location, exc) from exc
        try:
            return StoredSegment(h, parse_segment(data), received_at=received)
        except (ValueError, KeyError, TypeError) as exc:
            return StoredSegment(h, None, f"it cannot be read as a segment ({exc})", received_at=received)

    def receipt_time(self, station: str) -> dt.datetime | None:
        self._check_root()
        heads = self.heads(station)
        try:
            return _changed_at(self._path(station, heads[-1])) if heads else None
        except OSError as exc:
            raise _unreachable(self.location, exc) from exc

    def put_segment(self, signed: SignedSegment) -> bool:
        self._check_root()
        seg, digest = signed.segment, signed.digest
        folder = self._station_dir(seg.station)
        data = signed.to_bytes()
        for _ in range(100):
            heads = self.heads(seg.station)
            if any(h.digest == digest for h in heads):
                return False
            head = SegmentHead((heads[-1].receipt if heads else 0) + 1, seg.first, seg.last, digest)
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with atomic_output(self._path(seg.station, head), overwrite=False) as out:
                    out.write(data)
                return True
            except OutputExistsError:
                continue  # another writer took this receipt number: take the next
            except (OutputError, OSError) as exc:
                raise _unreachable(self.location, exc) from exc
        raise ArchiveUnreachableError(f"The office archive {self.location} is too busy to take a segment now.",
                                      code="archive_busy", archive=self.location)

    def put_document(self, station: str, sha256: str, data: bytes) -> None:
        self._check_root()
        target = self.root / "documents" / f"{sha256}.pdf"
        if target.exists():
            return
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with atomic_output(target, overwrite=False) as out:
                out.write(data)
        except OutputExistsError:
            return
        except (OutputError, OSError) as exc:
            raise _unreachable(self.location, exc) from exc

    def latest(self, station: str) -> SignedSegment | None:
        self._check_root()
        heads = self.heads(station)
        for h in reversed(heads):  # an unreadable or another station's last segment is skipped; archive verify names it
            stored = self._read(station, h)
            if stored.signed is not None and stored.signed.segment.station == station:
                return stored.signed
        return None

    def hash_at(self, station: str, seq: int) -> str | None:
        for h in reversed(self.heads(station)):
            if h.first <= seq <= h.last:
                stored = self._read(station, h)
                if stored.signed is not None:
                    for e in stored.signed.segment.entries:
                        if e["seq"] == seq:
                            return e["hash"]
        return None

    def stations(self) -> list[str]:
        self._check_root(reading=True)
        try:
            return sorted(p.name for p in (self.root / "stations").iterdir() if p.is_dir())
        except FileNotFoundError:
            return []

    def segments(self, station: str) -> Iterator[StoredSegment]:
        for h in self.heads(station):
            yield self._read(station, h)

    def find_text(self, text: str) -> Iterator[StoredSegment]:
        needle = text.encode("utf-8")
        for station in self.stations():
            for h in self.heads(station):
                path = self._path(station, h)
                if needle in path.read_bytes():
                    yield self._read(station, h)

    def put_sighting(self, sighting) -> None:
        import getpass
        import secrets
        from dataclasses import replace

        from .sightings import month_key

        self._check_root()
        sighting = replace(sighting, seen_by=sighting.seen_by or getpass.getuser())
        stamp = sighting.seen_at.replace(":", "").replace("-", "")[:15]
        target = (self.root / "sightings" / month_key(sighting.seen_at) /
                  f"{stamp}-{sighting.digest[:16]}-{secrets.token_hex(4)}.json")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with atomic_output(target, overwrite=False) as out:
                out.write(sighting.to_json())
        except (OutputError, OSError) as exc:
            raise _unreachable(self.location, exc) from exc

    def sightings(self, month: str) -> list:
        from .sightings import Sighting

        folder = self.root / "sightings" / month
        found = []
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
            try:
                found.append(Sighting.from_json(path.read_bytes()))
            except (OSError, ValueError, TypeError) as exc:
                found.append(Sighting("", path.name, "", "?", "", "", f"unreadable: {exc}"))
        return found

    def close(self) -> None:
        pass

    # -- copy reservations (:mod:`.reservations`) --------------------------------------

    def reserve_copy(self, reservation) -> None:
        """Store a copy's reservation before it is printed; CopyReservationRefused when its serial is there."""
        from .reservations import folder_reserve_copy

        self._check_root()
        try:
            folder_reserve_copy(self.root, reservation)
        except OSError as exc:
            raise _unreachable(self.location, exc) from exc

    def copy_reservations(self, station: str) -> list:
        from .reservations import folder_copy_reservations

        return folder_copy_reservations(self.root, station)

    def last_copy_reservation(self, station: str):
        """The station's reservation with the highest journal entry, or None."""
        from .reservations import folder_copy_reservations

        self._check_root()
        found = folder_copy_reservations(self.root, station, last_only=True)
        return found[-1] if found else None


def _changed_at(path: Path) -> dt.datetime:
    """The file's inode change time: set by the kernel or file server, never moved back by the file's owner."""
    return dt.datetime.fromtimestamp(path.stat().st_ctime, dt.timezone.utc)


def open_backend(cfg) -> ArchiveBackend:
    """The backend for an :class:`~sealstation.archive.config.ArchiveConfig`."""
    if cfg.is_postgres:
        from .postgres import PostgresArchive

        return PostgresArchive.connect(cfg.location)
    return FolderArchive(cfg.location)
