"""The office archive's desk: sync, what is waiting, the archive's audit and the monthly report."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence, TYPE_CHECKING

from ..archive.audit import Finding, StationAudit
from ..archive.backend import open_backend
from ..archive.config import ArchiveConfig
from ..archive.report import MonthlyReportResult, report_format
from ..archive.sync import SyncResult, SyncStatus, sync_station, sync_status
from ..errors import ArchiveError, PermissionDeniedError
from ..journal.journal import JournalEntry, JournalKind
from ..permissions import Action, allowed, require
from ..users import User

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["ArchiveDesk", "ArchiveCheck", "FindingAt"]


class ArchiveDesk:
    """The office archive as seen from one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    def sync(self, location: str | None = None, *, fault=None) -> SyncResult:
        """Send the office archive what it does not hold yet (:mod:`sealstation.archive.sync`)."""
        cfg = self.station.sending_archive(location)
        if cfg is None:
            raise ArchiveError(f"Station {self.station.config.station_id} has no office archive configured.",
                               hint='Set "archive": {"location": ...} in station.json, or give --archive.',
                               code="archive_not_configured", station=self.station.config.station_id)
        backend = open_backend(cfg)
        try:
            return sync_station(self.station, backend, documents=cfg.documents, segment_entries=cfg.segment_entries,
                                fault=fault)
        finally:
            backend.close()

    def sync_status(self) -> SyncStatus:
        """What waits for the office archive (for the window's status strip)."""
        return sync_status(self.station, self.station.counted_archive())

    def archive_stations(self, location: str | None = None) -> list[str]:
        """The stations that have reported to the archive (for the report's station picker)."""
        with closing(open_backend(self._report_archive(location))) as backend:
            return backend.stations()

    def _report_archive(self, location: str | None) -> ArchiveConfig:
        cfg = self.station.archive_config(location)
        if cfg is None:
            raise ArchiveError(f"Station {self.station.config.station_id} has no office archive to report from.",
                               hint='Set "archive": {"location": ...} in station.json, or give the archive.',
                               code="archive_not_configured", station=self.station.config.station_id)
        return cfg

    def monthly_report(self, out: str | Path, *, month: str, by: str, password: str, location: str | None = None,
                       stations: Sequence[str] | None = None, overwrite: bool = False,
                       progress=None) -> MonthlyReportResult:
        """The month's 签盖记录和在线打印情况汇总表 from the office archive, for the office or an auditor.

        The format is ``out``'s extension (.xlsx, .pdf, .csv; :mod:`sealstation.archive.report`). The
        output rules are checked before the password; the export is journalled. ``progress(done, total)``
        is called as stations are read (from the calling thread).
        """
        report_format(out)
        path = self.station.check_output(out, overwrite=overwrite)
        person = self.station.users.authenticate(by, password)
        if not allowed(person, Action.MONTHLY_REPORT):
            raise PermissionDeniedError(f"{by} may not export the monthly report: it needs the office or auditor "
                                        "role.", hint="Ask the office (办公室) or an auditor to export it.",
                                        code="report_role", user=by)
        result = self.station._write_report(path, self._report_archive(location), self.station.ca_cert, month=month, now=self.station.now(),
                                    stations=stations, overwrite=overwrite, progress=progress)
        self.station.journal.append(JournalKind.REPORT_EXPORTED, {
            "month": month, "file": str(path), "format": path.suffix.lower().lstrip("."),
            "stations": list(stations or ()), "stamps": result.stamps, "findings": result.findings}, actor=by)
        return result

    # -- sync and the archive's checks, in the window --

    def _person(self, user: str) -> User:
        person = self.station.users.get(user)
        if person is None:
            raise PermissionDeniedError(f"There is no user {user} at this station.", code="role_missing", user=user,
                                        role="office or custodian")
        person = self.station.users.check_record(person)
        require(person, Action.SYNC_ARCHIVE, "sync with the office archive")
        return person

    def sync_now(self, user: str) -> SyncResult:
        """Send the office archive what waits now (``sealstation sync``), for the office or a custodian."""
        self._person(user)
        return self.sync()

    def waiting(self, user: str) -> SyncStatus:
        """What waits for the archive, the last sync and its failures (as the status strip shows them)."""
        self._person(user)
        return self.sync_status()

    def check_archive(self, user: str, *, stale_days: int = 7) -> ArchiveCheck:
        """``archive verify`` from the station: every station's segments in its archive checked against the office's
        seal authority (the pinned one, else the home's copy), each finding with the entry it points at here."""
        self._person(user)
        st = self.station
        cfg = st.archive_config()
        if cfg is None:
            raise ArchiveError(f"Station {st.config.station_id} has no office archive configured.",
                               hint="The office sets it in Station set-up.", code="archive_not_configured",
                               station=st.config.station_id)
        audits = st.audit_archive(cfg, st.ca_cert, now=st.now(), stale_days=stale_days)
        found = tuple(FindingAt(f, self._entry(f) if f.station == st.config.station_id else None)
                      for a in audits for f in a.findings)
        return ArchiveCheck(cfg.location, tuple(audits), found)

    def _entry(self, finding: Finding) -> JournalEntry | None:
        if finding.seq is None:
            return None
        return self.station.journal.entry(finding.seq)


@dataclass(frozen=True)
class FindingAt:
    """An archive finding and the entry of this station's journal it points at."""

    finding: Finding
    entry: JournalEntry | None
    """This station's entry ``finding.seq`` as its journal holds it; None: another station's finding, none named,
    or no such entry here (a journal cut short)."""


@dataclass(frozen=True)
class ArchiveCheck:
    """The archive checked from the station (:meth:`ArchiveDesk.check_archive`)."""

    location: str
    audits: tuple[StationAudit, ...]
    """Per station: segments, entries held, last report, findings."""
    findings: tuple[FindingAt, ...]
    """Every finding, stations in the archive's order."""
