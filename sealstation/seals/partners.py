"""Partner seal authorities: the CAs this office trusts for documents from its partners.

``verify`` calls a file VALID only when every signature chains to a trusted
seal authority: this office's own, plus partners' authorities the office has
added. A partner's CA certificate counts only with the office's endorsement:
the office's seal authority (whose key the office's passphrase unlocks) signs
the certificate's SHA-256, and the endorsement is checked every time the
trusted authorities are read. A certificate dropped into the folder by anyone
else, or an endorsement copied from another certificate, is not trusted.

Files: ``office/partners/<sha256>.pem`` and ``<sha256>.pem.sig`` (hex ECDSA
signature over ``sealstation-partner-authority/1:<sha256>``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ..errors import SealAuthorityError
from ..fsutil import atomic_write_bytes, read_input_bytes
from .authority import office_signature_ok

# asn1crypto is imported where it is used: ~8 ms at every command's start, for verifying only.

__all__ = ["PartnerAuthority", "add_partner_authority", "partner_authorities", "trusted_roots"]

_CONTEXT = b"sealstation-partner-authority/1:"


@dataclass(frozen=True)
class PartnerAuthority:
    """A partner's seal authority as the office added it."""

    name: str
    """The CA certificate's subject, for people."""
    sha256: str
    """SHA-256 of the certificate (DER)."""
    endorsed: bool
    """The office's endorsement is there and verifies; only then is the authority trusted."""
    path: Path


def _folder(home) -> Path:
    return home.office_dir / "partners"


def _message(sha256: str) -> bytes:
    return _CONTEXT + sha256.encode("ascii")


def add_partner_authority(home, cert_file: Path, authority) -> PartnerAuthority:
    """Endorse a partner's CA certificate with the office's ``authority`` (a loaded SealAuthority)."""
    try:
        data = read_input_bytes(Path(cert_file))
    except OSError as exc:
        raise SealAuthorityError(f"The partner's certificate {cert_file} cannot be read: {exc.strerror or exc}.",
                                 hint="Give the partner's seal authority certificate file (PEM or DER).") from exc
    try:
        cert = x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise SealAuthorityError(f"{cert_file} is not a certificate (PEM or DER).") from exc
    constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value \
        if any(isinstance(e.value, x509.BasicConstraints) for e in cert.extensions) else None
    if constraints is None or not constraints.ca:
        raise SealAuthorityError(f"{cert_file} is not a CA certificate, so it cannot be a seal authority.",
                                 hint="Ask the partner for the certificate of the authority that issues their seals.")
    der = cert.public_bytes(serialization.Encoding.DER)
    digest = hashlib.sha256(der).hexdigest()
    signature = authority.sign(_message(digest))
    target = _folder(home) / f"{digest}.pem"
    atomic_write_bytes(target, cert.public_bytes(serialization.Encoding.PEM))
    atomic_write_bytes(target.with_name(target.name + ".sig"), signature.encode("ascii"))
    return PartnerAuthority(cert.subject.rfc4514_string(), digest, True, target)


def partner_authorities(home, office_ca_cert) -> list[PartnerAuthority]:
    """Every partner certificate in the folder, each with whether the office's endorsement verifies."""
    folder = _folder(home)
    if not folder.is_dir():
        return []
    return [_read(path, office_ca_cert) for path in sorted(folder.glob("*.pem"))]


def _read(path: Path, office_ca_cert) -> PartnerAuthority:
    try:
        cert = x509.load_pem_x509_certificate(path.read_bytes())
        digest = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
        signature = path.with_name(path.name + ".sig").read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return PartnerAuthority(path.stem, path.stem, False, path)
    if not office_signature_ok(office_ca_cert, _message(digest), signature):
        return PartnerAuthority(path.stem, path.stem, False, path)
    return PartnerAuthority(cert.subject.rfc4514_string(), digest, True, path)


def trusted_roots(home) -> list[Any]:
    """asn1crypto certificates ``verify`` trusts: the office's seal authority and its endorsed partners."""
    from asn1crypto import x509 as ax509

    from ..anchor import anchored_authority, load_anchor

    if not home.ca_cert_path.is_file():
        return []  # no station here: only --ca says whom to trust
    # The pin, not the home's copy, when the computer has one (a replaced copy stops here).
    office = anchored_authority(home.ca_cert_path, load_anchor())
    if office is None:
        return []
    roots = [ax509.Certificate.load(office.public_bytes(_der()))]
    for partner in partner_authorities(home, office):
        if partner.endorsed:
            roots.append(ax509.Certificate.load(x509.load_pem_x509_certificate(partner.path.read_bytes())
                                                .public_bytes(_der())))
    return roots


def _der():
    return serialization.Encoding.DER
