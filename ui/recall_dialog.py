"""收回: the custodian records every current printed copy of a request as recalled and destroyed (before a reprint).

The recall is :meth:`PrintDesk.recall`, run off the GUI thread. A wrong
password or a refusal is shown in the dialog, which stays open with the
reason kept; the password is cleared as soon as it is handed over. The
serials recalled are shown when it is done.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from .error_words import text as error_text
from .reason_form import add_reason_form
from .tasks import TaskRunner

__all__ = ["RecallDialog"]


class RecallDialog(QDialog):
    """Recall the printed copies of one request (收回)."""

    recalled = Signal(list)
    """The serials recorded as recalled."""

    def __init__(self, station, item, user: str, parent=None) -> None:
        super().__init__(parent)
        self.station, self.item, self.user = station, item, user
        self.tasks = TaskRunner(self)
        self.serials: list[str] = []
        self.setObjectName("recallDialog")
        self.setWindowTitle(self.tr("Recall printed copies (收回)"))
        layout = QVBoxLayout(self)
        about = QLabel(self.tr("Request {id}: {document}\n{printed} copies were printed. Every copy still current is "
                               "recorded as recalled and destroyed: collect and destroy them first. The document then "
                               "prints no more copies; a corrected document (重印) needs its own approval.").format(
            id=item.request_id, document=item.document_name, printed=item.copies_printed))
        about.setWordWrap(True)
        layout.addWidget(about)
        form = add_reason_form(self, layout, name="recall", user=user,
                               reason_name=self.tr("Reason for the recall"),
                               placeholder=self.tr("e.g. recalled for a reprint, copies destroyed (required)"),
                               ok_text=self.tr("Recall (收回)"))
        self.reason_edit, self.password_edit, self.message = form.reason_edit, form.password_edit, form.message
        self.buttons, self.ok_button, self.form = form.buttons, form.ok_button, form
        self._enable()
        self.reason_edit.setFocus()

    def _enable(self) -> None:
        self.ok_button.setEnabled(self.form.filled() and not self.tasks.busy and not self.serials)

    def submit(self) -> None:
        reason, password = self.form.take()  # the password handed over once, never kept in the widget
        if not reason or not password:
            return
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Recalling…"))
        request_id, user = self.item.request_id, self.user
        self.tasks.run(lambda: self.station.printing().recall(request_id, reason=reason, user=user, password=password),
                       self._done, self._failed)
        self._enable()

    def _done(self, serials) -> None:
        self.serials = list(serials)
        self.message.setText(self.tr("Recorded as recalled and destroyed: {serials}.").format(
            serials=", ".join(self.serials)))
        self.ok_button.hide()
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Close"))
        self.reason_edit.setReadOnly(True)
        self.password_edit.setEnabled(False)
        self.recalled.emit(self.serials)

    def _failed(self, exc: BaseException) -> None:
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(self.tr("Nothing was recalled: {error}").format(
            error=error_text(exc)))
        self.password_edit.setFocus()
        self._enable()
