"""Use cases of the station: the one façade the UI and the CLI call.

A :class:`Station` is opened on a station home: its configuration, its
encrypted database (journal, users, seal register, requests) and, on first
use, its token. Stamping is split in two so that every check of the
document, the page and the seal happens before anyone is asked for a PIN:

* :meth:`Station.plan_stamp` reads the document and checks the placement;
* :meth:`Station.stamp` is the gate — untampered journal, logged-in custodian,
  usable seal, approval for this exact document — then signs with the token.

Every attempt is journalled before it starts and when it ends; an attempt
cut short (process killed) is marked interrupted at the next start.

Where a stamp or an export may be written is decided by
:mod:`sealstation.outputs`, at planning (before any secret) and again just
before the file is made. Opening a station makes its home private (0700/0600)
and journals any repair.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .approval.requests import RequestStore, StampRequest
from .approval.rules import AuthorityRules
from .config import StationConfig, StationHome, resolve_home
from .errors import InputChangedError, OutputError, PermissionDeniedError, PinError, SealStationError
from .fsutil import HOME_FILE_MODE, ModeRepair, secure_home
from .journal.journal import Journal, JournalKind, export_journal, utc_now
from .journal.store import StationDB
from .outputs import check_output_path
from .pdf.document import SourcePdf, read_source_pdf
from .pdf.signing import SealArt, StampPlan, StampResult, StampSpec, check_stampable, plan_stamp, stamp_pdf
from .pdf.verify import (VerifyResult, check_new_signature, earlier_signature_problems, load_trust_roots,
                         verify_pdf)
from .seals.register import SealRecord, SealRegister
from .users import PasswordPolicy, Role, UserStore

__all__ = ["Station", "StampRequestSpec", "StampAuthorisation", "DocumentCheckResult", "ApprovalResult",
           "open_station_db"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StampRequestSpec:
    """What the custodian asks for: a seal on a document at a place."""

    document: Path
    """The approved input PDF (never modified)."""
    seal_id: str
    page: int
    """1-based page."""
    center_mm: tuple[float, float]
    """Seal centre in mm from the top-left of the page as displayed."""
    output: Path
    """Where to write the stamped PDF; refused in the station home, on the input or an approved document."""
    purpose: str = ""
    """Defaults to the approved request's purpose; becomes the signature's reason."""
    overwrite: bool = False
    """Replace an existing file at ``output`` (only after the person confirmed it); never an approved one."""


@dataclass(frozen=True)
class DocumentCheckResult:
    """A document that can be stamped, and what a person should know about it."""

    source: SourcePdf
    """The facts of the checked file (path, SHA-256, pages); its parse is spent: read it again to stamp."""
    warnings: tuple[str, ...]
    """E.g. an earlier signature in the file that is already broken."""


@dataclass(frozen=True)
class ApprovalResult:
    """An approved request, and the document's warnings the approver was shown."""

    request: StampRequest
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class StampAuthorisation:
    """What the gate let through: this plan, under this request, by this custodian."""

    plan: StampPlan
    request: StampRequest
    user: str
    attempt: int
    """Journal sequence number of the attempt's ``stamp_started`` entry."""


def open_station_db(home: StationHome, config: StationConfig, *, passphrase: str | None = None) -> StationDB:
    """The station database, its key from the OS keyring (or the office passphrase)."""
    from .journal.keystore import keyring_key, passphrase_key

    create = not home.db_path.exists()
    if create:
        # Made private before SQLite writes a byte; its -wal and -shm files take the same mode.
        home.root.mkdir(parents=True, exist_ok=True)
        os.close(os.open(home.db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, HOME_FILE_MODE))
    if config.extra.get("journal_key_source") == "passphrase":
        key = passphrase_key(passphrase or "", home.journal_salt_path, create=create)
    else:
        key = keyring_key(config.station_id, create=create)
    return StationDB.open(home.db_path, key)


class Station:
    """One station home opened for use. The token has its own owner thread."""

    def __init__(self, home: StationHome, config: StationConfig, db: StationDB, *, token=None,
                 clock: Callable[[], dt.datetime] = utc_now) -> None:
        """``token``: an already open TokenSession to use (the station will not close it)."""
        from .seals.authority import SealAuthority

        self.home, self.config, self.db, self.clock = home, config, db, clock
        self.journal = Journal(db)
        policy = PasswordPolicy(**config.extra.get("password_policy", {}))
        self.users = UserStore(db, self.journal, policy, clock)
        self.requests = RequestStore(
            db, self.journal, AuthorityRules.from_config(config.extra.get("authority_rules")),
            approval_days=int(config.extra.get("approval_days", 7)),
            allow_same_person=bool(config.extra.get("allow_same_person", False)), clock=clock)
        ca = SealAuthority.load_certificate(home.ca_cert_path).certificate if home.ca_cert_path.is_file() else None
        self.seals = SealRegister(db, self.journal, home.seal_images_dir, ca)
        self._token = token
        self._owns_token = token is None
        self._trust_roots: list[Any] | None = None
        self._mark_interrupted_attempts()

    @classmethod
    def open(cls, home_dir: str | Path | None = None, *, journal_passphrase: str | None = None, token=None) -> "Station":
        """Open the station in ``home_dir``; its permissions are repaired first (and the repair journalled)."""
        home = StationHome(resolve_home(home_dir))
        config = home.load_config()
        # Before the database is read: its key protects it, but a copy readable by others is still a copy.
        repairs = secure_home(home.root)
        station = cls(home, config, open_station_db(home, config, passphrase=journal_passphrase), token=token)
        if repairs:
            station._journal_repairs(repairs)
        return station

    def _journal_repairs(self, repairs: list[ModeRepair]) -> None:
        log.warning("Station home %s: made %d path(s) private", self.home.root, len(repairs))
        self.journal.append(JournalKind.PERMISSIONS_REPAIRED, {
            "home": str(self.home.root), "count": len(repairs),
            "paths": [{"path": r.path, "was": r.was, "now": r.now} for r in repairs[:50]]})

    @property
    def needs_journal_passphrase(self) -> bool:
        return self.config.extra.get("journal_key_source") == "passphrase"

    # -- token ---------------------------------------------------------------

    def token(self):
        """The station's token session (one owner thread), started on first use."""
        if self._token is None:
            from .token.module import find_pkcs11_module
            from .token.session import TokenSession

            choice = find_pkcs11_module(self.config.pkcs11_module)
            log.info("PKCS#11 module: %s (%s)", choice.path, choice.origin)
            self._token = TokenSession(
                choice.path, token_label=self.config.extra.get("token_label"),
                softhsm2_conf=self._softhsm2_conf(), idle_timeout_s=self.config.token_idle_timeout_s)
        return self._token

    def _softhsm2_conf(self) -> str | None:
        conf = self.config.softhsm2_conf
        if conf and not Path(conf).is_absolute():
            conf = str(self.home.root / conf)
        return conf

    def close(self) -> None:
        if self._token is not None and self._owns_token:
            self._token.close()
        self._token = None
        self.db.close()

    def __enter__(self) -> "Station":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def trust_roots(self) -> list[Any]:
        """The office's seal authority certificate(s) this station trusts."""
        if self._trust_roots is None:
            self._trust_roots = load_trust_roots(self.home.ca_cert_path)
        return self._trust_roots

    # -- interrupted attempts ------------------------------------------------

    def _mark_interrupted_attempts(self) -> None:
        ended = {e.data.get("attempt") for e in self.journal.entries(
            kinds=(JournalKind.STAMP_DONE, JournalKind.STAMP_FAILED, JournalKind.STAMP_INTERRUPTED))}
        for started in self.journal.entries(kinds=(JournalKind.STAMP_STARTED,)):
            if started.seq in ended:
                continue
            output = Path(started.data["output"])
            leftovers = list(output.parent.glob(f".{output.name}.*.part")) if output.parent.is_dir() else []
            for part in leftovers:
                part.unlink(missing_ok=True)
            self.journal.append(JournalKind.STAMP_INTERRUPTED, {
                "attempt": started.seq, "document": started.data.get("document"), "seal": started.data.get("seal"),
                "output_written": output.is_file() and self._output_matches(started, output),
                "temp_files_removed": [p.name for p in leftovers]})

    @staticmethod
    def _output_matches(started, output: Path) -> bool:
        try:
            return any(s.field == started.data.get("field") for s in verify_pdf(output).signatures)
        except SealStationError:
            return False

    # -- stamping ------------------------------------------------------------

    def seal_art(self, record: SealRecord) -> SealArt:
        return SealArt(seal_id=record.key_label, png=self.seals.load_image(record), size_mm=record.size_mm,
                       ca_chain=tuple(self.trust_roots()), cert_sha256=record.cert_sha256, token_label=record.token_label,
                       name=record.name)

    # -- outputs -----------------------------------------------------------------

    def check_output(self, path: str | Path, *, inputs: tuple[Path, ...] = (), overwrite: bool = False) -> Path:
        """Where a stamp or an export may be written (see :mod:`sealstation.outputs`); the resolved path.

        Raises :class:`~sealstation.errors.OutputRefusedError` (or its
        ``OutputExistsError``) naming the file; no secret is needed to ask.
        """
        return check_output_path(path, home=self.home.root, inputs=inputs,
                                 protected_sha256s=_ApprovedDigests(self.db), overwrite=overwrite)

    def plan_stamp(self, request: StampRequestSpec) -> StampPlan:
        """Check the output, the document, the seal and the placement, and prepare the signed revision.

        No token, no login: every fault of the document or the output path
        shows here, before a password or PIN is asked for. The signature's reason is the purpose
        given, else that of the approved request for this document and seal
        (the gate still decides which request, if any, allows the stamp).
        """
        output = self.check_output(request.output, inputs=(Path(request.document),), overwrite=request.overwrite)
        source = read_source_pdf(request.document)
        record = self.seals.get(request.seal_id)
        purpose = request.purpose
        if not purpose:
            approved = self.requests.find_for(source.sha256, request.seal_id)
            purpose = approved.purpose if approved else ""
        spec = StampSpec(page=request.page, center_mm=request.center_mm, reason=purpose,
                         location=self.config.location or self.config.station_id)
        return plan_stamp(source, self.seal_art(record), spec, output, overwrite=request.overwrite)

    def authorise_stamp(self, plan: StampPlan, *, user: str, password: str,
                        request_id: str | None = None) -> StampAuthorisation:
        """The gate: journal intact, custodian logged in, seal usable here, approval for this document.

        On success the login and the attempt's ``stamp_started`` entry are
        committed together, before any signing; a refusal is journalled with
        its reason. Failed passwords are journalled as they happen.
        """
        seal_id = plan.art.seal_id
        facts = {"document": plan.source.path.name, "sha256": plan.source.sha256, "seal": seal_id}
        try:
            self.journal.check_not_tampered()
            person = self.users.verify_password(user, password)
            # Delegations that ended are journalled now, so that a refusal below cannot roll that back.
            self.seals.delegations(seal_id, self.clock())
        except SealStationError as exc:
            self.journal.append(JournalKind.STAMP_REFUSED, facts | {"why": exc.message}, actor=user)
            raise
        try:
            with self.db.transaction():
                self.users.record_login(person)
                request = self._gate(plan, person, request_id)
                started = self.journal.append(JournalKind.STAMP_STARTED, facts | {
                    "request": request.id, "page": plan.box.page, "center_mm": list(plan.box.center_mm),
                    "field": plan.field_name, "output": str(plan.output)}, actor=user)
        except SealStationError as exc:
            with self.db.transaction():
                self.users.record_login(person)
                self.journal.append(JournalKind.STAMP_REFUSED, facts | {"why": exc.message}, actor=user)
            raise
        return StampAuthorisation(plan, request, user, started.seq)

    def _gate(self, plan: StampPlan, person, request_id: str | None) -> StampRequest:
        self.users.check_fresh(person)
        person.require(Role.CUSTODIAN, "stamp")
        record = self.seals.get(plan.art.seal_id)
        self.seals.check_usable(record, station_id=self.config.station_id, user=person.username, now=self.clock())
        request, _ = self.requests.check_stamp_allowed(
            document_sha256=plan.source.sha256, seal_id=plan.art.seal_id, custodian=person.username, request_id=request_id)
        return request

    def cancel(self, auth: StampAuthorisation, why: str) -> None:
        """An authorised stamp that will not happen (e.g. the PIN prompt was abandoned)."""
        self.journal.append(JournalKind.STAMP_FAILED, {"attempt": auth.attempt, "why": f"cancelled: {why}"}, actor=auth.user)

    def stamp(self, auth: StampAuthorisation, output: str | Path | None = None, *, pin: str | None) -> StampResult:
        """Sign an authorised plan with the seal's token key and record it; the output is verified before it exists."""
        plan, request, user = auth.plan, auth.request, auth.user
        output = Path(output).resolve() if output else plan.output
        if output != plan.output:
            raise OutputError(f"{output} is not the output that was authorised ({plan.output}).")
        if not plan.spec.reason and request.purpose:
            # The gate chose a request other than the one planning found: prepare again with its purpose.
            plan = self._replan_with_reason(plan, request.purpose)
        try:
            # Again just before signing: minutes may have passed at the PIN prompt (a file may have appeared).
            self.check_output(output, inputs=(plan.source.path,), overwrite=plan.overwrite)
            result = self._sign(plan, output, pin)
        except SealStationError as exc:
            with self.db.transaction():
                self.journal.append(JournalKind.STAMP_FAILED, {"attempt": auth.attempt, "why": exc.message}, actor=user)
                if isinstance(exc, PinError):
                    self.journal.append(JournalKind.PIN_FAILED, {"seal": plan.art.seal_id, "why": exc.message}, actor=user)
            raise
        except BaseException as exc:
            self.journal.append(JournalKind.STAMP_FAILED, {"attempt": auth.attempt, "why": type(exc).__name__}, actor=user)
            raise
        with self.db.transaction() as conn:
            self.requests.mark_stamped(conn, request, plan.art.seal_id, output_name=output.name,
                                       output_sha256=result.sha256_after)
            self.journal.append(JournalKind.STAMP_DONE, {
                "attempt": auth.attempt, "document": plan.source.path.name, "sha256_before": result.sha256_before,
                "sha256_after": result.sha256_after, "seal": plan.art.seal_id, "page": result.box.page,
                "center_mm": list(result.box.center_mm), "request": request.id, "field": result.field_name,
                "output": str(output), "custodian": user}, actor=user)
        return result

    def _replan_with_reason(self, plan: StampPlan, reason: str) -> StampPlan:
        from dataclasses import replace

        source = read_source_pdf(plan.source.path)
        if source.sha256 != plan.source.sha256:
            raise InputChangedError(f"{plan.source.path} was replaced or edited while it was being stamped.",
                                    hint="Nothing was stamped. An edited document needs a new approval.")
        return plan_stamp(source, plan.art, replace(plan.spec, reason=reason, field_name=plan.field_name),
                          plan.output, overwrite=plan.overwrite)

    def _sign(self, plan: StampPlan, output: Path, pin: str | None) -> StampResult:
        token = self.token()
        signed_from = len(plan.source.data)
        try:
            return stamp_pdf(
                plan, output,
                run_on_token=lambda fn: token.run(fn, pin=pin),
                verify_output=lambda path, field: check_new_signature(
                    path, field, signed_from=signed_from, signer_cert_sha256=plan.art.cert_sha256),
            )
        finally:
            # Each use of a seal is unlocked by its own PIN entry: log out when done.
            token.logout()

    def verify(self, path: str | Path) -> VerifyResult:
        return verify_pdf(path, trust_roots=self.trust_roots())

    # -- approvals -------------------------------------------------------------

    def check_document(self, document: str | Path) -> DocumentCheckResult:
        """Can this document be stamped? The same reading and writing checks as the stamp, no secrets asked.

        Raises a :class:`~sealstation.errors.DocumentError` naming the fault;
        the result's warnings name earlier signatures already broken in the file.
        """
        from dataclasses import replace

        source = read_source_pdf(document)
        warnings = earlier_signature_problems(source.reader, source.path)
        check_stampable(source)  # last: the trial revision leaves its marks in the parsed objects
        return DocumentCheckResult(replace(source, reader=None, pages=None), warnings)

    def approve(self, document: str | Path | DocumentCheckResult, *, seals: list[str], copies: int, approver: str, password: str,
                purpose: str = "", requester: str = "walk-in") -> ApprovalResult:
        """An approver at the station approves a use of seals on this exact document.

        The document is checked first, as the stamp will read and write it:
        a document that cannot be stamped is refused here, before the password
        is checked. ``document`` may be the result of :meth:`check_document`
        (the CLI checks before it asks for the password); the approval binds
        the bytes that were checked.
        """
        checked = document if isinstance(document, DocumentCheckResult) else self.check_document(document)
        source = checked.source
        person = self.users.authenticate(approver, password)
        kinds = {seal_id: self.seals.get(seal_id).kind for seal_id in seals}
        with self.db.transaction():  # a refused approval leaves no half-made request
            request = self.requests.create(
                document_name=source.path.name, document_sha256=source.sha256, page_count=source.page_count,
                seals=seals, purpose=purpose, copies=copies, requester=requester)
            self.requests.decide(request.id, person, approve=True, seal_kinds=kinds)
        return ApprovalResult(self.requests.get(request.id), checked.warnings)

    def import_oa_approval(self, path: str | Path) -> StampRequest:
        """Import a signed approval from the OA system; the approver must have the authority."""
        from .approval.oa_file import read_oa_approval
        from .approval.requests import approver_keys

        oa = read_oa_approval(Path(path), approver_keys(self.db))
        person = self.users.get(oa.approver)
        if person is None:
            raise SealStationError(f"Approver {oa.approver} is not a user of this station.")
        kinds = {seal_id: self.seals.get(seal_id).kind for seal_id in oa.seals}
        with self.db.transaction():  # a refused import leaves no half-made request
            request = self.requests.create(
                document_name=oa.document_name, document_sha256=oa.document_sha256, page_count=oa.page_count,
                seals=oa.seals, purpose=oa.purpose, copies=oa.copies, requester=oa.requester)
            self.requests.decide(request.id, person, approve=True, seal_kinds=kinds, source="oa-file")
        return self.requests.get(request.id)

    # -- journal export ----------------------------------------------------------

    def export_journal(self, out: str | Path, *, user: str, password: str, since: str | None = None,
                       until: str | None = None, fmt: str = "csv", overwrite: bool = False) -> int:
        """Export journal entries in [since, until) for the office or an auditor; return how many.

        The output rules are checked before the password (the CLI also calls
        :meth:`check_output` before it asks for it); the export is journalled.
        """
        path = self.check_output(out, overwrite=overwrite)
        person = self.users.authenticate(user, password)
        if not {Role.OFFICE, Role.AUDITOR} & set(person.roles):
            raise PermissionDeniedError(f"{user} may not export the journal: it needs the office or auditor role.",
                                        hint="Ask the office or an auditor to export it.")
        n = export_journal(self.db, path, since=since, until=until, fmt=fmt, overwrite=overwrite)
        self.journal.append(JournalKind.EXPORT, {"entries": n, "from": since, "to": until, "format": fmt,
                                                 "file": str(path)}, actor=user)
        return n


class _ApprovedDigests:
    """``sha256 in digests``: is it an approved document, or the recorded output of a stamp? (indexed lookups)"""

    def __init__(self, db: StationDB) -> None:
        self.db = db

    def __contains__(self, sha256: object) -> bool:
        rows = self.db.query(
            "SELECT 1 FROM requests WHERE document_sha256 = ? UNION ALL "
            "SELECT 1 FROM stamps WHERE output_sha256 = ? LIMIT 1", (sha256, sha256))
        return bool(rows)
