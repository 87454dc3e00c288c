"""The approver's desk (sealstation/desks/approving.py): requests waiting, the seals an approver may approve (asked
before any password), approving a waiting request signed with their key, refusing or sending it back with a reason,
and the stamped history (加印, 重印)."""

from __future__ import annotations

import datetime as dt

import pytest

from sealstation.approval.requests import RequestState
from sealstation.errors import ApprovalError, AuthError, PermissionDeniedError, RequestError
from sealstation.journal.journal import JournalKind
from sealstation.model import Placement
from sealstation.station import StampRequestSpec
from support.pdfs import make_pdf
from support.station_fixtures import password, sign_plan


def _waiting(station, tmp_path, seals=("official",), copies=3, name="notice.pdf"):
    src = make_pdf(tmp_path / name)
    return station.approving().receive_request(src, seals=list(seals), copies=copies, purpose="会议通知", requester="dept"), src


def test_the_seals_an_approver_may_approve_follow_their_level(station):
    desk = station.approving()
    assert set(desk.seals_i_may_approve("gm")) == {"official", "contract", "finance", "legal-rep"}
    assert desk.seals_i_may_approve("cfo", ["official", "finance", "legal-rep"]) == ("finance", "legal-rep")
    assert desk.seals_i_may_approve("dept", ["official", "contract", "legal-rep"]) == ("legal-rep",)
    assert desk.seals_i_may_approve("custodian") == ()  # not an approver: nothing offered
    assert desk.level_needed("official") == "general_manager"


def test_a_waiting_request_is_listed_with_what_is_beyond_the_approver(station, tmp_path):
    request, _ = _waiting(station, tmp_path, seals=("official", "legal-rep"))
    [seen] = station.approving().waiting_requests("cfo")
    assert seen.request.id == request.id and seen.offered == ("legal-rep",)
    assert seen.beyond == (("official", "general_manager"),) and seen.requester_name == "dept"
    assert station.approving().waiting_requests("dept") == ()  # their own request is not theirs to approve
    with pytest.raises(PermissionDeniedError) as refused:
        station.approving().waiting_requests("custodian")
    assert refused.value.code == "role_missing"


def test_approving_a_waiting_request_signs_it_and_the_custodian_stamps_it(station, tmp_path, pin):
    request, src = _waiting(station, tmp_path)
    result = station.approving().approve_request(request.id, approver="gm", password=password("gm"),
                                                 seals=["official"], copies=3, purpose="会议通知")
    assert result.request.state == RequestState.APPROVED
    approval = station.requests.approval_of(request.id)
    assert approval.approver == "gm" and approval.signature and '"request":"%s"' % request.id in approval.signed_payload
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), tmp_path / "out.pdf"))
    sign_plan(station, plan, tmp_path / "out.pdf", pin, approve_first=False)
    assert station.requests.get(request.id).state == RequestState.STAMPED


def test_an_approval_may_grant_fewer_seals_other_copies_purpose_and_a_shorter_validity(station, tmp_path):
    request, _ = _waiting(station, tmp_path, seals=("official", "legal-rep"), copies=5)
    station.approving().approve_request(request.id, approver="gm", password=password("gm"), seals=["legal-rep"],
                                        copies=2, purpose="会议通知（两份）", valid_days=2)
    now = station.requests.get(request.id)
    assert (now.seals, now.copies, now.purpose) == (("legal-rep",), 2, "会议通知（两份）")
    approval = station.requests.approval_of(request.id)
    assert '"valid_until"' in approval.signed_payload  # the chosen validity is signed, not only the row's
    until = station.requests.verifier.check(approval, now, "legal-rep")
    assert until <= station.now() + dt.timedelta(days=2, seconds=5)
    entry = list(station.journal.entries(kinds=(JournalKind.APPROVAL_GRANTED,)))[-1]
    assert entry.data["asked"] == {"seals": ["official", "legal-rep"], "copies": 5, "purpose": "会议通知"}
    assert (entry.data["seals"], entry.data["copies"], entry.data["purpose"]) == (["legal-rep"], 2, "会议通知（两份）")
    with pytest.raises(ApprovalError, match="not been approved|approval of request .* is for seal"):
        station.requests.check_stamp_allowed(document_sha256=now.document_sha256, seal_id="official",
                                             custodian="custodian", request_id=request.id)


def test_a_seal_beyond_the_level_is_refused_before_the_password(station, tmp_path):
    request, _ = _waiting(station, tmp_path)
    failures = station.users.get("cfo").failed_logins
    with pytest.raises(ApprovalError) as refused:
        station.approving().approve_request(request.id, approver="cfo", password="not even asked",
                                            seals=["official"], copies=3, purpose="会议通知")
    assert refused.value.code == "approver_lacks_authority"
    assert station.users.get("cfo").failed_logins == failures  # refused before the password was tried
    assert station.requests.get(request.id).state == RequestState.RECEIVED


def test_a_wrong_password_or_another_seal_approves_nothing(station, tmp_path):
    request, _ = _waiting(station, tmp_path)
    with pytest.raises(AuthError):
        station.approving().approve_request(request.id, approver="gm", password="wrong", seals=["official"],
                                            copies=3, purpose="会议通知")
    with pytest.raises(RequestError):
        station.approving().approve_request(request.id, approver="gm", password=password("gm"),
                                            seals=["contract"], copies=3, purpose="会议通知")
    assert station.requests.get(request.id).state == RequestState.RECEIVED


def test_a_document_changed_since_it_was_received_is_not_approved(station, tmp_path):
    request, src = _waiting(station, tmp_path)
    make_pdf(src, text="changed")
    with pytest.raises(ApprovalError) as refused:
        station.approving().approve_request(request.id, approver="gm", password=password("gm"),
                                            seals=["official"], copies=3, purpose="会议通知")
    assert refused.value.code == "request_document_changed"


def test_refuse_or_send_back_with_a_reason_journalled(station, tmp_path):
    first, _ = _waiting(station, tmp_path)
    second, _ = _waiting(station, tmp_path, name="other.pdf")
    desk = station.approving()
    with pytest.raises(RequestError):
        desk.refuse_request(first.id, approver="gm", password=password("gm"), reason="  ")
    assert desk.refuse_request(first.id, approver="gm", password=password("gm"), reason="用途不明").state \
        == RequestState.REFUSED
    assert desk.refuse_request(second.id, approver="gm", password=password("gm"), reason="附件缺页",
                               send_back=True).state == RequestState.RETURNED
    refused = list(station.journal.entries(kinds=(JournalKind.APPROVAL_REFUSED,)))[-1]
    returned = list(station.journal.entries(kinds=(JournalKind.REQUEST_RETURNED,)))[-1]
    assert (refused.actor, refused.data["reason"]) == ("gm", "用途不明")
    assert (returned.actor, returned.data["reason"]) == ("gm", "附件缺页")
    with pytest.raises(ApprovalError, match="refused"):
        station.requests.check_stamp_allowed(document_sha256=first.document_sha256, seal_id="official",
                                             custodian="custodian", request_id=first.id)
    assert desk.waiting_requests("gm") == ()


def test_the_history_extra_copies_and_a_reprint(station, tmp_path, pin):
    from support.station_fixtures import stamp_approved

    src = make_pdf(tmp_path / "letter.pdf")
    stamp_approved(station, pin, src, tmp_path / "letter-stamped.pdf")
    desk = station.approving()
    [item] = desk.stamped_history("gm")
    assert item.output == tmp_path / "letter-stamped.pdf" and item.copies_approved == 2 and item.approver == "gm"
    assert desk.stamped_history("cfo") == ()  # the official seal is beyond the finance director
    station.approving().allow_extra_copies(item.output, copies=3, approver="gm", password=password("gm"), reason="补发")
    assert desk.stamped_history("gm")[0].copies_approved == 5
    corrected = make_pdf(tmp_path / "letter-v2.pdf", text="corrected")
    with pytest.raises(RequestError):
        desk.approve_reprint(src, supersedes=item.request.id, approver="gm", password=password("gm"),
                             seals=["official"], copies=2, purpose="更正重印")
    result = desk.approve_reprint(corrected, supersedes=item.request.id, approver="gm", password=password("gm"),
                                  seals=["official"], copies=2, purpose="更正重印")
    assert result.request.supersedes == item.request.id and result.request.state == RequestState.APPROVED


def test_someone_without_the_approvers_role_is_refused_before_the_password(station, tmp_path):
    request, _ = _waiting(station, tmp_path)
    desk = station.approving()
    for act in (lambda: desk.approve_request(request.id, approver="custodian", password="not asked",
                                             seals=["official"], copies=3, purpose="会议通知"),
                lambda: desk.refuse_request(request.id, approver="custodian", password="not asked", reason="no")):
        with pytest.raises(PermissionDeniedError) as refused:
            act()
        assert refused.value.code == "role_missing"
    assert station.users.get("custodian").failed_logins == 0
    assert station.requests.get(request.id).state == RequestState.RECEIVED


def test_a_shorter_validity_is_signed_so_a_lengthened_row_does_not_lengthen_it(station, tmp_path):
    """The approver chose 1 day; the insider edits the approval row's expiry to a year: the signed one decides."""
    request, _ = _waiting(station, tmp_path)
    station.approving().approve_request(request.id, approver="gm", password=password("gm"), seals=["official"],
                                        copies=3, purpose="会议通知", valid_days=1)
    with station.db.transaction() as conn:
        conn.execute("UPDATE approvals SET expires_at = ? WHERE request_id = ?", ("2099-01-01T00:00:00+00:00", request.id))
    later = station.now() + dt.timedelta(days=2)
    station.clock = lambda: later
    with pytest.raises(ApprovalError) as refused:
        station.requests.check_stamp_allowed(document_sha256=request.document_sha256, seal_id="official",
                                             custodian="custodian", request_id=request.id)
    assert refused.value.code == "approval_expired"
