"""What the office asks for when it makes a seal (制作), and the first record it becomes.

A :class:`SealSpec` is the office's order: kind, organisation, names, where
and how long the seal may be used, and how its key comes to be. The key is
either generated on the token now, or was made there before (at a key
ceremony, or by the token's vendor) and is only registered; either way its
certificate must be the office's seal authority's. :class:`SealOfficeDesk.make_seal`
carries the order out; this module holds the parts that need no token.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from ..errors import SealAuthorityError
from ..model import SealKind
from .authority import SealCertSubject, read_seal_identity
from .image import SealImage, draw_seal, import_scanned_imprint
from .register import SealRecord

__all__ = ["SealSpec", "seal_image_for", "first_record", "check_existing_certificate"]


@dataclass(frozen=True)
class SealSpec:
    """The office's order for one seal."""

    seal_id: str
    """Station-wide identifier; also the key's label on the token."""
    kind: SealKind
    organisation: str
    name: str = ""
    """The full engraved name; empty: the organisation's name (公章) or organisation + kind."""
    person: str | None = None
    """The name on a legal representative's or personal seal."""
    code: str = ""
    """Seal code from the public-security filing record."""
    key_type: str = "rsa2048"
    """``rsa2048`` or ``ec-p256``: the key generated on the token."""
    existing_key: bool = False
    """The key and its certificate are on the token already: register them, generate nothing."""
    scanned_image: Path | None = None
    """A scanned imprint (PNG/JPEG) to use instead of a drawn one."""
    image: SealImage | None = field(default=None, compare=False)
    """An image already drawn (tests and the demo draw once for many stations)."""
    stations: tuple[str, ...] = ()
    """Where it may be used; empty: this station."""
    valid_days: int = 3 * 365

    @property
    def full_name(self) -> str:
        if self.name:
            return self.name
        return self.organisation if self.kind == SealKind.OFFICIAL else f"{self.organisation}{self.kind.label_zh}"

    def subject(self) -> SealCertSubject:
        return SealCertSubject(self.seal_id, self.full_name, self.kind.value, self.organisation, self.code or None)


def _imprint_width_mm(kind: SealKind) -> float:
    """Usual engraved sizes: name seals 20 mm, the official seal 42 mm, other round seals 40 mm."""
    if kind.is_name_seal:
        return 20.0
    return 42.0 if kind == SealKind.OFFICIAL else 40.0


def seal_image_for(spec: SealSpec) -> SealImage:
    """The image the order asks for: given, scanned, or drawn from the seal's words."""
    if spec.image is not None:
        return spec.image
    if spec.scanned_image is not None:
        return import_scanned_imprint(spec.scanned_image, _imprint_width_mm(spec.kind))
    return draw_seal(spec.kind, spec.organisation, spec.person, code=spec.code or None)


def check_existing_certificate(spec: SealSpec, cert: x509.Certificate, ca_cert: x509.Certificate | None) -> None:
    """A key found on the token is registered only if the office certified it for this seal."""
    identity = read_seal_identity(cert)
    if identity is None or identity.seal_id != spec.seal_id:
        raise SealAuthorityError(
            f"The certificate labelled '{spec.seal_id}' on the token is not a seal certificate for '{spec.seal_id}'.",
            hint="Make the key with 'sealstation seal make' (without --existing-key), or check the token.")
    try:
        if ca_cert is None:
            raise ValueError("no seal authority certificate at this station")
        cert.verify_directly_issued_by(ca_cert)
    except Exception as exc:  # cryptography raises several types for a foreign issuer
        raise SealAuthorityError(
            f"The certificate of seal '{spec.seal_id}' on the token was not issued by this office's seal authority.",
            hint="Only keys the office certified can be registered.") from exc


def first_record(spec: SealSpec, *, image_file: str, image: SealImage, image_sha256: str, cert: x509.Certificate,
                 token_label: str, station_id: str, now: dt.datetime) -> SealRecord:
    """The register's version 1 of the seal (status MADE)."""
    return SealRecord(
        seal_id=spec.seal_id, kind=spec.kind.value, name=spec.full_name, organisation=spec.organisation,
        image_file=image_file, image_sha256=image_sha256, width_mm=image.width_mm, height_mm=image.height_mm,
        token_label=token_label, cert_sha256=cert.fingerprint(hashes.SHA256()).hex(), code=spec.code,
        stations=spec.stations or (station_id,), valid_from=now.isoformat(),
        valid_until=(now + dt.timedelta(days=spec.valid_days)).isoformat())
