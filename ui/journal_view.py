"""The custodian's own journal: what they did, filtered by date, seal and kind.

Read with :meth:`StampingDesk.journal_lines` off the GUI thread (a date range is
found by binary search, never a scan of the whole journal). Times are shown in
the computer's own time zone; the dates chosen are local days.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from . import i18n
from .error_words import recorded_words, text as error_text
from .tasks import TaskRunner

__all__ = ["JournalView", "kind_words", "KINDS_SHOWN"]


KINDS_SHOWN = ("stamp_done", "stamp_started", "stamp_failed", "stamp_refused", "stamp_interrupted", "stamp_recovered",
               "pin_failed", "request_returned", "copy_reserved", "print_job", "print_refused", "copy_voided",
               "copy_recalled", "login", "login_failed", "password_changed", "backup_made")
"""The kinds offered in the kind filter, in this order (a custodian's usual actions)."""


def kind_words(kind: str) -> str:
    """A journal entry's kind in words (the kind itself when it has none)."""
    words = {
        "stamp_done": QCoreApplication.translate("JournalView", "Stamped"),
        "stamp_started": QCoreApplication.translate("JournalView", "Stamp started"),
        "stamp_failed": QCoreApplication.translate("JournalView", "Stamp failed"),
        "stamp_refused": QCoreApplication.translate("JournalView", "Stamp refused"),
        "stamp_interrupted": QCoreApplication.translate("JournalView", "Stamp interrupted, undone"),
        "stamp_recovered": QCoreApplication.translate("JournalView", "Stamp recovered"),
        "pin_failed": QCoreApplication.translate("JournalView", "Wrong PIN"),
        "request_returned": QCoreApplication.translate("JournalView", "Returned (退签)"),
        "copy_reserved": QCoreApplication.translate("JournalView", "Copy reserved"),
        "print_job": QCoreApplication.translate("JournalView", "Copy printed"),
        "print_refused": QCoreApplication.translate("JournalView", "Print refused"),
        "copy_voided": QCoreApplication.translate("JournalView", "Copy voided"),
        "copy_recalled": QCoreApplication.translate("JournalView", "Copies recalled (收回)"),
        "login": QCoreApplication.translate("JournalView", "Logged in"),
        "login_failed": QCoreApplication.translate("JournalView", "Login failed"),
        "password_changed": QCoreApplication.translate("JournalView", "Password changed"),
        "backup_made": QCoreApplication.translate("JournalView", "Backup made"),
        "oa_import_refused": QCoreApplication.translate("JournalView", "OA import refused"),
        "approval_granted": QCoreApplication.translate("JournalView", "Approval granted"),
        "request_received": QCoreApplication.translate("JournalView", "Request received"),
    }
    return words.get(kind, kind)


def _local_day_start(date: QDate) -> dt.datetime:
    return dt.datetime(date.year(), date.month(), date.day()).astimezone()


class JournalView(QWidget):
    """One person's journal lines between two local dates, of one seal and one kind if chosen."""

    loaded = Signal(int)
    """The lines were shown, this many."""

    def __init__(self, station, parent: QWidget | None = None, *, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.user: str | None = None
        self.lines: tuple = ()
        self.tasks = tasks or TaskRunner(self)
        self._generation = 0
        self._build()

    def _build(self) -> None:
        self.setObjectName("journalView")
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today)
        self.from_edit.setObjectName("journalFrom")
        self.to_edit = QDateEdit(today)
        self.to_edit.setObjectName("journalTo")
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.seal_box = QComboBox()
        self.seal_box.setObjectName("journalSeal")
        self.seal_box.addItem("", None)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("journalKind")
        self.kind_box.addItem("", None)
        for kind in KINDS_SHOWN:
            self.kind_box.addItem("", kind)
        self.show_button = QPushButton()
        self.show_button.setObjectName("journalShow")

        self.model = QStandardItemModel(0, 6, self)
        self.table = QTableView()
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("journalStatus")

        top = QHBoxLayout()
        self.labels = []
        for widget in (self.from_edit, self.to_edit, self.seal_box, self.kind_box):
            label = QLabel()
            label.setBuddy(widget)
            self.labels.append(label)
            top.addWidget(label)
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        self.show_button.clicked.connect(self.reload)
        for box in (self.seal_box, self.kind_box):
            box.currentIndexChanged.connect(self.reload)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.reload)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every word of the view in the window's language; the lines shown are worded again, not read again."""
        self.from_edit.setAccessibleName(self.tr("From date"))
        self.to_edit.setAccessibleName(self.tr("To date (included)"))
        self.seal_box.setAccessibleName(self.tr("Seal"))
        self.seal_box.setItemText(0, self.tr("All seals"))
        self.kind_box.setAccessibleName(self.tr("Kind of action"))
        self.kind_box.setItemText(0, self.tr("All actions"))
        for n, kind in enumerate(KINDS_SHOWN, start=1):
            self.kind_box.setItemText(n, kind_words(kind))
        for label, text in zip(self.labels, (self.tr("From"), self.tr("to"), self.tr("Seal"), self.tr("Kind"))):
            label.setText(text)
        self.show_button.setText(self.tr("&Show"))
        self.model.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Action"), self.tr("Seal"), self.tr("Request"),
                                              self.tr("Document"), self.tr("Details")])
        self.table.setAccessibleName(self.tr("Your journal entries"))
        for row, line in enumerate(self.lines):
            self._word_row(row, line)
        i18n.reword(self.status_label)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_seals(self, seal_ids) -> None:
        """The seals offered in the seal filter (the person's own, e.g. from :meth:`StampingDesk.seals_usable_today`)."""
        current = self.seal_box.currentData()
        self.seal_box.blockSignals(True)
        while self.seal_box.count() > 1:
            self.seal_box.removeItem(1)
        for seal_id in seal_ids:
            self.seal_box.addItem(seal_id, seal_id)
        self.seal_box.setCurrentIndex(max(0, self.seal_box.findData(current)))
        self.seal_box.blockSignals(False)

    def load(self, user: str) -> None:
        """Show ``user``'s own entries for the dates, seal and kind chosen (read in the background)."""
        self.user = user
        self.reload()

    def reload(self, *_args) -> None:
        if not self.user:
            return
        self._generation += 1
        generation, user, station = self._generation, self.user, self.station
        since = _local_day_start(self.from_edit.date())
        until = _local_day_start(self.to_edit.date().addDays(1))
        seal, kind = self.seal_box.currentData(), self.kind_box.currentData()
        i18n.say(self.status_label, lambda: self.tr("Reading the journal…"))
        self.tasks.run(lambda: station.stamping().journal_lines(user, since=since, until=until, seal=seal, kind=kind),
                       lambda lines: self._loaded(generation, lines), lambda exc: self._failed(generation, exc))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            i18n.say(self.status_label,
                     lambda: self.tr("The journal cannot be read: {error}").format(error=error_text(exc)))

    def _word_row(self, row: int, line) -> None:
        """The words of row ``row`` (its action, and what a screen reader says of it) in the window's language."""
        action = kind_words(line.kind)
        self.model.item(row, 1).setText(action)
        spoken = self.tr("Entry {seq}: {time}, {action}").format(seq=line.seq, time=self.model.item(row, 0).text(),
                                                                 action=action)
        for column in range(self.model.columnCount()):
            self.model.item(row, column).setData(spoken, Qt.AccessibleTextRole)

    def _loaded(self, generation: int, lines) -> None:
        if generation != self._generation:
            return
        self.lines = tuple(lines)
        self.model.removeRows(0, self.model.rowCount())
        for line in self.lines:
            detail = recorded_words(line.data) or line.detail or ""  # an error in the window's words, if it can
            texts = [line.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"), "", ", ".join(line.seals),
                     line.request or "", line.document or "", detail]
            cells = [QStandardItem(text) for text in texts]
            for cell in cells:
                cell.setData(line, Qt.UserRole + 1)
            cells[5].setToolTip(detail)
            self.model.appendRow(cells)
            self._word_row(self.model.rowCount() - 1, line)
        n = len(self.lines)
        i18n.say(self.status_label, lambda: self.tr("{n} entries.").format(n=n))
        self.loaded.emit(len(self.lines))
