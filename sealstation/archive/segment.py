"""Segments: what a station sends the archive, signed with the station's own key.

A segment covers a run of journal sequence numbers ``first..last``. Each
entry is there with its seq, its link (``prev``) and its hash, so that the
archive can follow the chain across segments. Entries of the kinds the office
needs (:data:`RECORD_KINDS`: stamps, prints, approvals, returns, refusals,
the seal lifecycle, delegations, stops and reviews) carry their time, actor,
kind and data exactly as stored, so their hash is checked again; the others
(logins, password changes …) go as their hash only. The segment also carries
the latest checkpoint the station wrote to a seal's token, and the SHA-256 of
any stamped file sent with it.

The station signs the segment's canonical JSON (:meth:`StationIdentity.sign`)
and adds its certificate; :func:`open_segment` checks both against the
office's seal authority.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from ..journal.journal import GENESIS, JournalKind, canonical_json, entry_hash
from ..errors import StationKeyError
from ..station_key import check_station_certificate, station_signature_ok

__all__ = ["SEGMENT_FORMAT", "RECORD_KINDS", "Segment", "SignedSegment", "read_segment_entries", "sign_segment",
           "parse_segment", "open_segment", "SegmentProblem"]

SEGMENT_FORMAT = "sealstation-segment/1"

RECORD_KINDS = frozenset({
    JournalKind.REQUEST_RECEIVED, JournalKind.APPROVAL_GRANTED, JournalKind.APPROVAL_REFUSED,
    JournalKind.REQUEST_RETURNED, JournalKind.OA_IMPORT_REFUSED, JournalKind.STAMP_STARTED, JournalKind.STAMP_DONE,
    JournalKind.STAMP_FAILED,
    JournalKind.STAMP_REFUSED, JournalKind.STAMP_INTERRUPTED, JournalKind.STAMP_RECOVERED, JournalKind.PRINT_JOB,
    JournalKind.COPY_VOIDED, JournalKind.COPY_RECALLED, JournalKind.PRINT_ALLOWANCE, JournalKind.SEAL_LIFECYCLE, JournalKind.DELEGATION_STARTED,
    JournalKind.DELEGATION_ENDED, JournalKind.HANDOVER, JournalKind.POLICY_SIGNED, JournalKind.STATION_UPGRADED,
    JournalKind.TAMPER_DETECTED, JournalKind.TAMPER_REVIEWED, JournalKind.CHECKPOINT_STARTED,
    JournalKind.STATION_KEY_ISSUED,
})
"""Kinds sent with their content; the others go as sequence number, link and hash only."""


@dataclass(frozen=True)
class Segment:
    """The signed body of a segment."""

    station: str
    first: int
    last: int
    prev_hash: str
    """Hash of entry ``first - 1`` (the genesis hash for the first entry)."""
    head_hash: str
    """Hash of entry ``last``."""
    made_at: str
    entries: tuple[dict, ...]
    """``{"seq", "prev", "hash"}``, plus ``"at", "actor", "kind", "data"`` (the stored JSON text) for records."""
    checkpoint: dict | None = None
    """The latest checkpoint the station wrote to a seal's token (as :class:`Checkpoint` fields)."""
    documents: tuple[str, ...] = field(default_factory=tuple)
    """SHA-256 of the stamped files sent with this segment."""
    format: str = SEGMENT_FORMAT
    signed_records: dict = field(default_factory=dict)
    """SHA-256 → text of the signed records the segment's stamps were judged by, each once
    (:mod:`.authority_check`); content-addressed, so they hold whoever signed the segment."""

    def to_dict(self) -> dict:
        body = {"format": self.format, "station": self.station, "first": self.first, "last": self.last,
                "prev_hash": self.prev_hash, "head_hash": self.head_hash, "made_at": self.made_at,
                "entries": list(self.entries), "checkpoint": self.checkpoint, "documents": list(self.documents)}
        if self.signed_records:  # absent when empty: segments stored before records keep the bytes they were signed as
            body["records"] = dict(self.signed_records)
        return body

    def signed_bytes(self) -> bytes:
        return canonical_json(self.to_dict()).encode("utf-8")

    def records(self, *kinds: str):
        """(entry, data) of the record entries of ``kinds`` (all record kinds when none given).

        Each entry's data is parsed once however many checks read it (the audit's, the authority check's, the
        report's); treat it as read-only."""
        parsed = self.__dict__.get("_parsed")
        if parsed is None:
            parsed = {}
            object.__setattr__(self, "_parsed", parsed)  # a memo, not a field: not signed, not compared
        for i, e in enumerate(self.entries):
            if "kind" in e and (not kinds or e["kind"] in kinds):
                data = parsed.get(i)
                if data is None:
                    data = parsed[i] = json.loads(e["data"])
                yield e, data


@dataclass(frozen=True)
class SignedSegment:
    """A segment with the station's signature and certificate, as stored in the archive."""

    segment: Segment
    signature: str
    certificate_pem: str

    @property
    def digest(self) -> str:
        """SHA-256 of the signed bytes: the segment's name in the archive (the same segment is stored once)."""
        return hashlib.sha256(self.segment.signed_bytes()).hexdigest()

    def to_bytes(self) -> bytes:
        return canonical_json({"body": self.segment.to_dict(), "signature": self.signature,
                               "certificate": self.certificate_pem}).encode("utf-8")


def read_segment_entries(db, first: int, last: int, with_documents: bool = False) -> tuple[list[dict], list[str]]:
    """Entries ``first..last`` of the station's journal (by the primary key), and the stamped files' SHA-256."""
    entries, documents = [], []
    rows = db.query("SELECT seq, at, actor, kind, data, prev_hash, hash FROM journal WHERE seq BETWEEN ? AND ? "
                    "ORDER BY seq", (first, last))
    for seq, at, actor, kind, data, prev, digest in rows:
        entry = {"seq": seq, "prev": prev, "hash": digest}
        if kind in RECORD_KINDS:
            entry.update(at=at, actor=actor, kind=kind, data=data)
            if with_documents and kind == JournalKind.STAMP_DONE:
                documents.append(json.loads(data).get("sha256_after"))
        entries.append(entry)
    return entries, [d for d in documents if d]


def sign_segment(segment: Segment, identity) -> SignedSegment:
    pem = identity.certificate_pem().decode("ascii")
    return SignedSegment(segment, identity.sign(segment.signed_bytes()), pem)


def parse_segment(data: bytes) -> SignedSegment:
    """A stored segment read back; ValueError (or KeyError/TypeError) when it is not one."""
    doc = json.loads(data.decode("utf-8"))
    body = doc["body"]
    if body.get("format") != SEGMENT_FORMAT:
        raise ValueError("not a SealStation segment")
    segment = Segment(str(body["station"]), int(body["first"]), int(body["last"]), str(body["prev_hash"]),
                      str(body["head_hash"]), str(body["made_at"]), tuple(body["entries"]), body.get("checkpoint"),
                      tuple(body.get("documents") or ()), signed_records=dict(body.get("records") or {}))
    return SignedSegment(segment, str(doc["signature"]), str(doc["certificate"]))


@dataclass(frozen=True)
class SegmentProblem:
    """Why a segment cannot be taken as the station's word."""

    what: str
    """signature, certificate, chain"""
    detail: str


def open_segment(signed: SignedSegment, ca_cert) -> SegmentProblem | None:
    """Check a segment on its own: the station's certificate, its signature, and the chain inside it."""
    import datetime as dt

    from cryptography import x509

    seg = signed.segment
    try:
        cert = x509.load_pem_x509_certificate(signed.certificate_pem.encode("ascii"))
        at = dt.datetime.fromisoformat(seg.made_at)
        station = check_station_certificate(cert, ca_cert, at=at)
    except (ValueError, StationKeyError) as exc:
        return SegmentProblem("certificate", getattr(exc, "message", str(exc)))
    if station != seg.station:
        return SegmentProblem("certificate", f"it is signed by station {station}'s certificate, not {seg.station}'s")
    if not station_signature_ok(cert, seg.signed_bytes(), signed.signature):
        return SegmentProblem("signature", "its signature does not match its content: it was altered after the "
                              "station signed it, or was not made by the station")
    return _chain_problem(seg)


def _chain_problem(seg: Segment) -> SegmentProblem | None:
    expected, prev = seg.first, seg.prev_hash
    if seg.first == 1 and seg.prev_hash != GENESIS:
        return SegmentProblem("chain", "entry 1 does not start the chain")
    for e in seg.entries:
        if e["seq"] != expected:
            return SegmentProblem("chain", f"entries {expected}–{e['seq'] - 1} are missing inside it")
        if e["prev"] != prev:
            return SegmentProblem("chain", f"entry {e['seq']} does not link to the entry before it")
        if "kind" in e and entry_hash(e["seq"], e["at"], e["actor"], e["kind"], e["data"], e["prev"]) != e["hash"]:
            return SegmentProblem("chain", f"entry {e['seq']} does not match its hash")
        expected, prev = expected + 1, e["hash"]
    if expected != seg.last + 1 or prev != seg.head_hash:
        return SegmentProblem("chain", "its entries do not end at the head it names")
    return None
