"""加印: an approver, in person at the station, allows more copies of a stamped document whose copies are used up.

The approval is :meth:`ApprovingDesk.allow_extra_copies`: the approver's password unlocks
their own approval key, and the station checks their authority for the document's
seals, as for any approval. It runs off the GUI thread; a refusal is shown in the
dialog, which stays open with what was typed kept (the password is cleared as soon
as it is handed over).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout)

from .error_words import words
from .tasks import TaskRunner

__all__ = ["ExtraCopiesDialog"]


class ExtraCopiesDialog(QDialog):
    """Asks an approver for their name, password, the number of extra copies and the reason."""

    allowed = Signal(object)
    """The new allowance (extra copies), once the station recorded it."""

    def __init__(self, station, document: Path, parent=None, *, approver: str | None = None) -> None:
        """``approver``: the approver logged in at the window (their name is then given, not typed)."""
        super().__init__(parent)
        self.station, self.document = station, Path(document)
        self.tasks = TaskRunner(self)
        self.setObjectName("extraCopiesDialog")
        self.setWindowTitle(self.tr("Extra copies (加印) — {file}").format(file=self.document.name))
        layout = QVBoxLayout(self)
        if approver:  # the approver at their own screen, not called to the custodian's print dialog
            about = QLabel(self.tr("More copies of {file} than were approved, printed from the same stamped file. "
                                   "Your approval is signed with your key and journalled.").format(
                file=self.document.name))
        else:
            about = QLabel(self.tr("The approved copies of {file} are printed. More copies need an approval for "
                                   "extra copies by an approver with the authority for its seals. The approver enters "
                                   "it here in person with their own password; it is signed with their key and "
                                   "journalled.").format(file=self.document.name))
        about.setWordWrap(True)
        layout.addWidget(about)
        form = QFormLayout()
        self.approver_edit = QLineEdit()
        self.approver_edit.setObjectName("extraApprover")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("extraPassword")
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.copies = QSpinBox()
        self.copies.setObjectName("extraCopies")
        self.copies.setRange(1, 99)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("extraReason")
        self.reason_edit.setPlaceholderText(self.tr("Why more copies are needed (required)"))
        for label, field in ((self.tr("Approver"), self.approver_edit), (self.tr("Approver's password"),
                             self.password_edit), (self.tr("Extra copies"), self.copies),
                             (self.tr("Reason"), self.reason_edit)):
            field.setAccessibleName(label)
            form.addRow(label, field)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("extraMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("Approve the extra copies"))
        self.ok_button.setObjectName("extraOk")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for field in (self.approver_edit, self.password_edit, self.reason_edit):
            field.textChanged.connect(self._enable)
        if approver:
            self.approver_edit.setText(approver)
            self.approver_edit.setReadOnly(True)
        self._enable()
        (self.password_edit if approver else self.approver_edit).setFocus()

    def _enable(self) -> None:
        filled = all(f.text().strip() for f in (self.approver_edit, self.password_edit, self.reason_edit))
        self.ok_button.setEnabled(filled and not self.tasks.busy)

    def submit(self) -> None:
        approver, password = self.approver_edit.text().strip(), self.password_edit.text()
        copies, reason = self.copies.value(), self.reason_edit.text().strip()
        self.password_edit.clear()  # handed over once, never kept in the widget
        if not (approver and password and reason):
            return
        self.message.setText(self.tr("Checking the approver's authority…"))
        document = self.document
        self.tasks.run(lambda: self.station.approving().allow_extra_copies(document, copies=copies, approver=approver,
                                                               password=password, reason=reason),
                       self._done, self._failed)
        self._enable()

    def _done(self, allowance) -> None:
        self.allowed.emit(allowance)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        what, todo = words(exc)
        self.message.setText(self.tr("Not approved: {what}\n{todo}").format(what=what, todo=todo))
        self.password_edit.setFocus()
        self._enable()
