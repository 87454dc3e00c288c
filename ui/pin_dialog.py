"""The stamp confirmation: the custodian's login and the token PIN, asked together.

The UI answers the core's need for secrets; they are handed over once and never
kept in the widgets.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

__all__ = ["PinDialog"]


class PinDialog(QDialog):
    """Asks who is stamping (user and password) and the PIN of the seal's USB key."""

    def __init__(self, seal_name: str, warning: str = "", user: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("盖章确认 / Confirm stamping")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"印章 Seal：{seal_name}\n请印章专管人员登录并输入 USB Key 的 PIN。\n"
                                "The custodian logs in and enters the PIN of the seal's USB key."))
        self.warning = QLabel(warning)
        self.warning.setStyleSheet("color: #b00020; font-weight: bold")
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(warning))
        layout.addWidget(self.warning)
        form = QFormLayout()
        self.user_edit = QLineEdit(user)
        self.user_edit.setObjectName("user")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.password_edit.setObjectName("password")
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.Password)
        self.pin_edit.setObjectName("pin")
        form.addRow("用户 User", self.user_edit)
        form.addRow("密码 Password", self.password_edit)
        form.addRow("PIN", self.pin_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password_edit if user else self.user_edit).setFocus()

    def take_secrets(self) -> tuple[str, str, str]:
        """(user, password, PIN), cleared from the fields so they do not linger."""
        secrets = (self.user_edit.text().strip(), self.password_edit.text(), self.pin_edit.text())
        self.password_edit.clear()
        self.pin_edit.clear()
        return secrets
