"""The office's time and revocation data on a stamp: RFC 3161 timestamps and long-term validation (LTV).

The office's signed policy names a timestamp authority (``timestamp_url``) and where its seal authority publishes
its CRL (``crl_url``); :class:`OfficeTime` is what a stamp takes from it.

* **Revocation data** (LTV): the seal authority's CRL is fetched (and checked: signed by the seal authority, its
  next update not past) when the stamp is planned, before any secret, and kept in memory until its next update. The
  certificates of the authority chain and the CRL go into the document security store (DSS) *of the signed revision
  itself* (pyHanko's :meth:`~pyhanko.sign.validation.dss.DocumentSecurityStore.supply_dss_in_writer`): they are
  covered by the seal's signature, and the stamped file stays one revision that ends with its signature, which is
  what the station checks before it records the stamp. A verifier then needs nothing online to check that the seal
  certificate was not revoked at signing time (PAdES B-LT).
* **Signature timestamp**: once the token has signed, the signature value is sent to the timestamp authority and
  the token it returns (checked: granted, our nonce and imprint, its CMS signature intact) becomes the signature's
  ``signature-time-stamp`` unsigned attribute (pyHanko's :class:`~pyhanko.sign.attributes.TSTProvider`), in the
  room reserved for it in ``/Contents`` (:data:`TOKEN_RESERVE`).
* **Offline first**: an authority that does not answer within :data:`TIMEOUT_SECONDS`, or answers something that is
  no valid timestamp, never stops a stamp. The stamp goes on with the station's clock, the person is told (a
  :class:`~sealstation.errors.TimestampError` notice), and the station records the timestamp as owed (journal
  ``timestamp_owed``, which the archive sync carries to the office). :func:`add_document_timestamp` later adds a
  document timestamp (``/DocTimeStamp``, PAdES-LTA) in a new incremental revision of the stamped file, with the
  revocation data then missing (DSS) in the revision before it.

Every network call here runs on the caller's thread, never on a GUI thread (the window calls through its task
runner), and each has the short timeout :data:`TIMEOUT_SECONDS`: a dead authority costs a stamp at most that, once
for the CRL (then cached, or retried at the next stamp) and once for the timestamp.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Iterable

from ..errors import TimestampError
from .faults import in_words

__all__ = ["TIMEOUT_SECONDS", "TOKEN_RESERVE", "OfficeTime", "ValidationData", "office_time", "fetch_crl",
           "validation_data", "add_dss", "countersign", "complete_signature", "timestamp_roots", "home_timestamp_roots", "add_document_timestamp", "forget_cached_crls"]

TIMEOUT_SECONDS = 4.0
"""How long the station waits for the timestamp authority or the CRL server (each) before it goes on without."""

TOKEN_RESERVE = 12 * 1024
"""Bytes kept in the signature's ``/Contents`` for the timestamp token: the TSA's signature and certificate chain
(a public TSA's token with its chain is 5–8 KiB). A token that does not fit is dropped, and owed."""

_CRL_BYTES_MAX = 8 << 20
"""A CRL larger than this is not what a seal authority publishes (a few seals): refused, not read into memory."""


@dataclass(frozen=True)
class OfficeTime:
    """What a stamp takes from the policy: the timestamp authority and the seal authority's CRL."""

    timestamp_url: str = ""
    """RFC 3161 timestamp authority (HTTP POST ``application/timestamp-query``); empty: none."""
    crl_url: str = ""
    """The seal authority's CRL (HTTP GET, DER or PEM); empty: no revocation data embedded."""
    timeout: float = TIMEOUT_SECONDS
    """Seconds each call may take."""

    @property
    def reserve(self) -> int:
        """Extra bytes a signature needs in ``/Contents`` for the timestamp token."""
        return TOKEN_RESERVE if self.timestamp_url else 0


def office_time(policy) -> OfficeTime | None:
    """The :class:`OfficeTime` of a :class:`~sealstation.policy.StationPolicy`; ``None`` when it names neither."""
    url, crl = getattr(policy, "timestamp_url", ""), getattr(policy, "crl_url", "")
    return OfficeTime(url, crl) if (url or crl) else None


@dataclass(frozen=True)
class ValidationData:
    """What the signed revision's DSS holds: certificates and CRLs (asn1crypto objects)."""

    certs: tuple[Any, ...]
    crls: tuple[Any, ...]


def timestamp_roots(policy) -> list[Any]:
    """The timestamp authorities the office's policy vouches for (asn1crypto certificates): ``verify`` trusts
    timestamps, and only timestamps, that chain to them."""
    from asn1crypto import pem, x509

    return [x509.Certificate.load(pem.unarmor(text.encode("ascii"))[2])
            for text in getattr(policy, "timestamp_roots", ()) or ()]


def home_timestamp_roots(home) -> list[Any]:
    """:func:`timestamp_roots` of the office-signed policy of a station home, for ``verify`` without opening the
    station; none when there is no policy or it is not signed by the office's (pinned) seal authority."""
    from ..anchor import anchored_authority, load_anchor
    from ..errors import SealStationError
    from ..policy import PolicyFiles, load_policy

    try:
        if not home.ca_cert_path.is_file():
            return []
        office = anchored_authority(home.ca_cert_path, load_anchor())
        if office is None:
            return []
        return timestamp_roots(load_policy(PolicyFiles(home.office_dir), office))
    except (SealStationError, OSError, ValueError):
        return []


# -- the seal authority's CRL ----------------------------------------------------------------------------------------

_crl_cache: dict[str, tuple[bytes, dt.datetime]] = {}
_crl_failed: dict[str, tuple[float, TimestampError]] = {}
_tsa_down: dict[str, float] = {}
"""Timestamp authorities that did not answer, and when: a batch does not wait for a dead one at every document."""
_crl_lock = threading.Lock()

RETRY_SECONDS = 60.0
"""A CRL that could not be had is not asked for again for this long: planning runs again at each move of the seal
in the window, and must not wait for a dead server each time (the stamp says the revocation data is owed). Likewise
a timestamp authority that did not answer is not asked again for this long: the stamps of a batch go on at once
(each owed), instead of waiting for it at every document."""


def forget_cached_crls() -> None:
    """Drop the CRLs kept in memory and the failures remembered (tests; an office that just published a new CRL)."""
    with _crl_lock:
        _crl_cache.clear()
        _crl_failed.clear()
        _tsa_down.clear()


def _download(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/pkix-crl"})
    with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - the office's http(s) URL
        data = answer.read(_CRL_BYTES_MAX + 1)
    if len(data) > _CRL_BYTES_MAX:
        raise ValueError("the answer is too large to be a CRL")
    return data


def _revocation_unreachable(url: str, why: str) -> TimestampError:
    return TimestampError(
        f"The seal authority's revocation list at {url} could not be used ({why}): this stamp carries no "
        f"revocation data.", code="revocation_unreachable", url=url, detail=why,
        hint="The stamp is valid; the revocation data is added with the owed timestamp "
             "(sealstation timestamp --owed) once the office's server answers.")


def fetch_crl(url: str, issuers: Iterable[Any], *, now: dt.datetime, timeout: float = TIMEOUT_SECONDS):
    """The seal authority's current CRL (asn1crypto ``CertificateList``) from ``url``; :class:`TimestampError`
    (``revocation_unreachable``) when it cannot be fetched in time, is not a CRL, is not signed by one of
    ``issuers`` (asn1crypto certificates) or is past its next update. Kept in memory until its next update; a failure
    is remembered for :data:`RETRY_SECONDS`."""
    from asn1crypto import crl as acrl

    with _crl_lock:
        cached, failed = _crl_cache.get(url), _crl_failed.get(url)
    if cached is not None and cached[1] > now:
        return acrl.CertificateList.load(cached[0])
    if failed is not None and time.monotonic() - failed[0] < RETRY_SECONDS:
        raise _revocation_unreachable(url, str(failed[1].facts.get("detail", "")))
    try:
        data = _fetched_crl(url, list(issuers), now, timeout)
    except TimestampError as exc:
        with _crl_lock:
            _crl_failed[url] = (time.monotonic(), exc)
        raise
    return acrl.CertificateList.load(data)


def _fetched_crl(url: str, issuers: list, now: dt.datetime, timeout: float) -> bytes:
    from asn1crypto import pem

    try:
        data = _download(url, timeout)
    except (OSError, ValueError, urllib.error.URLError) as exc:  # timeouts are OSErrors
        raise _revocation_unreachable(url, in_words(exc)) from exc
    try:
        if pem.detect(data):
            data = pem.unarmor(data)[2]
        next_update = _checked_crl(data, issuers, now)
    except ValueError as exc:
        raise _revocation_unreachable(url, str(exc)) from exc
    with _crl_lock:
        _crl_cache[url] = (data, next_update)
        _crl_failed.pop(url, None)
    return data


def _checked_crl(der: bytes, issuers: list, now: dt.datetime) -> dt.datetime:
    """The CRL's next update; ValueError when it is not a CRL of one of ``issuers`` that is current at ``now``."""
    from cryptography import x509

    try:
        crl = x509.load_der_x509_crl(der)
    except ValueError as exc:
        raise ValueError("the answer is not a certificate revocation list") from exc
    for issuer in issuers:
        cert = x509.load_der_x509_certificate(issuer.dump())
        if cert.subject == crl.issuer and crl.is_signature_valid(cert.public_key()):
            break
    else:
        raise ValueError("the list is not signed by the office's seal authority")
    next_update = crl.next_update_utc
    if next_update is None or next_update <= now:
        raise ValueError("the list is out of date (its next update is past)")
    return next_update


def validation_data(office: OfficeTime | None, chain: Iterable[Any], *,
                    now: dt.datetime) -> tuple[ValidationData | None, TimestampError | None]:
    """(the DSS content for a stamp signed under ``chain``, the notice when the CRL could not be had).

    ``(None, None)`` when the policy names no CRL: nothing is embedded and nothing is owed."""
    chain = tuple(chain)
    if office is None or not office.crl_url or not chain:
        return None, None
    try:
        crl = fetch_crl(office.crl_url, chain, now=now, timeout=office.timeout)
    except TimestampError as notice:
        return None, notice
    return ValidationData(chain, (crl,)), None


def add_dss(writer, data: ValidationData | None) -> None:
    """Put ``data`` into the DSS of the revision ``writer`` is writing (before it is signed, so that it is signed)."""
    if data is None:
        return
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    DocumentSecurityStore.supply_dss_in_writer(writer, None, certs=list(data.certs), crls=list(data.crls))


# -- the signature timestamp ----------------------------------------------------------------------------------------

def _tsa_failed(url: str, exc: BaseException, timeout: float) -> TimestampError:
    import aiohttp
    from pyhanko.sign.timestamps import TimestampRequestError

    # pyHanko wraps the HTTP client's failures; no connection or no answer in time is "unreachable", an answer
    # that is an HTTP error, the wrong content or no valid timestamp is "garbage".
    cause = exc.__cause__ if isinstance(exc, TimestampRequestError) and exc.__cause__ is not None else exc
    unreachable = isinstance(cause, (OSError, asyncio.TimeoutError, aiohttp.ClientConnectionError))
    if unreachable:
        return TimestampError(
            f"The timestamp authority {url} did not answer within {timeout:g} s ({in_words(exc)}): the stamp carries "
            f"the station's time only, and a timestamp is owed.", code="timestamp_unreachable", url=url,
            seconds=timeout, hint="The stamp is valid. Add the owed timestamp once the authority answers: "
                                  "sealstation timestamp --owed.")
    return TimestampError(
        f"The timestamp authority {url} answered with something that is not a valid timestamp ({in_words(exc)}): "
        f"the stamp carries the station's time only, and a timestamp is owed.", code="timestamp_garbage", url=url,
        hint="The stamp is valid. Tell the office; add the owed timestamp once the authority answers properly: "
             "sealstation timestamp --owed.")


async def _checked_token(timestamper, data: bytes):
    """The timestamp token over ``data``, checked: our imprint, its CMS signature intact and valid."""
    from pyhanko.sign.attributes import TSTProvider
    from pyhanko.sign.general import extract_certificate_info
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko_certvalidator import ValidationContext

    attr = await TSTProvider(digest_algorithm="sha256", data_to_ts=data, timestamper=timestamper).get_attribute()
    token = attr["values"][0]["content"]
    expected = hashlib.sha256(data).digest()
    # Whom to trust is the verifier's business: here only the token's own signature and imprint are checked, so its
    # signer is taken as the root of its path.
    signer = extract_certificate_info(token).signer_cert
    status = await validate_tst_signed_data(
        token, ValidationContext(trust_roots=[signer], allow_fetching=False), lambda _md: expected)
    if not (status.get("intact") and status.get("valid")):
        raise ValueError("the timestamp token's signature does not verify")
    return attr


def countersign(signature_cms, office: OfficeTime | None, room: int):
    """(the CMS with the authority's signature timestamp, the notice when it could not be added).

    ``room``: the bytes ``/Contents`` holds; a token that would not fit is dropped (and owed). Without a timestamp
    authority in the policy, the CMS is returned as it is and nothing is owed."""
    if office is None or not office.timestamp_url:
        return signature_cms, None
    from asn1crypto import cms
    from pyhanko.sign.timestamps import HTTPTimeStamper

    url = office.timestamp_url
    with _crl_lock:
        down_since = _tsa_down.get(url)
    if down_since is not None and time.monotonic() - down_since < RETRY_SECONDS:
        return signature_cms, _tsa_failed(url, ConnectionError("it did not answer a moment ago"), office.timeout)
    signer_info = signature_cms["content"]["signer_infos"][0]
    try:
        attr = asyncio.run(asyncio.wait_for(
            _checked_token(HTTPTimeStamper(url, timeout=office.timeout), signer_info["signature"].native),
            office.timeout + 1))
    except Exception as exc:  # noqa: BLE001 - whatever the authority did, the stamp goes on
        notice = _tsa_failed(url, exc, office.timeout)
        if notice.code == "timestamp_unreachable":
            with _crl_lock:
                _tsa_down[url] = time.monotonic()
        return signature_cms, notice
    with _crl_lock:
        _tsa_down.pop(url, None)
    stamped = cms.ContentInfo.load(signature_cms.dump())  # a copy: the token's CMS is kept as it was on failure
    stamped["content"]["signer_infos"][0]["unsigned_attrs"] = cms.CMSAttributes([attr])
    stamped = cms.ContentInfo.load(stamped.dump(force=True))
    if len(stamped.dump()) > room:
        return signature_cms, TimestampError(
            f"The timestamp from {url} is {len(stamped.dump()) - room} bytes too large for the room kept for it: "
            f"the stamp carries the station's time only, and a timestamp is owed.", code="timestamp_too_big",
            url=url, hint="The stamp is valid. The owed timestamp is added as a document timestamp: "
                          "sealstation timestamp --owed.")
    return stamped, None


# -- an owed timestamp, later ---------------------------------------------------------------------------------------

def add_document_timestamp(data: bytes, office: OfficeTime, validation: ValidationData | None = None) -> bytes:
    """``data`` (a stamped PDF) with a new revision holding the authority's document timestamp (``/DocTimeStamp``).

    ``validation`` (the revocation data the stamp lacked) goes into the DSS in a revision before it, so that the
    document timestamp covers it. :class:`TimestampError` when the authority fails (the file is not changed)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
    from pyhanko.sign.timestamps import HTTPTimeStamper

    if validation is not None:
        out = io.BytesIO()
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        add_dss(writer, validation)
        writer.write(out)
        data = out.getvalue()
    url = office.timestamp_url
    stamper = PdfTimeStamper(HTTPTimeStamper(url, timeout=office.timeout))
    try:
        out = asyncio.run(asyncio.wait_for(stamper.async_timestamp_pdf(
            IncrementalPdfFileWriter(io.BytesIO(data)), "sha256", bytes_reserved=TOKEN_RESERVE, output=io.BytesIO()),
            office.timeout + 1))
    except Exception as exc:  # noqa: BLE001 - the authority's failure, in words
        raise _tsa_failed(url, exc, office.timeout) from exc
    with _crl_lock:
        _tsa_down.pop(url, None)  # it answers again: the next stamps ask it
    return out.getvalue()


def complete_signature(signature_cms, office: OfficeTime | None, validation: ValidationData | None, room: int):
    """The stamp's hook after the token signed: (CMS, notices for the person). Adds the signature timestamp; tells
    when it or the revocation data (planned in ``validation``) is missing, and so owed."""
    notices = []
    if office is not None and office.crl_url and validation is None:
        notices.append(_revocation_unreachable(office.crl_url, "it could not be fetched when the stamp was planned"))
    signature_cms, notice = countersign(signature_cms, office, room)
    if notice is not None:
        notices.append(notice)
    return signature_cms, tuple(notices)
