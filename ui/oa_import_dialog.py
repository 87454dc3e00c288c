"""Importing an OA approval file: what it approves is shown before anything is written, then the user's password.

The file is read and checked with :meth:`ApprovingDesk.describe_oa_approval` (the import's own checks, writing nothing),
off the GUI thread; a refusal (expired, already imported, unknown key, damaged file) is shown in words and the
import is not offered. The import itself is :meth:`ApprovingDesk.import_oa_approval`, also off the GUI thread; a wrong
password keeps the dialog open, and the password is cleared as soon as it is handed over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from sealstation.errors import SealNotFoundError

from .error_words import text as error_text
from .tasks import TaskRunner

__all__ = ["OaImportDialog", "OA_FILE_SUFFIX"]

OA_FILE_SUFFIX = ".json"
"""The OA system's approval files (``NAME.json``, its signature ``NAME.json.sig`` beside it)."""


class OaImportDialog(QDialog):
    """Import one OA approval file (``path``) as ``user``."""

    imported = Signal(str)
    """The new request's id, once the station recorded the import."""
    described = Signal()
    """The file was read: its approval (or its refusal) is shown."""

    def __init__(self, station, path, user: str, parent=None) -> None:
        super().__init__(parent)
        self.station, self.path, self.user = station, Path(path), user
        self.approval = None
        self.tasks = TaskRunner(self)
        self.setObjectName("oaImportDialog")
        self.setWindowTitle(self.tr("Import an OA approval"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.about = QLabel(self.tr("Reading {file}…").format(file=self.path.name))
        self.about.setObjectName("oaImportAbout")
        self.about.setWordWrap(True)
        layout.addWidget(self.about)
        form = QFormLayout()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("oaImportPassword")
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.password_edit.setAccessibleName(self.tr("Your password"))
        self.password_edit.textChanged.connect(self._enable)
        self.password_edit.returnPressed.connect(self.submit)
        form.addRow(self.tr("Password of {user}").format(user=user), self.password_edit)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("oaImportMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("Import"))
        self.ok_button.setObjectName("oaImportOk")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._enable()
        self._describe()

    def _describe(self) -> None:
        station, path = self.station, self.path

        def read():
            approval = station.approving().describe_oa_approval(path)
            return approval, [_seal_name(station, seal_id) for seal_id in approval.seals]

        self.tasks.run(read, self._shown, self._refused)

    def _shown(self, found) -> None:
        approval, seal_names = found
        self.approval = approval
        self.about.setText(self.tr(
            "{file} approves:\nDocument: {document} ({pages} pages)\nSHA-256: {sha256}\nSeals: {seals}\n"
            "Copies: {copies}\nPurpose: {purpose}\nRequested by {requester}, approved by {approver}\n"
            "Valid until {until} (OA approval {id})").format(
            file=self.path.name, document=approval.document_name, pages=approval.page_count,
            sha256=approval.document_sha256, seals=self.tr(", ").join(seal_names), copies=approval.copies,
            purpose=approval.purpose or "-", requester=approval.requester, approver=approval.approver,
            until=approval.expires_at.astimezone().strftime("%Y-%m-%d %H:%M"), id=approval.id))
        self._enable()
        self.adjustSize()  # the approval's lines, whole
        self.password_edit.setFocus()
        self.described.emit()

    def _refused(self, exc: BaseException) -> None:
        self.about.setText(self.tr("{file} cannot be imported.").format(file=self.path.name))
        self.message.setText(error_text(exc))
        self.password_edit.setEnabled(False)
        self._enable()
        self.adjustSize()
        self.described.emit()

    def _enable(self) -> None:
        ready = self.approval is not None and not self.tasks.busy
        self.ok_button.setEnabled(ready and bool(self.password_edit.text()))

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        password = self.password_edit.text()
        self.password_edit.clear()  # handed over once, never kept in the widget
        self.message.setText(self.tr("Importing…"))
        station, path, user = self.station, self.path, self.user
        self.tasks.run(lambda: station.approving().import_oa_approval(path, user=user, password=password), self._done,
                       self._failed)
        self._enable()

    def _done(self, request) -> None:
        self.imported.emit(request.id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(self.tr("Not imported: {error}").format(error=error_text(exc)))
        self.password_edit.setFocus()
        self._enable()
        self.adjustSize()


def _seal_name(station, seal_id: str) -> str:
    """The seal's name as the register knows it; its id when the register does not (the import then refuses it)."""
    try:
        return station.seals.get(seal_id).name
    except SealNotFoundError:  # a name is only shown; the import judges the seal
        return seal_id
