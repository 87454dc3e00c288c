"""The monthly summary from an archive several stations write to; its figures checked against their journals."""

from __future__ import annotations

import csv
import datetime as dt

from sealstation.archive.backend import FolderArchive
from sealstation.archive.summary import REPORT_TZ, monthly_summary, write_summary_csv
from sealstation.journal.journal import JournalKind
from sealstation.seals.lifecycle import SealAction
from support.archive import another_station, stamp_some
from support.station_fixtures import office_authority


def print_job(station, request: str, document: str, n: int, kind: str = "first", status: str = "accepted",
              first_serial: int = 1):
    """A print record as the printing use case writes it (appended through the real journal)."""
    copies = [{"serial": f"{request}-{i:03d}", "number": i, "of": n} for i in range(first_serial, first_serial + n)]
    station.journal.append(JournalKind.PRINT_JOB, {
        "request": request, "document": document, "document_sha256": "0" * 64, "printer": "office-printer",
        "job": 7, "status": status, "copies": copies, "reason": "", "kind": kind}, actor="custodian")


def requests_stamped(station) -> list[tuple[str, str]]:
    return [(e.data["request"], e.data["document"]) for e in station.journal.entries(kinds=(JournalKind.STAMP_DONE,))]


def test_a_month_of_two_stations_in_one_archive(station, pin, tmp_path, station_template, seal_token):
    archive = FolderArchive.create(tmp_path / "archive").root
    stamp_some(station, pin, tmp_path / "a", 3, "a")
    (r1, d1), (r2, d2), (r3, d3) = requests_stamped(station)
    print_job(station, r1, d1, 2)
    print_job(station, r2, d2, 3)  # one over the two approved
    print_job(station, r2, d2, 1, kind="extra", first_serial=4)
    print_job(station, r1, d1, 1, status="failed")  # not counted
    station.journal.append(JournalKind.COPY_VOIDED, {"serial": f"{r1}-001", "request": r1, "reason": "卡纸"}, actor="custodian")
    station.journal.append(JournalKind.COPY_RECALLED, {"serials": [f"{r2}-001", f"{r2}-002"], "request": r2, "reason": "收回"},
                           actor="custodian")
    station.sync(str(archive))

    other = another_station(tmp_path / "b-home", station_template, seal_token, "station-b")
    try:
        stamp_some(other, pin, tmp_path / "b", 1, "b")
        other.seals.apply("official", SealAction.SUSPEND, authority=office_authority(), by="admin")
        other.sync(str(archive))
        [(rb, db)] = requests_stamped(other)
        print_job(other, rb, db, 2)
        other.sync(str(archive))
    finally:
        other.close()

    month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
    summary = monthly_summary(FolderArchive(archive), station.ca_cert, month)
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
    assert summary.totals()["station"] == {"test-station": 3, "station-b": 1}
    assert summary.totals()["seal"]["official"] == 4

    out = tmp_path / "汇总.csv"
    write_summary_csv(summary, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Chinese
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][0].startswith("签盖记录和在线打印情况汇总表")
    assert sum(1 for r in rows if len(r) > 9 and r[9].startswith("R")) == 4  # the stamping record's rows


def test_the_summary_names_a_use_of_a_suspended_seal(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    stamp_some(station, pin, tmp_path, 1)
    # As a station would journal a use it should have refused (e.g. an older build): the archive still sees it.
    station.seals.apply("official", SealAction.SUSPEND, authority=office_authority(), by="admin")
    station.journal.append(JournalKind.STAMP_DONE, {"request": "R-late", "seal": "official", "document": "late.pdf",
                                                    "custodian": "custodian", "sha256_after": "1" * 64})
    station.sync(str(archive))
    month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
    summary = monthly_summary(FolderArchive(archive), station.ca_cert, month)
    assert any(w == "seal" and "suspended" in d and "late.pdf" in d for _, w, d in summary.findings)
