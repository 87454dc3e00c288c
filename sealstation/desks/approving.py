"""The approver's desk: requests waiting for approval, approving or refusing them, OA approval files, extra copies (加印) and reprints (重印)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence, TYPE_CHECKING

from ..approval.oa_file import OaApproval, format_utc, read_oa_approval, read_oa_file, read_oa_signature
from ..approval.requests import StampRequest
from ..approval.signed import approver_keys, sign_payload
from ..errors import ApprovalError, InputChangedError, JournalError, PermissionDeniedError, SealStationError
from ..journal.journal import JournalKind, iso_seconds
from ..pdf.active import active_content
from ..pdf.document import SourcePdf, frame_of_page, read_source_pdf
from ..pdf.signing import check_stampable
from ..pdf.verify import earlier_signature_problems
from ..users import Role

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["ApprovingDesk", "DocumentCheckResult", "ApprovalResult"]


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
            if not {Role.CUSTODIAN, Role.OFFICE} & set(person.roles):
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
