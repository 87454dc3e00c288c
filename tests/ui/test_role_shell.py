"""The shell shows each person only what their roles allow (sealstation.permissions), and the core refuses anyway."""

from __future__ import annotations

import pytest

from support.window import log_in, window_settings
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, station, tmp_path):
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _toolbar(win) -> set[str]:
    return {a.objectName() for a in win.toolbar.actions() if a.isVisible() and a.objectName()}


def _menus(win) -> set[str]:
    return {m.objectName() or m.title() for m in (win.work_menu, win.office_menu, win.audit_menu)
            if m.menuAction().isVisible()}


def test_before_a_login_everything_shows_and_nothing_works(window):
    assert {"openAction", "stampAction", "printAction", "queueAction"} <= _toolbar(window)
    assert not any(a.isEnabled() for a in (window.open_action, window.print_action, window.queue_action,
                                           window.verify_action, window.oa_import_action))


def test_an_approver_sees_their_requests_and_no_stamping(qtbot, window):
    log_in(qtbot, window, "gm")
    assert not window.open_action.isVisible() and not window.stamp_action.isVisible()
    assert not window.queue_action.isVisible() and not window.print_action.isVisible()
    assert not window.oa_import_action.isVisible() and window.verify_action.isEnabled()  # not their own approvals
    assert window.role_actions["approvalQueueAction"].isVisible()
    assert window.stack.currentWidget() is window.views["approvalQueueAction"]  # their home view
    assert not window.office_menu.menuAction().isVisible() and not window.audit_menu.menuAction().isVisible()
    window.next_action.trigger()  # Ctrl+N is the custodian's: nothing opens
    assert window.stack.currentWidget() is window.views["approvalQueueAction"]


def test_an_auditor_sees_verify_and_the_report_but_no_stamping(qtbot, window):
    log_in(qtbot, window, "auditor")
    assert window.verify_action.isVisible() and window.verify_action.isEnabled()
    assert window.report_action.isVisible()
    assert not window.stamp_action.isVisible() and not window.oa_import_action.isVisible()
    assert not window.print_action.isVisible()


def test_a_custodian_sees_no_office_views(qtbot, window):
    log_in(qtbot, window, "custodian")
    assert window.stamp_action.isVisible() and window.queue_action.isEnabled()
    assert not window.report_action.isVisible()
    office_views = [name for name, action in window.role_actions.items() if action.isVisible()
                    and action in window.office_menu.actions() and name != "archiveAction"]
    assert office_views == []
    assert window.open_view("sealRegisterAction") is None  # asked by name, still not built
