"""The journal passphrase of a passphrase station: the first screen there, asked again when wrong.

Light on purpose (Qt widgets only): it shows before the core is imported; the station is opened behind it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

__all__ = ["PassphraseDialog"]


class PassphraseDialog(QDialog):
    """Asks the office's journal passphrase; ``submitted`` hands it over and the field is cleared.

    The dialog stays open while the station opens; :meth:`wrong` asks again, :meth:`busy` greys it.
    """

    submitted = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(self.tr("SealStation — journal passphrase"))
        layout = QVBoxLayout(self)
        self.prompt = QLabel(self.tr("This station's journal is locked with the office's passphrase. Type it to open "
                                     "the station."))
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.edit = QLineEdit()
        self.edit.setObjectName("passphrase")
        self.edit.setEchoMode(QLineEdit.Password)
        self.edit.setAccessibleName(self.tr("Journal passphrase"))
        self.prompt.setBuddy(self.edit)
        layout.addWidget(self.edit)
        self.problem = QLabel("")
        self.problem.setObjectName("passphraseProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setVisible(False)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Open the station"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.edit.setFocus(Qt.OtherFocusReason)

    def _submit(self) -> None:
        text = self.edit.text()
        if not text:
            self.wrong(self.tr("Type the journal passphrase."))
            return
        self.edit.clear()  # handed over once; never kept in the widget
        self.busy(True)
        self.submitted.emit(text)

    def busy(self, busy: bool) -> None:
        self.edit.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(not busy)
        if busy:
            self.problem.setText(self.tr("Opening the station…"))
            self.problem.setVisible(True)

    def wrong(self, message: str) -> None:
        """The passphrase did not open the journal: say so and ask again."""
        self.busy(False)
        self.problem.setText(message)
        self.problem.setVisible(True)
        self.edit.setFocus(Qt.OtherFocusReason)
