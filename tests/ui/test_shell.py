"""The window's shell driven as a person would: log in, open a file from disk, see every check before any secret,
the PIN dialog that keeps what was typed right, the stamp in the background and its result, quitting while busy."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from support.folders import read_only_folder
from support.pdfs import make_pdf
from support.station_fixtures import approve, office_authority, password, stamp_approved
from support.window import log_in, open_and_check, type_login, wait_idle, window_settings
from ui.main_window import MainWindow


@pytest.fixture
def shell(qtbot, station, tmp_path):
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def working(qtbot, shell):
    log_in(qtbot, shell)
    return shell


# -- login ----------------------------------------------------------------------------------------------


def test_wrong_password_then_the_right_one(qtbot, shell, artifacts):
    assert shell.stack.currentWidget() is shell.login_screen and shell.login_screen.user_edit.hasFocus()
    type_login(qtbot, shell, "custodian", "not-it")
    qtbot.waitUntil(lambda: shell.login_screen.problem.text() != "", timeout=10000)
    assert "Wrong user name or password" in shell.login_screen.problem.text()
    assert shell.login is None and shell.login_screen.password_edit.text() == ""
    assert shell.login_screen.user_edit.text() == "custodian"  # kept: only the password is typed again
    shell.grab().save(str(artifacts / "ui-shell-login.png"))
    log_in(qtbot, shell)
    assert shell.stack.currentWidget() is shell.queue_screen
    assert "custodian" in shell.user_label.text() and "seal custodian" in shell.user_label.text()


def test_a_locked_account_says_until_when(qtbot, shell):
    for _ in range(shell.station.password_policy.max_failures):
        type_login(qtbot, shell, "custodian", "wrong")
        qtbot.waitUntil(lambda: not shell.tasks.busy and shell.login_screen.login_button.isEnabled(), timeout=10000)
    type_login(qtbot, shell, "custodian", password("custodian"))
    qtbot.waitUntil(lambda: "locked until" in shell.login_screen.problem.text(), timeout=10000)
    assert shell.login is None


def test_first_login_changes_the_password_with_the_rules_shown(qtbot, shell):
    shell.station.people().reset_password("custodian", "reset-pw-2026", by="admin", password=password("admin"),
                                 authority=office_authority())
    type_login(qtbot, shell, "custodian", "reset-pw-2026")
    qtbot.waitUntil(lambda: getattr(shell, "password_dialog", None) is not None and shell.password_dialog.isVisible(),
                    timeout=10000)
    dialog = shell.password_dialog
    assert "at least 8 characters" in dialog.rules.text()
    qtbot.keyClicks(dialog.new_edit, "new-pw-2026-a")
    qtbot.keyClicks(dialog.repeat_edit, "new-pw-2026-b")
    qtbot.keyClick(dialog.repeat_edit, Qt.Key_Return)
    assert "differ" in dialog.problem.text() and shell.login is None
    qtbot.keyClicks(dialog.new_edit, "short")
    qtbot.keyClicks(dialog.repeat_edit, "short")
    qtbot.keyClick(dialog.repeat_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: "at least" in dialog.problem.text(), timeout=10000)  # the core's rule, said here
    qtbot.keyClicks(dialog.new_edit, "new-pw-2026-a")
    qtbot.keyClicks(dialog.repeat_edit, "new-pw-2026-a")
    qtbot.keyClick(dialog.repeat_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: shell.login is not None, timeout=10000)
    assert shell.stack.currentWidget() is shell.queue_screen
    assert shell.station.login("custodian", "new-pw-2026-a").password_change is None


def test_an_expired_password_is_changed_at_login(qtbot, shell):
    import datetime as dt

    later = shell.station.now() + dt.timedelta(days=shell.station.password_policy.expiry_days + 1)
    shell.station.clock = lambda: later
    type_login(qtbot, shell, "custodian", password("custodian"))
    qtbot.waitUntil(lambda: getattr(shell, "password_dialog", None) is not None and shell.password_dialog.isVisible(),
                    timeout=10000)
    assert "has expired" in shell.password_dialog.why.text()
    shell.password_dialog.reject()
    assert shell.login is None and "must be changed" in shell.login_screen.problem.text()


def test_log_out_and_the_idle_lock(qtbot, working, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf")
    open_and_check(qtbot, working, src)
    assert working.login.idle_lock_minutes == 10 and working._idle.isActive()
    working.idle_lock()  # what the policy's ten minutes without a key press do
    assert working.login is None and working.stack.currentWidget() is working.login_screen
    assert "Locked after 10 minutes" in working.login_screen.notice.text()
    assert working.login_screen.user_edit.text() == "custodian"
    qtbot.keyClicks(working.login_screen.password_edit, password("custodian"))
    qtbot.keyClick(working.login_screen.password_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: working.login is not None, timeout=10000)
    assert working.stack.currentWidget() is working.document_screen  # the same person goes on where they were
    qtbot.keyClick(working, Qt.Key_L, Qt.ControlModifier)
    assert working.login is None and "Not logged in" in working.user_label.text()


# -- every check before any secret ---------------------------------------------------------------------


def _refused_before_any_secret(qtbot, win):
    screen = win.document_screen
    assert not screen.stamp_button.isEnabled()
    qtbot.keyClick(win, Qt.Key_Return, Qt.ControlModifier)  # the Stamp shortcut
    if screen.stamp_button.isVisible():
        qtbot.mouseClick(screen.stamp_button, Qt.LeftButton)
    wait_idle(qtbot, win)
    assert screen.pin_dialogs_opened == 0, "the PIN dialog opened for a stamp that cannot succeed"


def test_a_file_no_request_covers_offers_nothing_to_stamp(qtbot, working, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf")
    open_and_check(qtbot, working, src)
    screen = working.document_screen
    assert "no approved request covers this file" in screen.header.text()
    assert "An approval is made by an approver" in screen.header.text()
    assert not screen.stamp_panel.isVisible()
    _refused_before_any_secret(qtbot, working)


def test_a_used_up_approval_is_said_before_any_secret(qtbot, working, tmp_path, pin):
    src = make_pdf(tmp_path / "doc.pdf")
    stamp_approved(working.station, pin, src, tmp_path / "first.pdf")
    open_and_check(qtbot, working, src)
    assert "Every approved seal is stamped" in working.document_screen.header.text()
    assert not working.document_screen.stamp_panel.isVisible()
    _refused_before_any_secret(qtbot, working)


def test_the_stamp_button_is_in_sight_on_a_1366_by_768_screen(qtbot, working, tmp_path, artifacts):
    """The commonest office screen: the checks and the Stamp button stay below the scrolling side panel, in the
    window, without scrolling (they were scrolled off its bottom)."""
    from PySide6.QtCore import QPoint, QRect

    working.resize(1366, 740)  # 768 less the task bar and the title bar
    src = make_pdf(tmp_path / "doc.pdf")
    approve(working.station, src, ["official"])
    open_and_check(qtbot, working, src)
    screen = working.document_screen
    button = screen.stamp_button
    qtbot.waitUntil(button.isEnabled, timeout=20000)
    top_left = button.mapTo(working, QPoint(0, 0))
    assert QRect(QPoint(0, 0), working.size()).contains(QRect(top_left, button.size())), (top_left, working.size())
    assert button.visibleRegion().boundingRect().size() == button.size()  # not clipped by a scroll area
    working.grab().save(str(artifacts / "ui-document-1366x768.png"))


def _checks_fail(screen, words: str) -> None:
    text = screen.checks_label.text()
    assert "✘" in text and words in text, text


def test_a_suspended_seal_is_said_before_any_secret(qtbot, working, tmp_path):
    from sealstation.seals.lifecycle import SealAction

    src = make_pdf(tmp_path / "doc.pdf")
    approve(working.station, src, ["official"])
    working.station.seal_office().change_seal("official", SealAction.SUSPEND, by="admin", password=password("admin"),
                                authority=office_authority(), note="测试")
    open_and_check(qtbot, working, src)
    _checks_fail(working.document_screen, "Seal usable: ")
    _refused_before_any_secret(qtbot, working)


def test_a_read_only_output_folder_is_said_before_any_secret(qtbot, working, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf")
    approve(working.station, src, ["official"])
    open_and_check(qtbot, working, src)
    screen = working.document_screen
    assert screen.stamp_button.isEnabled()
    with read_only_folder(tmp_path / "ro") as ro:
        screen.output_edit.setText(str(ro / "out.pdf"))
        screen.output_edit.setFocus()
        qtbot.keyClick(screen.output_edit, Qt.Key_Return)
        wait_idle(qtbot, working)
        _checks_fail(screen, "Output file can be written: ")
        _refused_before_any_secret(qtbot, working)


def test_a_seal_over_the_page_edge_is_refused_at_once_before_any_secret(qtbot, working, tmp_path, artifacts):
    src = make_pdf(tmp_path / "doc.pdf")
    approve(working.station, src, ["official"])
    open_and_check(qtbot, working, src)
    screen = working.document_screen
    before = screen.x_spin.value()
    for typed in ("208", "900"):  # the centre on the page with half the seal beyond its edge; off the page altogether
        screen.x_spin.setFocus()
        screen.x_spin.selectAll()
        qtbot.keyClicks(screen.x_spin, typed)
        qtbot.keyClick(screen.x_spin, Qt.Key_Return)
        assert "would leave page 1" in screen.status.text(), screen.status.text()
        assert screen.x_spin.value() == pytest.approx(before)  # the fields say where the seal still is
        (placed,) = screen.placements()
        assert placed.x_mm == pytest.approx(before)
    wait_idle(qtbot, working)
    working.grab().save(str(artifacts / "ui-shell-document-refused.png"))
    assert screen.pin_dialogs_opened == 0


def test_typed_millimetres_keep_their_decimals(qtbot, working, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf")
    approve(working.station, src, ["official"])
    open_and_check(qtbot, working, src)
    screen = working.document_screen
    for spin, value in ((screen.x_spin, "143.9"), (screen.y_spin, "101.25")):
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, value)
        qtbot.keyClick(spin, Qt.Key_Return)
    (placed,) = screen.placements()
    assert (placed.x_mm, placed.y_mm) == pytest.approx((143.9, 101.25))
    assert "(143.90, 101.25) mm" in screen.readout.text()


# -- unlock and stamp ---------------------------------------------------------------------------------------


def _start_stamp(qtbot, win, src):
    approve(win.station, src, ["official"])
    open_and_check(qtbot, win, src)
    screen = win.document_screen
    qtbot.waitUntil(screen.stamp_button.isEnabled, timeout=10000)
    qtbot.keyClick(win, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    return screen, screen.pin_dialog


def test_wrong_password_keeps_the_dialog_and_wrong_pin_keeps_the_password(qtbot, working, tmp_path, pin, artifacts):
    screen, dialog = _start_stamp(qtbot, working, make_pdf(tmp_path / "doc.pdf"))
    assert dialog.user_edit.text() == "custodian" and dialog.focusWidget() is dialog.password_edit
    info = working.station.token_info()
    assert info.label in dialog.key.text() and info.serial in dialog.key.text()
    dialog.grab().save(str(artifacts / "ui-shell-pin-dialog.png"))

    qtbot.keyClicks(dialog.password_edit, "not-the-password")
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: "Wrong user name or password" in dialog.problem.text(), timeout=10000)
    assert dialog.isVisible() and dialog.password_edit.text() == "" and dialog.pin_edit.text() == pin

    qtbot.keyClicks(dialog.password_edit, password("custodian"))
    dialog.pin_edit.clear()
    qtbot.keyClicks(dialog.pin_edit, "000000")
    qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.isVisible() and "PIN" in dialog.problem.text(), timeout=30000)
    assert dialog.password_edit.text() == password("custodian") and dialog.pin_edit.text() == ""
    assert dialog.focusWidget() is dialog.pin_edit
    qtbot.keyClicks(dialog.pin_edit, pin)
    typed = []
    dialog.password_edit.textChanged.connect(typed.append)
    qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.result_panel.isVisible() or "Not stamped" in screen.status.text(), timeout=60000)
    assert "VALID" in screen.result_label.text(), screen.status.text()
    assert screen.pin_dialog is None and typed == [""]  # the password cleared when the sitting ended


def test_the_stamp_runs_in_the_background_and_the_result_is_shown(qtbot, working, tmp_path, pin, artifacts):
    src = make_pdf(tmp_path / "doc.pdf")
    screen, dialog = _start_stamp(qtbot, working, src)
    out = tmp_path / "stamped.pdf"
    assert screen.output_edit.text() != str(out)
    dialog.reject()  # cancelled: nothing stamped, the output name can still change
    assert "Cancelled" in screen.status.text()
    screen.output_edit.setText(str(out))
    screen.schedule_preflight()
    wait_idle(qtbot, working)
    qtbot.mouseClick(screen.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    dialog = screen.pin_dialog
    qtbot.keyClicks(dialog.password_edit, password("custodian"))
    qtbot.keyClicks(dialog.pin_edit, pin)
    from PySide6.QtCore import QTimer

    ticks = []
    beat = QTimer()
    beat.timeout.connect(lambda: ticks.append(1))  # the GUI thread runs while it stamps
    beat.start(10)
    qtbot.keyClick(dialog.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.result_panel.isVisible() or "Not stamped" in screen.status.text(), timeout=60000)
    beat.stop()
    assert ticks, "the GUI thread did not run while stamping"
    assert "VALID" in screen.result_label.text() and "page 1" in screen.result_label.text()
    assert screen.output_path.text() == str(out) and out.is_file()
    assert screen.document == out  # the stamped document in the preview, not the input
    qtbot.waitUntil(lambda: screen.next_label.text() != "", timeout=10000)  # asked of the station after the stamp
    assert "Next: print the approved copies (2)" in screen.next_label.text()
    assert screen.focusWidget() is screen.print_button  # the next step is one key away
    opened = []
    screen.open_folder = opened.append
    qtbot.mouseClick(screen.open_folder_button, Qt.LeftButton)
    assert opened == [tmp_path]
    working.grab().save(str(artifacts / "ui-shell-result.png"))
    assert working.station.audit().verify(out).valid
    qtbot.keyClick(working, Qt.Key_P, Qt.ControlModifier)
    qtbot.waitUntil(lambda: getattr(working, "print_dialog", None) is not None, timeout=10000)
    assert working.print_dialog.document == out and working.print_dialog.isVisible()
    working.print_dialog.reject()


def test_two_seals_placed_in_one_sitting_are_stamped_in_order_with_one_pin(qtbot, working, tmp_path, pin):
    src = make_pdf(tmp_path / "doc.pdf")
    approve(working.station, src, ["official", "contract"])
    open_and_check(qtbot, working, src)
    screen = working.document_screen
    assert screen.palette.keys() == ["official", "contract"]
    assert screen.active_seal() == "official"  # the next one due
    screen.palette.choose("contract")
    screen.x_spin.setValue(60.0)
    wait_idle(qtbot, working)
    assert len(screen.preflights) == 2 and screen.stamp_button.isEnabled()
    screen.output_edit.setText(str(tmp_path / "both.pdf"))
    screen.schedule_preflight()
    wait_idle(qtbot, working)
    qtbot.mouseClick(screen.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    qtbot.keyClicks(screen.pin_dialog.password_edit, password("custodian"))
    qtbot.keyClicks(screen.pin_dialog.pin_edit, pin)
    qtbot.keyClick(screen.pin_dialog.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.result_panel.isVisible() or "Not stamped" in screen.status.text(), timeout=90000)
    assert screen.pin_dialogs_opened == 1
    report = working.station.audit().verify(tmp_path / "both.pdf")
    assert report.valid and [s.seal for s in report.signatures] == ["official", "contract"]


def test_the_idle_lock_closes_an_unanswered_pin_dialog(qtbot, working, tmp_path):
    screen, dialog = _start_stamp(qtbot, working, make_pdf(tmp_path / "doc.pdf"))
    qtbot.keyClicks(dialog.password_edit, password("custodian"))
    typed = []
    dialog.password_edit.textChanged.connect(typed.append)
    working.idle_lock()
    assert working.login is None and working.stack.currentWidget() is working.login_screen
    assert screen.pin_dialog is None and typed == [""] and "Cancelled" in screen.status.text()


def test_a_seal_left_unplaced_is_the_next_step_on_the_output(qtbot, working, tmp_path, pin):
    src = make_pdf(tmp_path / "doc.pdf")
    approve(working.station, src, ["official", "contract"])
    open_and_check(qtbot, working, src)
    screen = working.document_screen
    assert [p.key for p in screen.placements()] == ["official"]  # only the one shown is placed
    screen.output_edit.setText(str(tmp_path / "first.pdf"))
    screen.schedule_preflight()
    wait_idle(qtbot, working)
    qtbot.mouseClick(screen.stamp_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    assert "contract" not in screen.pin_dialog.what.text()
    qtbot.keyClicks(screen.pin_dialog.password_edit, password("custodian"))
    qtbot.keyClicks(screen.pin_dialog.pin_edit, pin)
    qtbot.keyClick(screen.pin_dialog.pin_edit, Qt.Key_Return)
    qtbot.waitUntil(lambda: screen.next_label.text() != "", timeout=60000)
    assert "Next: the Contract seal on this output" in screen.next_label.text()
    assert screen.document == tmp_path / "first.pdf" and screen.active_seal() == "contract"
    wait_idle(qtbot, working)
    assert screen.stamp_button.isEnabled()  # the later seal, on the earlier output, passes every check


def test_a_locked_pin_is_said_and_nothing_can_be_confirmed(qtbot, working, tmp_path, monkeypatch):
    from dataclasses import replace

    token = working.station.token()
    found = token.probe()
    locked = replace(found, pin=replace(found.pin, locked=True))
    monkeypatch.setattr(token, "probe", lambda: locked)
    screen, dialog = _start_stamp(qtbot, working, make_pdf(tmp_path / "doc.pdf"))
    assert "locked" in dialog.tries.text() and not dialog.ok_button.isEnabled()
    dialog.reject()


def test_the_document_screen_in_tab_order(qtbot, working, tmp_path):
    src = make_pdf(tmp_path / "doc.pdf")
    approve(working.station, src, ["official"])
    open_and_check(qtbot, working, src)
    screen = working.document_screen
    screen.palette.setFocus()
    seen = []
    for _ in range(30):
        seen.append(QApplication.focusWidget().objectName() or type(QApplication.focusWidget()).__name__)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    # The seal, how it is placed (position, keyword, field; pages), where, then the output and Stamp, in that order.
    order = ["sealPaletteList", "placeMode", "pageSpin", "xSpin", "ySpin", "outputEdit", "browseOutput", "stampButton"]
    assert all(name in seen for name in order), seen
    assert [seen.index(name) for name in order] == sorted(seen.index(name) for name in order), seen


# -- the shell ---------------------------------------------------------------------------------------------


def test_ctrl_q_asks_while_work_is_running(qtbot, working):
    asked = []
    working.confirm_quit = lambda: asked.append(1) or False
    release = threading.Event()
    working.tasks.run(release.wait, lambda _r: None, lambda _e: None)
    qtbot.keyClick(working, Qt.Key_Q, Qt.ControlModifier)
    assert asked and working.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not working.tasks.busy, timeout=10000)
    qtbot.keyClick(working, Qt.Key_Q, Qt.ControlModifier)
    assert len(asked) == 1 and not working.isVisible()


def test_geometry_and_language_are_remembered(qtbot, station, tmp_path, monkeypatch):
    from ui import i18n

    monkeypatch.setattr(i18n, "settings", lambda: window_settings(tmp_path))
    settings = window_settings(tmp_path)
    win = MainWindow(station, settings=settings)
    qtbot.addWidget(win)
    win.show()
    win.resize(780, 500)  # within the offscreen screen (800×600): restoring keeps a window on it
    win.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: win.login_screen.login_button.text() == "登录")  # at once, no restart
    assert win.file_menu.title() == "文件(&F)"
    win.language_actions["en"].trigger()
    assert i18n.current_language() == "en"
    qtbot.waitUntil(lambda: win.login_screen.login_button.text() == "Log in")
    win.close()
    again = MainWindow(station, settings=window_settings(tmp_path))
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (780, 500)
    assert again.language_actions["en"].isChecked()
    i18n.install(QApplication.instance(), "en")  # the rest of the suite reads English


def _unnamed(root) -> list[str]:
    """The controls of ``root`` shown that a screen reader cannot name: every widget taking the focus by Tab and
    every custom widget of ui/ that draws or lists something (its name from setAccessibleName, a button's text or a
    label's buddy)."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import (QAbstractItemView, QAbstractScrollArea, QAbstractSpinBox, QComboBox, QDialog,
                                   QLineEdit, QScrollBar, QWidget)

    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or isinstance(widget, (QScrollBar, QDialog)) or widget is root:
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # the spin box's or combo box's own line edit: the box is named
        scroller = widget.parent()
        if isinstance(scroller, QAbstractScrollArea) and widget is scroller.viewport():
            continue  # a view's viewport: the view is named
        focusable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled()
        custom = type(widget).__module__.startswith("ui.") and (
            isinstance(widget, QAbstractItemView) or type(widget).paintEvent is not QWidget.paintEvent)
        if not (focusable or custom):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        if not (face and face.text(QAccessible.Text.Name).strip()):
            found.append(f"{type(widget).__name__}#{widget.objectName()}")
    return found


def test_every_control_has_an_accessible_name(qtbot, working, tmp_path, pin):
    """Login, queue, document screen with a document open, PIN dialog, print, return, recall and extra copies
    dialogs, journal view: every control a screen reader or UI automation reaches has a name."""
    from support.i18n_check import chinese, english_leftovers
    from ui.extra_copies_dialog import ExtraCopiesDialog
    from ui.recall_dialog import RecallDialog
    from ui.return_dialog import ReturnDialog

    unnamed = {}
    stamped = tmp_path / "stamped.pdf"
    stamp_approved(working.station, pin, make_pdf(tmp_path / "printed.pdf"), stamped)
    src = make_pdf(tmp_path / "doc.pdf")
    approve(working.station, src, ["official"])
    working.show_queue()
    qtbot.waitUntil(lambda: len(working.queue_screen.items) == 2, timeout=10000)
    unnamed["queue"] = _unnamed(working)
    waiting, to_print = sorted(working.queue_screen.items, key=lambda item: item.group.value != "waiting")

    open_and_check(qtbot, working, src)
    unnamed["document"] = _unnamed(working)
    screen = working.document_screen
    qtbot.keyClick(working, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    unnamed["PIN dialog"] = _unnamed(screen.pin_dialog)
    screen.pin_dialog.reject()

    working.open_print_dialog_for(stamped)
    qtbot.waitUntil(lambda: working.print_dialog.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: not working.print_dialog.tasks.busy, timeout=10000)
    unnamed["print dialog"] = _unnamed(working.print_dialog)
    working.print_dialog.reject()
    def dialogs():
        return (("return dialog", ReturnDialog(working.station, waiting, "custodian", working)),
                ("recall dialog", RecallDialog(working.station, to_print, "custodian", working)),
                ("extra copies dialog", ExtraCopiesDialog(working.station, stamped, working)))

    for name, dialog in dialogs():
        dialog.show()
        qtbot.waitExposed(dialog)
        unnamed[name] = _unnamed(dialog)
        dialog.reject()
    with chinese():  # their names (and every other word) in the window's language
        for name, dialog in dialogs():
            dialog.show()
            leftovers = english_leftovers(dialog, allow={"custodian"})
            assert not leftovers, (name, leftovers)
            dialog.reject()

    working.show_journal()
    qtbot.waitUntil(lambda: working.journal_view.model.rowCount() > 0, timeout=10000)
    unnamed["journal"] = _unnamed(working)

    working.log_out()
    unnamed["login"] = _unnamed(working)
    assert not any(unnamed.values()), {where: names for where, names in unnamed.items() if names}
