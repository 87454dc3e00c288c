"""The auditor's desk: reading, filtering, verifying and exporting the journal; verifying a stamped file or a paper copy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PermissionDeniedError
from ..journal.checkpoint import CheckpointState, compare, read_checkpoint
from ..journal.journal import JournalKind, export_journal, verify_journal
from ..pdf.verify import VerifyResult, verify_pdf
from ..users import Role

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["AuditDesk"]


class AuditDesk:
    """What an auditor does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    def verify_journal(self):
        """Check every entry and link of the journal; a break found sets the tamper stop (journalled)."""
        result = verify_journal(self.station.db)
        if not result.ok and not self.station.journal.tampered():
            self.station.journal.record_tamper(result)
        return result

    def compare_with_token(self, pin: str):
        """``journal verify`` with the PIN: the database against the checkpoint on the station's token.

        Reads the checkpoint only; a disagreement sets the tamper stop in the
        database (the next stamp records it on the token as well).
        """
        token = self.station.token()
        try:
            cp = token.run(lambda session: read_checkpoint(session, self.station.config.station_id), pin=pin)
        finally:
            token.logout()
        result = compare(self.station.db, cp, ca_cert=self.station.journal.ca_cert, now=self.station.clock())
        if result.state not in (CheckpointState.AGREES, CheckpointState.NONE) and not self.station.journal.tampered():
            stop = cp.tamper["stop"] if result.stopped else None
            self.station.journal.record_stop(result.reason, stop=stop, source=f"journal verify with token '{token.label}'")
        return result

    def verify(self, path: str | Path) -> VerifyResult:
        return verify_pdf(path, trust_roots=self.station.verification_roots())

    def verify_copy(self, text: str):
        """A scanned copy's QR text, or its serial: genuine, which copy, and its status here."""
        return self.station.printing().check_copy(text)

    def export_journal(self, out: str | Path, *, user: str, password: str, since: str | None = None,
                       until: str | None = None, fmt: str = "csv", overwrite: bool = False) -> int:
        """Export journal entries in [since, until) for the office or an auditor; return how many.

        The output rules are checked before the password (the CLI also calls
        :meth:`check_output` before it asks for it); the export is journalled.
        """
        path = self.station.check_output(out, overwrite=overwrite)
        person = self.station.users.authenticate(user, password)
        if not {Role.OFFICE, Role.AUDITOR} & set(person.roles):
            raise PermissionDeniedError(f"{user} may not export the journal: it needs the office or auditor role.",
                                        hint="Ask the office or an auditor to export it.", code="journal_export_role",
                                        user=user)
        n = export_journal(self.station.db, path, since=since, until=until, fmt=fmt, overwrite=overwrite)
        self.station.journal.append(JournalKind.EXPORT, {"entries": n, "from": since, "to": until, "format": fmt,
                                                 "file": str(path)}, actor=user)
        return n
