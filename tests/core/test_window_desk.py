"""The façade's answers for the window: login, the request covering a document, and the preflight that
shows every refusal a stamp would meet before any secret is asked."""

from __future__ import annotations

import pytest

from sealstation.desk import PasswordChange
from sealstation.errors import AccountLockedError, ApprovalError, AuthError, OutputError, SealStationError
from sealstation.model import Placement
from sealstation.policy import StationPolicy
from sealstation.station import StampRequestSpec
from support.folders import read_only_folder
from support.pdfs import make_pdf
from support.station_fixtures import approve, office_authority, password, stamp_approved


def spec(src, out, seal="official", page=1, at=(60.0, 50.0)):
    return StampRequestSpec(src, seal, Placement(page, at), out)


def failed(preflight):
    return {c.name: c for c in preflight.checks if not c.ok}


def test_login_tells_a_new_password_from_a_good_one(station):
    login = station.login("custodian", password("custodian"))
    assert login.user.username == "custodian" and login.password_change is None
    assert login.idle_lock_minutes == StationPolicy().idle_lock_minutes
    station.people().reset_password("custodian", "reset-pw-2026", by="admin", password=password("admin"),
                           authority=office_authority())
    assert station.login("custodian", "reset-pw-2026").password_change == PasswordChange.NEW
    with pytest.raises(AuthError):
        station.login("custodian", "nope")


def test_login_of_a_locked_account_says_until_when(station):
    for _ in range(station.password_policy.max_failures):
        with pytest.raises(AuthError):
            station.login("custodian", "wrong")
    with pytest.raises(AccountLockedError, match="locked until"):
        station.login("custodian", password("custodian"))


def test_request_for_a_document_by_its_hash(station, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf")
    assert station.stamping().request_for(src) is None
    request = approve(station, src, ["official", "contract"])
    found = station.stamping().request_for(src)
    assert found.request.id == request.id and found.approval.approver == "gm"
    assert found.seals_left == ("official", "contract")


def test_request_for_the_request_chosen_in_the_queue(station, tmp_path):
    """Two requests for one document (one approved, a later one waiting for its approval): the approved one covers it
    when the file is opened from disk (it is the one a custodian can act on), the one chosen in the queue when it is
    named."""
    src = make_pdf(tmp_path / "doc.pdf")
    approved = approve(station, src, ["official"])
    waiting = station.approving().receive_request(src, seals=["contract"], copies=1, purpose="later", requester="dept")
    assert station.stamping().request_for(src).request.id == approved.id
    assert station.stamping().request_for(src, request_id=waiting.id).request.id == waiting.id
    found = station.stamping().request_for(src, request_id=approved.id)
    assert found.request.id == approved.id and found.seals_left == ("official",)
    other = make_pdf(tmp_path / "other.pdf", text="another document")
    assert station.stamping().request_for(other, request_id=approved.id) is None  # the request does not cover that file


def test_preflight_passes_for_an_approved_document(station, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf")
    approve(station, src, ["official"])
    result = station.stamping().preflight(spec(src, tmp_path / "out.pdf"), user="custodian")
    assert result.ok, result.problems


def test_preflight_names_each_refusal_without_a_secret(station, tmp_path, pin):
    src = make_pdf(tmp_path / "doc.pdf")
    result = station.stamping().preflight(spec(src, tmp_path / "out.pdf"), user="custodian")
    assert set(failed(result)) == {"approval"}
    assert isinstance(failed(result)["approval"].problem, ApprovalError)

    stamp_approved(station, pin, src, tmp_path / "first.pdf")
    used = failed(station.stamping().preflight(spec(src, tmp_path / "out.pdf"), user="custodian"))
    assert "used up" in str(used["approval"].problem)

    other = make_pdf(tmp_path / "other.pdf")
    approve(station, other, ["official"])
    off_page = failed(station.stamping().preflight(spec(other, tmp_path / "o.pdf", at=(500.0, 50.0)), user="custodian"))
    assert set(off_page) == {"placement"}

    with read_only_folder(tmp_path / "ro") as ro:
        refused = failed(station.stamping().preflight(spec(other, ro / "o.pdf"), user="custodian"))
    assert set(refused) == {"output", "placement"} and isinstance(refused["output"].problem, OutputError)
    assert refused["placement"].ok is None  # not checked: the output came first


def test_preflight_of_a_suspended_seal(station, tmp_path):
    from sealstation.seals.lifecycle import SealAction

    src = make_pdf(tmp_path / "doc.pdf")
    approve(station, src, ["official"])
    station.seal_office().change_seal("official", SealAction.SUSPEND, by="admin", password=password("admin"),
                        authority=office_authority(), note="测试")
    refused = failed(station.stamping().preflight(spec(src, tmp_path / "out.pdf"), user="custodian"))
    assert "seal" in refused and isinstance(refused["seal"].problem, SealStationError)


def test_token_info_names_the_key(station):
    info = station.token_info()
    assert info.label and info.serial and not info.locked


def test_the_idle_lock_is_a_signed_policy_rule_with_a_default():
    default = StationPolicy()
    assert default.idle_lock_minutes == 10 and b"idle_lock_minutes" not in default.to_bytes()  # earlier bytes kept
    five = StationPolicy(idle_lock_minutes=5)
    assert StationPolicy.from_bytes(five.to_bytes()).idle_lock_minutes == 5
    with pytest.raises(ValueError, match="idle_lock_minutes"):
        StationPolicy.from_bytes(five.to_bytes().replace(b'"idle_lock_minutes": 5', b'"idle_lock_minutes": -1'))


def test_check_password_counts_a_failure_without_logging_in(station):
    with pytest.raises(AuthError):
        station.check_password("custodian", "wrong")
    assert station.users.get("custodian").failed_logins == 1
    assert station.check_password("custodian", password("custodian")).username == "custodian"


def test_login_tells_an_expired_password_apart(station):
    import datetime as dt

    later = station.now() + dt.timedelta(days=station.password_policy.expiry_days + 1)
    station.clock = lambda: later
    assert station.login("custodian", password("custodian")).password_change == PasswordChange.EXPIRED
