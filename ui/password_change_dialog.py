"""A new password, chosen at the first login or when the old one expired, with the office's rules shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

__all__ = ["PasswordChangeDialog"]


class PasswordChangeDialog(QDialog):
    """Asks the new password twice; ``chosen(new)`` hands it over. The core judges it (:meth:`refused` if not)."""

    chosen = Signal(str)

    def __init__(self, user: str, expired: bool, rules, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordChangeDialog")
        self.setWindowTitle(self.tr("Change your password"))
        layout = QVBoxLayout(self)
        why = (self.tr("The password of {user} has expired. Choose a new one to go on.") if expired
               else self.tr("{user} logs in for the first time, or the office reset the password. Choose a new "
                            "one to go on."))
        self.why = QLabel(why.format(user=user))
        self.why.setWordWrap(True)
        layout.addWidget(self.why)
        self.rules = QLabel(self.tr("The office's rules: at least {min} characters, different from the old one; it "
                                    "expires after {days} days; {tries} wrong tries lock the account for {minutes} "
                                    "minutes.").format(min=rules.min_length, days=rules.expiry_days,
                                                       tries=rules.max_failures, minutes=rules.lock_minutes))
        self.rules.setObjectName("passwordRules")
        self.rules.setWordWrap(True)
        layout.addWidget(self.rules)
        form = QFormLayout()
        self.new_edit = QLineEdit()
        self.new_edit.setObjectName("newPassword")
        self.new_edit.setEchoMode(QLineEdit.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeatPassword")
        self.repeat_edit.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("&New password"), self.new_edit)
        form.addRow(self.tr("&Repeat it"), self.repeat_edit)
        layout.addLayout(form)
        self.problem = QLabel("")
        self.problem.setObjectName("passwordProblem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Change password"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.new_edit.setFocus(Qt.OtherFocusReason)

    def _submit(self) -> None:
        new, repeat = self.new_edit.text(), self.repeat_edit.text()
        if new != repeat:
            self.refused(self.tr("The two passwords differ. Type the new one twice."))
            return
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.problem.setText(self.tr("Changing…"))
        self.chosen.emit(new)

    def refused(self, text: str) -> None:
        """The new password was refused: say why and ask again (both fields cleared)."""
        self.new_edit.clear()
        self.repeat_edit.clear()
        self.problem.setText(text)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)
        self.new_edit.setFocus(Qt.OtherFocusReason)

    def done_clear(self) -> None:
        self.new_edit.clear()
        self.repeat_edit.clear()
