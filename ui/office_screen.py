"""What the office's signed-change screens share (users and roles, delegations, the policy): the station, the task
runner and the person logged in, a heading, buttons, a status line, and one way to show a load's failure, a change's
refusal (in words from :mod:`ui.error_words`, never the exception's text) and to close an open form at logout.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QWidget

from .error_words import text
from .i18n import say

__all__ = ["OfficeScreen", "fit_columns"]


def fit_columns(header: QHeaderView) -> None:
    """A list's columns as wide as their contents, the last one taking the rest; never narrower than a short word or
    a date, so that an empty list's headings can still be read (they were squeezed to a character or two)."""
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setStretchLastSection(True)
    header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("0000-00-00") + 16)


class OfficeScreen(QWidget):
    """Built as ``cls(station, tasks, user, parent)``; ``self.dialog``: the form open now (closed at logout);
    ``self.status``: the line that says what happened (made by :meth:`status_line`)."""

    def __init__(self, station, tasks, user: str, parent=None) -> None:
        super().__init__(parent)
        self.station, self.tasks, self.user = station, tasks, user
        self.dialog = None
        self.status: QLabel | None = None

    @staticmethod
    def heading(name: str) -> QLabel:
        title = QLabel()
        title.setObjectName(name)
        title.setStyleSheet("font-size: 16pt; font-weight: bold")
        return title

    def status_line(self, name: str) -> QLabel:
        self.status = QLabel("")
        self.status.setObjectName(name)
        self.status.setWordWrap(True)
        return self.status

    @staticmethod
    def _button(name: str, row, slot) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _failed(self, exc: BaseException) -> None:
        say(self.status, lambda: text(exc))

    def _refused(self, dialog, exc: BaseException) -> None:
        dialog.refused(text(exc))

    def shut_down(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
