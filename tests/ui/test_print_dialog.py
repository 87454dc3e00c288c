"""The print dialog driven as a person would: it shows the counts, prints through QPrinter, explains a failure."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from support.printing import read_qr_codes, stamped_document
from support.station_fixtures import password
from ui.main_window import MainWindow
from ui.print_dialog import TO_PDF


@pytest.fixture
def window(qtbot, station):
    win = MainWindow(station)
    qtbot.addWidget(win)
    return win


def test_print_through_the_dialog_to_pdf(qtbot, window, pin, tmp_path, artifacts):
    stamped = stamped_document(window.station, pin, tmp_path)
    dialog = window.open_print_dialog(stamped)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "approved 2 · 已打印 printed 0 · 剩余 left 2" in dialog.counts.text()
    dialog.printer_box.setCurrentIndex(dialog.printer_box.findData(TO_PDF))
    dialog.copies.setValue(2)
    dialog.password_edit.setText(password("custodian"))
    out = tmp_path / "copies.pdf"
    dialog.ask_pdf_path = lambda: out
    dialog.grab().save(str(artifacts / "ui-print-dialog.png"))
    qtbot.mouseClick(dialog.print_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None or "Not printed" in dialog.status.text(), timeout=60000)
    assert dialog.result.printed == 2, dialog.status.text()
    assert "left 0" in dialog.counts.text() or "none is left" in dialog.counts.text()
    assert all("已接受 accepted" in dialog.progress_list.item(i).text() for i in range(2))
    dialog.grab().save(str(artifacts / "ui-print-dialog-done.png"))
    assert len(read_qr_codes(out)) == 4


def test_mono_is_warned_and_a_failed_job_is_explained(qtbot, window, pin, tmp_path):
    stamped = stamped_document(window.station, pin, tmp_path)
    dialog = window.open_print_dialog(stamped)
    qtbot.addWidget(dialog)
    dialog.mono.setChecked(True)
    dialog.printer_box.addItem("NoSuchPrinter (彩色 colour)", "NoSuchPrinter")
    dialog.printer_box.setCurrentIndex(dialog.printer_box.count() - 1)
    assert "seal is red" in dialog.warning.text()
    dialog.password_edit.setText(password("custodian"))
    qtbot.mouseClick(dialog.print_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None or "Not printed" in dialog.status.text(), timeout=60000)
    assert dialog.result.printed == 0
    assert "Not counted" in dialog.status.text() and "does not use up the approval" in dialog.status.text()
    assert "left 2" in dialog.counts.text()
