"""The passwords and passphrases one office action needs, asked together just before it runs.

The set-up screen's changes each need the office user's password, some also the seal authority's passphrase
or a backup identity's: one small dialog asks them all, says what the action will do, hands them over once
(``given``) and clears its fields. It is ``open()``-ed, never ``exec()``-ed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

__all__ = ["SecretsDialog"]


class SecretsDialog(QDialog):
    """Asks ``fields`` ((key, label) pairs, labels already translated); ``given`` hands over {key: text}.

    A field whose key ends in ``"_again"`` must repeat the one before it (a new passphrase typed twice); a field
    whose key starts with ``"optional_"`` may stay empty.
    """

    given = Signal(dict)

    def __init__(self, title: str, explanation: str, fields: list[tuple[str, str]], ok_text: str,
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("secretsDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.explanation = QLabel(explanation)
        self.explanation.setObjectName("secretsExplanation")
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for key, label in fields:
            edit = QLineEdit()
            edit.setObjectName(f"secret_{key}")
            edit.setEchoMode(QLineEdit.Password)
            edit.setAccessibleName(label)
            form.addRow(label, edit)
            self.edits[key] = edit
        layout.addLayout(form)
        self.problem = QLabel("")
        self.problem.setObjectName("secretsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("secretsOk")
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self._cancel)
        layout.addWidget(self.buttons)
        if self.edits:
            next(iter(self.edits.values())).setFocus()

    def _submit(self) -> None:
        values = {key: edit.text() for key, edit in self.edits.items()}
        keys = list(values)
        for n, key in enumerate(keys):
            if not values[key] and not key.startswith("optional_"):
                self.problem.setText(self.tr("Fill in every field."))
                self.edits[key].setFocus()
                return
            if key.endswith("_again") and n and values[key] != values[keys[n - 1]]:
                self.problem.setText(self.tr("The two passphrases differ: type the same one twice."))
                self.edits[key].clear()
                self.edits[key].setFocus()
                return
        self._clear()
        self.accept()
        self.given.emit({k: v for k, v in values.items() if not k.endswith("_again")})

    def _cancel(self) -> None:
        self._clear()
        self.reject()

    def _clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()  # handed over once, never kept in the widget
