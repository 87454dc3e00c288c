"""Verifying stamped PDFs: every signature, where its seal is, and what changed after.

pyHanko does the cryptographic work (integrity of the signed bytes, the CMS
signature, the certificate path to the office's seal authority, and the
difference analysis of later revisions); this module turns its findings into
a :class:`VerifyResult` a person or a script can read.
"""

from __future__ import annotations

import hashlib
import io
import mmap
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from cryptography import x509 as cx509

from ..errors import DocumentError, VerificationError
from ..fsutil import NotRegularFileError, open_input
from ..model import Placement
from ..seals.authority import read_seal_identity
from .document import frame_of_page
from .active import active_content
from .faults import in_words
from .geometry import Rect
from .objects import elements, entry
from .pagetree import PageTree, walk_page_tree

# pyHanko, pyhanko-certvalidator and asn1crypto are imported where they are used: about 0.2 s, which commands
# that never read a PDF need not pay.
__all__ = ["SignatureReport", "VerifyResult", "verify_pdf", "check_new_signature", "load_trust_roots",
           "earlier_signature_problems"]


@dataclass(frozen=True)
class SignatureReport:
    """The findings about one signature."""

    field: str
    """Signature field name."""
    signer: str
    """Common name of the signing certificate's subject."""
    seal: str | None
    """Seal id read from the certificate (``None`` if not a SealStation seal)."""
    seal_name: str | None
    """Seal name, e.g. 示例科技有限公司合同专用章."""
    seal_kind: str | None
    """Seal kind code (official, contract, …)."""
    signing_time: str | None
    """When it was signed (ISO 8601): the timestamp authority's time when the signature carries an intact
    timestamp token (:attr:`timestamp_time`), else the time the signer claims."""
    placement: Placement | None
    """Page and centre of the visible seal, as a stamp request gives them (``None`` for an invisible signature)."""
    size_mm: tuple[float, float] | None
    """Seal width and height in mm as displayed."""
    intact: bool
    """The signed bytes are unchanged (digest matches)."""
    valid: bool
    """The signature over them is cryptographically valid."""
    trusted: bool
    """The signer's certificate chains to a trusted seal authority."""
    covers_whole_file: bool
    """The signature covers the file up to its end."""
    changed_after: str
    """What was changed after this signature: none, signatures/form filling, annotations, other."""
    reason: str | None
    location: str | None
    type: str = "signature"
    """``signature``, or ``timestamp`` for a document timestamp (PAdES-LTA)."""
    problem: str | None = None
    """Why it fails, in words (``None`` when intact and valid)."""
    cross_page_pages: tuple[int, ...] = ()
    """The pages now carrying a strip of this signature's cross-page seal (骑缝章); empty without one."""
    cross_page_of: int = 0
    """How many pages carried a strip when it was stamped (0 without a cross-page seal)."""
    also_on_pages: tuple[int, ...] = ()
    """The other pages this signature's seal is drawn on (a page set, every match of a keyword), in its own signed
    revision; empty for a seal in one place."""
    timestamp_time: str | None = None
    """The time in the signature's timestamp token (RFC 3161, ISO 8601) when it carries an intact one; for a document
    timestamp, its own time."""
    timestamp_trusted: bool = False
    """That timestamp was issued by a timestamp authority this verifier trusts."""

    locks: str | None = None
    """This seal locked the document (the last seal of its request): what the lock still allows
    (``no changes`` or ``form filling``); ``None`` when it does not lock."""
    lock_broken: bool = False
    """What came after this signature breaks a lock it imposes (its field lock or its certification)."""

    @property
    def ok(self) -> bool:
        """Intact, valid, from a trusted seal authority, and nothing added after it beyond what PAdES and its lock
        allow (every page of its cross-page seal still carrying its strip)."""
        return (self.intact and self.valid and self.trusted and self.changed_after in _ALLOWED_AFTER
                and self.cross_page_complete and not self.lock_broken)

    @property
    def cross_page_complete(self) -> bool:
        """Every page stamped with a strip still carries one (true without a cross-page seal)."""
        return len(set(self.cross_page_pages)) == len(self.cross_page_pages) == self.cross_page_of


@dataclass(frozen=True)
class VerifyResult:
    """The findings about a whole file."""

    path: str
    sha256: str
    signatures: tuple[SignatureReport, ...]
    changed_after_last: bool
    """Something was appended after the last signature."""
    active_content: tuple[str, ...] = ()
    """What the document can do by itself when opened (JavaScript, Launch, attached files)."""
    locked: str | None = None
    """The document was locked after its last seal: what the lock allows (``no changes`` or ``form filling``)."""
    locked_by: str | None = None
    """The signature field whose seal locked it."""

    ltv: bool = False
    """Long-term validation data is embedded (a document security store with revocation data: CRLs or OCSP
    responses), so the signatures can be checked offline years later."""

    @property
    def lock_broken(self) -> bool:
        """Something after the lock breaks it."""
        return any(s.lock_broken for s in self.signatures)

    @property
    def valid(self) -> bool:
        """Exit-0 condition: at least one signature, all ok, nothing changed after the last, except form filling
        in a form its last seal locked as fillable (the lock's own check then tells filling from anything else)."""
        after_ok = not self.changed_after_last or self.locked == "form filling"
        return bool(self.signatures) and all(s.ok for s in self.signatures) and after_ok

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "sha256": self.sha256,
            "valid": self.valid,
            "changed_after_last_signature": self.changed_after_last,
            "active_content": list(self.active_content),
            "locked": self.locked,
            "locked_by": self.locked_by,
            "lock_broken": self.lock_broken,
            "ltv": self.ltv,
            "signatures": [_signature_json(s) for s in self.signatures],
        }


def _signature_json(report: SignatureReport) -> dict[str, Any]:
    """A signature for ``verify --json``: the placement as the flat ``page`` and ``center_mm`` scripts read."""
    data = asdict(report)
    placement = report.placement
    del data["placement"]
    return data | {"page": placement.page if placement else None,
                   "center_mm": list(placement.center_mm) if placement else None, "ok": report.ok}


# What may follow a signature and leave it standing: further signatures
# (form filling, in pyHanko's terms), DSS and document timestamps (PAdES-LTA).
_ALLOWED_AFTER = ("none", "form filling")

_CHANGE_WORDS = {
    "annotations": "a later revision adds or changes annotations on the signed pages",
    "other": "a later revision changes page content or other parts of the signed document",
    "unknown": "what was changed after it cannot be told",
}

_MODIFICATION_WORDS = {
    "NONE": "none",
    "LTA_UPDATES": "none",
    "FORM_FILLING": "form filling",
    "ANNOTATIONS": "annotations",
    "OTHER": "other",
}


def _read(path: Path) -> bytes:
    try:
        with open_input(path) as f:
            return f.read()
    except NotRegularFileError as exc:
        raise DocumentError(f"{path} is {exc.what}, not a PDF file.",
                            hint="Give the path of the PDF file itself; a device or a pipe is read forever or not "
                            "at all.") from exc
    except OSError as exc:
        raise DocumentError(f"Cannot read {path}: {exc.strerror or exc}.") from exc


def _open(data: bytes, path: Path):
    from pyhanko.pdf_utils.reader import PdfFileReader

    if b"%PDF-" not in data[:1024]:
        raise DocumentError(f"{path} is not a PDF file.")
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            reader.decrypt(b"")  # owner-password-only files (those SealStation stamps) open for everyone
        return reader
    except Exception as exc:  # noqa: BLE001 - any parser failure, told in words
        raise DocumentError(f"{path} cannot be read as PDF: {in_words(exc)}.") from exc


def load_trust_roots(*paths: Path) -> list[Any]:
    """Seal authority certificates (PEM or DER) from the files that exist.

    asn1crypto reads them directly: pyHanko's key loaders pull in far more
    modules than a ``verify`` process needs.
    """
    from asn1crypto import pem, x509

    roots = []
    for path in paths:
        if not Path(path).is_file():
            continue
        data = Path(path).read_bytes()
        if pem.detect(data):
            roots.extend(x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True))
        else:
            roots.append(x509.Certificate.load(data))
    return roots


def _validation_context(trust_roots: Iterable[Any]):
    from pyhanko_certvalidator import ValidationContext

    # An explicit (possibly empty) root list: never the OS store, never the network.
    return ValidationContext(trust_roots=list(trust_roots), allow_fetching=False)


def _page_tree(reader):
    """The checked page tree, or None when it is damaged (signatures are still checked)."""
    try:
        return walk_page_tree(reader)
    except DocumentError:
        return None


def _widget_place(field_dict, pages: PageTree | None) -> tuple[Placement | None, tuple[float, float] | None]:
    """(placement, size mm) of a signature's widget, or Nones when invisible or unplaceable."""
    none = None, None
    if pages is None:
        return none
    try:
        rect = list(elements(entry(field_dict, "/Rect")))
        page_ref = field_dict.raw_get("/P") if "/P" in field_dict else None
        if len(rect) != 4 or page_ref is None or not hasattr(page_ref, "idnum"):
            return none
        r = Rect.from_corners(float(v) for v in rect)
        page_index = pages.index_of(page_ref.idnum)
        if r.width <= 0 or r.height <= 0 or page_index is None:
            return none
        frame = frame_of_page(pages, page_index + 1)
    except Exception:  # noqa: BLE001 - a malformed widget only loses its place in the report
        return none
    cx, cy = frame.rect_center_mm(r)
    w, h = frame.rect_size_mm(r)
    return Placement(page_index + 1, (round(cx, 2), round(cy, 2))), (round(w, 2), round(h, 2))


def _identity(cert) -> tuple[str, str | None, str | None, str | None]:
    signer = cert.subject.native.get("common_name", "") or cert.subject.human_friendly
    try:
        ident = read_seal_identity(cx509.load_der_x509_certificate(cert.dump()))
    except Exception:  # noqa: BLE001 - a foreign certificate cryptography cannot parse is simply not a seal
        ident = None
    if ident is None:
        return signer, None, None, None
    return signer, ident.seal_id, ident.seal_name, ident.kind


def _field_name(emb) -> str:
    try:
        return str(emb.field_name)
    except Exception:  # noqa: BLE001
        return "?"


def _validate(emb, vc, *, skip_diff: bool = False, ts_vc=None):
    """pyHanko's status for a signature or a document timestamp, each checked as what it is; timestamps (a
    signature's or a document's) against ``ts_vc`` when given."""
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp

    if emb.sig_object_type == "/DocTimeStamp":
        return "timestamp", validate_pdf_timestamp(emb, validation_context=ts_vc or vc, skip_diff=skip_diff)
    return "signature", validate_pdf_signature(emb, vc, ts_validation_context=ts_vc, skip_diff=skip_diff)


def _report(emb, vc, pages, ts_vc=None) -> SignatureReport:
    try:
        kind, status = _validate(emb, vc, ts_vc=ts_vc)
        return _report_of(emb, kind, status, pages)
    except Exception as exc:  # noqa: BLE001 - one odd signature fails alone; the others are still checked
        return _failed_report(emb, pages, in_words(exc))


def _failed_report(emb, pages, problem: str) -> SignatureReport:
    try:
        signer, seal_id, seal_name, kind = _identity(emb.signer_cert)
    except Exception:  # noqa: BLE001
        signer, seal_id, seal_name, kind = "?", None, None, None
    try:
        placement, size = _widget_place(emb.sig_field, pages)
    except Exception:  # noqa: BLE001
        placement, size = None, None
    return _uncheckable(_field_name(emb), problem, signer=signer, seal=seal_id, seal_name=seal_name,
                        seal_kind=kind, placement=placement, size_mm=size, type=_sig_type(emb))


def _uncheckable(field: str, problem: str, **known) -> SignatureReport:
    """A signature that cannot be checked at all: it fails, with its reason and whatever is known of it."""
    facts = dict(signer="?", seal=None, seal_name=None, seal_kind=None, signing_time=None, placement=None,
                 size_mm=None, reason=None, location=None) | known
    return SignatureReport(field=field, intact=False, valid=False, trusted=False, covers_whole_file=False,
                           changed_after="unknown", problem=f"cannot be checked: {problem}", **facts)


def _sig_type(emb) -> str:
    try:
        return "timestamp" if emb.sig_object_type == "/DocTimeStamp" else "signature"
    except Exception:  # noqa: BLE001
        return "signature"


def _report_of(emb, sig_type: str, status, pages) -> SignatureReport:
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    cert = status.signing_cert if sig_type == "timestamp" else emb.signer_cert
    signer, seal_id, seal_name, kind = _identity(cert)
    placement, size = _widget_place(emb.sig_field, pages)
    if sig_type == "timestamp":
        ts = status.timestamp
        stamp_time, stamp_trusted = ts, bool(status.trusted)
    else:
        stamp_time, stamp_trusted = _timestamp_of(status)
        ts = stamp_time or emb.self_reported_timestamp
    level = status.modification_level
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    intact, valid, trusted = bool(status.intact), bool(status.valid), bool(status.trusted)
    changed_after = (_MODIFICATION_WORDS.get(level.name, "other") if level is not None
                     else ("none" if whole else "other"))
    locks = _locks(emb)
    lock_broken = getattr(status, "docmdp_ok", None) is False
    return SignatureReport(
        field=_field_name(emb),
        signer=signer,
        seal=seal_id,
        seal_name=seal_name,
        seal_kind=kind,
        signing_time=ts.isoformat() if ts else None,
        placement=placement,
        size_mm=size,
        intact=intact,
        valid=valid,
        trusted=trusted,
        covers_whole_file=whole,
        changed_after=changed_after,
        reason=_text(entry(emb.sig_object, "/Reason")),
        location=_text(entry(emb.sig_object, "/Location")),
        type=sig_type,
        problem=_problem(intact, valid, trusted, changed_after, sig_type, lock_broken, locks),
        locks=locks,
        lock_broken=lock_broken,
        timestamp_time=stamp_time.isoformat() if stamp_time else None,
        timestamp_trusted=stamp_trusted,
    )


def _timestamp_of(status) -> tuple[Any, bool]:
    """(the time of the signature's timestamp token, whether its authority is trusted); (None, False) without an
    intact one."""
    token = getattr(status, "timestamp_validity", None)
    if token is None or not (token.intact and token.valid):
        return None, False
    return token.timestamp, bool(token.trusted)


def _has_ltv(reader) -> bool:
    """A document security store with revocation data (CRLs or OCSP responses) in it."""
    try:
        dss = entry(reader.root, "/DSS")
        return dss is not None and any(elements(entry(dss, key)) for key in ("/CRLs", "/OCSPs"))
    except Exception:  # noqa: BLE001 - a damaged DSS is no LTV data
        return False


def _locks(emb) -> str | None:
    """What this signature's field lock allows (the last seal of a request locks with one), or None."""
    try:
        lock = entry(emb.sig_field, "/Lock")
        if lock is None:
            return None
        level = emb.docmdp_level
    except Exception:  # noqa: BLE001 - an unreadable lock is checked by pyHanko's difference analysis anyway
        return None
    return "no changes" if level is not None and level.value <= 1 else "form filling"


def _problem(intact: bool, valid: bool, trusted: bool, changed_after: str, sig_type: str,
             lock_broken: bool = False, locks: str | None = None) -> str | None:
    """Why a signature does not stand, in words (``None`` when it does)."""
    if not intact and locks:
        return f"the signed content was changed after signing, though the document was locked after the last seal " \
               f"({locks} allowed)"
    if not intact:
        return "the signed content was changed after signing"
    if not valid:
        return "the signature does not match the signed content"
    if not trusted:
        issuer = "time-stamping authority" if sig_type == "timestamp" else "seal authority"
        return f"intact, but its certificate was not issued by a trusted {issuer}"
    if lock_broken and locks:
        what = _CHANGE_WORDS.get(changed_after, "a later revision changes it").removeprefix("a later revision ")
        return f"the document was locked after the last seal ({locks} allowed), and a later revision {what}"
    if lock_broken:
        return (f"its certification forbids what was changed after it "
                f"({_CHANGE_WORDS.get(changed_after, 'a later revision changes the document')})")
    return _CHANGE_WORDS.get(changed_after)


def _text(value) -> str | None:
    return None if value is None else str(value)


def _embedded(reader, path: Path) -> list:
    try:
        return list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - the form itself is unreadable
        raise VerificationError(f"The signatures in {path} cannot be found: {in_words(exc)}.") from exc


def _unsupported(reader, listed: list) -> list[tuple[str, str]]:
    """(field, format) of filled signature fields pyHanko leaves out (e.g. /adbe.pkcs7.sha1).

    pyHanko skips signatures of a format it does not know; they must not
    vanish from the report, so they are named and count as failing.
    """
    from pyhanko.sign.fields import enumerate_sig_fields

    known = {_field_name(emb) for emb in listed}
    try:
        return [(str(name), str(entry(value, "/SubFilter") or "none"))
                for name, value, _ in enumerate_sig_fields(reader, filled_status=True) if str(name) not in known]
    except Exception:  # noqa: BLE001 - a form too broken to walk; the listed signatures are still checked
        return []


def _unsupported_report(name: str, subfilter: str) -> SignatureReport:
    return _uncheckable(name, f"its format ({subfilter}) is not one SealStation can verify")


def verify_pdf(path: str | Path, *, trust_roots: Iterable[Any] = (), timestamp_roots: Iterable[Any] = ()) -> VerifyResult:
    """Verify every signature in ``path``; never raises for an invalid signature.

    ``timestamp_roots``: timestamp authorities trusted for timestamps only (the office's policy names them), besides
    ``trust_roots``.

    A signature that cannot be checked at all (an odd CMS, a foreign format)
    is reported as failing, with the reason, and the others are still checked.
    """
    path = Path(path)
    data = _read(path)
    reader = _open(data, path)
    trust_roots, timestamp_roots = list(trust_roots), list(timestamp_roots)
    vc = _validation_context(trust_roots)
    ts_vc = _validation_context(trust_roots + timestamp_roots) if timestamp_roots else None
    sigs = _embedded(reader, path)
    pages = _page_tree(reader) if sigs else None
    # Signatures of unknown formats have no place in the signing order: they are listed first.
    reports = tuple(_unsupported_report(*u) for u in _unsupported(reader, sigs))
    reports += tuple(_report(emb, vc, pages, ts_vc) for emb in sigs)
    if pages is not None and CROSS_PAGE_MARK in data:  # every page is read only for a file that has strips
        from .cross_page import find_strips  # imported here: verify's start-up is timed, and most files have none

        reports = with_strips(reports, find_strips(pages))
    if pages is not None and REPEAT_MARK in data:
        from .repeats import find_repeats

        found = find_repeats(pages)
        reports = tuple(replace(r, also_on_pages=found[r.field].pages) if r.field in found else r for r in reports)
    reports = _seals_after_lock(reports)
    changed_after = bool(sigs) and not reports[-1].covers_whole_file
    lock = next((s for s in reversed(reports) if s.locks), None)
    return VerifyResult(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        signatures=reports,
        changed_after_last=changed_after,
        active_content=active_content(reader, data),
        locked=lock.locks if lock else None,
        locked_by=lock.field if lock else None,
        ltv=_has_ltv(reader),
    )


def with_strips(reports: tuple[SignatureReport, ...], found: dict) -> tuple[SignatureReport, ...]:
    """Each report with the pages carrying its cross-page seal's strips; missing strips are its problem."""
    out = []
    for report in reports:
        strips = found.get(report.field)
        if strips is not None:
            report = replace(report, cross_page_pages=strips.pages, cross_page_of=strips.page_count)
            if not report.cross_page_complete and report.problem is None:
                report = replace(report, problem=(
                    f"its cross-page seal was drawn on {strips.page_count} pages, but {len(strips.pages)} carry a "
                    "strip now: a page was removed or replaced after stamping"))
        out.append(report)
    return tuple(out)


def _seals_after_lock(reports: tuple[SignatureReport, ...]) -> tuple[SignatureReport, ...]:
    """A seal added after a lock breaks it, even a fillable form's (DocMDP level 2 would let a signature in)."""
    locked_at = next((i for i, s in enumerate(reports) if s.locks), None)
    if locked_at is None or not any(s.type == "signature" for s in reports[locked_at + 1:]):
        return reports
    lock = reports[locked_at]
    broken = replace(lock, lock_broken=True, problem=lock.problem or (
        f"the document was locked after the last seal ({lock.locks} allowed), and a later revision adds a seal"))
    return reports[:locked_at] + (broken,) + reports[locked_at + 1:]


def earlier_signature_problems(reader, path: Path, trust_roots: Iterable[Any] = ()) -> tuple[str, ...]:
    """Warnings for the approver: signatures already in the document that are broken, uncheckable or untrusted.

    An untrusted one (a partner's signature, say) is named because ``verify``
    will call the stamped file NOT VALID for it: VALID needs every signature
    trusted.
    """
    sigs = _embedded(reader, path)
    problems = [f"The existing signature '{name}' in {path.name} cannot be checked: its format ({subfilter}) "
                "is not one SealStation can verify." for name, subfilter in _unsupported(reader, sigs)]
    for emb in sigs:
        name = _field_name(emb)
        try:
            kind, status = _validate(emb, _validation_context(trust_roots), skip_diff=True)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"The existing signature '{name}' in {path.name} cannot be checked: {in_words(exc)}.")
            continue
        if not (status.intact and status.valid):
            problems.append(f"The existing signature '{name}' in {path.name} is already broken: the document was "
                            "changed after it was signed. A seal added now does not repair it.")
        elif not status.trusted:
            what = "document timestamp" if kind == "timestamp" else "signature"
            problems.append(f"The existing {what} '{name}' in {path.name} is not from a seal authority this station "
                            "trusts: verify will report the stamped file NOT VALID because of it.")
    return tuple(problems)


CROSS_PAGE_MARK = b"/SealStationCrossPage"
""":data:`sealstation.pdf.cross_page.CROSS_PAGE_MARK`, without importing that module."""
REPEAT_MARK = b"/SealStationRepeat"
""":data:`sealstation.pdf.repeats.REPEAT_MARK`, likewise."""

_BYTE_RANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


def check_new_signature(path: Path, field_name: str, *, signed_from: int = 0, signer_cert_sha256: str | None = None) -> str:
    """Check the signature just appended to ``path``; return the file's SHA-256.

    One pass over the file: the new revision (from byte ``signed_from``) holds
    the signature's /ByteRange; it must start at 0, end at the end of the file
    and leave out exactly the /Contents hex string. The covered bytes are
    hashed once and pyHanko checks the CMS signature against that digest and
    the seal certificate. (The full, independent checks are
    :func:`verify_pdf` and poppler's pdfsig.)
    """
    try:
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            # Mapped, not read: the file's pages are hashed where the OS holds them.
            return _check_mapped(data, path, field_name, signed_from, signer_cert_sha256)
    except (OSError, ValueError) as exc:
        raise VerificationError(f"Cannot read the new file {path}: {exc}.") from exc


def _check_mapped(data, path: Path, field_name: str, signed_from: int, signer_cert_sha256: str | None) -> str:
    from asn1crypto import cms
    from pyhanko.sign.general import extract_certificate_info, extract_signer_info
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    hits = list(_BYTE_RANGE.finditer(data, signed_from))
    failed = f"The new signature '{field_name}' in {path} did not verify"
    if not hits:
        raise VerificationError(f"The new signature '{field_name}' is missing from {path}.")
    a, b, c, d = (int(v) for v in hits[-1].groups())
    if a != 0 or c + d != len(data) or not (0 < b < c) or data[b:b + 1] != b"<" or data[c - 1:c] != b">":
        raise VerificationError(f"{failed}: its byte range does not cover the whole file.")
    with memoryview(data) as view:  # released before the mapping closes, even on error
        covered = hashlib.sha256(view[:b])  # the head is most of the file: hash it once for both digests
        whole = covered.copy()
        covered.update(view[c:])
        whole.update(view[b:])
    try:
        signed_data = cms.ContentInfo.load(bytes.fromhex(data[b + 1:c - 1].decode("ascii")), strict=False)["content"]
        signer_info = extract_signer_info(signed_data)
        cert = extract_certificate_info(signed_data).signer_cert
        intact, valid = validate_sig_integrity(signer_info, cert, "data", covered.digest())
    except Exception as exc:  # noqa: BLE001 - any parse failure is a failed check
        raise VerificationError(f"{failed}: {exc}.") from exc
    if signer_cert_sha256 and hashlib.sha256(cert.dump()).hexdigest() != signer_cert_sha256:
        raise VerificationError(f"{failed}: it was made with another certificate than the seal's.")
    if not (intact and valid):
        raise VerificationError(f"{failed} (intact={intact}, valid={valid}).",
                                hint="Nothing was written. Check the token and the seal's certificate.")
    return whole.hexdigest()
