"""The auditor's desk: reading, filtering, verifying and exporting the journal; verifying a stamped file or a paper
copy.

The journal is read a page at a time (:mod:`sealstation.journal.query`): a station with a million entries opens
its first page, a month or a request's story in a few indexed lookups; the journal view's methods check the person's
role on their record as stored (:func:`sealstation.permissions.require`), whatever the window showed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..errors import PermissionDeniedError, PrintError, SealStationError
from ..journal import query
from ..journal.audit_export import export_format, write_entries
from ..journal.checkpoint import CheckpointState, compare, read_checkpoint
from ..journal.journal import JournalKind, JournalVerifyResult, export_journal, verify_journal
from ..journal.query import JournalFilter, ShownEntry, Span
from ..pdf.verify import VerifyResult, verify_pdf
from ..permissions import Action, ROLES_FOR, allowed, require
from ..users import User
from .verdicts import CopyCheck, CopyScan, StampedFileCheck, seal_spots

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["AuditDesk", "JournalFilter", "ShownEntry", "Span"]


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
        from ..pdf.timestamps import timestamp_roots

        return verify_pdf(path, trust_roots=self.station.verification_roots(),
                          timestamp_roots=timestamp_roots(self.station.policy))

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
        if not allowed(person, Action.EXPORT_JOURNAL):
            raise PermissionDeniedError(f"{user} may not export the journal: it needs the office or auditor role.",
                                        hint="Ask the office or an auditor to export it.", code="journal_export_role",
                                        user=user)
        n = export_journal(self.station.db, path, since=since, until=until, fmt=fmt, overwrite=overwrite)
        self.station.journal.append(JournalKind.EXPORT, {"entries": n, "from": since, "to": until, "format": fmt,
                                                 "file": str(path)}, actor=user)
        return n

    # -- verifying a stamped file or a paper copy (issue 18, the auditor) ------------------------------------

    def verify_stamped(self, path: str | Path, *, user: str | None = None) -> StampedFileCheck:
        """A stamped file's signatures, where its seals are, and whether the office archive holds each stamp.

        ``user``: who asks at the window (refused without :data:`Action.VERIFY`); None for the CLI and tests. An
        archive that cannot be asked does not stop the verdict: :attr:`StampedFileCheck.archive_problem` says why.
        A signature the archive does not know is recorded there as a sighting, as ``verify --archive`` does.
        """
        self._require(user, "verify a stamped file")
        result = self.verify(path)
        spots = seal_spots(result)
        try:
            cfg = self.station.archive_config()
        except SealStationError as exc:  # e.g. station.json names another archive than the office's policy
            return StampedFileCheck(result, spots, self.station.policy.archive_location or None, None, exc)
        if cfg is None:
            return StampedFileCheck(result, spots, None)
        if not result.signatures:
            return StampedFileCheck(result, spots, cfg.location)
        try:
            found = self.station.registrations(path, result.signatures, cfg, self.station.ca_cert,
                                               now=self.station.now())
        except SealStationError as exc:
            return StampedFileCheck(result, spots, cfg.location, None, exc)
        return StampedFileCheck(result, spots, cfg.location, found)

    def check_copy(self, text: str, *, user: str | None = None) -> CopyCheck:
        """A paper copy's QR text, or its serial: genuine, which copy, and its status (current, voided, recalled).

        This station's records first; a genuine copy they do not know (printed by another station of the office)
        is looked up in the office archive when one is configured.
        """
        self._require(user, "verify a paper copy")
        result = self.verify_copy(text)
        ours = result.payload.station_id == self.station.config.station_id
        if result.record is not None or (ours and not result.genuine):
            return CopyCheck(result, "station")
        try:  # another station's copy (its certificate is in the archive), or one this station has no record of
            cfg = self.station.archive_config()
            if cfg is None:
                return CopyCheck(result, "station")
            found = self.station.verify_copy_in_archive(result.payload.text() if ours else text, cfg,
                                                        self.station.ca_cert)
        except SealStationError as exc:
            return CopyCheck(result, "station", exc)
        return CopyCheck(found, "archive") if found.record is not None or not ours else CopyCheck(result, "station")

    def verify_copy_scan(self, path: str | Path, *, user: str | None = None) -> CopyScan:
        """The copies' QR codes found on a scan or photo of the page (PNG, JPEG, PDF …), each checked.

        :class:`PrintError` code ``copy_scan_unreadable`` when the file is no image or PDF that can be read,
        ``copy_scan_no_code`` when it holds no QR code, and the code's own refusal (``copy_code_foreign``,
        ``copy_code_damaged``) when the only codes found are no copy's.
        """
        from ..printing.scan import find_copy_codes

        self._require(user, "verify a paper copy")
        name = Path(path).name
        codes = find_copy_codes(path)
        if not codes:
            raise PrintError(f"No QR code was found on {name}.",
                             hint="Scan the page again, flat and whole, at 300 dpi or more, or type the serial "
                                  "printed under the code.", code="copy_scan_no_code", file=name)
        checks, refused = [], []
        for text in codes:
            try:
                checks.append(self.check_copy(text))
            except PrintError as exc:  # a code that is no copy's (a letterhead's web address)
                refused.append(exc)
        if not checks:
            raise refused[0]
        return CopyScan(name, tuple(checks), len(refused))

    def _require(self, user: str | None, words: str) -> None:
        """Refuse unless ``user`` (a login's name) may verify; nobody named: the station's own tools."""
        if user is None:
            return
        person = self.station.users.get(user)
        if person is None:
            raise PermissionDeniedError(f"{user} may not {words}: there is no such user at this station.",
                                        code="role_missing", user=user,
                                        role=" or ".join(sorted(r.value for r in ROLES_FOR[Action.VERIFY])))
        require(person, Action.VERIFY, words)

    # -- the auditor's journal view (ui/audit_journal.py) -------------------------------------------------------------

    def _reader(self, user: str, action: str = Action.AUDIT_JOURNAL, words: str = "read the whole journal") -> User:
        """The person's record as stored, allowed ``action``."""
        person = self.station.users.get(user)
        if person is None:
            raise PermissionDeniedError(f"{user} is not a user of this station.", code="role_missing", user=user,
                                        role="auditor")
        require(person, action, words)
        return person

    def journal_span(self, user: str) -> Span:
        """The journal's first and last entries' times and its head: the periods the view offers."""
        self._reader(user)
        return query.span(self.station.db)

    def journal_kinds(self, user: str) -> tuple[str, ...]:
        """The kinds of entry the journal holds (one indexed lookup a kind)."""
        self._reader(user)
        return query.kinds_present(self.station.db)

    def journal_people(self, user: str) -> tuple[tuple[str, str], ...]:
        """(user name, full name) of the station's users, for the user filter (who may have acted)."""
        self._reader(user)
        return tuple(sorted((u.username, u.display_name or "") for u in self.station.users.list()))

    def journal_seals(self, user: str) -> tuple[tuple[str, str], ...]:
        """(seal id, the seal's name as engraved) of the register's seals, for the seal filter."""
        self._reader(user)
        return tuple(sorted({(record.seal_id, record.name) for record in self.station.seals.all()}))

    def count(self, user: str, flt: JournalFilter, *, wanted: Callable[[], bool] | None = None) -> int | None:
        """How many entries ``flt`` shows (the period's entries are counted, never the whole journal); None when
        ``wanted()`` said False between two slices of the count (the view asked for another filter meanwhile)."""
        self._reader(user)
        return query.count(self.station.db, flt, wanted=wanted)

    def page(self, user: str, flt: JournalFilter, *, after: int = 0, limit: int = 200) -> tuple[ShownEntry, ...]:
        """The next ``limit`` entries ``flt`` shows past seq ``after`` in its order (0: from the start; fewer than
        ``limit``: the last page)."""
        self._reader(user)
        return query.page(self.station.db, flt, after=after, limit=limit)

    def entry(self, user: str, seq: int) -> ShownEntry | None:
        """One entry by its seq (None when there is none)."""
        self._reader(user)
        found = query.page(self.station.db, JournalFilter(), after=seq - 1, limit=1)
        return found[0] if found and found[0].seq == seq else None

    def story(self, user: str, request_id: str) -> tuple[ShownEntry, ...]:
        """A request's whole story in order: received, approved or refused, stamped (attempts and outcomes), copies
        reserved and printed, extra copies allowed, voids and recalls."""
        self._reader(user)
        return query.story(self.station.db, request_id)

    def story_of(self, user: str, entry: ShownEntry) -> tuple[ShownEntry, ...]:
        """The story of the request ``entry`` belongs to (the one it names, or its attempt's); () for none."""
        self._reader(user)
        request = query.request_of(self.station.db, entry)
        return query.story(self.station.db, request) if request else ()

    def verify_chain(self, user: str) -> JournalVerifyResult:
        """Every entry and link checked (:meth:`verify_journal`: a break found stops stamping, journalled)."""
        self._reader(user)
        return self.verify_journal()

    def check_against_token(self, user: str, password: str, pin: str):
        """The journal against the checkpoint on the station's USB key (:meth:`compare_with_token`), after the
        person's password; a :class:`~sealstation.journal.checkpoint.Comparison`."""
        self._reader(user)
        self.station.check_password(user, password)
        return self.compare_with_token(pin)

    def export(self, user: str, password: str, out: str | Path, flt: JournalFilter, *,
               overwrite: bool = False) -> int:
        """Write the entries ``flt`` shows to ``out`` (.csv or .xlsx), for the office or an auditor; how many.

        The output rules are checked before the password; the export is journalled with its filter.
        """
        fmt = export_format(out)
        path = self.station.check_output(out, overwrite=overwrite)
        self._reader(user, Action.EXPORT_JOURNAL, "export the journal")
        self.station.users.authenticate(user, password)
        n = write_entries(self.station.db, flt, path, overwrite=overwrite)
        self.station.journal.append(JournalKind.EXPORT, {
            "entries": n, "from": flt.since, "to": flt.until, "format": fmt, "file": str(path),
            "filter": {k: v for k, v in (("kind", flt.kind), ("actor", flt.actor), ("seal", flt.seal),
                                         ("request", flt.request)) if v}}, actor=user)
        return n
