"""Placing a seal and signing: a PAdES signature whose visible appearance is the seal.

Signing is split where the PIN is asked, so that every fault of the document
shows before anyone types a password or PIN:

* :func:`plan_stamp` checks the page, the box and the field name, then has
  pyHanko write the whole signed revision (seal appearance, signature field,
  placeholder for the signature) into memory and hash its byte range. No key
  is involved: what pyHanko could not write is refused here.
* :func:`stamp_pdf` signs that digest with the key on the token (on the
  token's owner thread), lets pyHanko put the signature into the prepared
  revision, writes the result atomically, verifies the written file, and only
  then gives it its final name.

:func:`check_stampable` runs the first step on a throwaway copy at approval,
so that a document the signer cannot handle is refused when it is approved.
The input file is never written.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..errors import (
    OutputError,
    SealStationError,
    StampError,
    TokenError,
    UnsupportedPdfError,
)
from ..fsutil import atomic_output
from ..model import Placement
from .appearance import seal_stamp_style
from ..approval.entries import approval_entry
from .document import SourcePdf, frame_of_page, open_pdf
from .faults import in_words
from .forms import draw_form_fields
from .locking import StampLock, signing_options
from .objects import elements, entry
from .pagetree import walk_page_tree
from .geometry import PageFrame, Rect, SealBox
from .placing import revision_additions

if TYPE_CHECKING:  # imported when a stamp has a cross-page seal: the single stamp's start-up is timed
    from .cross_page import CrossPagePlan, CrossPageSpec

# pyHanko is imported where it is used: it takes about 0.2 s, which commands that never read a PDF need not pay.
__all__ = ["SealArt", "StampSpec", "StampPlan", "PreparedRevision", "StampResult", "plan_stamp", "stamp_pdf",
           "check_stampable", "BYTES_RESERVED", "HASH_CHUNK"]

# Room for the CMS blob besides the CA chain: the signature (RSA up to 4096
# bits), signed attributes, CMS structure and the seal certificate (seal
# certificates are about 1 KiB; this allows 4). Sizing it up front saves
# pyHanko a dry-run signature, and a tight /Contents is quicker for every
# reader to parse (it is hex, read byte by byte).
BYTES_RESERVED = 8192
# Hashing in 1 MiB chunks rather than pyHanko's 4 KiB default: fewer calls on big files.
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class SealArt:
    """What the signer needs to know about the seal being applied."""

    seal_id: str
    """Seal identifier; also the label of its key and certificate on the token."""

    png: bytes
    """The seal image (印模), RGBA with a transparent background."""

    size_mm: tuple[float, float]
    """True width and height of the seal in mm."""

    ca_chain: tuple[Any, ...] = ()
    """asn1crypto certificates of the issuing authority, embedded for verifiers."""

    cert_sha256: str | None = None
    """The registered certificate's fingerprint; the token's certificate must match it."""

    token_label: str = ""
    """For messages: the token the key should be on."""

    name: str = ""
    """The seal's name (e.g. 示例科技有限公司合同专用章); the signature's /Name."""


@dataclass(frozen=True)
class StampSpec:
    """Where and why a seal is applied."""

    placement: Placement
    """Page and seal centre (the placement contract)."""

    reason: str = ""
    """The request's purpose; becomes the signature's /Reason."""

    location: str = ""
    """The station; becomes the signature's /Location."""

    field_name: str | None = None
    """Signature field name; by default derived from the seal id."""

    also_on: tuple[Placement, ...] = ()
    """Further places of the same seal (a page set, every match of a keyword): drawn in the signed revision,
    covered by the one signature (see :mod:`sealstation.pdf.repeats`)."""

    into_field: bool = False
    """``field_name`` is the document's own empty signature field (盖章处): sign into it, the seal centred there."""

    cross_page: CrossPageSpec | None = None
    """Also a cross-page seal (骑缝章), drawn in the same signed revision (:mod:`sealstation.pdf.cross_page`)."""

    lock: StampLock | None = None
    """How this seal locks the document (the request's last seal), see :mod:`.locking`; None: it does not."""

    office_time: Any = None
    """The office's timestamp authority and CRL (:class:`~.timestamps.OfficeTime`); ``None``: the policy names none."""

    validation: Any = None
    """Certificates and CRL for the signed revision's DSS (:class:`~.timestamps.ValidationData`), fetched at planning."""


@dataclass(frozen=True)
class StampResult:
    """What a successful stamp produced."""

    output: Path
    """The stamped, verified PDF."""

    field_name: str
    """The new signature field."""

    box: SealBox
    """Where the seal went."""

    sha256_before: str
    """SHA-256 of the input document."""

    sha256_after: str
    """SHA-256 of the stamped document."""

    warnings: tuple[str, ...] = field(default_factory=tuple)
    """Things a person should know (e.g. the seal covers another seal)."""

    notices: tuple[SealStationError, ...] = field(default_factory=tuple)
    """Things a person must be told, with a code the window words (:mod:`.timestamps`: a timestamp or revocation data
    owed because the office's authority could not be used); the stamp itself is valid."""

    @property
    def timestamp_owed(self) -> bool:
        """The office's timestamp or revocation data is missing from the stamp: the station owes it to the file."""
        return bool(self.notices)


def _field_of(annot):
    """The field dictionary holding a widget's /FT (itself, or an ancestor)."""
    node = annot
    for _ in range(32):  # field hierarchies are shallow; a loop is damage
        if node is None or entry(node, "/FT") is not None:
            return node
        node = entry(node, "/Parent")
    return None


def _widgets_on_page(source: SourcePdf, page: int) -> list[tuple[str, Rect]]:
    """(field name, rect) of the signature widgets on 1-based ``page``; references resolved."""
    found = []
    for annot in elements(entry(source.pages.refs[page - 1], "/Annots")):
        field_dict = _field_of(annot)
        if field_dict is None or entry(field_dict, "/FT") != "/Sig":
            continue
        try:
            box = Rect.from_corners(float(v) for v in elements(entry(annot, "/Rect")))
        except (TypeError, ValueError):
            continue
        found.append((str(entry(field_dict, "/T") or "?"), box))
    return found


def _signature_field_names(reader) -> list[str]:
    return [str(entry(f, "/T") or "") for f in elements(entry(entry(reader.root, "/AcroForm"), "/Fields"))
            if entry(f, "/FT") == "/Sig"]


def _all_field_names(reader) -> set[str]:
    return {str(entry(f, "/T") or "") for f in elements(entry(entry(reader.root, "/AcroForm"), "/Fields"))}


def _choose_field_name(reader, seal_id: str) -> str:
    taken = _all_field_names(reader)
    n = 1
    while f"Seal-{seal_id}-{n}" in taken:
        n += 1
    return f"Seal-{seal_id}-{n}"


def _overlap_warnings(source: SourcePdf, box: SealBox, frame: PageFrame) -> tuple[str, ...]:
    warnings = []
    page = box.placement.page
    for name, rect in _widgets_on_page(source, page):
        if rect.overlaps(box.rect):
            cx, cy = frame.rect_center_mm(rect)
            warnings.append(
                f"The seal covers the existing seal '{name}' at ({cx:.1f}, {cy:.1f}) mm on page {page}."
            )
    return tuple(warnings)


@dataclass(frozen=True)
class PreparedRevision:
    """The signed revision written and hashed, waiting only for the signature."""

    output: io.BytesIO = field(repr=False)
    """The whole stamped file, with a zeroed placeholder where the signature goes."""

    digest: Any = field(repr=False)
    """pyHanko's PreparedByteRangeDigest: the digest to sign and where to put the result."""


def _writer_class():
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    class SealWriter(IncrementalPdfFileWriter):
        """An incremental writer that leaves the document's metadata as its author wrote it.

        pyHanko rewrites /Info and the XMP stream on every update; XMP that
        is not well-formed UTF-8 (common from older producers) then fails the
        stamp. A seal adds a signature; it has no business editing the
        document's title, dates or producer.
        """

        def _update_meta(self):
            return None

        # The original bytes are copied into the revision in 1 MiB pieces, not pyHanko's 4 KiB (a 50 MB scan: 12,000
        # Python-level reads and writes, ~15 ms; benchmarks/bench_cli_process.py).
        IO_CHUNK_SIZE = HASH_CHUNK

    return SealWriter


def _prepare_revision(source: SourcePdf, *args, **kwargs) -> PreparedRevision:
    """pyHanko writes the revision and hashes it; its failures become :class:`UnsupportedPdfError` in words."""
    try:
        return _write_revision(source, *args, **kwargs)
    except SealStationError:
        raise
    except Exception as exc:  # noqa: BLE001 - wrap pyHanko's failures at the boundary
        raise _cannot_stamp(source, exc) from exc


def _write_revision(source: SourcePdf, field_name: str, name: str, on_page: int, rect: tuple, style,
                    reason: str = "", location: str = "", extra_reserved: int = 0,
                    draw: Callable[[Any, Any], None] | None = None,
                    lock: StampLock | None = None, dss=None) -> PreparedRevision:
    from pyhanko.sign import fields, signers

    reader = source.reader
    if source.need_appearances:
        reader = open_pdf(draw_form_fields(source.data, source.path.name), source.path)
    writer = _writer_class().from_reader(reader)
    if source.encrypted:
        writer.encrypt(b"")  # the owner-password-only file opens with the empty user password
    if draw is not None:  # drawn into the pages of the revision the signature covers (repeated seals, strips)
        draw(writer, source.pages if reader is source.reader else walk_page_tree(reader, source.path.name))
    lock_meta, lock_field = signing_options(lock, field_name, tuple(_signature_field_names(reader)))
    if dss is not None:  # long-term validation data, in the revision the seal signs
        from .timestamps import add_dss

        add_dss(writer, dss)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, name=name or field_name, **lock_meta)
    # No key here: the certificate and the signature come from the token after the PIN.
    placeholder = signers.ExternalSigner(signing_cert=None, cert_registry=None, signature_value=256)
    pdf_signer = signers.PdfSigner(
        meta, signer=placeholder, stamp_style=style,
        new_field_spec=fields.SigFieldSpec(sig_field_name=field_name, on_page=on_page, box=rect, **lock_field))
    session = pdf_signer.init_signing_session(writer)
    reserved = BYTES_RESERVED + extra_reserved
    reserved += reserved % 2  # pyHanko wants an even size
    tbs = session.prepare_tbs_document(validation_info=None, bytes_reserved=reserved)
    digest, output = tbs.digest_tbs_document(output=io.BytesIO(), chunk_size=HASH_CHUNK)
    return PreparedRevision(output, digest)


def _cannot_stamp(source: SourcePdf, exc: BaseException) -> UnsupportedPdfError:
    return UnsupportedPdfError(
        f"{source.path.name} cannot be stamped: the signature library cannot update it ({in_words(exc)}).",
        hint="Get a re-exported copy of the document (e.g. print it to PDF), then have it approved.")


def check_stampable(source: SourcePdf) -> None:
    """Approval's check: pyHanko can write a signed revision of this document.

    A trial revision with an invisible signature field on page 1 is written
    into memory and thrown away: the same writer as the stamp, on the same
    parse of the file, so what the stamp would refuse is refused now.
    """
    _prepare_revision(source, "SealStation-approval-check", "", 0, (0, 0, 0, 0), None)


@dataclass(frozen=True)
class StampPlan:
    """A stamp checked against the document, ready to sign (no token needed yet)."""

    source: SourcePdf
    art: SealArt
    spec: StampSpec
    box: SealBox
    field_name: str
    warnings: tuple[str, ...]
    output: Path | None = None
    """Where the stamped file is to be written, when known at planning time."""
    overwrite: bool = False
    """An existing file at ``output`` may be replaced (the person confirmed it); otherwise it never is."""
    prepared: PreparedRevision | None = field(default=None, repr=False, compare=False)
    """The revision pyHanko wrote, waiting for the token's signature."""
    repeats: tuple[SealBox, ...] = ()
    """The seal's further places (``spec.also_on``), drawn into their pages under the same signature."""
    cross_page: CrossPagePlan | None = None
    """The cross-page seal's strips drawn in the same revision, when the spec asks for one."""

    @property
    def approved_as(self) -> str:
        """The approval's seal entry this stamp uses up: the seal id, or ``seal_id+cross-page``."""
        return approval_entry(self.art.seal_id, self.cross_page is not None)


def plan_stamp(source: SourcePdf, art: SealArt, spec: StampSpec, output: Path | None = None, *,
               overwrite: bool = False) -> StampPlan:
    """Check page, box and field name and prepare the signed revision; raise before any PIN is asked for."""
    frame = frame_of_page(source.pages, spec.placement.page, source.path)
    box = frame.seal_box(spec.placement, art.size_mm)
    field_name = spec.field_name or _choose_field_name(source.reader, art.seal_id)
    warnings = _overlap_warnings(source, box, frame)
    repeats, draw_repeats = revision_additions(source, spec, art, box)
    for extra in repeats:
        warnings += _overlap_warnings(source, extra, frame_of_page(source.pages, extra.placement.page, source.path))
    cross = None
    if spec.cross_page is not None:
        from .cross_page import draw_strips, plan_cross_page

        cross = plan_cross_page(source, spec.cross_page, seal_id=art.seal_id, size_mm=art.size_mm)
        warnings += tuple(f"The seal covers the cross-page seal's strip on page {s.page}." for s in cross.strips
                          if s.page == box.placement.page and s.clip.overlaps(box.rect))

    def draw(writer, pages) -> None:  # everything else the one signature covers, in its own revision
        if draw_repeats is not None:
            draw_repeats(writer, field_name)
        if cross is not None:
            draw_strips(writer, pages, cross, art.png, field_name)

    prepared = _prepare_revision(
        source, field_name, art.name or art.seal_id, box.placement.page - 1, box.rect.as_tuple(),
        seal_stamp_style(art.png, box), reason=spec.reason, location=spec.location,
        extra_reserved=sum(len(c.dump()) for c in art.ca_chain) + (spec.office_time.reserve if spec.office_time else 0),
        draw=draw if draw_repeats is not None or cross is not None else None, lock=spec.lock, dss=spec.validation)
    return StampPlan(source, art, spec, box, field_name, warnings,
                     Path(output).absolute() if output else None, overwrite, prepared, repeats, cross)


def _sign_digest(signer, plan: StampPlan, signing_time: dt.datetime):
    """The CMS signature over the prepared digest, made by ``signer`` (on the token's thread)."""
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    attrs = PdfCMSSignedAttributes(signing_time=signing_time)
    return asyncio.run(signer.async_sign(plan.prepared.digest.document_digest, "sha256", use_pades=True,
                                         signed_attr_settings=attrs))


def _finish(plan: StampPlan, signature_cms, out) -> None:
    """pyHanko puts the signature into the prepared revision; the file is then written whole."""
    from pyhanko.sign.signers.pdf_signer import PdfTBSDocument

    buffer = plan.prepared.output
    PdfTBSDocument.finish_signing(buffer, plan.prepared.digest, signature_cms)
    out.write(buffer.getbuffer())


def stamp_pdf(
    plan: StampPlan,
    out_path: str | Path,
    *,
    with_signer: Callable[[Callable[[Any], Any]], Any],
    verify_output: Callable[[Path, str], str],
    signing_time: dt.datetime,
    commit: Callable[[Path, str, tuple[SealStationError, ...]], None] | None = None,
) -> StampResult:
    """Sign ``plan`` and write ``out_path`` (verified) atomically.

    ``with_signer(fn)`` runs ``fn(signer)`` with the seal's signer, which the
    token layer made (on the token's owner thread, logged in). ``verify_output(path, field_name)`` checks the written
    temp file, raises if the new signature is not intact and valid, and
    returns the file's SHA-256. ``signing_time`` (the station's clock) is the
    time the signature claims. ``commit(temp_path, sha256, notices)`` runs once
    the temp file is verified, before it is renamed into place (the station
    records the stamp there, with what the office's time could not give:
    ``notices``, as in the result). Order: sign, write, verify, commit, rename.
    """
    source = plan.source
    out_path = Path(out_path)
    if out_path.resolve() == source.path.resolve():
        raise OutputError(
            f"The output {out_path} is the input file.",
            hint="Choose another output name; the approved input is never overwritten.",
        )
    digests: list[str] = []

    def check(tmp: Path) -> None:
        digests.append(verify_output(tmp, plan.field_name))
        source.check_unchanged()

    try:
        signature_cms = with_signer(lambda signer: _sign_digest(signer, plan, signing_time))
    except SealStationError:
        raise
    except Exception as exc:  # noqa: BLE001 - a failure on the token side, after the document was prepared
        raise TokenError(
            f"Signing {source.path.name} with seal '{plan.art.seal_id}' on token '{plan.art.token_label}' "
            f"failed: {in_words(exc)}.",
            hint="Nothing was written. Check the token and try again.",
        ) from exc
    signature_cms, notices = _office_time(plan, signature_cms)
    try:
        with atomic_output(out_path, overwrite=plan.overwrite, check=check, readable=True,
                           before_rename=(lambda tmp: commit(tmp, digests[-1], notices)) if commit else None) as out:
            _finish(plan, signature_cms, out)
    except (SealStationError, OSError):
        raise
    except Exception as exc:  # noqa: BLE001 - wrap pyHanko's and the rest at the boundary
        raise StampError(
            f"Writing the stamped {source.path.name} with seal '{plan.art.seal_id}' failed: {in_words(exc)}.",
            hint="Nothing was written. Report this document to the office; it may need re-exporting.",
        ) from exc
    return StampResult(
        output=out_path,
        field_name=plan.field_name,
        box=plan.box,
        sha256_before=source.sha256,
        sha256_after=digests[-1],
        warnings=plan.warnings,
        notices=notices,
    )


def _office_time(plan: StampPlan, signature_cms):
    """The office's signature timestamp added (never failing the stamp: what is missing is told and owed)."""
    if plan.spec.office_time is None:
        return signature_cms, ()
    from .timestamps import complete_signature

    digest = plan.prepared.digest
    room = (digest.reserved_region_end - digest.reserved_region_start - 2) // 2
    return complete_signature(signature_cms, plan.spec.office_time, plan.spec.validation, room)
