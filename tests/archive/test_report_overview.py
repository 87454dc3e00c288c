"""The month as the window shows it (:func:`overview_of`) and the PDF the office files, from one summary: the
register's printing columns, the archive's verification result, the seals by name, numbered pages."""

from __future__ import annotations

import subprocess

from sealstation.archive.overview import overview_of
from sealstation.archive.report_pdf import write_summary_pdf
from sealstation.archive.summary import MonthlySummary, PrintRow, StampRow, StationCheck


def _summary() -> MonthlySummary:
    s = MonthlySummary("2026-11", stations=["s-1", "s-2", "s-silent"],
                       checks=[StationCheck("s-1", 4, 40, "2026-11-30T23:00:00+00:00", 0),
                               StationCheck("s-2", 3, 30, "2026-11-29T23:00:00+00:00", 1)],
                       seal_names={"contract": "示例科技有限公司合同专用章"}, read_at="2026-12-01T02:00:00+00:00")

    def stamp(station, request, seal, day, document):
        return StampRow(f"2026-11-{day:02d}", "10:00:00", station, seal, document, "合同用印", "gm", "custodian",
                        request, 2, "ab" * 32)

    s.stamps += [stamp("s-1", "R1", "contract", 3, "合同-1.pdf"), stamp("s-1", "R1", "official", 3, "合同-1.pdf"),
                 stamp("s-2", "R2", "contract", 5, "=HYPERLINK(\"x\",\"y\").pdf")]
    s.prints += [PrintRow("s-1", "R1", "合同-1.pdf", 2, printed=2, voided=1),
                 PrintRow("s-2", "R2", "=HYPERLINK(\"x\",\"y\").pdf", 2, printed=3, extra=1, extra_approved=1),
                 PrintRow("s-2", "R0", "上月合同.pdf", 2, printed=1, recalled=2)]
    s.findings += [("s-2", "diverged", "segment 3 does not extend what the station sent before"),
                   ("s-2", "print", "request R2: 3 copies printed, 2 approved"),
                   ("s-silent", "silent", "the station never reported to this archive")]
    return s


def test_the_overview_counts_what_the_summary_holds():
    o = overview_of(_summary())
    assert o.period == ("2026-11-01", "2026-11-30") and o.stations == ("s-1", "s-2", "s-silent")
    assert not o.verified and o.segments == 7 and o.stamps == 3 and o.copies == 7 and o.documents_printed == 3
    assert [(x.seal, x.name, x.uses, x.stations, x.documents) for x in o.seals] == [
        ("contract", "示例科技有限公司合同专用章", 2, 2, 2), ("official", "official", 1, 1, 1)]
    assert [(x.station, x.uses, x.documents_printed, x.copies, x.voided, x.recalled, x.segments, x.findings)
            for x in o.per_station] == [("s-1", 2, 1, 2, 1, 0, 4, 0), ("s-2", 1, 2, 5, 0, 2, 3, 2),
                                        ("s-silent", 0, 0, 0, 0, 0, 0, 1)]
    assert [(f.what, f.archive) for f in o.findings] == [("diverged", True), ("print", False), ("silent", True)]
    assert sum(sum(counts) for _seal, counts in o.uses_per_day) == 3 and len(o.days) == 30


def test_the_pdf_holds_the_register_the_verification_and_numbered_pages(tmp_path):
    pdf = tmp_path / "month.pdf"
    write_summary_pdf(_summary(), pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "报表期间：2026-11-01 至 2026-11-30" in text and "涵盖站点（3 个）：s-1、s-2、s-silent" in text
    assert "档案核验结果：未通过。" in text and "历史记录被改写或回滚 1 项" in text and "签章站未上报 1 项" in text
    register = text.split("三、签盖记录")[1].split("四、在线打印情况")[0]
    rows = {(line.split()[2], line.split()[3]): line.split() for line in register.splitlines()
            if line.startswith("2026-11-")}
    # date time station seal document approver custodian approved printed [extra] [replacement] voided recalled request
    assert rows[("s-1", "示例科技有限公司合同专用章")][-5:] == ["2", "2", "1", "0", "R1"]
    assert rows[("s-1", "official")][-3:] == ["2", "同上", "R1"]  # the request's second stamp: printed once
    assert rows[("s-2", "示例科技有限公司合同专用章")][-6:] == ["2", "3", "1/1", "0", "0", "R2"]
    assert '=HYPERLINK("x","y").pdf' in register  # drawn as written: a PDF runs nothing
    printing = text.split("四、在线打印情况")[1]
    assert "上月合同.pdf" in printing and "R0" in printing and "R1" not in printing.split("此前月份用印的文件")[1]
    pages = ["".join(page.split()) for page in text.split("\f")[:-1]]
    assert all(f"第{i}页共{len(pages)}页" in page for i, page in enumerate(pages, 1))
    # Rendered by poppler as a reader sees it: the cover carries ink (the Chinese drawn, not blank boxes).
    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
                   check=True)
    [image] = list(tmp_path.glob("p-*.pgm"))
    pixels = image.read_bytes().split(b"\n", 3)[3]
    assert sum(1 for b in pixels if b < 128) > 500


def test_the_month_shown_is_the_workbook_exported(tmp_path, monkeypatch):
    """The window's export writes the reading it showed, through the workbook's child process, in chunks."""
    import openpyxl

    from sealstation.archive import report
    from sealstation.archive.report_xlsx import SHEETS

    summary = _summary()
    monkeypatch.setattr(report, "_CHUNK", 2)  # two chunks for three rows
    report.export_summary(summary, tmp_path / "month.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "month.xlsx")
    stamping = list(wb[SHEETS[1]].iter_rows(min_row=2, values_only=True))
    printing = list(wb[SHEETS[2]].iter_rows(min_row=2, values_only=True))
    assert [r[-3] for r in stamping] == ["R1", "R1", "R2"] and [r[-1] for r in printing] == ["R1", "R2", "R0"]
    assert stamping[2][4] == '=HYPERLINK("x","y").pdf' and wb[SHEETS[1]].cell(4, 5).data_type == "s"
