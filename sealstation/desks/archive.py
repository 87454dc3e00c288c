"""The office archive's desk: sync, what is waiting, the archive's audit and the monthly report."""

from __future__ import annotations

from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from ..archive.backend import open_backend
from ..archive.overview import MonthlyOverview, overview_of
from ..archive.report import MonthlyReportResult, export_summary, report_format
from ..archive.summary import monthly_summary
from ..errors import PermissionDeniedError
from ..journal.journal import JournalKind
from ..permissions import Action, require

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["ArchiveDesk"]


class ArchiveDesk:
    """The office archive as seen from one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    def monthly_overview(self, user: str, *, month: str, stations: Sequence[str] | None = None,
                         location: str | None = None, progress=None) -> MonthlyOverview:
        """The month's 签盖记录和在线打印情况汇总表 as the window shows it before export, for the office or an auditor.

        ``user`` is the person logged in at the window (their record is read again here: a role taken away or
        an account locked since the login counts). The archive is read once (``progress(done, total)`` per
        station, from the calling thread); :meth:`export_monthly_overview` writes that same reading to a file.
        """
        person = self.station.users.get(user)
        if person is None:
            raise PermissionDeniedError(f"{user} is not a user of this station.", code="role_missing", user=user,
                                        role="office or auditor")
        require(person, Action.MONTHLY_REPORT, "see the monthly report")
        archive = self.station._report_archive(location)
        with closing(open_backend(archive)) as backend:
            summary = monthly_summary(backend, self.station.ca_cert, month, stations=list(stations or ()) or None,
                                      now=self.station.now(), progress=progress)
        return overview_of(summary)

    def export_monthly_overview(self, overview: MonthlyOverview, out: str | Path, *, by: str, password: str,
                                overwrite: bool = False) -> MonthlyReportResult:
        """Write the month shown (``overview``) to ``out`` (.xlsx, .pdf or .csv by its extension), for the office or
        an auditor, who gives their password; journalled as :meth:`Station.monthly_report` journals it.

        The output rules are checked before the password. The file holds the reading the window showed, not a
        second one.
        """
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
