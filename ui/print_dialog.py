"""The print dialog: approved / printed / left, the printer, colour or mono, progress per copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QLabel, QLineEdit,
                               QListWidget, QPushButton, QSpinBox, QVBoxLayout, QHBoxLayout)

from sealstation.errors import SealStationError
from sealstation.printing.sink import JobStatus
from sealstation.printing.states import AllowanceKind

from .tasks import TaskRunner

__all__ = ["PrintDialog", "TO_PDF"]

TO_PDF = "PDF 文件 / PDF file…"
_KIND_WORDS = {AllowanceKind.FIRST: "批准 approved", AllowanceKind.EXTRA: "加印 extra",
               AllowanceKind.REPLACEMENT: "补印 replacement"}


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
        self.setWindowTitle(f"打印 Print — {self.document.name}")
        self._progress = _Progress(self)
        self._progress.copy.connect(self._show_copy)
        self._build(user)
        self._load()

    def _build(self, user: str) -> None:
        layout = QVBoxLayout(self)
        self.counts = QLabel("")
        self.counts.setObjectName("counts")
        layout.addWidget(self.counts)
        form = QFormLayout()
        self.printer_box = QComboBox()
        self.printer_box.currentIndexChanged.connect(self._printer_changed)
        form.addRow("打印机 Printer", self.printer_box)
        self.mono = QCheckBox("黑白 Black and white")
        self.mono.toggled.connect(self._printer_changed)
        form.addRow("", self.mono)
        self.copies = QSpinBox()
        self.copies.setMinimum(1)
        form.addRow("份数 Copies", self.copies)
        self.user_edit = QLineEdit(user or "custodian")
        form.addRow("印章专管人员 Custodian", self.user_edit)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.Password)
        form.addRow("密码 Password", self.password_edit)
        layout.addLayout(form)
        self.warning = QLabel("")
        self.warning.setObjectName("colourWarning")
        self.warning.setStyleSheet("color: #b00000")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.progress_list = QListWidget()
        layout.addWidget(self.progress_list)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.print_button = QPushButton("打印 Print")
        self.print_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("取消 Cancel")
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
            self.printer_box.addItem(f"{p.name} ({'彩色 colour' if p.colour else '黑白 mono'})"
                                     + ("" if p.ready else f" — {p.state}"), p.name)
        if self.station.policy.print_to_file:  # the office's choice: a file is a copy that cannot be taken back
            self.printer_box.addItem(TO_PDF, TO_PDF)
        if self._reload_counts(say_why=True):
            self._printer_changed()
        if self.printer_box.count() == 0:  # no printer, and the office's policy allows no file: nothing to print to
            self.print_button.setEnabled(False)
            self.status.setText("没有可用的打印机 No printer is set up on this computer, and the office's policy "
                                "does not allow printing to a file. Ask IT to add the office's printer.")

    def _show_counts(self, allowances) -> None:
        """Approved / printed / left over all the file's approvals (each listed when there are several)."""
        live = [a for a in allowances if a.left > 0]
        next_left = live[0].left if live else 0  # what one print may take (the plan uses one approval at a time)
        self.copies.setMaximum(max(1, next_left))
        self.copies.setValue(max(1, next_left))
        self.print_button.setEnabled(bool(live))
        total = [sum(getattr(a, k) for a in allowances) for k in ("approved", "printed", "left")]
        lines = [self.document.name, f"请求 Request {allowances[0].request.id}: 批准 approved {total[0]} · "
                 f"已打印 printed {total[1]} · 剩余 left {total[2]}"]
        if len(allowances) > 1:
            lines.append("  ".join(f"{_KIND_WORDS[a.kind]} {a.id}: {a.printed}/{a.approved}" for a in allowances))
        if not live:
            lines.append("没有剩余份数 None left: more copies need an approval for extra copies (加印).")
        self.counts.setText("\n".join(lines))

    def _printer_changed(self, *_args) -> None:
        name = self.printer_box.currentData()
        printer = self.printers.get(name) if name else None
        mono = self.mono.isChecked() or (printer is not None and not printer.colour)
        self.warning.setText("注意：黑白打印，红色印章将印成灰色。 Warning: this prints in black and white; "
                             "the seal is red and will print grey." if mono and name != TO_PDF else "")

    def start(self) -> None:
        name = self.printer_box.currentData()
        try:
            plan = self.station.plan_print(self.document, copies=self.copies.value())
            if name == TO_PDF:
                self.station.check_print_to_file()
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
        self.cancel_button.setText("取消 Cancel")  # while copies are sent it stops the job
        self.progress_list.clear()
        self.status.setText("打印中… Printing…")
        self.tasks.run(lambda: self.station.print_copies(plan, user=user, password=password, sink=self.sink,
                                                         progress=self._progress.copy.emit),
                       self._done, self._failed)

    def _show_copy(self, k: int, copy) -> None:
        if copy is None:
            self.progress_list.addItem(f"第 {k} 份 Copy {k}: 发送中 sending…")
            return
        o = copy.outcome
        words = {JobStatus.ACCEPTED: "已接受 accepted", JobStatus.FAILED: "失败 FAILED",
                 JobStatus.CANCELLED: "已取消 cancelled"}[o.status]
        item = self.progress_list.item(self.progress_list.count() - 1)
        item.setText(f"第 {k} 份 Copy {copy.number}/{copy.of} · {copy.serial}: {words}"
                     + (f" (job {o.job})" if o.job else "") + (f" — {o.reason}" if o.reason else ""))

    def _done(self, result) -> None:
        self.result = result
        self.print_button.setEnabled(True)
        self.cancel_button.setText("关闭 Close")  # the copies are counted: nothing is left to cancel
        failed = [c for c in result.copies if not c.outcome.accepted]
        lines = [f"已打印 Printed {result.printed} / {result.plan.copies} → {self.sink.destination}"]
        if failed:
            lines.append(f"未计数 Not counted: {failed[0].serial} {failed[0].outcome.status}: {failed[0].outcome.reason}. "
                         "This copy does not use up the approval.")
        lines += [f"注意 Note: {n}" for n in result.notes]
        self.status.setText("\n".join(lines))
        self._reload_counts()

    def _reload_counts(self, *, say_why: bool = False) -> bool:
        try:
            self._show_counts(self.station.print_allowances(self.document))
        except SealStationError as exc:
            self.print_button.setEnabled(False)
            self.counts.setText(f"{self.document.name}\n{exc.message}")
            if say_why:
                self._refused(exc)
            return False
        return True

    def _failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        self._refused(exc)

    def _refused(self, exc: BaseException) -> None:
        self.last_error = exc
        text = str(exc) if isinstance(exc, SealStationError) else f"{type(exc).__name__}: {exc}"
        self.status.setText(f"未打印 Not printed: {text}")

    def _cancel(self) -> None:
        if self.tasks.busy and self.sink is not None and hasattr(self.sink, "cancel"):
            self.sink.cancel()
            self.status.setText("取消中… Cancelling…")
            return
        self.reject()

    def _ask_pdf_path(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, "保存为 PDF Save as PDF", str(Path.home() / "copies.pdf"), "PDF (*.pdf)")
        return Path(path) if path else None
