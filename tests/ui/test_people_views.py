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
from support.window import log_in, type_login, unnamed, window_settings
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
    assert dialog.level_combo.currentText() == ""  # no approver level shown for someone who approves nothing
    qtbot.keyClicks(dialog.initial_edit, "first-deputy-pw")
    qtbot.keyClicks(dialog.repeat_edit, "first-deputy-pw")
    _sign(qtbot, dialog.signature, office)
    dialog.grab().save(str(artifacts / "ui-office-add-user-en.png"))
    assert not unnamed(dialog), unnamed(dialog)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    assert dialog.signature.password_edit.text() == "" and dialog.initial_edit.text() == ""
    qtbot.waitUntil(lambda: any(screen.table.item(i, 0).text() == "deputy" for i in range(screen.table.rowCount())),
                    timeout=10000)
    row = _row(screen, "deputy")
    assert "changed at the next login" in screen.table.item(row, 5).text()
    assert "Seal custodian" in screen.table.item(row, 2).text()
    office.grab().save(str(artifacts / "ui-office-users-en.png"))
    assert not unnamed(screen), unnamed(screen)
    office.log_out()
    type_login(qtbot, office, "deputy", "first-deputy-pw")
    qtbot.waitUntil(lambda: getattr(office, "password_dialog", None) is not None
                    and office.password_dialog.isVisible(), timeout=10000)
    assert office.login is None  # nothing before the new password
    assert office.station.login("deputy", "first-deputy-pw").password_change == PasswordChange.NEW


def test_the_office_locks_and_unlocks_an_account(qtbot, office):
    screen = _open_users(qtbot, office)
    screen.table.selectRow(_row(screen, "custodian"))
    assert screen.lock_button.text() == "Loc&k"
    qtbot.mouseClick(screen.lock_button, Qt.LeftButton)
    dialog = screen.dialog
    assert "印章专管员 李静" in dialog.what.text()  # by the person's name, not the login name
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


def _add_deputy(win) -> None:
    """A second custodian, added by the office in the core (the users screen's own test adds one in the window)."""
    station, creds = win.station, win.credentials
    station.people().add_user("deputy", "代管 周九", ["custodian"], "first-deputy-pw", by="admin",
                              password=creds["users"]["admin"], passphrase=creds["seal_authority_passphrase"])
    station.change_password("deputy", "first-deputy-pw", "deputy-own-pw-1")


def _usable(station, user: str, seal: str = "official") -> bool:
    return any(s.seal_id == seal and s.usable for s in station.stamping().seals_usable_today(user))


def _open_delegations(qtbot, win):
    win.role_actions["delegationsAction"].trigger()
    screen = win.views["delegationsAction"]
    assert win.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: len(screen.lines) == 4, timeout=10000)
    return screen


def test_a_delegation_made_in_the_window_lets_another_custodian_stamp_for_its_dates_only(qtbot, office, artifacts):
    _add_deputy(office)
    station = office.station
    screen = _open_delegations(qtbot, office)
    qtbot.mouseClick(screen.add_button, Qt.LeftButton)
    dialog = screen.dialog
    dialog.seal_combo.setCurrentIndex(dialog.seal_combo.findData("official"))
    assert [dialog.deputy_combo.itemData(i) for i in range(dialog.deputy_combo.count())] == ["deputy"]
    assert [dialog.approver_combo.itemData(i) for i in range(dialog.approver_combo.count())] == ["gm"]
    today = dt.date.today()
    first, last = today + dt.timedelta(days=2), today + dt.timedelta(days=4)
    dialog.first_edit.setDate(QDate(first.year, first.month, first.day))
    dialog.last_edit.setDate(QDate(last.year, last.month, last.day))
    qtbot.keyClicks(dialog.reason_edit, "annual leave")
    qtbot.keyClicks(dialog.approver_password, office.credentials["users"]["gm"])
    _sign(qtbot, dialog.signature, office)
    dialog.grab().save(str(artifacts / "ui-office-delegate-en.png"))
    assert not unnamed(dialog), unnamed(dialog)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    line = screen.lines["official"]
    qtbot.waitUntil(lambda: len(line.calendar.delegations) == 1, timeout=10000)
    # People by their names, not their login names.
    assert f"delegated to 代管 周九 from {first.isoformat()} to {last.isoformat()}, approved by 总经理 张三" \
        in line.summary()
    assert screen.table.item(0, 1).text() == "代管 周九" and screen.table.item(0, 4).text() == "总经理 张三"
    assert screen.table.rowCount() == 1 and screen.table.item(0, 6).text() == "Planned"
    assert not screen.empty_note.isVisible()
    office.grab().save(str(artifacts / "ui-office-delegations-en.png"))
    assert not unnamed(screen), unnamed(screen)
    # The station's own clock decides: before its first day, on its days, after its last day.
    now = station.now()
    assert not _usable(station, "deputy")
    station.clock = lambda: now + dt.timedelta(days=3)
    assert _usable(station, "deputy") and _usable(station, "custodian")
    station.clock = lambda: now + dt.timedelta(days=6)
    assert not _usable(station, "deputy")


def test_the_office_ends_a_delegation_early_in_the_window(qtbot, office):
    _add_deputy(office)
    station, creds = office.station, office.credentials
    today = dt.date.today()
    station.seal_office().delegate("contract", "deputy", today, today + dt.timedelta(days=9), "出差", "gm", by="admin",
                              password=creds["users"]["admin"], approver_password=creds["users"]["gm"],
                              passphrase=creds["seal_authority_passphrase"])
    assert _usable(station, "deputy", "contract")
    screen = _open_delegations(qtbot, office)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=10000)
    line = screen.lines["contract"]
    (bar, delegation), = line.bars()
    qtbot.mouseClick(line, Qt.LeftButton, pos=bar.center().toPoint())  # the bar on the calendar selects it
    assert screen.selected() == delegation and screen.end_button.isEnabled()
    screen.table.clearSelection()
    line.setFocus()
    qtbot.keyClick(line, Qt.Key_Right)  # and so do the arrow keys on the line
    assert screen.selected() == delegation
    qtbot.mouseClick(screen.end_button, Qt.LeftButton)
    dialog = screen.dialog
    assert "End the delegation of seal 示例科技有限公司合同专用章 to 代管 周九 now" in dialog.what.text()
    qtbot.keyClicks(dialog.note_edit, "back early")
    _sign(qtbot, dialog.signature, office)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1 and screen.table.item(0, 6).text() == "Over", timeout=10000)
    assert not screen.end_button.isEnabled()
    assert not _usable(station, "deputy", "contract")


def test_the_policy_in_words_and_a_change_signed(qtbot, office, artifacts):
    office.role_actions["policyAction"].trigger()
    screen = office.views["policyAction"]
    qtbot.waitUntil(lambda: screen.view is not None, timeout=10000)
    assert "version" in screen.signed_label.text() and "signed by the office" in screen.signed_label.text()
    assert screen.editors["level:official"].currentText() == "General manager"
    assert screen.editors["level:finance"].currentText() == "Finance director"
    assert screen.editors["expiry_days"].value() == 60 and screen.editors["approval_days"].value() == 7
    assert "changed at the next login" in screen.explanations["expiry_days"].text()
    assert not screen.sign_button.isEnabled()
    office.grab().save(str(artifacts / "ui-office-policy-en.png"))
    assert not unnamed(screen), unnamed(screen)
    version = office.station.policy.version
    spin = screen.editors["approval_days"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "3")
    screen.editors["expiry_days"].setValue(30)
    combo = screen.editors["level:official"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Home)  # the levels lowest first: a department manager
    assert set(screen.changes()) == {"approval_days", "expiry_days", "level:official"} and screen.sign_button.isEnabled()
    qtbot.mouseClick(screen.sign_button, Qt.LeftButton)
    dialog = screen.dialog
    assert "Approvals last (days): 7 → 3" in dialog.what.text()
    assert "Lowest approver level for: Official seal: General manager → Department manager" in dialog.what.text()
    _sign(qtbot, dialog.signature, office)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    qtbot.waitUntil(lambda: screen.view.policy.version > version, timeout=10000)
    policy = office.station.policy
    assert policy.approval_days == 3 and office.station.password_policy.expiry_days == 30
    assert policy.authority_rules["rules"]["official"] == "department_manager"
    assert screen.editors["level:official"].currentText() == "Department manager"
    assert not screen.sign_button.isEnabled() and "is signed" in screen.status.text()
    # Signed as the station reads it at its next start.
    from sealstation.policy import load_policy

    assert load_policy(office.station.policy_files, office.station.ca_cert).approval_days == 3


def test_a_wrong_passphrase_signs_nothing_and_says_so(qtbot, office):
    office.role_actions["policyAction"].trigger()
    screen = office.views["policyAction"]
    qtbot.waitUntil(lambda: screen.view is not None, timeout=10000)
    screen.editors["print_to_file"].click()
    qtbot.mouseClick(screen.sign_button, Qt.LeftButton)
    dialog = screen.dialog
    qtbot.keyClicks(dialog.signature.password_edit, office.credentials["users"]["admin"])
    qtbot.keyClicks(dialog.signature.passphrase_edit, "not-the-passphrase")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: "Signing" not in dialog.problem.text(), timeout=10000)
    assert dialog.isVisible() and dialog.problem.text() and dialog.signature.passphrase_edit.text() == ""
    assert office.station.policy.print_to_file is True


def test_a_custodian_sees_none_of_the_office_views_and_the_core_refuses_anyway(qtbot, demo_station, demo_home,
                                                                               tmp_path):
    win = MainWindow(demo_station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    creds = demo_credentials(demo_home)
    log_in(qtbot, win, "custodian", creds["users"]["custodian"])
    for name in OFFICE_VIEWS:
        assert not win.role_actions[name].isVisible(), name
        assert win.open_view(name) is None and name not in win.views
    # A view built anyway (a button someone forgot to hide): the core refuses what it asks, in words.
    from ui.users_screen import UsersScreen

    screen = UsersScreen(demo_station, win.tasks, "custodian", win)
    screen.refresh()
    qtbot.waitUntil(lambda: bool(screen.status.text()), timeout=10000)
    assert "does not hold the role" in screen.status.text() and screen.table.rowCount() == 0
    with pytest.raises(PermissionDeniedError):
        demo_station.seal_office().seal_calendar("custodian")
    with pytest.raises(PermissionDeniedError):
        demo_station.setup().sign_policy_change({"approval_days": 2}, by="custodian", password=creds["users"]["custodian"],
                                  passphrase=creds["seal_authority_passphrase"])


def test_the_office_views_in_chinese(qtbot, demo_station, demo_home, tmp_path, artifacts):
    creds = demo_credentials(demo_home)
    demo_station.people().add_user("deputy", "代管 周九", ["custodian"], "first-deputy-pw", by="admin",
                    password=creds["users"]["admin"], passphrase=creds["seal_authority_passphrase"])
    today = dt.date.today()
    demo_station.seal_office().delegate("finance", "deputy", today, today + dt.timedelta(days=4), "年假", "cfo", by="admin",
                    password=creds["users"]["admin"], approver_password=creds["users"]["cfo"],
                    passphrase=creds["seal_authority_passphrase"])
    allow = {"admin", "auditor", "cfo", "custodian", "dept", "deputy", "gm", "SealStation", "Demo", "serial",
             "sealstation", "policy", "sign", "office", "json"}
    with chinese():
        win = MainWindow(demo_station, settings=window_settings(tmp_path))
        win.confirm_quit = lambda: True
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        log_in(qtbot, win, "admin", creds["users"]["admin"])
        users = win.open_view("usersAction")
        qtbot.waitUntil(lambda: users.table.rowCount() == 7, timeout=10000)
        assert "密码" in users.rules.text()
        win.grab().save(str(artifacts / "ui-office-users-zh_CN.png"))
        assert not english_leftovers(users, allow=allow, visible_only=True), \
            english_leftovers(users, allow=allow, visible_only=True)
        users.add_user()
        users.dialog.grab().save(str(artifacts / "ui-office-add-user-zh_CN.png"))
        assert not english_leftovers(users.dialog, allow=allow, visible_only=True), \
            english_leftovers(users.dialog, allow=allow, visible_only=True)
        users.dialog.reject()
        delegations = win.open_view("delegationsAction")
        qtbot.waitUntil(lambda: delegations.table.rowCount() == 1, timeout=10000)
        win.grab().save(str(artifacts / "ui-office-delegations-zh_CN.png"))
        assert not english_leftovers(delegations, allow=allow, visible_only=True), \
            english_leftovers(delegations, allow=allow, visible_only=True)
        delegations.add_delegation()
        delegations.dialog.grab().save(str(artifacts / "ui-office-delegate-zh_CN.png"))
        assert not english_leftovers(delegations.dialog, allow=allow, visible_only=True), \
            english_leftovers(delegations.dialog, allow=allow, visible_only=True)
        delegations.dialog.reject()
        delegations.hand_over()
        delegations.dialog.grab().save(str(artifacts / "ui-office-handover-zh_CN.png"))
        delegations.dialog.reject()
        policy = win.open_view("policyAction")
        qtbot.waitUntil(lambda: policy.view is not None, timeout=10000)
        win.grab().save(str(artifacts / "ui-office-policy-zh_CN.png"))
        assert not english_leftovers(policy, allow=allow, visible_only=True), \
            english_leftovers(policy, allow=allow, visible_only=True)
        win.log_out()


def test_with_no_other_custodian_the_forms_say_so_at_once(qtbot, office):
    """The demo has one custodian: the office learns it on opening the form, not by pressing its button."""
    screen = _open_delegations(qtbot, office)
    assert screen.empty_note.isVisible() and "No delegation is recorded" in screen.empty_note.text()
    for button in (screen.add_button, screen.handover_button):
        qtbot.mouseClick(button, Qt.LeftButton)
        dialog = screen.dialog
        assert "adds a user with the custodian role first" in dialog.problem.text()
        assert not dialog.ok_button.isEnabled()
        dialog.reject()


def test_the_office_hands_a_seal_over_in_the_window(qtbot, office, artifacts):
    _add_deputy(office)
    screen = _open_delegations(qtbot, office)
    qtbot.mouseClick(screen.handover_button, Qt.LeftButton)
    dialog = screen.dialog
    dialog.seal_combo.setCurrentIndex(dialog.seal_combo.findData("legal-rep"))
    assert dialog.held_label.text() == "印章专管员 李静"
    assert [dialog.custodian_combo.itemData(i) for i in range(dialog.custodian_combo.count())] == ["deputy"]
    qtbot.keyClicks(dialog.note_edit, "new post")
    _sign(qtbot, dialog.signature, office)
    dialog.grab().save(str(artifacts / "ui-office-handover-en.png"))
    assert not unnamed(dialog), unnamed(dialog)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    line = screen.lines["legal-rep"]
    qtbot.waitUntil(lambda: line.calendar.custody[-1].custodian == "deputy", timeout=10000)
    assert "custodian 代管 周九" in line.summary() and "now held by 代管 周九" in screen.status.text()
    assert _usable(office.station, "deputy", "legal-rep") and not _usable(office.station, "custodian", "legal-rep")
