"""Stand-in for the work queue (``ui/queue_screen.py`` QueueScreen, built by another part) until it is merged.

Same names as the QueueScreen the shell is wired to: ``load(user)``, ``openRequested(WorkItem)``,
``printRequested``, ``returnRequested``; it only says where the queue will be and how to open a file.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

__all__ = ["QueuePlaceholder"]


class QueuePlaceholder(QWidget):
    openRequested = Signal(object)
    printRequested = Signal(object)
    returnRequested = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("queueScreen")
        layout = QVBoxLayout(self)
        self.text = QLabel(self.tr("The requests waiting for you appear here. Open a document from disk with "
                                   "File ▸ Open (Ctrl+O): the station finds the request that covers it."))
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.text)

    def load(self, user) -> None:
        self.user = user
