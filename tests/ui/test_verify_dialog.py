"""Verifying a stamped file or a paper copy in the window, without a terminal (issue 18, the auditor)."""

from __future__ import annotations


from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from support.printing import print_to_pdf, read_qr_codes, stamped_document
from support.window import log_in, window_settings
from ui.main_window import MainWindow
from ui.verify_dialog import VerifyDialog


def _dialog(qtbot, station) -> VerifyDialog:
    dialog = VerifyDialog(station)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _wait(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=30000)


def _drop(dialog, path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    dialog.dropEvent(event)


def test_a_stamped_file_dropped_is_valid_with_its_seal(qtbot, station, pin, tmp_path, artifacts):
    stamped = stamped_document(station, pin, tmp_path)
    dialog = _dialog(qtbot, station)
    _drop(dialog, stamped)
    _wait(qtbot, dialog)
    assert dialog.file_verdict.text().startswith("VALID")
    details = dialog.file_details.toPlainText()
    seal = station.audit().verify(stamped).signatures[0]
    assert "Signature 1: good" in details
    assert seal.seal_name in details and seal.signer in details
    assert "page 2" in details and "the whole file" in details
    dialog.grab().save(str(artifacts / "ui-verify-file.png"))


def test_a_changed_file_is_not_valid(qtbot, station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    changed = tmp_path / "changed.pdf"
    data = bytearray(stamped.read_bytes())
    at = data.index(b"\n%") + 2  # the header's binary comment: signed bytes, yet the file still opens
    data[at] ^= 0x01
    changed.write_bytes(bytes(data))
    dialog = _dialog(qtbot, station)
    dialog.verify_file(changed)
    _wait(qtbot, dialog)
    assert dialog.file_verdict.text().startswith("NOT VALID")


def test_a_file_that_is_no_pdf_is_explained(qtbot, station, tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    dialog = _dialog(qtbot, station)
    dialog.verify_file(junk)
    _wait(qtbot, dialog)
    assert "NOT VALID" in dialog.file_verdict.text() or "Could not check" in dialog.file_verdict.text()
    assert "Traceback" not in dialog.file_details.toPlainText()


def test_a_printed_copy_is_genuine_with_its_number(qtbot, station, pin, tmp_path, artifacts):
    stamped = stamped_document(station, pin, tmp_path)
    copies = tmp_path / "copies.pdf"
    print_to_pdf(station, stamped, copies, 2)
    codes = [c for c in read_qr_codes(copies) if c]
    assert codes
    dialog = _dialog(qtbot, station)
    dialog.tabs.setCurrentIndex(1)
    dialog.copy_edit.setText(codes[-1])  # a scanner types the code and presses Enter
    qtbot.keyClick(dialog.copy_edit, Qt.Key_Return)
    _wait(qtbot, dialog)
    verdict = dialog.copy_verdict.text()
    assert verdict.startswith("GENUINE") and "of 2" in verdict and "printed and current" in verdict
    assert "Request:" in dialog.copy_details.toPlainText()
    dialog.grab().save(str(artifacts / "ui-verify-copy.png"))


def test_a_forged_or_garbled_code_is_refused_in_words(qtbot, station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    copies = tmp_path / "copies.pdf"
    print_to_pdf(station, stamped, copies, 1)
    code = [c for c in read_qr_codes(copies) if c][0]
    assert ";c=1/" in code
    forged = code.replace(";c=1/", ";c=2/")  # claims another copy's number: the signature no longer matches
    dialog = _dialog(qtbot, station)
    for text in (forged, "garbled nonsense"):
        dialog.copy_edit.setText(text)
        dialog.check_button.click()
        _wait(qtbot, dialog)
        assert dialog.copy_verdict.text().startswith("NOT GENUINE"), text
        assert dialog.copy_verdict.property("genuine") is False
    assert "not the QR code of a copy printed by a seal station" in dialog.copy_verdict.text()
    dialog.copy_edit.setText("C999999")  # a serial this station never printed
    dialog.check_button.click()
    _wait(qtbot, dialog)
    assert "printed no copy with serial C999999" in dialog.copy_verdict.text()


def test_the_window_offers_verify_after_login(qtbot, station, tmp_path):
    win = MainWindow(station, settings=window_settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    assert not win.verify_action.isEnabled()  # the station's records wait for a login
    log_in(qtbot, win)
    assert win.verify_action.isEnabled()
    win.verify_action.trigger()
    assert win.verify_dialog.isVisible()
    win.verify_dialog.close()


def test_the_dialog_speaks_chinese(qtbot, station, pin, tmp_path, artifacts):
    from support.i18n_check import chinese, english_leftovers

    stamped = stamped_document(station, pin, tmp_path)
    copies = tmp_path / "copies.pdf"
    print_to_pdf(station, stamped, copies, 1)
    serial = station.audit().verify_copy([c for c in read_qr_codes(copies) if c][0]).payload.serial
    with chinese():
        dialog = _dialog(qtbot, station)
        dialog.verify_file(stamped)
        _wait(qtbot, dialog)
        assert dialog.file_verdict.text().startswith("有效")
        dialog.grab().save(str(artifacts / "ui-verify-file-zh.png"))
        dialog.copy_edit.setText(serial)  # the serial typed in, as on the copy
        dialog.check_button.click()
        _wait(qtbot, dialog)
        assert dialog.copy_verdict.text().startswith("真实件")
        dialog.grab().save(str(artifacts / "ui-verify-copy-zh.png"))
        assert not english_leftovers(dialog, allow={"custodian", "pdf", "notice", "stamped", "station", "test"},
                                     visible_only=True), english_leftovers(dialog, visible_only=True)


def test_a_voided_copy_is_genuine_but_shown_voided_with_its_reason(qtbot, station, pin, tmp_path):
    from support.station_fixtures import password

    stamped = stamped_document(station, pin, tmp_path)
    print_to_pdf(station, stamped, tmp_path / "copies.pdf", 1)
    code = [c for c in read_qr_codes(tmp_path / "copies.pdf") if c][0]
    station.printing().void(station.audit().verify_copy(code).payload.serial, reason="paper jam", user="custodian",
                      password=password("custodian"))
    dialog = _dialog(qtbot, station)
    dialog.copy_edit.setText(code)
    dialog.check_button.click()
    _wait(qtbot, dialog)
    assert "since VOIDED" in dialog.copy_verdict.text()
    assert "Reason given: paper jam" in dialog.copy_details.toPlainText()
