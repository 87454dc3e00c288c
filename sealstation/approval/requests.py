"""Stamp requests (用印申请), approvals (审批) and the request state machine.

received → approved → stamped; received/approved → returned (退签, with a
reason); received → refused. A reprint (重印) is a new request for the
corrected document that supersedes the stamped one; it needs its own approval.
An approval binds the decision to the document's SHA-256, the seals and the
number of copies, and expires. :meth:`RequestStore.check_stamp_allowed` is the
gate the station calls before every stamp; it accepts an approval only by its
signatures (:mod:`sealstation.approval.signed`), never by its row alone.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import dataclass
from typing import Callable

import sqlcipher3

from ..errors import ApprovalError, PermissionDeniedError, RequestError, RequestStateError
from ..journal.journal import Journal, JournalKind, iso_seconds, utc_now
from ..model import MAX_COPIES, ApprovalDecision, TextEnum, copies_problem
from ..users import Role, User
from .rules import AuthorityRules
from .signed import approver_keys, batch_approval_payload, register_approver_key, station_approval_payload

__all__ = ["RequestState", "ApprovalDecision", "TRANSITIONS", "StampRequest", "Approval", "OaImport", "RequestStore",
           "register_approver_key",
           "approver_keys"]


class RequestState(TextEnum):
    RECEIVED = "received"
    APPROVED = "approved"
    STAMPED = "stamped"
    RETURNED = "returned"
    REFUSED = "refused"
    SUPERSEDED = "superseded"


R = RequestState
TRANSITIONS = {
    (R.RECEIVED, "approve"): R.APPROVED,
    (R.RECEIVED, "refuse"): R.REFUSED,
    (R.RECEIVED, "return"): R.RETURNED,
    (R.APPROVED, "return"): R.RETURNED,
    (R.APPROVED, "stamp"): R.APPROVED,  # partly stamped: some seals still to go
    (R.APPROVED, "complete"): R.STAMPED,
    (R.STAMPED, "supersede"): R.SUPERSEDED,
}
del R


@dataclass(frozen=True)
class StampRequest:
    id: str
    document_name: str
    document_sha256: str
    page_count: int
    seals: tuple[str, ...]
    purpose: str
    copies: int
    requester: str
    created_at: str
    state: RequestState
    reason: str | None = None
    """Why it was returned or refused."""
    supersedes: str | None = None
    """For a reprint (重印): the request whose stamped file this replaces."""
    document_path: str | None = None
    """Where the document was when the station received it (for the work queue to open; never evidence: the
    SHA-256 decides). None for requests from before it was recorded, or an OA file's document not found beside it."""
    batch: str | None = None
    """The batch (B…) this request belongs to: documents one approver approved together, under one signature over
    the list of their SHA-256 (:func:`~sealstation.approval.signed.batch_approval_payload`). None for a single one."""


@dataclass(frozen=True)
class Approval:
    request_id: str
    approver: str
    decision: ApprovalDecision
    document_sha256: str
    seals: tuple[str, ...]
    copies: int
    at: str
    expires_at: str
    source: str
    """'station' (approved here) or 'oa-file' (signed file from the OA system)."""
    signed_payload: str | None = None
    """What the approver signed: the station's approval payload, or the OA file's bytes (UTF-8)."""
    signature: str | None = None
    """The approver's signature over ``signed_payload`` (hex)."""


@dataclass(frozen=True)
class OaImport:
    """An OA approval file imported at this station (one row of ``oa_imports``; its id is UNIQUE)."""

    oa_id: str
    """The OA system's id of the approval."""
    request_id: str
    """The request the import created."""
    approver: str
    file_sha256: str
    """SHA-256 of the signed file as imported."""
    expires_at: str
    """The file's own expiry (ISO 8601 UTC)."""
    imported_by: str
    """The logged-in custodian or office user who imported it."""
    imported_at: str


_REQ_COLS = ("id, document_name, document_sha256, page_count, seals, purpose, copies, requester, created_at, state, "
             "reason, supersedes, document_path, batch_id")


def _request(row) -> StampRequest:
    return StampRequest(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])), row[5], row[6], row[7], row[8],
                        RequestState(row[9]), row[10], row[11], row[12], row[13])


def next_state(current: RequestState, action: str, request_id: str) -> RequestState:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise RequestStateError(f"Request {request_id} is {current.value}; '{action}' is not allowed now.") from None


class RequestStore:
    """Requests and approvals in the station database; every step journalled."""

    def __init__(self, db, journal: Journal, rules: AuthorityRules = AuthorityRules(), *,
                 approval_days: int = 7, allow_same_person: bool = False,
                 clock: Callable[[], dt.datetime] = utc_now, verifier=None) -> None:
        """``verifier``: an :class:`~sealstation.approval.signed.ApprovalVerifier`; without one the gate refuses."""
        self.db, self.journal, self.rules, self.verifier = db, journal, rules, verifier
        self.approval_days, self.allow_same_person, self.clock = approval_days, allow_same_person, clock

    # -- reading -----------------------------------------------------------

    def get(self, request_id: str) -> StampRequest:
        rows = self.db.query(f"SELECT {_REQ_COLS} FROM requests WHERE id = ?", (request_id,))
        if not rows:
            raise ApprovalError(f"No stamp request {request_id}.")
        return _request(rows[0])

    def list(self, state: RequestState | None = None) -> list[StampRequest]:
        sql = f"SELECT {_REQ_COLS} FROM requests" + (" WHERE state = ?" if state else "") + " ORDER BY created_at"
        return [_request(r) for r in self.db.query(sql, (state.value,) if state else ())]

    def approval_of(self, request_id: str) -> Approval | None:
        rows = self.db.query(
            "SELECT request_id, approver, decision, document_sha256, seals, copies, at, expires_at, source, signed_payload, "
            "signature FROM approvals WHERE request_id = ? ORDER BY id DESC LIMIT 1", (request_id,))
        if not rows:
            return None
        r = rows[0]
        try:
            decision = ApprovalDecision(r[2])
        except ValueError:
            raise ApprovalError(f"The approval of request {request_id} records an unknown decision {r[2]!r} "
                                "(a row edited?); it is refused.", hint="The approver must decide again.") from None
        return Approval(r[0], r[1], decision, r[3], tuple(json.loads(r[4])), r[5], r[6], r[7], r[8], r[9], r[10])

    def oa_import(self, oa_id: str) -> OaImport | None:
        """The import of this OA approval id at this station, if any."""
        rows = self.db.query("SELECT oa_id, request_id, approver, file_sha256, expires_at, imported_by, imported_at "
                             "FROM oa_imports WHERE oa_id = ?", (oa_id,))
        return OaImport(*rows[0]) if rows else None

    def check_oa_not_imported(self, oa_id: str) -> None:
        """Refuse an OA approval id already imported here (the UNIQUE row decides at import; this only reads)."""
        earlier = self.oa_import(oa_id)
        if earlier is not None:
            raise _already_imported(earlier)

    def in_batch(self, batch_id: str) -> list[StampRequest]:
        """The requests of a batch, in the order they were made (the order the approver signed them)."""
        return [_request(r) for r in self.db.query(
            f"SELECT {_REQ_COLS} FROM requests WHERE batch_id = ? ORDER BY created_at, rowid", (batch_id,))]

    def new_batch_id(self) -> str:
        return f"B{self.clock():%Y%m%d}-{secrets.token_hex(3)}"

    def stamped_seals(self, request_id: str) -> set[str]:
        return {r[0] for r in self.db.query("SELECT seal_id FROM stamps WHERE request_id = ?", (request_id,))}

    # -- writing -----------------------------------------------------------

    def create(self, *, document_name: str, document_sha256: str, page_count: int, seals, purpose: str,
               copies: int, requester: str, supersedes: str | None = None,
               document_path: str | None = None, batch: str | None = None) -> StampRequest:
        problem = copies_problem(copies)
        if problem:
            raise RequestError(f"A request cannot be made for {document_name}: {problem}.",
                               hint=f"Ask for 1 to {MAX_COPIES} copies.")
        request_id = f"R{self.clock():%Y%m%d}-{secrets.token_hex(3)}"
        with self.db.transaction() as conn:
            conn.execute(
                f"INSERT INTO requests ({_REQ_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)",
                (request_id, document_name, document_sha256, page_count, json.dumps(list(seals)), purpose, copies,
                 requester, iso_seconds(self.clock()), RequestState.RECEIVED.value, supersedes, document_path, batch))
            self.journal.append(JournalKind.REQUEST_RECEIVED, {
                "request": request_id, "document": document_name, "sha256": document_sha256, "seals": list(seals),
                "purpose": purpose, "copies": copies, "supersedes": supersedes,
                **({"batch": batch} if batch else {})}, actor=requester)
        return self.get(request_id)

    def _set_state(self, conn, request: StampRequest, action: str, reason: str | None = None) -> RequestState:
        new = next_state(request.state, action, request.id)
        conn.execute("UPDATE requests SET state = ?, reason = COALESCE(?, reason) WHERE id = ?", (new.value, reason, request.id))
        return new

    def decide(self, request_id: str, approver: User, *, approve: bool, seal_kinds: dict[str, str],
               source: str = "station", reason: str | None = None, expires_at: dt.datetime | None = None,
               details: dict | None = None, sign: Callable[[bytes], str] | None = None,
               signed: tuple[bytes, str] | None = None, fillable: bool = False) -> Approval | None:
        """An approver's decision; ``seal_kinds`` maps each requested seal to its kind.

        The approval expires after the station's ``approval_days``, or at
        ``expires_at`` if that is earlier (an OA file's own expiry, or a
        validity the approver chose at the station: then it is signed too).
        ``details`` are added to the decision's journal entry. An approval
        is signed: at the station ``sign`` (the approver's opened key) signs
        :func:`station_approval_payload`; from the OA system ``signed`` is the
        file's bytes and the approver's signature (hex) over them. ``fillable``:
        a blank form approved to be filled in after stamping (signed with the rest).
        """
        request = self.get(request_id)
        approver.require(Role.APPROVER, "approve stamp requests")
        self._check_approver(request, approver, seal_kinds, approving=approve)
        now = self.clock()
        expires = self._expiry(now, expires_at)
        payload, signature = signed or (None, None)
        if approve and signed is None:
            if sign is None:
                raise ApprovalError(f"An approval of request {request_id} must be signed with {approver.username}'s key.",
                                    hint="Approve at the station with the approver's password.")
            payload = station_approval_payload(
                request_id=request_id, document_sha256=request.document_sha256, seals=request.seals,
                copies=request.copies, purpose=request.purpose, approver=approver.username, at=iso_seconds(now),
                valid_until=iso_seconds(expires) if expires_at is not None else None, fillable=fillable)
            signature = sign(payload)
        decision = ApprovalDecision.APPROVE if approve else ApprovalDecision.REFUSE
        with self.db.transaction() as conn:
            self._set_state(conn, request, "approve" if approve else "refuse", None if approve else reason)
            conn.execute(
                "INSERT INTO approvals (request_id, approver, decision, document_sha256, seals, copies, at, expires_at, source, "
                "signed_payload, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (request_id, approver.username, decision.value, request.document_sha256,
                 json.dumps(list(request.seals)), request.copies, iso_seconds(now), iso_seconds(expires), source,
                 payload.decode("utf-8") if payload else None, signature))
            self.journal.append(JournalKind.APPROVAL_GRANTED if approve else JournalKind.APPROVAL_REFUSED, {
                "request": request_id, "sha256": request.document_sha256, "seals": list(request.seals),
                "copies": request.copies, "source": source, "reason": reason, **(details or {})},
                actor=approver.username)
        return self.approval_of(request_id) if approve else None

    def _check_approver(self, request: StampRequest, approver: User, seal_kinds: dict[str, str], *,
                        approving: bool = True) -> None:
        """The approver did not make the request (unless the policy allows it) and, approving, has the level each
        of its seals needs."""
        if approver.username == request.requester and not self.allow_same_person:
            raise PermissionDeniedError(f"{approver.username} made request {request.id} and may not approve it.")
        if not approving:
            return
        for seal_id in request.seals:
            lack = self.rules.lack(approver.approver_level, seal_id, seal_kinds[seal_id])
            if lack:
                level = approver.approver_level.value if approver.approver_level else "no level"
                raise ApprovalError(f"{approver.username} ({level}) {lack}.", hint="Ask an approver with that authority.",
                                    code="approver_lacks_authority", approver=approver.username, level=level)

    def _expiry(self, now: dt.datetime, expires_at: dt.datetime | None) -> dt.datetime:
        """When an approval made ``now`` ends: the policy's days, or the approver's own earlier date."""
        expires = now + dt.timedelta(days=self.approval_days)
        return min(expires, expires_at) if expires_at is not None else expires

    def decide_batch(self, request_ids, approver: User, *, seal_kinds: dict[str, str],
                     sign: Callable[[bytes], str], expires_at: dt.datetime | None = None) -> list[Approval]:
        """An approver approves the requests of one batch with one signature over the list of their documents.

        Each request must be waiting (received), made by someone else than the approver, and every seal of each
        within the approver's level; all are approved or none (one transaction). Each request gets its own
        ``approvals`` row and ``approval_granted`` entry carrying the same signed payload
        (:func:`batch_approval_payload`), so each document is then stamped, reserved and journalled on its own.
        """
        requests = [self.get(request_id) for request_id in request_ids]
        if not requests:
            raise RequestError("A batch approval needs at least one document.", hint="Choose the documents.")
        batches = {r.batch for r in requests}
        if len(batches) != 1 or None in batches:
            raise RequestError("These requests are not one batch; a batch is approved as a whole.",
                               hint="Approve each request on its own, or the whole batch.")
        approver.require(Role.APPROVER, "approve stamp requests")
        for request in requests:
            if request.state != RequestState.RECEIVED:
                raise RequestStateError(f"Request {request.id} is {request.state.value}; 'approve' is not allowed now.")
            self._check_approver(request, approver, seal_kinds)
        now = self.clock()
        expires = self._expiry(now, expires_at)
        if len({r.purpose for r in requests}) != 1:  # the gate checks the signed purpose against each request's
            raise RequestError("The documents of a batch share one purpose.", hint="Make one batch per purpose.")
        payload = batch_approval_payload(
            batch_id=requests[0].batch, purpose=requests[0].purpose,
            documents=[{"request": r.id, "document_sha256": r.document_sha256, "document_name": r.document_name,
                        "seals": r.seals, "copies": r.copies} for r in requests],
            approver=approver.username, at=iso_seconds(now),
            valid_until=iso_seconds(expires) if expires_at is not None else None)
        signature = sign(payload)
        with self.db.transaction() as conn:
            for request in requests:
                self._set_state(conn, request, "approve")
                conn.execute(
                    "INSERT INTO approvals (request_id, approver, decision, document_sha256, seals, copies, at, "
                    "expires_at, source, signed_payload, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (request.id, approver.username, ApprovalDecision.APPROVE.value, request.document_sha256,
                     json.dumps(list(request.seals)), request.copies, iso_seconds(now), iso_seconds(expires),
                     "station", payload.decode("utf-8"), signature))
                self.journal.append(JournalKind.APPROVAL_GRANTED, {
                    "request": request.id, "sha256": request.document_sha256, "seals": list(request.seals),
                    "copies": request.copies, "source": "station", "reason": None, "batch": request.batch,
                    "documents": len(requests)}, actor=approver.username)
        return [self.approval_of(r.id) for r in requests]

    def record_oa_import(self, conn, *, oa_id: str, request_id: str, approver: str, file_sha256: str,
                         expires_at: str, by: str) -> None:
        """Record that OA approval ``oa_id`` was imported (inside the transaction that creates its request).

        ``oa_imports.oa_id`` is UNIQUE: whichever import commits second, in
        this process or another, fails here and its whole transaction (the
        request with it) is rolled back. The row is a table the journal key can
        empty (its trigger dropped), so the chained ``approval_granted`` entry
        of an earlier import is looked for too (only entries of that kind, by
        the kind index; imports are rare) once the row went in.
        """
        try:
            conn.execute("INSERT INTO oa_imports (oa_id, request_id, approver, file_sha256, expires_at, imported_by, "
                         "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (oa_id, request_id, approver, file_sha256, expires_at, by, iso_seconds(self.clock())))
        except sqlcipher3.IntegrityError as exc:
            earlier = self.oa_import(oa_id)
            if earlier is None:  # not the UNIQUE id: some other constraint
                raise ApprovalError(f"OA approval {oa_id} cannot be recorded: {exc}.") from exc
            raise _already_imported(earlier) from exc
        # The row is new, yet the journal may name the id: the row of an earlier import was deleted.
        journalled = conn.execute(
            "SELECT seq, at, json_extract(data, '$.request') FROM journal WHERE kind = ? "
            "AND json_extract(data, '$.oa_id') = ? ORDER BY seq LIMIT 1",
            (JournalKind.APPROVAL_GRANTED.value, oa_id)).fetchone()
        if journalled is not None:
            raise ApprovalError(
                f"OA approval {oa_id} was already imported at this station (journal entry {journalled[0]}, "
                f"{journalled[1][:16]}, request {journalled[2]}); each approval is used once.",
                hint="Another use of the seal needs a new approval from the OA system. If the station no longer "
                "lists that import, its records were edited: tell the office.")

    def restate(self, conn, request_id: str, *, seals, copies: int, purpose: str) -> StampRequest:
        """What the approver approves instead of what was asked (fewer seals, another number of copies, the purpose
        in their words), inside the caller's transaction, before :meth:`decide` signs it; only a received request.

        The request's ``request_received`` entry keeps what was asked; the decision's entry names both.
        """
        request = self.get(request_id)
        if request.state != RequestState.RECEIVED:
            raise RequestStateError(f"Request {request_id} is {request.state.value}; only a request waiting for its "
                                    "approval can be approved with other seals, copies or purpose.")
        problem = copies_problem(copies)
        if problem:
            raise RequestError(f"Request {request_id} cannot be approved for that number of copies: {problem}.",
                               hint=f"Approve 1 to {MAX_COPIES} copies.")
        if not seals or not set(seals) <= set(request.seals):
            raise RequestError(f"Request {request_id} asks for seal(s) {', '.join(request.seals)}; an approval may "
                               "grant some of them, never another seal.", hint="Choose among the seals asked for.")
        kept = [seal for seal in request.seals if seal in set(seals)]  # the request's order
        conn.execute("UPDATE requests SET seals = ?, copies = ?, purpose = ? WHERE id = ?",
                     (json.dumps(kept), copies, purpose, request_id))
        return self.get(request_id)

    def return_request(self, request_id: str, *, by: str, reason: str) -> None:
        """退签: the custodian sends the request back, with a reason."""
        if not reason.strip():
            raise RequestError("A returned request needs a reason.", hint="Say why it is sent back.")
        request = self.get(request_id)
        with self.db.transaction() as conn:
            self._set_state(conn, request, "return", reason)
            self.journal.append(JournalKind.REQUEST_RETURNED, {"request": request_id, "reason": reason}, actor=by)

    # -- the stamp gate ----------------------------------------------------

    def find_for(self, document_sha256: str, seal_id: str) -> StampRequest | None:
        """The most recent live request for this document and seal.

        The document is the approved one, or the output of an earlier stamp
        under the request: a request for seals A and B is stamped with A,
        then B on A's output.
        """
        # The seal is matched by SQLite, and one row read: a document approved many times has many requests.
        rows = self.db.query(
            f"SELECT {_REQ_COLS} FROM requests WHERE state != ? AND (document_sha256 = ? OR id IN "
            "(SELECT request_id FROM stamps WHERE output_sha256 = ? AND superseded = 0)) "
            "AND json_valid(seals) AND EXISTS (SELECT 1 FROM json_each(requests.seals) WHERE json_each.value = ?) "
            "ORDER BY created_at DESC, rowid DESC LIMIT 1",
            (RequestState.SUPERSEDED.value, document_sha256, document_sha256, seal_id))
        return _request(rows[0]) if rows else None

    def covering(self, document_sha256: str) -> StampRequest | None:
        """The request (superseded ones aside) for this document or for an earlier stamp's output: an approved one
        first (the one a custodian can act on, even when a later request for the same file still waits for its
        approval), else the most recent."""
        rows = self.db.query(
            f"SELECT {_REQ_COLS} FROM requests WHERE state != ? AND (document_sha256 = ? OR id IN "
            "(SELECT request_id FROM stamps WHERE output_sha256 = ? AND superseded = 0)) "
            "ORDER BY state = ? DESC, created_at DESC, rowid DESC LIMIT 1",
            (RequestState.SUPERSEDED.value, document_sha256, document_sha256, RequestState.APPROVED.value))
        return _request(rows[0]) if rows else None

    def covers(self, request: StampRequest, document_sha256: str) -> bool:
        """``document_sha256`` is the request's approved document or what an earlier stamp under it wrote."""
        return request.document_sha256 == document_sha256 or self._is_output_of(request.id, document_sha256)

    def _is_output_of(self, request_id: str, document_sha256: str) -> bool:
        """``document_sha256`` is what an earlier stamp under ``request_id`` wrote."""
        return bool(self.db.query("SELECT 1 FROM stamps WHERE request_id = ? AND output_sha256 = ? AND superseded = 0",
                                  (request_id, document_sha256)))

    def _approved_under_name(self, seal_id: str, document_name: str | None) -> bool:
        """An approved request for this seal and a document of this file name (so this one was likely edited)."""
        if not document_name:
            return False
        rows = self.db.query("SELECT seals FROM requests WHERE state = ? AND document_name = ?",
                             (RequestState.APPROVED.value, document_name))
        return any(seal_id in json.loads(r[0]) for r in rows)

    def check_stamp_allowed(self, *, document_sha256: str, seal_id: str, custodian: str,
                            request_id: str | None = None, document_name: str | None = None,
                            ) -> tuple[StampRequest, Approval]:
        """The request and approval that allow this stamp, or an :class:`ApprovalError` saying why not."""
        request = self.get(request_id) if request_id else self.find_for(document_sha256, seal_id)
        if request is None:
            if self._approved_under_name(seal_id, document_name):
                raise ApprovalError(
                    "This file is not the approved document: it was changed after approval (its SHA-256 differs): "
                    "re-approval required.", hint="Submit the edited document for a new approval.",
                    code="document_changed", seal=seal_id, file=document_name or "")
            raise ApprovalError(f"There is no approved request for this document and seal '{seal_id}'.",
                                hint="The document must be approved before it is stamped.",
                                code="approval_missing", seal=seal_id, file=document_name or "")
        if request.state == RequestState.RETURNED:
            raise ApprovalError(f"Request {request.id} was returned (退签): {request.reason}.",
                                code="request_returned", request=request.id, reason=request.reason or "")
        if request.state in (RequestState.REFUSED, RequestState.SUPERSEDED):
            raise ApprovalError(f"Request {request.id} is {request.state.value}; it cannot be stamped.",
                                code=f"request_{request.state.value}", request=request.id)
        approved_input = request.document_sha256 == document_sha256 or self._is_output_of(request.id, document_sha256)
        if not approved_input:
            raise ApprovalError(
                f"The file was changed after request {request.id} was approved (its SHA-256 differs): re-approval required.",
                hint="Submit the edited document for a new approval.",
                code="document_changed", request=request.id, seal=seal_id, file=document_name or "")
        approval = self.approval_of(request.id)
        if approval is None or approval.decision != ApprovalDecision.APPROVE or request.state == RequestState.RECEIVED:
            raise ApprovalError(f"Request {request.id} has not been approved yet.",
                                code="approval_pending", request=request.id)
        if seal_id not in approval.seals:
            raise ApprovalError(f"The approval of request {request.id} is for seal(s) {', '.join(approval.seals)}, not '{seal_id}'.",
                                code="approval_wrong_seal", request=request.id, seal=seal_id,
                                seals=", ".join(approval.seals))
        if approval.document_sha256 != request.document_sha256:
            raise ApprovalError("The approval is for another document: re-approval required.",
                                code="approval_other_document", request=request.id)
        if self.verifier is None:
            raise ApprovalError(f"The approval of request {request.id} cannot be checked: no signature verifier here.")
        # From signed values only: the row's expires_at could have been edited.
        expires = min(self.verifier.check(approval, request, seal_id), dt.datetime.fromisoformat(approval.expires_at))
        if expires <= self.clock():
            raise ApprovalError(f"The approval of request {request.id} expired on {iso_seconds(expires)[:10]}.",
                                hint="Ask the approver to approve it again.",
                                code="approval_expired", request=request.id, seal=seal_id, until=iso_seconds(expires))
        self._check_journal_verdicts(request.id, seal_id)
        if seal_id in self.stamped_seals(request.id) or request.state == RequestState.STAMPED:
            raise ApprovalError(f"The approval of request {request.id} for seal '{seal_id}' is already used up.",
                                hint="A reprint (重印) or another stamp needs a new approval.",
                                code="approval_used_up", request=request.id, seal=seal_id)
        if approval.approver == custodian and not self.allow_same_person:
            raise PermissionDeniedError(f"{custodian} approved request {request.id} and may not also stamp it.",
                                        code="approver_may_not_stamp", user=custodian, request=request.id)
        return request, approval

    def _check_journal_verdicts(self, request_id: str, seal_id: str) -> None:
        """What the journal says about this request decides, whatever its rows now say.

        A returned (退签) or refused request, or a seal already stamped under it,
        stays so even when the ``requests``, ``stamps`` and ``stamp_uses`` rows
        are edited or deleted with the database key.
        """
        for e in self.journal.about_request(request_id):
            if e.kind == JournalKind.REQUEST_RETURNED:
                raise ApprovalError(f"Request {request_id} was returned (退签) (journal entry {e.seq}): "
                                    f"{e.data.get('reason')}.", code="request_returned", request=request_id,
                                    reason=str(e.data.get("reason") or ""), entry=e.seq)
            if e.kind == JournalKind.APPROVAL_REFUSED:
                raise ApprovalError(f"Request {request_id} was refused (journal entry {e.seq}); it cannot be stamped.",
                                    code="request_refused", request=request_id, entry=e.seq)
            if e.kind == JournalKind.STAMP_DONE and e.data.get("approved_as", e.data.get("seal")) == seal_id:
                raise ApprovalError(
                    f"The approval of request {request_id} for seal '{seal_id}' is already used up "
                    f"(stamped, journal entry {e.seq}).",
                    hint="A reprint (重印) or another stamp needs a new approval.",
                    code="approval_used_up", request=request_id, seal=seal_id, entry=e.seq)

    def mark_stamped(self, conn, request: StampRequest, seal_id: str, *, output_name: str, output_sha256: str) -> None:
        """Record one seal applied (inside the caller's transaction, with its journal entry)."""
        conn.execute("INSERT INTO stamps (request_id, seal_id, output_sha256, output_name, at) VALUES (?, ?, ?, ?, ?)",
                     (request.id, seal_id, output_sha256, output_name, iso_seconds(self.clock())))
        done = self.stamped_seals(request.id) | {seal_id}
        self._set_state(conn, request, "complete" if done >= set(request.seals) else "stamp")
        if request.supersedes:
            old = self.get(request.supersedes)
            if old.state == RequestState.STAMPED:
                self._set_state(conn, old, "supersede")
                conn.execute("UPDATE stamps SET superseded = 1 WHERE request_id = ?", (old.id,))


def _already_imported(earlier: OaImport) -> ApprovalError:
    return ApprovalError(
        f"OA approval {earlier.oa_id} was already imported at this station on {earlier.imported_at} "
        f"by {earlier.imported_by} (request {earlier.request_id}); each approval is used once.",
        code="oa_approval_imported", oa=earlier.oa_id, request=earlier.request_id,
        hint="Another use of the seal needs a new approval from the OA system.")
