"""Stamp several documents together (issue 19): the queue's selected requests, or a whole batch, under one PIN.

The placement is given once (page, and the seal's centre in mm from the top-left of the page as displayed) for
every document. Each document is checked first, without any secret (:meth:`StampingDesk.plan_batch`): one that
cannot be stamped shows why on its row and stays out. Then the password and the PIN are asked once, in the same
dialog as a single stamp (:class:`~ui.pin_dialog.PinDialog`), and the core stamps the documents one after the
other (:meth:`StampingDesk.stamp_batch`, on the TaskRunner), each row showing its progress and result. A wrong
PIN stamps nothing and asks the PIN again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar, QPushButton,
                               QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout)

from sealstation.errors import PinIncorrectError, PinLockedError
from sealstation.model import Placement

from .error_words import text as error_text
from .pin_dialog import PinDialog
from .tasks import TaskRunner

__all__ = ["BatchStampDialog"]

_DOCUMENT, _SEALS, _STATE = range(3)


class BatchStampDialog(QDialog):
    """The documents of the chosen requests, one placement, one PIN; ``finished_batch`` with the core's BatchResult."""

    finished_batch = Signal(object)
    """The :class:`~sealstation.desks.batch.BatchResult` once the batch ran (some documents may have failed)."""
    _progressed = Signal(object)
    """From the TaskRunner's thread: one BatchProgress (queued to the GUI thread by Qt)."""

    def __init__(self, station, items, user: str, parent=None, *, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.station, self.user, self.items = station, user, list(items)
        self.tasks = tasks or TaskRunner(self)
        self.plan = None
        self.result = None
        self.pin_dialog: PinDialog | None = None
        self._secrets: tuple[str, str, str] | None = None
        self._rows: dict[str, int] = {}
        self._build()
        self._progressed.connect(self._on_progress)
        self.check()

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.setObjectName("batchStampDialog")
        self.setWindowTitle(self.tr("Stamp several documents"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self.tr("{n} document(s), each stamped and recorded on its own, under one password and "
                                    "one PIN.").format(n=len(self.items)))
        self.intro.setObjectName("batchIntro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("batchTable")
        self.table.setAccessibleName(self.tr("Documents of the batch"))
        self.table.setHorizontalHeaderLabels([self.tr("Document"), self.tr("Seals"), self.tr("State")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(_STATE, QHeaderView.Stretch)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)

        form = QFormLayout()
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("batchPage")
        self.page_spin.setRange(1, 100000)
        self.page_spin.setAccessibleName(self.tr("Page"))
        self.x_spin, self.y_spin = self._mm_spin("batchX", 150.0), self._mm_spin("batchY", 240.0)
        self.x_spin.setAccessibleName(self.tr("Seal centre from the left edge, mm"))
        self.y_spin.setAccessibleName(self.tr("Seal centre from the top edge, mm"))
        place = QHBoxLayout()
        place.addWidget(QLabel(self.tr("from the left")))
        place.addWidget(self.x_spin)
        place.addWidget(QLabel(self.tr("from the top")))
        place.addWidget(self.y_spin)
        form.addRow(self.tr("&Page (the same on every document)"), self.page_spin)
        form.addRow(self.tr("Seal centre (mm, as the page is shown)"), place)
        self.folder_edit = QLineEdit(str(self._default_folder()))
        self.folder_edit.setObjectName("batchFolder")
        self.folder_edit.setAccessibleName(self.tr("Folder for the stamped files"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setObjectName("batchBrowse")
        folder = QHBoxLayout()
        folder.addWidget(self.folder_edit, 1)
        folder.addWidget(self.browse_button)
        folder_label = QLabel(self.tr("Write the stamped files &to"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, folder)
        layout.addLayout(form)

        self.status = QLabel("")
        self.status.setObjectName("batchStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setObjectName("batchProgress")
        self.progress.setAccessibleName(self.tr("Documents stamped"))
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox()
        self.check_button = self.buttons.addButton(self.tr("&Check"), QDialogButtonBox.ActionRole)
        self.check_button.setObjectName("batchCheck")
        self.stamp_button = self.buttons.addButton(self.tr("&Stamp…"), QDialogButtonBox.AcceptRole)
        self.stamp_button.setObjectName("batchStamp")
        self.close_button = self.buttons.addButton(QDialogButtonBox.Close)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setObjectName("batchClose")
        layout.addWidget(self.buttons)
        self.check_button.clicked.connect(self.check)
        self.stamp_button.clicked.connect(self.stamp)
        self.close_button.clicked.connect(self.reject)
        self.browse_button.clicked.connect(self._browse)
        for spin in (self.page_spin, self.x_spin, self.y_spin):
            spin.valueChanged.connect(self._placement_changed)
        self.folder_edit.textChanged.connect(self._placement_changed)

    def _mm_spin(self, name: str, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(0.0, 5000.0)
        spin.setDecimals(1)
        spin.setSuffix(" mm")
        spin.setValue(value)
        return spin

    def _default_folder(self) -> Path:
        from .document_screen import default_output

        paths = [Path(i.document_path) for i in self.items if i.document_path is not None]
        return default_output(paths[0], self.station.home.root).parent if paths else Path.home()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the stamped files"), self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    # -- checking, before any secret -------------------------------------------------------

    def placement(self) -> Placement:
        return Placement(self.page_spin.value(), (self.x_spin.value(), self.y_spin.value()))

    def _placement_changed(self, *_args) -> None:
        if self.result is None:
            self.plan = None
            self.stamp_button.setEnabled(False)
            self._say(self.tr("The place changed: check again."))

    def check(self) -> None:
        """Plan every document (no secret): each row says whether it can be stamped, and why not."""
        if self.tasks.busy:
            return
        self._busy(True, self.tr("Checking each document (no password or PIN yet)…"))
        desk, user, placement = self.station.stamping(), self.user, self.placement()
        folder, items = self.folder_edit.text().strip() or None, self.items

        def work():
            documents = desk.batch_for_items(items, folder)
            return documents, desk.plan_batch(documents, placement=placement, user=user)

        self.tasks.run(work, self._checked, self._failed)

    def _checked(self, found) -> None:
        documents, plan = found
        self.plan = plan
        self._fill(documents, plan)
        ready = len(plan.ready)
        self._busy(False, self.tr("{ready} of {total} document(s) can be stamped.").format(ready=ready, total=plan.total)
                   if ready else self.tr("None of the documents can be stamped: see each row."))
        self.stamp_button.setEnabled(ready > 0)

    def _fill(self, documents, plan) -> None:
        self.table.setRowCount(len(documents))
        self._rows = {}
        refused = {str(o.document): o for o in plan.refused}
        for row, doc in enumerate(documents):
            self._rows[str(doc.document)] = row
            self._cell(row, _DOCUMENT, doc.document.name, str(doc.document))
            self._cell(row, _SEALS, self._seal_names(doc), ", ".join(doc.seals))
            outcome = refused.get(str(doc.document))
            if outcome is not None:
                self._cell(row, _STATE, self.tr("Cannot be stamped: {why}").format(why=error_text(outcome.error)))
            else:
                self._cell(row, _STATE, self.tr("Ready"))
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

    def _seal_names(self, doc) -> str:
        """The document's seals by kind (公章 …), as the queue names them."""
        from .queue_screen import seal_words

        item = next((i for i in self.items if i.request_id == doc.request_id), None)
        kinds = dict(zip(item.seals, item.seal_kinds or ())) if item is not None else {}
        return self.tr(", ").join(seal_words(kinds.get(seal, ""), seal) for seal in doc.seals)

    def _cell(self, row: int, column: int, text: str, tip: str = "") -> None:
        item = QTableWidgetItem(text)
        item.setToolTip(tip or text)
        self.table.setItem(row, column, item)

    # -- the secrets, once ------------------------------------------------------------------

    def stamp(self) -> None:
        if self.plan is None or not self.plan.ready or self.tasks.busy:
            return
        self._busy(True, self.tr("Reading the USB key…"))
        self.tasks.run(self.station.token_info, self._ask_secrets, lambda _exc: self._ask_secrets(None))

    def _ask_secrets(self, token) -> None:
        seals = sorted({seal for doc, _ in self.plan.ready for seal in doc.seals})
        self.pin_dialog = PinDialog(token, seals, self.user, self._verify_password, self)
        self.pin_dialog.what.setText(self.tr("{n} document(s), seal(s) {seals}: one password and one PIN for all.")
                                     .format(n=len(self.plan.ready), seals=", ".join(seals)))
        self.pin_dialog.confirmed.connect(self._secrets_given)
        self.pin_dialog.rejected.connect(self._secrets_refused)
        self._say(self.tr("Waiting for the password and the PIN…"))
        self.pin_dialog.open()

    def _verify_password(self, user: str, password: str) -> None:
        self.station.check_password(user, password)  # a wrong one is journalled and counted, as at the gate

    def _secrets_refused(self) -> None:
        self._end_secrets()
        self._busy(False, self.tr("Cancelled; nothing was stamped."))

    def _secrets_given(self) -> None:
        self._secrets = self.pin_dialog.secrets()
        self._run()

    def _run(self) -> None:
        user, password, pin = self._secrets
        plan, desk = self.plan, self.station.stamping()
        self.progress.setRange(0, plan.total)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self._busy(True, self.tr("Stamping {n} document(s)…").format(n=len(plan.ready)))
        self.tasks.run(lambda: desk.stamp_batch(plan, user=user, password=password, pin=pin,
                                                progress=self._progressed.emit),
                       self._done, self._run_failed)

    def _on_progress(self, event) -> None:
        row = self._rows.get(str(event.document))
        if row is None:
            return
        outcome = event.outcome
        if outcome is None:
            self._cell(row, _STATE, self.tr("Stamping…"))
            self.table.scrollToItem(self.table.item(row, _STATE))
            return
        if outcome.ok:
            self._cell(row, _STATE, self.tr("Stamped: {file}").format(file=outcome.results[-1].output.name),
                       str(outcome.results[-1].output))
        else:
            self._cell(row, _STATE, self.tr("Not stamped: {why}").format(why=error_text(outcome.error)))
        self.progress.setValue(event.index + 1)
        self.table.resizeRowToContents(row)

    def _done(self, result) -> None:
        self._end_secrets()
        self.result = result
        stamped, total = len(result.stamped), len(result.outcomes)
        self._busy(False, self.tr("{stamped} of {total} document(s) stamped.").format(stamped=stamped, total=total))
        self.stamp_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.finished_batch.emit(result)

    def _run_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PinIncorrectError) and not isinstance(exc, PinLockedError) and self.pin_dialog is not None:
            message = error_text(exc)
            self._say(message)
            self.tasks.run(self.station.token_info, lambda info: self.pin_dialog.pin_refused(message, info),
                           lambda _e: self.pin_dialog.pin_refused(message, None))
            return
        self._end_secrets()
        self._failed(exc)

    def _end_secrets(self) -> None:
        self._secrets = None
        if self.pin_dialog is not None:
            self.pin_dialog.clear_all()
            self.pin_dialog.hide()
            self.pin_dialog.deleteLater()
            self.pin_dialog = None

    # -- words ------------------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        self._busy(False, self.tr("Nothing more was stamped: {error}").format(error=error_text(exc)))

    def _busy(self, busy: bool, words: str) -> None:
        for widget in (self.check_button, self.stamp_button, self.page_spin, self.x_spin, self.y_spin,
                       self.folder_edit, self.browse_button):
            widget.setEnabled(not busy)
        self._say(words)

    def _say(self, words: str) -> None:
        self.status.setText(words)

    def reject(self) -> None:
        if self.tasks.busy:  # a running batch is never cut short here: each document finishes or fails whole
            self._say(self.tr("Wait: the batch is running; each document finishes or fails whole."))
            return
        self._end_secrets()
        super().reject()

