"""Switching the language in the running window switches every screen at once: the queue (its rows worded again
from what it shows), the document screen with a seal placed, the journal view, the status strip, the page view's
rulers and thumbnails. Driven through the Language menu by keys, on a logged-in window with a request open."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from sealstation.model import SealKind
from support.i18n_check import chinese_leftovers, compiled_catalogue, english_leftovers, english_words
from support.pdfs import make_text_pdf
from support.station_fixtures import ORG, approve
from support.window import log_in, wait_idle, window_settings
from ui import i18n
from ui.main_window import MainWindow

PURPOSE = "租赁合同盖章"
_HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def day(qtbot, station, tmp_path, monkeypatch):
    """A logged-in window, its queue read, the first request opened from the queue by keys."""
    monkeypatch.setattr(i18n, "settings", lambda: window_settings(tmp_path))
    # This run's catalogue, compiled from the sources: a stale .qm in the checkout does not decide.
    monkeypatch.setattr(i18n, "catalogue_path", lambda language=i18n.DEFAULT_LANGUAGE: compiled_catalogue())
    approve(station, make_text_pdf(tmp_path / "租赁合同.pdf", 3), ["official"], purpose=PURPOSE)
    win = MainWindow(station, settings=window_settings(tmp_path))
    win.confirm_quit = lambda: True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    with qtbot.waitSignal(win.queue_screen.loaded, timeout=10000):
        log_in(qtbot, win)
    yield win
    i18n.install(QApplication.instance(), "en")  # the rest of the suite reads English


def _choose_language(qtbot, win, code: str) -> None:
    """Alt+L opens the Language menu; the arrow keys go to the language, Enter chooses it."""
    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key_L, Qt.AltModifier)  # where the person is
    menu = win.language_menu
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    target = win.language_actions[code]
    for _ in range(len(menu.actions()) + 1):
        if menu.activeAction() is target:
            break
        qtbot.keyClick(menu, Qt.Key_Down)
    assert menu.activeAction() is target
    qtbot.keyClick(menu, Qt.Key_Return)
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=5000)
    win.activateWindow()  # a window manager gives the window back its activation after a popup; offscreen does not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
    assert i18n.current_language() == code and target.isChecked()


def _settle(qtbot, win) -> None:
    """The layouts the new words asked for are done before the screenshot (a narrow strip shortens its sections)."""
    QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    QApplication.processEvents()


def _ids(win) -> set[str]:
    """Identifiers and names the station holds in Latin letters, shown as they are: user names, seal ids, the key's
    label, the language menu's "English"."""
    words = {"custodian", "gm", "English"} | {seal.seal_id for seal in win.status_strip._seals or ()}
    token = win.status_strip._token
    return words | set(getattr(token, "label", "").split())


def _data(win) -> set[str]:
    """What the station holds in Chinese and the window shows as it is: names, purposes, file names."""
    names = {ORG, *(kind.label_zh for kind in SealKind), PURPOSE, *i18n.LANGUAGES.values()}
    for item in win.queue_screen.items:
        names |= {item.document_name, item.purpose, item.approver_name, item.reason or ""}
    screen = win.document_screen
    if screen.document is not None:
        names |= {screen.document.name, str(screen.document), screen.output_edit.text()}
    return names


def test_switching_the_language_switches_every_screen_at_once(qtbot, day, artifacts, monkeypatch):
    win = day
    queue = win.queue_screen
    assert queue.view.hasFocus() and queue.current_item() is not None
    qtbot.keyClick(queue.view, Qt.Key_Return)  # the request opened from the queue, by keys
    screen = win.document_screen
    qtbot.waitUntil(lambda: screen.document is not None and screen.view.page_count > 0, timeout=20000)
    wait_idle(qtbot, win)
    assert screen.placements(), "the due seal is placed"
    qtbot.keyClick(win, Qt.Key_Return, Qt.ControlModifier)  # Stamp: the PIN dialog, cancelled: a message stays
    qtbot.waitUntil(lambda: screen.pin_dialog is not None and screen.pin_dialog.isVisible(), timeout=20000)
    qtbot.keyClick(screen.pin_dialog, Qt.Key_Escape)
    assert "Cancelled" in screen.status.text()
    win.show_journal()  # the journal read once: its rows are worded again, not read again
    qtbot.waitUntil(lambda: not win.read_tasks.busy, timeout=10000)
    win.open_work_item(queue.items[0])
    wait_idle(qtbot, win)
    reads = []
    from sealstation.desks.stamping import StampingDesk

    original = StampingDesk.work_queue
    monkeypatch.setattr(StampingDesk, "work_queue", lambda desk, *a, **k: reads.append(1) or original(desk, *a, **k))

    _choose_language(qtbot, win, "zh_CN")
    qtbot.waitUntil(lambda: win.login_screen.login_button.text() == "登录", timeout=5000)  # posted events
    ids = _ids(win)
    leftovers = english_leftovers(win, allow=ids)
    assert not leftovers, "\n".join(leftovers)
    _settle(qtbot, win)
    win.grab().save(str(artifacts / "ui-language-switched-zh_CN.png"))
    win.stack.setCurrentWidget(queue)  # shown as it is (the Work queue action would read it again)
    win.grab().save(str(artifacts / "ui-language-switched-queue-zh_CN.png"))
    win.stack.setCurrentWidget(screen)
    assert len(chinese_leftovers(win, allow=_data(win))) > 20  # the reverse check below sees the whole window
    assert not _row_words_left(win, english_words, ids)
    assert reads == [], "the queue was read again from the station to change its words"

    _choose_language(qtbot, win, "en")
    qtbot.waitUntil(lambda: win.login_screen.login_button.text() == "Log in", timeout=5000)
    leftovers = chinese_leftovers(win, allow=_data(win))
    assert not leftovers, "\n".join(leftovers)
    _settle(qtbot, win)
    win.grab().save(str(artifacts / "ui-language-switched-en.png"))
    assert not _row_words_left(win, lambda text, data: _HAN.findall(_strip(text, data)), _data(win))
    assert reads == []

    qtbot.keyClick(QApplication.focusWidget() or win, Qt.Key_L, Qt.ControlModifier)  # log out: a notice stays
    assert win.login_screen.notice.text() == "Logged out."
    _choose_language(qtbot, win, "zh_CN")
    qtbot.waitUntil(lambda: win.login_screen.login_button.text() == "登录", timeout=5000)
    leftovers = english_leftovers(win, allow=ids)  # the seals as the strip showed them before logging out
    assert not leftovers, "\n".join(leftovers)
    assert win.login_screen.notice.text() != "Logged out." and "Cancelled" not in screen.status.text()


def _rows(win):
    """The words of the queue's and the journal's rows (cells and what a screen reader says of them)."""
    for _group, title, rows in win.queue_screen.model.groups:
        yield title
        for row in rows:
            yield from row.texts
            yield row.spoken
            yield row.tip
    model = win.journal_view.model
    for r in range(model.rowCount()):
        yield model.item(r, 1).text()
        yield model.item(r, 1).data(Qt.AccessibleTextRole)


def _row_words_left(win, words, allowed) -> list[str]:
    assert win.journal_view.model.rowCount() > 0 and win.queue_screen.model.groups
    return [text for text in _rows(win) if words(text, allowed)]


def _strip(text: str, data) -> str:
    for name in sorted(data, key=len, reverse=True):
        text = text.replace(name, " ") if name else text
    return text
