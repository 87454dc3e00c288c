"""Importing an OA approval file in the window: what it approves is shown first, then the password; a replayed
file is refused in words; a wrong password keeps the dialog open; a file dropped on the window opens the dialog."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from support.oa import approver_key, oa_approval, public_pem, write_oa_approval
from support.pdfs import make_pdf
from support.station_fixtures import office_authority, password
from support.window import log_in, window_settings
from ui.main_window import MainWindow


def _window(qtbot, station, tmp_path):
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000):
        log_in(qtbot, win)
    return win


def _oa_file(station, tmp_path, name: str = "approval.json"):
    key = approver_key()
    station.people().register_approver_key("gm", public_pem(key), by="admin", password=password("admin"),
                                  authority=office_authority())
    src = make_pdf(tmp_path / "oa-contract.pdf")
    path = tmp_path / name
    write_oa_approval(path, oa_approval(src, seals=("official",), purpose="合同用印"), key)
    return path


def _opened(qtbot, win, path):
    """The dialog for ``path``, once it has read the file (what it approves, or why it is refused)."""
    dialog = win.open_oa_import(path)
    qtbot.waitUntil(lambda: dialog.approval is not None or dialog.message.text() != "", timeout=10000)
    return dialog


def _type_password(qtbot, dialog, secret: str) -> None:
    qtbot.keyClicks(dialog.password_edit, secret)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)


def test_a_valid_oa_file_is_shown_then_imported_and_its_request_waits_in_the_queue(qtbot, station, tmp_path,
                                                                                    artifacts):
    path = _oa_file(station, tmp_path)
    win = _window(qtbot, station, tmp_path)
    dialog = _opened(qtbot, win, path)
    assert "oa-contract.pdf" in dialog.about.text() and "合同用印" in dialog.about.text()
    assert dialog.message.text() == "" and dialog.password_edit.isEnabled()
    assert not dialog.ok_button.isEnabled()  # no password yet
    dialog.grab().save(str(artifacts / "oa-import-dialog.png"))
    with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000), \
            qtbot.waitSignal(dialog.imported, timeout=10000) as imported:
        _type_password(qtbot, dialog, password("custodian"))
    request_id = imported.args[0]
    assert not dialog.isVisible() and dialog.password_edit.text() == ""
    assert request_id in {item.request_id for item in win.queue_screen.items}


def test_a_replayed_oa_file_is_refused_in_words_before_any_password(qtbot, station, tmp_path):
    path = _oa_file(station, tmp_path)
    request = station.approving().import_oa_approval(path, user="custodian", password=password("custodian"))
    win = _window(qtbot, station, tmp_path)
    dialog = _opened(qtbot, win, path)
    assert "already imported" in dialog.message.text() and request.id in dialog.message.text()
    assert "Details (in English)" not in dialog.message.text()  # its own words, not the generic ones
    assert not dialog.password_edit.isEnabled() and not dialog.ok_button.isEnabled()
    dialog.reject()


def test_an_unknown_key_and_a_damaged_file_are_refused_in_words(qtbot, station, tmp_path):
    key = approver_key()  # never registered
    src = make_pdf(tmp_path / "doc.pdf")
    unknown = tmp_path / "unknown.json"
    write_oa_approval(unknown, oa_approval(src, seals=("official",)), key)
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{not json")
    (tmp_path / "damaged.json.sig").write_text("AAAA")
    win = _window(qtbot, station, tmp_path)
    dialog = _opened(qtbot, win, unknown)
    assert "is not registered at this station" in dialog.message.text()
    dialog.reject()
    dialog = _opened(qtbot, win, damaged)
    assert "not a valid OA approval file" in dialog.message.text()
    dialog.reject()


def test_a_wrong_password_keeps_the_dialog_open(qtbot, station, tmp_path):
    path = _oa_file(station, tmp_path)
    win = _window(qtbot, station, tmp_path)
    dialog = _opened(qtbot, win, path)
    _type_password(qtbot, dialog, "not the password")
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Not imported"), timeout=10000)
    assert dialog.isVisible() and dialog.password_edit.text() == ""
    assert all(item.purpose != "合同用印" for item in station.stamping().work_queue("custodian"))
    dialog.reject()


def _drag_events(path):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    drop = QDropEvent(QPoint(50, 50), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    return data, enter, drop


def test_dropping_an_oa_file_on_the_window_opens_the_dialog_and_other_files_are_not_taken(qtbot, station, tmp_path):
    path = _oa_file(station, tmp_path)
    win = _window(qtbot, station, tmp_path)
    _data, enter, _drop = _drag_events(tmp_path / "oa-contract.pdf")
    QApplication.sendEvent(win, enter)
    assert not enter.isAccepted()  # a PDF is not an approval file
    data, enter, drop = _drag_events(path)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(win, drop)
    dialog = win.oa_import_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    qtbot.waitUntil(lambda: dialog.approval is not None, timeout=10000)
    assert dialog.path == path
    dialog.reject()


def test_the_dialog_in_chinese_shows_the_approval_and_a_refusal_in_chinese(qtbot, station, tmp_path, artifacts):
    from support.i18n_check import chinese, english_leftovers
    from ui.oa_import_dialog import OaImportDialog

    path = _oa_file(station, tmp_path)
    with chinese():
        dialog = OaImportDialog(station, path, "custodian")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.approval is not None, timeout=10000)
        assert "审批的内容" in dialog.about.text() and "份数：2" in dialog.about.text()
        assert english_leftovers(dialog, allow={"custodian", "dept", "gm"}) == []
        dialog.grab().save(str(artifacts / "oa-import-dialog-zh.png"))
        dialog.reject()
        station.approving().import_oa_approval(path, user="custodian", password=password("custodian"))
        replayed = OaImportDialog(station, path, "custodian")
        qtbot.addWidget(replayed)
        replayed.show()
        qtbot.waitUntil(lambda: replayed.message.text() != "", timeout=10000)
        assert "无法导入" in replayed.about.text()
        assert english_leftovers(replayed, allow={"custodian"}) == [], replayed.message.text()
        replayed.grab().save(str(artifacts / "oa-import-refused-zh.png"))
        replayed.reject()
