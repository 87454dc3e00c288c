"""The office archive's desk: sync, what is waiting, the archive's audit and the monthly report."""

from __future__ import annotations

from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence, TYPE_CHECKING

from ..archive.backend import open_backend
from ..archive.config import ArchiveConfig
from ..archive.sync import SyncResult, SyncStatus, sync_station, sync_status
from ..errors import ArchiveError, PermissionDeniedError
from ..journal.journal import JournalEntry, JournalKind
from ..permissions import Action, allowed, require
from ..users import User

if TYPE_CHECKING:  # the station imports the desks
    from ..archive.audit import Finding, StationAudit
    from ..archive.overview import MonthlyOverview
    from ..archive.report import MonthlyReportResult
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
        from ..archive.report import report_format

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
        return self.station.person_allowed(user, Action.SYNC_ARCHIVE, "sync with the office archive")

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

    # -- the monthly report, shown in the window before it is exported --

    def monthly_overview(self, user: str, *, month: str, stations: Sequence[str] | None = None,
                         location: str | None = None, progress=None) -> MonthlyOverview:
        """The month's 签盖记录和在线打印情况汇总表 as the window shows it before export, for the office or an auditor.

        ``user`` is the person logged in at the window (their record is read again here: a role taken away or
        an account locked since the login counts). The archive is read once (``progress(done, total)`` per
        station, from the calling thread); :meth:`export_monthly_overview` writes that same reading to a file.
        """
        from ..archive.overview import overview_of
        from ..archive.summary import monthly_summary

        self.station.person_allowed(user, Action.MONTHLY_REPORT, "see the monthly report")
        with closing(open_backend(self._report_archive(location))) as backend:
            summary = monthly_summary(backend, self.station.ca_cert, month, stations=list(stations or ()) or None,
                                      now=self.station.now(), progress=progress)
        return overview_of(summary)

    def export_monthly_overview(self, overview: MonthlyOverview, out: str | Path, *, by: str, password: str,
                                overwrite: bool = False) -> MonthlyReportResult:
        """Write the month shown (``overview``) to ``out`` (.xlsx, .pdf or .csv by its extension), for the office or
        an auditor, who gives their password; journalled as :meth:`monthly_report` journals it.

        The output rules are checked before the password. The file holds the reading the window showed, not a
        second one.
        """
        from ..archive.report import MonthlyReportResult, export_summary, report_format

        report_format(out)
        path = self.station.check_output(out, overwrite=overwrite)
        person = self.station.users.authenticate(by, password)
        require(person, Action.MONTHLY_REPORT, "export the monthly report")
        summary = overview.summary
        export_summary(summary, path, overwrite=overwrite)
        self.station.journal.append(JournalKind.REPORT_EXPORTED, {
            "month": summary.month, "file": str(path), "format": path.suffix.lower().lstrip("."),
            "stations": list(summary.stations), "stamps": len(summary.stamps), "findings": len(summary.findings)},
            actor=by)
        kinds = Counter(what for _station, what, _detail in summary.findings)
        return MonthlyReportResult(path, summary.month, len(summary.stamps), len(summary.prints),
                                   len(summary.findings), tuple(kinds.items()))


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
