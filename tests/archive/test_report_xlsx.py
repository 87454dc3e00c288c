"""The workbook written while the archive is read (a child process) against the one written from a summary."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import openpyxl
import pytest

from sealstation.archive.backend import FolderArchive
from sealstation.archive.report import build_report
from sealstation.archive.report_xlsx import SHEETS, WorkbookProcess, write_summary_xlsx
from sealstation.archive.summary import MonthlySummary, PrintRow, StampRow
from sealstation.errors import ArchiveUnreachableError, OutputExistsError


def _summary() -> MonthlySummary:
    s = MonthlySummary("2026-11")
    for i, station in enumerate(("s-1", "s-1", "s-2")):
        s.stamps.append(StampRow(f"2026-11-0{i + 1}", "09:30:00", station, ("contract", "official")[i % 2],
                                 f"合同-{i}.pdf", "合同用印", "gm", "custodian", f"R{i}", 2 if i else None, "ab" * 32))
        s.prints.append(PrintRow(station, f"R{i}", f"合同-{i}.pdf", 2 if i else None, printed=3, voided=i, extra=1))
    s.findings.append(("s-2", "print", "request R2 (合同-2.pdf): 3 copies printed, 2 approved"))
    return s


def _content(path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {name: (ws.freeze_panes, ws.auto_filter.ref, len(ws._charts), [c.font.b for c in ws[1]],
                   list(ws.iter_rows(values_only=True))) for name, ws in ((n, wb[n]) for n in wb.sheetnames)}


def test_the_streamed_workbook_is_the_summary_s_workbook(tmp_path):
    summary = _summary()
    write_summary_xlsx(summary, tmp_path / "here.xlsx")
    with WorkbookProcess(tmp_path / "streamed.xlsx") as book:
        book.rows(summary.stamps[:2], summary.prints[:2])  # as two stations are read
        book.rows(summary.stamps[2:], summary.prints[2:])
        book.finish(summary)
    content = _content(tmp_path / "streamed.xlsx")
    assert content == _content(tmp_path / "here.xlsx")
    assert list(content) == list(SHEETS)
    freeze, ref, charts, bold, rows = content[SHEETS[1]]
    assert (freeze, ref, bold[0], len(rows)) == ("A2", "A1:L4", True, 4) and rows[1][10] is None
    assert content[SHEETS[7]][2] == 1  # the chart
    assert content[SHEETS[0]][4][1] == ("s-2", "print", "request R2 (合同-2.pdf): 3 copies printed, 2 approved")


def test_an_archive_failing_while_read_leaves_no_workbook_and_no_writer(tmp_path):
    class Failing(FolderArchive):
        def segments(self, station):
            raise ArchiveUnreachableError("The office archive went away.")
            yield

    archive = Failing(FolderArchive.create(tmp_path / "archive").root)
    (archive.root / "stations" / "s-1").mkdir(parents=True)
    with pytest.raises(ArchiveUnreachableError, match="went away"):
        build_report(archive, None, tmp_path / "m.xlsx", month="2026-11", now=dt.datetime.now(dt.timezone.utc))
    assert list(tmp_path.glob("*m.xlsx*")) == []
    assert multiprocessing.active_children() == []


def test_a_writer_s_error_reaches_the_caller_with_its_type(tmp_path):
    out = tmp_path / "m.xlsx"
    summary = _summary()
    with WorkbookProcess(out) as book:
        book.rows(summary.stamps, summary.prints)
        out.write_bytes(b"someone else's file")  # taken while the archive was read
        with pytest.raises(OutputExistsError):
            book.finish(summary)
    assert out.read_bytes() == b"someone else's file" and multiprocessing.active_children() == []


def test_a_writer_process_that_does_not_start_is_a_clear_error(tmp_path, monkeypatch):
    from sealstation.errors import OutputError

    def refuse(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", refuse)
    with pytest.raises(OutputError, match="its writer process does not start") as caught:
        WorkbookProcess(tmp_path / "m.xlsx")
    assert ".pdf or .csv" in caught.value.hint and not (tmp_path / "m.xlsx").exists()
