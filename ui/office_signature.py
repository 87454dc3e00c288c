"""The office's two secrets, asked where the CLI asks them: the office user's password and the seal authority's
passphrase (the key that signs user records, delegations and the policy). A box the office's dialogs embed."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit

__all__ = ["OfficeSignatureBox"]


class OfficeSignatureBox(QGroupBox):
    """Asks the password of ``user`` and the seal authority's passphrase; :meth:`take` hands them over, cleared."""

    def __init__(self, user: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("officeSignature")
        self.setTitle(self.tr("Signed by the office"))
        form = QFormLayout(self)
        note = QLabel(self.tr("The change is signed with the office's seal authority key; the station accepts "
                              "nothing the office did not sign."))
        note.setWordWrap(True)
        form.addRow(note)
        self.password_edit = _secret("officePassword", self.tr("Password of {user}").format(user=user))
        self.passphrase_edit = _secret("authorityPassphrase", self.tr("Seal authority passphrase"))
        form.addRow(self.tr("Your &password ({user})").format(user=user), self.password_edit)
        form.addRow(self.tr("Seal &authority passphrase"), self.passphrase_edit)

    def missing(self) -> bool:
        return not self.password_edit.text() or not self.passphrase_edit.text()

    def take(self) -> dict:
        """``{"password": …, "passphrase": …}``, and the fields emptied: handed over once, never kept."""
        values = {"password": self.password_edit.text(), "passphrase": self.passphrase_edit.text()}
        self.clear()
        return values

    def clear(self) -> None:
        self.password_edit.clear()
        self.passphrase_edit.clear()


def _secret(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.Password)
    edit.setAccessibleName(accessible)
    return edit
