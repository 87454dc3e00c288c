"""代管: a stand-in custodian for a seal, for dated days, approved in person by an approver with the seal's authority
(their password typed here) and signed by the office."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout)

from .office_signature import OfficeSignatureBox
from .office_words import kind_name

__all__ = ["DelegationDialog"]


class DelegationDialog(QDialog):
    """``chosen(values)``: ``seal``, ``deputy``, ``first_day``, ``last_day`` (dates), ``reason``, ``approver``,
    ``approver_password``, ``password``, ``passphrase``; the secrets' fields are cleared then.

    ``seals``: the seals' records; ``custodians``: users who may stand in; ``approvers``: seal id → the approvers
    whose level covers it.
    """

    chosen = Signal(dict)

    def __init__(self, office_user: str, seals, custodians, approvers: dict, today: dt.date, seal_id: str | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.seals = {s.seal_id: s for s in seals}
        self.custodians, self.approvers = custodians, approvers
        self.setObjectName("delegationDialog")
        self.setWindowTitle(self.tr("Delegate a seal (代管)"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("A stand-in custodian may stamp with the seal on the days given, and only then. An "
                               "approver with the seal's authority approves it here, with their own password; the "
                               "office signs it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.seal_combo = QComboBox()
        self.seal_combo.setObjectName("delegationSeal")
        self.seal_combo.setAccessibleName(self.tr("Seal"))
        for seal in seals:
            self.seal_combo.addItem(f"{seal.name} ({kind_name(seal.kind)})", seal.seal_id)
        form.addRow(self.tr("&Seal"), self.seal_combo)
        self.deputy_combo = QComboBox()
        self.deputy_combo.setObjectName("delegationDeputy")
        self.deputy_combo.setAccessibleName(self.tr("Stand-in custodian"))
        form.addRow(self.tr("S&tand-in custodian"), self.deputy_combo)
        self.first_edit = _date_edit("delegationFirstDay", today, self.tr("First day"))
        self.last_edit = _date_edit("delegationLastDay", today + dt.timedelta(days=6), self.tr("Last day"))
        form.addRow(self.tr("&First day"), self.first_edit)
        form.addRow(self.tr("&Last day (included)"), self.last_edit)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("delegationReason")
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. annual leave, business trip"))
        form.addRow(self.tr("&Reason"), self.reason_edit)
        self.approver_combo = QComboBox()
        self.approver_combo.setObjectName("delegationApprover")
        self.approver_combo.setAccessibleName(self.tr("Approver"))
        form.addRow(self.tr("A&pprover"), self.approver_combo)
        self.approver_password = QLineEdit()
        self.approver_password.setObjectName("approverPassword")
        self.approver_password.setEchoMode(QLineEdit.Password)
        self.approver_password.setAccessibleName(self.tr("The approver's password"))
        form.addRow(self.tr("The approver's pass&word"), self.approver_password)
        layout.addLayout(form)
        self.signature = OfficeSignatureBox(office_user)
        layout.addWidget(self.signature)
        self.problem = QLabel("")
        self.problem.setObjectName("delegationProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Delegate and sign"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.seal_combo.currentIndexChanged.connect(self._seal_chosen)
        if seal_id is not None and self.seal_combo.findData(seal_id) >= 0:
            self.seal_combo.setCurrentIndex(self.seal_combo.findData(seal_id))
        self._seal_chosen()
        self.seal_combo.setFocus(Qt.OtherFocusReason)

    def _seal_chosen(self) -> None:
        seal = self.seals.get(self.seal_combo.currentData())
        self.deputy_combo.clear()
        self.approver_combo.clear()
        if seal is None:
            return
        for user in self.custodians:
            if user.username != seal.custodian:
                self.deputy_combo.addItem(f"{user.display_name} ({user.username})", user.username)
        for user in self.approvers.get(seal.seal_id, ()):
            self.approver_combo.addItem(f"{user.display_name} ({user.username})", user.username)

    def _submit(self) -> None:
        first, last = self.first_edit.date().toPython(), self.last_edit.date().toPython()
        if self.deputy_combo.currentData() is None:
            return self.refused(self.tr("No other custodian may stand in: add a user with the custodian role first."))
        if self.approver_combo.currentData() is None:
            return self.refused(self.tr("No approver has the authority for this seal."))
        if last < first:
            return self.refused(self.tr("The last day comes before the first day."))
        if not self.reason_edit.text().strip():
            return self.refused(self.tr("Say why the seal is delegated."))
        if not self.approver_password.text() or self.signature.missing():
            return self.refused(self.tr("Type the approver's password, your password and the seal authority "
                                        "passphrase."))
        values = {"seal": self.seal_combo.currentData(), "deputy": self.deputy_combo.currentData(), "first_day": first,
                  "last_day": last, "reason": self.reason_edit.text().strip(),
                  "approver": self.approver_combo.currentData(), "approver_password": self.approver_password.text(),
                  **self.signature.take()}
        self.approver_password.clear()
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.problem.setText(self.tr("Signing…"))
        self.chosen.emit(values)

    def refused(self, text: str) -> None:
        self.problem.setText(text)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)


def _date_edit(name: str, day: dt.date, accessible: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(accessible)
    return edit
