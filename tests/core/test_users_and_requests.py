"""Users and passwords; the request state machine; signed OA approval files."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from sealstation.approval.oa_file import OaApproval, write_oa_approval
from sealstation.approval.requests import TRANSITIONS, RequestState, next_state, register_approver_key
from sealstation.errors import AccountLockedError, ApprovalError, AuthError, PasswordChangeRequiredError, RequestStateError
from sealstation.users import check_password, hash_password
from support.pdfs import make_pdf
from support.station_fixtures import office_authority, password


class Clock:
    def __init__(self):
        self.now = dt.datetime.now(dt.timezone.utc)

    def __call__(self):
        return self.now


@pytest.fixture
def clock(station):
    c = Clock()
    station.clock = c
    return c


def test_password_hash_is_scrypt_and_salted():
    a, b = hash_password("secret-pw", 1024), hash_password("secret-pw", 1024)
    assert a != b and a.startswith("scrypt$") and check_password("secret-pw", a) and not check_password("x", a)


def test_new_password_must_be_changed_at_first_login(station, clock):
    station.users.add("newbie", "新同事", ["custodian"], "initial-pw-1", by="admin", authority=office_authority())
    with pytest.raises(PasswordChangeRequiredError, match="new or was reset"):
        station.users.authenticate("newbie", "initial-pw-1")
    station.users.change_password("newbie", "initial-pw-1", "my-own-pw-2")
    assert station.users.authenticate("newbie", "my-own-pw-2").username == "newbie"
    station.users.reset_password("newbie", "reset-pw-3", by="admin", authority=office_authority())
    with pytest.raises(PasswordChangeRequiredError):
        station.users.authenticate("newbie", "reset-pw-3")


def test_password_expires_after_60_days(station, clock):
    station.users.authenticate("custodian", password("custodian"))
    clock.now += dt.timedelta(days=61)
    with pytest.raises(PasswordChangeRequiredError, match="expired"):
        station.users.authenticate("custodian", password("custodian"))


def test_five_failures_lock_for_15_minutes(station, clock):
    for _ in range(5):
        with pytest.raises(AuthError) as err:
            station.users.authenticate("gm", "wrong-guess")
        assert not isinstance(err.value, AccountLockedError)
    with pytest.raises(AccountLockedError, match="locked"):
        station.users.authenticate("gm", password("gm"))  # even the right password
    clock.now += dt.timedelta(minutes=16)
    assert station.users.authenticate("gm", password("gm")).username == "gm"
    kinds = [e.kind for e in station.journal.entries()]
    assert kinds.count("login_failed") == 6 and "account_locked" in kinds


def test_unknown_user_gets_the_same_answer(station):
    with pytest.raises(AuthError, match="^Wrong user name or password"):
        station.users.authenticate("nobody", "x")


def test_office_lock_and_unlock(station):
    station.users.set_locked("dept", True, by="admin", authority=office_authority())
    with pytest.raises(AccountLockedError):
        station.users.authenticate("dept", password("dept"))
    station.users.set_locked("dept", False, by="admin", authority=office_authority())
    station.users.authenticate("dept", password("dept"))


ACTIONS = ("approve", "refuse", "return", "stamp", "complete", "supersede")


@pytest.mark.parametrize("state,action", [p for p in itertools.product(RequestState, ACTIONS) if p not in TRANSITIONS])
def test_request_transitions_not_allowed(state, action):
    with pytest.raises(RequestStateError, match=f"is {state.value}"):
        next_state(state, action, "R1")


def test_requester_may_not_approve_own_request(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    from sealstation.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError, match="may not approve"):
        station.approving().approve(src, seals=["official"], copies=1, approver="gm", password=password("gm"), requester="gm")


def test_a_received_request_binds_the_documents_bytes_and_pages_and_waits(station, tmp_path):
    from support.pdfs import A4, PageCase

    src = make_pdf(tmp_path / "two-pages.pdf", [PageCase("p1", A4), PageCase("p2", A4)])
    r = station.approving().receive_request(src, seals=["official"], copies=3, purpose="会议通知", requester="dept")
    assert (r.state, r.document_name, r.page_count, r.copies) == (RequestState.RECEIVED, "two-pages.pdf", 2, 3)
    assert r.document_sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
    with pytest.raises(ApprovalError, match="has not been approved yet"):
        station.requests.check_stamp_allowed(document_sha256=r.document_sha256, seal_id="official",
                                             custodian="custodian")


def test_refused_request_cannot_be_stamped(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    r = station.requests.create(document_name="a.pdf", document_sha256=hashlib.sha256(src.read_bytes()).hexdigest(),
                                page_count=1, seals=["official"], purpose="p", copies=1, requester="dept")
    station.requests.decide(r.id, station.users.get("gm"), approve=False, seal_kinds={"official": "official"}, reason="不同意")
    with pytest.raises(ApprovalError, match="refused"):
        station.requests.check_stamp_allowed(document_sha256=r.document_sha256, seal_id="official", custodian="custodian")


def test_oa_approval_file(station, tmp_path):
    src = make_pdf(tmp_path / "contract.pdf")
    key = ed25519.Ed25519PrivateKey.generate()
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    expires = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(days=30)
    oa = OaApproval("contract.pdf", hashlib.sha256(src.read_bytes()).hexdigest(), 1, ("contract",), "合同用印", 3, "dept",
                    "gm", id="7f0c7c1e-2b0a-4c51-9d0e-2f7a4c0d1e01", expires_at=expires)
    path = tmp_path / "approval.json"
    login = {"user": "custodian", "password": password("custodian")}

    write_oa_approval(path, oa, key)
    with pytest.raises(ApprovalError, match="key is not registered"):
        station.approving().import_oa_approval(path, **login)
    register_approver_key(station.db, station.journal, "gm", pem.decode(), by="admin", authority=office_authority())
    request = station.approving().import_oa_approval(path, **login)
    approval = station.requests.approval_of(request.id)
    assert request.state == RequestState.APPROVED and approval.source == "oa-file"
    # The file allows 30 days, the station 7: the shorter wins.
    assert dt.datetime.fromisoformat(approval.expires_at) < expires - dt.timedelta(days=20)
    assert station.requests.oa_import(oa.id).request_id == request.id

    path.write_bytes(path.read_bytes().replace(b'"copies": 3', b'"copies": 30'))
    with pytest.raises(ApprovalError, match="altered or signed by someone else"):
        station.approving().import_oa_approval(path, **login)
    (tmp_path / "approval.json.sig").unlink()
    with pytest.raises(ApprovalError, match="not signed"):
        station.approving().import_oa_approval(path, **login)
    (tmp_path / "junk.json").write_text("{}")
    (tmp_path / "junk.json.sig").write_text("AAAA")
    with pytest.raises(ApprovalError, match="not a valid approval file"):
        station.approving().import_oa_approval(tmp_path / "junk.json", **login)

    weak = OaApproval("contract.pdf", oa.document_sha256, 1, ("contract",), "x", 1, "custodian", "dept",
                      id="7f0c7c1e-2b0a-4c51-9d0e-2f7a4c0d1e02", expires_at=expires)
    register_approver_key(station.db, station.journal, "dept", pem.decode(), by="admin", authority=office_authority())
    write_oa_approval(tmp_path / "weak.json", weak, key)
    before = len(station.requests.list())
    with pytest.raises(ApprovalError, match="lacks the authority"):
        station.approving().import_oa_approval(tmp_path / "weak.json", **login)
    assert len(station.requests.list()) == before  # a refused import leaves nothing behind
    assert station.requests.oa_import(weak.id) is None  # … not even its id: a genuine import may follow


def test_the_policy_version_is_signed_and_raised_by_every_signing(station):
    from sealstation.policy import StationPolicy

    assert station.policy.version == 0, "the template's policy was signed before versions"
    assert b'"version": 0' in station.policy_files.path.read_bytes()
    station.setup().sign_policy(StationPolicy(password_policy={"scrypt_n": 1024}, version=7), by="admin",
                        password=password("admin"), authority=office_authority())
    assert station.policy.version == 8, "above what was asked and what was signed before"
    station.setup().sign_policy(StationPolicy(password_policy={"scrypt_n": 1024}), by="admin", password=password("admin"),
                        authority=office_authority())
    assert station.policy.version == 9
    assert StationPolicy.from_bytes(station.policy_files.path.read_bytes()).version == 9
    for bad in ('"x"', "-1", "true"):
        with pytest.raises(ValueError, match="version"):
            StationPolicy.from_bytes(('{"format": "sealstation-policy/1", "version": %s}' % bad).encode())


def test_signed_user_changes_journal_their_version(station):
    station.users.set_locked("gm", True, by="admin", authority=office_authority())
    station.users.reset_password("cfo", "a-new-password", by="admin", authority=office_authority())
    changes = {e.data["user"]: e.data.get("version") for e in station.journal.entries(kinds=("user_changed",
                                                                                              "password_changed"))
               if e.data.get("user") in ("gm", "cfo") and (e.data.get("change") == "locked" or e.data.get("reset"))}
    assert changes == {"gm": station.users.get("gm").record_version, "cfo": station.users.get("cfo").record_version}


def test_user_changes_refused_with_their_own_error_types(station):
    from sealstation.errors import (ApproverKeyError, ApproverLevelError, PasswordPolicyError, UnknownUserError,
                                    UserExistsError)

    with pytest.raises(UserExistsError, match="User gm already exists"):
        station.users.add("gm", "gm", ["custodian"], "long-enough-pw", by="admin", authority=office_authority())
    with pytest.raises(ApproverLevelError, match="needs an authority level"):
        station.users.add("lvl", "lvl", ["approver"], "long-enough-pw", by="admin", authority=office_authority())
    with pytest.raises(PasswordPolicyError, match="at least 8 characters"):
        station.users.add("shorty", "shorty", ["custodian"], "short", by="admin", authority=office_authority())
    with pytest.raises(PasswordPolicyError, match="must differ"):
        station.users.change_password("custodian", password("custodian"), password("custodian"))
    with pytest.raises(UnknownUserError, match="No user ghost"):
        station.users.reset_password("ghost", "long-enough-pw", by="admin", authority=office_authority())
    with pytest.raises(UnknownUserError, match="No user ghost"):
        station.users.set_locked("ghost", True, by="admin", authority=office_authority())
    with pytest.raises(ApproverKeyError, match="not a PEM public key"):
        register_approver_key(station.db, station.journal, "gm", "not a key", by="admin", authority=office_authority())


def test_request_input_refused_with_request_error(station, tmp_path):
    from sealstation.errors import RequestError

    with pytest.raises(RequestError, match="at least one copy"):
        station.requests.create(document_name="a.pdf", document_sha256="0" * 64, page_count=1, seals=["official"],
                                purpose="x", copies=0, requester="walk-in")
    request = station.requests.create(document_name="a.pdf", document_sha256="0" * 64, page_count=1,
                                      seals=["official"], purpose="x", copies=1, requester="walk-in")
    with pytest.raises(RequestError, match="needs a reason"):
        station.requests.return_request(request.id, by="custodian", reason="  ")
