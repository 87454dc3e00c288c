"""Nothing is stamped without a logged-in custodian, a usable seal and an approval for this exact file."""

from __future__ import annotations

import datetime as dt

import pytest

from sealstation.approval.signed import sign_payload
from sealstation.errors import (
    ApprovalError,
    AuthError,
    JournalTamperedError,
    PermissionDeniedError,
    RequestError,
    SealUnusableError,
)
from sealstation.journal.journal import verify_journal
from sealstation.model import Placement
from sealstation.seals.lifecycle import SealAction
from sealstation.station import StampRequestSpec
from support.pdfs import make_pdf
from support.station_fixtures import approve, office_authority, password, sign_plan, stamp_approved


def plan_for(station, src, seal="official", out=None):
    return station.stamping().plan_stamp(StampRequestSpec(src, seal, Placement(1, (60.0, 50.0)), out or src.with_name("out.pdf")))


def authorise(station, plan, user="custodian", pw=None, request_id=None):
    return station.stamping().authorise_stamp(plan, user=user, password=pw or password(user), request_id=request_id)


def kinds(station):
    return [e.kind for e in station.journal.entries()]


def test_no_approval(station, tmp_path):
    with pytest.raises(ApprovalError, match="no approved request"):
        authorise(station, plan_for(station, make_pdf(tmp_path / "a.pdf")))
    assert kinds(station)[-1] == "stamp_refused"


def test_document_changed_after_approval_needs_reapproval(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    make_pdf(src, text="An edited contract")  # the file changes after approval
    with pytest.raises(ApprovalError, match="re-approval required"):
        authorise(station, plan_for(station, src))


def test_approval_for_another_seal(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    request = approve(station, src, ["contract"])
    with pytest.raises(ApprovalError, match="not 'official'"):
        authorise(station, plan_for(station, src), request_id=request.id)


def test_approver_without_the_authority(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    with pytest.raises(ApprovalError, match="lacks the authority .* needs general_manager"):
        approve(station, src, ["official"], approver="dept")
    with pytest.raises(ApprovalError, match="needs finance_director"):
        approve(station, src, ["finance"], approver="dept")
    approve(station, src, ["finance"], approver="gm")  # a higher level may approve it


def test_expired_approval(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    station.clock = lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=8)
    with pytest.raises(ApprovalError, match="expired"):
        authorise(station, plan_for(station, src))


def test_approval_used_up(station, pin, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    stamp_approved(station, pin, src, tmp_path / "one.pdf")
    with pytest.raises(ApprovalError, match="already used up"):
        authorise(station, plan_for(station, src))


def test_returned_request(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    request = approve(station, src, ["official"])
    with pytest.raises(RequestError, match="A returned request needs a reason"):
        station.requests.return_request(request.id, by="custodian", reason=" ")
    station.requests.return_request(request.id, by="custodian", reason="第三页金额与审批单不符")
    with pytest.raises(ApprovalError, match="returned .*金额"):
        authorise(station, plan_for(station, src))
    assert "request_returned" in kinds(station)


def test_custodian_must_log_in_and_hold_the_seal(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    plan = plan_for(station, src)
    with pytest.raises(AuthError, match="Wrong user name or password"):
        authorise(station, plan, pw="guess")
    with pytest.raises(PermissionDeniedError, match="custodian role"):
        authorise(station, plan, user="auditor")


def test_approver_may_not_stamp_what_they_approved(station, tmp_path, seal_token):
    src = make_pdf(tmp_path / "a.pdf")
    station.users.add("boss", "boss", ["approver", "custodian"], "first-boss-pw", approver_level="general_manager", by="admin",
                      authority=office_authority())
    station.users.change_password("boss", "first-boss-pw", password("boss"))
    station.seals.apply("official", SealAction.HANDOVER, authority=seal_token.authority, by="admin", custodian="boss")
    approve(station, src, ["official"], approver="boss")
    with pytest.raises(PermissionDeniedError, match="approved request .* may not also stamp"):
        authorise(station, plan_for(station, src), user="boss")


@pytest.mark.parametrize("action,words", [(SealAction.SUSPEND, "suspended"), (SealAction.REVOKE, "revoked"),
                                          (SealAction.WITHDRAW, "withdrawn")])
def test_seal_not_in_service(station, tmp_path, seal_token, action, words):
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    station.seals.apply("official", action, authority=seal_token.authority, by="admin")
    with pytest.raises(SealUnusableError, match=words):
        authorise(station, plan_for(station, src))


def test_expired_seal_and_other_station(station, tmp_path, seal_token):
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    past = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)).isoformat()
    station.seals.apply("official", SealAction.CHANGE, authority=seal_token.authority, by="admin", valid_until=past)
    with pytest.raises(SealUnusableError, match="expired"):
        authorise(station, plan_for(station, src))
    station.seals.apply("official", SealAction.CHANGE, authority=seal_token.authority, by="admin",
                        valid_until="2099-01-01T00:00:00+00:00", stations=("another-pc",))
    with pytest.raises(SealUnusableError, match="may not be used on this computer"):
        authorise(station, plan_for(station, src))
    assert len(station.seals.history("official")) == 4  # make, issue, two changes: history kept


def test_register_edited_in_the_database_is_refused(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    station.db.conn.execute("UPDATE seals SET record = replace(record, '\"custodian\":\"custodian\"', '\"custodian\":\"mallory\"')")
    with pytest.raises(SealUnusableError, match="not signed by this office's seal authority"):
        station.seals.get("official")


def test_tampered_journal_stops_stamping(station, pin, tmp_path, seal_token):
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    station.db.conn.execute("DROP TRIGGER journal_no_update")
    station.db.conn.execute("UPDATE journal SET actor = 'nobody' WHERE seq = 3")
    station.journal.record_tamper(verify_journal(station.db))
    with pytest.raises(JournalTamperedError, match="stamping is stopped"):
        authorise(station, plan_for(station, src))
    station.setup().review_journal(by="admin", password=password("admin"), note="a technician edited entry 3; reported to the office",
                           authority=seal_token.authority)
    assert authorise(station, plan_for(station, src)).request.seals == ("official",)


def test_a_stamp_is_journalled_with_its_facts(station, pin, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    result = stamp_approved(station, pin, src, tmp_path / "out.pdf", at=(70.0, 80.0))
    done = [e for e in station.journal.entries() if e.kind == "stamp_done"][-1]
    assert done.data["sha256_before"] == result.sha256_before and done.data["sha256_after"] == result.sha256_after
    assert done.data["seal"] == "official" and done.data["page"] == 1 and done.data["center_mm"] == [70.0, 80.0]
    assert done.data["custodian"] == "custodian" and done.actor == "custodian"
    request = station.requests.get(done.data["request"])
    assert request.state.value == "stamped"
    assert verify_journal(station.db).ok


def test_reprint_supersedes_the_earlier_stamp(station, pin, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    stamp_approved(station, pin, src, tmp_path / "v1.pdf")
    first = station.requests.list()[-1]
    fixed = make_pdf(tmp_path / "a-fixed.pdf", text="Corrected version")
    import hashlib

    reprint = station.requests.create(document_name=fixed.name, document_sha256=hashlib.sha256(fixed.read_bytes()).hexdigest(),
                                      page_count=1, seals=["official"], purpose="重印", copies=2, requester="dept",
                                      supersedes=first.id)
    gm = station.users.get("gm")
    gm_key = station.users.unlock_key(gm, password("gm"))
    station.requests.decide(reprint.id, gm, approve=True, seal_kinds={"official": "official"},
                            sign=lambda payload: sign_payload(gm_key, payload))
    plan = plan_for(station, fixed, out=tmp_path / "v2.pdf")
    station.stamping().stamp(authorise(station, plan, request_id=reprint.id), tmp_path / "v2.pdf", pin=pin)
    assert station.requests.get(first.id).state.value == "superseded"


def test_wrong_pin_is_journalled(station, tmp_path):
    from sealstation.errors import PinIncorrectError

    src = make_pdf(tmp_path / "a.pdf")
    with pytest.raises(PinIncorrectError):
        sign_plan(station, plan_for(station, src, out=tmp_path / "o.pdf"), tmp_path / "o.pdf", "000000")
    assert kinds(station)[-3:] == ["stamp_started", "stamp_failed", "pin_failed"]


def test_delegation_lets_the_deputy_stamp_for_its_period(station, pin, tmp_path):
    from sealstation.seals.lifecycle import Delegation

    station.users.add("deputy", "deputy", ["custodian"], "first-deputy-pw", by="admin", authority=office_authority())
    station.users.change_password("deputy", "first-deputy-pw", password("deputy"))
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    with pytest.raises(SealUnusableError, match="no current delegation"):
        authorise(station, plan_for(station, src), user="deputy")
    now = dt.datetime.now(dt.timezone.utc)
    station.seals.delegate(Delegation("official", "deputy", now - dt.timedelta(hours=1), now + dt.timedelta(days=3),
                                      "年假", "gm"), by="admin", authority=office_authority())
    assert authorise(station, plan_for(station, src), user="deputy").user == "deputy"
    station.clock = lambda: now + dt.timedelta(days=4)
    with pytest.raises(SealUnusableError, match="no current delegation"):
        authorise(station, plan_for(station, src), user="deputy")
    assert kinds(station).count("delegation_started") == 1 and kinds(station).count("delegation_ended") == 1


def test_a_newer_delegation_to_the_same_deputy_replaces_the_older(station, pin, tmp_path):
    """The office ends a delegation early by signing a new one; versions are numbered per seal and journalled."""
    from sealstation.seals.lifecycle import Delegation

    station.users.add("deputy", "deputy", ["custodian"], "first-deputy-pw", by="admin", authority=office_authority())
    station.users.change_password("deputy", "first-deputy-pw", password("deputy"))
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    now = dt.datetime.now(dt.timezone.utc)
    for ends in (now + dt.timedelta(days=30), now - dt.timedelta(minutes=1)):
        station.seals.delegate(Delegation("official", "deputy", now - dt.timedelta(days=1), ends, "出差", "gm"),
                               by="admin", authority=office_authority())
    assert [d.version for d in station.seals.delegations("official", now)] == [2]
    assert station.seals.delegation_version("official") == 2 and station.seals.delegation_version("finance") == 0
    assert [e.data["version"] for e in station.journal.entries(kinds=("delegation_started",))] == [1, 2]
    with pytest.raises(SealUnusableError, match="no current delegation"):
        authorise(station, plan_for(station, src), user="deputy")


def test_a_delegation_signed_before_versions_still_counts(station, tmp_path):
    """Signed by a station upgraded before delegations had versions: version 0, the bytes without it."""
    from sealstation.seals.lifecycle import Delegation
    from sealstation.seals.register import delegation_bytes

    now = dt.datetime.now(dt.timezone.utc)
    d = Delegation("official", "cfo", now - dt.timedelta(days=1), now + dt.timedelta(days=1), "出差", "gm")
    assert b"version" not in delegation_bytes(d)
    with station.db.transaction() as conn:
        conn.execute("INSERT INTO delegations (seal_id, delegate, starts, ends, reason, approved_by, signature) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", (d.seal_id, d.delegate, d.starts.isoformat(), d.ends.isoformat(),
                                                      d.reason, d.approved_by, office_authority().sign(delegation_bytes(d))))
    assert station.seals.delegations("official", now) == (d,) and station.seals.delegation_version("official") == 0


def test_the_gate_names_the_versions_of_the_records_it_used(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    auth = authorise(station, plan_for(station, src))
    assert auth.in_use == {"users": {"custodian": station.users.get("custodian").record_version,
                                     "gm": station.users.get("gm").record_version},
                           "policy": {"station": station.policy.version}, "delegations": {"official": 0},
                           "seals": {"official": station.seals.get("official").version}}
    station.stamping().cancel(auth, "test")


def test_handover_records_both_custodians(station, seal_token):
    station.seals.apply("official", SealAction.HANDOVER, authority=seal_token.authority, by="admin", custodian="auditor")
    entry = [e for e in station.journal.entries() if e.kind == "seal_lifecycle"][-1]
    assert entry.data["action"] == "handover"
    assert entry.data["previous_custodian"] == "custodian" and entry.data["custodian"] == "auditor"


def test_several_seals_on_one_approval(station, pin, tmp_path):
    """A request for 合同专用章 and 法定代表人章: the second seal goes on the first one's output."""
    from sealstation.errors import ApprovalError
    from support.station_fixtures import approve, password

    src = make_pdf(tmp_path / "contract.pdf")
    request = approve(station, src, ["contract", "legal-rep"])

    def stamp(doc, seal, out, at):
        plan = station.stamping().plan_stamp(StampRequestSpec(doc, seal, Placement(1, at), out))
        auth = station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
        assert auth.request.id == request.id
        return station.stamping().stamp(auth, out, pin=pin)

    first = stamp(src, "contract", tmp_path / "one.pdf", (60.0, 50.0))
    stamp(first.output, "legal-rep", tmp_path / "two.pdf", (150.0, 50.0))
    report = station.audit().verify(tmp_path / "two.pdf")
    assert report.valid and [s.seal for s in report.signatures] == ["contract", "legal-rep"]
    assert station.requests.get(request.id).state.value == "stamped"
    for doc in (src, first.output, tmp_path / "two.pdf"):  # each seal once per approval, whatever the input
        plan = station.stamping().plan_stamp(StampRequestSpec(doc, "contract", Placement(1, (60.0, 150.0)), tmp_path / "again.pdf"))
        with pytest.raises(ApprovalError):
            station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))


def test_one_clock_setting_moves_time_for_every_store(station, tmp_path):
    """Set once on the station: approvals, users, seals, requests and the journal all read the same time."""
    from sealstation.journal.journal import iso_seconds

    then = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) + dt.timedelta(days=1)  # the seals are valid then
    station.clock = lambda: then
    request = approve(station, make_pdf(tmp_path / "a.pdf"), ["official"])
    approval = station.requests.approval_of(request.id)
    assert request.created_at == approval.at == iso_seconds(then)
    assert dt.datetime.fromisoformat(approval.expires_at) == then + dt.timedelta(days=7)
    assert station.journal.last().at.startswith(iso_seconds(then)[:19])
    station.seals.apply("official", SealAction.CHANGE, authority=office_authority(), by="admin")
    assert station.db.query("SELECT MAX(recorded_at) FROM seals")[0][0] == iso_seconds(then)

    later = then + dt.timedelta(days=8)
    station.clock = lambda: later
    with pytest.raises(ApprovalError, match=f"expired on {(then + dt.timedelta(days=7)):%Y-%m-%d}"):
        authorise(station, plan_for(station, tmp_path / "a.pdf"))
    refused = station.journal.last()
    assert refused.kind == "stamp_refused" and refused.at.startswith(iso_seconds(later)[:19])


@pytest.mark.parametrize("case", ["no approval", "approval used up", "seal suspended", "not the custodian"])
def test_the_gates_refusals_come_before_the_login(station, pin, tmp_path, seal_token, case):
    """check_stamp_before_login: each refusal of the gate that needs no secret, before a password is asked;
    nothing is journalled for it (nobody logged in)."""
    src = make_pdf(tmp_path / "a.pdf")
    user, error, words = "custodian", ApprovalError, "no approved request"
    if case == "approval used up":
        stamp_approved(station, pin, src, tmp_path / "one.pdf")  # approves, then stamps
        words = "already used up"
    elif case != "no approval":
        approve(station, src, ["official"])
    if case == "seal suspended":
        station.seals.apply("official", SealAction.SUSPEND, authority=seal_token.authority, by="admin")
        error, words = SealUnusableError, "suspended"
    elif case == "not the custodian":
        user, error, words = "dept", PermissionDeniedError, "needs the custodian role"
    plan = plan_for(station, src)
    before = kinds(station)
    with pytest.raises(error, match=words):
        station.stamping().check_stamp_before_login(plan, user=user)
    assert kinds(station) == before


def test_a_stamp_the_gate_allows_passes_the_check_before_the_login(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    request = approve(station, src, ["official"])
    before = kinds(station)
    assert station.stamping().check_stamp_before_login(plan_for(station, src), user="custodian").id == request.id
    assert kinds(station) == before


def test_the_policy_sent_with_a_stamp_is_the_one_the_station_checked(station, tmp_path):
    """The policy record a stamp names (for the office's re-check) is the signed text checked when the station loaded
    it, not the file read again: a file swapped while the station runs changes nothing the stamp was judged by."""
    import json

    files = station.policy_files
    checked = (files.path.read_bytes().decode("utf-8"), files.sig_path.read_text(encoding="ascii").strip())
    files.path.write_bytes(files.path.read_bytes().replace(b"{", b"{ ", 1))  # still JSON, no longer the signed bytes
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    auth = authorise(station, plan_for(station, src))
    started = [e for e in station.journal.entries() if e.kind == "stamp_started"][-1]
    digest = started.data["authority"]["records"]["policy"]
    record = json.loads(station.db.query("SELECT record FROM authority_records WHERE sha256 = ?", (digest,))[0][0])
    assert (record["type"], record["signed"], record["signature"]) == ("policy", *checked)
    station.stamping().cancel(auth, "test")


def test_the_request_found_for_a_seal_is_the_newest_that_names_it(station, tmp_path):
    """A document with several live requests: each seal finds the newest request that names it (matched by SQLite)."""
    src = make_pdf(tmp_path / "a.pdf")
    first = approve(station, src, ["contract"])
    second = approve(station, src, ["official"])
    sha = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), tmp_path / "o.pdf")).source.sha256
    assert station.requests.find_for(sha, "official").id == second.id
    assert station.requests.find_for(sha, "contract").id == first.id
    assert station.requests.find_for(sha, "legal-rep") is None
