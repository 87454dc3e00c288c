"""The office's seal authority: the CA that certifies each seal's token key.

The office keeps the authority's private key (an encrypted PKCS#8 file, opened
with the office passphrase); stations keep only its certificate, to check that
a stamped document's signer is a seal this office issued. A seal certificate
names the seal (CN), the organisation (O), the seal id (serialNumber) and the
seal kind (OU, as ``seal-kind:<kind>``), so a verifier can read them back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from ..errors import SealAuthorityError
from ..fsutil import atomic_write_bytes

__all__ = ["SealCertSubject", "SealAuthority", "read_seal_identity", "office_signature_ok"]

_KIND_PREFIX = "seal-kind:"


@dataclass(frozen=True)
class SealCertSubject:
    """Who a seal certificate is about."""

    seal_id: str
    """Station-wide seal identifier (also the token label)."""
    seal_name: str
    """The full seal name, e.g. 示例科技有限公司合同专用章."""
    kind: str
    """A :class:`sealstation.model.SealKind` value."""
    organisation: str
    seal_code: str | None = None
    """Seal code from the public-security filing record, if any."""

    def to_name(self) -> x509.Name:
        attrs = [
            x509.NameAttribute(NameOID.COMMON_NAME, self.seal_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.organisation),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, _KIND_PREFIX + self.kind),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, self.seal_id),
        ]
        if self.seal_code:
            attrs.append(x509.NameAttribute(NameOID.USER_ID, self.seal_code))
        return x509.Name(attrs)


def read_seal_identity(cert: x509.Certificate) -> SealCertSubject | None:
    """The seal named by a certificate, or ``None`` if it is not a seal certificate."""

    def first(oid):
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else None

    kinds = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)]
    kind = next((k[len(_KIND_PREFIX):] for k in kinds if k.startswith(_KIND_PREFIX)), None)
    seal_id = first(NameOID.SERIAL_NUMBER)
    if kind is None or seal_id is None:
        return None
    return SealCertSubject(
        seal_id=seal_id,
        seal_name=first(NameOID.COMMON_NAME) or "",
        kind=kind,
        organisation=first(NameOID.ORGANIZATION_NAME) or "",
        seal_code=first(NameOID.USER_ID),
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class SealAuthority:
    """The authority's certificate and, in the office, its private key."""

    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey | None = None

    @classmethod
    def create(
        cls, *, common_name: str, organisation: str, key_path: Path, cert_path: Path, passphrase: str,
        valid_years: int = 20,
    ) -> "SealAuthority":
        """Make a new authority: ECDSA P-256 key (encrypted file) and self-signed CA certificate."""
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        ])
        now = _now()
        ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=365 * valid_years))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
            )
            .add_extension(ski, critical=False)
            .sign(key, hashes.SHA256())
        )
        atomic_write_bytes(
            Path(key_path),
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
            ),
        )
        atomic_write_bytes(Path(cert_path), cert.public_bytes(serialization.Encoding.PEM))
        return cls(cert, key)

    @classmethod
    def load_certificate(cls, cert_path: Path) -> "SealAuthority":
        """The public part only (what a station keeps)."""
        try:
            return cls(x509.load_pem_x509_certificate(Path(cert_path).read_bytes()))
        except (OSError, ValueError) as exc:
            raise SealAuthorityError(
                f"The seal authority certificate {cert_path} cannot be read: {exc}.",
                hint="The office must install its seal authority certificate on this station.",
            ) from exc

    @classmethod
    def load(cls, cert_path: Path, key_path: Path, passphrase: str) -> "SealAuthority":
        """Certificate and private key (office only)."""
        public = cls.load_certificate(cert_path)
        try:
            pem = Path(key_path).read_bytes()
        except OSError as exc:
            raise SealAuthorityError(
                f"The seal authority key {key_path} cannot be read: {exc.strerror or exc}.",
                hint="The office's seal authority key is kept where the office works; check the station's "
                     "office folder.", code="authority_key_unreadable", file=str(key_path)) from exc
        try:
            key = serialization.load_pem_private_key(pem, passphrase.encode("utf-8"))
        except (ValueError, TypeError) as exc:
            raise SealAuthorityError(
                f"The seal authority key {key_path} cannot be opened (wrong passphrase or damaged file).",
                code="authority_passphrase") from exc
        return cls(public.certificate, key)

    def sign(self, data: bytes) -> str:
        """The office's signature (ECDSA P-256, SHA-256; hex) over ``data``: records, delegations, the policy."""
        if self.private_key is None:
            raise SealAuthorityError(
                "Records are signed by the office's seal authority; its key is not open here.",
                hint="Run this as the office, with the seal authority passphrase.")
        return self.private_key.sign(data, ec.ECDSA(hashes.SHA256())).hex()

    def issue_seal_certificate(self, public_key, subject: SealCertSubject, *, now: dt.datetime,
                               valid_days: int = 3 * 365) -> x509.Certificate:
        """Certify a seal's token public key, valid from ``now`` (the station's clock)."""
        if self.private_key is None:
            raise SealAuthorityError("This station holds only the seal authority's certificate; seals are certified in the office.")
        return (
            x509.CertificateBuilder()
            .subject_name(subject.to_name())
            .issuer_name(self.certificate.subject)
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=valid_days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                # digitalSignature + contentCommitment (non-repudiation): a seal commits its organisation.
                x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.certificate.public_key()), critical=False
            )
            .sign(self.private_key, hashes.SHA256())
        )


def office_signature_ok(ca_cert: x509.Certificate | None, data: bytes, signature: str | None) -> bool:
    """Whether ``signature`` (hex) is the seal authority's over ``data``; False when anything is missing.

    A signature that verified once is remembered (by the certificate's and the data's digests and the
    signature itself): each stamp checks the same few records again, and the answer cannot change.
    """
    if ca_cert is None or not signature:
        return False
    key = (_fingerprint(ca_cert), hashlib.sha256(data).digest(), signature)
    if key in _VERIFIED:
        return True
    try:
        ca_cert.public_key().verify(bytes.fromhex(signature), data, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, TypeError):
        return False
    if len(_VERIFIED) >= 4096:
        _VERIFIED.clear()
    _VERIFIED.add(key)
    return True


_VERIFIED: set = set()


def _fingerprint(cert: x509.Certificate) -> bytes:
    """SHA-256 of ``cert``, computed once per certificate object (a certificate object never changes)."""
    held = _FINGERPRINTS.get(id(cert))
    if held is None or held[0] is not cert:
        if len(_FINGERPRINTS) >= 64:
            _FINGERPRINTS.clear()
        held = _FINGERPRINTS[id(cert)] = (cert, cert.fingerprint(hashes.SHA256()))
    return held[1]


_FINGERPRINTS: dict[int, tuple] = {}
"""id → (certificate, fingerprint); the certificate is held so that its id is not reused meanwhile."""
