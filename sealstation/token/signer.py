"""The seal's signer: a pyHanko signer over the seal's key on the token, made by the token layer.

The station hands it to the signing step (``pdf/``), which never reaches for
the token itself. It is made on the token's owner thread, inside a logged-in
session, and checks first that the certificate on the token is the one the
seal register holds.
"""

from __future__ import annotations

import hashlib
from typing import Any, Sequence

from ..errors import SealUnusableError
from .keys import find_seal_key

# pyHanko (with pkcs11 and asn1crypto) is imported where it is used: ~0.2 s that commands never signing need not pay.
__all__ = ["seal_signer"]


def seal_signer(session, *, label: str, token_label: str, cert_sha256: str | None, ca_chain: Sequence[Any] = ()):
    """A ``PKCS11Signer`` for the key labelled ``label``; refuses a certificate other than the registered one."""
    from asn1crypto import x509
    from pkcs11 import KeyType
    from pyhanko.sign.pkcs11 import PKCS11Signer

    key, cert_der = find_seal_key(session, label, token_label)
    if cert_sha256 and hashlib.sha256(cert_der).hexdigest() != cert_sha256:
        raise SealUnusableError(
            f"The certificate of seal '{label}' on token '{token_label}' is not the registered one.",
            hint="This is not the seal's USB key, or its key was replaced: the office must check it.",
            code="seal_key_mismatch", seal=label, token=token_label,
        )
    return PKCS11Signer(
        session,
        key_label=label,
        signing_cert=x509.Certificate.load(cert_der),
        ca_chain=list(ca_chain),
        # SoftHSM2 and many USB keys have no ECDSA-with-SHA256 mechanism:
        # hash here, sign the digest raw on the token.
        use_raw_mechanism=key.key_type == KeyType.EC,
    )
