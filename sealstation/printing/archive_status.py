"""A printed copy as the office archive knows it: ``verify-copy TEXT --archive …`` without the station.

The archive holds each station's journal in segments signed by the station
(:mod:`sealstation.archive.segment`). A copy's story is there: the
``print_job`` that printed it (accepted), and a later ``copy_voided`` or
``copy_recalled``. Only segments that check out against the office's seal
authority count. The segments also carry the station certificates, so the
QR code's signature can be checked with nothing but the office's CA
certificate and the archive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography import x509

from ..archive.segment import open_segment
from ..errors import PrintError
from ..journal.journal import JournalKind
from .desk import CopyCheckResult, CopyRecord, check_copy_offline, is_copy_serial
from .payload import parse_payload
from .sink import JobStatus
from .states import AllowanceKind, CopyState, CopyStatus

__all__ = ["ArchivedCopy", "check_copy_in_archive"]


@dataclass(frozen=True)
class ArchivedCopy:
    """What the archive's checked segments say about one serial of one station."""

    printed: dict | None = None
    """The accepted ``print_job`` entry's data (with ``at`` and ``actor``), or None when the archive has none."""
    copy: dict | None = None
    """That entry's line for this serial: ``serial``, ``number``, ``of`` and ``qr`` (the SHA-256 of its QR text)."""
    status: CopyStatus = CopyStatus.CURRENT
    reason: str | None = None


def check_copy_in_archive(text: str, backend, ca_cert) -> CopyCheckResult:
    """Genuineness from the QR text (station certificates from the archive) and the status the archive records."""
    if is_copy_serial(text):  # serials are numbered per station: the archive cannot tell whose copy it is
        raise PrintError(f"{text.strip()} is a copy's serial: the office archive holds the copies of every station, "
                         "each numbered from C000001, so it checks a copy by the text of its QR code.",
                         hint="Give the text of the copy's QR code (SSCOPY1;…), or check the serial at the station "
                              "that printed it (--home).")
    payload = parse_payload(text)
    segments = _checked(backend.find_text(payload.serial), payload.station_id, ca_cert)
    # A copy printed since the station's last sync is in no segment: its certificate is in the others.
    certified = segments or _checked(backend.segments(payload.station_id), payload.station_id, ca_cert)
    if not certified:
        raise PrintError(f"The office archive holds nothing from station {payload.station_id} yet (not synced?), so "
                         "this copy cannot be checked against it.",
                         hint="Check it at that station (--home), or offline with the station's certificate "
                         "(--ca and --station-cert).")
    certs = {s.certificate_pem: x509.load_pem_x509_certificate(s.certificate_pem.encode("ascii")) for s in certified}
    result = check_copy_offline(text, ca_cert, list(certs.values()))
    if not result.genuine:
        return result
    found = _story(segments, payload.serial)
    if found.printed is None:
        return CopyCheckResult(payload, True, f"the office archive has no record of copy {payload.serial} of station "
                               f"{payload.station_id} (not synced yet?)", None, True)
    p = found.printed
    record = CopyRecord(payload.serial, p.get("request", ""), "", AllowanceKind(p.get("kind", "first")),
                        payload.number, payload.of,
                        p.get("document", ""), p.get("document_sha256", ""), p.get("printer", ""), CopyState.PRINTED,
                        p.get("job"), p["actor"], p["at"], payload.text(), found.status, found.reason)
    differs = _differs(payload, found)
    if differs:
        return CopyCheckResult(payload, False, f"it does not match the archive's record of this serial ({differs}): "
                               "altered, or a copy the station signed outside its print records", record, True)
    return CopyCheckResult(payload, True, None, record, True)


def _differs(payload, found: ArchivedCopy) -> str | None:
    """What of the QR code disagrees with the print entry the archive holds for its serial, if anything."""
    copy, printed = found.copy or {}, found.printed or {}
    if printed.get("document_sha256") != payload.document_sha256:
        return "another document"
    if (copy.get("number"), copy.get("of")) != (payload.number, payload.of):
        return f"the archive's entry prints it as copy {copy.get('number')} of {copy.get('of')}"
    qr = copy.get("qr")  # print entries from before the QR's digest was recorded have none
    if qr is not None and qr != hashlib.sha256(payload.text().encode("utf-8")).hexdigest():
        return "the archive's print entry was made for another QR code"
    return None


def _checked(stored, station: str, ca_cert) -> list:
    """The signed segments of ``station`` among ``stored`` that check out against the office's CA."""
    return [s.signed for s in stored if s.signed is not None and s.signed.segment.station == station
            and open_segment(s.signed, ca_cert) is None]


def _story(segments, serial: str) -> ArchivedCopy:
    kinds = (JournalKind.PRINT_JOB, JournalKind.COPY_VOIDED, JournalKind.COPY_RECALLED)
    entries = {e["seq"]: (e, data) for signed in segments for e, data in signed.segment.records(*kinds)}
    printed, copy, status, reason = None, None, CopyStatus.CURRENT, None
    for seq in sorted(entries):  # the same entry may sit in several segments; its order is the journal's
        entry, data = entries[seq]
        kind = entry["kind"]
        line = next((c for c in data.get("copies", ()) if isinstance(c, dict) and c.get("serial") == serial), None)
        if kind == JournalKind.PRINT_JOB and data.get("status") == JobStatus.ACCEPTED and line is not None:
            printed, copy = {**data, "at": entry["at"], "actor": entry["actor"]}, line
        elif kind == JournalKind.COPY_VOIDED and data.get("serial") == serial:
            status, reason = CopyStatus.VOIDED, data.get("reason")
        elif kind == JournalKind.COPY_RECALLED and serial in data.get("serials", ()):
            status, reason = CopyStatus.RECALLED, data.get("reason")
    return ArchivedCopy(printed, copy, status, reason)
