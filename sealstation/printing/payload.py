"""The text of a copy's QR code: what a paper copy says about itself, signed by the station.

A printed copy carries the document's SHA-256, its serial, the station, the
copy number (k of N) and the date, signed with the station's own key
(:mod:`sealstation.station_key`). The text is short on purpose: about 240
characters make a QR code of version 10 (57 modules), which stays readable
from paper at 20 mm. The station's certificate is therefore *named* (the
first 16 hex digits of its SHA-256 fingerprint), not embedded: embedded it
would add some 650 characters and need version 25 or so, with modules too
small to scan at footer size. Whoever checks a copy offline holds the
office's seal authority certificate and the station certificates (every
station home and the office archive have both; they are public).

Format (one line, ``;``-separated, values percent-encoded)::

    SSCOPY1;st=STATION;sn=SERIAL;c=K/N;d=YYYY-MM-DD;h=SHA256HEX;k=CERTFP;sig=BASE64URL

``sig`` is the station's ECDSA signature over everything before ``;sig=``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, unquote

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from ..errors import PrintError, StationKeyError
from ..station_key import check_station_certificate, station_signature_ok

__all__ = ["CopyPayload", "make_payload", "parse_payload", "check_payload", "cert_ref", "PAYLOAD_PREFIX"]

PAYLOAD_PREFIX = "SSCOPY1"
_FIELDS = ("st", "sn", "c", "d", "h", "k")


@dataclass(frozen=True)
class CopyPayload:
    """The facts a QR code states about its copy."""

    station_id: str
    serial: str
    number: int
    """k: this copy's number."""
    of: int
    """N: the copies approved under the same allowance."""
    date: str
    """Print date, YYYY-MM-DD (station's local date)."""
    document_sha256: str
    cert_ref: str
    """First 16 hex digits of the SHA-256 of the station certificate that signs it."""
    signature: str
    """The station's signature (base64url) over :meth:`signed_text`."""

    def signed_text(self) -> str:
        values = (self.station_id, self.serial, f"{self.number}/{self.of}", self.date, self.document_sha256,
                  self.cert_ref)
        return ";".join([PAYLOAD_PREFIX] + [f"{k}={quote(v, safe='-._~/')}" for k, v in zip(_FIELDS, values)])

    def text(self) -> str:
        return f"{self.signed_text()};sig={self.signature}"


def cert_ref(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()[:16]


def make_payload(identity, *, serial: str, number: int, of: int, date: dt.date, document_sha256: str) -> CopyPayload:
    """A payload signed with ``identity`` (:class:`~sealstation.station_key.StationIdentity`)."""
    unsigned = CopyPayload(identity.station_id, serial, number, of, date.isoformat(), document_sha256,
                           cert_ref(identity.certificate), "")
    return CopyPayload(**{**unsigned.__dict__, "signature": identity.sign(unsigned.signed_text().encode("utf-8"))})


def parse_payload(text: str) -> CopyPayload:
    """Read a QR code's text; :class:`PrintError` when it is not a SealStation copy payload."""
    text = text.strip()
    parts = text.split(";")
    if not parts or parts[0] != PAYLOAD_PREFIX:
        raise PrintError("This is not the QR code of a SealStation copy (it does not start with SSCOPY1).",
                         code="copy_code_foreign")
    try:
        fields = dict(part.split("=", 1) for part in parts[1:])
        number, of = (int(v) for v in unquote(fields["c"]).split("/"))
        values = {k: unquote(fields[k]) for k in _FIELDS}
        return CopyPayload(values["st"], values["sn"], number, of, values["d"], values["h"], values["k"],
                           fields["sig"])
    except (KeyError, ValueError) as exc:
        raise PrintError("The QR code's text is damaged or incomplete: a field is missing or malformed.",
                         hint="Scan it again, or type the copy's serial instead.", code="copy_code_damaged") from exc


def check_payload(payload: CopyPayload, station_certs, ca_cert: x509.Certificate) -> str | None:
    """Why ``payload`` is not genuine, or ``None`` when a station certificate issued by ``ca_cert`` signed it.

    ``station_certs``: the station certificates known here (the QR code names one by fingerprint).
    """
    cert = next((c for c in station_certs if cert_ref(c) == payload.cert_ref), None)
    if cert is None:
        return (f"the station certificate it names ({payload.cert_ref}) is not known here: it was not made by a "
                "station of this office, or that station's certificate is missing")
    try:
        station_id = check_station_certificate(cert, ca_cert, at=cert.not_valid_before_utc + dt.timedelta(minutes=10))
    except StationKeyError as exc:
        return exc.message
    if station_id != payload.station_id:
        return f"it claims station {payload.station_id}, but its certificate is station {station_id}'s"
    if not station_signature_ok(cert, payload.signed_text().encode("utf-8"), payload.signature):
        return "its signature does not match its text: it was forged or altered"
    try:
        printed = dt.date.fromisoformat(payload.date)
    except ValueError:
        return "its date is not a date"
    if not (cert.not_valid_before_utc.date() <= printed <= cert.not_valid_after_utc.date()):
        return f"it is dated {payload.date}, outside the validity of the station certificate that signed it"
    return None
