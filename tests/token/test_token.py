"""The token layer on a real SoftHSM2 token; faults injected by wrapping the real module."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest

from sealstation.errors import (
    PinIncorrectError,
    PinLockedError,
    TokenAbsentError,
    TokenKeyMissingError,
    TokenModuleError,
    TokenRemovedError,
)
from sealstation.token.module import find_pkcs11_module
from sealstation.token.session import TokenSession


class FlagsOverride:
    """Wraps the real python-pkcs11 Token, reporting extra PIN flags (SoftHSM2 never sets them)."""

    def __init__(self, token, extra_flags: int):
        self._token = token
        self._extra = extra_flags

    def __getattr__(self, name):
        return getattr(self._token, name)

    @property
    def flags(self):
        return self._token.flags | self._extra


class PulledOut:
    """Wraps the real Session: the USB key is pulled out as the signature starts."""

    def __init__(self, session):
        self._session = session

    def __getattr__(self, name):
        return getattr(self._session, name)

    def get_key(self, *args, **kwargs):
        from pkcs11.exceptions import DeviceRemoved

        raise DeviceRemoved()


def session_for(seal_token, **kwargs) -> TokenSession:
    return TokenSession(seal_token.module_path, token_label=seal_token.token_label,
                        softhsm2_conf=seal_token.conf_path, **kwargs)


def test_module_discovery():
    choice = find_pkcs11_module(None)
    assert "found at" in choice.origin and choice.path.endswith(".so")
    with pytest.raises(TokenModuleError, match="does not exist"):
        find_pkcs11_module("/nowhere/libvendor-pkcs11.so")


def test_lists_seal_keys_with_certificates(seal_token):
    keys = {k.label: k for k in seal_token.session.list_keys(pin=seal_token.user_pin)}
    seal_token.session.logout()
    assert set(keys) >= {"official", "contract", "finance", "legal-rep"}
    assert keys["contract"].key_type == "EC" and keys["official"].key_type == "RSA"
    assert all(k.has_certificate for k in keys.values())


def test_keys_are_sensitive_and_never_extractable(seal_token):
    from pkcs11 import Attribute, ObjectClass

    def attrs(session):
        key = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label="official")
        return key[Attribute.SENSITIVE], key[Attribute.EXTRACTABLE], key[Attribute.NEVER_EXTRACTABLE]

    assert seal_token.session.run(attrs, pin=seal_token.user_pin) == (True, False, True)
    seal_token.session.logout()


def test_signing_runs_on_the_owner_thread(seal_token):
    from pkcs11 import Mechanism, ObjectClass

    threads = []

    def sign(session):
        threads.append(threading.current_thread().name)
        rsa = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label="official")
        ec = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label="contract")
        return rsa.sign(b"data", mechanism=Mechanism.SHA256_RSA_PKCS), ec.sign(b"\x01" * 32, mechanism=Mechanism.ECDSA)

    rsa_sig, ec_sig = seal_token.session.run(sign, pin=seal_token.user_pin)
    seal_token.session.logout()
    assert len(rsa_sig) == 256 and len(ec_sig) == 64
    assert threads == ["token-owner"]


def test_wrong_pin_reports_what_the_token_says(seal_token):
    with session_for(seal_token) as s:
        with pytest.raises(PinIncorrectError) as err:
            s.run(lambda session: None, pin="000000")
    # SoftHSM2 sets COUNT_LOW after any failure: that is no count, and a first mistake is not "few tries left".
    assert err.value.count_low and not err.value.final_try
    assert "few tries" not in str(err.value)
    assert "the token did not say how many tries are left" in str(err.value).lower()
    assert "000000" not in str(err.value)


def test_final_try_is_said_before_and_after(seal_token):
    from pkcs11.constants import TokenFlag

    wrap = lambda t: FlagsOverride(t, TokenFlag.USER_PIN_FINAL_TRY | TokenFlag.USER_PIN_COUNT_LOW)  # noqa: E731
    with session_for(seal_token, token_wrapper=wrap) as s:
        assert s.pin_status().final_try  # the UI can warn before the PIN is typed
        with pytest.raises(PinIncorrectError, match="One try is left: the next wrong PIN locks the token") as err:
            s.run(lambda session: None, pin="000000")
    assert err.value.final_try


def test_locked_token_is_refused_without_spending_a_try(seal_token):
    from pkcs11.constants import TokenFlag

    with session_for(seal_token, token_wrapper=lambda t: FlagsOverride(t, TokenFlag.USER_PIN_LOCKED)) as s:
        with pytest.raises(PinLockedError, match="locked") as err:
            s.run(lambda session: None, pin=seal_token.user_pin)
    assert "office" in err.value.hint and "SO PIN" in err.value.hint


def test_token_absent(seal_token):
    with TokenSession(seal_token.module_path, token_label="Not Plugged In", softhsm2_conf=seal_token.conf_path) as s:
        with pytest.raises(TokenAbsentError, match="not plugged in"):
            s.run(lambda session: None, pin=seal_token.user_pin)


def test_key_missing(seal_token):
    from sealstation.token.keys import find_seal_key

    with pytest.raises(TokenKeyMissingError, match="'nothing' is not on token"):
        seal_token.session.run(lambda session: find_seal_key(session, "nothing", "t"), pin=seal_token.user_pin)
    seal_token.session.logout()


def test_token_removed_mid_signature(seal_token):
    from sealstation.token.keys import find_seal_key

    with session_for(seal_token, session_wrapper=PulledOut) as s:
        with pytest.raises(TokenRemovedError, match="removed"):
            s.run(lambda session: find_seal_key(session, "official", "t"), pin=seal_token.user_pin)
        assert not s.logged_in


def test_idle_session_is_closed(seal_token):
    with session_for(seal_token, idle_timeout_s=0.2) as s:
        s.login(seal_token.user_pin)
        assert s.logged_in
        deadline = time.monotonic() + 5
        while s.logged_in and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not s.logged_in


def test_destroy_deletes_key_and_certificate(seal_token):
    from sealstation.seals.authority import SealCertSubject
    from sealstation.token.keys import delete_seal_key, find_seal_key, make_seal_key

    s, pin = seal_token.session, seal_token.user_pin
    make_seal_key(s, pin=pin, label="temp", key_type="ec-p256", authority=seal_token.authority,
                  subject=SealCertSubject("temp", "临时章", "department", "测试科技有限公司"),
                  now=dt.datetime.now(dt.timezone.utc))
    assert delete_seal_key(s, pin=pin, label="temp") == 3  # private key, public key, certificate
    with pytest.raises(TokenKeyMissingError):
        s.run(lambda session: find_seal_key(session, "temp", "t"), pin=pin)
    s.logout()
