"""Batch requests and batch stamping (issue 19): one approver's signature over the list of a batch's documents;
one password check and one PIN entry for the whole batch, each document with its own signature, journal entries and
one-use reservation; a document that fails is reported in words and the rest go on."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from sealstation.approval.requests import RequestState
from sealstation.desks.batch import BatchDocument, batch_outputs
from sealstation.errors import ApprovalError, PinIncorrectError, RequestError
from sealstation.journal.journal import JournalKind
from sealstation.model import Placement
from support.pdfs import make_pdf
from support.station_fixtures import password

AT = Placement(1, (60.0, 50.0))


def _docs(tmp_path, n=3, prefix="form"):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    return [make_pdf(folder / f"{prefix}-{i}.pdf") for i in range(n)]


def _approve_batch(station, docs, seals=("official",), copies=2):
    return station.approving().approve_batch(docs, seals=list(seals), copies=copies, approver="gm",
                                             password=password("gm"), purpose="批量空白表格")


def _batch_docs(docs, out, seals=("official",)):
    return [BatchDocument(d, tuple(seals), o) for d, o in zip(docs, batch_outputs(docs, out))]


def _pdfsig_valid(path: Path) -> int:
    report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    return report.count("Signature is Valid")


def test_one_signature_covers_the_list_of_documents_each_a_request_of_its_own(station, tmp_path):
    docs = _docs(tmp_path)
    made = _approve_batch(station, docs, copies=[1, 2, 3])
    assert made.batch.startswith("B") and len(made.requests) == 3
    assert [r.copies for r in made.requests] == [1, 2, 3]
    approvals = [station.requests.approval_of(r.id) for r in made.requests]
    assert len({a.signature for a in approvals}) == 1  # one signature, over all of them
    signed = json.loads(approvals[0].signed_payload)
    assert signed["format"] == "sealstation-batch-approval/1"
    assert [d["document_sha256"] for d in signed["documents"]] == [r.document_sha256 for r in made.requests]
    for r in made.requests:
        assert r.state == RequestState.APPROVED and r.batch == made.batch
        station.requests.check_stamp_allowed(document_sha256=r.document_sha256, seal_id="official",
                                             custodian="custodian", request_id=r.id)


def test_a_batch_approval_lent_to_another_request_is_refused(station, tmp_path):
    made = _approve_batch(station, _docs(tmp_path, 2))
    other = station.approving().receive_request(make_pdf(tmp_path / "other.pdf"), seals=["official"], copies=2,
                                                purpose="批量空白表格", requester="dept")
    # A row copying the batch's signed approval onto a request the approver never signed for.
    first = station.requests.approval_of(made.requests[0].id)
    with station.db.transaction() as conn:
        conn.execute("UPDATE requests SET state = 'approved' WHERE id = ?", (other.id,))
        conn.execute("INSERT INTO approvals (request_id, approver, decision, document_sha256, seals, copies, at, "
                     "expires_at, source, signed_payload, signature) VALUES (?, 'gm', 'approve', ?, ?, 2, ?, ?, "
                     "'station', ?, ?)", (other.id, other.document_sha256, '["official"]', first.at,
                                          first.expires_at, first.signed_payload, first.signature))
    with pytest.raises(ApprovalError, match="signed for another request"):
        station.requests.check_stamp_allowed(document_sha256=other.document_sha256, seal_id="official",
                                             custodian="custodian", request_id=other.id)


def test_the_same_document_twice_in_a_batch_is_refused_before_the_password(station, tmp_path):
    doc = _docs(tmp_path, 1)[0]
    with pytest.raises(RequestError) as refused:
        station.approving().approve_batch([doc, doc], seals=["official"], copies=1, approver="gm",
                                          password="not even asked")
    assert refused.value.code == "batch_duplicate"
    assert station.users.get("gm").failed_logins == 0


def test_a_batch_is_stamped_under_one_login_each_document_on_its_own(station, tmp_path, pin):
    docs = _docs(tmp_path, 3)
    _approve_batch(station, docs)
    out = tmp_path / "out"
    out.mkdir()
    desk = station.stamping()
    plan = desk.plan_batch(_batch_docs(docs, out), placement=AT, user="custodian")
    assert not plan.refused and len(plan.ready) == 3
    seen = []
    logins = []
    token = station.token()
    real_login = token.login
    token.login = lambda p: (logins.append(1), real_login(p))[1]
    try:
        result = desk.stamp_batch(plan, user="custodian", password=password("custodian"), pin=pin,
                                  progress=lambda e: seen.append((e.index, e.outcome is not None)))
    finally:
        del token.login
    assert len(logins) == 1 and not token.logged_in
    assert len(result.stamped) == 3 and not result.failed
    assert seen == [(0, False), (0, True), (1, False), (1, True), (2, False), (2, True)]
    for outcome in result.outcomes:
        assert outcome.output.is_file() and _pdfsig_valid(outcome.output) == 1
        assert station.audit().verify(outcome.output).valid
        assert station.requests.get(outcome.request_id).state == RequestState.STAMPED
    done = list(station.journal.entries(kinds=(JournalKind.STAMP_DONE,)))
    assert len(done) == 3 and len({e.data["attempt"] for e in done}) == 3
    assert len({e.data["request"] for e in done}) == 3
    started = list(station.journal.entries(kinds=(JournalKind.STAMP_STARTED,)))
    assert len({e.data["batch_run"] for e in started}) == 1  # the stamps of one PIN entry, linked


def test_a_wrong_pin_refuses_the_batch_before_any_document(station, tmp_path, pin):
    docs = _docs(tmp_path, 2)
    _approve_batch(station, docs)
    out = tmp_path / "out"
    out.mkdir()
    plan = station.stamping().plan_batch(_batch_docs(docs, out), placement=AT, user="custodian")
    with pytest.raises(PinIncorrectError):
        station.stamping().stamp_batch(plan, user="custodian", password=password("custodian"), pin="00000000")
    assert not list(out.iterdir())
    assert not list(station.journal.entries(kinds=(JournalKind.STAMP_STARTED,)))
    result = station.stamping().stamp_batch(plan, user="custodian", password=password("custodian"), pin=pin)
    assert len(result.stamped) == 2  # nothing was used up: the same approvals stamp them


def test_damaged_changed_and_unwritable_documents_are_reported_and_the_rest_go_on(station, tmp_path, pin):
    docs = _docs(tmp_path, 5)
    _approve_batch(station, docs)
    out = tmp_path / "out"
    out.mkdir()
    locked = tmp_path / "locked"
    locked.mkdir()
    batch = _batch_docs(docs, out)
    batch[3] = BatchDocument(docs[3], ("official",), locked / "form-3-已签章.pdf")
    docs[1].write_bytes(docs[1].read_bytes()[:400])  # damaged (cut short) after approval
    with open(docs[2], "ab") as f:  # changed on disk after approval: still a PDF, another SHA-256
        f.write(b"\n% edited\n")
    plan = station.stamping().plan_batch(batch, placement=AT, user="custodian")
    refused = {o.document.name: o.error for o in plan.refused}
    assert set(refused) == {"form-1.pdf", "form-2.pdf"}
    assert refused["form-2.pdf"].code == "document_changed"
    assert "re-approval required" in refused["form-2.pdf"].message
    assert "form-1.pdf" in refused["form-1.pdf"].message
    locked.rmdir()  # the output folder is gone once the batch runs (a share unmounted meanwhile)
    result = station.stamping().stamp_batch(plan, user="custodian", password=password("custodian"), pin=pin)
    by_name = {o.document.name: o for o in result.outcomes}
    assert {n for n, o in by_name.items() if o.ok} == {"form-0.pdf", "form-4.pdf"}
    unwritable = by_name["form-3.pdf"].error
    assert unwritable.code == "output_folder_missing" and "form-3-已签章.pdf" in unwritable.message
    assert "nothing was written" in unwritable.hint
    for name in ("form-0.pdf", "form-4.pdf"):
        assert _pdfsig_valid(by_name[name].output) == 1
    locked.mkdir()
    # The one that failed after its reservation released it: it can be stamped once the folder is fixed.
    again = station.stamping().plan_batch([BatchDocument(docs[3], ("official",), locked / "form-3-已签章.pdf")],
                                          placement=AT, user="custodian")
    assert station.stamping().stamp_batch(again, user="custodian", password=password("custodian"),
                                          pin=pin).stamped
    assert not station.uses.open_uses()


def test_the_office_archive_rechecks_a_batch_approval_by_its_own_line(station, tmp_path, pin):
    """The office re-checks each stamp against the approver's signature over the batch's list (folder archive)."""
    import datetime as dt

    from sealstation.archive.audit import audit_station
    from sealstation.archive.backend import FolderArchive

    archive = FolderArchive.create(tmp_path / "archive")
    docs = _docs(tmp_path, 2)
    _approve_batch(station, docs)
    out = tmp_path / "out"
    out.mkdir()
    plan = station.stamping().plan_batch(_batch_docs(docs, out), placement=AT, user="custodian")
    assert len(station.stamping().stamp_batch(plan, user="custodian", password=password("custodian"),
                                              pin=pin).stamped) == 2
    station.archive().sync(str(archive.root))
    audit = audit_station(FolderArchive(archive.root), station.config.station_id, station.ca_cert,
                          now=dt.datetime.now(dt.timezone.utc))
    assert audit.findings == []


def test_a_waiting_batch_is_received_then_approved_whole(station, tmp_path, pin):
    docs = _docs(tmp_path, 2, prefix="waiting")
    made = station.approving().receive_batch(docs, seals=["official"], copies=1, purpose="批量空白表格",
                                             requester="dept")
    assert all(r.state == RequestState.RECEIVED and r.batch == made.batch for r in made.requests)
    assert station.stamping().batch_members(made.requests[1].id) == tuple(r.id for r in made.requests)
    approved = station.approving().approve_waiting_batch(made.batch, approver="gm", password=password("gm"))
    assert all(r.state == RequestState.APPROVED for r in approved.requests)
    out = tmp_path / "out"
    out.mkdir()
    documents = station.stamping().batch_documents(made.batch, out)
    assert [d.request_id for d in documents] == [r.id for r in made.requests]
    plan = station.stamping().plan_batch(documents, placement=AT, user="custodian")
    assert len(station.stamping().stamp_batch(plan, user="custodian", password=password("custodian"),
                                              pin=pin).stamped) == 2


def test_the_token_pulled_mid_batch_stops_the_rest_untouched(station, tmp_path, pin, monkeypatch):
    from sealstation.desks.stamping import StampingDesk
    from sealstation.errors import TokenRemovedError

    docs = _docs(tmp_path, 4)
    _approve_batch(station, docs)
    out = tmp_path / "out"
    out.mkdir()
    plan = station.stamping().plan_batch(_batch_docs(docs, out), placement=AT, user="custodian")
    real, calls = StampingDesk._sign, []

    def pulled_at_the_second(self, *a, **k):
        calls.append(1)
        if len(calls) == 2:
            raise TokenRemovedError("Token 'SealStation Test' was removed or stopped answering.",
                                    hint="Plug the USB key back in and try again; nothing was signed.")
        return real(self, *a, **k)

    monkeypatch.setattr(StampingDesk, "_sign", pulled_at_the_second)
    result = station.stamping().stamp_batch(plan, user="custodian", password=password("custodian"), pin=pin)
    assert [o.ok for o in result.outcomes] == [True, False, False, False]
    assert all(isinstance(o.error, TokenRemovedError) for o in result.outcomes[1:])
    assert len(calls) == 2  # the third and fourth were not tried: the token is gone
    assert sorted(p.name for p in out.iterdir()) == ["form-0-已签章.pdf"] and not station.uses.open_uses()
    monkeypatch.setattr(StampingDesk, "_sign", real)
    again = station.stamping().plan_batch(_batch_docs(docs[1:], out), placement=AT, user="custodian")
    assert len(station.stamping().stamp_batch(again, user="custodian", password=password("custodian"),
                                              pin=pin).stamped) == 3  # untouched: each approval still free


def test_a_batch_beyond_the_memory_budget_is_planned_again_just_before_each_signature(station, tmp_path, pin,
                                                                                     monkeypatch):
    import sealstation.desks.batch as batch_module

    monkeypatch.setattr(batch_module, "KEEP_PLANNED_BYTES", 1)  # nothing kept: every document planned again
    docs = _docs(tmp_path, 2)
    _approve_batch(station, docs)
    out = tmp_path / "out"
    out.mkdir()
    plan = station.stamping().plan_batch(_batch_docs(docs, out), placement=AT, user="custodian")
    assert [p for _, p in plan.ready] == [None, None]
    with open(docs[1], "ab") as f:  # changed after the check: found again when it is planned for its signature
        f.write(b"\n% edited\n")
    result = station.stamping().stamp_batch(plan, user="custodian", password=password("custodian"), pin=pin)
    assert [o.ok for o in result.outcomes] == [True, False]
    assert result.outcomes[1].error.code == "document_changed" and not station.uses.open_uses()
