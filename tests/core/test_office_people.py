"""The office's desk for people: users and roles, delegations (代管) and handovers (交接), the signed policy.

Each use case takes the office user's password and the seal authority's passphrase as the CLI asks them; each is
refused to someone whose role does not allow it, whatever a window shows.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from sealstation.errors import AccountLockedError, PermissionDeniedError, PolicyError, SealUnusableError, UserError
from sealstation.journal.journal import JournalKind
from sealstation.desk import PasswordChange
from sealstation.model import Placement
from sealstation.station import StampRequestSpec
from support.pdfs import make_text_pdf
from support.station_fixtures import approve, password


@pytest.fixture
def office(station, seal_token):
    """The station, its home holding the seal authority's key, as an office station does."""
    shutil.copy(seal_token.authority_cert_path.parent / "ca-key.pem", station.home.ca_key_path)
    return station


@pytest.fixture
def secrets(seal_token) -> dict:
    return {"by": "admin", "password": password("admin"), "passphrase": seal_token.authority_passphrase}


def _day(station, days: int = 0) -> dt.date:
    return (station.now() + dt.timedelta(days=days)).astimezone().date()


def test_an_added_user_changes_the_password_at_first_login(station, office, secrets):
    user = office.people().add_user("clerk", "文员 吴十", ["custodian"], "first-clerk-pw", **secrets)
    assert user.must_change and user.record_version == 1
    row = next(r for r in office.people().users_overview("admin") if r.user.username == "clerk")
    assert row.must_change and row.record_signed and row.password_age_days == 0 \
        and row.password_days_left == station.password_policy.expiry_days
    assert station.login("clerk", "first-clerk-pw").password_change == PasswordChange.NEW
    station.change_password("clerk", "first-clerk-pw", "clerk-own-pw-1")
    assert station.login("clerk", "clerk-own-pw-1").password_change is None
    office.people().reset_user_password("clerk", "reset-clerk-pw", **secrets)
    assert station.login("clerk", "reset-clerk-pw").password_change == PasswordChange.NEW


def test_roles_and_levels_change_as_new_signed_versions(station, office, secrets):
    before = station.users.get("dept").record_version
    office.people().change_roles("dept", ["approver"], "finance_director", **secrets)
    dept = station.users.check_record(station.users.get("dept"))
    assert dept.approver_level.value == "finance_director" and dept.record_version == before + 1
    with pytest.raises(UserError) as raised:  # an approval key is made under a new password
        office.people().change_roles("custodian", ["custodian", "approver"], "department_manager", **secrets)
    assert raised.value.code == "approver_needs_password"
    office.people().change_roles("custodian", ["custodian", "approver"], "department_manager", initial_password="new-key-pw-1",
                        **secrets)
    custodian = station.users.check_record(station.users.get("custodian"))
    assert custodian.public_key_pem and custodian.must_change
    office.people().change_roles("cfo", ["auditor"], **secrets)  # no longer an approver: no level, no key
    cfo = station.users.check_record(station.users.get("cfo"))
    assert cfo.roles == (cfo.roles[0],) and cfo.approver_level is None and cfo.public_key_pem is None
    with pytest.raises(UserError) as raised:
        office.people().change_roles("admin", ["auditor"], **secrets)
    assert raised.value.code == "own_office_role"


def test_lock_and_unlock(station, office, secrets):
    office.people().lock_user("custodian", True, **secrets)
    assert next(r for r in office.people().users_overview("admin") if r.user.username == "custodian").user.disabled
    with pytest.raises(AccountLockedError):
        station.login("custodian", password("custodian"))
    office.people().lock_user("custodian", False, **secrets)
    assert station.login("custodian", password("custodian")).user.username == "custodian"
    with pytest.raises(UserError) as raised:
        office.people().lock_user("admin", True, **secrets)
    assert raised.value.code == "own_account_lock"


def _deputy(station, office, secrets) -> None:
    office.people().add_user("deputy", "代管 周九", ["custodian"], "first-deputy-pw", **secrets)
    station.change_password("deputy", "first-deputy-pw", password("deputy"))


def _usable(station, user: str, seal: str = "official") -> bool:
    return next(s for s in station.stamping().seals_usable_today(user) if s.seal_id == seal).usable \
        if any(s.seal_id == seal for s in station.stamping().seals_usable_today(user)) else False


def test_a_delegation_lets_another_custodian_stamp_for_its_dates_only(station, office, secrets, pin, tmp_path):
    _deputy(station, office, secrets)
    now = station.now()
    d = office.seal_office().delegate("official", "deputy", _day(station, 2), _day(station, 4), "年假", "gm",
                        approver_password=password("gm"), **secrets)
    assert d.version >= 1 and d.approved_by == "gm"
    (line,) = [c for c in office.seal_office().seal_calendar("admin") if c.seal.seal_id == "official"]
    assert line.delegations == (d,) and line.custody[-1].custodian == "custodian"
    assert not _usable(station, "deputy")  # before its first day
    station.clock = lambda: now + dt.timedelta(days=3)
    assert _usable(station, "deputy") and _usable(station, "custodian")
    src = make_text_pdf(tmp_path / "leave.pdf", 1)
    approve(station, src, ["official"])
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), tmp_path / "out.pdf", "测试"))
    auth = station.stamping().authorise_stamp(plan, user="deputy", password=password("deputy"))
    assert station.stamping().stamp(auth, tmp_path / "out.pdf", pin=pin).output.exists()
    station.clock = lambda: now + dt.timedelta(days=6)  # after its last day
    assert not _usable(station, "deputy")


def test_a_delegation_needs_an_approver_with_the_seals_authority(station, office, secrets):
    _deputy(station, office, secrets)
    assert {u.username for u in office.seal_office().approvers_for("official", "admin")} == {"gm"}
    assert "deputy" in {u.username for u in office.seal_office().custodians("admin")}
    with pytest.raises(PermissionDeniedError):
        office.seal_office().delegate("official", "deputy", _day(station), _day(station, 1), "出差", "dept",
                        approver_password=password("dept"), **secrets)


def test_a_delegation_ended_early_gives_nothing_more_and_stamps_go_on(station, office, secrets, pin, tmp_path):
    _deputy(station, office, secrets)
    d = office.seal_office().delegate("official", "deputy", _day(station), _day(station, 9), "出差", "gm",
                        approver_password=password("gm"), **secrets)
    later = office.seal_office().delegate("contract", "deputy", _day(station, 20), _day(station, 25), "年假", "gm",
                            approver_password=password("gm"), **secrets)
    assert _usable(station, "deputy")
    ended = office.seal_office().end_delegation("official", "deputy", why="提前返岗", **secrets)
    assert ended.version > d.version and ended.ends <= station.now() and ended.starts == d.starts
    assert not _usable(station, "deputy")
    (line,) = [c for c in office.seal_office().seal_calendar("admin") if c.seal.seal_id == "official"]
    assert line.delegations == (ended,)
    cancelled = office.seal_office().end_delegation("contract", "deputy", why="取消", **secrets)  # not begun: cancelled
    assert cancelled.ends == cancelled.starts == later.starts
    with pytest.raises(SealUnusableError) as raised:
        office.seal_office().end_delegation("official", "deputy", why="again", **secrets)
    assert raised.value.code == "delegation_not_found"
    ends = [e for e in station.journal.entries() if e.kind == JournalKind.DELEGATION_ENDED]
    assert [e.data["early"] for e in ends] == [True, True]
    # The early end is a signed version the token's checkpoint counts: the custodian's stamps go on.
    src = make_text_pdf(tmp_path / "after.pdf", 1)
    approve(station, src, ["official"])
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), tmp_path / "o.pdf", "测试"))
    auth = station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
    assert station.stamping().stamp(auth, tmp_path / "o.pdf", pin=pin).output.exists()


def test_a_handover_changes_the_custodian(station, office, secrets):
    _deputy(station, office, secrets)
    record = office.seal_office().hand_over("official", "deputy", note="岗位调整", **secrets)
    assert record.custodian == "deputy"
    (line,) = [c for c in office.seal_office().seal_calendar("admin") if c.seal.seal_id == "official"]
    assert [s.custodian for s in line.custody][-2:] == ["custodian", "deputy"]
    assert _usable(station, "deputy") and not _usable(station, "custodian")
    with pytest.raises(UserError):
        office.seal_office().hand_over("contract", "gm", note="", **secrets)


def test_the_policy_is_read_and_a_change_signed(station, office, secrets):
    view = office.setup().policy_view("admin")
    assert view.signed and view.passwords.expiry_days == 60
    assert dict(view.authority)["official"] == "general_manager"
    version = view.policy.version
    policy = office.setup().sign_policy_change({"approval_days": 3, "password_policy": {"expiry_days": 30}}, **secrets)
    assert policy.approval_days == 3 and policy.version > version and station.password_policy.expiry_days == 30
    assert policy.password_policy["scrypt_n"] == 1024  # the settings not changed stay as signed
    assert station.setup().policy_view("admin").policy == policy
    for bad in ({"approval_days": 0}, {"password_policy": {"min_length": 0}}, {"authority_rules": {}}):
        with pytest.raises(PolicyError):
            office.setup().sign_policy_change(bad, **secrets)
    with pytest.raises(Exception):
        office.setup().sign_policy_change({"approval_days": 5}, **{**secrets, "passphrase": "wrong"})
    assert station.policy.approval_days == 3


def test_who_may_approve_a_kind_of_seal_is_changed_and_signed(station, office, secrets, tmp_path):
    """The office lowers the official seal's approval to a department manager: the policy signed says so, every
    kind is written out, and the gate follows it; an unknown kind or level is refused before anything is signed."""
    doc = make_text_pdf(tmp_path / "notice.pdf", 1)
    with pytest.raises(Exception, match="authority"):
        approve(station, doc, ["official"], approver="dept")
    policy = office.setup().sign_policy_change({"approval_levels": {"official": "department_manager"}}, **secrets)
    rules = policy.authority_rules["rules"]
    assert rules["official"] == "department_manager" and rules["finance"] == "finance_director"
    assert set(rules) == {"official", "contract", "finance", "legal-rep", "department", "personal"}
    assert dict(station.setup().policy_view("admin").authority)["official"] == "department_manager"
    approve(station, doc, ["official"], approver="dept")
    version = policy.version
    for bad in ({"official": "janitor"}, {"stamp-of-approval": "general_manager"}):
        with pytest.raises(PolicyError) as raised:
            office.setup().sign_policy_change({"approval_levels": bad}, **secrets)
        assert raised.value.code == "policy_value"
    assert station.policy.version == version


def test_a_custodian_is_refused_every_one_of_these(station, office, secrets):
    as_custodian = {**secrets, "by": "custodian", "password": password("custodian")}
    refused = [
        lambda: office.people().users_overview("custodian"),
        lambda: office.people().add_user("x", "x", ["custodian"], "first-x-pw-1", **as_custodian),
        lambda: office.people().change_roles("custodian", ["office"], **as_custodian),
        lambda: office.people().lock_user("gm", True, **as_custodian),
        lambda: office.people().reset_user_password("gm", "reset-gm-pw-1", **as_custodian),
        lambda: office.seal_office().seal_calendar("custodian"),
        lambda: office.seal_office().custodians("custodian"),
        lambda: office.seal_office().approvers_for("official", "custodian"),
        lambda: office.seal_office().delegate("official", "custodian", _day(station), _day(station, 1), "x", "gm",
                                approver_password=password("gm"), **as_custodian),
        lambda: office.seal_office().end_delegation("official", "custodian", why="x", **as_custodian),
        lambda: office.seal_office().hand_over("official", "custodian", note="", **as_custodian),
        lambda: office.setup().policy_view("custodian"),
        lambda: office.setup().sign_policy_change({"approval_days": 2}, **as_custodian),
    ]
    for attempt in refused:
        with pytest.raises(PermissionDeniedError) as raised:
            attempt()
        assert raised.value.code == "role_missing"
    assert station.users.get("x") is None and station.policy.approval_days != 2
