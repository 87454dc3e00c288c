"""The office archive's desk: sync, what is waiting, the archive's audit and the monthly report."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Sequence, TYPE_CHECKING

from ..archive.backend import open_backend
from ..archive.config import ArchiveConfig
from ..archive.report import MonthlyReportResult, report_format
from ..archive.sync import SyncResult, SyncStatus, sync_station, sync_status
from ..errors import ArchiveError, PermissionDeniedError
from ..journal.journal import JournalKind
from ..users import Role

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["ArchiveDesk"]


class ArchiveDesk:
    """The office archive as seen from one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    def sync(self, location: str | None = None, *, fault=None) -> SyncResult:
        """Send the office archive what it does not hold yet (:mod:`sealstation.archive.sync`)."""
        cfg = self.station.sending_archive(location)
        if cfg is None:
            raise ArchiveError(f"Station {self.station.config.station_id} has no office archive configured.",
                               hint='Set "archive": {"location": ...} in station.json, or give --archive.')
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
        if not {Role.OFFICE, Role.AUDITOR} & set(person.roles):
            raise PermissionDeniedError(f"{by} may not export the monthly report: it needs the office or auditor "
                                        "role.", hint="Ask the office (办公室) or an auditor to export it.",
                                        code="report_role", user=by)
        result = self.station._write_report(path, self._report_archive(location), self.station.ca_cert, month=month, now=self.station.now(),
                                    stations=stations, overwrite=overwrite, progress=progress)
        self.station.journal.append(JournalKind.REPORT_EXPORTED, {
            "month": month, "file": str(path), "format": path.suffix.lower().lstrip("."),
            "stations": list(stations or ()), "stamps": result.stamps, "findings": result.findings}, actor=by)
        return result
