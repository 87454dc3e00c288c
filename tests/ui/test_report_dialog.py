"""The office's Report action in the window, driven as a person would: log in, pick, export, watch the bar."""

from __future__ import annotations

import datetime as dt

import openpyxl
from PySide6.QtCore import Qt

from sealstation.archive.backend import FolderArchive
from sealstation.archive.config import ArchiveConfig
from sealstation.archive.summary import REPORT_TZ
from sealstation.journal.journal import JournalKind
from support.archive import stamp_some
from support.station_fixtures import password
from ui.main_window import MainWindow


def open_report(qtbot, station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))
    stamp_some(station, pin, tmp_path, 2)
    station.archive().sync()
    win = MainWindow(station)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.mouseClick(win.report_button, Qt.LeftButton)
    dialog = win.report_dialog
    qtbot.waitExposed(dialog)
    return win, dialog


def fill_in(qtbot, dialog, user: str, out) -> None:
    qtbot.keyClicks(dialog.user_edit, user)
    qtbot.keyClicks(dialog.password_edit, password(user))
    dialog.out_edit.clear()
    qtbot.keyClicks(dialog.out_edit, str(out))


def test_the_office_exports_the_month_as_a_workbook(qtbot, station, pin, tmp_path, artifacts):
    win, dialog = open_report(qtbot, station, pin, tmp_path)
    month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
    assert dialog.month_box.currentText() == month
    assert [dialog.station_list.item(i).text() for i in range(dialog.station_list.count())] == ["test-station"]
    out = tmp_path / "month-report.xlsx"  # typed: QTest types ASCII only
    fill_in(qtbot, dialog, "admin", out)
    dialog.grab().save(str(artifacts / "ui-report-dialog.png"))
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    assert dialog.progress.value() == dialog.progress.maximum()
    assert sum(n for _kind, n in dialog.result.finding_kinds) == dialog.result.findings
    assert "2 seal uses" in dialog.message.text() and dialog.password_edit.text() == ""
    qtbot.wait(200)  # the message's new lines laid out before the screenshot
    dialog.grab().save(str(artifacts / "ui-report-dialog-exported.png"))
    rows = list(openpyxl.load_workbook(out)["签盖记录 Stamping"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2 and {r[8] for r in rows} == {"test-station"}
    [entry] = station.journal.entries(kinds=(JournalKind.REPORT_EXPORTED,))
    assert entry.actor == "admin" and entry.data["stations"] == ["test-station"]


def test_a_custodian_is_refused_with_a_clear_message(qtbot, station, pin, tmp_path):
    win, dialog = open_report(qtbot, station, pin, tmp_path)
    out = tmp_path / "month-report.xlsx"  # typed: QTest types ASCII only
    fill_in(qtbot, dialog, "custodian", out)
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: hasattr(dialog, "last_error"), timeout=30000)
    assert dialog.last_error.code == "report_role"
    assert dialog.message.text() == ("Not exported: custodian may not export the monthly report.\n"
                                     "The office or an auditor exports it.")
    assert not out.exists() and dialog.export_button.isEnabled()
    assert not list(station.journal.entries(kinds=(JournalKind.REPORT_EXPORTED,)))


def test_the_months_offered_follow_the_stations_clock(qtbot, station):
    """The station's clock, not the computer's: on the office's 1 March (UTC+8), March is first, then February."""
    from ui.report_dialog import ReportDialog

    station.clock = lambda: dt.datetime(2027, 2, 28, 17, 30, tzinfo=dt.timezone.utc)  # 01:30 on 1 March in UTC+8
    dialog = ReportDialog(station)
    qtbot.addWidget(dialog)
    assert [dialog.month_box.itemText(i) for i in range(2)] == ["2027-03", "2027-02"]


def test_the_findings_are_named_by_kind_in_the_windows_language(qtbot, station, tmp_path):
    """The export's message counts the findings by kind, each kind named in Chinese (the archive's word is English)."""
    from sealstation.archive.report import MonthlyReportResult
    from support.i18n_check import chinese
    from ui.report_dialog import ReportDialog

    out = tmp_path / "2026-12.xlsx"
    result = MonthlyReportResult(out, "2026-12", 4, 2, 3, (("diverged", 1), ("time", 2)))
    with chinese():
        dialog = ReportDialog(station)
        qtbot.addWidget(dialog)
        dialog._done(result)  # what the export task hands back
        text = dialog.message.text()
    assert text.splitlines()[:3] == ["已导出 2026-12.xlsx：用印 4 次，打印文件 2 份，发现问题 3 项。",
                                     "历史记录被改写或回滚：1", "签章站时钟异常：2"], text
