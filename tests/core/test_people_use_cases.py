"""People and requests through the one door (Station): who may do what is checked there, not in the CLI."""

from __future__ import annotations

import pytest

from sealstation.errors import AuthError, PermissionDeniedError
from support.pdfs import make_pdf
from support.station_fixtures import approve, office_authority, password


def test_only_the_first_user_is_added_without_an_office_login(station):
    with pytest.raises(PermissionDeniedError, match="first user"):
        station.people().add_user("eve", "eve", ["office"], "first-eve-pw", by="eve", password=None, authority=office_authority())
    with pytest.raises(PermissionDeniedError):
        station.people().add_user("eve", "eve", ["office"], "first-eve-pw", by="custodian", password=password("custodian"),
                         authority=office_authority())
    added = station.people().add_user("clerk", "文员", ["custodian"], "first-clerk-pw", by="admin", password=password("admin"),
                             authority=office_authority())
    assert added.must_change and station.users.get("eve") is None


def test_reset_and_lock_need_the_office_password(station):
    with pytest.raises(AuthError):
        station.people().set_locked("gm", True, by="admin", password="wrong", authority=office_authority())
    station.people().set_locked("gm", True, by="admin", password=password("admin"), authority=office_authority())
    assert station.users.get("gm").disabled
    station.people().reset_password("custodian", "new-first-pw-1", by="admin", password=password("admin"),
                           authority=office_authority())
    assert station.users.get("custodian").must_change


def test_only_the_custodian_returns_a_request(station, tmp_path):
    request = approve(station, make_pdf(tmp_path / "doc.pdf"), ["official"])
    with pytest.raises(PermissionDeniedError):
        station.stamping().return_request(request.id, by="gm", password=password("gm"), reason="金额不符")
    station.stamping().return_request(request.id, by="custodian", password=password("custodian"), reason="金额不符")
    assert station.requests.get(request.id).state.value == "returned"
