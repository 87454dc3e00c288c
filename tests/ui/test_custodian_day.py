"""A custodian's day on the demo station, in the window, driven as a person would: log in with keys, the work queue
with the demo's requests, the contract's request opened by a double-click with its approved seals.

(The lead goes on from the opened contract: drag, nudge, PIN, stamp, verify with pdfsig, print copies to PDF.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from sealstation.workqueue import QueueGroup
from support.i18n_check import chinese, english_leftovers
from support.station_fixtures import demo_credentials
from support.window import type_login, window_settings
from ui.main_window import MainWindow
from ui.queue_screen import ITEM_ROLE

DEMO_DOCUMENTS = {"contract.pdf", "notice.pdf", "expenses-rotated.pdf"}


@pytest.fixture
def day(qtbot, demo_station, demo_home, tmp_path):
    win = MainWindow(demo_station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.credentials = demo_credentials(demo_home)
    return win


def log_in_to_the_queue(qtbot, win) -> None:
    """User name, Enter, password, Enter: the queue is the first thing after the login, with the demo's requests."""
    assert win.login_screen.user_edit.hasFocus()
    with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000):
        type_login(qtbot, win, "custodian", win.credentials["users"]["custodian"])
    assert win.stack.currentWidget() is win.queue_screen
    qtbot.waitUntil(lambda: win.status_strip.token_label.property("state") == "ok"
                    and "SealStation Demo" in win.status_strip.token_label.text(), timeout=10000)


def unnamed_controls(win) -> list[str]:
    """The visible controls a screen reader would find without a name."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QHeaderView, QLabel, QLineEdit,
                                   QWidget)

    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QLabel)
    unnamed = []
    for widget in win.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, kinds) and not isinstance(widget.parent(), QComboBox) \
                and not isinstance(widget, QHeaderView):  # a list's header: read as its columns
            face = QAccessible.queryAccessibleInterface(widget)
            if isinstance(widget, QLabel) and not widget.text():
                continue
            if not (face and face.text(QAccessible.Name)):
                unnamed.append(widget.objectName() or type(widget).__name__)
    return unnamed


def row_of(screen, document: str):
    for row in range(screen.proxy.rowCount()):
        group = screen.proxy.index(row, 0)
        for child in range(screen.proxy.rowCount(group)):
            index = screen.proxy.index(child, 0, group)
            if index.data(ITEM_ROLE).document_name == document:
                return index
    raise AssertionError(f"{document} is not in the queue")


def test_log_in_see_the_queue_and_open_the_contract(qtbot, day, artifacts):
    log_in_to_the_queue(qtbot, day)
    queue = day.queue_screen
    assert {item.document_name for item in queue.items} == DEMO_DOCUMENTS  # the request not yet approved is not here
    assert all(item.group == QueueGroup.WAITING for item in queue.items)
    assert "custodian" in day.user_label.text() and "seal custodian" in day.user_label.text()
    assert day.status_strip.seals_label.text().startswith("Seals usable today: 4 of 4")
    day.grab().save(str(artifacts / "ui-day-queue-en.png"))
    assert not unnamed_controls(day), unnamed_controls(day)

    index = row_of(queue, "contract.pdf")
    contract = index.data(ITEM_ROLE)
    assert contract.seals == ("contract", "legal-rep") and contract.due_next == "contract"
    rect = queue.view.visualRect(index)
    qtbot.mouseClick(queue.view.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(queue.view.viewport(), Qt.LeftButton, pos=rect.center())

    screen = day.document_screen
    assert day.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.covering is not None, timeout=10000)
    assert Path(screen.document) == contract.document_path
    assert screen.covering.request.id == contract.request_id
    assert screen.covering.seals_left == ("contract", "legal-rep")  # the approved seals, the next due first
    assert screen.active_seal() == "contract"
    day.grab().save(str(artifacts / "ui-day-contract-opened.png"))


def test_next_request_opens_the_next_one_waiting(qtbot, day):
    log_in_to_the_queue(qtbot, day)
    shown = [item.request_id for item in day.queue_screen.shown_items()]
    qtbot.keyClick(day, Qt.Key_N, Qt.ControlModifier)
    screen = day.document_screen
    qtbot.waitUntil(lambda: screen.covering is not None, timeout=10000)
    assert screen.covering.request.id == shown[0]
    day.show_queue()  # Ctrl+1
    qtbot.keyClick(day, Qt.Key_N, Qt.ControlModifier)  # the one after the request opened last
    second = day.queue_screen.current_item()
    assert second.request_id == shown[1] and day.stack.currentWidget() is screen
    assert Path(screen.document) == second.document_path
    # The demo's notice.pdf has a second request, still waiting for its approval: each opens as the one chosen.
    qtbot.waitUntil(lambda: screen.covering is not None and screen.covering.request.id == second.request_id,
                    timeout=10000)


def test_a_request_without_a_known_file_asks_where_it_is(qtbot, day, demo_home):
    from dataclasses import replace

    log_in_to_the_queue(qtbot, day)
    item = next(i for i in day.queue_screen.items if i.document_name == "expenses-rotated.pdf")
    asked = []
    day.choose_file = lambda title, start: asked.append((title, start)) or str(item.document_path)
    assert day.open_work_item(replace(item, document_path=None))  # a request made before migration 21
    (title, start), = asked
    assert "expenses-rotated.pdf" in title and Path(start) == demo_home / "documents"
    assert "does not know where the document" in day.message_label.text()
    qtbot.waitUntil(lambda: day.document_screen.covering is not None, timeout=10000)
    assert day.document_screen.covering.request.id == item.request_id


def test_the_queue_in_chinese(qtbot, demo_station, demo_home, tmp_path, artifacts):
    with chinese():
        win = MainWindow(demo_station, settings=window_settings(tmp_path))
        win.confirm_quit = lambda: True
        qtbot.addWidget(win)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        win.credentials = demo_credentials(demo_home)
        with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000):
            type_login(qtbot, win, "custodian", win.credentials["users"]["custodian"])
        qtbot.waitUntil(lambda: "SealStation Demo" in win.status_strip.token_label.text(), timeout=10000)
        with qtbot.waitSignal(win.status_strip.refreshed, timeout=10000):
            win.refresh_status()
        assert "印章专管" in win.user_label.text()
        win.grab().save(str(artifacts / "ui-day-queue-zh_CN.png"))
        allow = {"pdf", "contract", "notice", "expenses", "rotated", "SealStation", "Demo", "USB", "serial"}
        leftovers = english_leftovers(win.queue_screen, allow=allow, visible_only=True)
        assert not leftovers, leftovers


def test_typed_before_the_station_is_open_logs_in_when_it_is(qtbot, demo_station, demo_home, tmp_path):
    win = MainWindow(settings=window_settings(tmp_path))  # as ui.app shows it: the station still opening
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    type_login(qtbot, win, "custodian", demo_credentials(demo_home)["users"]["custodian"])
    assert win.login is None and "as soon as it is open" in win.login_screen.state.text()
    win.set_station(demo_station)
    qtbot.waitUntil(lambda: win.login is not None, timeout=10000)
    assert win.stack.currentWidget() is win.queue_screen and win.login_screen.password_edit.text() == ""


def test_my_journal_by_keys(qtbot, day):
    log_in_to_the_queue(qtbot, day)
    with qtbot.waitSignal(day.journal_view.loaded, timeout=10000):
        qtbot.keyClick(day, Qt.Key_J, Qt.ControlModifier)
    assert day.stack.currentWidget() is day.journal_page and day.journal_view.isVisible() and day.windowTitle().startswith("My journal")
    seals = {day.journal_view.seal_box.itemData(n) for n in range(1, day.journal_view.seal_box.count())}
    assert seals == {"official", "contract", "finance", "legal-rep"}  # the custodian's seals in the filter
    qtbot.keyClick(day, Qt.Key_1, Qt.ControlModifier)
    assert day.stack.currentWidget() is day.queue_screen and day.windowTitle().startswith("Work queue")
