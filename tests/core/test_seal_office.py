"""The office's seal use cases, each through the one door (Station): make, issue, delegate, destroy."""

from __future__ import annotations

import datetime as dt
import secrets

import pytest

from sealstation.errors import AuthError, PermissionDeniedError, PinIncorrectError, TokenKeyMissingError
from sealstation.model import SealKind
from sealstation.seals.lifecycle import Delegation, SealAction, SealStatus
from sealstation.seals.making import SealSpec
from support.station_fixtures import ORG, office_authority, password

ADMIN = {"by": "admin", "password": password("admin")}


def _labels_on_token(station, pin) -> set[str]:
    labels = {k.label for k in station.token().list_keys(pin=pin)}
    station.token().logout()
    return labels


@pytest.fixture
def new_seal(station, pin):
    """A department seal made for this test (a fresh key on the shared token), destroyed afterwards."""
    seal_id = f"dept-{secrets.token_hex(3)}"
    spec = SealSpec(seal_id=seal_id, kind=SealKind.DEPARTMENT, organisation=ORG, name=f"{ORG}人事部",
                    key_type="ec-p256")
    record = station.seal_office().make_seal(spec, **ADMIN, authority=office_authority(), pin=pin)
    yield record
    if station.seals.get(seal_id).status != SealStatus.DESTROYED.value:
        station.token().run(lambda s: [o.destroy() for o in s.get_objects({__import__("pkcs11").Attribute.LABEL: seal_id})],
                            pin=pin)
        station.token().logout()


def test_making_a_seal_puts_its_key_on_the_token_and_a_signed_record_in_the_register(station, new_seal, pin):
    assert new_seal.status == SealStatus.MADE.value and new_seal.version == 1
    assert new_seal.stations == ("test-station",) and new_seal.name == f"{ORG}人事部"
    assert new_seal.seal_id in _labels_on_token(station, pin)
    issued = station.seal_office().change_seal(new_seal.seal_id, SealAction.ISSUE, **ADMIN, authority=office_authority(),
                                 custodian="custodian")
    assert issued.status == SealStatus.ISSUED.value and issued.custodian == "custodian"


def test_a_seals_certificate_starts_at_the_stations_clock(station, pin):
    """The certificate is issued at the station's time, like every record of it, not the computer's."""
    from cryptography import x509

    at = (station.clock() + dt.timedelta(days=3)).replace(microsecond=0)
    station.clock = lambda: at
    spec = SealSpec(seal_id=f"dept-{secrets.token_hex(3)}", kind=SealKind.DEPARTMENT, organisation=ORG,
                    name=f"{ORG}财务部", key_type="ec-p256")
    station.seal_office().make_seal(spec, **ADMIN, authority=office_authority(), pin=pin)
    try:
        cert = x509.load_der_x509_certificate(station.token().certificate_der(spec.seal_id))
        assert cert.not_valid_before_utc == at - dt.timedelta(minutes=5)
    finally:
        station.token().run(lambda s: [o.destroy() for o in s.get_objects({__import__("pkcs11").Attribute.LABEL:
                                                                           spec.seal_id})], pin=pin)
        station.token().logout()


def test_only_the_office_makes_a_seal(station, pin):
    spec = SealSpec(seal_id="never", kind=SealKind.DEPARTMENT, organisation=ORG)
    with pytest.raises(AuthError):
        station.seal_office().make_seal(spec, by="admin", password="wrong", authority=office_authority(), pin=pin)
    with pytest.raises(PermissionDeniedError):
        station.seal_office().make_seal(spec, by="custodian", password=password("custodian"), authority=office_authority(), pin=pin)
    assert "never" not in _labels_on_token(station, pin)


def test_registering_a_key_that_is_not_on_the_token_is_refused(station):
    spec = SealSpec(seal_id="absent", kind=SealKind.DEPARTMENT, organisation=ORG, existing_key=True)
    with pytest.raises(TokenKeyMissingError):
        station.seal_office().make_seal(spec, **ADMIN, authority=office_authority(), pin=None)


def test_a_wrong_pin_at_destroy_leaves_the_seal_and_its_key_as_they_were(station, new_seal, pin):
    station.seal_office().change_seal(new_seal.seal_id, SealAction.ISSUE, **ADMIN, authority=office_authority(), custodian="custodian")
    station.seal_office().change_seal(new_seal.seal_id, SealAction.REVOKE, **ADMIN, authority=office_authority(), note="印章更换")
    with pytest.raises(PinIncorrectError):
        station.seal_office().destroy_seal(new_seal.seal_id, **ADMIN, authority=office_authority(), pin="000000" if pin != "000000"
                             else "111111")
    assert station.seals.get(new_seal.seal_id).status == SealStatus.REVOKED.value
    assert new_seal.seal_id in _labels_on_token(station, pin)
    removed = station.seal_office().destroy_seal(new_seal.seal_id, **ADMIN, authority=office_authority(), pin=pin, note="印章更换")
    assert removed >= 2  # the key pair and its certificate
    assert station.seals.get(new_seal.seal_id).status == SealStatus.DESTROYED.value
    assert new_seal.seal_id not in _labels_on_token(station, pin)


def test_a_live_seal_is_not_destroyed_and_its_key_is_not_touched(station, new_seal, pin):
    from sealstation.errors import SealLifecycleError

    station.seal_office().change_seal(new_seal.seal_id, SealAction.ISSUE, **ADMIN, authority=office_authority(), custodian="custodian")
    with pytest.raises(SealLifecycleError):
        station.seal_office().destroy_seal(new_seal.seal_id, **ADMIN, authority=office_authority(), pin=pin)
    assert new_seal.seal_id in _labels_on_token(station, pin)


def test_a_delegation_needs_an_approver_with_the_seals_authority(station):
    now = station.clock()
    d = Delegation("official", "dept", now, now + dt.timedelta(days=3), "年假", "dept")
    with pytest.raises(PermissionDeniedError, match="lacks the authority for seal 'official'"):
        station.seal_office().delegate_seal(d, **ADMIN, approver_password=password("dept"), authority=office_authority())
    assert station.seals.delegations("official", now) == ()
    granted = station.seal_office().delegate_seal(Delegation("official", "dept", now, now + dt.timedelta(days=3), "年假", "gm"),
                                    **ADMIN, approver_password=password("gm"), authority=office_authority())
    assert [x.delegate for x in station.seals.delegations("official", now)] == [granted.delegate]


def test_no_warning_before_the_pin_while_the_token_has_tries_to_spare(station):
    assert station.pin_warning() is None
