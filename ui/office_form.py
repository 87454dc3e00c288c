"""The frame the office's seal forms share (代管 and 交接): what the step does, a seal chosen by its name, the fields of
the step, the office's signature, a line for what is missing or refused, and the button that signs.

A person list that comes out empty (no other custodian to stand in or take over, no approver with the seal's
authority) is said at once, and the button waits: the office is not left to find out by pressing it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from .office_signature import OfficeSignatureBox
from .office_words import kind_name

__all__ = ["OfficeFormDialog"]


class OfficeFormDialog(QDialog):
    """Built by a subclass as ``super().__init__(seals, name=…, parent=…)``, its words set in ``self.intro``, its rows
    added to ``self.form``, then ``self.finish(office_user, ok_text, seal_id)``. ``self.seal_combo`` lists ``seals``
    (data: the seal's id); the subclass's ``_seal_chosen`` runs at each choice, ``_submit`` at the button."""

    def __init__(self, seals, *, name: str, parent=None) -> None:
        super().__init__(parent)
        self.seals = {s.seal_id: s for s in seals}
        self.setObjectName(f"{name}Dialog")
        self._name = name
        self.layout_ = QVBoxLayout(self)
        self.intro = QLabel("")
        self.intro.setWordWrap(True)
        self.layout_.addWidget(self.intro)
        self.form = QFormLayout()
        self.seal_combo = QComboBox()
        self.seal_combo.setObjectName(f"{name}Seal")
        self.seal_combo.setAccessibleName(QCoreApplication.translate("OfficeFormDialog", "Seal"))
        for seal in seals:
            # A base class of dialogs: its words in its own context, whichever subclass asks (see ui/i18n.py).
            words = QCoreApplication.translate("OfficeFormDialog", "{name} ({kind})")
            self.seal_combo.addItem(words.format(name=seal.name, kind=kind_name(seal.kind)), seal.seal_id)
        self.form.addRow(QCoreApplication.translate("OfficeFormDialog", "&Seal"), self.seal_combo)
        self.missing: list[str] = []
        """What the chosen seal lacks (said under the form; the button waits)."""

    def finish(self, office_user: str, ok_text: str, seal_id: str | None) -> None:
        self.layout_.addLayout(self.form)
        self.signature = OfficeSignatureBox(office_user)
        self.layout_.addWidget(self.signature)
        self.problem = QLabel("")
        self.problem.setObjectName(f"{self._name}Problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.layout_.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self.seal_combo.currentIndexChanged.connect(self._chosen)
        if seal_id is not None and self.seal_combo.findData(seal_id) >= 0:
            self.seal_combo.setCurrentIndex(self.seal_combo.findData(seal_id))
        self._chosen()
        self.seal_combo.setFocus(Qt.OtherFocusReason)

    def chosen_seal(self):
        return self.seals.get(self.seal_combo.currentData())

    def fill_people(self, combo: QComboBox, people, *, leave_out: str | None, if_none: str) -> None:
        """``combo`` lists ``people`` but ``leave_out`` ("name (login)", data: the login); none left: ``if_none``
        is said and the button waits."""
        combo.clear()
        for person in people:
            if person.username != leave_out:
                words = QCoreApplication.translate("OfficeFormDialog", "{name} ({user})")
                combo.addItem(words.format(name=person.display_name, user=person.username), person.username)
        combo.setEnabled(combo.count() > 0)
        if not combo.count():
            self.missing.append(if_none)

    def _chosen(self) -> None:
        self.missing = []
        self._seal_chosen()
        self.problem.setText("\n".join(self.missing))
        self.ok_button.setEnabled(not self.missing)

    def _seal_chosen(self) -> None:  # the subclass fills its fields for the seal chosen
        pass

    def _submit(self) -> None:  # the subclass checks and emits
        pass

    def signing(self) -> None:
        self.ok_button.setEnabled(False)
        self.problem.setText(QCoreApplication.translate("OfficeFormDialog", "Signing…"))

    def refused(self, text: str) -> None:
        self.problem.setText(text)
        self.ok_button.setEnabled(not self.missing)

