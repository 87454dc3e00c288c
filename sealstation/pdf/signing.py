"""Placing a seal and signing: a PAdES signature whose visible appearance is the seal.

:func:`plan_stamp` checks the page, the box and the field name before any PIN
is asked for; :func:`stamp_pdf` then builds the seal appearance, signs through
pyHanko with the key on the token (on the token's owner thread), writes the
result atomically, verifies the written file, and only then gives it its final
name. The input file is never written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import (
    OutputError,
    SealStationError,
    SealUnusableError,
    StampError,
)
from ..fsutil import atomic_output
from .document import SourcePdf, page_frame_of
from .geometry import PageFrame, Rect, SealBox

__all__ = ["SealArt", "StampSpec", "StampPlan", "StampResult", "plan_stamp", "stamp_pdf", "BYTES_RESERVED", "HASH_CHUNK"]

# Room for the CMS blob besides its certificates: the signature (RSA up to
# 4096 bits), signed attributes and CMS structure, with a margin. Sizing it
# from the certificates up front saves pyHanko a dry-run signature, and a
# tight /Contents is quicker for every reader to parse (it is hex, read byte by byte).
BYTES_RESERVED = 4096
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


@dataclass(frozen=True)
class StampSpec:
    """Where and why a seal is applied."""

    page: int
    """1-based page number."""

    center_mm: tuple[float, float]
    """Seal centre in mm from the top-left of the page as displayed."""

    reason: str = ""
    """The request's purpose; becomes the signature's /Reason."""

    location: str = ""
    """The station; becomes the signature's /Location."""

    field_name: str | None = None
    """Signature field name; by default derived from the seal id."""


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


def _widgets_on_page(reader, page_index: int) -> list[tuple[str, Rect]]:
    """(field name, rect) of the signature widgets on a page."""
    found = []
    page_ref, _ = reader.find_page_for_modification(page_index)
    for annot_ref in page_ref.get_object().get("/Annots", []) or []:
        annot = annot_ref.get_object()
        field_dict = annot.get("/Parent", annot) if "/FT" not in annot else annot
        if field_dict.get("/FT") != "/Sig" or "/Rect" not in annot:
            continue
        name = str(field_dict.get("/T", annot.get("/T", "?")))
        found.append((name, Rect.from_corners(float(v) for v in annot["/Rect"])))
    return found


def _all_field_names(reader) -> set[str]:
    try:
        fields = reader.root["/AcroForm"]["/Fields"]
    except KeyError:
        return set()
    return {str(f.get_object().get("/T", "")) for f in fields}


def _choose_field_name(reader, seal_id: str) -> str:
    taken = _all_field_names(reader)
    n = 1
    while f"Seal-{seal_id}-{n}" in taken:
        n += 1
    return f"Seal-{seal_id}-{n}"


def _overlap_warnings(reader, box: SealBox, frame: PageFrame) -> tuple[str, ...]:
    warnings = []
    for name, rect in _widgets_on_page(reader, box.page - 1):
        if rect.overlaps(box.rect):
            cx, cy = frame.rect_center_mm(rect)
            warnings.append(
                f"The seal covers the existing seal '{name}' at ({cx:.1f}, {cy:.1f}) mm on page {box.page}."
            )
    return tuple(warnings)


def _sign_on_token(session, plan: "StampPlan", out) -> None:
    """Runs on the token's owner thread: pyHanko signs with the key labelled ``art.seal_id``."""
    import hashlib

    from pkcs11 import KeyType
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.pkcs11 import PKCS11Signer

    from ..token.keys import find_seal_key
    from .appearance import seal_stamp_style

    art, spec, box, field_name = plan.art, plan.spec, plan.box, plan.field_name
    key, cert_der = find_seal_key(session, art.seal_id, art.token_label)
    if art.cert_sha256 and hashlib.sha256(cert_der).hexdigest() != art.cert_sha256:
        raise SealUnusableError(
            f"The certificate of seal '{art.seal_id}' on token '{art.token_label}' is not the registered one.",
            hint="This is not the seal's USB key, or its key was replaced: the office must check it.",
        )
    signer = PKCS11Signer(
        session,
        key_label=art.seal_id,
        cert_label=art.seal_id,
        ca_chain=list(art.ca_chain),
        # SoftHSM2 and many USB keys have no ECDSA-with-SHA256 mechanism:
        # hash here, sign the digest raw on the token.
        use_raw_mechanism=key.key_type == KeyType.EC,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=spec.reason or None,
        location=spec.location or None,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        stamp_style=seal_stamp_style(art.png, box),
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=field_name, on_page=box.page - 1, box=box.rect.as_tuple()
        ),
    )
    writer = IncrementalPdfFileWriter.from_reader(plan.source.reader)
    reserved = BYTES_RESERVED + len(cert_der) + sum(len(c.dump()) for c in art.ca_chain)
    reserved += reserved % 2  # pyHanko wants an even size
    pdf_signer.sign_pdf(writer, output=out, bytes_reserved=reserved, chunk_size=HASH_CHUNK)


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


def plan_stamp(source: SourcePdf, art: SealArt, spec: StampSpec, output: Path | None = None) -> StampPlan:
    """Check page, box and field name; raise before any PIN is asked for."""
    reader = source.reader
    frame = page_frame_of(reader, spec.page, source.page_count, source.path)
    box = frame.seal_box(spec.page, spec.center_mm, art.size_mm)
    field_name = spec.field_name or _choose_field_name(reader, art.seal_id)
    return StampPlan(source, art, spec, box, field_name, _overlap_warnings(reader, box, frame),
                     Path(output).absolute() if output else None)


def stamp_pdf(
    plan: StampPlan,
    out_path: str | Path,
    *,
    run_on_token: Callable[[Callable[[Any], Any]], Any],
    verify_output: Callable[[Path, str], str],
) -> StampResult:
    """Sign ``plan`` and write ``out_path`` (verified) atomically.

    ``run_on_token(fn)`` runs ``fn(pkcs11_session)`` on the token's owner
    thread, logged in. ``verify_output(path, field_name)`` checks the written
    temp file, raises if the new signature is not intact and valid, and
    returns the file's SHA-256.
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
        with atomic_output(out_path, check=check, readable=True) as out:
            run_on_token(lambda session: _sign_on_token(session, plan, out))
    except (SealStationError, OSError):
        raise
    except Exception as exc:  # noqa: BLE001 - wrap pyHanko's and the rest at the boundary
        raise StampError(
            f"Signing {source.path.name} with seal '{plan.art.seal_id}' failed: {exc}.",
            hint="Nothing was written. Check the token and try again.",
        ) from exc
    return StampResult(
        output=out_path,
        field_name=plan.field_name,
        box=plan.box,
        sha256_before=source.sha256,
        sha256_after=digests[-1],
        warnings=plan.warnings,
    )
