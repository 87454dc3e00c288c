"""The secrets the office types for a step of the seal register, asked as the CLI asks them: the office user's own
password, the passphrase of the office's seal authority key, and (to make or destroy a seal's key) the PIN of the
seal's USB key. Handed over once and cleared from their fields as they are."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLineEdit

__all__ = ["OfficeSecrets", "add_office_secrets"]


@dataclass(frozen=True)
class OfficeSecrets:
    """The fields; ``pin_edit`` is None when the step does not touch the USB key's private objects."""

    password_edit: QLineEdit
    passphrase_edit: QLineEdit
    pin_edit: QLineEdit | None

    def edits(self) -> tuple[QLineEdit, ...]:
        return tuple(e for e in (self.password_edit, self.passphrase_edit, self.pin_edit) if e is not None)

    def filled(self) -> bool:
        return all(e.text() for e in self.edits())

    def take(self) -> tuple[str, str, str | None]:
        """(password, passphrase, PIN or None); every field is cleared as they are handed over."""
        found = (self.password_edit.text(), self.passphrase_edit.text(),
                 self.pin_edit.text() if self.pin_edit is not None else None)
        self.clear()
        return found

    def clear(self) -> None:
        for edit in self.edits():
            edit.clear()

    def set_enabled(self, enabled: bool) -> None:
        for edit in self.edits():
            edit.setEnabled(enabled)

    def field_for(self, code: str | None) -> QLineEdit:
        """The field a refusal is about (typed again there)."""
        if code == "authority_passphrase":
            return self.passphrase_edit
        if code in ("pin_incorrect", "pin_locked", "pin") and self.pin_edit is not None:
            return self.pin_edit
        return self.password_edit


def _secret(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.Password)
    edit.setAccessibleName(accessible)
    return edit


def add_office_secrets(form: QFormLayout, user: str, *, pin: bool) -> OfficeSecrets:
    """Add the rows to ``form``; object names ``officePassword``, ``authorityPassphrase``, ``tokenPin``."""
    password = _secret("officePassword", QCoreApplication.translate("OfficeSecrets", "Your password"))
    passphrase = _secret("authorityPassphrase",
                         QCoreApplication.translate("OfficeSecrets", "Passphrase of the office's seal authority key"))
    # The same words as the office's other dialogs (OfficeSignatureBox); mnemonics free in every dialog using them.
    form.addRow(QCoreApplication.translate("OfficeSecrets", "&Your password ({user})").format(user=user), password)
    form.addRow(QCoreApplication.translate("OfficeSecrets", "Seal &authority passphrase"), passphrase)
    pin_edit = None
    if pin:
        pin_edit = _secret("tokenPin", QCoreApplication.translate("OfficeSecrets", "PIN of the USB key"))
        form.addRow(QCoreApplication.translate("OfficeSecrets", "&USB key PIN"), pin_edit)
    return OfficeSecrets(password, passphrase, pin_edit)
