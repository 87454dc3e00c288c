"""The station's main window: open a document, place the seal, unlock the token, stamp."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sealstation.errors import PinIncorrectError, PinLockedError, SealStationError
from sealstation.model import Placement
from sealstation.pdf.preview import count_pages, render_preview
from sealstation.station import StampRequestSpec, Station

from .archive_status import status_words
from .page_view import PageView
from .pin_dialog import PinDialog
from .report_dialog import ReportDialog
from .tasks import TaskRunner

__all__ = ["MainWindow"]

PREVIEW_DPI = 96.0


def default_output(path: Path, station_home: Path | None = None) -> Path:
    """``name-已签章.pdf`` beside the input, numbered if it exists.

    An input inside the station home (the demo's sample documents) gets its
    output in the user's home folder: the station refuses to write in its own.
    """
    folder = path.parent
    home, here = (station_home.resolve() if station_home else None), folder.resolve()
    if home is not None and (here == home or home in here.parents):
        folder = Path.home()
    candidate = folder / f"{path.stem}-已签章.pdf"
    n = 2
    while candidate.exists():
        candidate = folder / f"{path.stem}-已签章-{n}.pdf"
        n += 1
    return candidate


class MainWindow(QMainWindow):
    """One document at a time, one seal at a time."""

    def __init__(self, station: Station) -> None:
        super().__init__()
        self.station = station
        self.tasks = TaskRunner(self)
        self.sync_tasks = TaskRunner(self)  # apart, so that a background sync never blocks the stamp button
        self.document: Path | None = None
        self.ask_secrets = self._ask_secrets_dialog  # tests answer the prompt through this
        self.confirm_overwrite = self._confirm_overwrite_dialog  # and this question
        self._last_user = ""
        self.setWindowTitle("SealStation 电子印章签章站")
        self.resize(1100, 900)
        self._build()
        self._load_seals()
        self._start_archive_sync()

    # -- layout --------------------------------------------------------------

    def _build(self) -> None:
        central = QWidget()
        outer = QHBoxLayout(central)
        self.view = PageView()
        self.view.setObjectName("pageView")
        outer.addWidget(self.view, stretch=1)

        side = QVBoxLayout()
        form = QFormLayout()
        self.open_button = QPushButton("打开文档 Open…")
        self.open_button.clicked.connect(self._choose_document)
        side.addWidget(self.open_button)
        self.doc_label = QLabel("未打开文档 / No document")
        self.doc_label.setWordWrap(True)
        side.addWidget(self.doc_label)

        self.seal_box = QComboBox()
        self.seal_box.currentIndexChanged.connect(self._seal_changed)
        form.addRow("印章 Seal", self.seal_box)
        self.page_spin = QSpinBox()
        self.page_spin.setRange(1, 1)
        self.page_spin.valueChanged.connect(self._show_page)
        form.addRow("页 Page", self.page_spin)
        self.x_spin = self._mm_spin()
        self.y_spin = self._mm_spin()
        form.addRow("X (mm)", self.x_spin)
        form.addRow("Y (mm)", self.y_spin)
        self.purpose_edit = QLineEdit()
        form.addRow("用途 Purpose", self.purpose_edit)
        self.output_edit = QLineEdit()
        form.addRow("输出 Output", self.output_edit)
        side.addLayout(form)

        self.stamp_button = QPushButton("盖章 Stamp")
        self.stamp_button.setObjectName("stampButton")
        self.stamp_button.setEnabled(False)
        self.stamp_button.clicked.connect(self._stamp)
        side.addWidget(self.stamp_button)
        self.print_button = QPushButton("打印 Print…")
        self.print_button.setObjectName("printButton")
        self.print_button.setToolTip("Print the approved copies of a stamped document")
        self.print_button.clicked.connect(self._choose_print)
        side.addWidget(self.print_button)
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        side.addWidget(self.result_label)
        side.addStretch(1)
        self.report_button = QPushButton("月度报表 Report… (办公室 office)")
        self.report_button.setObjectName("reportButton")
        self.report_button.clicked.connect(self.open_report)
        side.addWidget(self.report_button)
        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(320)
        outer.addWidget(panel)
        self.setCentralWidget(central)

        self.view.placementChanged.connect(self._placement_from_view)
        self.x_spin.valueChanged.connect(self._placement_from_spins)
        self.y_spin.valueChanged.connect(self._placement_from_spins)

    def _mm_spin(self) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setRange(0, 2000)
        return spin

    def _load_seals(self) -> None:
        try:
            records = self.station.seals.all()
        except SealStationError as exc:
            self._error(exc)
            return
        for record in records:
            self.seal_box.addItem(f"{record.name} [{record.seal_id}]", record.seal_id)

    # -- document and page ---------------------------------------------------

    def _choose_document(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "打开已审批文档 Open approved document", str(self.station.home.documents_dir), "PDF (*.pdf)")
        if path:
            self.open_document(Path(path))

    def open_document(self, path: Path) -> None:
        try:
            pages = count_pages(path)
        except SealStationError as exc:
            self._error(exc)
            return
        self.document = path
        self.doc_label.setText(f"{path.name}\n{pages} 页 / page(s)")
        self.output_edit.setText(str(default_output(path, self.station.home.root)))
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, pages)
        self.page_spin.setValue(pages)  # seals usually go on the last page
        self.page_spin.blockSignals(False)
        self._show_page(pages)
        self.stamp_button.setEnabled(self.seal_box.count() > 0)

    def _show_page(self, page: int) -> None:
        if self.document is None:
            return
        try:
            preview = render_preview(self.document, page, PREVIEW_DPI)
        except SealStationError as exc:
            self._error(exc)
            return
        self.view.show_page(preview)
        self._seal_changed()
        w, h = preview.size_mm
        if self.view.seal_center_mm == (0.0, 0.0):
            self.view.set_seal_center(round(w * 0.7), round(h * 0.8))

    def _seal_changed(self, *_args) -> None:
        seal_id = self.seal_box.currentData()
        if seal_id is None or self.document is None:
            return
        try:
            record = self.station.seals.get(seal_id)
            self.view.set_seal_image(self.station.seals.load_image(record), record.size_mm)
        except SealStationError as exc:
            self._error(exc)

    # -- placement (view <-> spin boxes) ------------------------------------

    def _placement_from_view(self, x: float, y: float) -> None:
        for spin, value in ((self.x_spin, x), (self.y_spin, y)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    def _placement_from_spins(self, *_args) -> None:
        self.view.set_seal_center(self.x_spin.value(), self.y_spin.value())

    # -- stamping ------------------------------------------------------------

    def _request(self) -> StampRequestSpec:
        return StampRequestSpec(
            document=self.document,
            seal_id=self.seal_box.currentData(),
            placement=Placement(self.page_spin.value(), self.view.seal_center_mm),
            output=Path(self.output_edit.text()),
            purpose=self.purpose_edit.text(),
        )

    def _stamp(self) -> None:
        request = self._request()
        if request.output.exists():
            # The core never replaces a file unasked; the person says so here, and only here.
            if not self.confirm_overwrite(request.output):
                self._busy(False, "已取消 Cancelled; nothing was stamped.")
                return
            request = replace(request, overwrite=True)
        self._busy(True, "检查文档… Checking the document…")
        # The token's own warning is read with the plan, off the GUI thread: a last try is said before the PIN.
        self.tasks.run(lambda: (self.station.plan_stamp(request), self.station.pin_warning()),
                       lambda found: self._unlock_and_sign(found[0], request, found[1] or ""), self._failed)

    def _unlock_and_sign(self, plan, request: StampRequestSpec, warning: str) -> None:
        record = self.station.seals.get(request.seal_id)
        answer = self.ask_secrets(record.name, warning)
        if answer is None:
            self._busy(False, "已取消 Cancelled; nothing was stamped.")
            return
        user, password, pin = answer
        self._last_user = user
        self._busy(True, "签章中… Signing with the USB key…")

        def work():
            # The gate (journal, login, seal, approval) and the signature, off the GUI thread.
            auth = self.station.authorise_stamp(plan, user=user, password=password)
            result = self.station.stamp(auth, request.output, pin=pin)
            return result, self.station.seals_left(auth.request.id)

        self.tasks.run(work, self._stamped, lambda exc: self._sign_failed(exc, plan, request))

    def _confirm_overwrite_dialog(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, "SealStation", f"{path.name} 已存在，是否替换？\n{path} exists. Replace it?",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    def _ask_secrets_dialog(self, seal_name: str, warning: str):
        dialog = PinDialog(seal_name, warning, self._last_user, self)
        return dialog.take_secrets() if dialog.exec() == PinDialog.Accepted else None

    def _sign_failed(self, exc: BaseException, plan, request: StampRequestSpec) -> None:
        if isinstance(exc, PinIncorrectError) and not isinstance(exc, PinLockedError):
            self._unlock_and_sign(plan, request, str(exc))
            return
        self._failed(exc)

    def _stamped(self, done) -> None:
        result, seals_left = done
        report = self.station.verify(result.output)
        placement = result.box.placement
        cx, cy = placement.center_mm
        lines = [
            f"已签章并验证 Stamped and verified: {result.output.name}",
            f"页 {placement.page}，位置 ({cx:g}, {cy:g}) mm",
            f"验证 Verification: {'有效 VALID' if report.valid else '无效 NOT VALID'}",
            *[f"注意 Warning: {w}" for w in result.warnings],
            *([f"还需盖 Still to stamp on this file: {', '.join(seals_left)}"] if seals_left else []),
        ]
        self._busy(False, "\n".join(lines))
        self.last_stamped = result.output
        self.output_edit.setText(str(default_output(self.document, self.station.home.root)))
        self.sync_archive()

    def open_report(self) -> None:
        """The office's monthly report (the role is checked when it logs in there)."""
        self.report_dialog = ReportDialog(self.station, self)
        self.report_dialog.show()

    # -- the office archive: background sync and the status strip ---------------

    SYNC_INTERVAL_MS = 5 * 60 * 1000

    def _start_archive_sync(self) -> None:
        self.archive_label = QLabel("")
        self.archive_label.setObjectName("archiveStatus")
        self.statusBar().addPermanentWidget(self.archive_label, 1)
        self._sync_timer = QTimer(self)
        self._sync_timer.timeout.connect(self.sync_archive)
        self._sync_timer.start(self.SYNC_INTERVAL_MS)
        self.refresh_archive_status()

    def sync_archive(self) -> None:
        """After each stamp and periodically (with the scheduled backup); a failure waits for its backoff and shows
        in the strip."""
        if not self.sync_tasks.busy:
            self.sync_tasks.run(self._office_work_if_due, lambda _r: self.refresh_archive_status(),
                                lambda _exc: self.refresh_archive_status())

    def _office_work_if_due(self) -> None:
        """On the background runner: the archive sync, then the office's scheduled backup (each when due)."""
        self.station.sync_if_due()
        self.station.backup_if_due()

    def refresh_archive_status(self) -> None:
        self.archive_label.setText(status_words(self.station.sync_status()))

    # -- printing ------------------------------------------------------------

    def _choose_print(self) -> None:
        start = str(getattr(self, "last_stamped", None) or Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "打印已签章文档 Print a stamped document", start, "PDF (*.pdf)")
        if path:
            self.open_print_dialog(Path(path)).exec()
            self.sync_archive()  # what was printed goes to the office archive, as after a stamp

    def open_print_dialog(self, document: Path):
        """The print dialog for a stamped document (the Print action)."""
        from .print_dialog import PrintDialog
        from .qt_printing import QtPrinterBackend

        return PrintDialog(self.station, document, QtPrinterBackend(), self._last_user, self)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False, "")
        self._error(exc)

    def show_message(self, message: str) -> None:
        self.result_label.setText(message)

    def _busy(self, busy: bool, message: str) -> None:
        self.stamp_button.setEnabled(not busy and self.document is not None)
        self.result_label.setText(message)

    def _error(self, exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, SealStationError) else f"{type(exc).__name__}: {exc}"
        self.result_label.setText(f"未盖章 Not stamped: {text}")
        self.last_error = exc
