"""Verify a stamped file or a paper copy, for anyone at the station without a terminal.

Two tabs: a stamped PDF (chosen or dropped) checked by ``AuditDesk.verify``, and a
paper copy's QR text or serial (a scanner types it like a keyboard) checked by
``AuditDesk.verify_copy``. Both run off the GUI thread; the core's findings are
worded here (the CLI's ``verify`` reads the same dataclasses).
"""

from __future__ import annotations

import datetime as dt

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTabWidget, QTextBrowser, QVBoxLayout, QWidget)

from .error_words import words
from .tasks import TaskRunner

__all__ = ["VerifyDialog"]


class VerifyDialog(QDialog):
    """A stamped file's signatures, or a paper copy's genuineness, in words."""

    def __init__(self, station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.tasks = TaskRunner(self)
        self.setObjectName("verifyDialog")
        self.setAcceptDrops(True)
        self.setMinimumSize(560, 420)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("verifyTabs")
        self.tabs.addTab(self._file_tab(), "")
        self.tabs.addTab(self._copy_tab(), "")
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def _file_tab(self) -> QWidget:
        tab = QWidget(self)
        self.file_hint = QLabel(tab)
        self.file_hint.setWordWrap(True)
        self.choose_button = QPushButton(tab)
        self.choose_button.setObjectName("chooseFileButton")
        self.choose_button.clicked.connect(self.choose_file)
        self.file_verdict = QLabel(tab)
        self.file_verdict.setObjectName("fileVerdict")
        self.file_verdict.setWordWrap(True)
        self.file_details = QTextBrowser(tab)
        self.file_details.setObjectName("fileDetails")
        row = QHBoxLayout()
        row.addWidget(self.file_hint, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.file_verdict)
        layout.addWidget(self.file_details, 1)
        return tab

    def _copy_tab(self) -> QWidget:
        tab = QWidget(self)
        self.copy_hint = QLabel(tab)
        self.copy_hint.setWordWrap(True)
        self.copy_edit = QLineEdit(tab)
        self.copy_edit.setObjectName("copyText")
        self.copy_edit.returnPressed.connect(self.check_copy)
        self.check_button = QPushButton(tab)
        self.check_button.setObjectName("checkCopyButton")
        self.check_button.clicked.connect(self.check_copy)
        self.copy_verdict = QLabel(tab)
        self.copy_verdict.setObjectName("copyVerdict")
        self.copy_verdict.setWordWrap(True)
        self.copy_details = QTextBrowser(tab)
        self.copy_details.setObjectName("copyDetails")
        row = QHBoxLayout()
        row.addWidget(self.copy_edit, 1)
        row.addWidget(self.check_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.copy_hint)
        layout.addLayout(row)
        layout.addWidget(self.copy_verdict)
        layout.addWidget(self.copy_details, 1)
        return tab

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Verify a file or a copy"))
        self.tabs.setTabText(0, self.tr("Stamped file"))
        self.tabs.setTabText(1, self.tr("Paper copy"))
        self.file_hint.setText(self.tr("Choose a stamped PDF file, or drop it on this window."))
        self.choose_button.setText(self.tr("&Choose a file…"))
        self.copy_hint.setText(self.tr("Scan the copy's QR code, or type or paste its text or its serial "
                                       "(for example C000012), then press Enter."))
        self.copy_edit.setAccessibleName(self.tr("QR code text or serial"))
        self.check_button.setText(self.tr("Chec&k"))
        self.file_details.setAccessibleName(self.tr("Signatures found"))
        self.copy_details.setAccessibleName(self.tr("About this copy"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()  # the labels follow; a verdict already shown keeps its words until the next check
        super().changeEvent(event)

    # -- a stamped file ----------------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a stamped file"), "",
                                              self.tr("PDF documents (*.pdf)"))
        if path:
            self.verify_file(path)

    def dragEnterEvent(self, event) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.verify_file(files[0])

    def verify_file(self, path: str | Path) -> None:
        """Check ``path`` in the background; the verdict replaces the previous one."""
        self.tabs.setCurrentIndex(0)
        self.file_verdict.setText(self.tr("Checking {file}…").format(file=Path(path).name))
        self.file_details.clear()
        self.choose_button.setEnabled(False)
        self.tasks.run(lambda: self.station.audit().verify(path), self._file_checked, self._file_failed)

    def _file_checked(self, result) -> None:
        self.choose_button.setEnabled(True)
        name = Path(result.path).name
        if result.valid:
            self.file_verdict.setText(self.tr("VALID: {file} is stamped and unchanged since.").format(file=name))
        elif not result.signatures:
            self.file_verdict.setText(self.tr("NOT VALID: {file} carries no signature.").format(file=name))
        else:
            self.file_verdict.setText(self.tr("NOT VALID: {file} fails the checks below.").format(file=name))
        self.file_verdict.setProperty("valid", result.valid)
        lines = [self._signature_words(n, s) for n, s in enumerate(result.signatures, 1)]
        if result.changed_after_last:
            lines.append(self.tr("Something was added to the file after its last signature."))
        if result.active_content:
            lines.append(self.tr("The file can act by itself when opened: {what}.").format(
                what=", ".join(result.active_content)))
        lines.append(self.tr("SHA-256 of the file: {sha}").format(sha=result.sha256))
        self.file_details.setPlainText("\n\n".join(lines))

    def _signature_words(self, number: int, s) -> str:
        seal = s.seal_name or s.seal or self.tr("not a seal of this system")
        where = (self.tr("page {page}").format(page=s.placement.page) if s.placement is not None
                 else self.tr("not visible"))
        covers = self.tr("the whole file") if s.covers_whole_file else self.tr("an earlier version of the file")
        verdict = self.tr("good") if s.ok else self._signature_problem(s)
        return self.tr("Signature {n}: {verdict}\nSeal: {seal}\nSigner: {signer}\nTime: {time}\nWhere: {where}\n"
                       "Covers: {covers}").format(n=number, verdict=verdict, seal=seal, signer=s.signer,
                                                   time=_local_time(s.signing_time) or self.tr("not stated"),
                                                   where=where,
                                                   covers=covers)

    def _signature_problem(self, s) -> str:
        if not s.intact:
            return self.tr("NOT VALID: the signed content was changed")
        if not s.valid:
            return self.tr("NOT VALID: the signature does not match")
        if not s.trusted:
            return self.tr("NOT VALID: not made by a seal authority this station trusts")
        return self.tr("NOT VALID: the file was changed after this signature")

    def _file_failed(self, exc: BaseException) -> None:
        self.choose_button.setEnabled(True)
        what, todo = words(exc)
        self.file_verdict.setProperty("valid", False)
        self.file_verdict.setText(self.tr("Could not check the file: {what}").format(what=what))
        self.file_details.setPlainText(todo)

    # -- a paper copy ------------------------------------------------------------------

    def check_copy(self) -> None:
        text = self.copy_edit.text().strip()
        if not text:
            return
        self.tabs.setCurrentIndex(1)
        self.check_button.setEnabled(False)
        self.copy_verdict.setText(self.tr("Checking…"))
        self.copy_details.clear()
        self.tasks.run(lambda: self.station.audit().verify_copy(text), self._copy_checked, self._copy_failed)

    def _copy_checked(self, result) -> None:
        self.check_button.setEnabled(True)
        self.copy_edit.selectAll()  # the next scan replaces this one
        self.copy_verdict.setProperty("genuine", result.genuine)
        p = result.payload
        if not result.genuine:
            self.copy_verdict.setText(self.tr("NOT GENUINE: this copy was not printed by a trusted station, "
                                              "or its code was altered."))
        elif result.record is None:
            self.copy_verdict.setText(self.tr("GENUINE: copy {k} of {n} ({serial}), printed by station "
                                              "{station}; this station has no record of it.")
                                      .format(k=p.number, n=p.of, serial=p.serial, station=p.station_id))
        else:
            self.copy_verdict.setText(self.tr("GENUINE: copy {k} of {n} ({serial}), {status}.").format(
                k=p.number, n=p.of, serial=p.serial, status=self._status_words(result)))
        lines = []
        if p is not None:
            lines.append(self.tr("Printed on {date} by station {station}.").format(date=p.date, station=p.station_id))
        record = result.record
        if record is not None:
            lines.append(self.tr("Request: {request}\nDocument: {document}\nCustodian: {custodian}").format(
                request=record.request_id, document=record.document_name, custodian=record.custodian))
            if record.status_reason:
                lines.append(self.tr("Reason given: {reason}").format(reason=record.status_reason))
        if p is not None:
            lines.append(self.tr("SHA-256 of the stamped document: {sha}").format(sha=p.document_sha256))
        self.copy_details.setPlainText("\n\n".join(lines))

    def _status_words(self, result) -> str:
        record = result.record  # the states are text enums: compared by value, the UI imports no core module
        if record.state != "printed":
            return self.tr("but its print job never completed")
        return {"current": self.tr("printed and current"),
                "voided": self.tr("printed, since VOIDED"),
                "recalled": self.tr("printed, since RECALLED")}.get(str(record.status), str(record.status))

    def _copy_failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        what, todo = words(exc)
        self.copy_verdict.setProperty("genuine", False)
        self.copy_verdict.setText(self.tr("NOT GENUINE: {what}").format(what=what))
        self.copy_details.setPlainText(todo)


def _local_time(iso: str | None) -> str | None:
    """The signing time as the station's clock shows it (the file states it with its own offset)."""
    if not iso:
        return None
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso  # shown as the file states it
    return (moment.astimezone() if moment.tzinfo else moment).strftime("%Y-%m-%d %H:%M:%S")
