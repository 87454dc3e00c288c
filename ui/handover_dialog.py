"""交接: a seal passes to another custodian from now on, with no end date.

In SealStation a handover is a new version of the seal's record, signed by the office (``sealstation seal handover``):
it needs no approver, unlike a delegation (代管), which is dated and approved.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from .office_form import OfficeFormDialog

__all__ = ["HandoverDialog"]


class HandoverDialog(OfficeFormDialog):
    """``chosen(values)``: ``seal``, ``custodian``, ``note``, ``password``, ``passphrase``."""

    chosen = Signal(dict)

    def __init__(self, office_user: str, seals, custodians, seal_id: str | None = None, parent=None) -> None:
        super().__init__(seals, name="handover", parent=parent)
        self.intro.setText(self.tr(
            "The seal passes to another custodian from now on, with no end date; the one who held it can no longer "
            "stamp with it. The office signs the seal's new record; no approver is needed. For a few days' absence, "
            "delegate the seal instead."))
        self.custodians = custodians
        self.setWindowTitle(self.tr("Hand a seal over (交接)"))
        self.held_label = QLabel("")
        self.held_label.setObjectName("handoverHeldBy")
        self.form.addRow(self.tr("Held now by"), self.held_label)
        self.custodian_combo = QComboBox()
        self.custodian_combo.setObjectName("handoverCustodian")
        self.custodian_combo.setAccessibleName(self.tr("New custodian"))
        self.form.addRow(self.tr("&New custodian"), self.custodian_combo)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("handoverNote")
        self.note_edit.setAccessibleName(self.tr("Why"))
        self.form.addRow(self.tr("&Why"), self.note_edit)
        self.finish(office_user, self.tr("Hand over and sign"), seal_id)

    def _seal_chosen(self) -> None:
        seal = self.chosen_seal()
        if seal is None:
            return
        names = {p.username: p.display_name for p in self.custodians}
        self.held_label.setText(names.get(seal.custodian, seal.custodian) if seal.custodian else self.tr("nobody"))
        self.fill_people(self.custodian_combo, self.custodians, leave_out=seal.custodian, if_none=self.tr(
            "There is no other custodian: the office adds a user with the custodian role first (Office ▸ Users and "
            "roles)."))

    def _submit(self) -> None:
        if self.missing:
            return self.refused("\n".join(self.missing))
        if not self.note_edit.text().strip():
            return self.refused(self.tr("Say why: it is journalled with the change."))
        if self.signature.missing():
            return self.refused(self.tr("Type your password and the seal authority passphrase."))
        values = {"seal": self.seal_combo.currentData(), "custodian": self.custodian_combo.currentData(),
                  "note": self.note_edit.text().strip(), **self.signature.take()}
        self.signing()
        self.chosen.emit(values)
