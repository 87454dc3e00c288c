"""OA approval files as the OA system makes them: an approver's key, a signed file, the key registered."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import uuid
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from sealstation.approval.oa_file import OaApproval, write_oa_approval

from .station_fixtures import office_authority, password


def approver_key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


def public_pem(key) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def oa_approval(src: Path, seals=("contract",), *, copies: int = 2, requester: str = "dept", approver: str = "gm",
                purpose: str = "合同用印", expires_in: dt.timedelta = dt.timedelta(days=3),
                oa_id: str | None = None) -> OaApproval:
    """An approval of ``src`` as the OA system would issue it: a fresh UUID, expiring ``expires_in`` from now."""
    return OaApproval(Path(src).name, hashlib.sha256(Path(src).read_bytes()).hexdigest(), 1, tuple(seals), purpose,
                      copies, requester, approver, id=oa_id or str(uuid.uuid4()),
                      expires_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + expires_in)


def write_old_format(path: Path, approval: OaApproval, key) -> None:
    """A genuine, signed file of format sealstation-approval/1 (no id, no expiry), as before issue 7."""
    doc = {"format": "sealstation-approval/1", "decision": "approve", "document_name": approval.document_name,
           "document_sha256": approval.document_sha256, "page_count": approval.page_count,
           "seals": list(approval.seals), "purpose": approval.purpose, "copies": approval.copies,
           "requester": approval.requester, "approver": approval.approver}
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    path.write_bytes(data)
    path.with_name(path.name + ".sig").write_text(base64.b64encode(key.sign(data)).decode("ascii"))


def register_in_home(home: Path, approver: str, key) -> None:
    """The office registers ``approver``'s public key at the station in ``home``."""
    from sealstation.station import Station

    with Station.open(home) as station:
        station.people().register_approver_key(approver, public_pem(key), by="admin", password=password("admin"),
                                      authority=office_authority())


__all__ = ["approver_key", "public_pem", "oa_approval", "write_oa_approval", "write_old_format", "register_in_home"]
