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


def unnamed_controls(win) -> list[str]:
    """The visible controls a screen reader would find without a name."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QHeaderView, QLabel,
                                   QLineEdit, QWidget)

    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QLabel, QAbstractSpinBox)
    unnamed = []
    for widget in win.findChildren(QWidget):
        # A combo box's or a spin box's own line edit is read as the box it belongs to.
        if widget.isVisible() and isinstance(widget, kinds) \
                and not isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)) \
                and not isinstance(widget, QHeaderView):  # a list's header: read as its columns
            face = QAccessible.queryAccessibleInterface(widget)
            if isinstance(widget, QLabel) and not widget.text():
                continue
            if not (face and face.text(QAccessible.Name)):
                unnamed.append(widget.objectName() or type(widget).__name__)
    return unnamed


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


def unnamed(root) -> list[str]:
    """The visible controls under ``root`` a screen reader would find without a name."""
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QHeaderView,
                                   QLabel, QLineEdit, QWidget)

    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QLabel, QAbstractSpinBox)
    found = []
    for widget in root.findChildren(QWidget):
        if widget.isVisible() and isinstance(widget, kinds) and not isinstance(widget, QHeaderView) \
                and not isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)) \
                and not (isinstance(widget, QLabel) and not widget.text()):
            face = QAccessible.queryAccessibleInterface(widget)
            if not (face and face.text(QAccessible.Name)):
                found.append(widget.objectName() or type(widget).__name__)
    return found


# -- the mouse on the page view, as a hand moves it --------------------------------------------------------------


def move(widget, pos, buttons=None) -> None:
    """A mouse move with the button held (QTest's own move carries no button state)."""
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    event = QMouseEvent(QEvent.MouseMove, QPointF(pos), QPointF(widget.mapToGlobal(pos)), Qt.NoButton,
                        Qt.LeftButton if buttons is None else buttons, Qt.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(qtbot, widget, start, end, steps: int = 12) -> None:
    """Press, move in steps as a hand does, release."""
    from PySide6.QtCore import QPoint

    qtbot.mousePress(widget, Qt.LeftButton, pos=start)
    for i in range(1, steps + 1):
        move(widget, QPoint(start.x() + (end.x() - start.x()) * i // steps,
                            start.y() + (end.y() - start.y()) * i // steps))
    qtbot.mouseRelease(widget, Qt.LeftButton, pos=end)


def drop_from_palette(view, palette, key: str, pos) -> None:
    """What dragging seal ``key`` out of the palette delivers to the page view at ``pos`` (viewport pixels).

    A real QDrag runs its own event loop, which a test cannot steer: the events the view receives are sent."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    data = palette.mime_data(key)
    target = view.viewport
    QApplication.sendEvent(target, QDragEnterEvent(pos, Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier))
    QApplication.sendEvent(target, QDragMoveEvent(pos, Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier))
    QApplication.sendEvent(target, QDropEvent(QPointF(pos), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier))


def wheel(widget, pos, dx: int = 0, dy: int = 0, modifiers=Qt.NoModifier) -> None:
    """One notch of the mouse wheel (``dy`` > 0: away from the person, up the page; ``dx``: sideways)."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    event = QWheelEvent(QPointF(pos), QPointF(widget.mapToGlobal(pos)), QPoint(0, 0), QPoint(dx, dy), Qt.NoButton,
                        modifiers, Qt.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def scroll_to(view, page: int, x_mm: float, y_mm: float, margin: int = 120) -> None:
    """Turn the wheel (down, up, sideways) until the point is in the view, ``margin`` pixels from its edges."""
    port = view.viewport
    for _ in range(400):
        p = view.map_to_viewport(page, x_mm, y_mm)
        dy = 120 if p.y() < margin else -120 if p.y() > port.height() - margin else 0
        dx = 120 if p.x() < margin else -120 if p.x() > port.width() - margin else 0
        if not dx and not dy:
            return
        if dy:
            wheel(port, port.rect().center(), dy=dy)
        else:
            wheel(port, port.rect().center(), dx=dx)
    raise AssertionError(f"page {page} ({x_mm}, {y_mm}) mm never came into view")
