"""The office's monthly report (签盖记录和在线打印情况汇总表): the month shown, then exported.

The office (or an auditor) picks the month and the stations and sees the summary the core reads from the
archive (:meth:`ArchiveDesk.monthly_overview`): uses per seal (seals named as engraved) and per station, a
chart of uses per day, the findings named in the window's language, and the archive's verification result.
Exporting writes that same reading to an XLSX workbook or the PDF the office files
(:meth:`ArchiveDesk.export_monthly_overview`), with the person's password, as the CLI asks it. Both run off
the GUI thread through :class:`ui.tasks.TaskRunner`; the progress of the reading comes back through a signal.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import (QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QObject,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sealstation.archive.summary import REPORT_TZ

from .error_words import finding_words, words
from .report_dialog import recent_months
from .uses_chart import UsesChart

__all__ = ["MonthlyReportScreen", "FORMATS"]

FORMATS = (".pdf", ".xlsx")
"""What the export offers, in the format box's order: the PDF the office files, the workbook."""


class _Progress(QObject):
    moved = Signal(int, int)


def _cell(value, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(str(value))
    item.setFlags(item.flags() & ~Qt.ItemIsEditable)
    if isinstance(value, int):
        item.setData(Qt.DisplayRole, value)  # numbers sort as numbers
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    if tip:
        item.setToolTip(tip)
    return item


class _FindingsModel(QAbstractTableModel):
    """The month's findings, read as the view scrolls (a month can hold one per stamp: a hundred thousand)."""

    COLUMNS = 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.findings: tuple = ()

    def set_findings(self, findings) -> None:
        self.beginResetModel()
        self.findings = tuple(findings)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's names)
        return 0 if parent.isValid() else len(self.findings)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        return (QCoreApplication.translate("MonthlyReportScreen", "Station"),
                QCoreApplication.translate("MonthlyReportScreen", "Finding"),
                QCoreApplication.translate("MonthlyReportScreen", "Found by"))[section]

    def data(self, index, role=Qt.DisplayRole):
        f = self.findings[index.row()]
        if role == Qt.DisplayRole:
            if index.column() == 0:
                return f.station or "-"
            if index.column() == 1:
                return finding_words(f.what)
            return (QCoreApplication.translate("MonthlyReportScreen", "The archive's checks") if f.archive
                    else QCoreApplication.translate("MonthlyReportScreen", "The report"))
        if role == Qt.ForegroundRole and index.column() == 1 and f.archive:
            return QColor("#a61b1b")
        if role == Qt.UserRole:
            return f
        return None


class MonthlyReportScreen(QWidget):
    """签盖记录和在线打印情况汇总表: the month from the office archive, shown before it is exported."""

    def __init__(self, station, tasks, user: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("monthlyReportScreen")
        self.station, self.tasks, self.user = station, tasks, user
        self.overview = None
        self.result = None
        self.last_error: BaseException | None = None
        self._loaded = False
        self.progress_signal = _Progress(self)
        self.progress_signal.moved.connect(self._moved)
        self._build()

    # -- layout ---------------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        layout.addWidget(self.title)
        layout.addLayout(self._month_row())
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setValue(0)
        self.progress.setVisible(False)  # shown once a month is read: a bar at 0 % before that says nothing
        layout.addWidget(self.progress)
        self.summary_label = self._label("reportSummary")
        self.verified_label = self._label("reportVerified")
        layout.addWidget(self.summary_label)
        layout.addWidget(self.verified_label)
        layout.addWidget(self._tables(), 1)
        layout.addLayout(self._export_row())
        self.message = self._label("reportMessage")
        layout.addWidget(self.message)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every text of the screen in the window's language (again after a switch); the month shown is said again."""
        self.title.setText(self.tr("Summary of seal uses and online printing"))
        self.progress.setAccessibleName(self.tr("Reading the archive"))
        self.month_label.setText(self.tr("&Month"))
        self.month_box.setAccessibleName(self.tr("Month"))
        self.stations_label.setText(self.tr("S&tations"))
        self.station_list.setAccessibleName(self.tr("Stations"))
        self.show_button.setText(self.tr("&Show"))
        self.seal_table.setAccessibleName(self.tr("Uses per seal"))
        self.seal_table.setHorizontalHeaderLabels([self.tr("Seal"), self.tr("Uses"), self.tr("Documents"),
                                                   self.tr("Stations")])
        self.station_table.setAccessibleName(self.tr("Uses and printing per station"))
        self.station_table.setHorizontalHeaderLabels([
            self.tr("Station"), self.tr("Uses"), self.tr("Documents printed"), self.tr("Copies printed"),
            self.tr("Voided"), self.tr("Recalled"), self.tr("Findings")])
        self.findings_table.setAccessibleName(self.tr("Findings"))
        self.findings_model.headerDataChanged.emit(Qt.Horizontal, 0, _FindingsModel.COLUMNS - 1)
        for label, text in zip(self.captions, (self.tr("Per seal"), self.tr("Per station"), self.tr("Uses per day"),
                                               self.tr("Findings"))):
            label.setText(text)
        self.format_box.setItemText(0, self.tr("PDF for the office's files"))
        self.format_box.setItemText(1, self.tr("Excel workbook"))
        self.format_box.setAccessibleName(self.tr("Export format"))
        self.out_edit.setAccessibleName(self.tr("Export to"))
        self.browse_button.setAccessibleName(self.tr("Choose where to export"))
        self.browse_button.setToolTip(self.tr("Choose where to export"))
        self.password_label.setText(self.tr("&Password"))
        self.password_edit.setAccessibleName(self.tr("Your password"))
        self.export_button.setText(self.tr("&Export"))
        if self.overview is not None:
            self._fill(self.overview)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _label(self, name: str) -> QLabel:
        label = QLabel("")
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        return label

    def _month_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.month_label = QLabel()
        self.month_box = QComboBox()
        self.month_box.setObjectName("reportMonth")
        self.month_box.addItems(recent_months(self.station.now().astimezone(REPORT_TZ).date()))
        self.month_label.setBuddy(self.month_box)
        self.stations_label = QLabel()
        self.station_list = QListWidget()
        self.station_list.setObjectName("reportStations")
        self.station_list.setFlow(QListWidget.LeftToRight)
        self.station_list.setWrapping(True)
        self.station_list.setMaximumHeight(48)
        self.stations_label.setBuddy(self.station_list)
        self.show_button = QPushButton()
        self.show_button.setObjectName("reportShow")
        self.show_button.clicked.connect(self.show_month)
        for widget in (self.month_label, self.month_box, self.stations_label):
            row.addWidget(widget)
        row.addWidget(self.station_list, 1)
        row.addWidget(self.show_button)
        return row

    def _table(self, name: str, columns: int, *, stretch_names: bool = True) -> QTableWidget:
        table = QTableWidget(0, columns)
        table.setObjectName(name)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        if stretch_names:  # the names take the room; the figures are as wide as they are
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        else:  # many figures: each as wide as it is, the last one to the edge
            table.horizontalHeader().setStretchLastSection(True)
        table.setSortingEnabled(True)
        return table

    def _tables(self) -> QSplitter:
        self.seal_table = self._table("reportSealTable", 4)
        self.station_table = self._table("reportStationTable", 7, stretch_names=False)
        self.chart = UsesChart()
        self.findings_model = _FindingsModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.findings_model)
        self.findings_table = QTableView()
        self.findings_table.setObjectName("reportFindings")
        self.findings_table.setModel(proxy)
        self.findings_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.findings_table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.findings_table.verticalHeader().setVisible(False)
        self.findings_table.setSortingEnabled(True)
        header = self.findings_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        self.findings_table.selectionModel().selectionChanged.connect(self._finding_chosen)
        self.finding_detail = self._label("reportFindingDetail")
        self.captions: list[QLabel] = []
        left, right = QSplitter(Qt.Vertical), QSplitter(Qt.Vertical)
        left.addWidget(self._captioned(self.seal_table))
        left.addWidget(self._captioned(self.station_table))
        right.addWidget(self._captioned(self.chart))
        findings = self._captioned(self.findings_table)
        findings.layout().addWidget(self.finding_detail)
        right.addWidget(findings)
        both = QSplitter(Qt.Horizontal)
        both.addWidget(left)
        both.addWidget(right)
        both.setStretchFactor(0, 3)  # the tables' figures want the width; the chart reads at any width
        both.setStretchFactor(1, 2)
        return both

    def _captioned(self, widget: QWidget) -> QWidget:
        """``widget`` under a bold caption (its text set by :meth:`retranslate_ui`, in the order made)."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 4, 0, 0)
        label = QLabel()
        label.setStyleSheet("font-weight: bold;")
        self.captions.append(label)
        column.addWidget(label)
        column.addWidget(widget, 1)
        return box

    def _export_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.format_box = QComboBox()
        self.format_box.setObjectName("reportFormat")
        self.format_box.addItems(["", ""])  # FORMATS' order; named by retranslate_ui
        self.format_box.currentIndexChanged.connect(self._format_chosen)
        self.out_edit = QLineEdit()
        self.out_edit.setObjectName("reportOut")
        self.browse_button = QPushButton("…")
        self.browse_button.setObjectName("reportBrowse")
        self.browse_button.clicked.connect(self._browse)
        self.password_label = QLabel()
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("reportPassword")
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.password_edit.returnPressed.connect(self.export)
        self.password_label.setBuddy(self.password_edit)
        self.export_button = QPushButton()
        self.export_button.setObjectName("reportExport")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        row.addWidget(self.format_box)
        row.addWidget(self.out_edit, 1)
        for widget in (self.browse_button, self.password_label, self.password_edit, self.export_button):
            row.addWidget(widget)
        return row

    # -- the window's calls -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """The first time it is shown: the archive's stations, and this month read at once."""
        if self._loaded:
            return
        self._loaded = True
        self._default_out()
        self.show_button.setEnabled(False)
        self.message.setText(self.tr("Reading the stations of the office archive…"))
        # The archive may be a network share or PostgreSQL: never read on the GUI thread.
        self.tasks.run(lambda: self.station.archive().archive_stations(), self._stations_read,
                       self._stations_not_read, read=True)

    def shut_down(self) -> None:
        self.password_edit.clear()

    # -- reading the month ------------------------------------------------------------------------------------

    def _stations_not_read(self, exc: BaseException) -> None:
        self.last_error = exc
        what, todo = words(exc)
        self.message.setText(self.tr("The archive cannot be read: {what}\n{todo}").format(what=what, todo=todo))

    def _stations_read(self, stations) -> None:
        self.station_list.clear()
        for name in stations:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.station_list.addItem(item)
        if not stations:  # a new archive: say what to do rather than show an empty list to choose from
            self.message.setText(self.tr("The office archive holds no station's records yet: send them first "
                                         "(Office ▸ Office archive ▸ Sync now), then show the month."))
            self.show_button.setEnabled(True)
            return
        self.show_button.setEnabled(True)
        self.show_month()

    def chosen_stations(self) -> list[str]:
        items = [self.station_list.item(i) for i in range(self.station_list.count())]
        return [i.text() for i in items if i.checkState() == Qt.Checked]

    def show_month(self) -> None:
        if not self.station_list.count():  # none yet: perhaps synced since; read the archive's stations again
            self._loaded = False
            self.refresh()
            return
        stations = self.chosen_stations()
        if not stations:
            self.message.setText(self.tr("Choose at least one station."))
            return
        month, user, emit = self.month_box.currentText(), self.user, self.progress_signal.moved.emit
        asked = stations if len(stations) < self.station_list.count() else None  # every station: as the CLI reads it
        self.show_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.message.setText(self.tr("Reading {month} from the office archive…").format(month=month))
        self.tasks.run(lambda: self.station.archive().monthly_overview(user, month=month, stations=asked,
                                                                       progress=emit),
                       self._shown, self._not_shown)

    def _moved(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _shown(self, overview) -> None:
        self.overview = overview
        self.progress.setMaximum(1)
        self.progress.setValue(1)
        self.show_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.message.setText("")
        self._default_out()
        self._fill(overview)

    def _not_shown(self, exc: BaseException) -> None:
        self.last_error = exc
        self.show_button.setEnabled(True)
        self.progress.setValue(0)
        what, todo = words(exc)
        self.message.setText(self.tr("The month cannot be shown: {what}\n{todo}").format(what=what, todo=todo))

    def _fill(self, o) -> None:
        read = dt.datetime.fromisoformat(o.read_at).astimezone().strftime("%Y-%m-%d %H:%M") if o.read_at else "-"
        self.summary_label.setText(self.tr(
            "{start} to {end} (Beijing time): {stamps} seal uses, {documents} documents printed ({copies} copies). "
            "Stations covered ({count}): {stations}. Read from the archive at {read}.").format(
            start=o.period[0], end=o.period[1], stamps=o.stamps, documents=o.documents_printed, copies=o.copies,
            count=len(o.stations), stations=self.tr(", ").join(o.stations), read=read))
        archive_findings = sum(1 for f in o.findings if f.archive)
        if o.verified:
            text = self.tr("Verified: the {segments} segments of {count} stations check out against the office's "
                           "certificate.").format(segments=o.segments, count=len(o.stations))
        else:
            text = self.tr("Not verified: the archive's checks found {findings} problems; see the findings.").format(
                findings=archive_findings)
        self.verified_label.setText(text)
        self.verified_label.setStyleSheet(f"color: {'#1e6b2e' if o.verified else '#a61b1b'}; font-weight: bold;")
        self._rows(self.seal_table, [(_cell(s.name, s.seal), _cell(s.uses), _cell(s.documents), _cell(s.stations))
                                     for s in o.seals])
        self._rows(self.station_table, [(_cell(s.station), _cell(s.uses), _cell(s.documents_printed), _cell(s.copies),
                                         _cell(s.voided), _cell(s.recalled), _cell(s.findings))
                                        for s in o.per_station])
        self.chart.set_data(list(o.days), [(o.seal_name(seal), list(counts)) for seal, counts in o.uses_per_day])
        self.findings_model.set_findings(o.findings)
        self.finding_detail.setText("" if o.findings else self.tr("No findings: nothing for the office to look into."))

    def _rows(self, table: QTableWidget, rows: list[tuple]) -> None:
        table.setSortingEnabled(False)
        table.clearContents()
        table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, item in enumerate(cells):
                table.setItem(r, c, item)
        table.setSortingEnabled(True)

    def _finding_chosen(self, *_selection) -> None:
        rows = self.findings_table.selectionModel().selectedRows()
        if not rows or self.overview is None:
            return
        f = rows[0].data(Qt.UserRole)
        self.finding_detail.setText(self.tr("{finding} at {station}. The archive's record: {detail}").format(
            finding=finding_words(f.what), station=f.station or "-", detail=f.detail))

    # -- export ---------------------------------------------------------------------------------------------

    def _default_out(self) -> None:
        suffix = FORMATS[self.format_box.currentIndex()]
        self.out_edit.setText(str(Path.home() / self.tr("seal-uses-{month}{suffix}").format(
            month=self.month_box.currentText(), suffix=suffix)))

    def _format_chosen(self, index: int) -> None:
        text = self.out_edit.text().strip()
        if text:
            self.out_edit.setText(str(Path(text).with_suffix(FORMATS[index])))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.out_edit.text(),
                                              self.tr("PDF (*.pdf);;Excel workbook (*.xlsx)"))
        if path:
            self.out_edit.setText(path)

    def export(self) -> None:
        if self.overview is None or not self.export_button.isEnabled():
            return
        password = self.password_edit.text()
        self.password_edit.clear()  # handed over once, not kept in the widget
        if not password:
            self.message.setText(self.tr("Type your password to export the report."))
            return
        overview, out, user = self.overview, Path(self.out_edit.text().strip()), self.user
        self.export_button.setEnabled(False)
        self.show_button.setEnabled(False)
        self.message.setText(self.tr("Exporting {file}…").format(file=out.name))
        self.tasks.run(lambda: self.station.archive().export_monthly_overview(overview, out, by=user,
                                                                              password=password),
                       self._exported, self._not_exported)

    def _exported(self, result) -> None:
        self.result = result
        self.export_button.setEnabled(True)
        self.show_button.setEnabled(True)
        self.message.setText(self.tr("Exported {file}: {stamps} seal uses, {prints} documents printed, {findings} "
                                     "findings.\n{path}").format(file=result.out.name, stamps=result.stamps,
                                                                 prints=result.prints, findings=result.findings,
                                                                 path=result.out))

    def _not_exported(self, exc: BaseException) -> None:
        self.last_error = exc
        self.export_button.setEnabled(True)
        self.show_button.setEnabled(True)
        what, todo = words(exc)
        self.message.setText(self.tr("Not exported: {what}\n{todo}").format(what=what, todo=todo))
