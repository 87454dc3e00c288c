"""Printing the approved copies, and every refusal (QPrinter's PDF output as the print system)."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from sealstation.errors import PermissionDeniedError, PrintError, PrintRefusedError
from sealstation.journal.journal import JournalKind
from sealstation.model import Placement
from sealstation.printing.sink import JobOutcome
from sealstation.station import Station
from support.pdfs import make_pdf, make_text_pdf
from support.printing import print_to_pdf, read_qr_codes, stamped_document
from support.station_fixtures import approve, office_authority, password


def print_entries(station):
    return [e.data for e in station.journal.entries(kinds=(JournalKind.PRINT_JOB,))]


def test_print_the_approved_copies_to_pdf(station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    plan = station.printing().plan(stamped, copies=2)
    assert (plan.allowance.approved, plan.allowance.printed, plan.allowance.left) == (2, 0, 2)
    out = tmp_path / "copies.pdf"
    result = print_to_pdf(station, stamped, out, 2)
    assert result.printed == 2 and not result.notes
    codes = read_qr_codes(out)
    assert len(codes) == 4  # 2 copies of 2 pages, one after another, each page marked
    assert codes[0] == codes[1] and codes[2] == codes[3] and codes[0] != codes[2]
    first, second = station.audit().verify_copy(codes[0]), station.audit().verify_copy(codes[2])
    assert first.genuine and first.current and (first.payload.number, first.payload.of) == (1, 2)
    assert (second.payload.number, second.payload.of) == (2, 2)
    assert first.payload.document_sha256 == plan.document_sha256
    assert first.record.custodian == "custodian" and first.record.destination == f"pdf:{out.resolve()}"
    entries = print_entries(station)
    assert [e["status"] for e in entries] == ["accepted", "accepted"]
    qr = hashlib.sha256(first.payload.text().encode("utf-8")).hexdigest()  # the archive matches a QR code by it
    assert entries[0]["copies"] == [{"serial": first.payload.serial, "number": 1, "of": 2, "qr": qr}]
    assert entries[0]["kind"] == "first" and entries[0]["document_sha256"] == plan.document_sha256
    assert station.audit().verify(stamped).valid  # the signed PDF is never changed
    assert page_image_filters(out) == {"/FlateDecode"}  # exact pixels: no JPEG blur on the seal or the QR code


def page_image_filters(pdf) -> set[str]:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return {doc.xref_get_key(img[0], "Filter")[1] for page in doc for img in page.get_images(full=True)}


def test_more_than_approved_is_refused(station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    with pytest.raises(PrintRefusedError, match="3 copies asked, but only 2 of the 2 approved copies"):
        station.printing().plan(stamped, copies=3)
    print_to_pdf(station, stamped, tmp_path / "one.pdf", 1)
    with pytest.raises(PrintRefusedError, match="only 1 of the 2 approved copies .* 1 already printed"):
        station.printing().plan(stamped, copies=2)
    print_to_pdf(station, stamped, tmp_path / "two.pdf", 1)
    with pytest.raises(PrintRefusedError, match="All 2 approved copies .* are printed"):
        station.printing().plan(stamped, copies=1)


def test_unstamped_document_is_refused(station, tmp_path):
    plain = make_pdf(tmp_path / "plain.pdf")
    approve(station, plain, ["official"])
    with pytest.raises(PrintRefusedError, match="no signatures: it is not stamped"):
        station.printing().plan(plain, copies=1)


def test_document_stamped_without_approval_here_is_refused(station, pin, tmp_path, station_template, seal_token):
    stamped = stamped_document(station, pin, tmp_path)
    shutil.copytree(station_template, tmp_path / "other")
    with Station.open(tmp_path / "other", token=seal_token.session) as other:
        assert other.audit().verify(stamped).valid
        with pytest.raises(PrintRefusedError, match="not a document stamped at this station under an approved"):
            other.printing().plan(stamped, copies=1)


def test_invalid_document_is_refused(station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    data = bytearray(stamped.read_bytes())
    at = data.index(b"quick brown") if b"quick brown" in data else len(data) // 3
    data[at] ^= 0x01
    edited = tmp_path / "edited.pdf"
    edited.write_bytes(bytes(data))
    with pytest.raises(PrintRefusedError, match="cannot be printed"):
        station.printing().plan(edited, copies=1)
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(stamped.read_bytes() + b"\n% added later\n")
    with pytest.raises(PrintRefusedError, match="cannot be printed"):
        station.printing().plan(appended, copies=1)


def test_untrusted_document_is_refused(station, tmp_path):
    from adversarial.test_forged_signatures import forge, self_signed_seal_certificate

    src = make_pdf(tmp_path / "doc.pdf")
    approve(station, src, ["official"])
    forged = tmp_path / "forged.pdf"
    forge(src, forged, *self_signed_seal_certificate(tmp_path))
    with pytest.raises(PrintRefusedError, match="do not verify as trusted"):
        station.printing().plan(forged, copies=1)


def test_unapproved_request_id_is_refused(station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    with pytest.raises(PrintRefusedError, match="does not allow copies of this file"):
        station.printing().plan(stamped, copies=1, request_id="R20260101-abcdef")


class _FailingSink:
    """The real PDF sink, with the print system failing or the custodian cancelling the first job."""

    def __init__(self, real, outcome):
        self.real, self.outcome = real, outcome
        self.destination, self.final_at_close = real.destination, real.final_at_close

    def print_copy(self, job):
        return self.outcome

    def close(self):
        return self.real.close()


@pytest.mark.parametrize("status", ["failed", "cancelled"])
def test_failed_or_cancelled_job_is_journalled_and_not_counted(station, pin, tmp_path, status):
    from ui.qt_printing import QtPrinterBackend

    stamped = stamped_document(station, pin, tmp_path)
    sink = _FailingSink(QtPrinterBackend().open_pdf(tmp_path / "x.pdf"), JobOutcome(status, None, "paper out"))
    result = print_to_pdf(station, stamped, tmp_path / "x.pdf", 2, sink=sink)
    assert result.printed == 0 and len(result.copies) == 1  # stops at the first job not accepted
    (entry,) = print_entries(station)
    assert entry["status"] == status and entry["reason"] == "paper out"
    assert station.printing().plan(stamped, copies=2).allowance.left == 2
    assert station.printing().copies() == []


def test_cancelled_pdf_run_counts_nothing(station, pin, tmp_path):
    from ui.qt_printing import QtPrinterBackend

    stamped = stamped_document(station, pin, tmp_path)
    sink = QtPrinterBackend().open_pdf(tmp_path / "c.pdf")
    plan = station.printing().plan(stamped, copies=2)
    result = station.printing().print(plan, user="custodian", password=password("custodian"), sink=sink,
                                  progress=lambda k, copy: copy and sink.cancel())
    assert result.printed == 0 and not (tmp_path / "c.pdf").exists()
    assert [e["status"] for e in print_entries(station)] == ["cancelled", "cancelled"]  # the second, then the first
    assert station.printing().plan(stamped, copies=2).allowance.left == 2


def test_wrong_password_and_non_custodian_print_nothing(station, pin, tmp_path):
    from sealstation.errors import AuthError, PermissionDeniedError
    from ui.qt_printing import QtPrinterBackend

    stamped = stamped_document(station, pin, tmp_path)
    plan = station.printing().plan(stamped, copies=1)
    with pytest.raises(AuthError):
        station.printing().print(plan, user="custodian", password="wrong", sink=QtPrinterBackend().open_pdf(tmp_path / "a.pdf"))
    with pytest.raises(PermissionDeniedError):
        station.printing().print(plan, user="auditor", password=password("auditor"),
                             sink=QtPrinterBackend().open_pdf(tmp_path / "b.pdf"))
    assert station.printing().plan(stamped, copies=2).allowance.left == 2
    refusals = [(e.actor, e.data["why"]) for e in station.journal.entries(kinds=(JournalKind.PRINT_REFUSED,))]
    assert [actor for actor, _ in refusals] == ["custodian", "auditor"] and "print stamped documents" in refusals[1][1]


def test_void_recall_and_verify_copy_status(station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    out = tmp_path / "copies.pdf"
    print_to_pdf(station, stamped, out, 2)
    codes = read_qr_codes(out)
    first = station.audit().verify_copy(codes[0]).payload.serial
    station.printing().void(first, reason="paper jam, destroyed", user="custodian", password=password("custodian"))
    voided = station.audit().verify_copy(codes[0])
    assert voided.genuine and not voided.current and voided.record.status == "voided"
    with pytest.raises(PrintRefusedError, match="All 2 approved copies"):  # a voided copy still counts
        station.printing().plan(stamped, copies=1)
    request_id = voided.record.request_id
    serials = station.printing().recall(request_id, reason="recalled", user="custodian", password=password("custodian"))
    assert serials == [station.audit().verify_copy(codes[2]).payload.serial]
    assert station.audit().verify_copy(codes[2]).record.status == "recalled"
    kinds = [(e.kind, e.data) for e in station.journal.entries(kinds=(JournalKind.COPY_VOIDED, JournalKind.COPY_RECALLED))]
    assert kinds == [(JournalKind.COPY_VOIDED, {"serial": first, "request": request_id, "reason": "paper jam, destroyed"}),
                     (JournalKind.COPY_RECALLED, {"serials": serials, "request": request_id, "reason": "recalled"})]


def test_a_recalled_document_prints_no_more_copies(station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    print_to_pdf(station, stamped, tmp_path / "copies.pdf", 1)
    request_id = station.printing().plan(stamped, copies=1).allowance.request.id  # one of the two approved is left
    station.printing().recall(request_id, reason="withdrawn", user="custodian", password=password("custodian"))
    with pytest.raises(PrintRefusedError, match="were recalled on .*withdrawn and prints no more copies") as caught:
        station.printing().plan(stamped, copies=1)
    assert f"--supersedes {request_id}" in caught.value.hint


def test_extra_copies_and_a_replacement_for_a_voided_copy(station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    print_to_pdf(station, stamped, tmp_path / "first.pdf", 2)
    extra = station.approving().allow_extra_copies(stamped, copies=1, approver="gm", password=password("gm"), reason="加印")
    plan = station.printing().plan(stamped, copies=1)
    assert plan.allowance.id == extra.id and plan.allowance.kind == "extra"
    print_to_pdf(station, stamped, tmp_path / "extra.pdf", 1)
    (code, _) = read_qr_codes(tmp_path / "extra.pdf")
    assert station.audit().verify_copy(code).payload.of == 1

    request_id = plan.allowance.request.id
    with pytest.raises(PrintError, match="replace copies that were not voided"):
        station.seal_office().allow_replacement_copies(request_id, copies=1, by="admin", password=password("admin"),
                                         authority=office_authority(), reason="jam")
    station.printing().void(station.audit().verify_copy(code).payload.serial, reason="jam", user="custodian",
                      password=password("custodian"))
    station.seal_office().allow_replacement_copies(request_id, copies=1, by="admin", password=password("admin"),
                                     authority=office_authority(), reason="jam")
    result = print_to_pdf(station, stamped, tmp_path / "replacement.pdf", 1)
    assert result.copies[0].outcome.accepted
    assert [e["kind"] for e in print_entries(station)] == ["first", "first", "extra", "replacement"]
    with pytest.raises(PrintRefusedError, match="All 4 approved copies"):
        station.printing().plan(stamped, copies=1)


def test_extra_copies_need_an_approver_with_the_authority(station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    with pytest.raises(PermissionDeniedError, match="dept lacks the authority"):
        station.approving().allow_extra_copies(stamped, copies=1, approver="dept", password=password("dept"))


def test_reprint_needs_the_earlier_copies_recalled(station, pin, tmp_path):
    old = stamped_document(station, pin, tmp_path, name="v1")
    print_to_pdf(station, old, tmp_path / "v1-copies.pdf", 1)
    old_request = station.printing().plan(old, copies=1).allowance.request.id
    corrected = make_text_pdf(tmp_path / "v2.pdf", 2)
    station.approving().approve(corrected, seals=["official"], copies=2, approver="gm", password=password("gm"),
                    purpose="重印", supersedes=old_request)
    from support.station_fixtures import sign_plan
    from sealstation.station import StampRequestSpec

    new = tmp_path / "v2-stamped.pdf"
    sign_plan(station, station.stamping().plan_stamp(StampRequestSpec(corrected, "official", Placement(2, (150.0, 200.0)), new)), new, pin,
              approve_first=False)
    with pytest.raises(PrintRefusedError, match="can no longer be printed"):
        station.printing().plan(old, copies=1)
    with pytest.raises(PrintRefusedError, match="not yet recorded as recalled"):
        station.printing().plan(new, copies=1)
    station.printing().recall(old_request, reason="superseded, destroyed", user="custodian", password=password("custodian"))
    assert print_to_pdf(station, new, tmp_path / "v2-copies.pdf", 2).printed == 2


def test_forged_and_altered_qr_codes_are_not_genuine(station, pin, tmp_path):
    from sealstation.station_key import make_station_identity
    from sealstation.printing.payload import make_payload, parse_payload
    from sealstation.seals.authority import SealAuthority
    import datetime as dt

    stamped = stamped_document(station, pin, tmp_path)
    out = tmp_path / "copies.pdf"
    print_to_pdf(station, stamped, out, 1)
    code = read_qr_codes(out)[0]
    altered = code.replace("c=1/2", "c=2/2")
    assert not station.audit().verify_copy(altered).genuine
    assert "forged or altered" in station.audit().verify_copy(altered).why_not
    other_doc = code.replace(code.split(";h=")[1][:4], "0000")
    assert not station.audit().verify_copy(other_doc).genuine

    fake_ca = SealAuthority.create(common_name="fake", organisation="fake", key_path=tmp_path / "k.pem",
                                   cert_path=tmp_path / "c.pem", passphrase="x")
    forger = make_station_identity("test-station", fake_ca, now=station.now())
    payload = parse_payload(code)
    forged = make_payload(forger, serial=payload.serial, number=1, of=2, date=dt.date.today(),
                          document_sha256=payload.document_sha256)
    check = station.audit().verify_copy(forged.text())
    assert not check.genuine and "not known here" in check.why_not
    # The forger copies the real certificate's reference: the signature still gives it away.
    spoofed = forged.text().replace(f"k={forged.cert_ref}", f"k={payload.cert_ref}")
    check = station.audit().verify_copy(spoofed)
    assert not check.genuine and "forged or altered" in check.why_not
    with pytest.raises(PrintError, match="not the QR code of a SealStation copy"):
        station.audit().verify_copy("https://example.com/")


def test_without_o_tmpfile_the_pdf_is_written_under_a_hidden_name_and_linked_at_the_end(station, pin, tmp_path,
                                                                                      monkeypatch):
    import ui.qt_printing as qt_printing

    stamped = stamped_document(station, pin, tmp_path)
    monkeypatch.setattr(qt_printing, "_unnamed_file", lambda folder: None)  # e.g. a share without O_TMPFILE
    out = tmp_path / "copies.pdf"
    sink = qt_printing.QtPrinterBackend().open_pdf(out)
    assert sink.unnamed is None and sink.tmp.name.startswith(".copies.pdf.")
    assert print_to_pdf(station, stamped, out, 2, sink=sink).printed == 2
    assert len(read_qr_codes(out)) == 4 and not list(tmp_path.glob("*.part"))


def test_a_hidden_unfinished_pdf_left_by_a_kill_counts_its_copies(station, pin, tmp_path):
    """Without O_TMPFILE a kill leaves the named .part file: it could have been kept, so recovery counts the copy."""
    stamped = stamped_document(station, pin, tmp_path)
    plan = station.printing().plan(stamped, copies=1)
    desk = station.printing()
    out = tmp_path / "copies.pdf"
    serial, *_ = desk._reserve(plan, "custodian", station.station_identity(), f"pdf:{out}")
    (tmp_path / ".copies.pdf.k1ll3d.part").write_bytes(b"%PDF-1.4 genuine pages, unfinished")
    assert station.recover() == 1
    assert not list(tmp_path.glob("*.part"))
    assert desk.copy(serial).state == "printed"
    assert station.printing().plan(stamped, copies=1).allowance.left == 1
    [job] = [e.data for e in station.journal.entries(kinds=(JournalKind.PRINT_JOB,))]
    assert job["status"] == "accepted" and "could have been kept" in job["reason"]
