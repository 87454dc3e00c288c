"""The office's check of an approval's signature (libsodium), against what the station's own check accepts."""

from __future__ import annotations

import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from sealstation.archive.authority_check import RecordCache, _Refused, record_text

PAYLOAD = json.dumps({"request": "R1", "document_sha256": "a" * 64, "seals": ["contract"], "copies": 2,
                      "approver": "gm"}, sort_keys=True).encode()
ORDER = 2**252 + 27742317777372353535851937790883648493
"""The order of Ed25519's base point: S + ORDER is the same point, a non-canonical (malleated) signature."""


def _pem(key) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def _check(signature: bytes, public_pem: str):
    approver = {"username": "gm", "public_key": public_pem}
    return RecordCache(None).approval(record_text("approval", PAYLOAD, signature.hex(), source="station"), approver,
                                      None)


def test_the_approver_s_signature_holds():
    key = ed25519.Ed25519PrivateKey.generate()
    assert _check(key.sign(PAYLOAD), _pem(key))["request"] == "R1"


@pytest.mark.parametrize("case", ["another key", "edited", "short", "malleated", "not ed25519"])
def test_what_is_not_the_approver_s_signature_is_refused_in_words(case):
    key = ed25519.Ed25519PrivateKey.generate()
    signature, pem = key.sign(PAYLOAD), _pem(key)
    if case == "another key":
        pem = _pem(ed25519.Ed25519PrivateKey.generate())
    elif case == "edited":
        signature = bytes([signature[0] ^ 1]) + signature[1:]
    elif case == "short":
        signature = signature[:40]
    elif case == "malleated":  # the cryptography check refuses it too: both stop at S >= ORDER
        s = int.from_bytes(signature[32:], "little") + ORDER
        signature = signature[:32] + s.to_bytes(32, "little")
        with pytest.raises(InvalidSignature):
            key.public_key().verify(signature, PAYLOAD)
    else:  # an approver key that is not Ed25519 (never made so): it verifies nothing
        ec_key = ec.generate_private_key(ec.SECP256R1())
        signature, pem = ec_key.sign(PAYLOAD, ec.ECDSA(hashes.SHA256())), _pem(ec_key)
    with pytest.raises(_Refused, match="not signed by gm's key as the office registered it"):
        _check(signature, pem)
