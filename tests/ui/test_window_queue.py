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
