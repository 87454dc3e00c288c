"""Add a user, change a user's roles or approver level, or reset a password: one form, with the office's password
rules shown where a password is chosen and the office's signature asked at the bottom."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from .office_signature import OfficeSignatureBox
from .office_words import LEVELS, ROLES

__all__ = ["UserDialog", "rules_text"]


def rules_text(rules) -> str:
    """The office's password rules (the policy's :class:`~sealstation.users.PasswordPolicy`) in a sentence."""
    return QCoreApplication.translate(
        "UserDialog", "The office's password rules: at least {min} characters; an initial password is changed at the "
        "first login; a password is changed every {days} days; {tries} wrong tries lock the account for {minutes} "
        "minutes.").format(min=rules.min_length, days=rules.expiry_days, tries=rules.max_failures,
                           minutes=rules.lock_minutes)


class UserDialog(QDialog):
    """``mode``: ``"add"``, ``"change"`` (roles and level of ``user``) or ``"reset"`` (a new initial password).

    ``chosen(values)``: ``username``, ``display_name``, ``roles`` (list), ``level`` (or None), ``initial_password``
    (or None), ``password`` and ``passphrase`` (the office's); the fields holding secrets are cleared then.
    """

    chosen = Signal(dict)

    def __init__(self, mode: str, office_user: str, rules, user=None, parent=None) -> None:
        super().__init__(parent)
        self.mode, self.user, self.rules = mode, user, rules
        self.setObjectName("userDialog")
        self.setWindowTitle({"add": self.tr("Add a user"), "change": self.tr("Change roles"),
                             "reset": self.tr("Reset a password")}[mode])
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username_edit = QLineEdit(user.username if user else "")
        self.username_edit.setObjectName("username")
        self.name_edit = QLineEdit(user.display_name if user else "")
        self.name_edit.setObjectName("displayName")
        if mode != "add":
            self.username_edit.setReadOnly(True)
            self.name_edit.setReadOnly(True)
        form.addRow(self.tr("&Login name"), self.username_edit)
        form.addRow(self.tr("&Name shown"), self.name_edit)
        self.role_boxes: dict[str, QCheckBox] = {}
        roles_row = QWidget()
        row = QHBoxLayout(roles_row)
        row.setContentsMargins(0, 0, 0, 0)
        held = {r.value for r in user.roles} if user else set()
        for role, text in ROLES.items():
            box = QCheckBox(QCoreApplication.translate("OfficeWords", text))
            box.setObjectName(f"role_{role}")
            box.setChecked(role in held)
            box.toggled.connect(self._update)
            self.role_boxes[role] = box
            row.addWidget(box)
        roles_row.setEnabled(mode != "reset")
        form.addRow(self.tr("Roles"), roles_row)
        self.level_combo = QComboBox()
        self.level_combo.setObjectName("approverLevel")
        self.level_combo.setAccessibleName(self.tr("Approver level"))
        for level, text in LEVELS.items():
            self.level_combo.addItem(QCoreApplication.translate("OfficeWords", text), level)
        if user is not None and user.approver_level is not None:
            self.level_combo.setCurrentIndex(self.level_combo.findData(user.approver_level.value))
        form.addRow(self.tr("Approver &level"), self.level_combo)
        layout.addLayout(form)
        self.password_note = QLabel("")
        self.password_note.setObjectName("initialPasswordNote")
        self.password_note.setWordWrap(True)
        layout.addWidget(self.password_note)
        self.rules_label = QLabel(rules_text(rules))
        self.rules_label.setObjectName("passwordRules")
        self.rules_label.setWordWrap(True)
        layout.addWidget(self.rules_label)
        pw_form = QFormLayout()
        self.initial_edit = _secret("initialPassword", self.tr("Initial password"))
        self.repeat_edit = _secret("repeatInitialPassword", self.tr("Repeat the initial password"))
        self.initial_label = QLabel(self.tr("&Initial password"))
        self.initial_label.setBuddy(self.initial_edit)
        self.repeat_label = QLabel(self.tr("&Repeat it"))
        self.repeat_label.setBuddy(self.repeat_edit)
        pw_form.addRow(self.initial_label, self.initial_edit)
        pw_form.addRow(self.repeat_label, self.repeat_edit)
        layout.addLayout(pw_form)
        self.signature = OfficeSignatureBox(office_user)
        layout.addWidget(self.signature)
        self.problem = QLabel("")
        self.problem.setObjectName("userProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(
            {"add": self.tr("Add and sign"), "change": self.tr("Change and sign"), "reset": self.tr("Reset and sign")}[mode])
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()
        (self.username_edit if mode == "add" else self.initial_edit if mode == "reset"
         else self.role_boxes["custodian"]).setFocus(Qt.OtherFocusReason)

    def _roles(self) -> list[str]:
        return [role for role, box in self.role_boxes.items() if box.isChecked()]

    def _needs_password(self) -> bool:
        if self.mode in ("add", "reset"):
            return True
        # A new approver's approval key is made under a new initial password (the old one is not known here).
        return "approver" in self._roles() and not (self.user and self.user.public_key_pem)

    def _update(self) -> None:
        approver = "approver" in self._roles()
        self.level_combo.setEnabled(approver and self.mode != "reset")
        # Someone who approves nothing has no level: a greyed "Department manager" read as one.
        if not approver:
            self.level_combo.setCurrentIndex(-1)
        elif self.level_combo.currentIndex() < 0:
            self.level_combo.setCurrentIndex(0)
        needs = self._needs_password()
        for widget in (self.initial_edit, self.repeat_edit, self.initial_label, self.repeat_label, self.rules_label):
            widget.setVisible(needs)
        if self.mode == "reset":
            note = self.tr("{user} gets a new initial password and must change it at the next login.").format(
                user=self.user.display_name or self.user.username)
            if self.user.public_key_pem:
                note += "\n" + self.tr("An approver also gets a new approval key: the old one opens only with the old "
                                       "password.")
        elif self.mode == "change" and needs:
            note = self.tr("{user} becomes an approver and needs an approval key: it is made with a new initial "
                           "password, changed at the next login.").format(
                user=self.user.display_name or self.user.username)
        elif self.mode == "add":
            note = self.tr("The new user must change the initial password at the first login.")
        else:
            note = ""
        self.password_note.setText(note)
        self.password_note.setVisible(bool(note))

    def _submit(self) -> None:
        roles = self._roles()
        if self.mode == "add" and not self.username_edit.text().strip():
            return self.refused(self.tr("Give a login name."))
        if not roles:
            return self.refused(self.tr("Choose at least one role."))
        initial = None
        if self._needs_password():
            if self.initial_edit.text() != self.repeat_edit.text():
                return self.refused(self.tr("The two initial passwords differ. Type it twice."))
            if len(self.initial_edit.text()) < self.rules.min_length:
                return self.refused(self.tr("The initial password needs at least {min} characters.").format(
                    min=self.rules.min_length))
            initial = self.initial_edit.text()
        if self.signature.missing():
            return self.refused(self.tr("Type your password and the seal authority passphrase."))
        values = {"username": self.username_edit.text().strip(), "display_name": self.name_edit.text().strip(),
                  "roles": roles, "level": self.level_combo.currentData() if "approver" in roles else None,
                  "initial_password": initial, **self.signature.take()}
        self.initial_edit.clear()
        self.repeat_edit.clear()
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.problem.setText(self.tr("Signing…"))
        self.chosen.emit(values)

    def refused(self, text: str) -> None:
        """Nothing was changed: say why and ask again (the secrets are typed again)."""
        self.initial_edit.clear()
        self.repeat_edit.clear()
        self.problem.setText(text)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)


def _secret(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.Password)
    edit.setAccessibleName(accessible)
    return edit
