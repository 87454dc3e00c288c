"""The office archive (office and custodians): what waits, sync now, and the archive's check with its findings.

What waits and the last sync come from :meth:`ArchiveDesk.waiting` (the status strip's archive section, in full);
"Sync now" runs :meth:`ArchiveDesk.sync_now` in the background; "Check the archive" runs ``archive verify``
(:meth:`ArchiveDesk.check_archive`) and shows each station's state and each finding in words: what kind of
finding, what it means and what to do, the station, and the journal entry it points at as this station's
journal holds it. The archive's own detail (English, as the CLI prints it) is kept beside, for the office's
technician.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from .error_words import finding_words, words
from .journal_view import kind_words
from .office_screen import fit_columns

__all__ = ["ArchiveScreen", "finding_meaning"]

MEANINGS: dict[str, str] = {
    "unreadable": QT_TRANSLATE_NOOP("ArchiveScreen", "A record in the archive cannot be read: it was damaged or "
                                                     "replaced on the share. Tell the office's IT; keep the file."),
    "certificate": QT_TRANSLATE_NOOP("ArchiveScreen", "Records were signed by a station key the office did not issue. "
                                                      "Someone may be sending records in a station's name."),
    "signature": QT_TRANSLATE_NOOP("ArchiveScreen", "A record was altered after the station signed it. Compare it "
                                                    "with the station's journal; the office reviews it."),
    "chain": QT_TRANSLATE_NOOP("ArchiveScreen", "The station's records do not follow on from each other: entries "
                                                "were changed or left out. The office reviews the station's journal."),
    "missing": QT_TRANSLATE_NOOP("ArchiveScreen", "Records the station sent are no longer in the archive: removed "
                                                  "from the share. Restore them from the share's backup; the station "
                                                  "still holds them."),
    "diverged": QT_TRANSLATE_NOOP("ArchiveScreen", "The station's journal was rolled back or rewritten after it was "
                                                   "sent: stamping stops there until the office reviews it."),
    "checkpoint": QT_TRANSLATE_NOOP("ArchiveScreen", "The USB key's checkpoint disagrees with the journal: the key "
                                                     "was used or rewritten outside the station. The office reviews "
                                                     "it."),
    "silent": QT_TRANSLATE_NOOP("ArchiveScreen", "The station has not reported for days: check that it is connected "
                                                 "and syncing."),
    "grace": QT_TRANSLATE_NOOP("ArchiveScreen", "The station stamped more, or longer, without the archive than the "
                                                "office allows."),
    "withheld": QT_TRANSLATE_NOOP("ArchiveScreen", "The station sent records without the content the office needs."),
    "undisclosed": QT_TRANSLATE_NOOP("ArchiveScreen", "Entries were sent as their kind only, without content."),
    "replayed": QT_TRANSLATE_NOOP("ArchiveScreen", "A record was filed again: a copy of an old one."),
    "misfiled": QT_TRANSLATE_NOOP("ArchiveScreen", "Records were filed under another station than the one that sent "
                                                   "them."),
    "stopped": QT_TRANSLATE_NOOP("ArchiveScreen", "The station stopped stamping because its records were tampered "
                                                  "with. The office reviews its journal."),
    "time": QT_TRANSLATE_NOOP("ArchiveScreen", "The station's clock is out of step with the archive's."),
    "authority": QT_TRANSLATE_NOOP("ArchiveScreen", "An approval or a record behind a stamp is not signed by the "
                                                    "office's seal authority."),
    "offline-print": QT_TRANSLATE_NOOP("ArchiveScreen", "Copies were printed before the archive could count them "
                                                        "(within the office's offline grace)."),
}
"""What each kind of finding means and what to do, in the window's language."""


def finding_meaning(what: str) -> str:
    return QCoreApplication.translate("ArchiveScreen", MEANINGS[what]) if what in MEANINGS else ""


def _local(iso: str | None) -> str:
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M") if iso else ""


class ArchiveScreen(QWidget):
    """The Office archive screen (role view ``archiveAction``)."""

    COLUMNS = 5

    def __init__(self, station, tasks, user: str, parent=None) -> None:
        super().__init__(parent)
        self.station = station
        self.desk = station.archive()
        self.tasks = tasks
        self.user = user
        self.status = None  # the SyncStatus last read
        self.last_sync = None  # the SyncResult of "Sync now"
        self.check = None  # the ArchiveCheck last made
        self.last_error = None
        self._said = None
        self.setObjectName("archiveScreen")
        self._build()
        self.retranslate_ui()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("archiveTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold")
        layout.addWidget(self.title)
        self.waiting_label = QLabel("")
        self.waiting_label.setObjectName("archiveWaiting")
        # Its lines are few and short: unwrapped, the findings table below never squeezes them.
        self.waiting_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.waiting_label)
        buttons = QHBoxLayout()
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("archiveSyncNow")
        self.sync_button.clicked.connect(self.sync_now)
        self.check_button = QPushButton()
        self.check_button.setObjectName("archiveCheck")
        self.check_button.clicked.connect(self.check_archive)
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result_label = QLabel("")
        self.result_label.setObjectName("archiveResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.result_label)
        self.stations_caption = QLabel()
        self.stations_caption.setObjectName("archiveStationsCaption")
        self.stations_caption.setWordWrap(True)
        layout.addWidget(self.stations_caption)
        self.stations_table = self._table("archiveStations", 5)
        self.stations_table.setMaximumHeight(110)
        layout.addWidget(self.stations_table)
        self.findings_caption = QLabel()
        self.findings_caption.setObjectName("archiveFindingsCaption")
        layout.addWidget(self.findings_caption)
        self.findings_table = self._table("archiveFindings", self.COLUMNS)
        self.findings_table.setWordWrap(True)
        self.findings_table.currentCellChanged.connect(lambda row, *_: self._show_detail(row))
        layout.addWidget(self.findings_table, 1)
        self.detail_label = QLabel("")
        self.detail_label.setObjectName("archiveFindingDetail")
        self.detail_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.detail_label)

    @staticmethod
    def _table(name: str, columns: int) -> QTableWidget:
        table = QTableWidget(0, columns)
        table.setObjectName(name)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.verticalHeader().setVisible(False)
        fit_columns(table.horizontalHeader())
        return table

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Office archive"))
        self.sync_button.setText(self.tr("&Sync now"))
        self.check_button.setText(self.tr("&Check the archive"))
        self.stations_table.setAccessibleName(self.tr("Stations in the archive"))
        self.stations_table.setHorizontalHeaderLabels([
            self.tr("Station"), self.tr("Records"), self.tr("Journal held through"), self.tr("Last report"),
            self.tr("State")])
        self.findings_table.setAccessibleName(self.tr("Findings of the archive's check"))
        self.findings_table.setHorizontalHeaderLabels([
            self.tr("Finding"), self.tr("Station"), self.tr("Entry"), self.tr("The entry here"),
            self.tr("What it means")])
        self._captions()
        if self.status is not None:
            self._show_status(self.status)
        if self._said is not None:
            self.result_label.setText(self._said())
        if self.check is not None:
            self._show_check(self.check)

    def _captions(self) -> None:
        """The tables' captions say what an empty table means: not checked yet, or checked and clean."""
        if self.check is None:
            self.stations_caption.setText(self.tr("Stations in the archive: shown when the archive is checked "
                                                  "(Check the archive)."))
            self.findings_caption.setText(self.tr("Findings: the archive has not been checked yet."))
            return
        self.stations_caption.setText(self.tr("Stations in the archive ({n})").format(n=len(self.check.audits)))
        self.findings_caption.setText(self.tr("Findings ({n})").format(n=len(self.check.findings))
                                      if self.check.findings else self.tr("Findings: none, every record is in order."))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _say(self, wording) -> None:
        self._said = wording
        self.result_label.setText(wording())

    def _failed(self, lead, exc: BaseException) -> None:
        self.last_error = exc
        self.sync_button.setEnabled(True)
        self.check_button.setEnabled(True)

        def wording():
            what, todo = words(exc)
            return lead().format(what=what, todo=todo)

        self._say(wording)

    # -- what waits ---------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read what waits for the archive (in the background) and show it."""
        user = self.user
        self.tasks.run(lambda: self.desk.waiting(user), self._show_status,
                       lambda exc: self._failed(lambda: self.tr("{what}\n{todo}"), exc), read=True)

    def _show_status(self, status) -> None:
        self.status = status
        if status.archive is None:
            self.waiting_label.setText(self.tr("This station sends its records to no office archive yet. The office "
                                               "sets one in Office ▸ Station set-up."))
            self.sync_button.setEnabled(False)
            self.check_button.setEnabled(False)
            return
        lines = [self.tr("Archive: {archive}").format(archive=status.archive),
                 self.tr("Waiting to be sent: {n} journal entries, of which {stamps} stamps.").format(
                     n=status.waiting_entries, stamps=status.waiting_stamps),
                 self.tr("Last successful sync: {last}").format(last=_local(status.last_success) or self.tr("never"))]
        if status.failures:
            lines.append(self.tr("The last {n} syncs failed; the next try is at {next}. Last failure: {error}").format(
                n=status.failures, next=_local(status.next_try) or "-", error=status.last_error or "-"))
        self.waiting_label.setText("\n".join(lines))

    # -- sync now -----------------------------------------------------------------------------------------------------

    def sync_now(self) -> None:
        user = self.user
        self.sync_button.setEnabled(False)
        self._say(lambda: self.tr("Sending to the office archive…"))
        self.tasks.run(lambda: self.desk.sync_now(user), self._synced,
                       lambda exc: self._failed(lambda: self.tr("The sync failed: {what}\n{todo}"), exc))

    def _synced(self, result) -> None:
        self.last_sync = result
        self.sync_button.setEnabled(True)

        def wording():
            if result.entries:
                text = self.tr("Sent {n} journal entries in {segments} record(s); the archive holds this station's "
                               "journal through entry {through}.").format(n=result.entries, segments=result.segments,
                                                                          through=result.through)
            else:
                text = self.tr("Nothing was waiting; the archive holds this station's journal through entry "
                               "{through}.").format(through=result.through)
            if result.diverged_at is not None:
                text += "\n" + self.tr("The archive disagrees with this station from entry {seq}: stamping is stopped "
                                       "until the office reviews the journal.").format(seq=result.diverged_at)
            return text

        self._say(wording)
        self.refresh()
        window = self.window()
        if hasattr(window, "refresh_status"):
            window.refresh_status()

    # -- the archive's check ------------------------------------------------------------------------------------------

    def check_archive(self) -> None:
        user = self.user
        self.check_button.setEnabled(False)
        self._say(lambda: self.tr("Checking every station's records in the archive…"))
        self.tasks.run(lambda: self.desk.check_archive(user), self._checked,
                       lambda exc: self._failed(lambda: self.tr("The archive cannot be checked: {what}\n{todo}"), exc))

    def _checked(self, check) -> None:
        self.check = check
        self.check_button.setEnabled(True)
        n = len(check.findings)
        self._say(lambda: (self.tr("The archive checks out: no findings.") if not n else
                           self.tr("The archive's check has {n} finding(s): each is listed below with the entry it "
                                   "points at.").format(n=n)))
        self._show_check(check)

    def _show_check(self, check) -> None:
        self._captions()
        self.stations_table.setRowCount(len(check.audits))
        for row, audit in enumerate(check.audits):
            state = (self.tr("in order") if not audit.findings else
                     self.tr("{n} finding(s)").format(n=len(audit.findings)))
            for col, text in enumerate((audit.station, str(audit.segments), str(audit.through),
                                        _local(audit.last_report), state)):
                self.stations_table.setItem(row, col, QTableWidgetItem(text))
        self.findings_table.setRowCount(len(check.findings))
        for row, found in enumerate(check.findings):
            f = found.finding
            cells = (finding_words(f.what), f.station,
                     self.tr("No. {seq}").format(seq=f.seq) if f.seq is not None else "—",
                     self._entry_words(found), finding_meaning(f.what))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f.detail)
                self.findings_table.setItem(row, col, item)
        self.findings_table.resizeRowsToContents()
        if check.findings and self.findings_table.currentRow() < 0:
            self.findings_table.setCurrentCell(0, 0)
        self._show_detail(self.findings_table.currentRow())

    def _entry_words(self, found) -> str:
        f, entry = found.finding, found.entry
        if entry is not None:
            return self.tr("{kind}, {when}, by {who}").format(kind=kind_words(str(getattr(entry.kind, "value",
                                                                                          entry.kind))),
                                                              when=_local(entry.at),
                                                              who=entry.actor or self.tr("the station"))
        if f.seq is None:
            return "—"
        if f.station != self.station.config.station_id:
            return self.tr("in station {station}'s journal").format(station=f.station)
        return self.tr("not in this station's journal")

    def _show_detail(self, row: int) -> None:
        if self.check is None or not 0 <= row < len(self.check.findings):
            self.detail_label.setText("")
            return
        found = self.check.findings[row]
        f = found.finding
        lines = [self.tr("{finding} at station {station}").format(finding=finding_words(f.what), station=f.station),
                 finding_meaning(f.what)]
        if f.seq is not None:
            lines.append(self.tr("It points at entry No. {seq}: {entry}").format(seq=f.seq,
                                                                                  entry=self._entry_words(found)))
        lines.append(self.tr("The archive's own words: {detail}").format(detail=f.detail))
        self.detail_label.setText("\n".join(line for line in lines if line))
