"""Segments: what a station sends the archive, signed with the station's own key.

A segment covers a run of journal sequence numbers ``first..last``. Each
entry is there with its seq, its link (``prev``) and its hash, so that the
archive can follow the chain across segments. Entries of the kinds the office
needs (:data:`RECORD_KINDS`: stamps, prints, approvals, returns, refusals,
the seal lifecycle, delegations, stops and reviews) carry their time, actor,
kind and data exactly as stored, so their hash is checked again; the others
(logins, password changes …) carry their kind and the digest of their body
(:func:`~sealstation.journal.journal.body_digest`), not their content.

The station's key signs a segment, but it is not what the archive believes:
anyone with the journal key can read that key and sign a segment of their
own. What the archive believes is the chain. Every entry's hash is computed
again from what is sent, and the kind is inside the hash outside the body
digest, so an entry sent by hash only still shows, provably, what kind it
was; a record kind sent without its content is a finding
(:func:`withheld_records`). Entries from before the formula bound the kind
(schema 18) are sent with their full content, which their old hash covers;
an entry sent with neither content nor kind (segments of older stations)
cannot be checked and stays a finding until it is sent again in full
(:func:`undisclosed_entries`). Claiming that a new entry is an old one gains
nothing: an old-format entry only counts with its content.

The segment also carries the latest checkpoint the station wrote to a seal's
token, and the SHA-256 of any stamped file sent with it. The station signs
the segment's canonical JSON (:meth:`StationIdentity.sign`) and adds its
certificate; :func:`open_segment` checks both against the office's seal
authority.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property

from ..journal.journal import (GENESIS, JournalKind, body_digest, canonical_json, entry_format, format2_from,
                               hash_from_body)
from ..errors import StationKeyError
from ..station_key import check_valid_at, issued_station, station_signature_ok

__all__ = ["SEGMENT_FORMAT", "RECORD_KINDS", "ALWAYS_SENT_KINDS", "Segment", "SignedSegment", "read_segment_entries", "sign_segment",
           "parse_segment", "open_segment", "SegmentProblem", "withheld_records", "undisclosed_entries"]

SEGMENT_FORMAT = "sealstation-segment/2"
_READABLE_FORMATS = ("sealstation-segment/1", SEGMENT_FORMAT)
"""/1: entries not sent in full go as seq, link and hash only (stations before schema 18)."""

RECORD_KINDS = frozenset({
    JournalKind.REQUEST_RECEIVED, JournalKind.APPROVAL_GRANTED, JournalKind.APPROVAL_REFUSED,
    JournalKind.REQUEST_RETURNED, JournalKind.OA_IMPORT_REFUSED, JournalKind.STAMP_STARTED, JournalKind.STAMP_DONE,
    JournalKind.STAMP_FAILED,
    JournalKind.STAMP_REFUSED, JournalKind.STAMP_INTERRUPTED, JournalKind.STAMP_RECOVERED, JournalKind.PRINT_JOB,
    JournalKind.COPY_VOIDED, JournalKind.COPY_RECALLED, JournalKind.PRINT_ALLOWANCE, JournalKind.SEAL_LIFECYCLE, JournalKind.DELEGATION_STARTED,
    JournalKind.DELEGATION_ENDED, JournalKind.HANDOVER, JournalKind.POLICY_SIGNED, JournalKind.STATION_UPGRADED,
    JournalKind.TAMPER_DETECTED, JournalKind.TAMPER_REVIEWED, JournalKind.CHECKPOINT_STARTED,
    JournalKind.STATION_KEY_ISSUED,
    JournalKind.COPY_RESERVED, JournalKind.TIMESTAMP_OWED, JournalKind.TIMESTAMP_ADDED,
})
"""Kinds sent with their content; the others go with their kind and body digest."""

ALWAYS_SENT_KINDS = frozenset({
    "request_received", "approval_granted", "approval_refused", "request_returned", "oa_import_refused",
    "stamp_done", "stamp_failed", "stamp_refused", "stamp_interrupted", "stamp_recovered",
    "print_job", "copy_voided", "copy_recalled",
    "seal_lifecycle", "delegation_started", "delegation_ended", "handover", "policy_signed", "station_upgraded",
    "journal_tamper_detected", "journal_reviewed", "checkpoint_started", "station_key_issued",
})
"""Kinds every SealStation sent with their content, from the first archive segment (format /1) on: an entry of
one of these kinds that the archive first received without content or kind was hidden by hand
(``stamp_started`` is not here: stations before schema 18 sent it by hash only)."""


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
    """``{"seq", "prev", "hash"}``, plus ``"at", "actor", "kind", "data"`` (the stored JSON text) for records and
    old-format entries, ``"kind", "body"`` (the body digest) for the others."""
    checkpoint: dict | None = None
    """The latest checkpoint the station wrote to a seal's token (as :class:`Checkpoint` fields)."""
    documents: tuple[str, ...] = field(default_factory=tuple)
    """SHA-256 of the stamped files sent with this segment."""
    format: str = SEGMENT_FORMAT
    signed_records: dict = field(default_factory=dict)
    """SHA-256 → text of the signed records the segment's stamps were judged by, each once
    (:mod:`.authority_check`); content-addressed, so they hold whoever signed the segment."""
    station_head: tuple[int, str] | None = None
    """The last entry the station's journal held when it made the segment, (seq, hash); None in segments made
    before stations said it. The entries up to it already existed then, whichever later segment carries them (a
    sync split into segments, or cut short). The archive believes it once that entry arrives with that hash: a
    station cannot name the hash of an entry it has not written yet."""

    def to_dict(self) -> dict:
        body = {"format": self.format, "station": self.station, "first": self.first, "last": self.last,
                "prev_hash": self.prev_hash, "head_hash": self.head_hash, "made_at": self.made_at,
                "entries": list(self.entries), "checkpoint": self.checkpoint, "documents": list(self.documents)}
        # Each absent when empty: segments stored before it keep the bytes they were signed as.
        if self.signed_records:
            body["records"] = dict(self.signed_records)
        if self.station_head is not None:
            body["station_head"] = {"seq": self.station_head[0], "hash": self.station_head[1]}
        return body

    def signed_bytes(self) -> bytes:
        return self._canonical

    def signed_as(self, stored: bytes) -> None:
        """Take ``stored``, bytes the station's signature was found to cover, as this segment's signed bytes (its
        canonical form is then not encoded again: see :func:`_signature_holds`)."""
        self.__dict__.setdefault("_canonical", stored)  # the cached property's slot, before it is first read

    @cached_property
    def _canonical(self) -> bytes:
        # Once a segment: its signature, its digest and replay detection all read it (the fields never change).
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
            if "data" in e and (not kinds or e["kind"] in kinds):
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
    stored_body: bytes | None = field(default=None, compare=False, repr=False)
    """The body's bytes as the stored file holds them, when the file has the layout a station writes
    (:meth:`to_bytes`); None for a segment made here, or a file laid out otherwise."""

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the signed bytes: the segment's name in the archive (the same segment is stored once)."""
        return hashlib.sha256(self.segment.signed_bytes()).hexdigest()

    def to_bytes(self) -> bytes:
        return canonical_json({"body": self.segment.to_dict(), "signature": self.signature,
                               "certificate": self.certificate_pem}).encode("utf-8")


def read_segment_entries(db, first: int, last: int, with_documents: bool = False) -> tuple[list[dict], list[str]]:
    """Entries ``first..last`` of the station's journal (by the primary key), and the stamped files' SHA-256."""
    entries, documents = [], []
    switch = format2_from(db) or 1  # entries before it may be old-format: sent in full, their old hash binds them
    rows = db.query("SELECT seq, at, actor, kind, data, prev_hash, hash FROM journal WHERE seq BETWEEN ? AND ? "
                    "ORDER BY seq", (first, last))
    for seq, at, actor, kind, data, prev, digest in rows:
        entry = {"seq": seq, "prev": prev, "hash": digest}
        if kind in RECORD_KINDS or seq < switch:
            entry.update(at=at, actor=actor, kind=kind, data=data)
        else:
            entry.update(kind=kind, body=body_digest(at, actor, data))
        if kind in RECORD_KINDS:
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
    if body.get("format") not in _READABLE_FORMATS:
        raise ValueError("not a SealStation segment")
    segment = Segment(str(body["station"]), int(body["first"]), int(body["last"]), str(body["prev_hash"]),
                      str(body["head_hash"]), str(body["made_at"]), tuple(body["entries"]), body.get("checkpoint"),
                      tuple(body.get("documents") or ()), body["format"],
                      signed_records=dict(body.get("records") or {}),
                      station_head=_station_head(body.get("station_head")))
    return SignedSegment(segment, str(doc["signature"]), str(doc["certificate"]),
                         stored_body=_stored_body(data, doc["certificate"], doc["signature"]))


_BODY_KEY = b'{"body":'


def _stored_body(data: bytes, certificate, signature) -> bytes | None:
    """The body's bytes inside ``data`` when it is laid out as :meth:`SignedSegment.to_bytes` writes it (the body
    first, then the certificate and the signature, canonical JSON)."""
    tail = b"," + canonical_json({"certificate": certificate, "signature": signature})[1:].encode("utf-8")
    if data.startswith(_BODY_KEY) and data.endswith(tail):
        return data[len(_BODY_KEY):len(data) - len(tail)]
    return None


def _station_head(value) -> tuple[int, str] | None:
    return None if value is None else (int(value["seq"]), str(value["hash"]))


@dataclass(frozen=True)
class SegmentProblem:
    """Why a segment cannot be taken as the station's word."""

    what: str
    """signature, certificate, chain, misfiled"""
    detail: str
    signer: str = ""
    """misfiled: the station whose certificate genuinely signed it (not the one it names)."""


def open_segment(signed: SignedSegment, ca_cert) -> SegmentProblem | None:
    """Check a segment on its own: the station's certificate, its signature, and the chain inside it."""
    import datetime as dt

    seg = signed.segment
    issued = _issued(signed.certificate_pem, ca_cert)
    if isinstance(issued, str):
        return SegmentProblem("certificate", issued)
    cert, station = issued
    try:
        check_valid_at(cert, station, dt.datetime.fromisoformat(seg.made_at))
    except (ValueError, StationKeyError) as exc:
        return SegmentProblem("certificate", getattr(exc, "message", str(exc)))
    if not _signature_holds(signed, cert):
        return SegmentProblem("signature", "its signature does not match its content: it was altered after the "
                              "station signed it, or was not made by the station")
    if station != seg.station:  # the sender is the certificate's station (serialNumber), not the name it gives
        return SegmentProblem("misfiled", f"it names station {seg.station} but station {station}'s certificate "
                              f"signed it: station {station}, or someone with its key, sent it", signer=station)
    return _chain_problem(seg)


def _signature_holds(signed: SignedSegment, cert) -> bool:
    """The station's signature over the segment: over the body's bytes as stored, else over its canonical form.

    A station signs the canonical form and stores exactly those bytes, so a stored body its signature covers
    stands for the segment's signed bytes (and so its digest) without encoding the segment again, which is about
    a tenth of the reading's processor time. Only the station's key signs other bytes, and the segment read from
    them is what that key signed. A file laid out otherwise since (its content the same) is checked in the
    canonical form, as before."""
    stored = signed.stored_body
    if stored is not None and station_signature_ok(cert, stored, signed.signature):
        signed.segment.signed_as(stored)
        return True
    return station_signature_ok(cert, signed.segment.signed_bytes(), signed.signature)


@functools.lru_cache(maxsize=256)
def _issued(pem: str, ca_cert) -> tuple[object, str] | str:
    """(certificate, station id) of a station certificate issued by ``ca_cert``, or why not: once per certificate,
    which signs every segment of its station (its validity is checked at each segment's time)."""
    from cryptography import x509

    try:
        cert = x509.load_pem_x509_certificate(pem.encode("ascii"))
        return cert, issued_station(cert, ca_cert)
    except (ValueError, StationKeyError) as exc:
        return getattr(exc, "message", str(exc))


def _chain_problem(seg: Segment) -> SegmentProblem | None:
    expected, prev = seg.first, seg.prev_hash
    if seg.first == 1 and seg.prev_hash != GENESIS:
        return SegmentProblem("chain", "entry 1 does not start the chain")
    for e in seg.entries:
        if e["seq"] != expected:
            return SegmentProblem("chain", f"entries {expected}–{e['seq'] - 1} are missing inside it")
        if e["prev"] != prev:
            return SegmentProblem("chain", f"entry {e['seq']} does not link to the entry before it")
        if not _hash_holds(e):
            return SegmentProblem("chain", f"entry {e['seq']} does not match its hash")
        expected, prev = expected + 1, e["hash"]
    if expected != seg.last + 1 or prev != seg.head_hash:
        return SegmentProblem("chain", "its entries do not end at the head it names")
    return None


def _hash_holds(e: dict) -> bool:
    """The entry's hash computed again from what was sent (an entry with neither content nor kind: unknowable)."""
    if "data" in e:
        return entry_format(e["seq"], e["at"], e["actor"], e["kind"], e["data"], e["prev"], e["hash"]) is not None
    if "body" in e:
        return hash_from_body(e["seq"], str(e.get("kind")), str(e["body"]), e["prev"]) == e["hash"]
    return True


def withheld_records(seg: Segment) -> list[tuple[int, str]]:
    """(seq, kind) of the entries of a kind the office needs that the segment sends without their content."""
    return [(e["seq"], e["kind"]) for e in seg.entries if "data" not in e and e.get("kind") in RECORD_KINDS]


def undisclosed_entries(seg: Segment) -> list[int]:
    """The entries sent with neither content nor kind (segments of stations before schema 18)."""
    return [e["seq"] for e in seg.entries if "data" not in e and "body" not in e]
