"""退签: the custodian sends a request back to its requester, with a reason, confirmed with their password.

The return is :meth:`StampingDesk.return_request`, run off the GUI thread. A wrong
password or a refusal is shown in the dialog, which stays open with the
reason kept; the password is cleared as soon as it is handed over.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from .error_words import text as error_text
from .reason_form import add_reason_form
from .tasks import TaskRunner

__all__ = ["ReturnDialog"]


class ReturnDialog(QDialog):
    """Return one work-queue request (退签)."""

    returned = Signal(str)
    """The request id, once the station recorded the return."""

    def __init__(self, station, item, user: str, parent=None) -> None:
        super().__init__(parent)
        self.station, self.item, self.user = station, item, user
        self.tasks = TaskRunner(self)
        self.setObjectName("returnDialog")
        self.setWindowTitle(self.tr("Return the request (退签)"))
        layout = QVBoxLayout(self)
        about = QLabel(self.tr("Request {id}: {document}\nPurpose: {purpose}\nThe request goes back to its requester "
                               "with your reason; it can no longer be stamped.").format(
            id=item.request_id, document=item.document_name, purpose=item.purpose or "-"))
        about.setWordWrap(True)
        layout.addWidget(about)
        form = add_reason_form(self, layout, name="return", user=user,
                               reason_name=self.tr("Reason for the return"),
                               placeholder=self.tr("Why is it sent back? (required)"),
                               ok_text=self.tr("Return (退签)"))
        self.reason_edit, self.password_edit, self.message = form.reason_edit, form.password_edit, form.message
        self.buttons, self.ok_button, self.form = form.buttons, form.ok_button, form
        self._enable()
        self.reason_edit.setFocus()

    def _enable(self) -> None:
        self.ok_button.setEnabled(self.form.filled() and not self.tasks.busy)

    def submit(self) -> None:
        reason, password = self.form.take()  # the password handed over once, never kept in the widget
        if not reason or not password:
            return
        self.message.setText(self.tr("Returning…"))
        request_id, user = self.item.request_id, self.user
        self.tasks.run(lambda: self.station.stamping().return_request(request_id, by=user, password=password, reason=reason),
                       lambda _: self._done(), self._failed)
        self._enable()

    def _done(self) -> None:
        self.returned.emit(self.item.request_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(self.tr("Not returned: {error}").format(error=error_text(exc)))
        self.password_edit.setFocus()
        self._enable()
