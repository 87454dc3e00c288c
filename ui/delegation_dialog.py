"""代管: a stand-in custodian for a seal, for dated days, approved in person by an approver with the seal's authority
(their password typed here) and signed by the office."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit

from .office_form import OfficeFormDialog

__all__ = ["DelegationDialog"]


class DelegationDialog(OfficeFormDialog):
    """``chosen(values)``: ``seal``, ``deputy``, ``first_day``, ``last_day`` (dates), ``reason``, ``approver``,
    ``approver_password``, ``password``, ``passphrase``; the secrets' fields are cleared then.

    ``seals``: the seals' records; ``custodians``: users who may stand in; ``approvers``: seal id → the approvers
    whose level covers it.
    """

    chosen = Signal(dict)

    def __init__(self, office_user: str, seals, custodians, approvers: dict, today: dt.date, seal_id: str | None = None,
                 parent=None) -> None:
        super().__init__(seals, name="delegation", parent=parent)
        self.intro.setText(self.tr(
            "A stand-in custodian may stamp with the seal on the days given, and only then. An approver with the "
            "seal's authority approves it here, with their own password; the office signs it."))
        self.custodians, self.approvers = custodians, approvers
        self.setWindowTitle(self.tr("Delegate a seal (代管)"))
        self.deputy_combo = QComboBox()
        self.deputy_combo.setObjectName("delegationDeputy")
        self.deputy_combo.setAccessibleName(self.tr("Stand-in custodian"))
        self.form.addRow(self.tr("S&tand-in custodian"), self.deputy_combo)
        self.first_edit = _date_edit("delegationFirstDay", today, self.tr("First day"))
        self.last_edit = _date_edit("delegationLastDay", today + dt.timedelta(days=6), self.tr("Last day"))
        self.form.addRow(self.tr("&First day"), self.first_edit)
        self.form.addRow(self.tr("&Last day (included)"), self.last_edit)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("delegationReason")
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setPlaceholderText(self.tr("e.g. annual leave, business trip"))
        self.form.addRow(self.tr("&Reason"), self.reason_edit)
        self.approver_combo = QComboBox()
        self.approver_combo.setObjectName("delegationApprover")
        self.approver_combo.setAccessibleName(self.tr("Approver"))
        self.form.addRow(self.tr("A&pprover"), self.approver_combo)
        self.approver_password = QLineEdit()
        self.approver_password.setObjectName("approverPassword")
        self.approver_password.setEchoMode(QLineEdit.Password)
        self.approver_password.setAccessibleName(self.tr("The approver's password"))
        self.form.addRow(self.tr("The approver's pass&word"), self.approver_password)
        self.finish(office_user, self.tr("Delegate and sign"), seal_id)

    def _seal_chosen(self) -> None:
        seal = self.chosen_seal()
        if seal is None:
            return
        self.fill_people(self.deputy_combo, self.custodians, leave_out=seal.custodian, if_none=self.tr(
            "No other custodian may stand in: the office adds a user with the custodian role first (Office ▸ Users "
            "and roles)."))
        self.fill_people(self.approver_combo, self.approvers.get(seal.seal_id, ()), leave_out=None,
                         if_none=self.tr("No approver has the authority for this seal."))

    def _submit(self) -> None:
        first, last = self.first_edit.date().toPython(), self.last_edit.date().toPython()
        if self.missing:
            return self.refused("\n".join(self.missing))
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
        self.signing()
        self.chosen.emit(values)


def _date_edit(name: str, day: dt.date, accessible: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(accessible)
    return edit
