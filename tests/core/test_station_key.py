"""The station's own key: issued by the office, kept in the encrypted store, checked against the authority."""

from __future__ import annotations

import pytest

from sealstation.errors import AuthError, StationKeyError
from sealstation.journal.journal import JournalKind
from sealstation.station_key import check_station_certificate, station_signature_ok
from support.station_fixtures import office_authority, password


def test_the_station_signs_in_its_own_name_and_a_checker_with_only_the_authority_certificate_believes_it(station):
    identity = station.station_identity()
    assert check_station_certificate(identity.certificate, station.ca_cert, at=station.now()) == "test-station"
    signature = identity.sign(b"copy 1 of 2")
    assert station_signature_ok(identity.certificate, b"copy 1 of 2", signature)
    assert not station_signature_ok(identity.certificate, b"copy 2 of 2", signature)
    assert not station_signature_ok(identity.certificate, b"copy 1 of 2", signature[:-4] + "AAAA")


def test_a_new_key_replaces_the_old_is_journalled_and_written_for_the_office(station):
    old = station.station_identity()
    new = station.setup().issue_station_key(by="admin", password=password("admin"), authority=office_authority())
    assert station.station_identity().certificate == new.certificate != old.certificate
    assert station.home.station_cert_path.read_bytes() == new.certificate_pem()
    assert [e.kind for e in station.journal.entries(kinds=(JournalKind.STATION_KEY_ISSUED,))][-1] == \
        JournalKind.STATION_KEY_ISSUED


def test_only_the_office_issues_a_station_key(station):
    with pytest.raises(AuthError):
        station.setup().issue_station_key(by="admin", password="wrong", authority=office_authority())


def test_a_certificate_from_another_authority_is_refused(station, tmp_path):
    from sealstation.seals.authority import SealAuthority
    from sealstation.station_key import make_station_identity

    other = SealAuthority.create(common_name="Other CA", organisation="Other", key_path=tmp_path / "k.pem",
                                 cert_path=tmp_path / "c.pem", passphrase="x" * 12)
    forged = make_station_identity("test-station", other, now=station.now())
    with pytest.raises(StationKeyError, match="not issued by this office"):
        check_station_certificate(forged.certificate, station.ca_cert, at=station.now())


def test_a_station_without_a_key_says_how_to_get_one(station):
    station.db.conn.execute("DROP TRIGGER station_key_no_update")
    with station.db.transaction() as conn:
        conn.execute("DELETE FROM station_key")
    with pytest.raises(StationKeyError, match="sealstation station key"):
        station.station_identity()
