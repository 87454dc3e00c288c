"""Driving the station window as a person does: log in with keys, open a document, wait for the checks."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from support.station_fixtures import password


def window_settings(tmp_path) -> QSettings:
    """The window's remembered settings in a file of this test, never the tester's own."""
    return QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat)


def type_login(qtbot, win, user: str, secret: str) -> None:
    screen = win.login_screen
    screen.user_edit.clear()
    qtbot.keyClicks(screen.user_edit, user)
    qtbot.keyClick(screen.user_edit, Qt.Key_Return)  # on to the password
    qtbot.keyClicks(screen.password_edit, secret)
    qtbot.keyClick(screen.password_edit, Qt.Key_Return)


def log_in(qtbot, win, user: str = "custodian", secret: str | None = None) -> None:
    type_login(qtbot, win, user, password(user) if secret is None else secret)
    qtbot.waitUntil(lambda: win.login is not None, timeout=10000)


def wait_idle(qtbot, win, timeout: int = 30000) -> None:
    qtbot.waitUntil(lambda: not win.tasks.busy and not win.document_screen._preflight_timer.isActive(), timeout=timeout)


def open_and_check(qtbot, win, path) -> None:
    """Open a file from disk and wait for its request and the checks (the preflight) to be shown."""
    assert win.open_document(path)
    screen = win.document_screen
    qtbot.waitUntil(lambda: "finding the request" not in screen.header.text(), timeout=10000)
    # The pages are laid out when the render process has read them (the due seal is placed then).
    qtbot.waitUntil(lambda: screen.document is None or screen.view.page_count > 0, timeout=20000)
    wait_idle(qtbot, win)
