"""The PIN prompt: the UI answers the token's request for a PIN, and says what is at stake."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

__all__ = ["PinDialog"]


class PinDialog(QDialog):
    """Asks for the seal token's PIN. The PIN is returned once and never kept."""

    def __init__(self, seal_name: str, warning: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("输入 USB Key 口令 / Token PIN")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"签章：{seal_name}\n请输入该印章 USB Key 的 PIN。\nEnter the PIN of the seal's USB key."))
        self.warning = QLabel(warning)
        self.warning.setStyleSheet("color: #b00020; font-weight: bold")
        self.warning.setWordWrap(True)
        self.warning.setVisible(bool(warning))
        layout.addWidget(self.warning)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.Password)
        self.pin_edit.setObjectName("pin")
        layout.addWidget(self.pin_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def take_pin(self) -> str:
        """The PIN typed, cleared from the field so it does not linger in the widget."""
        pin = self.pin_edit.text()
        self.pin_edit.clear()
        return pin
