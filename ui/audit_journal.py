"""The auditor's journal: every entry, filtered by month, seal, user, kind and request; an entry's details and its
request's whole story; the chain verified and compared with the USB key's checkpoint; the entries shown exported.

Everything is read through the auditor's desk (:class:`sealstation.desks.audit.AuditDesk`), which checks the
person's role on every call, a page at a time (:mod:`ui.journal_pages`): a journal of a million entries opens on
its first page. Months are the computer's own (local) months; times are shown in its time zone.
"""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QSplitter, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from sealstation.desks.audit import JournalFilter, ShownEntry

from . import i18n
from .error_words import text as error_text
from .journal_pages import ENTRY_ROLE, JournalPageModel, local_time
from .journal_view import kind_words as custodian_kind_words
from .office_words import level_name, roles_text
from .tasks import TaskRunner

__all__ = ["AuditJournalScreen", "entry_kind_words", "field_words"]


def entry_kind_words(kind: str) -> str:
    """Any journal entry's kind in words (the custodian's view words its own kinds; these are the others)."""
    words = {
        "account_locked": QCoreApplication.translate("AuditJournal", "Account locked"),
        "user_changed": QCoreApplication.translate("AuditJournal", "User changed"),
        "approval_refused": QCoreApplication.translate("AuditJournal", "Approval refused"),
        "seal_lifecycle": QCoreApplication.translate("AuditJournal", "Seal register changed"),
        "delegation_started": QCoreApplication.translate("AuditJournal", "Delegation (代管) started"),
        "delegation_ended": QCoreApplication.translate("AuditJournal", "Delegation (代管) ended"),
        "handover": QCoreApplication.translate("AuditJournal", "Handover (交接)"),
        "config_changed": QCoreApplication.translate("AuditJournal", "Settings changed"),
        "policy_signed": QCoreApplication.translate("AuditJournal", "Policy signed"),
        "station_upgraded": QCoreApplication.translate("AuditJournal", "Station records signed"),
        "export": QCoreApplication.translate("AuditJournal", "Journal exported"),
        "report_exported": QCoreApplication.translate("AuditJournal", "Monthly report exported"),
        "permissions_repaired": QCoreApplication.translate("AuditJournal", "File permissions repaired"),
        "schema_migrated": QCoreApplication.translate("AuditJournal", "Station database upgraded (new version)"),
        "sync": QCoreApplication.translate("AuditJournal", "Archive sync"),
        "journal_tamper_detected": QCoreApplication.translate("AuditJournal", "Journal break found, stamping stopped"),
        "journal_reviewed": QCoreApplication.translate("AuditJournal", "Journal reviewed by the office"),
        "station_key_issued": QCoreApplication.translate("AuditJournal", "Station key issued"),
        "checkpoint_started": QCoreApplication.translate("AuditJournal", "Checkpoint started on the USB key"),
        "print_allowance": QCoreApplication.translate("AuditJournal", "More copies allowed (加印)"),
        "backup_key_set": QCoreApplication.translate("AuditJournal", "Backup key installed"),
        "backup_refused": QCoreApplication.translate("AuditJournal", "Backup refused"),
        "backup_restored": QCoreApplication.translate("AuditJournal", "Station restored from a backup"),
    }
    return words.get(kind) or custodian_kind_words(kind)


def field_words(key: str) -> str:
    """An entry's data field in words (the field's own name when it has none)."""
    words = {
        "request": QCoreApplication.translate("AuditJournal", "Request"),
        "document": QCoreApplication.translate("AuditJournal", "Document"),
        "file": QCoreApplication.translate("AuditJournal", "File"),
        "sha256": QCoreApplication.translate("AuditJournal", "Document SHA-256"),
        "sha256_before": QCoreApplication.translate("AuditJournal", "SHA-256 before stamping"),
        "sha256_after": QCoreApplication.translate("AuditJournal", "SHA-256 after stamping"),
        "seal": QCoreApplication.translate("AuditJournal", "Seal"),
        "seals": QCoreApplication.translate("AuditJournal", "Seals"),
        "purpose": QCoreApplication.translate("AuditJournal", "Purpose"),
        "copies": QCoreApplication.translate("AuditJournal", "Copies"),
        "reason": QCoreApplication.translate("AuditJournal", "Reason"),
        "why": QCoreApplication.translate("AuditJournal", "Why"),
        "status": QCoreApplication.translate("AuditJournal", "Outcome"),
        "serial": QCoreApplication.translate("AuditJournal", "Copy serial"),
        "serials": QCoreApplication.translate("AuditJournal", "Copy serials"),
        "output": QCoreApplication.translate("AuditJournal", "Output file"),
        "page": QCoreApplication.translate("AuditJournal", "Page"),
        "center_mm": QCoreApplication.translate("AuditJournal", "Position (mm)"),
        "attempt": QCoreApplication.translate("AuditJournal", "Attempt (entry No.)"),
        "source": QCoreApplication.translate("AuditJournal", "Source"),
        "supersedes": QCoreApplication.translate("AuditJournal", "Supersedes request"),
        "allowance": QCoreApplication.translate("AuditJournal", "Allowance"),
        "slot": QCoreApplication.translate("AuditJournal", "Copy number"),
        "printer": QCoreApplication.translate("AuditJournal", "Printer"),
        "action": QCoreApplication.translate("AuditJournal", "Action"),
        "note": QCoreApplication.translate("AuditJournal", "Note"),
        "entries": QCoreApplication.translate("AuditJournal", "Entries"),
        "format": QCoreApplication.translate("AuditJournal", "Format"),
        "approval_key": QCoreApplication.translate("AuditJournal", "Approval key"),
        "approver_level": QCoreApplication.translate("AuditJournal", "Approver level"),
        "change": QCoreApplication.translate("AuditJournal", "Change"),
        "roles": QCoreApplication.translate("AuditJournal", "Roles"),
        "user": QCoreApplication.translate("AuditJournal", "User concerned"),
        "username": QCoreApplication.translate("AuditJournal", "User concerned"),
        "version": QCoreApplication.translate("AuditJournal", "Version"),
        "custodian": QCoreApplication.translate("AuditJournal", "Custodian"),
        "previous_custodian": QCoreApplication.translate("AuditJournal", "Previous custodian"),
        "certificate_sha256": QCoreApplication.translate("AuditJournal", "Certificate SHA-256"),
        "recipient": QCoreApplication.translate("AuditJournal", "Backup key"),
        "new_identity": QCoreApplication.translate("AuditJournal", "New backup key"),
        "identity_protected": QCoreApplication.translate("AuditJournal", "Backup key protected by a passphrase"),
        "reset": QCoreApplication.translate("AuditJournal", "Reset by the office"),
        "delegate": QCoreApplication.translate("AuditJournal", "Delegate (代管人)"),
        "starts": QCoreApplication.translate("AuditJournal", "Starts"),
        "ends": QCoreApplication.translate("AuditJournal", "Ends"),
        "approved_by": QCoreApplication.translate("AuditJournal", "Approved by"),
        "station": QCoreApplication.translate("AuditJournal", "Station"),
        "stations": QCoreApplication.translate("AuditJournal", "Stations"),
        "month": QCoreApplication.translate("AuditJournal", "Month"),
        "stamps": QCoreApplication.translate("AuditJournal", "Stamps"),
        "findings": QCoreApplication.translate("AuditJournal", "Findings"),
        "from": QCoreApplication.translate("AuditJournal", "From"),
        "to": QCoreApplication.translate("AuditJournal", "To"),
        "filter": QCoreApplication.translate("AuditJournal", "Filter"),
        "stop": QCoreApplication.translate("AuditJournal", "Stop number"),
        "problems": QCoreApplication.translate("AuditJournal", "Problems found"),
        "review": QCoreApplication.translate("AuditJournal", "Review"),
        "signature": QCoreApplication.translate("AuditJournal", "Signature"),
        "field": QCoreApplication.translate("AuditJournal", "Signature field"),
        "authority": QCoreApplication.translate("AuditJournal", "Signed records judged by"),
        "kind": QCoreApplication.translate("AuditJournal", "Kind"),
        "id": QCoreApplication.translate("AuditJournal", "Identifier"),
        "printed_at": QCoreApplication.translate("AuditJournal", "Printed at"),
        "job": QCoreApplication.translate("AuditJournal", "Print job"),
        "destination": QCoreApplication.translate("AuditJournal", "Destination"),
        "of": QCoreApplication.translate("AuditJournal", "Of"),
        "archive": QCoreApplication.translate("AuditJournal", "Archive"),
    }
    return words.get(key, key)


def _change_words(change: str) -> str:
    words = {
        "added": QCoreApplication.translate("AuditJournal", "user added"),
        "roles changed": QCoreApplication.translate("AuditJournal", "roles changed"),
        "locked": QCoreApplication.translate("AuditJournal", "account locked"),
        "unlocked": QCoreApplication.translate("AuditJournal", "account unlocked"),
        "records signed by the office": QCoreApplication.translate("AuditJournal", "user records signed by the office"),
        "partner seal authority trusted": QCoreApplication.translate("AuditJournal", "partner seal authority trusted"),
        "office archive": QCoreApplication.translate("AuditJournal", "office archive set"),
    }
    return words.get(change, change)


def _value_text(value, key: str | None = None) -> str:
    """A field's value as the auditor reads it: roles, levels and changes in words, not the codes stored."""
    if key == "roles" and isinstance(value, (list, tuple)):
        return roles_text(value)
    if key == "approver_level" and isinstance(value, str):
        return level_name(value)
    if key == "change" and isinstance(value, str):
        return _change_words(value)
    if value is None:
        return "—"
    if isinstance(value, bool):
        return (QCoreApplication.translate("AuditJournal", "yes") if value
                else QCoreApplication.translate("AuditJournal", "no"))
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def month_start(year: int, month: int) -> dt.datetime:
    """The first instant of a local month, aware."""
    return dt.datetime(year, month, 1).astimezone()


def months_between(first: dt.datetime, last: dt.datetime) -> list[tuple[int, int]]:
    """(year, month) of every local month from ``last`` back to ``first``, newest first."""
    first, last = first.astimezone(), last.astimezone()
    months, year, month = [], last.year, last.month
    while (year, month) >= (first.year, first.month):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


class AuditJournalScreen(QWidget):
    """The whole journal, a page at a time, for the office and the auditors."""

    shown = Signal(int)
    """The first page of a filter was shown (its size)."""
    counted = Signal(int)
    """The filter's entries were counted."""
    verified = Signal(object)
    """The chain was verified (the JournalVerifyResult)."""
    compared = Signal(object)
    """The journal was compared with the USB key (the Comparison)."""
    story_shown = Signal(int)

    def __init__(self, station, tasks: TaskRunner, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.desk = station.audit()
        self.tasks = tasks
        self.user = user
        self._count_generation = 0
        self._story_generation = 0
        self._first_page_pending = False
        self.selected: ShownEntry | None = None
        self.story: tuple[ShownEntry, ...] = ()
        self.pin_dialog = None
        self.export_dialog = None
        desk, person = self.desk, user
        self.model = JournalPageModel(lambda flt, after, limit: desk.page(person, flt, after=after, limit=limit),
                                      entry_kind_words, tasks, self)
        self._build()
        self._load_choices()

    # -- building --------------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.setObjectName("auditJournal")
        self.title = QLabel()
        self.title.setObjectName("auditTitle")
        self.title.setStyleSheet("font-size: 16px; font-weight: bold")
        self.month_box = self._combo("auditMonth")
        self.seal_box = self._combo("auditSeal")
        self.user_box = self._combo("auditUser")
        self.kind_box = self._combo("auditKind")
        self.request_edit = QLineEdit()
        self.request_edit.setObjectName("auditRequest")
        self.request_edit.setClearButtonEnabled(True)
        self.request_edit.returnPressed.connect(self.apply_filter)
        self.newest_box = QCheckBox()
        self.newest_box.setObjectName("auditNewestFirst")
        self.newest_box.toggled.connect(self.apply_filter)
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("auditClear")
        self.clear_button.clicked.connect(self.clear_filters)

        filters = QHBoxLayout()
        self.labels = []
        for widget in (self.month_box, self.seal_box, self.user_box, self.kind_box, self.request_edit):
            label = QLabel()
            label.setBuddy(widget)
            self.labels.append(label)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if widget is self.request_edit else 0)
        filters.addWidget(self.newest_box)
        filters.addWidget(self.clear_button)

        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights and column widths: nothing is measured over the rows as pages arrive.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in enumerate((6, 16, 8, 17, 9, 14, 16)):
            self.table.setColumnWidth(column, width * em)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.table.verticalScrollBar().valueChanged.connect(self._read_ahead)

        self.details = QTableWidget(0, 2)
        self.details.setObjectName("auditDetails")
        self._read_only(self.details)
        self.details.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.story_title = QLabel()
        self.story_title.setObjectName("auditStoryTitle")
        self.story_title.setWordWrap(True)
        self.story_table = QTableWidget(0, 4)
        self.story_table.setObjectName("auditStory")
        self._read_only(self.story_table)
        self.story_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.story_table.cellDoubleClicked.connect(self._story_chosen)
        self.story_table.itemActivated.connect(lambda item: self._story_chosen(item.row(), 0))
        self.story_filter_button = QPushButton()
        self.story_filter_button.setObjectName("auditStoryFilter")
        self.story_filter_button.clicked.connect(self._filter_by_story)
        self.story_filter_button.setEnabled(False)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.details_title = QLabel()
        self.details_title.setObjectName("auditDetailsTitle")
        side_layout.addWidget(self.details_title)
        side_layout.addWidget(self.details, 3)
        story_head = QHBoxLayout()
        story_head.addWidget(self.story_title, 1)
        story_head.addWidget(self.story_filter_button)
        side_layout.addLayout(story_head)
        side_layout.addWidget(self.story_table, 2)

        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.verify_button = QPushButton()
        self.verify_button.setObjectName("auditVerify")
        self.verify_button.clicked.connect(self.verify_chain)
        self.compare_button = QPushButton()
        self.compare_button.setObjectName("auditCompare")
        self.compare_button.clicked.connect(self.compare_with_token)
        self.export_button = QPushButton()
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self.open_export)
        self.check_label = QLabel()
        self.check_label.setObjectName("auditCheck")
        self.check_label.setWordWrap(True)
        self.check_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.status_label = QLabel()
        self.status_label.setObjectName("auditStatus")

        actions = QHBoxLayout()
        actions.addWidget(self.verify_button)
        actions.addWidget(self.compare_button)
        actions.addWidget(self.check_label, 1)
        actions.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status_label)

        self.model.page_loaded.connect(self._page_loaded)
        self.model.failed.connect(self._read_failed)
        self.retranslate_ui()

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        box.addItem("", None)
        box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        box.currentIndexChanged.connect(self.apply_filter)
        return box

    @staticmethod
    def _read_only(table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.setWordWrap(True)

    def retranslate_ui(self) -> None:
        """Every word of the screen in the window's language; what was read is worded again, not read again."""
        self.title.setText(self.tr("Journal (用印记录): every entry"))
        for label, text in zip(self.labels, (self.tr("&Month"), self.tr("S&eal"), self.tr("&User"), self.tr("&Kind"),
                                             self.tr("&Request"))):
            label.setText(text)
        self.month_box.setAccessibleName(self.tr("Month"))
        self.month_box.setItemText(0, self.tr("All months"))
        self.seal_box.setAccessibleName(self.tr("Seal"))
        self.seal_box.setItemText(0, self.tr("All seals"))
        self.user_box.setAccessibleName(self.tr("User"))
        self.user_box.setItemText(0, self.tr("All users"))
        self.kind_box.setAccessibleName(self.tr("Kind of entry"))
        self.kind_box.setItemText(0, self.tr("All kinds"))
        for n in range(1, self.kind_box.count()):
            self.kind_box.setItemText(n, entry_kind_words(self.kind_box.itemData(n)))
        self.request_edit.setAccessibleName(self.tr("Request number"))
        self.request_edit.setPlaceholderText(self.tr("Request number, then Enter"))
        self.newest_box.setText(self.tr("&Newest first"))
        self.clear_button.setText(self.tr("&Clear filters"))
        self.table.setAccessibleName(self.tr("Journal entries"))
        self.details_title.setText(self.tr("The entry"))
        self.details.setAccessibleName(self.tr("The entry's fields"))
        self.details.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.story_table.setAccessibleName(self.tr("The request's story"))
        self.story_table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Time"), self.tr("Action"),
                                                    self.tr("User")])
        self.story_filter_button.setText(self.tr("Show only this &story"))
        self.verify_button.setText(self.tr("Verif&y the chain"))
        self.compare_button.setText(self.tr("Compare &with the USB key…"))
        self.export_button.setText(self.tr("E&xport…"))
        self.model.retranslate()
        self._show_details(self.selected)
        self._show_story(self.story)
        i18n.reword(self.status_label)
        i18n.reword(self.check_label)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the choices offered ---------------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        """Months, seals, users and kinds (a few indexed lookups, in the background), then the first page."""
        desk, user = self.desk, self.user
        i18n.say(self.status_label, lambda: self.tr("Reading the journal…"))
        self.tasks.run(lambda: (desk.journal_span(user), desk.journal_seals(user), desk.journal_people(user),
                                desk.journal_kinds(user)), self._choices_loaded, self._read_failed, read=True)

    def _choices_loaded(self, found) -> None:
        span, seals, people, kinds = found
        boxes = (self.month_box, self.seal_box, self.user_box, self.kind_box)
        for box in boxes:
            box.blockSignals(True)
        if span.first_at and span.last_at:
            for year, month in months_between(dt.datetime.fromisoformat(span.first_at),
                                              dt.datetime.fromisoformat(span.last_at)):
                self.month_box.addItem(f"{year:04d}-{month:02d}", f"{year:04d}-{month:02d}")
        for seal, name in seals:  # the name as engraved, the id as the journal writes it
            self.seal_box.addItem(self.tr("{name} ({id})").format(name=name, id=seal) if name else seal, seal)
        for person, name in people:
            self.user_box.addItem(self.tr("{name} ({id})").format(name=name, id=person) if name else person, person)
        for kind in sorted(kinds, key=entry_kind_words):
            self.kind_box.addItem(entry_kind_words(kind), kind)
        # The latest month first: what an audit usually starts from, and a month opens as fast as any page.
        self.month_box.setCurrentIndex(1 if self.month_box.count() > 1 else 0)
        for box in boxes:
            box.blockSignals(False)
        self.apply_filter()

    # -- the filter ------------------------------------------------------------------------------------------------

    def current_filter(self) -> JournalFilter:
        since = until = None
        month = self.month_box.currentData()
        if month:
            year, m = (int(part) for part in month.split("-"))
            since = month_start(year, m).astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
            nxt = (year + 1, 1) if m == 12 else (year, m + 1)
            until = month_start(*nxt).astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
        return JournalFilter(since=since, until=until, kind=self.kind_box.currentData(),
                             actor=self.user_box.currentData(), seal=self.seal_box.currentData(),
                             request=self.request_edit.text().strip() or None,
                             newest_first=self.newest_box.isChecked())

    def apply_filter(self, *_args) -> None:
        """Show the entries the filter chosen shows, from the first; count them in the background."""
        flt = self.current_filter()
        self._first_page_pending = True
        i18n.say(self.status_label, lambda: self.tr("Reading the journal…"))
        self.model.set_filter(flt)
        self._count_generation += 1
        self.total = None  # the last filter's count says nothing of this one (the count is a read: nothing waits on it)
        generation, desk, user = self._count_generation, self.desk, self.user
        wanted = lambda: generation == self._count_generation  # noqa: E731 - read between slices, off the GUI thread
        self.tasks.run(lambda: desk.count(user, flt, wanted=wanted), lambda n: self._counted(generation, n),
                       lambda exc: self._read_failed(exc), read=True)

    def clear_filters(self) -> None:
        for box in (self.month_box, self.seal_box, self.user_box, self.kind_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.request_edit.clear()
        self.apply_filter()

    def set_request(self, request_id: str) -> None:
        """Show only ``request_id``'s whole story (every month, seal, user and kind)."""
        for box in (self.month_box, self.seal_box, self.user_box, self.kind_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.request_edit.setText(request_id)
        self.apply_filter()

    def _read_ahead(self, value: int) -> None:
        """Within a few screens of the end of what is loaded, the next page is asked for already: it has arrived
        by the time the person gets there (Qt's view asks only at the very end)."""
        bar = self.table.verticalScrollBar()
        if value >= bar.maximum() - 3 * max(bar.pageStep(), 1) and self.model.canFetchMore():
            self.model.fetchMore()

    def _page_loaded(self, n: int) -> None:
        if self._first_page_pending:
            self._first_page_pending = False
            if self.model.rowCount() and self.table.currentIndex().row() < 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(0, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
            elif not self.model.rowCount():
                self._show_details(None)
                self._show_story(())
            self.shown.emit(n)
        self._say_status()

    def _counted(self, generation: int, n: int) -> None:
        if generation != self._count_generation or n is None:
            return
        self.total = n
        self._say_status()
        self.counted.emit(n)

    def _say_status(self) -> None:
        loaded, total = self.model.rowCount(), getattr(self, "total", None)
        if self._count_generation and total is not None and not self.model.loading:
            if total == 0:
                i18n.say(self.status_label, lambda: self.tr("No entry matches the filter."))
            elif total == 1 and self.model.exhausted:
                i18n.say(self.status_label, lambda: self.tr("One entry matches the filter."))
            elif self.model.exhausted:
                i18n.say(self.status_label, lambda: self.tr("{total} entries match, all shown.").format(
                    total=f"{total:,}"))
            else:
                i18n.say(self.status_label, lambda: self.tr("{total} entries match; {loaded} read so far (scroll "
                                                            "for more).").format(total=f"{total:,}",
                                                                                 loaded=f"{loaded:,}"))
        else:
            i18n.say(self.status_label, lambda: self.tr("{loaded} entries read; counting…").format(
                loaded=f"{loaded:,}"))

    def _read_failed(self, exc: BaseException) -> None:
        i18n.say(self.status_label, lambda: self.tr("The journal cannot be read: {error}").format(
            error=error_text(exc)))

    # -- one entry and its story -----------------------------------------------------------------------------------

    def _row_chosen(self, current, _previous) -> None:
        entry = self.model.entry(current.row()) if current.isValid() else None
        self._show_details(entry)
        self._load_story(entry)

    def _show_details(self, entry: ShownEntry | None) -> None:
        self.selected = entry
        rows = []
        if entry is not None:
            rows = [(self.tr("Entry No."), str(entry.seq)),
                    (self.tr("Time"), local_time(entry.at)),
                    (self.tr("Time (UTC, as chained)"), entry.at),
                    (self.tr("User"), entry.actor or self.tr("(the station)")),
                    (self.tr("Action"), entry_kind_words(entry.kind)),
                    (self.tr("Kind (as stored)"), entry.kind),
                    (self.tr("Its hash"), self.tr("matches its content") if entry.intact
                     else self.tr("DOES NOT MATCH: the entry was changed after it was written"))]
            rows += [(field_words(key), _value_text(value, key)) for key, value in sorted(entry.data.items())]
            rows += [(self.tr("Previous entry's hash"), entry.prev_hash), (self.tr("Hash"), entry.hash)]
        self.details.setRowCount(len(rows))
        for row, (name, value) in enumerate(rows):
            for column, text in enumerate((name, value)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.details.setItem(row, column, item)

    def _load_story(self, entry: ShownEntry | None) -> None:
        self._story_generation += 1
        if entry is None or not (entry.request or "attempt" in entry.data):
            self._show_story(())
            return
        generation, desk, user = self._story_generation, self.desk, self.user
        self.tasks.run(lambda: desk.story_of(user, entry), lambda found: self._story_loaded(generation, found),
                       self._read_failed, read=True)

    def _story_loaded(self, generation: int, found) -> None:
        if generation == self._story_generation:
            self._show_story(tuple(found))
            self.story_shown.emit(len(found))

    def _show_story(self, story: tuple[ShownEntry, ...]) -> None:
        self.story = story
        request = story[0].request if story else None
        for e in story:
            request = request or e.request
        if story:
            self.story_title.setText(self.tr("Request {request}: its whole story, {n} entries (double-click one to "
                                             "see it)").format(request=request or "", n=len(story)))
        elif self.selected is not None:
            self.story_title.setText(self.tr("This entry belongs to no request."))
        else:
            self.story_title.setText(self.tr("The request's story"))
        self.story_filter_button.setEnabled(bool(story))
        self.story_table.setRowCount(len(story))
        for row, e in enumerate(story):
            texts = (str(e.seq) if e.intact else f"{e.seq} ⚠", local_time(e.at), entry_kind_words(e.kind),
                     e.actor or "")
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(ENTRY_ROLE, e)
                if self.selected is not None and e.seq == self.selected.seq:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.story_table.setItem(row, column, item)

    def _story_chosen(self, row: int, _column: int) -> None:
        """An entry of the story: shown in the details (and chosen in the table if it is loaded there)."""
        item = self.story_table.item(row, 0)
        entry = item.data(ENTRY_ROLE) if item is not None else None
        if entry is None:
            return
        at = self.model.row_of(entry.seq)
        if at >= 0:
            self.table.selectionModel().setCurrentIndex(self.model.index(at, 0),
                                                        QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
            self.table.scrollTo(self.model.index(at, 0))
        else:
            story = self.story
            self._show_details(entry)
            self._show_story(story)

    def _filter_by_story(self) -> None:
        if self.story:
            self.set_request(next(e.request for e in self.story if e.request))

    # -- checks ----------------------------------------------------------------------------------------------------

    def verify_chain(self) -> None:
        """Check every entry and link in the background (a million entries: seconds)."""
        self.verify_button.setEnabled(False)
        i18n.say(self.check_label, lambda: self.tr("Verifying the chain…"))
        desk, user = self.desk, self.user
        self.tasks.run(lambda: desk.verify_chain(user), self._verified, self._check_failed)

    def _verified(self, result) -> None:
        self.verify_button.setEnabled(True)
        if result.ok:
            n = result.entries_checked
            i18n.say(self.check_label, lambda: self.tr("The chain holds: all {n} entries and their links are as "
                                                       "written.").format(n=f"{n:,}"))
            self.check_label.setStyleSheet("color: #1b5e20; font-weight: bold")
        else:
            n, first = len(result.problems), result.problems[0]
            i18n.say(self.check_label, lambda: self.tr("The chain is broken: {n} problems, the first at entry {seq} "
                                                       "({what}). Stamping is stopped until the office reviews "
                                                       "it.").format(n=n, seq=first.seq,
                                                                     what=problem_words(first.what)))
            self.check_label.setStyleSheet("color: #b00020; font-weight: bold")
        self.verified.emit(result)

    def _check_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.compare_button.setEnabled(True)
        self.check_label.setStyleSheet("color: #b00020; font-weight: bold")
        i18n.say(self.check_label, lambda: self.tr("The check could not be made: {error}").format(
            error=error_text(exc)))

    def compare_with_token(self) -> None:
        """Ask the password and the USB key's PIN (the PIN dialog), then compare in the background."""
        self.compare_button.setEnabled(False)
        i18n.say(self.check_label, lambda: self.tr("Reading the USB key…"))
        station = self.station
        self.tasks.run(station.token_info, self._ask_pin, self._ask_pin_unread)

    def _ask_pin_unread(self, _exc: BaseException) -> None:
        self._ask_pin(None)

    def _ask_pin(self, token) -> None:
        from .pin_dialog import PinDialog

        self.compare_button.setEnabled(True)
        self.check_label.clear()
        dialog = PinDialog(token, [], self.user, self.station.check_password, self)
        dialog.setObjectName("auditPinDialog")
        dialog.setWindowTitle(self.tr("Compare with the USB key"))
        dialog.what.setText(self.tr("The journal is compared with the checkpoint on the station's USB key. Nothing "
                                    "is signed or changed."))
        dialog.ok_button.setText(self.tr("Compare"))
        dialog.confirmed.connect(self._pin_given)
        dialog.rejected.connect(dialog.clear_all)
        self.pin_dialog = dialog
        dialog.open()

    def _pin_given(self) -> None:
        dialog = self.pin_dialog
        user, password, pin = dialog.secrets()
        dialog.clear_all()
        self.compare_button.setEnabled(False)
        i18n.say(self.check_label, lambda: self.tr("Comparing with the USB key…"))
        desk = self.desk
        self.tasks.run(lambda: desk.check_against_token(user, password, pin), self._compared, self._check_failed)

    def _compared(self, result) -> None:
        self.compare_button.setEnabled(True)
        state = str(getattr(result.state, "value", result.state))
        if state == "agrees":
            seq = result.head[0] if result.head else 0
            i18n.say(self.check_label, lambda: self.tr("The journal agrees with the checkpoint on the USB key (up to "
                                                       "entry {seq}).").format(seq=seq))
            self.check_label.setStyleSheet("color: #1b5e20; font-weight: bold")
        elif state == "no checkpoint":
            i18n.say(self.check_label, lambda: self.tr("The USB key holds no checkpoint of this station yet (nothing "
                                                       "was stamped with it): there is nothing to compare."))
            self.check_label.setStyleSheet("")
        else:
            i18n.say(self.check_label, lambda: self.tr("The journal does not agree with the USB key: {what}. Stamping "
                                                       "is stopped until the office reviews it.").format(
                what=comparison_words(state)))
            self.check_label.setToolTip(result.reason)
            self.check_label.setStyleSheet("color: #b00020; font-weight: bold")
        self.compared.emit(result)

    # -- export ----------------------------------------------------------------------------------------------------

    def open_export(self) -> None:
        from .audit_export_dialog import AuditExportDialog

        self.export_dialog = AuditExportDialog(self.desk, self.user, self.current_filter(),
                                               getattr(self, "total", None), self.tasks, self)
        self.export_dialog.exported.connect(self._exported)
        self.export_dialog.open()

    def _exported(self, n: int, path: str) -> None:
        i18n.say(self.status_label, lambda: self.tr("{n} entries exported to {file}.").format(n=f"{n:,}", file=path))

    # -- the shell -------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Shown again: entries were added meanwhile, the filter is read again from its start."""
        if self.month_box.count() > 1:
            self.apply_filter()

    def shut_down(self) -> None:
        for dialog in (self.pin_dialog, self.export_dialog):
            if dialog is not None:
                dialog.clear_all() if hasattr(dialog, "clear_all") else None
                dialog.close()


def problem_words(what: str) -> str:
    """A chain problem (:class:`~sealstation.journal.journal.JournalProblem` ``what``) in words."""
    words = {
        "changed": QCoreApplication.translate("AuditJournal", "changed after it was written"),
        "removed": QCoreApplication.translate("AuditJournal", "entries removed"),
        "inserted": QCoreApplication.translate("AuditJournal", "an entry inserted"),
        "reordered": QCoreApplication.translate("AuditJournal", "entries reordered"),
        "bad-link": QCoreApplication.translate("AuditJournal", "it does not link to the entry before it"),
        "old-format": QCoreApplication.translate("AuditJournal",
                                                 "written in the old hash format after the station had switched"),
    }
    return words.get(what, what)


def comparison_words(state: str) -> str:
    """How the journal stands against the USB key's checkpoint, in words."""
    words = {
        "behind": QCoreApplication.translate("AuditJournal", "the journal ends before the entry the USB key has "
                                                             "seen (entries were removed or an old copy restored)"),
        "rewritten": QCoreApplication.translate("AuditJournal", "the entry the USB key has seen is missing or "
                                                                "different"),
        "stopped": QCoreApplication.translate("AuditJournal", "the USB key holds a stop the office has not reviewed"),
        "older record": QCoreApplication.translate("AuditJournal", "a record in use is older than one already seen"),
        "clock set back": QCoreApplication.translate("AuditJournal", "the station's clock was set back"),
        "used": QCoreApplication.translate("AuditJournal", "an approval was already used"),
    }
    return words.get(state, state)
