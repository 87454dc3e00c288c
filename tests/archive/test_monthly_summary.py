"""The monthly summary from an archive several stations write to; its figures checked against their journals."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess

import pytest

from sealstation.archive.backend import FolderArchive
from sealstation.archive.summary import REPORT_TZ, month_bounds, monthly_summary, write_summary_csv
from sealstation.errors import ConfigError, PermissionDeniedError
from sealstation.journal.journal import JournalKind
from sealstation.seals.lifecycle import SealAction
from support.archive import another_station, print_job, requests_stamped, stamp_some
from support.station_fixtures import office_authority, password, stamp_approved


def test_a_month_of_two_stations_in_one_archive(station, pin, tmp_path, station_template, seal_token):
    archive = FolderArchive.create(tmp_path / "archive").root
    stamp_some(station, pin, tmp_path / "a", 3, "a")
    (r1, d1), (r2, d2), (r3, d3) = requests_stamped(station)
    print_job(station, r1, d1, 2)
    print_job(station, r2, d2, 3)  # one over the two approved
    station.journal.append(JournalKind.PRINT_ALLOWANCE, {"id": f"{r2}-E1", "kind": "extra", "request": r2,
                                                         "copies": 1, "approved_by": "gm"}, actor="gm")
    print_job(station, r2, d2, 1, kind="extra", first_serial=4)  # 加印 as approved
    print_job(station, r1, d1, 1, kind="extra", first_serial=3)  # 加印 with no approval
    print_job(station, r1, d1, 1, status="failed")  # not counted
    station.journal.append(JournalKind.COPY_VOIDED, {"serial": f"{r1}-001", "request": r1, "reason": "卡纸"}, actor="custodian")
    station.journal.append(JournalKind.COPY_RECALLED, {"serials": [f"{r2}-001", f"{r2}-002"], "request": r2, "reason": "收回"},
                           actor="custodian")
    station.archive().sync(str(archive))

    other = another_station(tmp_path / "b-home", station_template, seal_token, "station-b")
    try:
        stamp_some(other, pin, tmp_path / "b", 1, "b")
        other.seals.apply("official", SealAction.SUSPEND, authority=office_authority(), by="admin")
        other.archive().sync(str(archive))
        [(rb, db)] = requests_stamped(other)
        print_job(other, rb, db, 2)
        other.archive().sync(str(archive))
    finally:
        other.close()

    month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
    now = dt.datetime.now(dt.timezone.utc)
    summary = monthly_summary(FolderArchive(archive), station.ca_cert, month, now=now)
    # Each station read in its own worker process (.pool): the same month, row for row, in the stations' order.
    assert monthly_summary(FolderArchive(archive), station.ca_cert, month, now=now, workers=2) == summary
    assert sorted((s.station, s.request) for s in summary.stamps) == sorted(
        [("test-station", r1), ("test-station", r2), ("test-station", r3), ("station-b", rb)])
    by_request = {p.request: p for p in summary.prints}
    assert (by_request[r1].printed, by_request[r1].voided, by_request[r1].recalled) == (2, 1, 0)
    assert (by_request[r2].printed, by_request[r2].extra, by_request[r2].recalled) == (3, 1, 2)
    assert by_request[rb].printed == 2 and by_request[r2].copies_approved == 2
    stamp = next(s for s in summary.stamps if s.request == r1)
    assert (stamp.approver, stamp.custodian, stamp.purpose, stamp.seal) == ("gm", "custodian", "测试用印", "official")
    texts = [f"{w}: {d}" for _, w, d in summary.findings]
    assert any(r3 in t and "no print record" in t for t in texts)
    assert any(r2 in t and "3 copies printed, 2 approved" in t for t in texts)
    assert by_request[r2].extra_approved == 1 and not any(r2 in t and "extra" in t for t in texts)
    assert any(r1 in t and "1 加印 extra copies printed, 0 approved" in t for t in texts)
    assert summary.totals()["station"] == {"test-station": 3, "station-b": 1}
    assert summary.totals()["seal"]["official"] == 4

    out = tmp_path / "汇总.csv"
    write_summary_csv(summary, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Chinese
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][0].startswith("签盖记录和在线打印情况汇总表")
    assert sum(1 for r in rows if len(r) > 10 and r[10].startswith("R")) == 4  # the stamping record's rows
    name = station.seals.get("official").name  # as engraved, from the seal record the office signed
    assert stamp.seal_name == name and sum(1 for r in rows if len(r) > 5 and r[4:6] == ["official", name]) == 4


def test_the_summary_names_a_use_of_a_suspended_seal(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    stamp_some(station, pin, tmp_path, 1)
    # As a station would journal a use it should have refused (e.g. an older build): the archive still sees it.
    station.seals.apply("official", SealAction.SUSPEND, authority=office_authority(), by="admin")
    station.journal.append(JournalKind.STAMP_DONE, {"request": "R-late", "seal": "official", "document": "late.pdf",
                                                    "custodian": "custodian", "sha256_after": "1" * 64})
    station.archive().sync(str(archive))
    month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
    summary = monthly_summary(FolderArchive(archive), station.ca_cert, month)
    assert any(w == "seal" and "suspended" in d and "late.pdf" in d for _, w, d in summary.findings)


def test_the_report_as_a_workbook_and_a_pdf_matches_the_journals(station, pin, tmp_path, station_template,
                                                                  seal_token):
    """XLSX read back with openpyxl and PDF with pdftotext: the same figures as the journals they came from."""
    import openpyxl

    from sealstation.archive.report_xlsx import SHEETS

    archive = FolderArchive.create(tmp_path / "archive").root
    stamp_some(station, pin, tmp_path / "a", 2, "a")
    (r1, d1), (r2, d2) = requests_stamped(station)
    print_job(station, r1, d1, 2)
    print_job(station, r2, d2, 3)  # over the two approved
    station.journal.append(JournalKind.COPY_VOIDED, {"serial": f"{r1}-001", "request": r1, "reason": "卡纸"},
                           actor="custodian")
    station.archive().sync(str(archive))
    month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
    journal_stamps = {e.data["request"]: e.data for e in station.journal.entries(kinds=(JournalKind.STAMP_DONE,))}

    result = station.archive().monthly_report(tmp_path / "month.xlsx", month=month, by="admin", password=password("admin"),
                                    location=str(archive))
    assert (result.stamps, result.prints) == (2, 2)
    wb = openpyxl.load_workbook(result.out)
    assert wb.sheetnames == list(SHEETS)
    stamping = wb[SHEETS[1]]
    assert stamping.freeze_panes == "A2" and stamping.auto_filter.ref == "A1:L3"
    header = [c.value for c in stamping[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in stamping.iter_rows(min_row=2)]
    assert {r["印章名称 Seal name"] for r in rows} == {station.seals.get("official").name}
    assert {r["申请 Request"]: (r["文件 Document"], r["印章 Seal"], r["专管人员 Custodian"], r["审批人 Approver"],
                               r["用途 Purpose"], r["站点 Station"]) for r in rows} == {
        req: (data["document"], data["seal"], data["custodian"], "gm", "测试用印", "test-station")
        for req, data in journal_stamps.items()}
    printing = wb[SHEETS[2]]
    header = [c.value for c in printing[1]]
    prints = {r["申请 Request"]: r for r in (dict(zip(header, (c.value for c in row)))
                                            for row in printing.iter_rows(min_row=2))}
    assert (prints[r1]["已打印 Printed"], prints[r1]["作废 Voided"], prints[r1]["核准 Copies approved"]) == (2, 1, 2)
    assert prints[r2]["已打印 Printed"] == 3
    findings = [row[2] for row in wb[SHEETS[0]].iter_rows(min_row=2, values_only=True)]
    assert any(r2 in f and "3 copies printed, 2 approved" in f for f in findings)
    official = station.seals.get("official").name
    chart_sheet = wb[SHEETS[7]]
    assert [tuple(r) for r in wb[SHEETS[3]].iter_rows(min_row=2, values_only=True)] == [(f"{official}（official）", 2)]
    assert [c.value for c in chart_sheet[1]] == ["日期 Date", f"{official}（official）"]
    assert sum(r[1] for r in wb[SHEETS[6]].iter_rows(min_row=2, values_only=True)) == 2
    assert chart_sheet._charts and sum(r[1] for r in chart_sheet.iter_rows(min_row=2, values_only=True)) == 2

    pdf = station.archive().monthly_report(tmp_path / "month.pdf", month=month, by="auditor", password=password("auditor"),
                                 location=str(archive)).out
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert f"签盖记录和在线打印情况汇总表（{month}）" in text
    assert text.index("一、发现") < text.index("三、签盖记录") < text.index("四、在线打印情况")
    assert "用印 2 次" in text and f"{r2} (" in text and "3 copies printed, 2 approved" in text
    for req, data in journal_stamps.items():
        assert req in text and data["document"] in text
    # The copy the office files: the period, the stations, the verification result, numbered pages, the register.
    start, end = month_bounds(month)
    last_day = (end - dt.timedelta(days=1)).date().isoformat()
    assert f"报表期间：{start.date().isoformat()} 至 {last_day}" in text
    assert "涵盖站点（1 个）：test-station" in text and "档案核验结果：通过。1 个站点的" in text
    pages = ["".join(page.split()) for page in text.split("\f")[:-1]]  # pdftotext drops the footer's thin spaces
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Pages: {len(pages)}" in " ".join(info.split()) and len(pages) > 1
    assert all(f"第{i}页共{len(pages)}页" in page for i, page in enumerate(pages, 1))
    register = text.split("三、签盖记录")[1].split("四、在线打印情况")[0]
    seal_name = station.seals.get("official").name
    row = {req: next(line.split() for line in register.splitlines() if req in line) for req in journal_stamps}
    assert seal_name in register and seal_name in row[r1]
    # date … seal, document, approver, custodian, approved 2, printed 2, voided 1, recalled 0, request
    assert row[r1][-5:] == ["2", "2", "1", "0", r1] and row[r2][-5:] == ["2", "3", "0", "0", r2]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Droid Sans Fallback" in fonts and " yes yes yes " in fonts  # embedded, subset, with ToUnicode
    exports = list(station.journal.entries(kinds=(JournalKind.REPORT_EXPORTED,)))
    assert [(e.actor, e.data["format"]) for e in exports] == [("admin", "xlsx"), ("auditor", "pdf")]

    # The office stamps the PDF with its own seal through the normal flow, and it verifies.
    stamped = stamp_approved(station, pin, pdf, tmp_path / "month-stamped.pdf", seal="official")
    assert station.audit().verify(stamped.output).valid


def test_the_report_is_for_the_office_and_auditors_only(station, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    with pytest.raises(PermissionDeniedError, match="custodian may not export the monthly report"):
        station.archive().monthly_report(tmp_path / "m.xlsx", month="2026-11", by="custodian", password=password("custodian"),
                               location=str(archive))
    with pytest.raises(ConfigError, match=r"\.xlsx, \.pdf or \.csv"):
        station.archive().monthly_report(tmp_path / "m.docx", month="2026-11", by="admin", password=password("admin"),
                               location=str(archive))
    with pytest.raises(ConfigError, match="YYYY-MM"):
        station.archive().monthly_report(tmp_path / "m.pdf", month="11/2026", by="admin", password=password("admin"),
                               location=str(archive))
    assert not list(tmp_path.glob("m.*"))


def test_not_registered_sightings_are_listed_in_their_month(tmp_path):
    from sealstation.archive.registration import Registration
    from sealstation.archive.sightings import record_sightings

    archive = FolderArchive.create(tmp_path / "archive")
    answers = [Registration("Seal-1", "ab" * 32), Registration("Seal-2", "cd" * 32, station="s", custodian="c",
                                                                 request="R", at="2026-11-02T00:00:00+00:00")]
    # 2026-11-30 20:00 UTC is 2026-12-01 04:00 in the office: December's.
    for at in (dt.datetime(2026, 11, 3, 2, tzinfo=dt.timezone.utc), dt.datetime(2026, 11, 30, 20, tzinfo=dt.timezone.utc)):
        assert len(record_sightings(archive, "外来.pdf", answers, [], now=at)) == 1  # the registered one is not
    november = monthly_summary(archive, None, "2026-11")
    [(station, what, detail)] = november.findings
    assert what == "NOT REGISTERED" and "外来.pdf" in detail and "Seal-1" in detail and "abababab" in detail
    assert len(monthly_summary(archive, None, "2026-12").findings) == 1


def test_a_sighting_of_a_stamp_that_reached_the_archive_later_is_no_finding(station, pin, tmp_path):
    """verify --archive run before the station synced records a sighting; once the stamp is in, it is not a finding."""
    from sealstation.archive.registration import find_registrations, signature_digests
    from sealstation.archive.sightings import record_sightings

    archive = FolderArchive.create(tmp_path / "archive")
    station.archive().sync(str(archive.root))
    [out] = stamp_some(station, pin, tmp_path, 1)
    answers = find_registrations(archive, station.ca_cert, signature_digests(out))
    assert not answers[0].registered  # not sent yet
    record_sightings(archive, out.name, answers, [], now=station.now())
    month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")

    def not_registered(**kw):
        return [d for _, w, d in monthly_summary(archive, station.ca_cert, month, **kw).findings if w == "NOT REGISTERED"]

    assert len(not_registered()) == 1 and out.name in not_registered()[0]
    station.archive().sync(str(archive.root))
    assert not_registered() == [] and not_registered(stations=["station-b"]) == []


def test_a_long_finding_is_whole_in_the_pdf(tmp_path):
    """Findings wrap onto further lines: the end of a long one (e.g. who recorded a sighting) is not cut off."""
    from sealstation.archive.report_pdf import write_summary_pdf
    from sealstation.archive.summary import MonthlySummary

    detail = ("segment 12 (entries 40001–45000) does not extend what the station sent before: " * 3
              + "entry 40321 differs (the first diverging entry). 记录在发送后被回滚或改写 END-OF-FINDING")
    write_summary_pdf(MonthlySummary("2026-11", findings=[("station-a", "diverged", detail)]), tmp_path / "m.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "m.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "…" not in text.split("二、合计")[0]
    assert "entry 40321 differs (the first diverging entry)." in flat and "END-OF-FINDING" in flat
