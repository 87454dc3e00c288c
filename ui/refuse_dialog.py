"""Refuse (不予批准) or send back (退回修改) a request waiting for approval, with a reason and the approver's password.

:meth:`ApprovingDesk.refuse_request`, off the GUI thread: journalled with the approver as actor and the reason; the
request can no longer be stamped. A refusal is shown here and the dialog stays open with the reason kept; the password
is cleared as soon as it is handed over.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QRadioButton, QVBoxLayout

from .error_words import text as error_text
from .reason_form import add_reason_form
from .tasks import TaskRunner

__all__ = ["RefuseDialog"]


class RefuseDialog(QDialog):
    """The approver says no to one request, or sends it back to be corrected."""

    decided = Signal(object)
    """The request as it is after the decision (refused or returned)."""

    def __init__(self, station, user: str, request, parent=None, *, requester_name: str = "") -> None:
        super().__init__(parent)
        self.station, self.user, self.request = station, user, request
        self.desk = station.approving()
        self.tasks = TaskRunner(self)
        self.setObjectName("refuseDialog")
        self.setWindowTitle(self.tr("Refuse or send back — {document}").format(document=request.document_name))
        layout = QVBoxLayout(self)
        about = QLabel(self.tr("Request {id}: {document}\nPurpose: {purpose}\nAsked by {requester}. Whichever you "
                               "choose, it can no longer be stamped; the requester sees your reason.").format(
            id=request.id, document=request.document_name, purpose=request.purpose or "-",
            requester=requester_name or request.requester))
        about.setWordWrap(True)
        layout.addWidget(about)
        self.refuse_radio = QRadioButton(self.tr("Re&fuse it (不予批准)"))
        self.refuse_radio.setObjectName("refuseRadio")
        self.send_back_radio = QRadioButton(self.tr("Send it &back to be corrected (退回修改)"))
        self.send_back_radio.setObjectName("sendBackRadio")
        self.refuse_radio.setChecked(True)
        layout.addWidget(self.refuse_radio)
        layout.addWidget(self.send_back_radio)
        form = add_reason_form(self, layout, name="refuse", user=user, reason_name=self.tr("Reason"),
                               placeholder=self.tr("Why? (required; the requester reads it)"),
                               ok_text=self.tr("Refuse"))
        self.reason_edit, self.password_edit, self.message = form.reason_edit, form.password_edit, form.message
        self.buttons, self.ok_button, self.form = form.buttons, form.ok_button, form
        self.send_back_radio.toggled.connect(self._mode)
        self._enable()
        self.reason_edit.setFocus()

    def _mode(self) -> None:
        self.ok_button.setText(self.tr("Send back") if self.send_back_radio.isChecked() else self.tr("Refuse"))

    def _enable(self) -> None:
        self.ok_button.setEnabled(self.form.filled() and not self.tasks.busy)

    def submit(self) -> None:
        reason, password = self.form.take()  # the password handed over once, never kept in the widget
        if not reason or not password:
            return
        self.message.setText(self.tr("Recording your decision…"))
        desk, user, request_id = self.desk, self.user, self.request.id
        send_back = self.send_back_radio.isChecked()
        self.tasks.run(lambda: desk.refuse_request(request_id, approver=user, password=password, reason=reason,
                                                   send_back=send_back),
                       self._done, self._failed)
        self._enable()

    def _done(self, request) -> None:
        self.decided.emit(request)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(self.tr("Nothing was recorded: {error}").format(error=error_text(exc)))
        self.password_edit.setFocus()
        self._enable()
