"""Seal keys on the token: find, make (office), destroy; and token initialisation.

Seal keys are generated on the token as private, sensitive and
non-extractable: the private key never exists outside it. The certificate
issued by the seal authority is written beside the key with the same label
and CKA_ID. These functions run on the token's owner thread (pass them to
:meth:`TokenSession.run`), except :func:`init_token`, used by the demo and the
tests before any session exists.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import secrets
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ..errors import TokenError, TokenKeyMissingError

# python-pkcs11 is imported inside functions: with asn1crypto it adds ~15 ms to every command's start.

__all__ = ["KEY_TYPES", "TokenKeyInfo", "find_seal_key", "list_seal_keys", "make_seal_key", "delete_seal_key",
           "init_token"]

KEY_TYPES = ("rsa2048", "ec-p256")


@dataclass(frozen=True)
class TokenKeyInfo:
    """A private key on the token and its certificate."""

    label: str
    key_id: str
    """CKA_ID as hex."""
    key_type: str
    """'RSA' or 'EC'."""
    has_certificate: bool
    certificate_der: bytes | None


def find_seal_key(session, label: str, token_label: str = "", *, need_private: bool = True):
    """(private key or None, certificate DER) for ``label``; :class:`TokenKeyMissingError` if absent."""
    from pkcs11 import Attribute, ObjectClass
    from pkcs11 import exceptions as e

    key = None
    if need_private:
        try:
            key = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=label)
        except e.NoSuchKey as exc:
            raise TokenKeyMissingError(
                f"The key of seal '{label}' is not on token '{token_label}'.",
                hint="Check that the right USB key is plugged in; otherwise the office must make the seal key again.",
                seal=label, token=token_label,
            ) from exc
    certs = list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.LABEL: label}))
    if not certs:
        raise TokenKeyMissingError(
            f"The certificate of seal '{label}' is not on token '{token_label}'.",
            hint="The office must write the seal certificate to the token again.",
            code="token_certificate_missing", seal=label, token=token_label,
        )
    return key, bytes(certs[0][Attribute.VALUE])


def list_seal_keys(session) -> list:
    """Every private key on the token, with its certificate when there is one."""
    from pkcs11 import Attribute, KeyType, ObjectClass

    out = []
    # Finish one object search before starting the next: tokens allow one at a time.
    for key in list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})):
        label = key[Attribute.LABEL]
        certs = list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.LABEL: label}))
        der = bytes(certs[0][Attribute.VALUE]) if certs else None
        out.append(
            TokenKeyInfo(
                label=label,
                key_id=bytes(key[Attribute.ID]).hex(),
                key_type="EC" if key.key_type == KeyType.EC else "RSA",
                has_certificate=der is not None,
                certificate_der=der,
            )
        )
    return out


def _public_key(pub, key_type: str):
    """The token public key as a ``cryptography`` key (SubjectPublicKeyInfo)."""
    from asn1crypto.keys import PublicKeyInfo, RSAPublicKey
    from pkcs11.util.ec import encode_ec_public_key
    from pkcs11.util.rsa import encode_rsa_public_key

    if key_type == "ec-p256":
        return serialization.load_der_public_key(encode_ec_public_key(pub))
    spki = PublicKeyInfo.wrap(RSAPublicKey.load(encode_rsa_public_key(pub)), "rsa").dump()
    return serialization.load_der_public_key(spki)


def _generate(session, label: str, key_id: bytes, key_type: str):
    from pkcs11 import Attribute, KeyType
    from pkcs11.util.ec import encode_named_curve_parameters

    private = {
        Attribute.SENSITIVE: True,
        Attribute.EXTRACTABLE: False,
        Attribute.PRIVATE: True,
        Attribute.SIGN: True,
        Attribute.TOKEN: True,
    }
    public = {Attribute.VERIFY: True, Attribute.TOKEN: True}
    if key_type == "rsa2048":
        return session.generate_keypair(
            KeyType.RSA, 2048, store=True, label=label, id=key_id,
            public_template=public, private_template=private,
        )
    params = session.create_domain_parameters(
        KeyType.EC, {Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")}, local=True
    )
    return params.generate_keypair(
        store=True, label=label, id=key_id, public_template=public, private_template=private
    )


def make_seal_key(token_session, *, pin: str, label: str, key_type: str, authority, subject,
                  now: dt.datetime) -> x509.Certificate:
    """Generate a seal key on the token, certify it from ``now``, store the certificate beside it."""
    from pkcs11 import Attribute, CertificateType, ObjectClass

    if key_type not in KEY_TYPES:
        raise TokenError(f"Unknown key type {key_type!r}; use one of {', '.join(KEY_TYPES)}.")

    def make(session):
        existing = list(session.get_objects({Attribute.LABEL: label}))
        if existing:
            raise TokenError(
                f"Token '{token_session.label}' already holds objects labelled '{label}'.",
                hint="Destroy the old seal key first, or choose another seal id.",
            )
        key_id = secrets.token_bytes(8)
        pub, _priv = _generate(session, label, key_id, key_type)
        cert = authority.issue_seal_certificate(_public_key(pub, key_type), subject, now=now)
        session.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE,
            Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True,
            Attribute.LABEL: label,
            Attribute.ID: key_id,
            Attribute.SUBJECT: cert.subject.public_bytes(),
            Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
        })
        return cert

    return token_session.run(make, pin=pin)


def delete_seal_key(token_session, *, pin: str, label: str) -> int:
    """Destroy (销毁) a seal's key pair and certificate on the token; return how many objects went."""
    from pkcs11 import Attribute

    def destroy(session):
        objects = list(session.get_objects({Attribute.LABEL: label}))
        for obj in objects:
            obj.destroy()
        return len(objects)

    return token_session.run(destroy, pin=pin)


def init_token(lib, *, label: str, so_pin: str, user_pin: str) -> None:
    """Initialise a free slot's token and set its user PIN (demo and tests).

    python-pkcs11 has no binding for C_InitToken, so that one call goes
    straight to the module through ctypes; C_InitPIN then goes through
    python-pkcs11 as usual. PINs are passed in memory, never on a command line.
    """
    from pkcs11.constants import TokenFlag

    free = [s for s in lib.get_slots(token_present=True) if not s.get_token().flags & TokenFlag.TOKEN_INITIALIZED]
    if not free:
        raise TokenError("No free token slot to initialise.")
    module = ctypes.CDLL(lib.so)
    module.C_InitToken.argtypes = [ctypes.c_ulong, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
    module.C_InitToken.restype = ctypes.c_ulong
    so = so_pin.encode("utf-8")
    rv = module.C_InitToken(free[0].slot_id, so, len(so), label.encode("utf-8").ljust(32, b" ")[:32])
    if rv != 0:
        raise TokenError(f"Initialising token '{label}' failed (PKCS#11 error 0x{rv:x}).")
    # The slot list changed: find the token by its new label.
    token = lib.get_token(token_label=label)
    with token.open(rw=True, so_pin=so_pin) as session:
        session.init_pin(user_pin)
