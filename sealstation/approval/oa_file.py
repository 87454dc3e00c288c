"""Signed approval files from the OA system (docs/approval-file.md).

``NAME.json`` holds the approval; ``NAME.json.sig`` holds the approver's
detached signature over the exact bytes of ``NAME.json`` (base64; Ed25519, or
ECDSA P-256 with SHA-256). The approver's public key must have been registered
at the station by the office beforehand.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import ApprovalError

__all__ = ["OA_FORMAT", "OaApproval", "read_oa_approval", "write_oa_approval"]

OA_FORMAT = "sealstation-approval/1"
_FIELDS = ("document_name", "document_sha256", "page_count", "seals", "purpose", "copies", "requester", "approver")


@dataclass(frozen=True)
class OaApproval:
    document_name: str
    document_sha256: str
    page_count: int
    seals: tuple[str, ...]
    purpose: str
    copies: int
    requester: str
    approver: str


def _verify(public_key, signature: bytes, data: bytes) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    try:
        if isinstance(public_key, ed25519.Ed25519PublicKey):
            public_key.verify(signature, data)
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            raise ApprovalError("Registered approver keys must be Ed25519 or ECDSA P-256.")
    except InvalidSignature as exc:
        raise ApprovalError("The approval file's signature does not match its content: it was altered or signed by someone else.") from exc


def read_oa_approval(path: Path, approver_keys: dict) -> OaApproval:
    """Read and check a signed approval file; ``approver_keys`` maps user name → public key."""
    path = Path(path)
    sig_path = path.with_name(path.name + ".sig")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ApprovalError(f"Cannot read the approval file {path}: {exc.strerror or exc}.") from exc
    if not sig_path.is_file():
        raise ApprovalError(f"The approval file {path.name} is not signed (no {sig_path.name} beside it).",
                            hint="Export the approval from the OA system with its signature.")
    try:
        doc = json.loads(data)
        if doc.get("format") != OA_FORMAT or doc.get("decision") != "approve":
            raise ValueError(f"format must be {OA_FORMAT} with decision 'approve'")
        approval = OaApproval(*(doc[f] for f in _FIELDS[:3]), tuple(doc["seals"]), *(doc[f] for f in _FIELDS[4:]))
        signature = base64.b64decode(sig_path.read_text().strip(), validate=True)
    except (ValueError, KeyError, TypeError) as exc:
        raise ApprovalError(f"{path.name} is not a valid approval file: {exc}.", hint="See docs/approval-file.md.") from exc
    key = approver_keys.get(approval.approver)
    if key is None:
        raise ApprovalError(f"Approver {approval.approver}'s key is not registered at this station.",
                            hint="The office must register the approver's public key first.")
    _verify(key, signature, data)
    return approval


def write_oa_approval(path: Path, approval: OaApproval, private_key) -> None:
    """Write an approval file and its signature (used by the OA side, tests and the demo)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    doc = {"format": OA_FORMAT, "decision": "approve", **{f: getattr(approval, f) for f in _FIELDS}}
    doc["seals"] = list(approval.seals)
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        signature = private_key.sign(data, ec.ECDSA(hashes.SHA256()))
    else:
        signature = private_key.sign(data)
    Path(path).write_bytes(data)
    Path(path).with_name(Path(path).name + ".sig").write_text(base64.b64encode(signature).decode("ascii"))
