"""Confirm one of the office's changes: what it will do, in words, then the office's password and passphrase.

Used where the office needs nothing else: lock or unlock an account, end a delegation early, sign a policy change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from .office_signature import OfficeSignatureBox

__all__ = ["OfficeConfirmDialog"]


class OfficeConfirmDialog(QDialog):
    """``confirmed(values)``: the secrets (``password``, ``passphrase``) and, when asked, ``note``; the caller runs
    the change and calls :meth:`refused` (stays open) or closes it."""

    confirmed = Signal(dict)

    def __init__(self, title: str, what: str, user: str, *, ok_text: str, note: str | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("officeConfirmDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.what = QLabel(what)
        self.what.setObjectName("officeConfirmWhat")
        self.what.setWordWrap(True)
        self.what.setTextFormat(Qt.PlainText)
        layout.addWidget(self.what)
        self.note_edit = None
        if note is not None:
            label = QLabel(note)
            layout.addWidget(label)
            self.note_edit = QLineEdit()
            self.note_edit.setObjectName("officeConfirmNote")
            self.note_edit.setAccessibleName(note)
            label.setBuddy(self.note_edit)
            layout.addWidget(self.note_edit)
        self.signature = OfficeSignatureBox(user)
        layout.addWidget(self.signature)
        self.problem = QLabel("")
        self.problem.setObjectName("officeConfirmProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(ok_text)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.note_edit or self.signature.password_edit).setFocus(Qt.OtherFocusReason)

    def _submit(self) -> None:
        if self.note_edit is not None and not self.note_edit.text().strip():
            self.refused(self.tr("Say why: it is journalled with the change."))
            return
        if self.signature.missing():
            self.refused(self.tr("Type your password and the seal authority passphrase."))
            return
        values = self.signature.take()
        if self.note_edit is not None:
            values["note"] = self.note_edit.text().strip()
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.problem.setText(self.tr("Signing…"))
        self.confirmed.emit(values)

    def refused(self, text: str) -> None:
        """Nothing was changed: say why and ask again."""
        self.problem.setText(text)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)
        self.signature.password_edit.setFocus(Qt.OtherFocusReason)
