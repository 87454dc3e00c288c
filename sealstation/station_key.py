"""The station's own key: how this stamping computer signs what it says.

A station signs two kinds of statement in its own name, not a seal's: the QR
code on each printed copy and the segments it sends to the office archive.
Its key pair (ECDSA P-256) is made when the station is set up; the office's
seal authority certifies it, with the station id as the certificate's
serialNumber and ``station`` as its OU, so a checker that holds only the
authority's certificate can tell a genuine statement from a forged one.

The private key is kept in the station database, which is encrypted with the
journal key (OS keyring or office passphrase): it is as safe as the records
themselves, and needs no second secret. The certificate is also written to
``office/station-cert.pem`` so the office can take it to the archive.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .errors import StationKeyError

__all__ = [
    "StationIdentity",
    "make_station_identity",
    "station_id_of",
    "issued_station",
    "check_valid_at",
    "station_signature_ok",
    "check_station_certificate",
    "STATION_OU",
]

STATION_OU = "station"


@dataclass(frozen=True)
class StationIdentity:
    """The station's key pair and its office-issued certificate."""

    station_id: str
    certificate: x509.Certificate
    private_key: ec.EllipticCurvePrivateKey

    def sign(self, data: bytes) -> str:
        """ECDSA P-256 / SHA-256 over ``data``, DER, base64url without padding (short enough for a QR code)."""
        der = self.private_key.sign(data, ec.ECDSA(hashes.SHA256()))
        return base64.urlsafe_b64encode(der).rstrip(b"=").decode("ascii")

    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def private_key_pem(self) -> bytes:
        """Unencrypted PKCS#8: only ever written into the encrypted station database."""
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())

    @classmethod
    def from_pem(cls, key_pem: bytes, cert_pem: bytes) -> "StationIdentity":
        try:
            cert = x509.load_pem_x509_certificate(cert_pem)
            key = serialization.load_pem_private_key(key_pem, None)
        except (ValueError, TypeError) as exc:
            raise StationKeyError(f"The station key in the database cannot be read: {exc}.",
                                  hint="The office issues the station a new key: 'sealstation station key'.") from exc
        station_id = station_id_of(cert)
        if station_id is None or not isinstance(key, ec.EllipticCurvePrivateKey):
            raise StationKeyError("The station key in the database is not a station key.")
        return cls(station_id, cert, key)


def make_station_identity(station_id: str, authority, *, now: dt.datetime, valid_days: int = 5 * 365) -> StationIdentity:
    """A new key pair for ``station_id``, certified by the office's seal ``authority`` (its key open) from ``now``."""
    if authority.private_key is None:
        raise StationKeyError("A station key is certified by the office's seal authority; its key is not open here.",
                              hint="Run this as the office, with the seal authority passphrase.")
    key = ec.generate_private_key(ec.SECP256R1())
    ca = authority.certificate
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([
            x509.NameAttribute(NameOID.COMMON_NAME, f"SealStation {station_id}"),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, STATION_OU),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, station_id),
        ]))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.public_key()), critical=False)
        .sign(authority.private_key, hashes.SHA256())
    )
    return StationIdentity(station_id, cert, key)


def station_id_of(cert: x509.Certificate) -> str | None:
    """The station a certificate names, or ``None`` if it is not a station certificate."""
    ous = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)]
    ids = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    if STATION_OU not in ous or not ids:
        return None
    return str(ids[0].value)


def check_station_certificate(cert: x509.Certificate, ca_cert: x509.Certificate, *,
                              at: dt.datetime) -> str:
    """The station id of ``cert`` once it is shown to be issued by ``ca_cert`` and valid at ``at``.

    Raises :class:`StationKeyError` saying what is wrong.
    """
    station_id = issued_station(cert, ca_cert)
    check_valid_at(cert, station_id, at)
    return station_id


def issued_station(cert: x509.Certificate, ca_cert: x509.Certificate) -> str:
    """The station id of ``cert`` once it is shown to be a station certificate issued by ``ca_cert`` (at any time:
    :func:`check_valid_at`). Raises :class:`StationKeyError`."""
    station_id = station_id_of(cert)
    if station_id is None:
        raise StationKeyError("The certificate is not a station certificate.")
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature) as exc:
        raise StationKeyError(f"The certificate of station {station_id} was not issued by this office's seal "
                              "authority.") from exc
    return station_id


def check_valid_at(cert: x509.Certificate, station_id: str, at: dt.datetime) -> None:
    """Raises :class:`StationKeyError` unless ``cert`` (station ``station_id``'s) is valid at ``at``."""
    if not (cert.not_valid_before_utc <= at <= cert.not_valid_after_utc):
        raise StationKeyError(f"The certificate of station {station_id} is not valid at {at:%Y-%m-%d %H:%M} UTC.")


def station_signature_ok(cert: x509.Certificate, data: bytes, signature: str) -> bool:
    """Whether ``signature`` (as made by :meth:`StationIdentity.sign`) is ``cert``'s key's over ``data``."""
    try:
        der = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        cert.public_key().verify(der, data, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
