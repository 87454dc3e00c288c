"""Controlled printing: exactly the approved copies of a trusted stamped document, each accounted for.

What may be printed is a stamped file of this station whose signatures
verify as trusted (:meth:`AuditDesk.verify`), under an *allowance*: the
approved request that stamped it (its approved copies, kind ``first``), an
approval for extra copies of the same file (加印, kind ``extra``, signed by an
approver with the authority for its seals) or the office's approval of
replacements for voided copies (kind ``replacement``, signed by the seal
authority). Copies left = approved − printed.

Each copy is reserved before it is printed, in the station database, under
``UNIQUE (allowance, slot)`` with slot ≤ approved (of two processes taking
the last copy one insert fails), with its ``copy_reserved`` journal entry in
the same transaction; the reservation then reaches the office archive before
the copy reaches the print system (:mod:`.online`: 在线打印), or the office's
small offline grace applies. Copies used, voided and recalled are counted
from the chained journal entries (``copy_reserved``, ``print_job``,
``copy_voided``, ``copy_recalled``), never from the editable rows alone: a
row moved to another allowance, deleted, or a "recalled" row inserted changes
no count. The copy then follows its job: ``reserved`` →
``sending`` (handed to the print system) → ``printed`` (the print system
accepted it; ``print_job`` journalled in the same transaction). A failed or
cancelled job releases its slot, journalled too. The attempt holds the station
lock shared; recovery (under the lock alone, when no attempt is live) settles
the copies a killed process left open (:func:`recover_open_copies`). Printing
runs it itself before it counts what is left (planning included), so a killed
print never holds its copies until someone stamps.

Printing into a file (``--to-pdf``) is the office's choice (the policy's
``print_to_file``): off, it is refused before anything is asked or written.

A reprint (重印): the corrected document's request names the one it
supersedes; its copies may be printed only after every printed copy of the
earlier one was voided or recorded as recalled and destroyed. A superseded
stamped file is never printed again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from cryptography import x509
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from sqlcipher3 import IntegrityError

from ..approval.requests import RequestState, StampRequest
from ..approval.signed import sign_payload
from ..errors import ApprovalError, PermissionDeniedError, PrintError, PrintRefusedError, SealStationError
from ..fsutil import read_input_bytes
from ..journal.journal import JournalKind, canonical_json, iso_seconds
from ..model import copies_problem
from ..permissions import Action, allowed
from ..pdf.preview import count_pages
from ..seals.authority import office_signature_ok
from ..users import Role
from .marks import CopyMarks, MarksConfig, render_copy_pages
from .online import reserve_in_archive
from .payload import CopyPayload, check_payload, make_payload, parse_payload
from .sink import CopyJob, JobOutcome, JobStatus, PrintSink
from .states import AllowanceKind, CopyState, CopyStatus

__all__ = ["Allowance", "PrintPlan", "CopyRecord", "PrintedCopy", "PrintResult", "CopyCheckResult", "PrintDesk",
           "recover_open_copies", "check_copy_offline", "is_copy_serial"]


@dataclass(frozen=True)
class Allowance:
    """Approved copies of one stamped file, under one approval."""

    id: str
    """The stamp request's id (``first``), or the extra/replacement allowance's id."""
    kind: AllowanceKind
    """Under which approval: the request's own copies, extra copies (加印) or replacements (补印)."""
    request: StampRequest
    """The request whose stamp made the file."""
    approved: int
    printed: int
    """Copies used up: printed, being printed, or voided (a spoiled copy still counts)."""

    @property
    def left(self) -> int:
        return max(0, self.approved - self.printed)


@dataclass(frozen=True)
class PrintPlan:
    """A checked print: this file, these copies, under this allowance. No secret was needed to make it."""

    path: Path
    document_sha256: str
    page_count: int
    allowance: Allowance
    copies: int
    seal_boxes: dict
    """1-based page → seal rectangles in mm (never covered by the marks)."""

    @property
    def document_name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class CopyRecord:
    """One printed (or in-flight) copy, as the station recorded it."""

    serial: str
    request_id: str
    allowance: str
    kind: AllowanceKind
    number: int
    of: int
    document_name: str
    document_sha256: str
    destination: str
    state: CopyState
    job: str | None
    custodian: str
    at: str
    payload: str
    status: CopyStatus = CopyStatus.CURRENT
    """Current, or voided or recalled since it was printed."""
    status_reason: str | None = None


@dataclass(frozen=True)
class PrintedCopy:
    serial: str
    number: int
    of: int
    outcome: JobOutcome


@dataclass(frozen=True)
class PrintResult:
    plan: PrintPlan
    copies: tuple[PrintedCopy, ...]
    notes: tuple[str, ...] = ()
    """E.g. pages shrunk to make room for the marks."""

    @property
    def printed(self) -> int:
        return sum(1 for c in self.copies if c.outcome.accepted)


@dataclass(frozen=True)
class CopyCheckResult:
    """``verify-copy``: is it genuine, which copy is it, and is it still current."""

    payload: CopyPayload | None
    genuine: bool
    why_not: str | None
    record: CopyRecord | None = None
    status_known: bool = False

    @property
    def current(self) -> bool:
        return self.genuine and (not self.status_known or (self.record is not None and self.record.status == CopyStatus.CURRENT))


_SERIAL = re.compile(r"C\d{6,}")
_COPY_KINDS_SQL = "'copy_reserved', 'print_job', 'copy_voided', 'copy_recalled'"
"""The entries a copy's count and status come from (each looked up by its request in the journal's index)."""
_COPY_COLS = ("serial, request_id, allowance, kind, slot, of_total, document_name, document_sha256, destination, "
              "state, job, custodian, at, payload")


class PrintDesk:
    """The printing use cases of one open :class:`~sealstation.station.Station`."""

    def __init__(self, station) -> None:
        self.station = station
        self.db, self.journal = station.db, station.journal

    # -- what may be printed -------------------------------------------------

    def plan(self, document: str | Path, *, copies: int, request_id: str | None = None) -> PrintPlan:
        """Check the file and find the allowance; refuse (:class:`PrintRefusedError`) saying why not."""
        path = Path(document)
        problem = copies_problem(copies)
        if problem:
            raise PrintRefusedError(f"{path.name} is not printed: {problem}.")
        self.station.recover()  # a copy a killed print left open holds its slot until it is settled
        report = self._verified(path)
        allowances = self.allowances(report.sha256, path.name)
        chosen = self._choose(allowances, copies, request_id)
        boxes: dict[int, list] = {}
        for s in report.signatures:
            if s.placement and s.size_mm:
                (cx, cy), (w, h) = s.placement.center_mm, s.size_mm
                boxes.setdefault(s.placement.page, []).append((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2))
        return PrintPlan(path, report.sha256, count_pages(path), chosen, copies, boxes)

    def allowances(self, sha256: str, name: str = "the file") -> list[Allowance]:
        """Every allowance for this stamped file, checked; refused when it may not be printed at all."""
        request = self._stamped_request(sha256, name)
        self._check_reprint(request)
        approval = self.station.requests.approval_of(request.id)
        if approval is None or self.station.requests.verifier is None:
            raise PrintRefusedError(f"Request {request.id} has no approval that can be checked.")
        try:
            self.station.requests.verifier.check(approval, request, request.seals[0])
        except ApprovalError as exc:
            raise PrintRefusedError(f"{name} cannot be printed: {exc.message}", hint=exc.hint) from exc
        used = self._usage(request.id)
        found = [Allowance(request.id, AllowanceKind.FIRST, request, request.copies, len(used.get(request.id, ())))]
        rows = self.db.query("SELECT id, kind, signed_payload, signature FROM print_allowances "
                             "WHERE request_id = ? ORDER BY rowid", (request.id,))
        for allowance_id, kind, payload, signature in rows:
            signed = self._check_allowance(request, kind, payload, signature, allowance_id)
            found.append(Allowance(allowance_id, AllowanceKind(kind), request, int(signed["copies"]),
                                   len(used.get(allowance_id, ()))))
        self._check_against_journal(request.id)
        return found

    def _verified(self, path: Path):
        """The file's verification report; refused, saying why, unless its signatures verify as trusted."""
        report = self.station.audit().verify(path)
        if not report.valid:
            bad = next((s.problem for s in report.signatures if s.problem), None)
            why = ("it has no signatures: it is not stamped" if not report.signatures else
                   "something was added after its last signature" if report.changed_after_last else
                   f"its signatures do not verify as trusted ({bad or 'not issued by a trusted seal authority'})")
            code = ("print_not_stamped" if not report.signatures else
                    "print_changed_after_stamp" if report.changed_after_last else "print_untrusted")
            raise PrintRefusedError(f"{path.name} cannot be printed: {why}.",
                                    hint="Only a stamped document whose seals verify may be printed.",
                                    code=code, file=path.name, reason=bad or "")
        return report

    def allowances_of(self, document: str | Path) -> list[Allowance]:
        """:meth:`allowances` of a stamped file, checked as :meth:`plan` checks it (counts for the print dialog)."""
        self.station.recover()
        _, sha = self._printable(document)
        return self.allowances(sha, Path(document).name)

    def _stamped_request(self, sha256: str, name: str) -> StampRequest:
        rows = self.db.query("SELECT request_id FROM stamps WHERE output_sha256 = ? ORDER BY id DESC LIMIT 1",
                             (sha256,))
        if not rows:
            raise PrintRefusedError(
                f"{name} is not a document stamped at this station under an approved request.",
                hint="Print the stamped file this station wrote (its SHA-256 is in the stamp's journal entry).",
                code="print_not_from_station", file=name)
        request = self.station.requests.get(rows[0][0])
        if request.state == RequestState.SUPERSEDED or self.db.query(
                "SELECT 1 FROM stamps WHERE request_id = ? AND superseded = 1 LIMIT 1", (request.id,)):
            newer = self.db.query("SELECT id FROM requests WHERE supersedes = ?", (request.id,))
            raise PrintRefusedError(
                f"{name} (request {request.id}) was replaced by a corrected document"
                + (f" (request {newer[0][0]})" if newer else "") + " (重印): it can no longer be printed.",
                hint="Print the corrected document's stamped file.",
                code="print_superseded", file=name, request=request.id)
        # A recall withdraws the document (for a corrected one, or destroyed): its file prints no more copies.
        recalled = self.db.query("SELECT at FROM journal WHERE kind = ? AND json_extract(data, '$.request') = ? "
                                 "LIMIT 1", (JournalKind.COPY_RECALLED, request.id))
        if recalled:
            raise PrintRefusedError(
                f"The copies of {name} (request {request.id}) were recalled on {recalled[0][0][:16].replace('T', ' ')} UTC: the document "
                "is withdrawn and prints no more copies.",
                hint="A corrected document needs a new approval (重印: sealstation approve … --supersedes "
                f"{request.id}); its stamped file is then printed.",
                code="print_recalled", file=name, request=request.id, at=recalled[0][0])
        last = self.db.query("SELECT output_sha256 FROM stamps WHERE request_id = ? ORDER BY id DESC LIMIT 1",
                             (request.id,))[0][0]
        if request.state != RequestState.STAMPED or last != sha256:
            missing = sorted(set(request.seals) - self.station.requests.stamped_seals(request.id))
            raise PrintRefusedError(
                f"{name} is not the finished stamp of request {request.id}"
                + (f": seal(s) {', '.join(missing)} still to be applied" if missing else "") + ".",
                hint="Print the file written by the request's last stamp.",
                code="print_not_finished", file=name, request=request.id, seals=", ".join(missing))
        return request

    def _check_reprint(self, request: StampRequest) -> None:
        if not request.supersedes:
            return
        open_copies = [c.serial for c in self.copies(request.supersedes)
                       if c.state == CopyState.PRINTED and c.status == CopyStatus.CURRENT]
        if open_copies:
            raise PrintRefusedError(
                f"Request {request.id} is a reprint (重印) of request {request.supersedes}, whose printed copies "
                f"{', '.join(open_copies)} are not yet recorded as recalled and destroyed.",
                hint=f"Recall them first: sealstation print recall --request {request.supersedes} --reason TEXT "
                "--user CUSTODIAN.",
                code="print_reprint_not_cleared", request=request.id, earlier=request.supersedes,
                copies=", ".join(open_copies))

    def _check_allowance(self, request: StampRequest, kind: str, payload: str, signature: str, allowance_id: str) -> dict:
        what = f"The {kind} copies allowance {allowance_id}"
        try:
            signed = json.loads(payload)
        except ValueError as exc:
            raise PrintRefusedError(f"{what} is damaged; refused.") from exc
        if signed.get("id") != allowance_id or signed.get("kind") != kind or signed.get("request") != request.id:
            raise PrintRefusedError(f"{what} was signed for another allowance or request; refused.")
        if kind == AllowanceKind.REPLACEMENT:
            if not office_signature_ok(self.station.ca_cert, payload.encode("utf-8"), signature):
                raise PrintRefusedError(f"{what} is not signed by the office's seal authority; refused.")
            return signed
        self._check_approver_signature(request, signed, payload, signature, what)
        return signed

    def _check_approver_signature(self, request, signed: dict, payload: str, signature: str, what: str) -> None:
        person = self.station.users.get(signed.get("approved_by", ""))
        try:
            if person is None or not person.has(Role.APPROVER):
                raise PermissionDeniedError(f"{signed.get('approved_by')} is not an approver here")
            self.station.users.check_record(person)
            self._require_authority(person, request)
            load_pem_public_key(person.public_key_pem.encode("ascii")).verify(bytes.fromhex(signature),
                                                                             payload.encode("utf-8"))
        except SealStationError as exc:
            raise PrintRefusedError(f"{what} cannot be accepted: {exc.message}") from exc
        except Exception as exc:  # noqa: BLE001 - InvalidSignature, bad key or hex
            raise PrintRefusedError(f"{what} is not signed by {person.username}'s approval key; refused.") from exc

    def _require_authority(self, person, request: StampRequest) -> None:
        for seal_id in request.seals:
            kind = self.station.seals.get(seal_id).kind
            lack = self.station.requests.rules.lack(person.approver_level, seal_id, kind)
            if lack:
                raise PermissionDeniedError(f"{person.username} {lack}")

    def _usage(self, request_id: str) -> dict[str, set[int]]:
        """Allowance → the slots in use (reserved, being printed, printed or voided), from the journal.

        A copy's ``copy_reserved`` entry uses its slot until a ``print_job`` that was not accepted releases it,
        unless a job accepted it: the station settles a copy once, so a copy with both was "released" by an entry
        appended with the journal key after it printed, and it stays printed.
        Rows count only for copies printed before copies were journalled (no ``copy_reserved`` entry).
        """
        reserved: dict[str, tuple[str, int]] = {}
        released: set[str] = set()
        accepted: set[str] = set()
        for kind, data in self.db.query(f"SELECT kind, data FROM journal WHERE kind IN ({_COPY_KINDS_SQL}) AND "
                                        "json_extract(data, '$.request') = ? ORDER BY seq", (request_id,)):
            data = json.loads(data)
            if kind == JournalKind.COPY_RESERVED:
                reserved[data["serial"]] = (data["allowance"], int(data["slot"]))
            elif kind == JournalKind.PRINT_JOB:
                (accepted if data.get("status") == JobStatus.ACCEPTED else released).update(
                    c.get("serial") for c in data.get("copies", ()))
        slots: dict[str, set[int]] = {}
        for serial, (allowance, slot) in reserved.items():
            if serial not in released or serial in accepted:
                slots.setdefault(allowance, set()).add(slot)
        for serial, allowance, slot in self.db.query("SELECT serial, allowance, slot FROM print_copies "
                                                     "WHERE request_id = ?", (request_id,)):
            if serial not in reserved:
                slots.setdefault(allowance, set()).add(slot)
        return slots

    def _statuses(self) -> dict[str, tuple[CopyStatus, str | None]]:
        """Serial → voided or recalled, with the reason: from the journal's entries, not the ``copy_events`` rows."""
        found: dict[str, tuple[CopyStatus, str | None]] = {}
        for kind, data in self.db.query("SELECT kind, data FROM journal WHERE kind IN (?, ?) ORDER BY seq",
                                        (JournalKind.COPY_VOIDED, JournalKind.COPY_RECALLED)):
            data = json.loads(data)
            if kind == JournalKind.COPY_VOIDED:
                found[data.get("serial")] = (CopyStatus.VOIDED, data.get("reason"))
            else:
                for serial in data.get("serials", ()):
                    found[serial] = (CopyStatus.RECALLED, data.get("reason"))
        return found

    def _check_against_journal(self, request_id: str) -> None:
        """Copies the journal records as printed must still have their rows (an insider deleting rows prints more)."""
        in_journal = len([e for e in self._print_entries(request_id)
                          if e["status"] == JobStatus.ACCEPTED])
        in_rows = self.db.query("SELECT COUNT(*) FROM print_copies WHERE request_id = ? AND state = 'printed'",
                                (request_id,))[0][0]
        if in_journal > in_rows:
            raise PrintRefusedError(
                f"The journal records {in_journal} printed copies of request {request_id}, the copy records only "
                f"{in_rows}: copy records were removed. Nothing more is printed for this request.",
                hint="The office must audit the station's records.")

    def _print_entries(self, request_id: str) -> list[dict]:
        rows = self.db.query("SELECT data FROM journal WHERE kind = ? AND json_extract(data, '$.request') = ?",
                             (JournalKind.PRINT_JOB, request_id))
        return [json.loads(r[0]) for r in rows]

    def _choose(self, allowances: list[Allowance], copies: int, request_id: str | None) -> Allowance:
        first = allowances[0]
        if request_id and request_id not in {a.id for a in allowances}:
            raise PrintRefusedError(f"Request {request_id} does not allow copies of this file; its stamp is request "
                                    f"{first.request.id}.")
        pool = [a for a in allowances if a.id == request_id] if request_id and request_id != first.id else allowances
        live = [a for a in pool if a.left > 0]
        if not live:
            total = sum(a.approved for a in allowances)
            raise PrintRefusedError(
                f"All {total} approved copies of {first.request.document_name} (request {first.request.id}) are "
                "printed; none is left.",
                code="print_none_left", file=first.request.document_name, request=first.request.id, approved=total,
                hint="More copies need an approval for extra copies (加印): "
                "sealstation print extra FILE.pdf --copies N --approver U; a spoiled copy is voided and "
                "replaced with the office's approval.")
        chosen = live[0]
        if copies > chosen.left:
            raise PrintRefusedError(
                f"{copies} copies asked, but only {chosen.left} of the {chosen.approved} approved copies "
                f"({chosen.kind}, {chosen.id}) are left: {chosen.printed} already printed. Nothing was printed.",
                hint=f"Print at most {chosen.left}; more need an approval for extra copies (加印).",
                code="print_too_many", asked=copies, left=chosen.left, approved=chosen.approved,
                printed=chosen.printed)
        return chosen

    # -- printing ------------------------------------------------------------

    def print(self, plan: PrintPlan, *, user: str, password: str, sink: PrintSink,
              progress: Callable[[int, PrintedCopy | None], None] | None = None) -> PrintResult:
        """Print the plan's copies, one job each; a copy counts only when the print system accepted it.

        ``progress(k, copy)`` is called before copy k (``copy`` None) and after it. Stops at the
        first job that is not accepted (the rest are not attempted).
        """
        station = self.station
        station.recover()  # a copy a crash left open holds its slot until it is settled
        try:
            if sink.destination.startswith("pdf:"):
                self.require_print_to_file()
            person, identity, document = self._gate(plan, user, password)
        except SealStationError as exc:
            station.journal.append(JournalKind.PRINT_REFUSED, {
                "document": plan.document_name, "document_sha256": plan.document_sha256,
                "request": plan.allowance.request.id, "allowance": plan.allowance.id, "copies": plan.copies,
                "why": exc.message}, actor=user)
            raise
        config = station.config.print_marks
        done: list[PrintedCopy] = []
        notes: list[str] = []
        station.lock.hold_shared()  # held while copies are open: recovery leaves them alone
        try:
            for k in range(plan.copies):
                if progress:
                    progress(k + 1, None)
                try:
                    copy = self._print_one(plan, document, person.username, identity, sink, config, notes)
                except PrintRefusedError:
                    if sink.final_at_close and done:
                        self._close_deferred(plan, sink, done)  # the copies already in the file are delivered
                    raise
                done.append(copy)
                if progress:
                    progress(k + 1, copy)
                if not copy.outcome.accepted:
                    break
            if sink.final_at_close:
                done = self._close_deferred(plan, sink, done)
        finally:
            station.lock.release()
        return PrintResult(plan, tuple(done), tuple(dict.fromkeys(notes)))

    def require_print_to_file(self) -> None:
        """Refuse, saying why, unless the office's policy lets this station print copies into files."""
        if not self.station.policy.print_to_file:
            raise PrintRefusedError(
                "This station does not print copies into files: a file is a copy that cannot be taken back, so "
                "the office's policy allows printing to paper only here (print_to_file is off).",
                hint="Print to a printer (--printer NAME); the office turns print_to_file on in the signed policy "
                     "only for a demonstration or test station.",
                code="print_to_file_off")

    def _gate(self, plan: PrintPlan, user: str, password: str) -> tuple:
        """(person, station identity, the document's bytes) once the custodian and the file pass the checks."""
        station = self.station
        station.check_clock()
        station.journal.check_not_tampered()
        person = station.users.verify_password(user, password)
        station.require_upgraded()
        station.users.check_record(person)
        station.users.check_fresh(person)
        person.require(Role.CUSTODIAN, "print stamped documents")
        station.users.record_login(person)
        identity = station.station_identity()
        # Printed from these bytes, checked once: a file swapped on disk during the run prints nothing of its own.
        try:
            document = read_input_bytes(plan.path)
        except OSError as exc:  # gone, or swapped for a FIFO or a device since the plan
            raise PrintRefusedError(f"{plan.path.name} cannot be read since it was checked ({exc.strerror or exc}); "
                                    "nothing was printed.") from exc
        if hashlib.sha256(document).hexdigest() != plan.document_sha256:
            raise PrintRefusedError(f"{plan.path.name} changed since it was checked; nothing was printed.")
        return person, identity, document

    def _print_one(self, plan: PrintPlan, document: bytes, user: str, identity, sink: PrintSink,
                   config: MarksConfig, notes: list[str]) -> PrintedCopy:
        serial, slot, payload, entry = self._reserve(plan, user, identity, sink.destination)
        try:
            receipt = reserve_in_archive(self.station, entry)  # before any page exists
        except BaseException as exc:
            why = exc.message if isinstance(exc, SealStationError) else f"stopped: {type(exc).__name__}"
            self._settle(serial, JobOutcome(JobStatus.CANCELLED, None, why), user)
            if isinstance(exc, PrintRefusedError):
                self.station.journal.append(JournalKind.PRINT_REFUSED, {
                    "document": plan.document_name, "document_sha256": plan.document_sha256,
                    "request": plan.allowance.request.id, "allowance": plan.allowance.id, "copies": plan.copies,
                    "serial": serial, "why": exc.message}, actor=user)
            raise
        if receipt.note:
            notes.append(receipt.note)
        marks = CopyMarks(identity.station_id, serial, slot, plan.allowance.approved, payload.date, payload.text(),
                          plan.allowance.kind, plan.seal_boxes)

        def pages():
            for page in render_copy_pages(document, marks, config):
                if page.note:
                    notes.append(page.note)
                yield page

        job = CopyJob(f"SealStation {serial} {plan.document_name} {slot}-{plan.allowance.approved}", serial, slot,
                      plan.allowance.approved, plan.page_count, pages, True,
                      on_handover=lambda: self._sending(serial))
        try:
            outcome = sink.print_copy(job)
        except SealStationError as exc:
            outcome = JobOutcome(JobStatus.FAILED, None, exc.message)
        except BaseException as exc:
            self._settle(serial, JobOutcome(JobStatus.CANCELLED, None, f"stopped: {type(exc).__name__}"), user)
            raise
        if not (sink.final_at_close and outcome.accepted):
            self._settle(serial, outcome, user)
        return PrintedCopy(serial, slot, plan.allowance.approved, outcome)

    def _close_deferred(self, plan: PrintPlan, sink: PrintSink, done: list[PrintedCopy]) -> list[PrintedCopy]:
        """A PDF file: its copies are delivered when the file gets its name, all together."""
        try:
            outcome = sink.close()
        except SealStationError as exc:
            outcome = JobOutcome(JobStatus.FAILED, None, exc.message)
        settled = []
        for copy in done:
            if copy.outcome.accepted:
                final = JobOutcome(outcome.status, outcome.job, outcome.reason, outcome.code, outcome.facts)
                self._settle(copy.serial, final, self._custodian(copy.serial))
                copy = PrintedCopy(copy.serial, copy.number, copy.of, final)
            settled.append(copy)
        return settled

    def _custodian(self, serial: str) -> str:
        return self.db.query("SELECT custodian FROM print_copies WHERE serial = ?", (serial,))[0][0]

    def _reserve(self, plan: PrintPlan, user: str, identity, destination: str) -> tuple:
        """(serial, slot, payload, the ``copy_reserved`` entry): the copy's slot taken, row and entry together."""
        allowance = plan.allowance
        now = self.station.now()
        try:
            with self.db.transaction() as conn:
                # The journal's count, not the rows': a row moved to another allowance or deleted frees nothing.
                taken = self._usage(allowance.request.id).get(allowance.id, set()) | {
                    r[0] for r in conn.execute("SELECT slot FROM print_copies WHERE allowance = ?",
                                               (allowance.id,)).fetchall()}
                slot = next((n for n in range(1, allowance.approved + 1) if n not in taken), None)
                if slot is None:
                    raise PrintRefusedError(
                        f"No copy of {plan.document_name} is left under {allowance.id}: all {allowance.approved} "
                        "approved copies are printed or being printed (perhaps by another process).",
                        code="print_none_left", file=plan.document_name, approved=allowance.approved)
                row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'print_copies'").fetchone()
                number = (row[0] if row else 0) + 1
                serial = f"C{number:06d}"  # _SERIAL
                payload = make_payload(identity, serial=serial, number=slot, of=allowance.approved,
                                       date=now.astimezone().date(), document_sha256=plan.document_sha256)
                conn.execute(
                    f"INSERT INTO print_copies (serial_no, {_COPY_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "'reserved', NULL, ?, ?, ?)",
                    (number, serial, allowance.request.id, allowance.id, allowance.kind, slot, allowance.approved,
                     plan.document_name, plan.document_sha256, destination, user, iso_seconds(now), payload.text()))
                entry = self.journal.append(JournalKind.COPY_RESERVED, {
                    "serial": serial, "request": allowance.request.id, "allowance": allowance.id,
                    "kind": allowance.kind, "slot": slot, "of": allowance.approved, "document": plan.document_name,
                    "document_sha256": plan.document_sha256, "printer": destination}, actor=user)
        except IntegrityError as exc:  # the constraint, not the check above, stops a second process
            raise PrintRefusedError(f"The last copy of {plan.document_name} under {allowance.id} was just taken by "
                                    "another print; nothing more is printed.", code="print_none_left",
                                    file=plan.document_name) from exc
        return serial, slot, payload, entry

    def _sending(self, serial: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE print_copies SET state = 'sending' WHERE serial = ? AND state = 'reserved'", (serial,))

    def _settle(self, serial: str, outcome: JobOutcome, user: str | None) -> None:
        """Record a job's outcome: an accepted copy counts; another releases its slot. One transaction."""
        record = self.copy(serial)
        with self.db.transaction() as conn:
            if outcome.accepted:
                conn.execute("UPDATE print_copies SET state = 'printed', job = ? WHERE serial = ?", (outcome.job, serial))
            else:
                conn.execute("DELETE FROM print_copies WHERE serial = ? AND state != 'printed'", (serial,))
            self.journal.append(JournalKind.PRINT_JOB, {
                "request": record.request_id, "document": record.document_name,
                "document_sha256": record.document_sha256, "printer": record.destination, "job": outcome.job,
                "status": outcome.status, "copies": [{"serial": serial, "number": record.number, "of": record.of,
                                                       "qr": _qr_digest(record.payload)}],
                "reason": outcome.reason, "kind": record.kind}, actor=user)

    # -- copies, voids and recalls ----------------------------------------------

    def copy(self, serial: str) -> CopyRecord:
        rows = self.db.query(f"SELECT {_COPY_COLS} FROM print_copies WHERE serial = ?", (serial.strip(),))
        if not rows:
            raise PrintError(f"This station has no printed copy with serial {serial}.",
                             hint="Check the serial (e.g. C000012), or ask the station that printed it.",
                             code="copy_serial_unknown", serial=serial.strip())
        return self._record(rows[0])

    def copies(self, request_id: str | None = None) -> list[CopyRecord]:
        sql = f"SELECT {_COPY_COLS} FROM print_copies" + (" WHERE request_id = ?" if request_id else "")
        statuses = self._statuses()
        return [self._record(r, statuses)
                for r in self.db.query(sql + " ORDER BY serial_no", (request_id,) if request_id else ())]

    def _record(self, row, statuses: dict | None = None) -> CopyRecord:
        status, reason = (self._statuses() if statuses is None else statuses).get(row[0], (CopyStatus.CURRENT, None))
        record = CopyRecord(*row, status=CopyStatus(status), status_reason=reason)
        return replace(record, kind=AllowanceKind(record.kind), state=CopyState(record.state))

    def _custodian_login(self, user: str, password: str):
        person = self.station.users.authenticate(user, password)
        if not allowed(person, Action.RECALL):
            raise PermissionDeniedError(f"{user} may not void or recall copies: it needs the custodian or office role.",
                                        code="copies_role", user=user)
        return person

    def void(self, serial: str, *, reason: str, user: str, password: str) -> CopyRecord:
        """A spoiled copy (jammed, misprinted) declared void; it still counts, a replacement needs the office."""
        if not reason.strip():
            raise PrintError("Voiding a copy needs a reason (e.g. 'paper jam, copy destroyed').")
        self._custodian_login(user, password)
        record = self.copy(serial)
        if record.state != CopyState.PRINTED:
            raise PrintError(f"Copy {serial} was never printed (its job is still open); nothing to void.")
        if record.status != CopyStatus.CURRENT:
            raise PrintError(f"Copy {serial} is already {record.status}.")
        with self.db.transaction() as conn:
            self._event(conn, record, CopyStatus.VOIDED, reason, user)
            self.journal.append(JournalKind.COPY_VOIDED, {"serial": serial, "request": record.request_id,
                                                          "reason": reason}, actor=user)
        return self.copy(serial)

    def recall(self, request_id: str, *, reason: str, user: str, password: str) -> list[str]:
        """Record every current printed copy of ``request_id`` as recalled and destroyed; their serials."""
        if not reason.strip():
            raise PrintError("A recall needs a reason (e.g. 'recalled for reprint, destroyed').")
        self._custodian_login(user, password)
        records = [c for c in self.copies(request_id) if c.state == CopyState.PRINTED and c.status == CopyStatus.CURRENT]
        if not records:
            raise PrintError(f"Request {request_id} has no current printed copies to recall.")
        with self.db.transaction() as conn:
            for record in records:
                self._event(conn, record, CopyStatus.RECALLED, reason, user)
            serials = [r.serial for r in records]
            self.journal.append(JournalKind.COPY_RECALLED, {"serials": serials, "request": request_id,
                                                            "reason": reason}, actor=user)
        return serials

    def _event(self, conn, record: CopyRecord, event: CopyStatus, reason: str, user: str) -> None:
        conn.execute("INSERT INTO copy_events (serial, event, request_id, reason, by, at) VALUES (?, ?, ?, ?, ?, ?)",
                     (record.serial, event, record.request_id, reason, user, iso_seconds(self.station.now())))

    # -- more copies -------------------------------------------------------------

    def allow_extra(self, document: str | Path, *, copies: int, approver: str, password: str,
                    reason: str = "") -> Allowance:
        """加印: an approver with the authority for the file's seals allows more copies of the same stamped file."""
        request, sha = self._printable(document)
        person = self.station.users.authenticate(approver, password)
        person.require(Role.APPROVER, "approve extra copies")
        self._require_authority(person, request)
        key = self.station.users.unlock_key(person, password)
        return self._add_allowance(request, sha, AllowanceKind.EXTRA, copies, approver, reason,
                                   lambda payload: sign_payload(key, payload))

    def allow_replacement(self, request_id: str, *, copies: int, by: str, password: str, authority,
                          reason: str) -> Allowance:
        """The office allows replacements for voided copies of a request (signed by its seal authority)."""
        person = self.station.users.authenticate(by, password)
        person.require(Role.OFFICE, "approve replacement copies")
        request = self.station.requests.get(request_id)
        voided = self.db.query("SELECT COUNT(*) FROM journal WHERE kind = ? AND json_extract(data, '$.request') = ?",
                               (JournalKind.COPY_VOIDED, request_id))[0][0]
        replaced = sum(a.approved for a in self.allowances(self._last_output(request), request.document_name)
                       if a.kind == AllowanceKind.REPLACEMENT)
        if copies > voided - replaced:
            raise PrintError(f"Request {request_id} has {voided} voided copies and {replaced} replacement(s) allowed "
                             f"already: {copies} more replacement(s) would replace copies that were not voided.",
                             hint="Void the spoiled copy first: sealstation print void SERIAL --reason TEXT.")
        return self._add_allowance(request, self._last_output(request), AllowanceKind.REPLACEMENT, copies, by, reason,
                                   lambda payload: authority.sign(payload))

    def _last_output(self, request: StampRequest) -> str:
        rows = self.db.query("SELECT output_sha256 FROM stamps WHERE request_id = ? ORDER BY id DESC LIMIT 1",
                             (request.id,))
        if not rows:
            raise PrintError(f"Request {request.id} has not been stamped.")
        return rows[0][0]

    def _printable(self, document) -> tuple[StampRequest, str]:
        path = Path(document)
        report = self._verified(path)
        return self._stamped_request(report.sha256, path.name), report.sha256

    def _add_allowance(self, request: StampRequest, sha: str, kind: AllowanceKind, copies: int, by: str, reason: str,
                       sign: Callable[[bytes], str]) -> Allowance:
        problem = copies_problem(copies)
        if problem:
            raise PrintError(f"No {kind} copies are allowed for request {request.id}: {problem}.")
        count = self.db.query("SELECT COUNT(*) FROM print_allowances WHERE request_id = ?", (request.id,))[0][0]
        allowance_id = f"{request.id}-{'E' if kind == AllowanceKind.EXTRA else 'V'}{count + 1}"
        signed = {"format": "sealstation-print-allowance/1", "id": allowance_id, "kind": kind, "request": request.id,
                  "document_sha256": sha, "copies": copies, "reason": reason, "approved_by": by,
                  "at": iso_seconds(self.station.now())}
        payload = canonical_json(signed)
        signature = sign(payload.encode("utf-8"))
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO print_allowances (id, kind, request_id, document_sha256, copies, approved_by, "
                         "signed_payload, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (allowance_id, kind, request.id, sha, copies, by, payload, signature))
            self.journal.append(JournalKind.PRINT_ALLOWANCE, {k: v for k, v in signed.items() if k != "format"},
                                actor=by)
        return Allowance(allowance_id, kind, request, copies, 0)

    # -- checking a copy -----------------------------------------------------------

    def check_copy(self, text: str) -> CopyCheckResult:
        """A scanned QR code's text, or a serial typed in: genuine? which copy? current?"""
        text = text.strip()
        station_certs = self.station_certificates()
        if _SERIAL.fullmatch(text):
            text = self.copy(text).payload
        result = check_copy_offline(text, self.station.ca_cert, station_certs)
        payload = result.payload
        if not result.genuine or payload.station_id != self.station.config.station_id:
            return result
        rows = self.db.query(f"SELECT {_COPY_COLS} FROM print_copies WHERE serial = ?", (payload.serial,))
        if not rows:
            return CopyCheckResult(payload, True, f"station {payload.station_id} has no record of copy "
                                   f"{payload.serial}", None, True)
        record = self._record(rows[0])
        if record.payload != payload.text():
            return CopyCheckResult(payload, False, "it does not match the station's record of this serial: altered",
                                   record, True)
        if record.state != CopyState.PRINTED:
            return CopyCheckResult(payload, True, "its print job never completed", record, True)
        return CopyCheckResult(payload, True, None, record, True)

    def station_certificates(self) -> list:
        certs = [x509.load_pem_x509_certificate(r[0].encode("ascii"))
                 for r in self.db.query("SELECT cert_pem FROM station_key ORDER BY version")]
        return certs + _cert_files(self.station.home.office_dir.glob("station-cert*.pem"))


def _cert_files(paths) -> list:
    certs = []
    for path in paths:
        try:
            certs.append(x509.load_pem_x509_certificate(Path(path).read_bytes()))
        except (OSError, ValueError):
            continue
    return certs


def _qr_digest(payload_text: str) -> str:
    """The SHA-256 of a copy's QR text, in its print entry: the archive matches a scanned code to the entry."""
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


def is_copy_serial(text: str) -> bool:
    """Whether ``text`` is a copy's serial typed in (C000012) rather than the text of its QR code."""
    return _SERIAL.fullmatch(text.strip()) is not None


def check_copy_offline(text: str, ca_cert, station_certs) -> CopyCheckResult:
    """Genuineness from the QR text alone, with the office's CA certificate and the station certificates."""
    if is_copy_serial(text):
        raise PrintError(f"{text.strip()} is a copy's serial: only the station that printed it knows that copy.",
                         hint="Give that station's home (--home), or the text of the copy's QR code instead.")
    payload = parse_payload(text)
    if ca_cert is None:
        raise PrintError("Checking a copy needs the office's seal authority certificate.",
                         hint="Give it with --ca, or run with the station home (--home).")
    why = check_payload(payload, station_certs, ca_cert)
    return CopyCheckResult(payload, why is None, why)


def recover_open_copies(station) -> int:
    """Settle the copies a killed process left open (under the station lock alone); how many.

    ``reserved``: never handed to the print system: released. ``sending``:
    a PDF file that got its name counts, one that did not is released (it was
    written with no name, so nothing of it survived); where the system could
    not write it unnamed, an unfinished ``.part`` file left beside the target
    may have been kept: it is removed and the copy counted; a CUPS
    job is looked up by its title; where the print system cannot be asked,
    the copy is counted (it may be on paper: the custodian voids it if not).
    """
    from . import cups_jobs  # pycups: Linux only, and only where a CUPS job is open

    desk = PrintDesk(station)
    open_rows = station.db.query(f"SELECT {_COPY_COLS} FROM print_copies WHERE state != 'printed'")
    kept = set()  # PDF targets whose unfinished, named file was found: any copy painted into it may have been kept
    for destination in {row[8] for row in open_rows if row[8].startswith("pdf:")}:
        target = Path(destination[4:])
        for part in list(target.parent.glob(f".{target.name}.*.part")) if target.parent.is_dir() else ():
            part.unlink(missing_ok=True)  # the unfinished file of the killed print
            kept.add(destination)
    for row in open_rows:
        record = desk._record(row)
        target = Path(record.destination[4:]) if record.destination.startswith("pdf:") else None
        if record.destination in kept:
            outcome = JobOutcome(JobStatus.ACCEPTED, None, "interrupted while its PDF file was written under a "
                                 "name: the unfinished file could have been kept, so the copy counts as printed "
                                 "(void it if it was destroyed)")
        elif record.state == CopyState.RESERVED:
            outcome = JobOutcome(JobStatus.CANCELLED, None, "interrupted before the copy reached the print system")
        elif target is not None:
            delivered = _written_since(target, record.at)
            outcome = (JobOutcome(JobStatus.ACCEPTED, None, "interrupted after the PDF file was written") if delivered else
                       JobOutcome(JobStatus.CANCELLED, None, "interrupted before the PDF file was written"))
        else:
            title = f"SealStation {record.serial} {record.document_name} {record.number}-{record.of}"
            outcome = cups_jobs.job_outcome_after_crash(title) or JobOutcome(
                JobStatus.ACCEPTED, None, "interrupted after the job was handed to the print system, which cannot be asked: "
                "counted as printed (void it if no copy came out)")
        desk._settle(record.serial, outcome, None)
    return len(open_rows)


def _written_since(path: Path, at: str) -> bool:
    """The PDF file got its name after the copy was reserved (the CLI never writes over an existing file)."""
    try:
        return path.stat().st_mtime >= dt.datetime.fromisoformat(at).timestamp() - 1
    except OSError:
        return False
