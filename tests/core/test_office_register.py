"""The office's desk reads the seal register for the window: its rows, a seal's history, a new seal's preview, the
office's key opened by its passphrase; the custodian is refused all of it, and refused making a seal."""

from __future__ import annotations

import shutil

import pytest

from sealstation.errors import PermissionDeniedError, SealAuthorityError, SealLifecycleError, SealNotFoundError
from sealstation.journal.journal import JournalKind
from sealstation.model import SealKind
from sealstation.seals.lifecycle import SealAction, SealStatus
from sealstation.seals.making import SealSpec
from support.station_fixtures import ORG, office_authority, password

ADMIN = {"by": "admin", "password": password("admin")}


def test_the_register_lists_every_seal_with_image_certificate_and_next_actions(station):
    rows = station.seal_office().seal_register("admin")
    assert [r.record.seal_id for r in rows] == sorted(["official", "contract", "finance", "legal-rep"])
    for row in rows:
        assert row.signed and row.record.status == SealStatus.ISSUED
        assert row.custodian_name == "custodian" and row.image_png.startswith(b"\x89PNG")
        cert = row.certificate
        assert cert is not None and cert.matches and cert.sha256 == row.record.cert_sha256
        assert f"serialNumber={row.record.seal_id}" in cert.subject and cert.seal_name == row.record.name
        assert cert.organisation == ORG and cert.issuer == "测试印章管理机构"
        assert cert.not_before < cert.not_after and int(cert.serial, 16) > 0
        assert set(row.actions) == {SealAction.CHANGE, SealAction.SUSPEND, SealAction.WITHDRAW,
                                    SealAction.HANDOVER, SealAction.REVOKE}


def test_an_altered_row_is_shown_unsigned(station):
    with station.db.transaction() as conn:
        conn.execute("UPDATE seals SET record = replace(record, '\"custodian\":\"custodian\"', "
                     "'\"custodian\":\"gm\"') WHERE seal_id = 'finance'")
    finance = next(r for r in station.seal_office().seal_register("admin") if r.record.seal_id == "finance")
    assert not finance.signed and finance.record.custodian == "gm"


def test_a_seals_history_is_every_lifecycle_entry_with_the_version_it_signed(station):
    station.seal_office().change_seal("contract", SealAction.SUSPEND, **ADMIN, authority=office_authority(), note="盘点")
    history = station.seal_office().seal_history("admin", "contract")
    assert [(h.action, h.record.version, h.record.status) for h in history] == [
        ("make", 1, SealStatus.MADE), ("issue", 2, SealStatus.ISSUED), ("suspend", 3, SealStatus.SUSPENDED)]
    assert all(h.kind == JournalKind.SEAL_LIFECYCLE and h.actor == "admin" for h in history)
    assert history[-1].facts["note"] == "盘点" and history[0].seq < history[1].seq < history[2].seq
    assert history[0].custodian_name == "" and history[1].custodian_name == "custodian"  # display names (here: same)
    assert all(h.actor_name == "admin" for h in history)
    with pytest.raises(SealNotFoundError):
        station.seal_office().seal_history("admin", "nope")


def test_the_preview_draws_the_image_and_writes_nothing(station):
    entries = station.db.query("SELECT COUNT(*) FROM journal")[0][0]
    spec = SealSpec(seal_id="hr", kind=SealKind.DEPARTMENT, organisation=ORG, name=f"{ORG}人事部")
    image = station.seal_office().preview_seal("admin", spec)
    assert image.png.startswith(b"\x89PNG") and image.width_mm == 40
    assert station.db.query("SELECT COUNT(*) FROM journal")[0][0] == entries
    assert not station.seals.history("hr")


@pytest.mark.parametrize("seal_id, code", [("contract", "seal_id_taken"), ("合同", "seal_id_invalid"),
                                           ("a/b", "seal_id_invalid"), ("", "seal_id_invalid")])
def test_the_preview_refuses_an_id_that_is_taken_or_not_plain(station, seal_id, code):
    with pytest.raises(SealLifecycleError) as caught:
        station.seal_office().preview_seal("admin", SealSpec(seal_id=seal_id, kind=SealKind.CONTRACT, organisation=ORG))
    assert caught.value.code == code


def test_the_authority_opens_with_its_passphrase_only(station, seal_token):
    with pytest.raises(SealAuthorityError) as caught:
        station.open_authority("anything")
    assert caught.value.code == "authority_key_unreadable"  # this station keeps only the certificate
    shutil.copy(seal_token.authority_cert_path.parent / "ca-key.pem", station.home.ca_key_path)
    with pytest.raises(SealAuthorityError) as caught:
        station.open_authority("wrong")
    assert caught.value.code == "authority_passphrase"
    opened = station.open_authority(seal_token.authority_passphrase)
    assert opened.private_key is not None and opened.certificate == seal_token.authority.certificate


def test_custodians_are_the_users_who_may_hold_a_seal(station):
    assert [p.username for p in station.seal_office().custodians("admin")] == ["custodian"]


@pytest.mark.parametrize("ask", ["seal_register", "seal_history", "preview_seal"])
def test_the_custodian_is_refused_the_register(station, ask):
    args = {"seal_register": (), "seal_history": ("official",),
            "preview_seal": (SealSpec(seal_id="x", kind=SealKind.CONTRACT, organisation=ORG),)}[ask]
    with pytest.raises(PermissionDeniedError) as caught:
        getattr(station.seal_office(), ask)("custodian", *args)
    assert caught.value.code == "role_missing"


def test_the_core_refuses_making_a_seal_for_a_custodian(station, pin):
    spec = SealSpec(seal_id="rogue", kind=SealKind.CONTRACT, organisation=ORG, key_type="ec-p256")
    with pytest.raises(PermissionDeniedError):
        station.seal_office().make_seal(spec, by="custodian", password=password("custodian"), authority=office_authority(), pin=pin)
    assert not station.seals.history("rogue")


def test_a_suspended_seal_is_shown_stopped_in_the_custodians_queue(station, tmp_path):
    from support.pdfs import make_text_pdf
    from support.station_fixtures import approve

    request = approve(station, make_text_pdf(tmp_path / "contract.pdf", 1), ["contract", "legal-rep"])
    assert station.stamping().work_queue("custodian")[0].seals_stopped == ()
    station.seal_office().change_seal("contract", SealAction.SUSPEND, **ADMIN, authority=office_authority())
    item, = station.stamping().work_queue("custodian")
    assert item.request_id == request.id and item.seals_stopped == ("contract",)
