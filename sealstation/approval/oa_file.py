"""Signed approval files from the OA system (docs/approval-file.md).

``NAME.json`` holds the approval; ``NAME.json.sig`` holds the approver's
detached signature over the exact bytes of ``NAME.json`` (base64; Ed25519, or
ECDSA P-256 with SHA-256). The approver's public key must have been registered
at the station by the office beforehand.

Format ``sealstation-approval/2`` carries an ``id`` the OA system assigns (a
UUID) and an ``expires_at`` (ISO 8601, UTC); both are inside the signed bytes.
The station imports each id at most once (``oa_imports`` table, UNIQUE) and
refuses a file past its expiry (:meth:`sealstation.station.Station.import_oa_approval`).
Files of format ``sealstation-approval/1`` have neither and are refused: the
OA system must re-issue them.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from ..errors import ApprovalError
from ..fsutil import open_input
from ..model import ApprovalDecision, copies_problem

__all__ = ["OA_FORMAT", "OLD_OA_FORMATS", "OaApproval", "read_oa_approval", "read_oa_file", "read_oa_signature",
           "check_oa_bytes", "write_oa_approval", "MAX_FILE_BYTES",
           "format_utc", "parse_utc"]

MAX_FILE_BYTES = 64 * 1024
"""An approval file is a few hundred bytes; a larger one (or /dev/zero) is refused before it is read whole."""
_MAX_SIGNATURE_BYTES = 4096
OA_FORMAT = "sealstation-approval/2"
OLD_OA_FORMATS = ("sealstation-approval/1",)
"""Formats without an id and an expiry: refused, the OA system must re-issue the approval."""
_FIELDS = ("id", "expires_at", "document_name", "document_sha256", "page_count", "seals", "purpose", "copies",
           "requester", "approver")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


@dataclass(frozen=True)
class OaApproval:
    """One approval as the OA system signed it."""

    document_name: str
    document_sha256: str
    """SHA-256 (hex) of the exact PDF approved."""
    page_count: int
    seals: tuple[str, ...]
    purpose: str
    copies: int
    """The approved number of printed copies (份数)."""
    requester: str
    approver: str
    """The station user whose registered key signed the file."""
    id: str
    """The OA system's unique id of this approval (e.g. a UUID); imported at most once per station."""
    expires_at: dt.datetime
    """When the approval stops being usable (aware, UTC); the file is refused at import after it."""
    file_sha256: str = ""
    """SHA-256 (hex) of the signed file's bytes as read (set by :func:`read_oa_approval`; not written)."""


def format_utc(value: dt.datetime) -> str:
    """``2026-05-01T08:00:00Z``: the form the file uses for times."""
    return value.astimezone(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_utc(text: str) -> dt.datetime:
    """An ISO 8601 time with an explicit UTC offset of zero (``Z`` or ``+00:00``); ValueError otherwise."""
    if not isinstance(text, str):
        raise ValueError("expires_at must be a string")
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None or value.utcoffset() != dt.timedelta(0):
        raise ValueError(f"expires_at must be in UTC (ending in Z), not {text!r}")
    return value.astimezone(dt.timezone.utc)


def _no_duplicate_keys(pairs):
    dupes = sorted(k for k, n in Counter(k for k, _ in pairs).items() if n > 1)
    if dupes:
        # Parsers disagree on which duplicate wins: the approver may have seen the other one.
        raise ValueError(f"key(s) {', '.join(dupes)} appear more than once")
    return dict(pairs)


def _verify(public_key, signature: bytes, data: bytes, name: str) -> None:
    try:
        if isinstance(public_key, ed25519.Ed25519PublicKey):
            public_key.verify(signature, data)
        elif isinstance(public_key, ec.EllipticCurvePublicKey):
            public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        else:
            raise ApprovalError("Registered approver keys must be Ed25519 or ECDSA P-256.")
    except InvalidSignature as exc:
        raise ApprovalError(f"The signature of the approval file {name} does not match its content: "
                            "it was altered or signed by someone else.",
                            hint="Import the file exactly as the OA system exported it.",
                            code="oa_signature_bad", file=name) from exc


def _parse(doc: dict) -> OaApproval:
    values = {f: doc[f] for f in _FIELDS}
    if not isinstance(values["id"], str) or not _ID.fullmatch(values["id"]):
        raise ValueError("id must be 1 to 128 letters, digits, '.', '_', ':' or '-' (e.g. a UUID)")
    values["expires_at"] = parse_utc(values["expires_at"])
    if not isinstance(values["seals"], list) or not all(isinstance(s, str) for s in values["seals"]):
        raise ValueError("seals must be a list of seal ids")
    values["seals"] = tuple(values["seals"])
    problem = copies_problem(values["copies"])
    if problem:
        raise ValueError(f"copies: {problem}")
    return OaApproval(**values)


def read_oa_approval(path: Path, approver_keys: dict) -> OaApproval:
    """Read and check a signed approval file; ``approver_keys`` maps user name → public key.

    Checks the format, the fields and the signature; not the expiry nor
    whether the id was imported before (the station does, under its clock
    and its database).
    """
    path = Path(path)
    data = read_oa_file(path)
    return check_oa_bytes(data, read_oa_signature(path), approver_keys, path.name)


def read_oa_file(path: Path) -> bytes:
    """The bytes of an approval file: a regular file of at most :data:`MAX_FILE_BYTES` (never a device or a FIFO)."""
    path = Path(path)
    data = _read_small(path, MAX_FILE_BYTES, "the approval file")
    if len(data) > MAX_FILE_BYTES:
        raise ApprovalError(f"{path.name} is not an approval file: it is larger than {MAX_FILE_BYTES // 1024} KiB, "
                            "and an approval is a few hundred bytes.",
                            hint="Give the .json file the OA system exported.")
    return data


def read_oa_signature(path: Path) -> bytes:
    """The approver's signature beside an approval file (``NAME.json.sig``, base64), decoded."""
    path = Path(path)
    sig_path = path.with_name(path.name + ".sig")
    if not sig_path.exists():
        raise ApprovalError(f"The approval file {path.name} is not signed (no {sig_path.name} beside it).",
                            hint="Export the approval from the OA system with its signature.",
                            code="oa_file_unsigned", file=path.name)
    text = _read_small(sig_path, _MAX_SIGNATURE_BYTES, "the approval's signature")
    try:
        return base64.b64decode(text.strip(), validate=True)
    except ValueError as exc:
        raise ApprovalError(f"{path.name} is not a valid approval file: its signature ({sig_path.name}) is not base64.",
                            hint="See docs/approval-file.md.") from exc


def _read_small(path: Path, limit: int, what: str) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (one more says it is too large)."""
    try:
        with open_input(path) as f:
            return f.read(limit + 1)
    except OSError as exc:
        raise ApprovalError(f"Cannot read {what} {path}: {exc.strerror or exc}.",
                            hint="Give the .json file the OA system exported, with its .sig beside it.") from exc


def check_oa_bytes(data: bytes, signature: bytes, approver_keys: dict, name: str) -> OaApproval:
    """Parse the bytes of an approval file and check its approver's signature over them (at import and at the gate)."""
    path = Path(name)
    try:
        doc = json.loads(data, object_pairs_hook=_no_duplicate_keys)
        if not isinstance(doc, dict):
            raise ValueError("it is not a JSON object")
        if doc.get("format") in OLD_OA_FORMATS:
            raise ApprovalError(
                f"The approval file {path.name} is in the old format {doc['format']}, which has no id and no expiry, "
                "so nothing stops it being used again and again; this station no longer accepts it.",
                hint=f"Ask the OA system to re-issue the approval in format {OA_FORMAT} (docs/approval-file.md).")
        if doc.get("format") != OA_FORMAT or doc.get("decision") != ApprovalDecision.APPROVE:
            raise ValueError(f"format must be {OA_FORMAT} with decision 'approve'")
        approval = _parse(doc)
    except RecursionError as exc:  # json's decoder recurses once per nested [ or {
        raise ApprovalError(f"{path.name} is not a valid approval file: its JSON is nested too deeply.",
                            hint="An approval is one flat JSON object; see docs/approval-file.md.") from exc
    except (ValueError, KeyError, TypeError) as exc:
        what = f"field {exc} is missing" if isinstance(exc, KeyError) else str(exc)
        raise ApprovalError(f"{path.name} is not a valid approval file: {what}.", hint="See docs/approval-file.md.",
                            code="oa_file_damaged", file=path.name) from exc
    key = approver_keys.get(approval.approver)
    if key is None:
        raise ApprovalError(f"Approver {approval.approver}'s key is not registered at this station "
                            "(or its registration is not signed by the office).",
                            hint="The office must register the approver's public key first "
                            "('sealstation request register-key').",
                            code="oa_key_unknown", approver=approval.approver, file=path.name)
    _verify(key, signature, data, path.name)
    return replace(approval, file_sha256=hashlib.sha256(data).hexdigest())


def write_oa_approval(path: Path, approval: OaApproval, private_key) -> None:
    """Write an approval file and its signature (used by the OA side, tests and the demo)."""
    doc = {"format": OA_FORMAT, "decision": ApprovalDecision.APPROVE.value, **{f: getattr(approval, f) for f in _FIELDS}}
    doc["seals"] = list(approval.seals)
    doc["expires_at"] = format_utc(approval.expires_at)
    data = json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        signature = private_key.sign(data, ec.ECDSA(hashes.SHA256()))
    else:
        signature = private_key.sign(data)
    Path(path).write_bytes(data)
    Path(path).with_name(Path(path).name + ".sig").write_text(base64.b64encode(signature).decode("ascii"))
