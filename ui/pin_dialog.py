"""The stamp confirmation: the custodian's password and the PIN of the seal's USB key, asked together.

It shows what the key tells about itself (label, serial, the PIN flags) and warns before the final try.
What was typed right is kept: a wrong password clears only the password and the dialog stays open; a wrong
PIN (found by the signing, after the dialog closed) brings the same dialog back with the password still
there and only the PIN cleared. Everything is cleared when the sitting ends (:meth:`clear_all`).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from .error_words import text as error_text
from .tasks import TaskRunner

__all__ = ["PinDialog"]


class PinDialog(QDialog):
    """``confirmed`` once the password is right and a PIN is typed; then :meth:`secrets` hands them over."""

    confirmed = Signal()

    def __init__(self, token, seal_names: list[str], user: str = "",
                 verify_password: Callable[[str, str], None] | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("Confirm stamping"))
        self.verify_password = verify_password
        self.tasks = TaskRunner(self)
        layout = QVBoxLayout(self)
        self.what = QLabel(self.tr("Seals to stamp, in order: {seals}").format(seals=", ".join(seal_names)))
        self.what.setObjectName("pinSeals")
        self.what.setWordWrap(True)
        layout.addWidget(self.what)
        self.setMinimumWidth(460)  # two seals' full names on a line each, not broken inside an id
        self.key = QLabel("")
        self.key.setObjectName("pinToken")
        layout.addWidget(self.key)
        self.tries = QLabel("")
        self.tries.setObjectName("pinTries")
        self.tries.setWordWrap(True)
        layout.addWidget(self.tries)
        form = QFormLayout()
        self.user_edit = QLineEdit(user)
        self.user_edit.setObjectName("user")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("pin")
        self.pin_edit.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("&User"), self.user_edit)
        form.addRow(self.tr("Pass&word"), self.password_edit)
        form.addRow(self.tr("USB key &PIN"), self.pin_edit)
        layout.addLayout(form)
        self.problem = QLabel("")
        self.problem.setObjectName("pinProblem")
        self.problem.setStyleSheet("color: #b00020; font-weight: bold")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("Stamp"))
        self.ok_button.setObjectName("pinOk")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.show_token(token)
        self._focus()

    # -- what the key tells ------------------------------------------------------

    def show_token(self, token) -> None:
        """Label, serial and the PIN flags (``TokenInfo``; None when the key could not be read)."""
        if token is None:
            self.key.setText(self.tr("USB key: not read"))
            self.tries.setText("")
            return
        self.key.setText(self.tr("USB key: {label} (serial {serial})").format(label=token.label, serial=token.serial))
        if token.locked:
            text = self.tr("The PIN of this USB key is locked. The office unblocks it; nothing can be stamped with "
                           "it until then.")
        elif token.final_try:
            text = self.tr("Careful: the USB key says this is the final try. A wrong PIN now locks it.")
        elif token.count_low:
            text = self.tr("A wrong PIN was entered since the last success; the key does not say how many tries "
                           "are left.")
        else:
            text = self.tr("No wrong PIN since the last success.")
        self.tries.setText(text)
        warn = token.locked or token.final_try or token.count_low
        self.tries.setStyleSheet("color: #b00020; font-weight: bold" if warn else "")
        self.ok_button.setEnabled(not token.locked)

    # -- the person --------------------------------------------------------------

    def _focus(self) -> None:
        for edit in (self.user_edit, self.password_edit, self.pin_edit):
            if not edit.text():
                edit.setFocus(Qt.OtherFocusReason)
                return
        self.pin_edit.setFocus(Qt.OtherFocusReason)

    def _submit(self) -> None:
        user, password = self.user_edit.text().strip(), self.password_edit.text()
        if not user or not password or not self.pin_edit.text():
            self.problem.setText(self.tr("Type the user, the password and the PIN."))
            self._focus()
            return
        if self.verify_password is None:
            self._checked(None)
            return
        self.ok_button.setEnabled(False)
        self.problem.setText(self.tr("Checking the password…"))
        self.tasks.run(lambda: self.verify_password(user, password), self._checked, self._password_refused)

    def _checked(self, _result) -> None:
        self.problem.clear()
        self.ok_button.setEnabled(True)
        self.hide()
        self.setResult(QDialog.Accepted)
        self.confirmed.emit()

    def _password_refused(self, exc: BaseException) -> None:
        """The dialog stays; the user and the PIN stay, the password is cleared to be typed again."""
        self.ok_button.setEnabled(True)
        self.password_edit.clear()
        self.problem.setText(error_text(exc))
        self.password_edit.setFocus(Qt.OtherFocusReason)

    def secrets(self) -> tuple[str, str, str]:
        """(user, password, PIN); the PIN field is cleared, the password kept until :meth:`clear_all`."""
        found = (self.user_edit.text().strip(), self.password_edit.text(), self.pin_edit.text())
        self.pin_edit.clear()
        return found

    def pin_refused(self, message: str, token=None) -> None:
        """The signing said the PIN is wrong: show why, and ask the PIN again (password kept)."""
        if token is not None:
            self.show_token(token)
        self.pin_edit.clear()
        self.problem.setText(message)
        self.open()
        self.pin_edit.setFocus(Qt.OtherFocusReason)

    def clear_all(self) -> None:
        self.password_edit.clear()
        self.pin_edit.clear()
