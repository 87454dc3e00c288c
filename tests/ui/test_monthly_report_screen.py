"""The office's monthly report in the window: the month shown (per seal, per station, chart, findings, the
archive's verification), then exported to the PDF the office files and to a workbook, driven as a person would."""

from __future__ import annotations

import subprocess

import openpyxl
import pytest
from PySide6.QtCore import Qt

from sealstation.archive.backend import FolderArchive
from sealstation.archive.config import ArchiveConfig
from sealstation.journal.journal import JournalKind
from support.archive import print_job, requests_stamped
from support.i18n_check import chinese, chinese_leftovers, english_leftovers
from support.printing import print_to_pdf, stamped_document
from support.station_fixtures import password
from support.window import log_in, window_settings
from ui.main_window import MainWindow

NAME = '=HYPERLINK("evil.example","click")'
DOCUMENT = NAME + ".pdf"
"""The approved document's name: a formula in a spreadsheet unless the export keeps it text."""


@pytest.fixture
def month(station, pin, tmp_path):
    """The demo station after a stamp of ``DOCUMENT`` and a print of its two copies, synced to a folder archive."""
    archive = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))
    stamped = stamped_document(station, pin, tmp_path, name=NAME)
    print_to_pdf(station, stamped, tmp_path / "copies.pdf", 2)
    station.archive().sync()
    return station


def open_report(qtbot, station, tmp_path, user: str = "admin"):
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    log_in(qtbot, win, user)
    win.role_actions["monthlyReportAction"].trigger()
    screen = win.views["monthlyReportAction"]
    qtbot.waitUntil(lambda: screen.overview is not None or screen.last_error is not None, timeout=30000)
    return win, screen


def cells(table) -> list[list[str]]:
    model = table.model()
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())]


def export(qtbot, screen, out) -> None:
    screen.out_edit.clear()
    qtbot.keyClicks(screen.out_edit, str(out))  # typed: QTest types ASCII only
    qtbot.keyClicks(screen.password_edit, password(screen.user))
    screen.result = None
    qtbot.mouseClick(screen.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.result is not None, timeout=60000)


def test_the_office_sees_the_month_then_files_it_as_pdf_and_xlsx(qtbot, month, tmp_path, artifacts):
    station = month
    win, screen = open_report(qtbot, station, tmp_path)
    assert win.stack.currentWidget() is screen and screen.last_error is None
    stamps = list(station.journal.entries(kinds=(JournalKind.STAMP_DONE,)))
    jobs = list(station.journal.entries(kinds=(JournalKind.PRINT_JOB,)))
    copies = sum(len(e.data["copies"]) for e in jobs)
    assert len(stamps) == 1 and copies == 2
    seal = station.seals.get(stamps[0].data["seal"])
    # The seal by its name as engraved, its uses as the journal has them; the station's uses and printing likewise.
    assert cells(screen.seal_table) == [[seal.name, "1", "1", "1"]]
    assert screen.seal_table.item(0, 0).toolTip() == seal.seal_id
    assert cells(screen.station_table) == [["test-station", "1", "1", str(copies), "0", "0", "0"]]
    assert sum(screen.chart.totals()) == 1 and screen.chart.series[0][0] == seal.name
    assert "Verified: the " in screen.verified_label.text() and "test-station" in screen.summary_label.text()
    assert cells(screen.findings_table) == []
    assert not chinese_leftovers(screen, allow={seal.name}, visible_only=True)
    screen.window().resize(1280, 860)
    qtbot.wait(50)
    win.grab().save(str(artifacts / "ui-monthly-report-en.png"))

    pdf = tmp_path / "month.pdf"
    export(qtbot, screen, pdf)
    assert screen.password_edit.text() == "" and "Exported month.pdf: 1 seal uses" in screen.message.text()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    o = screen.overview
    assert f"报表期间：{o.period[0]} 至 {o.period[1]}" in text and "涵盖站点（1 个）：test-station" in text
    assert "档案核验结果：通过。1 个站点的" in text
    pages = ["".join(page.split()) for page in text.split("\f")[:-1]]
    assert all(f"第{i}页共{len(pages)}页" in page for i, page in enumerate(pages, 1))
    register = text.split("三、签盖记录")[1].split("四、在线打印情况")[0]
    [row] = [line for line in register.splitlines() if stamps[0].data["request"] in line]
    assert seal.name in row and DOCUMENT[:12] in row and "custodian" in row and "gm" in row
    assert row.split()[-5:] == ["2", "2", "0", "0", stamps[0].data["request"]]  # approved, printed, voided, recalled

    xlsx = tmp_path / "month.xlsx"
    qtbot.keyClicks(screen.format_box, "E")  # the Excel workbook, chosen from the keyboard
    assert screen.out_edit.text().endswith(".xlsx")
    export(qtbot, screen, xlsx)
    sheet = openpyxl.load_workbook(xlsx)["签盖记录 Stamping"]
    header = [c.value for c in sheet[1]]
    [values] = [dict(zip(header, (c for c in row))) for row in sheet.iter_rows(min_row=2)]
    document = values["文件 Document"]
    assert document.value == DOCUMENT and document.data_type == "s"  # text, not a formula
    exports = list(station.journal.entries(kinds=(JournalKind.REPORT_EXPORTED,)))
    assert [(e.actor, e.data["format"], e.data["stamps"]) for e in exports] == [("admin", "pdf", 1),
                                                                                 ("admin", "xlsx", 1)]


def test_the_month_in_chinese_with_its_findings_in_words(qtbot, month, tmp_path, artifacts):
    """Three more copies printed than approved: the report's finding, named in Chinese once the window switches to
    Chinese; the Report button opens the same view for someone logged in."""
    [(request, document)] = requests_stamped(month)
    print_job(month, request, document, 3, first_serial=3)
    month.archive().sync()
    win, screen = open_report(qtbot, month, tmp_path, "auditor")  # shown in English, then the language switched
    assert screen.verified_label.text().startswith("Verified")
    with chinese():
        screen.window().resize(1280, 860)
        qtbot.waitUntil(lambda: "核验通过" in screen.verified_label.text())
        assert screen.export_button.text() == "导出(&E)" and screen.chart.accessibleName() == "每日用印次数"
        assert cells(screen.findings_table) == [["test-station", "打印情况与审批不符", "报表核对"]]
        assert cells(screen.station_table)[0][3] == "5"
        leftovers = english_leftovers(screen, allow={"custodian", "test", "station", "admin", "auditor", "gm"},
                                      visible_only=True)
        screen.findings_table.selectRow(0)
        assert screen.finding_detail.text().startswith("test-station：打印情况与审批不符。档案记录原文：")
        qtbot.wait(100)  # the detail's lines laid out before the screenshot
        win.grab().save(str(artifacts / "ui-monthly-report-zh.png"))
        qtbot.mouseClick(win.report_button, Qt.LeftButton)
        assert win.stack.currentWidget() is screen
    assert not leftovers, leftovers


def test_a_custodian_has_no_report_and_the_core_refuses_it(qtbot, month, tmp_path):
    from sealstation.errors import PermissionDeniedError

    win = MainWindow(month, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    log_in(qtbot, win, "custodian")
    assert not win.role_actions["monthlyReportAction"].isVisible() and win.open_view("monthlyReportAction") is None
    with pytest.raises(PermissionDeniedError) as refused:
        month.archive().monthly_overview("custodian", month=month.now().strftime("%Y-%m"))
    assert refused.value.code == "role_missing"
