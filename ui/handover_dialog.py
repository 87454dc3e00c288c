"""交接: a seal passes to another custodian from now on, with no end date.

In SealStation a handover is a new version of the seal's record, signed by the office (``sealstation seal handover``):
it needs no approver, unlike a delegation (代管), which is dated and approved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from .office_signature import OfficeSignatureBox
from .office_words import kind_name

__all__ = ["HandoverDialog"]


class HandoverDialog(QDialog):
    """``chosen(values)``: ``seal``, ``custodian``, ``note``, ``password``, ``passphrase``."""

    chosen = Signal(dict)

    def __init__(self, office_user: str, seals, custodians, seal_id: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.seals = {s.seal_id: s for s in seals}
        self.custodians = custodians
        self.setObjectName("handoverDialog")
        self.setWindowTitle(self.tr("Hand a seal over (交接)"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The seal passes to another custodian from now on, with no end date; the one who held "
                               "it can no longer stamp with it. The office signs the seal's new record; no approver "
                               "is needed. For a few days' absence, delegate the seal instead."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.seal_combo = QComboBox()
        self.seal_combo.setObjectName("handoverSeal")
        self.seal_combo.setAccessibleName(self.tr("Seal"))
        for seal in seals:
            self.seal_combo.addItem(f"{seal.name} ({kind_name(seal.kind)})", seal.seal_id)
        form.addRow(self.tr("&Seal"), self.seal_combo)
        self.held_label = QLabel("")
        self.held_label.setObjectName("handoverHeldBy")
        form.addRow(self.tr("Held now by"), self.held_label)
        self.custodian_combo = QComboBox()
        self.custodian_combo.setObjectName("handoverCustodian")
        self.custodian_combo.setAccessibleName(self.tr("New custodian"))
        form.addRow(self.tr("&New custodian"), self.custodian_combo)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("handoverNote")
        self.note_edit.setAccessibleName(self.tr("Why"))
        form.addRow(self.tr("&Why"), self.note_edit)
        layout.addLayout(form)
        self.signature = OfficeSignatureBox(office_user)
        layout.addWidget(self.signature)
        self.problem = QLabel("")
        self.problem.setObjectName("handoverProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Hand over and sign"))
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
        self.custodian_combo.clear()
        if seal is None:
            return
        self.held_label.setText(seal.custodian or self.tr("nobody"))
        for user in self.custodians:
            if user.username != seal.custodian:
                self.custodian_combo.addItem(f"{user.display_name} ({user.username})", user.username)

    def _submit(self) -> None:
        if self.custodian_combo.currentData() is None:
            return self.refused(self.tr("There is no other custodian: add a user with the custodian role first."))
        if not self.note_edit.text().strip():
            return self.refused(self.tr("Say why: it is journalled with the change."))
        if self.signature.missing():
            return self.refused(self.tr("Type your password and the seal authority passphrase."))
        values = {"seal": self.seal_combo.currentData(), "custodian": self.custodian_combo.currentData(),
                  "note": self.note_edit.text().strip(), **self.signature.take()}
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        self.problem.setText(self.tr("Signing…"))
        self.chosen.emit(values)

    def refused(self, text: str) -> None:
        self.problem.setText(text)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(True)
