"""The office's users and roles: who may do what at this station, their accounts and passwords.

Add a user, change roles or an approver level, lock and unlock, reset a password: each a new version of the user's
record signed by the office (its password and the seal authority's passphrase asked in the form). The password rules
of the office's signed policy are shown here and where a password is chosen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from .i18n import reword, say
from .office_confirm_dialog import OfficeConfirmDialog
from .office_screen import OfficeScreen, fit_columns
from .office_words import level_name, roles_text
from .user_dialog import UserDialog, rules_text

__all__ = ["UsersScreen"]


class UsersScreen(OfficeScreen):
    """The users of the station, for the office; built as ``UsersScreen(station, tasks, user, parent)``."""

    def __init__(self, station, tasks, user: str, parent=None) -> None:
        super().__init__(station, tasks, user, parent)
        self.rows: tuple = ()
        self.setObjectName("usersScreen")
        layout = QVBoxLayout(self)
        self.title = self.heading("usersTitle")
        layout.addWidget(self.title)
        self.rules = QLabel()
        self.rules.setObjectName("usersPasswordRules")
        self.rules.setWordWrap(True)
        layout.addWidget(self.rules)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("usersTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table.horizontalHeader())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.change_roles())
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = self._button("addUser", buttons, self.add_user)
        self.roles_button = self._button("changeRoles", buttons, self.change_roles)
        self.lock_button = self._button("lockUser", buttons, self.toggle_lock)
        self.reset_button = self._button("resetPassword", buttons, self.reset_password)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_line("usersStatus"))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Users and roles"))
        self.rules.setText(rules_text(self.station.password_policy))
        self.table.setHorizontalHeaderLabels([self.tr("Login name"), self.tr("Name"), self.tr("Roles"),
                                              self.tr("Approver level"), self.tr("Account"), self.tr("Password")])
        self.table.setAccessibleName(self.tr("Users of the station"))
        self.add_button.setText(self.tr("A&dd a user…"))
        self.roles_button.setText(self.tr("Change &roles…"))
        self.reset_button.setText(self.tr("Reset &password…"))
        self._update_buttons()
        self._fill()
        reword(self.status)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the list ---------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the users again (in the background), and the password rules (the policy may have been signed)."""
        self.rules.setText(rules_text(self.station.password_policy))
        self.tasks.run(lambda: self.station.people().users_overview(self.user), self._loaded, self._failed, read=True)

    def _loaded(self, rows) -> None:
        selected = self.selected()
        self.rows = tuple(rows)
        self._fill()
        if selected is not None:
            self.select(selected.user.username)
        self._update_buttons()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            user = row.user
            level = level_name(user.approver_level)
            if user.approver_level is not None and not user.public_key_pem:
                level = self.tr("{level} (no approval key: reset the password)").format(level=level)
            cells = (user.username, user.display_name, roles_text(user.roles), level,
                     self._account_text(row), self._password_text(row))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setData(Qt.UserRole, user.username)
                self.table.setItem(index, column, item)

    def _account_text(self, row) -> str:
        if not row.record_signed:
            return self.tr("Refused: the record was changed outside the office")
        if row.user.disabled:
            return self.tr("Locked by the office")
        if row.locked_for_failures:
            return self.tr("Locked for a while after wrong passwords")
        return self.tr("Active")

    def _password_text(self, row) -> str:
        if row.user.must_change:
            return self.tr("New or reset: changed at the next login")
        if row.password_expired:
            return self.tr("Expired ({age} days old): changed at the next login").format(age=row.password_age_days)
        return self.tr("{age} days old; expires in {left} days").format(age=row.password_age_days,
                                                                       left=row.password_days_left)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        name = self.table.item(rows[0].row(), 0).data(Qt.UserRole)
        return next((r for r in self.rows if r.user.username == name), None)

    def select(self, username: str) -> None:
        for index in range(self.table.rowCount()):
            if self.table.item(index, 0).data(Qt.UserRole) == username:
                self.table.selectRow(index)
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.roles_button, self.lock_button, self.reset_button):
            button.setEnabled(row is not None)
        self.lock_button.setText(self.tr("&Unlock") if row is not None and _locked(row) else self.tr("Loc&k"))

    # -- the changes --------------------------------------------------------------------------------------------

    def add_user(self) -> None:
        self._open_form("add", None)

    def change_roles(self) -> None:
        row = self.selected()
        if row is not None:
            self._open_form("change", row.user)

    def reset_password(self) -> None:
        row = self.selected()
        if row is not None:
            self._open_form("reset", row.user)

    def _open_form(self, mode: str, user) -> None:
        self.dialog = UserDialog(mode, self.user, self.station.password_policy, user, self)
        self.dialog.chosen.connect(lambda values, d=self.dialog: self._run_form(d, mode, values))
        self.dialog.open()

    def _run_form(self, dialog, mode: str, values: dict) -> None:
        office, by = self.station.people(), self.user
        secrets = {"by": by, "password": values.pop("password"), "passphrase": values.pop("passphrase")}
        name = values["username"]
        shown = values["display_name"] or name  # the office knows people by their names
        if mode == "add":
            def work():
                return office.add_user(name, values["display_name"], values["roles"], values["initial_password"],
                                       approver_level=values["level"], **secrets)
            done = lambda: self.tr("{user} was added; the record is signed. They change the initial password at the "
                                   "first login.").format(user=shown)
        elif mode == "change":
            def work():
                return office.change_roles(name, values["roles"], values["level"],
                                           initial_password=values["initial_password"], **secrets)
            done = lambda: self.tr("The roles of {user} were changed; the record is signed.").format(user=shown)
        else:
            def work():
                return office.reset_user_password(name, values["initial_password"], **secrets)
            done = lambda: self.tr("The password of {user} was reset; they change it at the next login.").format(
                user=shown)
        self.tasks.run(work, lambda _r: self._changed(dialog, name, done), lambda exc: self._refused(dialog, exc))

    def toggle_lock(self) -> None:
        row = self.selected()
        if row is None:
            return
        name, lock = row.user.username, not _locked(row)
        shown = row.user.display_name or name
        what = (self.tr("Lock the account of {user}: they can no longer log in, approve or stamp until the office "
                        "unlocks it. The lock is signed into their record.") if lock else
                self.tr("Unlock the account of {user}: they can log in again with their password.")).format(user=shown)
        self.dialog = OfficeConfirmDialog(self.tr("Lock an account") if lock else self.tr("Unlock an account"), what,
                                          self.user, ok_text=self.tr("Lock and sign") if lock else
                                          self.tr("Unlock and sign"), parent=self)
        dialog = self.dialog
        done = (lambda: self.tr("{user} is locked.").format(user=shown)) if lock else \
            (lambda: self.tr("{user} is unlocked.").format(user=shown))
        dialog.confirmed.connect(lambda v: self.tasks.run(
            lambda: self.station.people().lock_user(name, lock, by=self.user, **v),
            lambda _r: self._changed(dialog, name, done), lambda exc: self._refused(dialog, exc)))
        dialog.open()

    def _changed(self, dialog, name: str, words) -> None:
        dialog.accept()
        say(self.status, words)
        self.tasks.run(lambda: self.station.people().users_overview(self.user),
                       lambda rows: (self._loaded(rows), self.select(name)), self._failed)




def _locked(row) -> bool:
    """Locked by the office, or for a while after wrong passwords: either way the office may unlock it now."""
    return row.user.disabled or row.locked_for_failures
