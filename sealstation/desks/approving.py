"""The approver's desk: requests waiting for approval, approving or refusing them, OA approval files, extra copies (加印) and reprints (重印).

An approver's authority is two gates, both in the core: their role (:func:`sealstation.permissions.require`) and their
level for each seal (:mod:`sealstation.approval.rules`). The window asks :meth:`ApprovingDesk.seals_i_may_approve`
before anyone types a password, so a seal beyond the approver's level is not offered; the use cases check both again
whatever the window offered, and the stamp gate checks the signed approval a third time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence, TYPE_CHECKING

from ..approval.entries import approval_entry
from ..approval.oa_file import OaApproval, format_utc, read_oa_approval, read_oa_file, read_oa_signature
from ..approval.requests import RequestState, StampRequest
from ..approval.signed import approver_keys, sign_payload
from ..errors import (ApprovalError, InputChangedError, JournalError, PermissionDeniedError, RequestError,
                      RequestStateError, SealStationError)
from ..fsutil import file_sha256
from ..journal.journal import JournalKind, iso_seconds
from ..pdf.active import active_content
from ..pdf.document import SourcePdf, frame_of_page, read_source_pdf
from ..pdf.signing import check_stampable
from ..pdf.verify import earlier_signature_problems
from ..permissions import Action, allowed, require
from ..users import Role

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["ApprovingDesk", "DocumentCheckResult", "ApprovalResult", "BatchRequests", "WaitingRequest", "StampedForApprover",
           "HISTORY_SHOWN"]

HISTORY_SHOWN = 50
"""How many of the most recent stamped requests the approver's history lists (for 加印 and 重印)."""


@dataclass(frozen=True)
class DocumentCheckResult:
    """A document that can be stamped, and what a person should know about it."""
    source: SourcePdf
    """The facts of the checked file (path, SHA-256, pages); its parse is spent: read it again to stamp."""
    warnings: tuple[str, ...]
    """E.g. an earlier signature in the file that is already broken."""

@dataclass(frozen=True)
class BatchRequests:
    """The requests of one batch (one a document), in the order the approver signed them."""
    batch: str
    """The batch id (B…)."""
    requests: tuple[StampRequest, ...]
    warnings: tuple[str, ...] = ()
    """The documents' warnings the approver was shown."""


@dataclass(frozen=True)
class ApprovalResult:
    """An approved request, and the document's warnings the approver was shown."""
    request: StampRequest
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class WaitingRequest:
    """A request waiting for an approval (received at the station), as one approver sees it."""

    request: StampRequest
    requester_name: str
    """The requester's display name (their user name when they are not a user of this station)."""
    seal_names: tuple[str, ...]
    """The full name of each seal asked for, in the request's order."""
    offered: tuple[str, ...]
    """The seals asked for that this approver's level may approve (what the window offers)."""
    beyond: tuple[tuple[str, str], ...]
    """(seal, level it needs) for each seal asked for beyond this approver's level."""


@dataclass(frozen=True)
class StampedForApprover:
    """A stamped request in the approver's history: more copies of it (加印), or a corrected document for it (重印)."""

    request: StampRequest
    output: Path | None
    """The stamped file (the output of its last stamp); None when the station does not know where it is."""
    approver: str
    """Who approved it (user name)."""
    approver_name: str
    """Their display name."""
    seal_names: tuple[str, ...]
    """The full name of each of its seals, in the request's order."""
    copies_approved: int
    """The approved copies with every extra allowance."""
    copies_printed: int
    stamped_at: str
    """When its last seal was stamped (ISO 8601 UTC)."""


def _beside(oa_file: Path, document_name: str) -> str | None:
    """The OA approval's document when it lies beside the approval file (as the OA system exports them), else None."""
    candidate = oa_file.resolve().parent / Path(document_name).name
    return str(candidate) if candidate.is_file() else None


class ApprovingDesk:
    """What an approver (审批人/签发人) does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    def check_document(self, document: str | Path, seals: Sequence[str] = ()) -> DocumentCheckResult:
        """Can this document be stamped? The same reading and writing checks as the stamp, no secrets asked.

        Raises a :class:`~sealstation.errors.DocumentError` naming the fault;
        the result's warnings name earlier signatures already broken or not
        trusted, active content, and ``seals`` too large for page 1.
        """
        source = read_source_pdf(document)
        warnings = earlier_signature_problems(source.reader, source.path, self.station.verification_roots())
        warnings += tuple(f"{source.path.name} contains {what}: viewers may show or do more than its pages."
                          for what in active_content(source.reader, source.data, source.names))
        warnings += self._seals_too_large(source, seals)
        check_stampable(source)  # last: the trial revision leaves its marks in the parsed objects
        return DocumentCheckResult(replace(source, reader=None, pages=None), warnings)

    def _seals_too_large(self, source: SourcePdf, seals: Sequence[str]) -> tuple[str, ...]:
        width, height = frame_of_page(source.pages, 1, source.path).display_size_mm
        found = []
        for seal_id in seals:
            sw, sh = self.station.seals.get(seal_id).size_mm
            if sw > width or sh > height:
                found.append(f"Page 1 of {source.path.name} ({width:.1f}×{height:.1f} mm) is too small for seal "
                             f"'{seal_id}' ({sw:g}×{sh:g} mm): it will have to go on another page.")
        return tuple(found)

    def approve(self, document: str | Path | DocumentCheckResult, *, seals: list[str], copies: int, approver: str, password: str,
                purpose: str = "", requester: str = "walk-in", supersedes: str | None = None) -> ApprovalResult:
        """An approver at the station approves a use of seals on this exact document.

        The document is checked first, as the stamp will read and write it:
        a document that cannot be stamped is refused here, before the password
        is checked. ``document`` may be the result of :meth:`check_document`
        (the CLI checks before it asks for the password); the approval binds
        the bytes that were checked. ``supersedes``: for a reprint (重印), the
        request whose stamped file the corrected document replaces.
        """
        self.station.require_upgraded()
        self.station.check_clock()  # the approval's signed time and its expiry come from the station's time
        checked = document if isinstance(document, DocumentCheckResult) else self.check_document(document, seals)
        source = checked.source
        person = self.station.users.authenticate(approver, password)
        person.require(Role.APPROVER, "approve stamp requests")
        key = self.station.users.unlock_key(person, password)  # only the approver's password opens it
        kinds = {seal_id: self.station.seals.get(seal_id).kind for seal_id in seals}
        with self.station.db.transaction():  # a refused approval leaves no half-made request
            request = self.station.requests.create(
                document_name=source.path.name, document_sha256=source.sha256, page_count=source.page_count,
                seals=seals, purpose=purpose, copies=copies, requester=requester, supersedes=supersedes,
                document_path=str(Path(source.path).resolve()))
            self.station.requests.decide(request.id, person, approve=True, seal_kinds=kinds,
                                 sign=lambda payload: sign_payload(key, payload))
        return ApprovalResult(self.station.requests.get(request.id), checked.warnings)

    def receive_request(self, document: str | Path, *, seals: list[str], copies: int, purpose: str,
                        requester: str) -> StampRequest:
        """A request for this document received at the station, waiting for an approver (checked as ``approve``
        checks it)."""
        source = self.check_document(document, seals).source
        return self.station.requests.create(document_name=source.path.name, document_sha256=source.sha256,
                                    page_count=source.page_count, seals=seals, purpose=purpose, copies=copies,
                                    requester=requester, document_path=str(Path(source.path).resolve()))

    def import_oa_approval(self, path: str | Path, *, user: str, password: str) -> StampRequest:
        """Import a signed approval from the OA system, as a logged-in custodian or office user.

        The file must be signed by the approver's registered key, not expired,
        and its id never imported at this station before: the id goes into
        ``oa_imports`` (UNIQUE) in the same transaction that creates the
        request, so of two imports of one file, even in two processes at once,
        only one commits. The approval expires at the earlier of the station's
        ``approval_days`` and the file's ``expires_at``. The login, the import
        (who imported it) and every refusal after the login are journalled.
        """
        person = self.station.users.authenticate(user, password)
        path = Path(path)
        try:
            self.station.require_upgraded()
            if not allowed(person, Action.IMPORT_OA):
                raise PermissionDeniedError(
                    f"{user} may not import OA approval files: it needs the custodian or office role.",
                    code="oa_import_role", user=user)
            return self._import_oa(path, person.username)
        except SealStationError as exc:
            if not isinstance(exc, JournalError):  # the database itself failing cannot record it
                self.station.journal.append(JournalKind.OA_IMPORT_REFUSED, {"file": path.name, "why": exc.message}, actor=user)
            raise

    def describe_oa_approval(self, path: str | Path) -> OaApproval:
        """What an OA approval file approves, checked as :meth:`import_oa_approval` checks it, writing nothing.

        Format, signature by a registered key, expiry, approver and whether its
        id was imported here before; the window shows this before it asks for a
        password. The import checks again (the file may change, another import
        may commit first): this is a preview, never a permission.
        """
        path = Path(path)
        oa = self._checked_oa(path)
        self.station.requests.check_oa_not_imported(oa.id)
        return oa

    def _checked_oa(self, path: Path) -> OaApproval:
        """The import's checks of the file itself (clock, format, signature, expiry, approver), writing nothing."""
        self.station.check_clock()  # an expired file is judged against the station's time
        oa = read_oa_approval(path, approver_keys(self.station.db, self.station.ca_cert))
        if oa.expires_at <= self.station.now():
            raise ApprovalError(f"The OA approval {oa.id} in {path.name} expired at {format_utc(oa.expires_at)}.",
                                hint="Ask the approver to approve it again in the OA system.",
                                code="oa_approval_expired", oa=oa.id, file=path.name,
                                until=oa.expires_at.isoformat())
        person = self.station.users.get(oa.approver)
        if person is None:
            raise ApprovalError(f"Approver {oa.approver} of {path.name} is not a user of this station.",
                                code="oa_approver_unknown", approver=oa.approver, file=path.name)
        self.station.users.check_record(person)
        return oa

    def _import_oa(self, path: Path, importer: str) -> StampRequest:
        oa = self._checked_oa(path)
        data = read_oa_file(path)  # again, as a file that may have been swapped (for a FIFO, too) since
        if hashlib.sha256(data).hexdigest() != oa.file_sha256:
            raise InputChangedError(f"{path.name} changed while it was being imported; nothing was imported.")
        # Kept with the approval: the gate checks this signature again at every stamp.
        signature = read_oa_signature(path).hex()
        person = self.station.users.get(oa.approver)
        kinds = {seal_id: self.station.seals.get(seal_id).kind for seal_id in oa.seals}
        with self.station.db.transaction() as conn:  # a refused import leaves no half-made request
            request = self.station.requests.create(
                document_name=oa.document_name, document_sha256=oa.document_sha256, page_count=oa.page_count,
                seals=oa.seals, purpose=oa.purpose, copies=oa.copies, requester=oa.requester,
                document_path=_beside(path, oa.document_name))
            self.station.requests.record_oa_import(conn, oa_id=oa.id, request_id=request.id, approver=oa.approver,
                                           file_sha256=oa.file_sha256, expires_at=iso_seconds(oa.expires_at),
                                           by=importer)
            self.station.requests.decide(request.id, person, approve=True, seal_kinds=kinds, source="oa-file",
                                 expires_at=oa.expires_at, signed=(data, signature),
                                 details={"oa_id": oa.id, "file": path.name, "file_sha256": oa.file_sha256,
                                          "file_expires_at": format_utc(oa.expires_at), "imported_by": importer})
        return self.station.requests.get(request.id)

    def allow_extra_copies(self, document: str | Path, *, copies: int, approver: str, password: str, reason: str = ""):
        return self.station.printing().allow_extra(document, copies=copies, approver=approver, password=password, reason=reason)

    # -- authority, asked before any password -------------------------------------------------------------------

    def seals_i_may_approve(self, user: str, seals: Sequence[str] | None = None) -> tuple[str, ...]:
        """Of ``seals`` (default: every registered seal), those ``user``'s approver level may approve.

        Empty for someone who may not approve at all. The level is read from the user's record as the office signed
        it (a record that fails its check approves nothing); the policy's authority rules decide per seal kind.
        """
        st = self.station
        person = st.users.get(user)
        if person is None or not allowed(person, Action.APPROVE):
            return ()
        try:
            st.users.check_record(person)
        except Exception:  # noqa: BLE001 - an unsigned or edited record: nothing is offered; the use case says why
            return ()
        wanted = [r.seal_id for r in st.seals.all()] if seals is None else list(seals)
        return tuple(s for s in wanted if st.requests.rules.allows(person.approver_level, self._kind(s)))

    def _kind(self, seal_id: str) -> str:
        try:
            return str(self.station.seals.get(seal_id).kind)
        except Exception:  # noqa: BLE001 - a seal no longer registered: no level allows it
            return "\0unknown"

    def level_needed(self, seal_id: str) -> str:
        """The approver level (its value, e.g. ``general_manager``) a use of ``seal_id`` needs."""
        return self.station.requests.rules.required(self._kind(seal_id)).value

    # -- the requests waiting -----------------------------------------------------------------------------------

    def waiting_requests(self, user: str) -> tuple[WaitingRequest, ...]:
        """The requests received at the station and waiting for an approval, oldest first, for approver ``user``.

        A request ``user`` made is left out unless the policy allows the same person (the core refuses it anyway).
        Each names the seals ``user`` may approve and those beyond their level. Reads rows only.
        """
        st = self.station
        person = st.users.get(user)
        if person is None:
            return ()
        require(person, Action.APPROVE, "approve stamp requests")
        own_ok = st.requests.allow_same_person
        may = set(self.seals_i_may_approve(user))  # the record's signature checked once, not per request
        may |= {approval_entry(s, True) for s in may}  # the seal with a cross-page seal: the seal's authority
        found = []
        for request in st.requests.list(RequestState.RECEIVED):
            if request.requester == user and not own_ok:
                continue
            offered = tuple(s for s in request.seals if s in may)
            found.append(WaitingRequest(
                request=request, requester_name=self._display(request.requester),
                seal_names=tuple(self._seal_name(s) for s in request.seals), offered=offered,
                beyond=tuple((s, self.level_needed(s)) for s in request.seals if s not in offered)))
        return tuple(found)

    def _display(self, user: str) -> str:
        person = self.station.users.get(user)
        return person.display_name if person is not None and person.display_name else user

    def _seal_name(self, seal_id: str) -> str:
        try:
            return self.station.seals.get(seal_id).name
        except Exception:  # noqa: BLE001 - a seal no longer registered is shown by its id
            return seal_id

    # -- approving ----------------------------------------------------------------------------------------------

    def approve_request(self, request_id: str, *, approver: str, password: str, seals: Sequence[str], copies: int,
                        purpose: str, valid_days: int | None = None) -> ApprovalResult:
        """The approver approves a waiting request at the station, signed with their own key (as ``approve`` does).

        ``seals`` (some or all of those asked for), ``copies`` and ``purpose`` are what is approved; when they differ
        from what was asked the request takes them and the decision's journal entry names what was asked.
        ``valid_days``: a validity shorter than the policy's ``approval_days`` (signed with the approval). The
        document is checked where the station received it, and must still be the one asked for (its SHA-256),
        before the password is checked; the seals beyond the approver's level are refused before it too.
        """
        st = self.station
        request = st.requests.get(request_id)
        if request.state != RequestState.RECEIVED:
            raise RequestStateError(f"Request {request_id} is {request.state.value}; it is not waiting for an "
                                    "approval.", hint="Refresh the list of requests waiting.")
        checked = self._checked_document(request, seals)
        return self._approve(request, checked, approver=approver, password=password, seals=seals, copies=copies,
                             purpose=purpose, valid_days=valid_days)

    def approve_reprint(self, document: str | Path, *, supersedes: str, approver: str, password: str,
                        seals: Sequence[str], copies: int, purpose: str,
                        valid_days: int | None = None) -> ApprovalResult:
        """重印: the approver approves a corrected document that replaces request ``supersedes``'s stamped file.

        As ``sealstation approve --supersedes`` (a new request, approved in the same transaction), for the seals of
        the stamped request (some or all); once stamped, the earlier request is superseded and its file no longer
        printed. Refused unless the earlier request is stamped.
        """
        st = self.station
        old = st.requests.get(supersedes)
        if old.state != RequestState.STAMPED:
            raise RequestStateError(f"Request {supersedes} is {old.state.value}: only a stamped document is reprinted "
                                    "(重印).", hint="A request not stamped yet is returned and asked for again.")
        if not seals or not set(seals) <= set(old.seals):
            raise RequestError(f"A reprint of request {supersedes} is for its seal(s) {', '.join(old.seals)}.",
                               hint="Choose among the seals of the stamped document.")
        checked = self.check_document(document, list(seals))
        if checked.source.sha256 == old.document_sha256:
            raise RequestError(f"{checked.source.path.name} is the document request {supersedes} already approved: a "
                               "reprint is for a corrected document.",
                               hint="More copies of the same document are extra copies (加印).")
        return self._approve(None, checked, approver=approver, password=password, seals=seals, copies=copies,
                             purpose=purpose, valid_days=valid_days, supersedes=old)

    def _checked_document(self, request: StampRequest, seals: Sequence[str]):
        if not request.document_path or not Path(request.document_path).is_file():
            raise ApprovalError(f"The document of request {request.id} ({request.document_name}) is not where the "
                                "station received it; it cannot be shown nor approved here.",
                                hint="Have the request received again with its document.",
                                code="request_document_missing", request=request.id, file=request.document_name)
        checked = self.check_document(request.document_path, list(seals))
        if checked.source.sha256 != request.document_sha256:
            raise ApprovalError(f"{request.document_name} changed after request {request.id} was received (its SHA-256 "
                                "differs); it is not the document asked for.",
                                hint="Have the request received again with the document as it is now.",
                                code="request_document_changed", request=request.id, file=request.document_name)
        return checked

    def _approve(self, request: StampRequest | None, checked, *, approver: str, password: str, seals: Sequence[str],
                 copies: int, purpose: str, valid_days: int | None,
                 supersedes: StampRequest | None = None) -> ApprovalResult:
        st = self.station
        st.require_upgraded()
        st.check_clock()  # the approval's signed time and its expiry come from the station's time
        expires_at = self._expiry(valid_days)
        self._require_role(approver, "approve stamp requests")
        self._require_level(approver, seals)
        person = st.users.authenticate(approver, password)
        require(person, Action.APPROVE, "approve stamp requests")
        key = st.users.unlock_key(person, password)  # only the approver's password opens it
        kinds = {seal_id: str(st.seals.get(seal_id).kind) for seal_id in seals}
        source = checked.source
        with st.db.transaction() as conn:  # a refused approval leaves nothing half-made
            if supersedes is not None:
                request = st.requests.create(
                    document_name=source.path.name, document_sha256=source.sha256, page_count=source.page_count,
                    seals=[s for s in supersedes.seals if s in set(seals)], purpose=purpose, copies=copies,
                    requester=supersedes.requester, supersedes=supersedes.id,
                    document_path=str(Path(source.path).resolve()))
                asked = None
            else:
                asked = _asked(request, seals, copies, purpose)
                if asked:
                    request = st.requests.restate(conn, request.id, seals=seals, copies=copies, purpose=purpose)
            # What was asked stays in the request's entry; the decision's names it, and the purpose approved.
            details = {"asked": asked, "purpose": request.purpose} if asked else {}
            if expires_at is not None:
                details["valid_until"] = iso_seconds(expires_at)
            st.requests.decide(request.id, person, approve=True, seal_kinds=kinds, expires_at=expires_at,
                               details=details, sign=lambda payload: sign_payload(key, payload))
        return ApprovalResult(st.requests.get(request.id), checked.warnings)

    def _expiry(self, valid_days: int | None) -> dt.datetime | None:
        days = self.station.policy.approval_days
        if valid_days is None or valid_days == days:
            return None
        if isinstance(valid_days, bool) or not isinstance(valid_days, int) or not 1 <= valid_days <= days:
            raise RequestError(f"An approval is valid for 1 to {days} days (the office's policy), not {valid_days}.",
                               hint=f"Choose 1 to {days} days.")
        return self.station.now() + dt.timedelta(days=valid_days)

    def _require_role(self, user: str, words: str) -> None:
        """Refuse, before the password, someone whose record holds no approver's role (checked again after it)."""
        person = self.station.users.get(user)
        if person is not None:
            require(person, Action.APPROVE, words)

    def _require_level(self, approver: str, seals: Sequence[str]) -> None:
        """Refuse, before the password, a seal beyond the approver's level (the decision checks it again)."""
        may = set(self.seals_i_may_approve(approver, seals))
        for seal_id in seals:
            if seal_id not in may:
                person = self.station.users.get(approver)
                level = person.approver_level.value if person is not None and person.approver_level else "no level"
                raise ApprovalError(f"{approver} ({level}) lacks the authority for seal '{seal_id}', which needs "
                                    f"{self.level_needed(seal_id)}.", hint="Ask an approver with that authority.",
                                    code="approver_lacks_authority", approver=approver, level=level)

    # -- refusing, sending back -----------------------------------------------------------------------------------

    def refuse_request(self, request_id: str, *, approver: str, password: str, reason: str,
                       send_back: bool = False) -> StampRequest:
        """The approver refuses a waiting request (不予批准), or sends it back to its requester to correct (退回),
        with a reason; journalled (``approval_refused`` or ``request_returned``) with the approver as actor.

        Neither can be stamped afterwards (the gate reads the journal's verdict). A corrected document is a new request.
        """
        st = self.station
        if not reason.strip():
            raise RequestError("A refused or returned request needs a reason.", hint="Say why.")
        request = st.requests.get(request_id)
        if request.state != RequestState.RECEIVED:
            raise RequestStateError(f"Request {request_id} is {request.state.value}; it is not waiting for an "
                                    "approval.", hint="Refresh the list of requests waiting.")
        self._require_role(approver, "refuse stamp requests")
        person = st.users.authenticate(approver, password)
        require(person, Action.APPROVE, "refuse stamp requests")
        if send_back:
            st.requests.return_request(request_id, by=person.username, reason=reason.strip())
        else:
            kinds = {seal_id: self._kind(seal_id) for seal_id in request.seals}
            st.requests.decide(request_id, person, approve=False, seal_kinds=kinds, reason=reason.strip())
        return st.requests.get(request_id)

    # -- the stamped documents: 加印 and 重印 ---------------------------------------------------------------------

    def stamped_history(self, user: str, *, limit: int = HISTORY_SHOWN) -> tuple[StampedForApprover, ...]:
        """The most recent stamped requests (newest first) whose every seal ``user`` may approve: more copies of them
        (加印, :meth:`allow_extra_copies` on ``output``) or a corrected document (重印,
        :meth:`approve_reprint`). Superseded ones are left out. Reads rows only."""
        st = self.station
        person = st.users.get(user)
        if person is None:
            return ()
        require(person, Action.EXTRA_COPIES, "approve extra copies")
        rows = st.db.query(
            "SELECT r.id, (SELECT u.output FROM stamp_uses u WHERE u.request_id = r.id AND u.output IS NOT NULL "
            "ORDER BY u.attempt DESC LIMIT 1), (SELECT MAX(s.at) FROM stamps s WHERE s.request_id = r.id) AS at, "
            "(SELECT a.approver FROM approvals a WHERE a.request_id = r.id ORDER BY a.id DESC LIMIT 1), "
            "r.copies + COALESCE((SELECT SUM(p.copies) FROM print_allowances p WHERE p.request_id = r.id "
            "AND p.kind = 'extra'), 0), "
            "(SELECT COUNT(*) FROM print_copies c WHERE c.request_id = r.id AND c.state = 'printed') "
            "FROM requests r WHERE r.state = ? ORDER BY at DESC LIMIT ?",
            (RequestState.STAMPED.value, limit))
        may = set(self.seals_i_may_approve(user))
        may |= {approval_entry(s, True) for s in may}
        found = []
        for request_id, output, at, approved_by, approved, printed in rows:
            request = st.requests.get(request_id)
            if not may.issuperset(request.seals):
                continue
            found.append(StampedForApprover(
                request, Path(output) if output else None, approved_by or "", self._display(approved_by or ""),
                tuple(self._seal_name(s) for s in request.seals), int(approved or 0), int(printed or 0), at or ""))
        return tuple(found)

    def document_sha256(self, path: str | Path) -> str:
        """The SHA-256 of a file as it is now (the window shows it beside the one asked for)."""
        return file_sha256(Path(path))

    # -- batch requests (issue 19) -------------------------------------------------------------------------------

    def receive_batch(self, documents: Sequence[str | Path], *, seals: list[str], copies: int | Sequence[int],
                      purpose: str, requester: str) -> BatchRequests:
        """A batch request received at the station (业务部门按需批量提出签章申请): one request per document, one batch id,
        waiting for an approver. Every document is checked first as ``approve`` checks it; one that cannot be
        stamped refuses the batch (nothing is recorded), naming the file."""
        checked = [self.check_document(d, seals) for d in documents]
        return self._record_batch(checked, seals=seals, copies=copies, purpose=purpose, requester=requester)

    def approve_batch(self, documents: Sequence[str | Path | DocumentCheckResult], *, seals: list[str],
                      copies: int | Sequence[int], approver: str, password: str, purpose: str = "",
                      requester: str = "walk-in") -> BatchRequests:
        """An approver at the station approves several documents at once: one signature over the list of their
        SHA-256 (``sealstation approve A.pdf B.pdf …``).

        ``copies``: the same number for every document, or one a document in their order. Every document is
        checked before the password; the requests and their approvals are made in one transaction (all or none).
        """
        checked = [d if isinstance(d, DocumentCheckResult) else self.check_document(d, seals) for d in documents]
        _copies_each(checked, copies)  # refused before the password
        self.station.require_upgraded()
        self.station.check_clock()
        person = self.station.users.authenticate(approver, password)
        require(person, Action.APPROVE, "approve stamp requests")
        key = self.station.users.unlock_key(person, password)
        with self.station.db.transaction():
            made = self._record_batch(checked, seals=seals, copies=copies, purpose=purpose, requester=requester)
            self._sign_batch(made.batch, person, key)
        return BatchRequests(made.batch, tuple(self.station.requests.in_batch(made.batch)), made.warnings)

    def approve_waiting_batch(self, batch_id: str, *, approver: str, password: str) -> BatchRequests:
        """The approver approves a whole waiting batch as it was asked, with one signature over its documents.

        Each document must still be the one asked for where the station received it (its SHA-256), checked before
        the password, as :meth:`approve_request` checks a single one."""
        st = self.station
        requests = st.requests.in_batch(batch_id)
        if not requests:
            raise RequestError(f"There is no batch {batch_id}.", hint="Refresh the list of requests waiting.")
        warnings = []
        for request in requests:
            if request.state != RequestState.RECEIVED:
                raise RequestStateError(f"Request {request.id} of batch {batch_id} is {request.state.value}; the "
                                        "batch is not waiting for an approval.", hint="Refresh the list of requests waiting.")
            warnings += self._checked_document(request, request.seals).warnings
        st.require_upgraded()
        st.check_clock()
        person = st.users.authenticate(approver, password)
        require(person, Action.APPROVE, "approve stamp requests")
        key = st.users.unlock_key(person, password)
        self._sign_batch(batch_id, person, key)
        return BatchRequests(batch_id, tuple(st.requests.in_batch(batch_id)), tuple(warnings))

    def _record_batch(self, checked: Sequence[DocumentCheckResult], *, seals: list[str], copies: int | Sequence[int],
                      purpose: str, requester: str) -> BatchRequests:
        each = _copies_each(checked, copies)
        st = self.station
        batch = st.requests.new_batch_id()
        with st.db.transaction():
            made = tuple(st.requests.create(
                document_name=c.source.path.name, document_sha256=c.source.sha256, page_count=c.source.page_count,
                seals=seals, purpose=purpose, copies=n, requester=requester,
                document_path=str(Path(c.source.path).resolve()), batch=batch) for c, n in zip(checked, each))
        return BatchRequests(batch, made, tuple(w for c in checked for w in c.warnings))

    def _sign_batch(self, batch_id: str, person, key) -> None:
        st = self.station
        requests = st.requests.in_batch(batch_id)
        kinds = {seal_id: st.seals.get(seal_id).kind for r in requests for seal_id in r.seals}
        st.requests.decide_batch([r.id for r in requests], person, seal_kinds=kinds,
                                 sign=lambda payload: sign_payload(key, payload))

def _copies_each(checked: Sequence[DocumentCheckResult], copies: int | Sequence[int]) -> list[int]:
    """The copies of each document of a batch; refuses an empty batch, a count per document that does not fit, and
    the same document twice."""
    if not checked:
        raise RequestError("A batch request needs at least one document.", hint="Choose the documents.")
    each = [copies] * len(checked) if isinstance(copies, int) else list(copies)
    if len(each) != len(checked):
        raise RequestError(f"{len(each)} numbers of copies were given for {len(checked)} documents.",
                           hint="Give one number for all, or one a document.")
    hashes = [c.source.sha256 for c in checked]
    twice = sorted({c.source.path.name for c in checked if hashes.count(c.source.sha256) > 1})
    if twice:
        raise RequestError(f"The same document is in the batch twice: {', '.join(twice)}.",
                           hint="Each document of a batch is a different file.",
                           code="batch_duplicate", files=", ".join(twice))
    return each


def _asked(request: StampRequest, seals: Sequence[str], copies: int, purpose: str) -> dict | None:
    """What was asked, when the approval grants something else; None when it grants what was asked."""
    if list(seals) == list(request.seals) or (set(seals) == set(request.seals) and len(seals) == len(request.seals)):
        if copies == request.copies and purpose == request.purpose:
            return None
    return {"seals": list(request.seals), "copies": request.copies, "purpose": request.purpose}

