"""The custodian's work queue, seals usable today, the journal's health and the custodian's own journal lines.

Built on the fixture station with real stamps and prints: each state a request goes through puts it in its group.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sealstation.model import Placement
from sealstation.seals.lifecycle import Delegation, SealAction
from sealstation.station import StampRequestSpec
from sealstation.workqueue import HealthCause, QueueGroup
from support.pdfs import make_text_pdf
from support.printing import print_to_pdf
from support.station_fixtures import approve, office_authority, password


def stamp(station, pin, src, seal, out, request_id=None):
    at = {"contract": (60.0, 60.0), "legal-rep": (150.0, 60.0)}.get(seal, (60.0, 200.0))
    plan = station.stamping().plan_stamp(StampRequestSpec(src, seal, Placement(1, at), out))
    auth = station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"), request_id=request_id)
    return station.stamping().stamp(auth, out, pin=pin)


def by_id(queue):
    return {item.request_id: item for item in queue}


def test_each_state_puts_the_request_in_its_group(station, pin, tmp_path):
    contract = make_text_pdf(tmp_path / "contract.pdf", 1)
    two = approve(station, contract, ["contract", "legal-rep"], copies=2, purpose="采购合同盖章")
    queue = by_id(station.stamping().work_queue("custodian"))
    item = queue[two.id]
    assert item.group == QueueGroup.WAITING
    assert item.document_path == contract.resolve() and item.document_name == "contract.pdf"
    assert item.seals == ("contract", "legal-rep") and item.stamped == () and item.due_next == "contract"
    assert item.seal_kinds == ("contract", "legal-rep")
    assert item.purpose == "采购合同盖章" and item.approver == "gm" and item.approver_name == "gm"
    assert (item.copies_approved, item.copies_printed) == (2, 0)
    assert item.age >= dt.timedelta() and item.expires_at > item.created_at

    first = tmp_path / "contract-1.pdf"
    stamp(station, pin, contract, "contract", first)
    item = by_id(station.stamping().work_queue("custodian"))[two.id]
    assert item.group == QueueGroup.PARTLY_STAMPED
    assert item.document_path == first.resolve()  # the next seal goes on the earlier output
    assert item.stamped == ("contract",) and item.due_next == "legal-rep" and item.seals_left == ("legal-rep",)

    final = tmp_path / "contract-2.pdf"
    stamp(station, pin, first, "legal-rep", final)
    item = by_id(station.stamping().work_queue("custodian"))[two.id]
    assert item.group == QueueGroup.TO_PRINT and item.document_path == final.resolve() and item.due_next is None

    print_to_pdf(station, final, tmp_path / "copy-1.pdf", 1)
    item = by_id(station.stamping().work_queue("custodian"))[two.id]
    assert (item.group, item.copies_printed, item.copies_left) == (QueueGroup.TO_PRINT, 1, 1)
    print_to_pdf(station, final, tmp_path / "copy-2.pdf", 1)
    item = by_id(station.stamping().work_queue("custodian"))[two.id]  # all copies printed: listed while a recall may come
    assert (item.group, item.copies_left, item.due_next) == (QueueGroup.PRINTED, 0, None)

    station.printing().recall(two.id, reason="合同条款有误，收回销毁", user="custodian", password=password("custodian"))
    item = by_id(station.stamping().work_queue("custodian"))[two.id]
    assert item.group == QueueGroup.WITHDRAWN and item.reason == "合同条款有误，收回销毁"

    corrected = make_text_pdf(tmp_path / "contract-v2.pdf", 2)
    reprint = station.approving().approve(corrected, seals=["contract"], copies=1, approver="gm", password=password("gm"),
                              purpose="重印", supersedes=two.id).request
    stamp(station, pin, corrected, "contract", tmp_path / "contract-v2-stamped.pdf")
    queue = by_id(station.stamping().work_queue("custodian"))
    assert queue[reprint.id].group == QueueGroup.TO_PRINT and queue[reprint.id].supersedes == two.id
    assert queue[two.id].group == QueueGroup.WITHDRAWN and queue[two.id].superseded_by == reprint.id

    notice = make_text_pdf(tmp_path / "notice.pdf", 1)
    sent_back = approve(station, notice, ["official"], purpose="通知")
    station.stamping().return_request(sent_back.id, by="custodian", password=password("custodian"), reason="用印事由不清")
    item = by_id(station.stamping().work_queue("custodian"))[sent_back.id]
    assert item.group == QueueGroup.RETURNED and item.reason == "用印事由不清" and item.due_next is None
    assert item.document_path == notice.resolve()

    order = [i.group for i in station.stamping().work_queue("custodian")]
    assert order == sorted(order, key=list(QueueGroup).index)  # grouped in the order the window shows


def test_only_the_seals_custodian_or_a_current_deputy_sees_a_request(station, tmp_path):
    src = make_text_pdf(tmp_path / "expenses.pdf", 1)
    request = approve(station, src, ["finance"], approver="cfo")
    assert station.stamping().work_queue("auditor") == ()
    assert station.stamping().work_queue("custodian")[0].request_id == request.id

    station.people().add_user("deputy", "代管 周九", ["custodian"], "first-deputy-pw", by="admin", password=password("admin"),
                     authority=office_authority())
    now = station.now()
    station.seal_office().delegate_seal(Delegation("finance", "deputy", now - dt.timedelta(hours=1), now + dt.timedelta(days=2),
                                     "休假代管", "cfo"), by="admin", password=password("admin"),
                          approver_password=password("cfo"), authority=office_authority())
    (item,) = station.stamping().work_queue("deputy")
    assert item.request_id == request.id and item.mine == ("finance",)
    (seal,) = station.stamping().seals_usable_today("deputy")
    assert seal.seal_id == "finance" and seal.as_deputy and seal.usable and seal.until == now + dt.timedelta(days=2)

    station.clock = lambda: now + dt.timedelta(days=8)  # the deputy's period and the approval are over
    assert station.stamping().work_queue("deputy") == () and station.stamping().work_queue("custodian") == ()


def test_seals_usable_today_say_why_not(station):
    seals = {s.seal_id: s for s in station.stamping().seals_usable_today("custodian")}
    assert set(seals) == {"official", "contract", "finance", "legal-rep"}
    assert all(s.usable and not s.as_deputy for s in seals.values())
    station.seal_office().change_seal("official", SealAction.SUSPEND, by="admin", password=password("admin"),
                        authority=office_authority(), note="印章停用检查")
    official = {s.seal_id: s for s in station.stamping().seals_usable_today("custodian")}["official"]
    assert not official.usable and "suspend" in official.problem
    assert official.error is not None and official.error.code  # for a window to word in its own language
    assert station.stamping().seals_usable_today("auditor") == ()


def test_journal_health_from_what_the_station_keeps(station, pin, tmp_path):
    health = station.journal_health()
    assert health.ok and health.checkpoint_seq is None and not health.checked
    src = make_text_pdf(tmp_path / "a.pdf", 1)
    approve(station, src, ["official"])
    stamp(station, pin, src, "official", tmp_path / "a-out.pdf")
    health = station.journal_health()
    assert health.ok and health.checked and health.checkpoint_seq is not None
    assert health.head_seq >= health.checkpoint_seq

    station.journal.record_stop("test: entry 3 changed", source="journal verify")
    health = station.journal_health()
    assert health.cause == HealthCause.TAMPERED and not health.ok and "entry 3 changed" in health.reason


def test_journal_health_sees_a_chain_that_no_longer_matches_the_checkpoint(station, pin, tmp_path):
    src = make_text_pdf(tmp_path / "a.pdf", 1)
    approve(station, src, ["official"])
    stamp(station, pin, src, "official", tmp_path / "a-out.pdf")
    seq = station.journal_health().checkpoint_seq
    station.db.conn.execute("DROP TRIGGER journal_no_update")  # an insider with the database key
    station.db.conn.execute("UPDATE journal SET data = '{}' WHERE seq = ?", (seq + 1,))
    health = station.journal_health()
    assert health.cause == HealthCause.CHECKPOINT and "changed" in health.reason


def test_the_custodians_own_journal_lines(station, pin, tmp_path):
    start = station.now() - dt.timedelta(seconds=1)
    src = make_text_pdf(tmp_path / "a.pdf", 1)
    approve(station, src, ["official"])
    stamp(station, pin, src, "official", tmp_path / "a-out.pdf")
    other = make_text_pdf(tmp_path / "b.pdf", 1)
    request = approve(station, other, ["contract"])
    station.stamping().return_request(request.id, by="custodian", password=password("custodian"), reason="缺少附件")
    end = station.now() + dt.timedelta(seconds=1)

    lines = station.stamping().journal_lines("custodian", since=start, until=end)
    kinds = [line.kind for line in lines]
    assert "stamp_done" in kinds and "request_returned" in kinds and "approval_granted" not in kinds  # gm's
    done = next(line for line in lines if line.kind == "stamp_done")
    assert done.seals == ("official",) and done.document == "a.pdf"
    assert [line.kind for line in station.stamping().journal_lines("custodian", since=start, until=end, kind="request_returned")] \
        == ["request_returned"]
    returned = station.stamping().journal_lines("custodian", since=start, until=end, kind="request_returned")[0]
    assert returned.detail == "缺少附件" and returned.request == request.id
    assert {line.kind for line in station.stamping().journal_lines("custodian", since=start, until=end, seal="official")} >= {
        "stamp_started", "stamp_done"}
    assert station.stamping().journal_lines("custodian", since=end, until=end + dt.timedelta(days=1)) == ()
    earlier = station.stamping().journal_lines("custodian", since=start - dt.timedelta(days=3), until=start)
    assert all(line.at < start for line in earlier) and "stamp_done" not in {line.kind for line in earlier}
    with pytest.raises(ValueError):
        station.stamping().journal_lines("custodian", since=start, until=end, kind="no-such-kind")


def test_journal_lines_are_found_on_both_sides_of_a_clock_the_office_set_back(station):
    from sealstation.journal.journal import JournalKind

    now = station.now()
    station.clock = lambda: now + dt.timedelta(days=2)  # set ahead by mistake
    ahead = station.journal.append(JournalKind.LOGIN, {"user": "custodian"}, actor="custodian")
    station.clock = lambda: now  # the office's review takes the clock as it is: times go back once, at the review
    station.journal.append(JournalKind.TAMPER_REVIEWED, {"note": "clock set ahead"}, actor="admin")
    back = station.journal.append(JournalKind.LOGIN, {"user": "custodian"}, actor="custodian")
    today = station.stamping().journal_lines("custodian", since=now - dt.timedelta(minutes=1), until=now + dt.timedelta(hours=1))
    assert back.seq in [line.seq for line in today] and ahead.seq not in [line.seq for line in today]
    later = station.stamping().journal_lines("custodian", since=now + dt.timedelta(days=1), until=now + dt.timedelta(days=3))
    assert [line.seq for line in later] == [ahead.seq]


def test_an_oa_approval_opens_the_document_beside_its_file(station, tmp_path):
    from support.oa import approver_key, oa_approval, public_pem, write_oa_approval

    key = approver_key()
    station.people().register_approver_key("gm", public_pem(key), by="admin", password=password("admin"),
                                  authority=office_authority())
    src = make_text_pdf(tmp_path / "oa-contract.pdf", 1)
    write_oa_approval(tmp_path / "approval.json", oa_approval(src), key)
    request = station.approving().import_oa_approval(tmp_path / "approval.json", user="custodian", password=password("custodian"))
    item = by_id(station.stamping().work_queue("custodian"))[request.id]
    assert item.group == QueueGroup.WAITING and item.document_path == src.resolve()

    elsewhere = tmp_path / "inbox"
    elsewhere.mkdir()
    write_oa_approval(elsewhere / "approval.json", oa_approval(src), key)  # the document is not beside it
    request = station.approving().import_oa_approval(elsewhere / "approval.json", user="custodian",
                                         password=password("custodian"))
    assert by_id(station.stamping().work_queue("custodian"))[request.id].document_path is None
