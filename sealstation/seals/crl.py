"""The office's seal authority's certificate revocation list (CRL), which the policy's ``crl_url`` publishes.

Each stamp embeds it (:mod:`sealstation.pdf.timestamps`), so that a verifier years later can see, offline, that the
seal's certificate was not revoked when it signed. The office makes it with the authority's key (the seals revoked
in its register, with when) and publishes the DER file where the policy says; the station checks it is signed by the
seal authority and current before it embeds it.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from ..errors import SealAuthorityError

__all__ = ["authority_crl", "CRL_DAYS"]

CRL_DAYS = 7
"""How long a CRL the office publishes stays current (its next update): the office publishes a new one weekly."""


def authority_crl(authority, revoked: Iterable[tuple[int, dt.datetime]] = (), *, now: dt.datetime,
                  days: int = CRL_DAYS, number: int = 1) -> bytes:
    """The CRL (DER) of ``authority`` (a :class:`~.authority.SealAuthority` with its key open): ``revoked`` as
    (certificate serial, revoked at), current from ``now`` for ``days``; ``number`` rises with each one published."""
    if authority.private_key is None:
        raise SealAuthorityError("The revocation list is signed by the office's seal authority; its key is not open here.",
                                 hint="Make it as the office, with the seal authority passphrase.")
    builder = (x509.CertificateRevocationListBuilder()
               .issuer_name(authority.certificate.subject)
               .last_update(now - dt.timedelta(minutes=5))
               .next_update(now + dt.timedelta(days=days))
               .add_extension(x509.CRLNumber(number), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   authority.certificate.public_key()), critical=False))
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build())
    return builder.sign(authority.private_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
