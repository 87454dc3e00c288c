"""Approvals checked by their signatures, not by their rows.

An approval made at the station is signed by the approver's own Ed25519 key
(opened with their password) over :func:`station_approval_payload`: request
id, document SHA-256, seals, copies, purpose, approver and time. An OA
approval is the OA file's bytes, signed by the approver's OA key whose
registration the office signed (:func:`register_approver_key`). The stamp
gate (:class:`ApprovalVerifier`) checks that signature, that the approver's
record is signed by the office, and that the level in that record has the
authority for the seal under the signed policy; the approval's expiry is
computed from signed values, never read from the row.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass
from typing import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from ..errors import ApprovalError, ApproverKeyError, SealStationError
from ..journal.journal import Journal, JournalKind, iso_seconds
from ..model import ApprovalDecision
from ..seals.authority import office_signature_ok
from ..users import Role, UserStore
from .oa_file import check_oa_bytes
from .rules import AuthorityRules

__all__ = ["station_approval_payload", "batch_approval_payload", "BATCH_FORMAT", "approval_terms", "sign_payload", "ApprovalVerifier", "register_approver_key", "approver_keys",
           "key_registration_bytes"]


def station_approval_payload(*, request_id: str, document_sha256: str, seals, copies: int, purpose: str,
                             approver: str, at: str, valid_until: str | None = None) -> bytes:
    """The bytes an approver signs when approving at the station.

    ``valid_until`` (ISO 8601 UTC): a validity the approver chose shorter than the policy's ``approval_days``;
    signed so that the row's expiry cannot lengthen it. Left out when not chosen (the bytes are then as before).
    """
    data = {"format": "sealstation-station-approval/1", "decision": ApprovalDecision.APPROVE.value,
            "request": request_id,
            "document_sha256": document_sha256, "seals": list(seals), "copies": copies, "purpose": purpose,
            "approver": approver, "at": at}
    if valid_until is not None:
        data["valid_until"] = valid_until
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


BATCH_FORMAT = "sealstation-batch-approval/1"
"""The format of a batch approval: one signature over the list of the batch's documents."""


def batch_approval_payload(*, batch_id: str, documents, purpose: str, approver: str, at: str,
                           valid_until: str | None = None) -> bytes:
    """The bytes an approver signs when approving a batch (several documents under one decision) at the station.

    ``documents``: one mapping a document, each with ``request``, ``document_sha256``, ``document_name``,
    ``seals`` and ``copies``; the approver signs the whole list at once, so that no document can be added to
    the batch, dropped from it or swapped afterwards. Each document stays a request of its own: the gate takes
    its terms from its own line (:func:`approval_terms`).
    """
    lines = [{"request": d["request"], "document_sha256": d["document_sha256"], "document_name": d["document_name"],
              "seals": list(d["seals"]), "copies": d["copies"]} for d in documents]
    data = {"format": BATCH_FORMAT, "decision": ApprovalDecision.APPROVE.value, "batch": batch_id,
            "documents": lines, "purpose": purpose, "approver": approver, "at": at}
    if valid_until is not None:
        data["valid_until"] = valid_until
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def approval_terms(signed: dict, request_id: str | None) -> dict:
    """What a signed station approval grants one request, as a single approval's fields.

    A single approval is returned as it is. A batch approval gives the line of ``request_id`` with the batch's
    common fields (approver, purpose, time, validity, batch id); ``{}`` when the request is not in the batch
    (then nothing matches and the approval is refused).
    """
    if not isinstance(signed, dict) or signed.get("format") != BATCH_FORMAT:
        return signed
    for line in signed.get("documents") or ():
        if isinstance(line, dict) and line.get("request") == request_id:
            common = {k: signed.get(k) for k in ("format", "decision", "batch", "purpose", "approver", "at",
                                                  "valid_until") if k in signed}
            return common | line
    return {}


def sign_payload(private_key, payload: bytes) -> str:
    """The approver's Ed25519 signature (hex)."""
    return private_key.sign(payload).hex()


def key_registration_bytes(approver: str, public_key_pem: str) -> bytes:
    """What the office signs when it registers an approver's OA key."""
    data = {"format": "sealstation-oa-key/1", "approver": approver, "public_key": public_key_pem}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def register_approver_key(db, journal: Journal, approver: str, public_key_pem: str, *, by: str, authority) -> None:
    """The office registers (and signs) an approver's public key for signed OA approval files (journal's clock)."""
    try:
        load_pem_public_key(public_key_pem.encode("ascii"))
    except ValueError as exc:
        raise ApproverKeyError(f"The public key of {approver} is not a PEM public key.",
                               hint="Give the key file the OA system exported (-----BEGIN PUBLIC KEY-----).") from exc
    signature = authority.sign(key_registration_bytes(approver, public_key_pem))
    with db.transaction() as conn:
        conn.execute("INSERT OR REPLACE INTO approver_keys (approver, public_key_pem, registered_by, at, signature) "
                     "VALUES (?, ?, ?, ?, ?)", (approver, public_key_pem, by, iso_seconds(journal.clock()), signature))
        journal.append(JournalKind.CONFIG_CHANGED, {"approver_key_registered": approver}, actor=by)


def approver_keys(db, ca_cert) -> dict:
    """Approver → OA public key, only for registrations the office signed (an inserted row is ignored)."""
    rows = db.query("SELECT approver, public_key_pem, signature FROM approver_keys")
    return {a: load_pem_public_key(pem.encode("ascii")) for a, pem, sig in rows
            if office_signature_ok(ca_cert, key_registration_bytes(a, pem), sig)}


@functools.lru_cache(maxsize=64)
def _public_key(pem: str):
    """The approver's key parsed once per text (the text is what the office signed into the record)."""
    return load_pem_public_key(pem.encode("ascii"))


@dataclass(frozen=True)
class ApprovalVerifier:
    """The gate's check of one approval: signatures, signed record, authority, expiry."""

    users: UserStore
    rules: AuthorityRules
    """From the signed policy."""
    approval_days: int
    """From the signed policy."""
    seal_kind: Callable[[str], str]
    """Seal id → kind, from the office-signed seal record."""
    oa_keys: Callable[[], dict]
    """Approver → OA key, office-signed registrations only."""

    def check(self, approval, request, seal_id: str) -> dt.datetime:
        """When this approval expires, if it is genuine and sufficient for ``seal_id``; ApprovalError otherwise."""
        what = f"The approval of request {request.id}"
        if not approval.signed_payload or not approval.signature:
            raise ApprovalError(
                f"{what} carries no approver's signature: it was not made by the approver at this station nor "
                "imported from the OA system (a row written into the database?); it is refused.",
                hint="The approver must approve the document again.")
        person = self.users.get(approval.approver)
        if person is None:
            raise ApprovalError(f"{what} names {approval.approver}, who is not a user of this station.")
        try:
            self.users.check_record(person)
        except SealStationError as exc:
            raise ApprovalError(f"{what} cannot be accepted: {exc.message}", hint=exc.hint) from exc
        if not person.has(Role.APPROVER):
            raise ApprovalError(f"{what} was made by {person.username}, whose signed record holds no approver role.")
        lack = self.rules.lack(person.approver_level, seal_id, self.seal_kind(seal_id))
        if lack:
            level = person.approver_level.value if person.approver_level else "no level"
            raise ApprovalError(f"{what}: {person.username} ({level}, as the office signed it) {lack}.",
                                hint="Ask an approver with that authority.")
        payload = approval.signed_payload.encode("utf-8")
        if approval.source == "oa-file":
            return self._check_oa(approval, request, payload, seal_id)
        return self._check_station(approval, request, person, payload, seal_id)

    def _check_station(self, approval, request, person, payload: bytes, seal_id: str) -> dt.datetime:
        what = f"The approval of request {request.id}"
        try:
            _public_key(person.public_key_pem).verify(bytes.fromhex(approval.signature), payload)
            signed = approval_terms(json.loads(payload), request.id)  # a batch's own line for this document
        except (InvalidSignature, ValueError, TypeError, AttributeError) as exc:
            raise ApprovalError(
                f"{what} is not signed by {person.username}'s approval key (the key the office signed into their "
                "record): it was not made by them; it is refused.",
                hint="The approver must approve the document again at the station.") from exc
        expected = {"request": request.id, "document_sha256": request.document_sha256, "copies": request.copies,
                    "purpose": request.purpose, "approver": person.username}
        if any(signed.get(k) != v for k, v in expected.items()) or seal_id not in signed.get("seals", ()):
            raise ApprovalError(f"{what} was signed for another request, document, seal, purpose or number of copies; "
                                "refused.",
                                hint="The approver must approve this document again.")
        until = dt.datetime.fromisoformat(signed["at"]) + dt.timedelta(days=self.approval_days)
        if signed.get("valid_until"):  # the approver's own shorter validity, signed with the rest
            until = min(until, dt.datetime.fromisoformat(signed["valid_until"]))
        return until

    def _check_oa(self, approval, request, payload: bytes, seal_id: str) -> dt.datetime:
        what = f"The approval of request {request.id}"
        try:
            oa = check_oa_bytes(payload, bytes.fromhex(approval.signature), self.oa_keys(), f"OA approval of {request.id}")
        except ValueError as exc:
            raise ApprovalError(f"{what} has a damaged OA signature; refused.") from exc
        if (oa.approver != approval.approver or oa.document_sha256 != request.document_sha256
                or oa.copies != request.copies or oa.purpose != request.purpose or seal_id not in oa.seals):
            raise ApprovalError(f"{what} does not match the signed OA file it came from; refused.",
                                hint="Import the approval again from the OA system.")
        imported = dt.datetime.fromisoformat(approval.at)
        return min(imported + dt.timedelta(days=self.approval_days), oa.expires_at)
