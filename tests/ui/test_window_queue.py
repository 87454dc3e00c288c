"""The work queue in the window: print from the queue opens the print dialog for the request's stamped output."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from sealstation.workqueue import QueueGroup
from support.pdfs import make_pdf
from support.station_fixtures import stamp_approved
from support.window import log_in, window_settings
from ui.main_window import MainWindow


def test_print_from_the_queue_opens_the_print_dialog_for_the_stamped_output(qtbot, station, pin, tmp_path):
    out = tmp_path / "stamped.pdf"
    stamp_approved(station, pin, make_pdf(tmp_path / "doc.pdf"), out)
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000):
        log_in(qtbot, win)
    queue = win.queue_screen
    (item,) = queue.items
    assert item.group == QueueGroup.TO_PRINT and queue.current_item() == item  # the first request is current
    assert queue.print_button.isEnabled()
    qtbot.keyClick(win, Qt.Key_P, Qt.ControlModifier)  # Ctrl+P on the queue prints the request chosen there
    dialog = win.print_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=10000)
    assert Path(dialog.document) == out == item.document_path
    dialog.reject()
    qtbot.waitUntil(lambda: not win.read_tasks.busy, timeout=10000)  # the queue and the strip read again


def test_the_queue_by_keys_alone(qtbot, station, tmp_path):
    """Tab reaches the queue from the search box, the arrows move between requests, Enter opens one; Ctrl+1 comes
    back to the queue with the request still chosen."""
    from PySide6.QtWidgets import QApplication

    from support.station_fixtures import approve
    from support.window import wait_idle

    first = approve(station, make_pdf(tmp_path / "first.pdf"), ["official"], purpose="第一份").id
    second = approve(station, make_pdf(tmp_path / "second.pdf"), ["official"], purpose="第二份").id
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000):
        log_in(qtbot, win)
    queue = win.queue_screen
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_F, Qt.ControlModifier)
    assert QApplication.focusWidget() is queue.search_edit
    for _ in range(2):  # the group filter, then the list
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
    assert QApplication.focusWidget() is queue.view
    ids = [item.request_id for item in queue.shown_items()]
    assert sorted(ids) == sorted([first, second])
    queue.select(ids[0])
    qtbot.keyClick(queue.view, Qt.Key_Down)
    assert queue.current_item().request_id == ids[1]
    qtbot.keyClick(queue.view, Qt.Key_Up)
    qtbot.keyClick(queue.view, Qt.Key_Down)
    qtbot.keyClick(queue.view, Qt.Key_Return)
    screen = win.document_screen
    assert win.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.covering is not None, timeout=10000)
    assert screen.covering.request.id == ids[1] and screen.document == queue.shown_items()[1].document_path
    wait_idle(qtbot, win)
    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key_1, Qt.ControlModifier)
    assert win.stack.currentWidget() is queue and QApplication.focusWidget() is queue.view
    qtbot.waitUntil(lambda: not win.read_tasks.busy, timeout=10000)
    assert queue.current_item().request_id == ids[1]
