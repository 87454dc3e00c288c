"""The print dialog: approved / printed / left, the printer, colour or mono, progress per copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QLabel, QLineEdit,
                               QListWidget, QPushButton, QSpinBox, QVBoxLayout, QHBoxLayout)

from sealstation.errors import SealStationError
from sealstation.printing.sink import JobStatus
from sealstation.printing.states import AllowanceKind

from .error_words import words
from .qt_printing import outcome_words
from .tasks import TaskRunner

__all__ = ["PrintDialog", "TO_PDF"]

TO_PDF = "pdf-file"
"""The printer list's data for "print into a PDF file" (its text is translated)."""


class _Progress(QObject):
    """Per-copy progress from the print thread, delivered on the GUI thread."""

    copy = Signal(int, object)


class PrintDialog(QDialog):
    """Print the approved copies of one stamped document."""

    def __init__(self, station, document: Path, backend, user: str = "", parent=None) -> None:
        super().__init__(parent)
        self.station, self.document, self.backend = station, Path(document), backend
        self.tasks = TaskRunner(self)
        self.sink = None
        self.result = None
        self.ask_pdf_path = self._ask_pdf_path  # tests answer this question
        self.setWindowTitle(self.tr("Print — {file}").format(file=self.document.name))
        self._progress = _Progress(self)
        self._progress.copy.connect(self._show_copy)
        self._build(user)
        self._load()

    def _build(self, user: str) -> None:
        layout = QVBoxLayout(self)
        self.counts = QLabel("")
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)  # "None left: …" wraps instead of widening the dialog past the screen
        self.counts.setAccessibleName(self.tr("Copies approved, printed and left"))
        layout.addWidget(self.counts)
        form = QFormLayout()
        self.printer_box = QComboBox()
        self.printer_box.setObjectName("printer")
        self.printer_box.currentIndexChanged.connect(self._printer_changed)
        form.addRow(self.tr("Printer"), self.printer_box)
        self.mono = QCheckBox(self.tr("Black and white"))
        self.mono.setObjectName("mono")
        self.mono.toggled.connect(self._printer_changed)
        form.addRow("", self.mono)
        self.copies = QSpinBox()
        self.copies.setObjectName("copies")
        self.copies.setMinimum(1)
        form.addRow(self.tr("Copies"), self.copies)
        self.user_edit = QLineEdit(user or "custodian")
        self.user_edit.setObjectName("printUser")
        form.addRow(self.tr("Custodian"), self.user_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("printPassword")
        self.password_edit.setEchoMode(QLineEdit.Password)
        form.addRow(self.tr("Password"), self.password_edit)
        for field in (self.printer_box, self.copies, self.user_edit, self.password_edit):
            field.setAccessibleName(form.labelForField(field).text())
        layout.addLayout(form)
        self.warning = QLabel("")
        self.warning.setObjectName("colourWarning")
        self.warning.setStyleSheet("color: #b00000")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.progress_list = QListWidget()
        self.progress_list.setObjectName("printProgress")
        self.progress_list.setAccessibleName(self.tr("Copies sent to the printer"))
        self.progress_list.setVisible(False)  # an empty box said nothing: shown once copies are sent
        layout.addWidget(self.progress_list)
        self.status = QLabel("")
        self.status.setObjectName("printStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print"))
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.start)
        self.extra_button = QPushButton(self.tr("Extra copies (加印)…"))
        self.extra_button.setObjectName("extraButton")
        self.extra_button.setVisible(False)
        self.extra_button.clicked.connect(self.ask_extra_copies)
        buttons.addWidget(self.extra_button)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self._cancel)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.resize(560, 460)

    def _load(self) -> None:
        try:
            self.printers = {p.name: p for p in self.backend.printers()}
        except SealStationError as exc:
            self._refused(exc)
            return
        for p in self.printers.values():
            self.printer_box.addItem(self._printer_text(p), p.name)
        if self.station.policy.print_to_file:  # the office's choice: a file is a copy that cannot be taken back
            self.printer_box.addItem(self.tr("PDF file…"), TO_PDF)
        if self._reload_counts(say_why=True):
            self._printer_changed()
        if self.printer_box.count() == 0:  # no printer, and the office's policy allows no file: nothing to print to
            self.print_button.setEnabled(False)
            self.status.setText(self.tr("No printer is set up on this computer, and the office's policy does not "
                                        "allow printing to a file. Ask IT to add the office's printer."))

    def _printer_text(self, p) -> str:
        if p.ready:
            return (self.tr("{name} (colour)") if p.colour else self.tr("{name} (black and white)")).format(name=p.name)
        # The queue's state comes from CUPS, in its own words.
        return (self.tr("{name} (colour) — {state}") if p.colour
                else self.tr("{name} (black and white) — {state}")).format(name=p.name, state=p.state)

    def _kind_words(self, kind) -> str:
        return {AllowanceKind.FIRST: self.tr("approved"), AllowanceKind.EXTRA: self.tr("extra copies"),
                AllowanceKind.REPLACEMENT: self.tr("replacement")}[kind]

    def _show_counts(self, allowances) -> None:
        """Approved / printed / left over all the file's approvals (each listed when there are several)."""
        live = [a for a in allowances if a.left > 0]
        next_left = live[0].left if live else 0  # what one print may take (the plan uses one approval at a time)
        self.copies.setMaximum(max(1, next_left))
        self.copies.setValue(max(1, next_left))
        self.print_button.setEnabled(bool(live))
        self.copies.setEnabled(bool(live))  # none left: no number to choose
        total = [sum(getattr(a, k) for a in allowances) for k in ("approved", "printed", "left")]
        lines = [self.document.name,
                 self.tr("Request {request}: approved {approved} · printed {printed} · left {left}").format(
                     request=allowances[0].request.id, approved=total[0], printed=total[1], left=total[2])]
        if len(allowances) > 1:
            lines.append("  ".join(self.tr("{kind} {id}: {printed}/{approved}").format(
                kind=self._kind_words(a.kind), id=a.id, printed=a.printed, approved=a.approved) for a in allowances))
        if not live:
            lines.append(self.tr("None left: more copies need an approval for extra copies (加印) by an approver "
                                 "with the authority for its seals, here in person or from the OA system."))
        self.extra_button.setVisible(not live)
        self.counts.setText("\n".join(lines))

    def _printer_changed(self, *_args) -> None:
        name = self.printer_box.currentData()
        printer = self.printers.get(name) if name else None
        mono = self.mono.isChecked() or (printer is not None and not printer.colour)
        self.warning.setText(self.tr("Warning: this prints in black and white; the seal is red and will print grey.")
                             if mono and name != TO_PDF else "")

    def start(self) -> None:
        name = self.printer_box.currentData()
        try:
            plan = self.station.printing().plan(self.document, copies=self.copies.value())
            if name == TO_PDF:
                self.station.printing().require_print_to_file()
                path = self.ask_pdf_path()
                if path is None:
                    return
                self.station.check_output(path, inputs=(self.document,))
                self.sink = self.backend.open_pdf(path)
            else:
                self.sink = self.backend.open_printer(name, colour=not self.mono.isChecked())
        except SealStationError as exc:
            self._refused(exc)
            return
        user, password = self.user_edit.text(), self.password_edit.text()
        self.password_edit.clear()
        self.print_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancel"))  # while copies are sent it stops the job
        self.progress_list.clear()
        self.progress_list.setVisible(True)
        self.status.setText(self.tr("Printing…"))
        self.tasks.run(lambda: self.station.printing().print(plan, user=user, password=password, sink=self.sink,
                                                         progress=self._progress.copy.emit),
                       self._done, self._failed)

    def _show_copy(self, k: int, copy) -> None:
        if copy is None:
            self.progress_list.addItem(self.tr("Copy {number}: sending…").format(number=k))
            return
        o = copy.outcome
        status = {JobStatus.ACCEPTED: self.tr("accepted"), JobStatus.FAILED: self.tr("FAILED"),
                  JobStatus.CANCELLED: self.tr("cancelled")}[o.status]
        reason = outcome_words(o)
        facts = dict(number=copy.number, of=copy.of, serial=copy.serial, status=status, job=o.job, reason=reason)
        text = (self.tr("Copy {number}/{of} · {serial}: {status} (job {job}) — {reason}") if o.job and o.reason
                else self.tr("Copy {number}/{of} · {serial}: {status} (job {job})") if o.job
                else self.tr("Copy {number}/{of} · {serial}: {status} — {reason}") if o.reason
                else self.tr("Copy {number}/{of} · {serial}: {status}"))
        item = self.progress_list.item(self.progress_list.count() - 1)
        item.setText(text.format(**facts))

    def _done(self, result) -> None:
        self.result = result
        self.print_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))  # the copies are counted: nothing is left to cancel
        failed = [c for c in result.copies if not c.outcome.accepted]
        lines = [self.tr("Printed {printed} of {copies} → {destination}").format(
            printed=result.printed, copies=result.plan.copies, destination=self.sink.destination)]
        if failed:
            lines.append(self.tr("Not counted: copy {serial} was not printed ({reason}). This copy does not use up "
                                 "the approval.").format(serial=failed[0].serial,
                                                         reason=outcome_words(failed[0].outcome)
                                                         or failed[0].outcome.status))
        lines += [self.tr("Note: {note}").format(note=n) for n in result.notes]
        self.status.setText("\n".join(lines))
        self._reload_counts()

    def _reload_counts(self, *, say_why: bool = False) -> bool:
        try:
            self._show_counts(self.station.printing().allowances_of(self.document))
        except SealStationError as exc:
            self.print_button.setEnabled(False)
            self.counts.setText("\n".join((self.document.name,) + words(exc)))
            if say_why:
                self._refused(exc)
            return False
        return True

    def _failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self._refused(exc)

    def _refused(self, exc: BaseException) -> None:
        self.last_error = exc
        what, todo = words(exc)
        self.status.setText(self.tr("Not printed: {what}\n{todo}").format(what=what, todo=todo))

    def _cancel(self) -> None:
        if self.tasks.busy and self.sink is not None and hasattr(self.sink, "cancel"):
            self.sink.cancel()
            self.status.setText(self.tr("Cancelling…"))
            return
        self.reject()

    def ask_extra_copies(self) -> None:
        """加印 in person: an approver allows more copies; the counts follow at once."""
        from .extra_copies_dialog import ExtraCopiesDialog

        self.extra_dialog = ExtraCopiesDialog(self.station, self.document, self)
        self.extra_dialog.allowed.connect(lambda _allowance: self._reload_counts())
        self.extra_dialog.open()

    def _ask_pdf_path(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the copies as PDF"), str(Path.home() / "copies.pdf"),
                                              self.tr("PDF files (*.pdf)"))
        return Path(path) if path else None
