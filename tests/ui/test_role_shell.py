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


def _letter(text: str) -> str | None:
    import re

    found = re.search(r"&(\w)", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def _clashes(window) -> set:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    menus = {_letter(a.text()) for a in window.menuBar().actions() if a.isVisible()} - {None}
    found = set()
    for name, action in window.role_actions.items():
        view = window.open_view(name) if action.isVisible() else None
        if view is not None:
            widgets = [w for w in (*view.findChildren(QAbstractButton), *view.findChildren(QLabel))
                       if w.isVisibleTo(view) and _letter(w.text())]
            letters = [_letter(w.text()) for w in widgets]
            found |= {(name, w.objectName() or w.text(), letter) for w, letter in zip(widgets, letters)
                      if letter in menus or letters.count(letter) > 1}  # nor another key of the same view
    return found


@pytest.mark.parametrize("user", ["admin", "gm"])
def test_no_view_takes_a_menu_bar_letter(qtbot, window, user):
    """Alt+letter of a view's button or field never clashes with a menu's or another of the view's (an ambiguous key
    only moves the focus), in English and in Chinese."""
    from support.i18n_check import chinese

    log_in(qtbot, window, user)
    assert not _clashes(window), _clashes(window)
    with chinese():
        assert not _clashes(window), _clashes(window)


def test_the_status_strip_shows_seals_only_to_who_stamps(qtbot, window):
    """An approver keeps no seal and is not told so as a warning: the seals section is the custodian's."""
    strip = window.status_strip
    log_in(qtbot, window, "gm")
    qtbot.waitUntil(lambda: not strip.seals_label.isVisible(), timeout=10000)
    window.log_out()
    log_in(qtbot, window, "custodian")
    qtbot.waitUntil(lambda: strip.seals_label.isVisible() and "usable today" in strip.seals_label.text(),
                    timeout=10000)


def test_toolbar_buttons_show_words_without_the_menus_alt_letter(window):
    """Chinese menus write the Alt letter after the words, "打印(&P)…": the toolbar shows "打印", not "打印(P)"."""
    from support.i18n_check import chinese

    from ui.main_window import toolbar_text

    assert toolbar_text("打印(&P)…") == "打印" and toolbar_text("&Print…") == "Print"
    assert toolbar_text("R&&D") == "R&D"
    with chinese():
        texts = [a.iconText() for a in window.toolbar.actions() if a.objectName()]
        assert texts and not any("(" in t or "（" in t or "&" in t or "…" in t for t in texts), texts


def test_closing_while_a_view_reads_asks_nothing(qtbot, window):
    """A view's refresh is a read: closing the window under it is not quitting in the middle of work (only a stamp,
    a signature or another act makes the window ask)."""
    asked = []
    window.confirm_quit = lambda: asked.append(True) or False
    log_in(qtbot, window, "admin")
    window.open_view("sealRegisterAction")
    window.views["sealRegisterAction"].refresh()
    assert not window.busy
    window.close()
    assert asked == [] and not window.isVisible()
