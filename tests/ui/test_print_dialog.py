"""The print dialog driven as a person would: it shows the counts, prints through QPrinter, explains a failure.

The dialog speaks its English source here (no catalogue installed); tests/ui/test_translations.py checks it in
Chinese.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt, QThreadPool

from support.cups_printer import test_printer  # noqa: F401 - the fixture
from support.pdfs import make_text_pdf
from support.printing import print_to_pdf, read_qr_codes, stamped_document
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
    assert "approved 2 · printed 0 · left 2" in dialog.counts.text()
    dialog.printer_box.setCurrentIndex(dialog.printer_box.findData(TO_PDF))
    dialog.copies.setValue(2)
    dialog.password_edit.setText(password("custodian"))
    out = tmp_path / "copies.pdf"
    dialog.ask_pdf_path = lambda: out
    dialog.grab().save(str(artifacts / "ui-print-dialog.png"))
    qtbot.mouseClick(dialog.print_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None or hasattr(dialog, "last_error"), timeout=60000)
    assert dialog.result.printed == 2, dialog.status.text()
    assert "approved 2 · printed 2 · left 0" in dialog.counts.text()
    assert not dialog.print_button.isEnabled()
    assert dialog.cancel_button.text() == "Close"  # "Cancel" after the copies counted would alarm
    assert all(": accepted" in dialog.progress_list.item(i).text() for i in range(2))
    qtbot.wait(200)  # the new counts laid out, as a person sees them
    dialog.grab().save(str(artifacts / "ui-print-dialog-done.png"))
    assert len(read_qr_codes(out)) == 4


def test_mono_is_warned_and_a_failed_job_is_explained(qtbot, window, pin, tmp_path):
    stamped = stamped_document(window.station, pin, tmp_path)
    dialog = window.open_print_dialog(stamped)
    qtbot.addWidget(dialog)
    dialog.mono.setChecked(True)
    dialog.printer_box.addItem("NoSuchPrinter (colour)", "NoSuchPrinter")
    dialog.printer_box.setCurrentIndex(dialog.printer_box.count() - 1)
    assert "seal is red" in dialog.warning.text()
    dialog.password_edit.setText(password("custodian"))
    qtbot.mouseClick(dialog.print_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None or hasattr(dialog, "last_error"), timeout=60000)
    assert dialog.result.printed == 0
    assert "Not counted" in dialog.status.text() and "does not use up the approval" in dialog.status.text()
    assert "left 2" in dialog.counts.text()


def test_counts_add_up_every_approval_of_the_file(qtbot, window, pin, tmp_path):
    stamped = stamped_document(window.station, pin, tmp_path)
    print_to_pdf(window.station, stamped, tmp_path / "first.pdf", 2)
    window.station.approving().allow_extra_copies(stamped, copies=3, approver="gm", password=password("gm"), reason="partner")
    dialog = window.open_print_dialog(stamped)
    qtbot.addWidget(dialog)
    assert "approved 5 · printed 2 · left 3" in dialog.counts.text()
    assert "extra copies " in dialog.counts.text() and "2/2" in dialog.counts.text() and "0/3" in dialog.counts.text()
    assert dialog.copies.maximum() == 3 and dialog.print_button.isEnabled()


def test_a_document_that_may_not_be_printed_is_explained_and_print_is_off(qtbot, window, tmp_path):
    plain = make_text_pdf(tmp_path / "plain.pdf", 1)
    dialog = window.open_print_dialog(plain)
    qtbot.addWidget(dialog)
    assert "not stamped" in dialog.counts.text() and "Not printed" in dialog.status.text()
    assert not dialog.print_button.isEnabled()


@pytest.mark.slow
def test_print_through_the_dialog_to_the_test_printer(qtbot, window, pin, tmp_path, artifacts, test_printer):
    # libcups keeps, per thread, the first server a thread asked for: the pool threads earlier tests used still
    # name the default one. waitForDone() ends them, so the print runs on a new thread that reads CUPS_SERVER.
    QThreadPool.globalInstance().waitForDone()
    stamped = stamped_document(window.station, pin, tmp_path)
    dialog = window.open_print_dialog(stamped)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    index = dialog.printer_box.findData(test_printer.queue)
    assert index >= 0, [dialog.printer_box.itemText(i) for i in range(dialog.printer_box.count())]
    dialog.printer_box.setCurrentIndex(index)
    assert "(black and white)" in dialog.printer_box.currentText()  # ippeveprinter's default printer is monochrome
    assert "seal is red" in dialog.warning.text()
    dialog.copies.setValue(2)
    dialog.password_edit.setText(password("custodian"))
    dialog.grab().save(str(artifacts / "ui-print-dialog-printer.png"))
    qtbot.mouseClick(dialog.print_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None or hasattr(dialog, "last_error"), timeout=180000)
    qtbot.wait(200)  # the new counts laid out, as a person sees them
    dialog.grab().save(str(artifacts / "ui-print-dialog-printer-done.png"))
    assert dialog.result.printed == 2, dialog.status.text()
    texts = [dialog.progress_list.item(i).text() for i in range(dialog.progress_list.count())]
    assert len(texts) == 2 and all(": accepted (job " in t for t in texts), texts
    assert "printed 2 · left 0" in dialog.counts.text()
    deadline = time.monotonic() + 60
    while len(test_printer.received()) < 2:
        assert time.monotonic() < deadline, "the printer did not receive both copies"
        time.sleep(0.2)
    codes = [read_qr_codes(job, dpi=300)[0] for job in test_printer.received()]
    assert [window.station.audit().verify_copy(c).payload.number for c in codes] == [1, 2]
    assert all(window.station.audit().verify_copy(c).current for c in codes)


def test_without_the_offices_leave_the_dialog_offers_no_pdf_file(qtbot, window, pin, tmp_path, artifacts):
    """A production station (the office's policy has print_to_file off) prints only to printers."""
    from dataclasses import replace

    from support.station_fixtures import office_authority

    stamped = stamped_document(window.station, pin, tmp_path)
    window.station.setup().sign_policy(replace(window.station.policy, print_to_file=False), by="admin",
                               password=password("admin"), authority=office_authority())
    dialog = window.open_print_dialog(stamped)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.printer_box.findData(TO_PDF) == -1
    if dialog.printer_box.count() == 0:  # this machine's CUPS has no queue: nothing to print to, and it says so
        assert not dialog.print_button.isEnabled()
        assert "No printer is set up" in dialog.status.text()
    dialog.grab().save(str(artifacts / "ui-print-dialog-no-file.png"))


def test_no_copies_left_offers_extra_copies_approved_in_person(qtbot, window, pin, tmp_path, artifacts):
    stamped = stamped_document(window.station, pin, tmp_path)
    print_to_pdf(window.station, stamped, tmp_path / "first.pdf", 2)
    dialog = window.open_print_dialog(stamped)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "left 0" in dialog.counts.text() and "加印" in dialog.counts.text()
    assert not dialog.print_button.isEnabled() and dialog.extra_button.isVisible()
    qtbot.mouseClick(dialog.extra_button, Qt.LeftButton)
    extra = dialog.extra_dialog
    qtbot.waitExposed(extra)
    assert not extra.ok_button.isEnabled()  # nothing typed yet
    for who, secret in (("custodian", password("custodian")), ("gm", "not-the-password")):
        extra.approver_edit.setText(who)
        qtbot.keyClicks(extra.password_edit, secret)
        extra.copies.setValue(3)
        extra.reason_edit.setText("the partner needs three more")
        qtbot.mouseClick(extra.ok_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: "Not approved" in extra.message.text(), timeout=30000)
        assert extra.isVisible() and extra.password_edit.text() == ""
        assert extra.reason_edit.text() == "the partner needs three more"  # what was typed right is kept
    extra.grab().save(str(artifacts / "ui-extra-copies-dialog.png"))
    extra.approver_edit.setText("gm")
    qtbot.keyClicks(extra.password_edit, password("gm"))
    qtbot.mouseClick(extra.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not extra.isVisible(), timeout=30000)
    assert "approved 5 · printed 2 · left 3" in dialog.counts.text()
    assert dialog.print_button.isEnabled() and not dialog.extra_button.isVisible()
