"""The form of the custodian's confirmed acts on a request (退签, 收回): a reason, their own password, a message line
and OK/Cancel. The dialogs that use it keep their own words and their act; the form keeps the fields consistent
and the password handed over once."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QVBoxLayout)

__all__ = ["ReasonForm", "add_reason_form"]


@dataclass(frozen=True)
class ReasonForm:
    """The widgets of the form, for the dialog that acts on them."""

    reason_edit: QPlainTextEdit
    password_edit: QLineEdit
    message: QLabel
    buttons: QDialogButtonBox
    ok_button: QPushButton

    def filled(self) -> bool:
        return bool(self.reason_edit.toPlainText().strip() and self.password_edit.text())

    def take(self) -> tuple[str, str]:
        """(reason, password); the password is cleared from its field as it is handed over."""
        reason, password = self.reason_edit.toPlainText().strip(), self.password_edit.text()
        self.password_edit.clear()
        return reason, password


def add_reason_form(dialog: QDialog, layout: QVBoxLayout, *, name: str, user: str, reason_name: str,
                    placeholder: str, ok_text: str) -> ReasonForm:
    """Lay the form out in ``layout``; ``name`` prefixes the object names (``returnReason``, ``returnOk`` …).

    OK calls ``dialog.submit``, Cancel rejects, and every change of a field calls ``dialog._enable``.
    """
    form = QFormLayout()
    reason_edit = QPlainTextEdit()
    reason_edit.setObjectName(f"{name}Reason")
    reason_edit.setAccessibleName(reason_name)
    reason_edit.setPlaceholderText(placeholder)
    reason_edit.setTabChangesFocus(True)
    reason_edit.setFixedHeight(80)
    password_edit = QLineEdit()
    password_edit.setObjectName(f"{name}Password")
    password_edit.setEchoMode(QLineEdit.Password)
    password_edit.setAccessibleName(QCoreApplication.translate("ReasonForm", "Your password"))
    form.addRow(QCoreApplication.translate("ReasonForm", "Reason"), reason_edit)
    form.addRow(QCoreApplication.translate("ReasonForm", "Your password ({user})").format(user=user), password_edit)
    layout.addLayout(form)
    message = QLabel()
    message.setObjectName(f"{name}Message")
    message.setWordWrap(True)
    message.setStyleSheet("color: #b00020")
    layout.addWidget(message)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    ok_button = buttons.button(QDialogButtonBox.Ok)
    ok_button.setText(ok_text)
    ok_button.setObjectName(f"{name}Ok")
    buttons.accepted.connect(dialog.submit)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    reason_edit.textChanged.connect(dialog._enable)
    password_edit.textChanged.connect(dialog._enable)
    return ReasonForm(reason_edit, password_edit, message, buttons, ok_button)
