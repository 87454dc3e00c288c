"""The office archive's desk: sync, what is waiting, the archive's audit and the monthly report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..archive.audit import Finding, StationAudit
from ..archive.sync import SyncResult, SyncStatus
from ..errors import ArchiveError, PermissionDeniedError
from ..journal.journal import JournalEntry
from ..permissions import Action, require
from ..users import User

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["ArchiveDesk", "ArchiveCheck", "FindingAt"]


class ArchiveDesk:
    """The office archive as seen from one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

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
        return self.station.sync()

    def waiting(self, user: str) -> SyncStatus:
        """What waits for the archive, the last sync and its failures (as the status strip shows them)."""
        self._person(user)
        return self.station.sync_status()

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
