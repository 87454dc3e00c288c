"""Is this stamp on record? A PDF's signatures looked up in the office archive.

Each ``stamp_done`` entry records the digest of the bytes its signature
covers (the document digest pyHanko signs); a signature in a PDF is matched by
the same digest, computed from the file. A signature made with the seal's
token outside the station (directly through PKCS#11) has no such entry, in
any segment signed by a station of this office: it is NOT REGISTERED.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArchiveError, DocumentError
from ..journal.journal import JournalKind
from .backend import ArchiveBackend
from .segment import open_segment
from .sightings import record_sightings

__all__ = ["Registration", "RegistrationResult", "signature_digests", "find_registrations", "check_registrations",
           "registrations_json"]


@dataclass(frozen=True)
class Registration:
    """The archive's answer for one signature of a PDF."""

    field: str
    digest: str
    station: str | None = None
    custodian: str | None = None
    request: str | None = None
    at: str | None = None
    seal: str | None = None

    @property
    def registered(self) -> bool:
        return self.station is not None

    def words(self) -> str:
        if self.registered:
            return (f"registered: station {self.station}, custodian {self.custodian}, request {self.request}, "
                    f"{self.at[:19]} UTC")
        return ("NOT REGISTERED: this signature was not made through a station that reports to this archive")


@dataclass(frozen=True)
class RegistrationResult:
    """What the archive says of each signature of one PDF (``verify --archive``)."""

    location: str
    """The archive asked."""
    answers: tuple[Registration, ...]
    recorded: int = 0
    """NOT REGISTERED signatures recorded in the archive as sightings."""
    not_recorded: str = ""
    """Why the archive refused to record them (empty when it did, or had none to record)."""

    @property
    def all_registered(self) -> bool:
        return all(a.registered for a in self.answers)


def signature_digests(path: str | Path) -> list[tuple[str, str]]:
    """(field name, hex digest of the signed bytes) of each signature of the PDF (document timestamps left out)."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with open(path, "rb") as f:
            reader = PdfFileReader(f, strict=False)
            found = []
            for emb in reader.embedded_signatures:
                if emb.sig_object_type == "/DocTimeStamp":
                    continue
                found.append((str(emb.field_name), emb.compute_digest().hex()))
            return found
    except (OSError, PdfReadError, ValueError) as exc:
        raise DocumentError(f"The signatures of {path} cannot be read for the archive lookup: {exc}.") from exc


def find_registrations(backend: ArchiveBackend, ca_cert, digests: list[tuple[str, str]]) -> list[Registration]:
    """Each signature's registration: a ``stamp_done`` with its digest, in a segment that checks out."""
    answers = []
    for field, digest in digests:
        answers.append(_lookup(backend, ca_cert, field, digest) or Registration(field, digest))
    return answers


def _lookup(backend: ArchiveBackend, ca_cert, field: str, digest: str) -> Registration | None:
    for stored in backend.find_text(digest):
        if stored.signed is None or open_segment(stored.signed, ca_cert) is not None:
            continue  # only what a station of this office signed counts
        for e, data in stored.signed.segment.records(JournalKind.STAMP_DONE):
            if data.get("signature_digest") == digest:
                return Registration(field, digest, stored.signed.segment.station, data.get("custodian") or e["actor"],
                                    data.get("request"), e["at"], data.get("seal"))
    return None


def registrations_json(answers: list[Registration]) -> list[dict]:
    return [json.loads(json.dumps(a.__dict__)) | {"registered": a.registered} for a in answers]


def check_registrations(backend: ArchiveBackend, ca_cert, path: str | Path, signatures, *,
                        now: dt.datetime) -> RegistrationResult:
    """Each signature of ``path`` looked up; a NOT REGISTERED one is recorded as a sighting.

    ``signatures`` are verify's reports of the same file (for the signer and seal of a sighting). An archive that
    refuses the sighting leaves the answers unchanged; the refusal is in ``not_recorded``.
    """
    answers = tuple(find_registrations(backend, ca_cert, signature_digests(path)))
    if all(a.registered for a in answers):
        return RegistrationResult(backend.location, answers)
    try:
        done = record_sightings(backend, Path(path).name, answers, signatures, now=now)
    except ArchiveError as exc:
        return RegistrationResult(backend.location, answers, not_recorded=str(exc))
    return RegistrationResult(backend.location, answers, recorded=len(done))
