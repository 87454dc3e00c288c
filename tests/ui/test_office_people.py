"""The office's people in the window, on the demo station: users and roles, delegations (代管) and handovers (交接)
on a calendar line per seal, and the signed policy in words. Driven as the office would: the menu, the forms, the
password and the seal authority passphrase typed. A custodian sees none of it, and the core refuses anyway.
Screenshots in English and Chinese go to the run's artifacts folder.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from sealstation.desk import PasswordChange
from sealstation.errors import PermissionDeniedError
from support.i18n_check import chinese, english_leftovers
from support.station_fixtures import demo_credentials
from support.window import log_in, type_login, window_settings
from ui.main_window import MainWindow

OFFICE_VIEWS = ("usersAction", "delegationsAction", "policyAction")


@pytest.fixture
def office(qtbot, demo_station, demo_home, tmp_path):
    """The window on the demo station with the office (admin) logged in."""
    win = MainWindow(demo_station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.credentials = demo_credentials(demo_home)
    log_in(qtbot, win, "admin", win.credentials["users"]["admin"])
    return win


def _sign(qtbot, box, win) -> None:
    qtbot.keyClicks(box.password_edit, win.credentials["users"]["admin"])
    qtbot.keyClicks(box.passphrase_edit, win.credentials["seal_authority_passphrase"])


def _row(screen, name: str) -> int:
    return next(i for i in range(screen.table.rowCount()) if screen.table.item(i, 0).text() == name)


def _open_users(qtbot, win):
    win.role_actions["usersAction"].trigger()
    screen = win.views["usersAction"]
    assert win.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.table.rowCount() >= 6, timeout=10000)
    return screen


def test_the_office_adds_a_user_who_changes_the_password_at_first_login(qtbot, office, artifacts):
    screen = _open_users(qtbot, office)
    assert "changed every 60 days" in screen.rules.text()
    qtbot.mouseClick(screen.add_button, Qt.LeftButton)
    dialog = screen.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert "changed at the first login" in dialog.rules_label.text() and dialog.initial_edit.isVisible()
    qtbot.keyClicks(dialog.username_edit, "deputy")
    dialog.name_edit.setText("代管 周九")  # QTest types ASCII only
    dialog.role_boxes["custodian"].click()
    qtbot.keyClicks(dialog.initial_edit, "first-deputy-pw")
    qtbot.keyClicks(dialog.repeat_edit, "first-deputy-pw")
    _sign(qtbot, dialog.signature, office)
    dialog.grab().save(str(artifacts / "ui-office-add-user-en.png"))
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    assert dialog.signature.password_edit.text() == "" and dialog.initial_edit.text() == ""
    qtbot.waitUntil(lambda: any(screen.table.item(i, 0).text() == "deputy" for i in range(screen.table.rowCount())),
                    timeout=10000)
    row = _row(screen, "deputy")
    assert "changed at the next login" in screen.table.item(row, 5).text()
    assert "Seal custodian" in screen.table.item(row, 2).text()
    office.grab().save(str(artifacts / "ui-office-users-en.png"))
    office.log_out()
    type_login(qtbot, office, "deputy", "first-deputy-pw")
    qtbot.waitUntil(lambda: getattr(office, "password_dialog", None) is not None
                    and office.password_dialog.isVisible(), timeout=10000)
    assert office.login is None  # nothing before the new password


def test_the_office_locks_and_unlocks_an_account(qtbot, office):
    screen = _open_users(qtbot, office)
    screen.table.selectRow(_row(screen, "custodian"))
    assert screen.lock_button.text() == "&Lock"
    qtbot.mouseClick(screen.lock_button, Qt.LeftButton)
    dialog = screen.dialog
    assert "custodian" in dialog.what.text()
    _sign(qtbot, dialog.signature, office)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: "Locked by the office" in screen.table.item(_row(screen, "custodian"), 4).text(),
                    timeout=20000)
    assert screen.lock_button.text() == "&Unlock"
    with pytest.raises(Exception):
        office.station.login("custodian", office.credentials["users"]["custodian"])
    qtbot.mouseClick(screen.lock_button, Qt.LeftButton)
    dialog = screen.dialog
    _sign(qtbot, dialog.signature, office)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.table.item(_row(screen, "custodian"), 4).text() == "Active", timeout=20000)
    assert office.station.login("custodian", office.credentials["users"]["custodian"]).user.username == "custodian"
