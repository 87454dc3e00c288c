"""Verify a stamped file or a paper copy, for anyone at the station without a terminal (the auditor first).

Two tabs. A stamped PDF (chosen or dropped) is checked by
``station.audit().verify_stamped``: each signature's verdict, whether the office
archive holds each stamp, and the seals highlighted on a preview of the pages
(the document view the custodian stamps in, its boxes worked out by the core).
A paper copy is checked by its QR text or serial (a hand scanner types it like
a keyboard; ``check_copy``) or by a scan or photo of the page, PNG, JPEG or PDF
(``verify_copy_scan``: the code found and read in the core), with the copy's
status in one word (genuine, voided, recalled, unknown). Everything runs off the
GUI thread; the core's findings are worded here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTabWidget, QTextBrowser, QVBoxLayout, QWidget)

from .error_words import words
from .tasks import TaskRunner

__all__ = ["VerifyDialog", "SCAN_PATTERNS"]

SCAN_PATTERNS = "*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf"
"""What a scanner or a phone writes (the core reads the content, whatever the name)."""
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}


class VerifyDialog(QDialog):
    """A stamped file's signatures and seals, or a paper copy's genuineness and status, in words.

    Built by the window's File ▸ Verify (``VerifyDialog(station, tasks, user, parent)``, for every role); ``user``,
    when given, is who asks: the core refuses anyone whose role may not verify.
    """

    def __init__(self, station, tasks=None, user: str | None = None, parent: QWidget | None = None) -> None:
        if parent is None and isinstance(tasks, QWidget):  # the older call: VerifyDialog(station, parent)
            tasks, parent = None, tasks
        super().__init__(parent)
        self.station = station
        self.user = user
        # Its own runner, not the window's: the dialog waits only for its own checks (and the tests with it).
        self.tasks = TaskRunner(self)
        self.preview = None  # the document view, made for the first file shown (it starts a render process)
        self.check = None
        """The last stamped file's :class:`~sealstation.desks.verdicts.StampedFileCheck`."""
        self.copy_checks = ()
        """The last copy's :class:`~sealstation.desks.verdicts.CopyCheck` (several for a scan of several pages)."""
        self.setObjectName("verifyDialog")
        self.setAcceptDrops(True)
        self.setMinimumSize(640, 460)
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
        self.file_verdict.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.file_details = QTextBrowser(tab)
        self.file_details.setObjectName("fileDetails")
        self.file_split = QSplitter(Qt.Horizontal, tab)
        self.file_split.setObjectName("fileSplit")
        self.file_split.setChildrenCollapsible(False)
        self.file_split.addWidget(self.file_details)
        row = QHBoxLayout()
        row.addWidget(self.file_hint, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(row)
        layout.addWidget(self.file_verdict)
        layout.addWidget(self.file_split, 1)
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
        self.scan_button = QPushButton(tab)
        self.scan_button.setObjectName("openScanButton")
        self.scan_button.clicked.connect(self.choose_scan)
        self.copy_status = QLabel(tab)
        self.copy_status.setObjectName("copyStatus")
        font = self.copy_status.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.copy_status.setFont(font)
        self.copy_verdict = QLabel(tab)
        self.copy_verdict.setObjectName("copyVerdict")
        self.copy_verdict.setWordWrap(True)
        self.copy_verdict.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.copy_details = QTextBrowser(tab)
        self.copy_details.setObjectName("copyDetails")
        row = QHBoxLayout()
        row.addWidget(self.copy_edit, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.scan_button)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.copy_hint)
        layout.addLayout(row)
        layout.addWidget(self.copy_status)
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
                                       "(for example C000012), then press Enter. Or open a scan or a photo of the "
                                       "page (PNG, JPEG or PDF), or drop it here."))
        self.copy_edit.setAccessibleName(self.tr("QR code text or serial"))
        self.check_button.setText(self.tr("Chec&k"))
        self.scan_button.setText(self.tr("Open a &scan or photo…"))
        self.file_details.setAccessibleName(self.tr("Signatures found"))
        self.copy_details.setAccessibleName(self.tr("About this copy"))
        self.copy_status.setAccessibleName(self.tr("The copy's status"))
        self.file_split.setAccessibleName(self.tr("Signatures and pages"))
        if self.preview is not None:
            self.preview.setAccessibleName(self.tr("Pages with the seals found highlighted"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()  # the labels follow; a verdict already shown keeps its words until the next check
        super().changeEvent(event)

    # -- files dropped or chosen ---------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a stamped file"), "",
                                              self.tr("PDF documents (*.pdf)"))
        if path:
            self.verify_file(path)

    def choose_scan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a scan or photo of a copy"), "",
                                              self.tr("Scans and photos ({patterns})").format(patterns=SCAN_PATTERNS))
        if path:
            self.check_scan(path)

    def dragEnterEvent(self, event) -> None:
        if any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not files:
            return
        event.acceptProposedAction()
        path = files[0]
        # An image is a copy's scan or photo; a PDF is a stamped file, unless dropped on the paper copy's tab.
        if Path(path).suffix.lower() in _IMAGE_SUFFIXES or self.tabs.currentIndex() == 1:
            self.check_scan(path)
        else:
            self.verify_file(path)

    # -- a stamped file ----------------------------------------------------------------

    def verify_file(self, path: str | Path) -> None:
        """Check ``path`` in the background; the verdict replaces the previous one."""
        self.tabs.setCurrentIndex(0)
        self.file_verdict.setText(self.tr("Checking {file}…").format(file=Path(path).name))
        self.file_details.clear()
        self.choose_button.setEnabled(False)
        user = self.user
        self.tasks.run(lambda: self.station.audit().verify_stamped(path, user=user), self._file_checked,
                       self._file_failed)

    def _file_checked(self, check) -> None:
        self.choose_button.setEnabled(True)
        self.check = check
        result = check.verify
        name = Path(result.path).name
        unregistered = sum(1 for s in result.signatures
                           if (r := check.registration(s.field)) is not None and not r.registered)
        if result.valid and unregistered:
            self.file_verdict.setText(self.tr("VALID BUT NOT REGISTERED: the signatures of {file} check out, but "
                                              "the office archive has no record of {n} of its stamps.").format(
                                                  file=name, n=unregistered))
        elif result.valid:
            self.file_verdict.setText(self.tr("VALID: {file} is stamped and unchanged since.").format(file=name))
        elif not result.signatures:
            self.file_verdict.setText(self.tr("NOT VALID: {file} carries no signature.").format(file=name))
        else:
            self.file_verdict.setText(self.tr("NOT VALID: {file} fails the checks below.").format(file=name))
        self.file_verdict.setProperty("valid", result.valid)
        lines = [self._archive_words(check)]
        lines += [self._signature_words(n, s, check.registration(s.field))
                  for n, s in enumerate(result.signatures, 1)]
        if result.changed_after_last:
            lines.append(self.tr("Something was added to the file after its last signature."))
        lines.append(self._lock_words(result))
        if result.active_content:
            lines.append(self.tr("The file can act by itself when opened: {what}.").format(
                what=", ".join(result.active_content)))
        lines.append(self.tr("SHA-256 of the file: {sha}").format(sha=result.sha256))
        self.file_details.setPlainText("\n\n".join(line for line in lines if line))
        if self.isVisible():  # closed meanwhile: no render process for a preview nobody sees
            self._show_pages(Path(result.path), check.spots)

    def _archive_words(self, check) -> str:
        """One sentence on the office archive as a whole: not configured, not reachable, or what it recorded."""
        if check.archive_problem is not None:
            what, _todo = words(check.archive_problem)
            return self.tr("The office archive could not be asked whether these stamps are registered: {what}").format(
                what=what)
        if check.archive is None:
            return self.tr("This station has no office archive configured: whether these stamps are registered "
                           "cannot be checked here.")
        found = check.registrations
        if found is None:
            return ""
        if found.recorded:
            return self.tr("The office archive {archive} was asked. It recorded the unregistered signatures seen "
                           "here ({n}) for the office's monthly report.").format(archive=found.location,
                                                                               n=found.recorded)
        return self.tr("The office archive {archive} was asked.").format(archive=found.location)

    def _signature_words(self, number: int, s, registration) -> str:
        seal = s.seal_name or s.seal or self.tr("not a seal of this system")
        where = (self.tr("page {page}").format(page=s.placement.page) if s.placement is not None
                 else self.tr("not visible"))
        covers = self.tr("the whole file") if s.covers_whole_file else self.tr("an earlier version of the file")
        verdict = self.tr("good") if s.ok else self._signature_problem(s)
        text = self.tr("Signature {n}: {verdict}\nSeal: {seal}\nSigner: {signer}\nTime: {time}\nWhere: {where}\n"
                       "Covers: {covers}").format(n=number, verdict=verdict, seal=seal, signer=s.signer,
                                                   time=_local_time(s.signing_time) or self.tr("not stated"),
                                                   where=where,
                                                   covers=covers)
        if s.also_on_pages:
            text += "\n" + self.tr("The same seal also on pages: {pages}").format(
                pages=", ".join(str(p) for p in s.also_on_pages))
        if s.cross_page_of:
            text += "\n" + self.tr("Cross-page seal: strips on {n} of the {total} pages stamped").format(
                n=len(s.cross_page_pages), total=s.cross_page_of)
        if registration is None:
            return text
        if registration.registered:
            record = self.tr("Office archive: registered, stamped at station {station} by {custodian} under "
                             "request {request}, {time}").format(station=registration.station,
                                                                 custodian=registration.custodian,
                                                                 request=registration.request,
                                                                 time=_local_time(registration.at) or "")
        else:
            record = self.tr("Office archive: NOT REGISTERED: the archive has no record of this stamp (made "
                             "outside a station that reports to it, or not sent there yet)")
        return f"{text}\n{record}"

    def _lock_words(self, result) -> str:
        """How the last seal locked the file (文书一经签章即锁定), and whether the lock still holds."""
        if not result.locked:
            return ""
        if result.locked == "form filling":
            text = self.tr("Locked after the last seal ({field}): only filling in the form is allowed.")
        else:
            text = self.tr("Locked after the last seal ({field}): no change is allowed.")
        text = text.format(field=result.locked_by)
        if result.lock_broken:
            return text + "\n" + self.tr("The lock is BROKEN: the file was changed after it was locked.")
        return text

    def _signature_problem(self, s) -> str:
        if getattr(s, "lock_broken", False) and s.intact:
            return self.tr("NOT VALID: the file was changed after the last seal locked it")
        if not s.intact:
            return self.tr("NOT VALID: the signed content was changed")
        if not s.valid:
            return self.tr("NOT VALID: the signature does not match")
        if not s.trusted:
            return self.tr("NOT VALID: not made by a seal authority this station trusts")
        if not s.cross_page_complete:
            return self.tr("NOT VALID: a page carrying a strip of its cross-page seal was removed or replaced")
        return self.tr("NOT VALID: the file was changed after this signature")

    def _show_pages(self, path: Path, spots) -> None:
        """The file's pages in the preview, each seal found boxed and numbered as its signature is."""
        if self.preview is None:
            from .document_view import DocumentView  # the preview's render process starts with the first file

            self.preview = DocumentView(self.file_split)
            self.preview.setObjectName("verifyPreview")
            self.preview.setAccessibleName(self.tr("Pages with the seals found highlighted"))
            self.preview.fit_page()  # a whole page in view: the seal with what it stamps
            self.file_split.insertWidget(0, self.preview)
            self.file_split.setSizes([600, 360])
            self.resize(max(self.width(), 1100), max(self.height(), 700))
        self.preview.set_highlights([(spot.page, spot.box_mm, str(spot.signature), self._spot_state(spot))
                                     for spot in spots])
        first = spots[0].page if spots else 1
        self.preview.open_document(path)
        self.preview.go_to_page(first)  # kept until the pages are laid out

    def _spot_state(self, spot) -> str:
        """Green: the signature checks out (and the archive, when asked, knows it); amber: it checks out but the
        archive has no record of it; red: it does not check out."""
        if not spot.ok:
            return "bad"
        registration = self.check.registration(self.check.verify.signatures[spot.signature - 1].field)
        return "warning" if registration is not None and not registration.registered else "ok"

    def _file_failed(self, exc: BaseException) -> None:
        self.choose_button.setEnabled(True)
        self.check = None
        what, todo = words(exc)
        self.file_verdict.setProperty("valid", False)
        self.file_verdict.setText(self.tr("Could not check the file: {what}").format(what=what))
        self.file_details.setPlainText(todo)
        if self.preview is not None:
            self.preview.set_highlights([])
            self.preview.close_document()

    # -- a paper copy ------------------------------------------------------------------

    def check_copy(self) -> None:
        """Check the QR text or serial typed (or scanned) into the field."""
        text = self.copy_edit.text().strip()
        if not text:
            return
        user = self.user
        self._checking_copy(self.tr("Checking…"))
        self.tasks.run(lambda: (self.station.audit().check_copy(text, user=user),), self._copy_checked,
                       self._copy_failed)

    def check_scan(self, path: str | Path) -> None:
        """Find the copy's QR code on a scan or photo of the page and check it, in the background."""
        user = self.user
        self._checking_copy(self.tr("Looking for the copy's code on {file}…").format(file=Path(path).name))
        self.tasks.run(lambda: self.station.audit().verify_copy_scan(path, user=user).checks, self._copy_checked,
                       self._copy_failed)

    def _checking_copy(self, words_now: str) -> None:
        self.tabs.setCurrentIndex(1)
        self.check_button.setEnabled(False)
        self.scan_button.setEnabled(False)
        self.copy_status.clear()
        self.copy_status.setProperty("status", None)
        self.copy_verdict.setText(words_now)
        self.copy_details.clear()

    def _copy_checked(self, checks) -> None:
        self.check_button.setEnabled(True)
        self.scan_button.setEnabled(True)
        self.copy_edit.selectAll()  # the next scan replaces this one
        self.copy_checks = tuple(checks)
        first = checks[0]
        result = first.result
        self.copy_status.setProperty("status", first.status)
        self.copy_status.setText(self._status_word(first.status))
        self.copy_verdict.setProperty("genuine", result.genuine)
        self.copy_verdict.setText(self._copy_verdict(first))
        lines = self._copy_lines(first)
        if len(checks) > 1:
            lines.insert(0, self.tr("The scan holds the codes of {n} copies; the first is shown above.").format(
                n=len(checks)))
            lines += [self.tr("{serial}: {status}").format(serial=c.result.payload.serial,
                                                           status=self._status_word(c.status)) for c in checks]
        self.copy_details.setPlainText("\n\n".join(lines))

    def _status_word(self, status: str) -> str:
        return {"genuine": self.tr("Genuine"), "voided": self.tr("Voided"), "recalled": self.tr("Recalled"),
                "unknown": self.tr("Status unknown"), "unfinished": self.tr("Never finished printing"),
                "not_genuine": self.tr("Not genuine")}.get(status, status)

    def _copy_verdict(self, check) -> str:
        result, p = check.result, check.result.payload
        if not result.genuine:
            return self.tr("NOT GENUINE: this copy was not printed by a trusted station, or its code was altered.")
        if result.record is None:
            return self.tr("GENUINE: copy {k} of {n} ({serial}), printed by station {station}; neither this station "
                           "nor the office archive has a record of it, so whether it was voided or recalled is "
                           "not known.").format(k=p.number, n=p.of, serial=p.serial, station=p.station_id)
        return self.tr("GENUINE: copy {k} of {n} ({serial}), {status}.").format(
            k=p.number, n=p.of, serial=p.serial, status=self._status_words(check.status))

    def _status_words(self, status: str) -> str:
        return {"unfinished": self.tr("but its print job never completed"),
                "voided": self.tr("printed, since VOIDED"),
                "recalled": self.tr("printed, since RECALLED")}.get(status, self.tr("printed and current"))

    def _copy_lines(self, check) -> list[str]:
        p, record = check.result.payload, check.result.record
        lines = []
        if p is not None:
            lines.append(self.tr("Printed on {date} by station {station}.").format(date=p.date, station=p.station_id))
        if record is not None:
            lines.append(self.tr("Request: {request}\nDocument: {document}\nCustodian: {custodian}").format(
                request=record.request_id, document=record.document_name, custodian=record.custodian))
            if record.status_reason:
                lines.append(self.tr("Reason given: {reason}").format(reason=record.status_reason))
        if check.source == "archive":
            lines.append(self.tr("Its status is as the office archive records it (another station printed it)."))
        if check.archive_problem is not None:
            what, _todo = words(check.archive_problem)
            lines.append(self.tr("The office archive could not be asked about this copy: {what}").format(what=what))
        if p is not None:
            lines.append(self.tr("SHA-256 of the stamped document: {sha}").format(sha=p.document_sha256))
        return lines

    def _copy_failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        self.scan_button.setEnabled(True)
        self.copy_checks = ()
        what, todo = words(exc)
        self.copy_verdict.setProperty("genuine", False)
        if getattr(exc, "code", "") in ("copy_scan_unreadable", "copy_scan_no_code", "role_missing"):
            # Nothing was checked: the copy is neither genuine nor not, the scan or the person is the matter.
            self.copy_status.setProperty("status", None)
            self.copy_status.setText(self.tr("Not checked"))
            self.copy_verdict.setText(what)
        else:
            self.copy_status.setProperty("status", "not_genuine")
            self.copy_status.setText(self._status_word("not_genuine"))
            self.copy_verdict.setText(self.tr("NOT GENUINE: {what}").format(what=what))
        self.copy_details.setPlainText(todo)

    # -- lifetime --------------------------------------------------------------------

    def done(self, result: int) -> None:
        self.shut_down()  # the render process goes with the dialog; a file verified next time starts another
        super().done(result)

    def shut_down(self) -> None:
        """Stop the preview's render process (the window calls this at logout; closing the dialog does too)."""
        preview, self.preview = self.preview, None
        if preview is not None:
            preview.shutdown()
            preview.setParent(None)
            preview.deleteLater()


def _local_time(iso: str | None) -> str | None:
    """A time as the station's clock shows it (the file or the archive states it with its own offset)."""
    if not iso:
        return None
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso  # shown as the file states it
    return (moment.astimezone() if moment.tzinfo else moment).strftime("%Y-%m-%d %H:%M:%S")
