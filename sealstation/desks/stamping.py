"""The custodian's desk: the work queue, the requests that cover a document, the checks before any secret, and stamping."""

from __future__ import annotations

import datetime as dt
import logging
import hashlib
import json
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence, TYPE_CHECKING

from . import batch
from .batch import BatchDocument, BatchPlan, BatchProgress, BatchResult
from .. import workqueue
from ..approval.requests import RequestState, StampRequest
from ..approval.entries import approval_entry
from ..approval.signed import approval_fillable, key_registration_bytes
from ..archive.authority_check import authority_refs, record_text, store_records
from ..desk import CHECKS, CoveringRequest, Preflight, PreflightCheck
from ..errors import (ApprovalError, CheckpointMismatchError, InputChangedError, OutputError, PermissionDeniedError, PinError,
                      PolicyError, SealStationError, TimestampError)
from ..fsutil import file_sha256
from ..journal.checkpoint import (CHECKPOINT_HINT, POLICY_COUNTER, CheckpointState, UseOnToken, compare, deputy_counter,
                                 first_checkpoint, read_checkpoint, released, with_use, write_checkpoint)
from ..journal.journal import JournalKind, iso_seconds
from ..locks import held_exclusive
from ..model import Placement
from ..pdf.document import SourcePdf, open_pdf, read_source_pdf
from ..pdf.locking import NO_LOCK, StampLock, lock_for, signed_before
from ..pdf.anchors import TextMatch, find_text, seal_phrases
from ..pdf.page_sets import PageSet
from ..pdf.placing import PlacementRule, SealPlaces, places_spec, places_facts, resolve_places
from ..pdf.sig_fields import SignatureField, signature_fields
from ..pdf.signing import StampPlan, StampResult, StampSpec, plan_stamp, stamp_pdf
from ..pdf.timestamps import office_time, validation_data
from ..pdf.verify import check_new_signature
from ..policy import SIGN_COMMAND
from ..seals.register import SealRecord
from ..token.signer import seal_signer
from ..users import Role, User, user_record_bytes
from ..workqueue import JournalLine, SealToday, WorkItem

if TYPE_CHECKING:  # the station imports the desks
    from ..pdf.cross_page import CrossPagePlan, CrossPageSpec
    from ..station import Station

log = logging.getLogger(__name__)

__all__ = ["StampingDesk", "StampRequestSpec", "StampAuthorisation", "OwedTimestamp", "TimestampOutcome"]


@dataclass(frozen=True)
class StampRequestSpec:
    """What the custodian asks for: a seal on a document at a place."""
    document: Path
    """The approved input PDF (never modified)."""
    seal_id: str
    placement: Placement | PlacementRule
    """Page and seal centre in mm from the top-left of the page as displayed; or a rule resolved against the
    document at planning (a page set, a keyword, an empty signature field: :mod:`sealstation.pdf.placing`)."""
    output: Path
    """Where to write the stamped PDF; refused in the station home, on the input or an approved document."""
    purpose: str = ""
    """Defaults to the approved request's purpose; becomes the signature's reason."""
    overwrite: bool = False
    """Replace an existing file at ``output`` (only after the person confirmed it); never an approved one."""
    cross_page: CrossPageSpec | None = None
    """Also a cross-page seal (骑缝章) in the same signature; the approval must list ``seal_id+cross-page``."""

@dataclass(frozen=True)
class StampAuthorisation:
    """What the gate let through: this plan, under this request, by this custodian."""
    plan: StampPlan
    request: StampRequest
    user: str
    attempt: int
    """Journal sequence number of the attempt's ``stamp_started`` entry."""
    in_use: dict = field(default_factory=dict)
    """Versions of the signed records the gate judged by (user records, policy, delegations), as checkpoint
    counters: compared with the token's counters in the signing login."""


@dataclass(frozen=True)
class OwedTimestamp:
    """A stamped file the office's timestamp (or revocation data) is owed to (journal ``timestamp_owed``)."""
    attempt: int
    """The stamp's attempt (its ``stamp_started`` sequence number)."""
    output: Path
    """The stamped file, where the stamp wrote it."""
    sha256: str
    """The stamped file as the stamp wrote it (a file changed since is not touched)."""
    seal: str
    at: str
    """When it was stamped (ISO 8601)."""
    what: tuple[str, ...]
    """The codes of what is missing: timestamp_unreachable, timestamp_garbage, revocation_unreachable …"""
    request: str = ""


@dataclass(frozen=True)
class TimestampOutcome:
    """What adding one owed timestamp did."""
    owed: OwedTimestamp
    added: bool
    """The document timestamp is in the file now (a new revision)."""
    sha256_after: str | None = None
    problem: SealStationError | None = None
    """Why not (or, when added, the revocation data still missing); worded by the window like any error."""


class StampingDesk:
    """What the custodian (印章专管人员) does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    def plan_stamp(self, request: StampRequestSpec) -> StampPlan:
        """Check the output, the document, the seal and the placement, and prepare the signed revision.

        No token, no login: every fault of the document or the output path
        shows here, before a password or PIN is asked for. The signature's reason is the purpose
        given, else that of the approved request for this document and seal
        (the gate still decides which request, if any, allows the stamp).
        """
        output = self.station.check_output(request.output, inputs=(Path(request.document),), overwrite=request.overwrite)
        source = read_source_pdf(request.document)
        record = self.station.seals.get(request.seal_id)
        purpose = request.purpose
        approved = self.station.requests.find_for(source.sha256, request.seal_id)
        if not purpose:
            purpose = approved.purpose if approved else ""
        placement = request.placement
        places = resolve_places(source, placement) if isinstance(placement, PlacementRule) else None
        art = self.station.seal_art(record)
        office = office_time(self.station.policy)  # the CRL is fetched here, before any secret (cached)
        spec = StampSpec(placement=places.placements[0] if places else placement, reason=purpose,
                         location=self.station.config.location or self.station.config.station_id,
                         cross_page=request.cross_page, lock=self._lock_for(source, request.seal_id, approved),
                         office_time=office, validation=validation_data(office, art.ca_chain, now=self.station.now())[0])
        if places is not None:  # a keyword, a page set or a field: the further places and the field, if any
            spec = places_spec(spec, places)
        return plan_stamp(source, art, spec, output, overwrite=request.overwrite)

    def check_stamp_before_login(self, plan: StampPlan, *, user: str, request_id: str | None = None) -> StampRequest:
        """Every refusal of the gate that needs no secret, so that it comes before the password and the PIN.

        The journal's stop and the clock, the signed policy and the sync grace,
        the custodian's signed record and role, the seal (issued, valid, registered
        here, held by ``user`` or delegated to them), the approval (signed, unexpired,
        for this document and seal, not used up) and the output folder. Nothing is
        journalled for a refusal here (no one has logged in); :meth:`authorise_stamp`
        checks all of it again under its login, in one transaction. A ``user`` the
        station does not know is refused as one who holds neither the seal nor a
        delegation for it (what the seal's record says anyway: its custodian's name).
        Returns the request that allows the stamp.
        """
        if plan.output is not None:  # again now: minutes may have passed since the plan
            self.station.check_output(plan.output, inputs=(plan.source.path,), overwrite=plan.overwrite)
        self._check_station_may_stamp()
        self._check_custodian(user)
        self._check_seal_for(plan.art.seal_id, user)
        return self._check_approval(plan.source, plan.approved_as, user, request_id)

    def _check_station_may_stamp(self) -> None:
        self.station.check_clock()
        self.station.journal.check_not_tampered()
        self.station.require_upgraded()
        self.station.check_sync_grace()
        self.station._check_authority_unchanged()

    def _check_custodian(self, user: str) -> None:
        person = self.station.users.get(user)
        if person is not None:
            self.station.users.check_record(person)
            person.require(Role.CUSTODIAN, "stamp")

    def _check_seal_for(self, seal_id: str, user: str) -> None:
        self.station.seals.check_usable(self.station.seals.get(seal_id), station_id=self.station.config.station_id, user=user, now=self.station.now())

    def _check_approval(self, source: SourcePdf, seal_id: str, user: str, request_id: str | None = None) -> StampRequest:
        request, _approval = self.station.requests.check_stamp_allowed(
            document_sha256=source.sha256, seal_id=seal_id, custodian=user, request_id=request_id,
            document_name=source.path.name)
        return request

    def authorise_stamp(self, plan: StampPlan, *, user: str, password: str,
                        request_id: str | None = None) -> StampAuthorisation:
        """The gate: journal intact, custodian logged in, seal usable here, approval for this document.

        On success the login and the attempt's ``stamp_started`` entry are
        committed together, before any signing; a refusal is journalled with
        its reason. Failed passwords are journalled as they happen.
        """
        seal_id = plan.art.seal_id
        facts = {"document": plan.source.path.name, "sha256": plan.source.sha256, "seal": seal_id}
        self.station.recover()  # an attempt a crash left open holds its approval until it is finished or undone
        try:
            self.station.check_clock()
            self.station.journal.check_not_tampered()
            person = self.station.users.verify_password(user, password)
            # A step of the gate, before the refusals below so that they cannot roll it back.
            self.station.seals.end_expired_delegations(seal_id, self.station.now())
        except SealStationError as exc:
            self.station.journal.append(JournalKind.STAMP_REFUSED, facts | exc.journal_words(), actor=user)
            raise
        return self._open_attempt(plan, person, facts, request_id)

    def _open_attempt(self, plan: StampPlan, person, facts: dict, request_id: str | None) -> StampAuthorisation:
        """The gate for a custodian whose password was checked: the attempt's ``stamp_started`` and its reservation
        committed together, or the refusal journalled (a batch opens one attempt a document under one login)."""
        user = person.username
        self.station.lock.hold_shared()  # held until the attempt ends: recovery leaves it alone
        try:
            # Not waiting for the disk: stamp_done or stamp_failed, always next, syncs it (journal/store.py).
            with self.station.db.transaction(sync=False) as conn:
                self.station.users.record_login(person)
                request, in_use, texts = self._gate(plan, person, request_id)
                # What the office re-checks against its own authority (archive/authority_check.py).
                authority, records = authority_refs(texts, ca_sha256=self.station.ca_sha256, pinned=self.station.anchor.pinned)
                store_records(conn, records)
                started = self.station.journal.append(JournalKind.STAMP_STARTED, facts | {
                    "request": request.id, "page": plan.box.placement.page,
                    "center_mm": list(plan.box.placement.center_mm),
                    "field": plan.field_name, "output": str(plan.output), "authority": authority}
                    | places_facts(plan) | _cross_page_facts(plan), actor=user)
                # The database's constraint, not the check above, is what stops a second process.
                self.station.uses.reserve(conn, request_id=request.id, seal_id=plan.approved_as, attempt=started.seq,
                                  output=str(plan.output))
        except SealStationError as exc:
            self.station.lock.release()
            with self.station.db.transaction():
                self.station.users.record_login(person)
                self.station.journal.append(JournalKind.STAMP_REFUSED, facts | exc.journal_words(), actor=user)
            raise
        except BaseException:
            self.station.lock.release()
            raise
        return StampAuthorisation(plan, request, user, started.seq, in_use)

    def _gate(self, plan: StampPlan, person, request_id: str | None) -> tuple[StampRequest, dict, dict[str, str]]:
        """The request that allows the stamp, the versions of the signed records it was judged by, and those
        records' texts by role (for the office archive)."""
        self.station.require_upgraded()
        self.station.check_sync_grace()
        self.station._check_authority_unchanged()
        self.station.users.check_record(person)
        self.station.users.check_fresh(person)
        person.require(Role.CUSTODIAN, "stamp")
        record = self.station.seals.get(plan.art.seal_id)
        self.station.seals.check_usable(record, station_id=self.station.config.station_id, user=person.username, now=self.station.now())
        request, approval = self.station.requests.check_stamp_allowed(
            document_sha256=plan.source.sha256, seal_id=plan.approved_as, custodian=person.username, request_id=request_id,
            document_name=plan.source.path.name)
        approver = self.station.users.get(approval.approver)  # read once for both (the same transaction: the same row)
        return (request, self._records_in_use(person, approval.approver, record, approver),
                self._authority_texts(person, approval, plan.art.seal_id, approver))

    def _authority_texts(self, person, approval, seal_id: str, approver: User | None) -> dict[str, str]:
        """The signed records this stamp is judged by, as the archive receives them (by role).

        The policy is the one this station judged by, as checked when it was loaded or signed (not the file
        read again: the file may have been changed since, and the stamp was judged by what was checked).
        """
        if self.station._policy_record is None:
            raise PolicyError("The station has no office-signed policy loaded: it cannot stamp.",
                              hint=f"The office signs the policy: {SIGN_COMMAND}.")
        texts = {"policy": self.station._policy_record,
                 "custodian": self._user_text(person),
                 "approval": record_text("approval", approval.signed_payload or "", approval.signature,
                                         source=approval.source)}
        if approver is not None:
            texts["approver"] = self._user_text(approver)
        for role, (signed, signature) in self.station.seals.signed_texts(seal_id, person.username, self.station.now()).items():
            texts[role] = record_text(role, signed, signature)
        if approval.source == "oa-file":
            rows = self.station.db.query("SELECT public_key_pem, signature FROM approver_keys WHERE approver = ?",
                                 (approval.approver,))
            if rows:
                texts["oa_key"] = record_text("oa_key", key_registration_bytes(approval.approver, rows[0][0]),
                                              rows[0][1])
        return texts

    @staticmethod
    def _user_text(user: User) -> str:
        return record_text("user", user_record_bytes(user), user.signature)

    def _records_in_use(self, person, approver: str, record: SealRecord, approver_record: User | None) -> dict:
        """The signed versions the token's counters check: an older signed version brought back is refused there,
        and a seal record under a version the office never signed here."""
        seal_id = record.seal_id
        users = {person.username: person.record_version}
        if approver_record is not None:
            users[approver] = approver_record.record_version
        in_use = {"users": users, "policy": {POLICY_COUNTER: self.station.policy.version}, "seals": {seal_id: record.version},
                  "delegations": {seal_id: self.station.seals.delegation_version(seal_id)}}
        if person.username != record.custodian:  # stamping as a deputy: the delegation they stamp under
            mine = [d.version for d in self.station.seals.delegations(seal_id, self.station.now()) if d.delegate == person.username]
            if mine:
                in_use["deputies"] = {deputy_counter(seal_id, person.username): max(mine)}
        return in_use

    def cancel(self, auth: StampAuthorisation, why: str) -> None:
        """An authorised stamp that will not happen (e.g. the PIN prompt was abandoned)."""
        self._end_failed(auth, f"cancelled: {why}")

    def _end_failed(self, auth: StampAuthorisation, why: str, *, error: SealStationError | None = None) -> None:
        """Journal the failure (``error``'s code and facts with it), release the approval's reservation, end the
        attempt's hold on the lock."""
        words = error.journal_words() if error is not None else {"why": why}
        try:
            with self.station.db.transaction() as conn:
                self.station.uses.release(conn, auth.attempt)
                self.station.journal.append(JournalKind.STAMP_FAILED, {"attempt": auth.attempt} | words,
                                            actor=auth.user)
                if isinstance(error, PinError):
                    self.station.journal.append(JournalKind.PIN_FAILED, {"seal": auth.plan.art.seal_id} | words,
                                        actor=auth.user)
        finally:
            self.station.lock.release()

    def stamp(self, auth: StampAuthorisation, output: str | Path | None = None, *, pin: str | None,
              keep_login: bool = False) -> StampResult:
        """Sign an authorised plan with the seal's token key and record it; the output is verified before it exists."""
        plan, request = auth.plan, auth.request
        try:
            output = Path(output).resolve() if output else plan.output
            if output != plan.output:
                raise OutputError(f"{output} is not the output that was authorised ({plan.output}).")
            if not plan.spec.reason and request.purpose:
                # The gate chose a request other than the one planning found: prepare again with its purpose.
                plan = self._replan_with_reason(plan, request.purpose)
            plan = self._with_request_lock(plan, request)
            # Again just before signing: minutes may have passed at the PIN prompt (a file may have appeared).
            self.station.check_output(output, inputs=(plan.source.path,), overwrite=plan.overwrite)
            commit = lambda tmp, sha, notices: self._commit_done(auth, plan, tmp, sha, notices)  # noqa: E731
            result = self._sign(plan, output, pin, commit=commit,
                                attempt=auth.attempt, in_use=auth.in_use,
                                use=UseOnToken(auth.attempt, request.id, plan.approved_as), keep_login=keep_login)
        except SealStationError as exc:
            self._end_failed(auth, exc.message, error=exc)
            raise
        except BaseException as exc:
            self._end_failed(auth, type(exc).__name__)
            raise
        try:
            self.station.uses.placed_lazily(auth.attempt)
        finally:
            self.station.lock.release()
        self._tell_witnesses()
        return result

    def _tell_witnesses(self) -> None:
        """Hand the checkpoint this stamp wrote to the token to the witnesses outside the station."""
        checkpoint, self.station._written_checkpoint = self.station._written_checkpoint, None
        for witness in self.station.witnesses if checkpoint is not None else ():
            try:
                witness.witness(checkpoint)
            except Exception:  # noqa: BLE001 - a witness queues what it cannot take; a stamp never fails for it
                log.warning("A checkpoint witness failed; it must catch up at its next sync.", exc_info=True)

    def _commit_done(self, auth: StampAuthorisation, plan: StampPlan, temp: Path, sha256_after: str,
                     notices: tuple = ()) -> None:
        """The stamp counts from here: verified temp file, ``stamp_done`` committed (with the office's timestamp it is
        owed, in the same transaction: no kill leaves a stamp without the debt recorded); the rename follows."""
        output, placement = Path(plan.output), plan.box.placement
        with self.station.db.transaction() as conn:
            self.station.requests.mark_stamped(conn, auth.request, plan.approved_as, output_name=output.name,
                                       output_sha256=sha256_after)
            self.station.uses.signed(conn, auth.attempt, temp=str(temp), sha256_after=sha256_after)
            self.station.journal.append(JournalKind.STAMP_DONE, {
                "attempt": auth.attempt, "document": plan.source.path.name, "sha256_before": plan.source.sha256,
                "sha256_after": sha256_after, "seal": plan.art.seal_id, "page": placement.page,
                "center_mm": list(placement.center_mm), "request": auth.request.id, "field": plan.field_name,
                "output": str(output), "temp": temp.name, "custodian": auth.user,
                # What verify --archive matches a signature by: the digest of the bytes it signs.
                "signature_digest": plan.prepared.digest.document_digest.hex() if plan.prepared else None}
                | places_facts(plan) | _cross_page_facts(plan), actor=auth.user)
            self._record_owed(auth, plan, sha256_after, notices)

    def _lock_for(self, source: SourcePdf, seal_id: str, request: StampRequest | None) -> StampLock:
        """How this seal locks the document: the request's last seal locks it (see :mod:`sealstation.pdf.locking`)."""
        if request is None:
            return NO_LOCK
        done = self.station.requests.stamped_seals(request.id)
        left = [seal for seal in request.seals if seal not in done]
        return lock_for(last=left == [seal_id], fillable=approval_fillable(self.station.requests.approval_of(request.id)),
                        signed_before=source.signed if source.signed is not None else signed_before(source.reader))

    def _with_request_lock(self, plan: StampPlan, request: StampRequest) -> StampPlan:
        """The plan locking as the request the gate chose says (planning may have found another): prepared again
        when it differs."""
        planned = plan.source
        if planned.signed is None:  # not known from the read: a fresh parse of the planned bytes (the writer used it)
            planned = replace(planned, reader=open_pdf(planned.data, planned.path))
        lock = self._lock_for(planned, plan.art.seal_id, request)
        if lock == (plan.spec.lock or NO_LOCK):
            return plan
        source = read_source_pdf(plan.source.path)
        if source.sha256 != plan.source.sha256:
            raise InputChangedError(f"{plan.source.path} was replaced or edited while it was being stamped.",
                                    hint="Nothing was stamped. An edited document needs a new approval.",
                                    file=plan.source.path.name, path=str(plan.source.path))
        return plan_stamp(source, plan.art, replace(plan.spec, lock=lock, field_name=plan.field_name),
                          plan.output, overwrite=plan.overwrite)

    def _replan_with_reason(self, plan: StampPlan, reason: str) -> StampPlan:
        source = read_source_pdf(plan.source.path)
        if source.sha256 != plan.source.sha256:
            raise InputChangedError(f"{plan.source.path} was replaced or edited while it was being stamped.",
                                    hint="Nothing was stamped. An edited document needs a new approval.",
                                    file=plan.source.path.name, path=str(plan.source.path))
        return plan_stamp(source, plan.art, replace(plan.spec, reason=reason, field_name=plan.field_name),
                          plan.output, overwrite=plan.overwrite)

    def _sign(self, plan: StampPlan, output: Path, pin: str | None, commit=None,
              attempt: int | None = None, in_use: dict | None = None, use: UseOnToken | None = None,
              keep_login: bool = False) -> StampResult:
        """Sign on the token; with ``attempt`` (a gated stamp) the token checkpoint is compared and written first.

        The checkpoint written names the attempt (``use``): from then on the
        approval counts as used whatever the records say later, unless signing
        fails in this same login (no signature exists), which the token records.
        """
        token = self.station.token()
        signed_from = len(plan.source.data)


        art = plan.art

        def with_signer(fn):
            def in_login(session):
                if attempt is None or not self.station._checkpoints:
                    return fn(seal_signer(session, label=art.seal_id, token_label=art.token_label,
                                          cert_sha256=art.cert_sha256, ca_chain=art.ca_chain))
                # The checkpoint is compared and rewritten in the same login as the signature, before it.
                self._checkpoint(session, art.seal_id, attempt, art.token_label, in_use or {}, use)
                try:
                    return fn(seal_signer(session, label=art.seal_id, token_label=art.token_label,
                                          cert_sha256=art.cert_sha256, ca_chain=art.ca_chain))
                except BaseException:
                    self._release_on_token(session, attempt)  # no signature was made: the approval is not spent
                    raise

            return token.run(in_login, pin=pin)

        try:
            return stamp_pdf(
                plan, output,
                with_signer=with_signer,
                verify_output=lambda path, field: check_new_signature(
                    path, field, signed_from=signed_from, signer_cert_sha256=plan.art.cert_sha256),
                signing_time=self.station.now(),
                commit=commit,
            )
        except CheckpointMismatchError as exc:
            self.station.journal.record_stop(exc.message, stop=exc.stop, source=f"checkpoint on token '{plan.art.token_label}'")
            raise
        finally:
            # Each use of a seal is unlocked by its own PIN entry: log out when done (a batch, under one PIN entry,
            # logs out once, at its end).
            if not keep_login:
                token.logout()

    def _release_on_token(self, session, attempt: int) -> None:
        written = self.station._written_checkpoint
        if written is None or not any(u[0] == attempt for u in written.uses):
            return
        try:
            with held_exclusive(self.station.home.root / "checkpoint.lock"):
                current = read_checkpoint(session, self.station.config.station_id)
                if current is not None and not current.tamper:
                    self.station._written_checkpoint = write_checkpoint(session, released(current, attempt))
        except Exception:  # noqa: BLE001 - the signing error is what the person must see; the approval stays spent
            log.warning("Could not record on the token that attempt %s signed nothing.", attempt, exc_info=True)

    def _checkpoint(self, session, seal_id: str, attempt: int, token_label: str, in_use: dict,
                    use: UseOnToken | None = None) -> None:
        """On the token's thread, logged in: compare the database with the checkpoint, then write the next one.

        Written before the signature, not after: the token then never holds a
        signature it has no record of (a kill -9 between the two cannot make
        one), and a signature that fails afterwards leaves a checkpoint at the
        attempt's ``stamp_started``, which the database already holds.
        """
        station_id = self.station.config.station_id
        use = use or UseOnToken(attempt, "", seal_id)
        with held_exclusive(self.station.home.root / "checkpoint.lock"):  # two stamps of this station: one at a time
            held: list = []
            cp = read_checkpoint(session, station_id, objects=held)
            result = compare(self.station.db, cp, ca_cert=self.station.journal.ca_cert, seal_id=seal_id, in_use=in_use, use=use,
                             now=self.station.clock())
            if result.state == CheckpointState.USED:
                raise ApprovalError(f"Nothing was signed: {result.reason}.",
                                    hint="One approval allows one stamp with each of its seals: ask for a new approval.",
                                    code="approval_used_up", seal=seal_id, reason=result.reason)
            if result.state == CheckpointState.NONE:
                started = write_checkpoint(session, with_use(first_checkpoint(self.station.db, station_id, attempt, in_use),
                                                             use, {}), replacing=held)
                self.station._written_checkpoint = started
                self.station.journal.append(JournalKind.CHECKPOINT_STARTED, {
                    "token": token_label, "station": station_id, "seq": started.seq, "hash": started.hash,
                    "why": "no checkpoint of this station was on the seal's USB key (first stamp, or a new key)"})
                return
            if not result.agrees:
                raise self._stop_on_token(session, cp, result)
            self.station._written_checkpoint = write_checkpoint(session, with_use(replace(
                cp, seq=result.head[0], hash=result.head[1], counters=result.counters, tamper=None,
                at=result.last_at), use, result.outcomes), replacing=held)

    def _stop_on_token(self, session, cp, result) -> CheckpointMismatchError:
        """Record the stop on the token (a database restored later still meets it) and say why in words."""
        if result.stopped:
            stop = cp.tamper["stop"]
        else:
            stop = secrets.token_hex(8)
            write_checkpoint(session, replace(cp, tamper={"stop": stop, "reason": result.reason,
                                                          "at": iso_seconds(self.station.now())}))
        return CheckpointMismatchError(f"Stamping is stopped: {result.reason}.", stop=stop, state=result.state,
                                       hint=CHECKPOINT_HINT, reason=result.reason)

    def request_for(self, document: str | Path, *, request_id: str | None = None) -> CoveringRequest | None:
        """The request that covers this file (its SHA-256: the approved document or an earlier stamp's output).

        ``request_id`` (a request chosen in the work queue): that request, when it covers this file; else None. Without
        it, the approved request covering the file if there is one, else the most recent (see RequestStore.covering)."""
        sha256 = file_sha256(Path(document))
        if request_id is not None:
            request = self.station.requests.get(request_id)
            if not self.station.requests.covers(request, sha256) or request.state == RequestState.SUPERSEDED:
                return None
        else:
            request = self.station.requests.covering(sha256)
        if request is None:
            return None
        return CoveringRequest(request, self.station.requests.approval_of(request.id), self.seals_left(request.id))

    def preflight(self, request: StampRequestSpec, *, user: str) -> Preflight:
        """Every check the stamp of ``request`` by ``user`` will run that needs no secret, each with its answer.

        The steps of :meth:`check_stamp_before_login` and :meth:`plan_stamp`, each answered on its own,
        without a login, a reservation or a journal entry: what is refused here would be refused after the
        PIN. A check that needs an earlier one's answer (the approval needs the document read) is reported
        as not checked when that one fails.
        """
        found: dict[str, PreflightCheck] = {}
        source = None

        def run(name: str, fn, *needs: str) -> None:
            if any(not found[n].ok for n in needs):
                found[name] = PreflightCheck(name, None)
                return
            try:
                fn()
            except SealStationError as exc:
                found[name] = PreflightCheck(name, False, exc)
            else:
                found[name] = PreflightCheck(name, True)

        def document():
            nonlocal source
            source = read_source_pdf(request.document)

        def approval():
            self._check_approval(source, approval_entry(request.seal_id, request.cross_page is not None), user)

        run("document", document)
        run("station", self._check_station_may_stamp)
        run("custodian", lambda: self._check_custodian(user))
        run("seal", lambda: self._check_seal_for(request.seal_id, user))
        run("approval", approval, "document")
        run("output", lambda: self.station.check_output(request.output, inputs=(Path(request.document),),
                                                overwrite=request.overwrite))
        run("placement", lambda: self.plan_stamp(request), "document", "seal", "output")
        return Preflight(request.seal_id, tuple(found[name] for name in CHECKS))

    def seals_left(self, request_id: str) -> tuple[str, ...]:
        """The request's approved seals not stamped yet (each goes on the output of the stamp before it)."""
        done = self.station.requests.stamped_seals(request_id)
        return tuple(seal for seal in self.station.requests.get(request_id).seals if seal not in done)

    def return_request(self, request_id: str, *, by: str, password: str, reason: str) -> None:
        """退签: the custodian sends a request back, with a reason."""
        person = self.station.users.authenticate(by, password)
        person.require(Role.CUSTODIAN, "return a request")
        self.station.requests.return_request(request_id, by=person.username, reason=reason)

    def work_queue(self, user: str, *, recent_days: int = 30) -> tuple[WorkItem, ...]:
        """The requests ``user`` may act on (their seals, as custodian or deputy; the approval valid as recorded),
        grouped: waiting, partly stamped, to print, returned, recalled or superseded. Reads rows only, O(requests):
        the stamp's and the print's own checks decide when an item is opened."""
        return workqueue.work_queue(self.station, user, recent_days=recent_days)

    def seals_usable_today(self, user: str) -> tuple[SealToday, ...]:
        """The seals ``user`` keeps or stands in for, each checked as the gate checks it, with why not."""
        return workqueue.seals_usable_today(self.station, user)

    def journal_lines(self, user: str, *, since: dt.datetime | str, until: dt.datetime | str,
                      seal: str | None = None, kind: str | Sequence[str] | None = None) -> tuple[JournalLine, ...]:
        """``user``'s own journal entries in [since, until), of ``seal`` and ``kind`` when given (the journal view)."""
        return workqueue.journal_lines(self.station, user, since=since, until=until, seal=seal, kind=kind)

    def find_keyword(self, document: str | Path, text: str, pages: PageSet | None = None, *,
                     this_page: int = 1) -> tuple[TextMatch, ...]:
        """Where ``text`` appears in ``document`` (on ``pages``, default every page), in the placement convention.

        For the window's keyword box and the preview's highlights; reads the file, no login, no journal entry.
        """
        source = read_source_pdf(document)
        numbers = pages.pages(source.page_count, this_page) if pages is not None else None
        return find_text(source, text, numbers)

    def seal_phrases(self, document: str | Path) -> tuple[str, ...]:
        """The phrases of ``document`` that mark a place for a seal (甲方（盖章）, 签章处 …), to choose a keyword from."""
        return seal_phrases(read_source_pdf(document))

    def signature_fields(self, document: str | Path) -> tuple[SignatureField, ...]:
        """The signature fields of ``document`` (empty ones are offered as the place to stamp)."""
        return signature_fields(read_source_pdf(document))

    def places(self, document: str | Path, rule: PlacementRule) -> SealPlaces:
        """Where ``rule`` puts the seal on ``document`` (a page set, a keyword, an empty signature field), as
        planning will: every place, the field signed into, every match of the keyword (for the preview's
        highlights). Refused as planning refuses (keyword found nowhere, page set beyond the document, field
        missing or signed), without a login or a journal entry."""
        return resolve_places(read_source_pdf(document), rule)

    def cross_page_preview(self, document: str | Path, seal_id: str, cross_page: CrossPageSpec) -> CrossPagePlan:
        """Where each strip of a cross-page seal (骑缝章) of ``seal_id`` goes on ``document``, checked as the stamp
        plans it (one page, a signed document, a strip off a page are refused in words); no secret, no journal.
        ``seal_id`` may be an approval's seal entry (``HT-001+cross-page``)."""
        from ..pdf.cross_page import plan_cross_page

        source = read_source_pdf(document)
        record = self.station.seals.get(seal_id)
        return plan_cross_page(source, cross_page, seal_id=record.seal_id, size_mm=record.size_mm)

    # -- batches (issue 19): several documents under one login and one PIN entry (see desks/batch.py) --------------

    def plan_batch(self, documents: Sequence[BatchDocument], *, placement: Placement, user: str, purpose: str = "",
                   overwrite: bool = False) -> BatchPlan:
        """Plan a batch and run every check that needs no secret, per document (those refused are reported, with
        their errors, before the password and the PIN). Writes and journals nothing."""
        return batch.plan_batch(self, documents, placement=placement, user=user, purpose=purpose, overwrite=overwrite)

    def stamp_batch(self, plan: BatchPlan, *, user: str, password: str, pin: str,
                    progress: Callable[[BatchProgress], None] | None = None) -> BatchResult:
        """Stamp a planned batch under one password check and one token login, each document on its own (its own
        gate, reservation, signature, journal entries); one that fails is reported and the rest go on.
        ``progress`` is called before and after each document (on the calling thread)."""
        return batch.stamp_batch(self, plan, user=user, password=password, pin=pin, progress=progress)

    def batch_documents(self, batch_id: str, folder: str | Path | None = None) -> tuple[BatchDocument, ...]:
        """The documents of a batch request still to stamp, each with its request and the seals left, written to
        ``folder`` (default: beside each document) as ``name-已签章.pdf``. A document not where the station
        received it is listed all the same: planning the batch reports it."""
        todo = [r for r in self.station.requests.in_batch(batch_id)
                if r.state == RequestState.APPROVED and self.seals_left(r.id)]
        paths = [Path(r.document_path or r.document_name) for r in todo]
        outputs = (batch.batch_outputs(paths, folder) if folder
                   else [batch.batch_outputs([p], p.parent)[0] for p in paths])
        return tuple(BatchDocument(p, self.seals_left(r.id), out, r.id) for r, p, out in zip(todo, paths, outputs))

    def batch_members(self, request_id: str) -> tuple[str, ...]:
        """The requests of ``request_id``'s batch (itself included), in the order the approver signed them; () when
        it is a request on its own (the queue selects a whole batch with it)."""
        batch_id = self.station.requests.get(request_id).batch
        return tuple(r.id for r in self.station.requests.in_batch(batch_id)) if batch_id else ()

    def batch_for_items(self, items: Sequence[WorkItem], folder: str | Path | None = None) -> tuple[BatchDocument, ...]:
        """A batch of the work queue's items (as the queue shows them): each item's file, the seals still to stamp
        that ``items`` owner keeps (all left when the queue knows none), written to ``folder`` (default: beside each
        file) as ``name-已签章.pdf``. Items with nothing left to stamp, or whose file the station does not know, are
        left out."""
        todo = [i for i in items if i.due_next is not None and i.document_path is not None]
        paths = [Path(i.document_path) for i in todo]
        outputs = (batch.batch_outputs(paths, folder) if folder
                   else [batch.batch_outputs([p], p.parent)[0] for p in paths])
        found = []
        for item, path, out in zip(todo, paths, outputs):
            left = self.seals_left(item.request_id)
            seals = tuple(s for s in left if s in item.mine) or left
            found.append(BatchDocument(path, seals, out, item.request_id))
        return tuple(found)

    def lock_after(self, request_id: str) -> str | None:
        """How the request's stamped document is locked: ``None`` while seals of it are left to stamp, else what the
        lock its last seal put on still allows (``no changes``, or ``form filling`` for a form approved as fillable)."""
        if self.seals_left(request_id):
            return None
        return "form filling" if approval_fillable(self.station.requests.approval_of(request_id)) else "no changes"

    # -- the office's timestamps owed to stamped files (issue 19) -------------------------------------------------

    def _record_owed(self, auth: StampAuthorisation, plan: StampPlan, sha256_after: str, notices: tuple) -> None:
        """A stamp without the office's timestamp or revocation data: recorded as owed (the archive sync carries it)."""
        if not notices:
            return
        office = plan.spec.office_time
        self.station.journal.append(JournalKind.TIMESTAMP_OWED, {
            "attempt": auth.attempt, "output": str(plan.output), "sha256_after": sha256_after,
            "seal": plan.art.seal_id, "request": auth.request.id,
            "what": [notice.code for notice in notices],
            "timestamp_url": office.timestamp_url if office else "", "crl_url": office.crl_url if office else ""},
            actor=auth.user)

    def owed_timestamps(self) -> tuple[OwedTimestamp, ...]:
        """The stamped files still owed the office's timestamp, oldest first."""
        rows = self.station.db.query(
            "SELECT kind, at, data FROM journal WHERE kind IN ('timestamp_owed', 'timestamp_added') ORDER BY seq")
        owed: dict[int, OwedTimestamp] = {}
        for kind, at, data in rows:
            entry = json.loads(data)
            if kind == JournalKind.TIMESTAMP_OWED.value:
                owed[entry["attempt"]] = OwedTimestamp(entry["attempt"], Path(entry["output"]), entry["sha256_after"],
                                                       entry.get("seal", ""), at, tuple(entry.get("what", ())),
                                                       entry.get("request", ""))
            elif entry.get("added"):
                owed.pop(entry["attempt"], None)
        return tuple(owed.values())

    def add_owed_timestamps(self, *, by: str) -> tuple[TimestampOutcome, ...]:
        """Add the office's document timestamp (and the revocation data then missing) to each stamped file owed one.

        Each file gets a new incremental revision (``/DocTimeStamp``; the seals stay valid), written atomically,
        recorded ``timestamp_added``. A file moved or changed since it was stamped is left as it is (it stays owed);
        the first failure of the authority stops the round (the rest stay owed). Network calls: run it off the GUI
        thread; each waits at most :data:`~sealstation.pdf.timestamps.TIMEOUT_SECONDS`."""
        from ..permissions import Action, require

        person = self.station.users.get(by)
        if person is None:
            raise PermissionDeniedError(f"{by} is not a user of this station.", code="role_missing", user=by,
                                        action="add owed timestamps")
        require(person, Action.STAMP, "add owed timestamps")
        office = office_time(self.station.policy)
        owed = self.owed_timestamps()
        if owed and (office is None or not office.timestamp_url):
            raise TimestampError("The station's policy names no timestamp authority: owed timestamps cannot be added.",
                                 code="timestamp_no_authority",
                                 hint="The office names its timestamp authority in the policy (timestamp_url) and "
                                      f"signs it: {SIGN_COMMAND}.")
        outcomes = []
        for item in owed:
            outcome = self._add_owed(item, office, by)
            outcomes.append(outcome)
            if not outcome.added and outcome.problem is not None and outcome.problem.code.startswith("timestamp_") \
                    and outcome.problem.code != "timestamp_file_changed":
                break  # the authority is down: the rest wait for the next round
        return tuple(outcomes)

    def _add_owed(self, item: OwedTimestamp, office, by: str) -> TimestampOutcome:
        from ..fsutil import atomic_output
        from ..pdf.timestamps import add_document_timestamp

        try:
            data = item.output.read_bytes()
        except OSError:
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != item.sha256:
            return TimestampOutcome(item, False, problem=TimestampError(
                f"{item.output} is missing or was changed since it was stamped: its owed timestamp is not added.",
                code="timestamp_file_changed", file=item.output.name, path=str(item.output),
                hint="Put the stamped file back where it was written, as it was, and add the owed timestamps again."))
        validation, still_missing = (None, None)
        if "revocation_unreachable" in item.what:
            validation, still_missing = validation_data(office, self.station.trust_roots(), now=self.station.now())
        try:
            stamped = add_document_timestamp(data, office, validation)
        except TimestampError as exc:
            return TimestampOutcome(item, False, problem=exc)
        sha256_after = hashlib.sha256(stamped).hexdigest()

        def record(_tmp) -> None:
            # The timestamped file is the same stamp's output: printing, the next seal of the request and the
            # archive know it by its new digest from here (committed before the rename, as a stamp is).
            with self.station.db.transaction() as conn:
                conn.execute("UPDATE stamps SET output_sha256 = ? WHERE output_sha256 = ?", (sha256_after, item.sha256))
                self.station.journal.append(JournalKind.TIMESTAMP_ADDED, {
                    "attempt": item.attempt, "request": item.request, "output": str(item.output),
                    "sha256_before": item.sha256, "sha256_after": sha256_after, "added": True,
                    "timestamp_url": office.timestamp_url, "revocation": validation is not None}, actor=by)

        with atomic_output(item.output, overwrite=True, before_rename=record) as out:
            out.write(stamped)
        return TimestampOutcome(item, True, sha256_after, still_missing)


def _cross_page_facts(plan: StampPlan) -> dict:
    """What the journal says of a cross-page seal: the approval entry it used up and the pages with strips."""
    if plan.cross_page is None:
        return {}
    return {"approved_as": plan.approved_as, "cross_page": {
        "edge": plan.cross_page.spec.edge, "at_mm": plan.cross_page.spec.at_mm, "pages": plan.cross_page.page_count,
        "groups": [[g[0], g[-1]] for g in plan.cross_page.groups]}}
