"""Approve (审批) at the station: the seals, copies, purpose and validity, confirmed with the approver's own password.

For a request waiting (:meth:`ApprovingDesk.approve_request`) or, for 重印, a corrected document replacing a stamped
one (:meth:`ApprovingDesk.approve_reprint`). Only the seals the core says this approver may approve are offered
(checked by default); those beyond their level are listed, not offered. A blank form to be filled in after it is
stamped (表格类文书) is approved as such with a check box: its last seal then locks it for form filling only (the flag
is signed with the approval). The approval is signed with the approver's key, which only their password opens, off
the GUI thread; a refusal is shown here and the dialog stays open with what was chosen kept; the password is cleared
as soon as it is handed over."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox,
                               QVBoxLayout, QWidget)

from sealstation.desks.approving import StampedForApprover, WaitingRequest
from sealstation.model import MAX_COPIES

from .approval_queue import level_words
from .error_words import words
from .tasks import TaskRunner

__all__ = ["ApproveDialog"]


def plain(label: str) -> str:
    """A label without its mnemonic ("&Copies", "份数(&C)"), as a screen reader names the field."""
    return re.sub(r"\(&\w\)|&(?=\w)", "", label)


class ApproveDialog(QDialog):
    """The approver's decision on one request (or one reprint), signed with their password."""

    approved = Signal(object)
    """The station's ``ApprovalResult``, once the approval is signed and recorded."""

    def __init__(self, station, user: str, row: WaitingRequest | StampedForApprover, *, reprint: Path | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.station, self.user, self.row, self.reprint = station, user, row, reprint
        self.desk = station.approving()
        self.tasks = TaskRunner(self)
        self.setObjectName("approveDialog")
        request = row.request
        layout = QVBoxLayout(self)
        if reprint is None:
            self.setWindowTitle(self.tr("Approve the request — {document}").format(document=request.document_name))
            about = self.tr("Request {id}: {document}, asked by {requester}.\nSHA-256: {sha}\nYour approval binds "
                            "this exact document; it is signed with your key and journalled.").format(
                id=request.id, document=request.document_name, requester=row.requester_name,
                sha=request.document_sha256)
            offered, beyond = row.offered, row.beyond
        else:
            self.setWindowTitle(self.tr("Reprint (重印) — {document}").format(document=reprint.name))
            about = self.tr("{document} replaces the stamped {old} (request {id}). Once it is stamped, the earlier "
                            "file is no longer printed; its printed copies should be recalled.\nSHA-256: {sha}").format(
                document=reprint.name, old=request.document_name, id=request.id, sha=self.tr("(reading…)"))
            offered, beyond = request.seals, ()
        self.about = QLabel(about)
        self.about.setObjectName("approveAbout")
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.about)
        form = QFormLayout()
        seals_box = QWidget()
        seals_layout = QVBoxLayout(seals_box)
        seals_layout.setContentsMargins(0, 0, 0, 0)
        self.seal_boxes: dict[str, QCheckBox] = {}
        names = dict(zip(request.seals, row.seal_names))
        for seal in offered:
            box = QCheckBox(self.tr("{name} ({id})").format(name=names.get(seal, seal), id=seal))
            box.setObjectName(f"approveSeal_{seal}")
            box.setChecked(True)
            box.toggled.connect(self._enable)
            seals_layout.addWidget(box)
            self.seal_boxes[seal] = box
        for seal, level in beyond:
            note = QLabel(self.tr("{name} ({id}): beyond your authority, needs a {level}").format(
                name=names.get(seal, seal), id=seal, level=level_words(level)))
            note.setObjectName(f"approveBeyond_{seal}")
            note.setStyleSheet("color: #b00020")
            seals_layout.addWidget(note)
        form.addRow(self.tr("Seals"), seals_box)
        self.copies = QSpinBox()
        self.copies.setObjectName("approveCopies")
        self.copies.setRange(1, MAX_COPIES)
        self.copies.setValue(min(max(request.copies, 1), MAX_COPIES))
        self.purpose = QLineEdit(request.purpose)
        self.purpose.setObjectName("approvePurpose")
        days = station.policy.approval_days
        self.valid_days = QSpinBox()
        self.valid_days.setObjectName("approveValidDays")
        self.valid_days.setRange(1, days)
        self.valid_days.setValue(days)
        self.valid_days.setSuffix(self.tr(" day(s)"))
        self.fillable = QCheckBox(self.tr("A blank form, to be filled in after it is stamped (表格类文书)"))
        self.fillable.setObjectName("approveFillable")
        self.fillable.setToolTip(self.tr("The last seal locks the document: with this box ticked it still allows "
                                         "filling in the form's fields, and nothing else; otherwise no change at all."))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("approvePassword")
        self.password_edit.setEchoMode(QLineEdit.Password)
        for label, field in ((self.tr("&Copies"), self.copies), (self.tr("P&urpose"), self.purpose),
                             (self.tr("&Valid for (at most {days} days)").format(days=days), self.valid_days),
                             (self.tr("&Your password ({user})").format(user=user), self.password_edit)):
            field.setAccessibleName(plain(label))
            form.addRow(label, field)  # the row's label is the field's buddy: Alt+letter reaches it
        form.insertRow(form.rowCount() - 1, "", self.fillable)  # the password stays last, where Return signs
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("approveMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("Approve and sign"))
        self.ok_button.setObjectName("approveOk")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.password_edit.textChanged.connect(self._enable)
        self.purpose.textChanged.connect(self._enable)
        self._enable()
        self.password_edit.setFocus()
        if reprint is not None:
            self.tasks.run(lambda: self.desk.document_sha256(reprint), self._reprint_hash, lambda _exc: None)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.activateWindow()  # the keys go to the dialog, not to the window under it
        self.password_edit.setFocus(Qt.OtherFocusReason)  # everything else is filled in as asked

    def _reprint_hash(self, sha: str) -> None:
        request = self.row.request
        self.about.setText(self.tr("{document} replaces the stamped {old} (request {id}). Once it is stamped, the "
                                   "earlier file is no longer printed; its printed copies should be recalled.\n"
                                   "SHA-256: {sha}").format(document=self.reprint.name, old=request.document_name,
                                                            id=request.id, sha=sha))

    def chosen_seals(self) -> list[str]:
        return [seal for seal, box in self.seal_boxes.items() if box.isChecked()]

    def _enable(self) -> None:
        ready = bool(self.chosen_seals() and self.password_edit.text() and self.purpose.text().strip())
        self.ok_button.setEnabled(ready and not self.tasks.busy)

    def submit(self) -> None:
        seals, copies, purpose = self.chosen_seals(), self.copies.value(), self.purpose.text().strip()
        valid_days, password = self.valid_days.value(), self.password_edit.text()
        fillable = self.fillable.isChecked()
        self.password_edit.clear()  # handed over once, never kept in the widget
        if not (seals and password and purpose):
            return
        self.message.setText(self.tr("Signing the approval…"))
        desk, user, request, reprint = self.desk, self.user, self.row.request, self.reprint
        if reprint is None:
            work = lambda: desk.approve_request(request.id, approver=user, password=password, seals=seals,  # noqa: E731
                                                copies=copies, purpose=purpose, valid_days=valid_days,
                                                fillable=fillable)
        else:
            work = lambda: desk.approve_reprint(reprint, supersedes=request.id, approver=user,  # noqa: E731
                                                password=password, seals=seals, copies=copies, purpose=purpose,
                                                valid_days=valid_days, fillable=fillable)
        self.tasks.run(work, self._done, self._failed)
        self._enable()

    def _done(self, result) -> None:
        self.approved.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        what, todo = words(exc)
        self.message.setText(self.tr("Not approved: {what}\n{todo}").format(what=what, todo=todo))
        self.password_edit.setFocus()
        self._enable()
