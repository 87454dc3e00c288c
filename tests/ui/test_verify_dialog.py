"""Verifying a stamped file or a paper copy in the window, without a terminal (issue 18, the auditor)."""

from __future__ import annotations

import subprocess

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


def _scan(copies, folder, page: int = 1):
    """A page of the copies PDF as a scanner gives it: poppler's pdftoppm at 300 dpi, a PNG."""
    out = folder / f"scan-{page}"
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-f", str(page), "-l", str(page), "-singlefile", str(copies),
                    str(out)], check=True, timeout=60)
    return out.with_suffix(".png")


def _pages_shown(qtbot, dialog) -> None:
    """The preview has laid the pages out and drawn the one in view (before a screenshot)."""
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.page_count > 0, timeout=20000)
    view = dialog.preview
    qtbot.waitUntil(lambda: view.current_page and view.page_image_ready(view.current_page), timeout=20000)


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
    assert "no office archive configured" in details  # whether it is registered cannot be told here
    _pages_shown(qtbot, dialog)
    [(page, box, state)] = dialog.preview.highlights()  # the seal, boxed where it is: page 2, centred at (150, 200) mm
    assert page == 2 and state == "ok"
    assert abs(box.center().x() - dialog.preview._pages[1].pos().x() - 150) < 0.5
    assert abs(box.center().y() - dialog.preview._pages[1].pos().y() - 200) < 0.5
    assert abs(box.width() - seal.size_mm[0]) < 0.5 and abs(box.height() - seal.size_mm[1]) < 0.5
    assert dialog.preview.current_page == 2  # shown at the seal's page
    dialog.grab().save(str(artifacts / "ui-verify-file.png"))


def test_the_office_archive_tells_a_registered_stamp_from_an_unregistered_one(qtbot, station, pin, tmp_path,
                                                                             artifacts):
    from sealstation.archive.backend import FolderArchive
    from sealstation.archive.config import ArchiveConfig

    archive = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))
    synced = stamped_document(station, pin, tmp_path, name="synced")
    station.archive().sync()
    not_synced = stamped_document(station, pin, tmp_path, name="later")  # the archive has not heard of it yet
    dialog = _dialog(qtbot, station)
    dialog.verify_file(synced)
    _wait(qtbot, dialog)
    details = dialog.file_details.toPlainText()
    assert "Office archive: registered, stamped at station test-station by custodian" in details
    assert dialog.check.registrations.all_registered
    dialog.verify_file(not_synced)
    _wait(qtbot, dialog)
    assert dialog.file_verdict.text().startswith("VALID BUT NOT REGISTERED")  # valid, yet the office has no record
    assert "Office archive: NOT REGISTERED" in dialog.file_details.toPlainText()
    _pages_shown(qtbot, dialog)
    assert [state for _page, _box, state in dialog.preview.highlights()] == ["warning"]  # amber, not green
    dialog.grab().save(str(artifacts / "ui-verify-file-not-registered.png"))


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


def test_a_printed_copy_is_checked_from_a_scan_of_its_page(qtbot, station, pin, tmp_path, artifacts, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from support.station_fixtures import password

    stamped = stamped_document(station, pin, tmp_path)
    copies = tmp_path / "copies.pdf"
    print_to_pdf(station, stamped, copies, 2)
    scan = _scan(copies, tmp_path, page=3)  # copy 2's first page (each copy has 2 pages)
    dialog = _dialog(qtbot, station)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    dialog.tabs.setCurrentIndex(1)
    qtbot.mouseClick(dialog.scan_button, Qt.LeftButton)  # "Open a scan or photo…", the scan chosen
    _wait(qtbot, dialog)
    assert dialog.copy_status.property("status") == "genuine", dialog.copy_verdict.text()
    assert dialog.copy_status.text() == "Genuine"
    verdict = dialog.copy_verdict.text()
    assert verdict.startswith("GENUINE: copy 2 of 2") and "printed and current" in verdict
    dialog.grab().save(str(artifacts / "ui-verify-scan.png"))
    serial = dialog.copy_checks[0].result.payload.serial
    station.printing().void(serial, reason="paper jam", user="custodian", password=password("custodian"))
    _drop(dialog, scan)  # the same scan dropped again: the copy is voided since
    _wait(qtbot, dialog)
    assert dialog.copy_status.property("status") == "voided" and dialog.copy_status.text() == "Voided"
    assert "since VOIDED" in dialog.copy_verdict.text()
    assert "Reason given: paper jam" in dialog.copy_details.toPlainText()
    dialog.grab().save(str(artifacts / "ui-verify-scan-voided.png"))


def test_a_scan_without_a_code_or_a_damaged_one_is_said_in_words(qtbot, station, tmp_path):
    from PIL import Image

    blank, damaged = tmp_path / "blank.png", tmp_path / "damaged.jpg"
    Image.new("L", (1240, 1754), 255).save(blank)
    Image.new("L", (1240, 1754), 200).save(damaged)
    damaged.write_bytes(damaged.read_bytes()[:300])  # cut short, as a copy off a full disk
    dialog = _dialog(qtbot, station)
    _drop(dialog, blank)
    _wait(qtbot, dialog)
    assert dialog.copy_verdict.text() == "No QR code was found on blank.png."
    assert dialog.copy_status.text() == "Not checked" and dialog.copy_status.property("status") is None
    assert "300 dpi" in dialog.copy_details.toPlainText()
    _drop(dialog, damaged)
    _wait(qtbot, dialog)
    assert dialog.copy_verdict.text().startswith("damaged.jpg cannot be read as a scan or a photo of a copy")
    assert "Traceback" not in dialog.copy_details.toPlainText()


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


def test_the_auditor_opens_verify_from_the_file_menu(qtbot, station, tmp_path):
    win = MainWindow(station, settings=window_settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    log_in(qtbot, win, "auditor")
    assert win.verify_action in win.file_menu.actions()  # File ▸ Verify (Ctrl+Shift+V), for every role
    win.verify_action.trigger()
    assert win.verify_dialog.isVisible() and win.verify_dialog.user == "auditor"  # the core checks the role
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
        assert "未配置办公室存档" in dialog.file_details.toPlainText()
        _pages_shown(qtbot, dialog)
        dialog.grab().save(str(artifacts / "ui-verify-file-zh.png"))
        dialog.copy_edit.setText(serial)  # the serial typed in, as on the copy
        dialog.check_button.click()
        _wait(qtbot, dialog)
        assert dialog.copy_verdict.text().startswith("真实件")
        dialog.grab().save(str(artifacts / "ui-verify-copy-zh.png"))
        dialog.check_scan(_scan(copies, tmp_path))
        _wait(qtbot, dialog)
        assert dialog.copy_status.property("status") == "genuine"
        assert dialog.copy_status.text() == "真实件"
        dialog.grab().save(str(artifacts / "ui-verify-scan-zh.png"))
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
