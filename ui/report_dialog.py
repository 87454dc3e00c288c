"""The office's monthly report: log in, pick the month and the stations, export with a progress bar.

The role is checked by the core (:meth:`ArchiveDesk.monthly_report`): a custodian
gets its refusal here, in words. The work runs off the GUI thread through
:class:`TaskRunner`; progress comes back through a signal (queued to the GUI
thread).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from sealstation.archive.summary import REPORT_TZ
from sealstation.errors import SealStationError

from .error_words import finding_words, words
from .tasks import TaskRunner

__all__ = ["ReportDialog"]

class _Progress(QObject):
    moved = Signal(int, int)


def recent_months(today: dt.date, n: int = 12) -> list[str]:
    """This month and the ``n - 1`` before it, newest first (YYYY-MM)."""
    months, year, month = [], today.year, today.month
    for _ in range(n):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


class ReportDialog(QDialog):
    """签盖记录和在线打印情况汇总表: the office exports a month's report from the archive."""

    def __init__(self, station, parent=None) -> None:
        super().__init__(parent)
        self.station = station
        self.tasks = TaskRunner(self)
        self.progress_signal = _Progress(self)
        self.progress_signal.moved.connect(self._moved)
        self.result = None
        self.setWindowTitle(self.tr("Monthly report"))
        self.resize(520, 520)
        self._build()
        self._load_stations()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Summary of seal uses and online printing\nThe office or an auditor logs in to export "
                               "it."))
        intro.setObjectName("reportIntro")
        layout.addWidget(intro)
        form = QFormLayout()
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("reportUser")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.password_edit.setObjectName("reportPassword")
        form.addRow(self.tr("User"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        self.month_box = QComboBox()
        self.month_box.setObjectName("reportMonth")
        self.month_box.addItems(recent_months(self.station.now().astimezone(REPORT_TZ).date()))
        form.addRow(self.tr("Month"), self.month_box)
        self.station_list = QListWidget()
        self.station_list.setObjectName("reportStations")
        form.addRow(self.tr("Stations"), self.station_list)
        out_row = QHBoxLayout()
        self.out_edit = QLineEdit(str(Path.home() / self.tr("seal-uses-{month}.xlsx").format(
            month=self.month_box.currentText())))
        self.out_edit.setObjectName("reportOut")
        browse = QPushButton("…")
        browse.setObjectName("reportBrowse")
        browse.setAccessibleName(self.tr("Choose where to export"))
        browse.setToolTip(self.tr("Choose where to export"))
        browse.clicked.connect(self._browse)
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        form.addRow(self.tr("Export to (.xlsx/.pdf/.csv)"), out_row)
        for field in (self.user_edit, self.password_edit, self.month_box, self.station_list):
            field.setAccessibleName(form.labelForField(field).text())
        self.out_edit.setAccessibleName(self.tr("Export to (.xlsx/.pdf/.csv)"))
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setValue(0)
        self.progress.setAccessibleName(self.tr("Export progress"))
        layout.addWidget(self.progress)
        self.message = QLabel("")
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setObjectName("reportExport")
        self.export_button.clicked.connect(self.export)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("reportClose")
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def _load_stations(self) -> None:
        try:
            stations = self.station.archive().archive_stations()
        except SealStationError as exc:
            what, todo = words(exc)
            self.message.setText(self.tr("The archive cannot be read: {what}\n{todo}").format(what=what, todo=todo))
            self.export_button.setEnabled(False)
            return
        for name in stations:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.station_list.addItem(item)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.out_edit.text(),
                                              self.tr("Excel workbook (*.xlsx);;PDF (*.pdf);;CSV (*.csv)"))
        if path:
            self.out_edit.setText(path)

    def chosen_stations(self) -> list[str]:
        items = [self.station_list.item(i) for i in range(self.station_list.count())]
        return [i.text() for i in items if i.checkState() == Qt.Checked]

    def export(self) -> None:
        user, password = self.user_edit.text().strip(), self.password_edit.text()
        self.password_edit.clear()  # handed over once, not kept in the widget
        month, out, stations = self.month_box.currentText(), Path(self.out_edit.text()), self.chosen_stations()
        if not stations:
            self.message.setText(self.tr("Choose at least one station."))
            return
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.message.setText(self.tr("Exporting…"))
        emit = self.progress_signal.moved.emit
        self.tasks.run(lambda: self.station.archive().monthly_report(out, month=month, by=user, password=password,
                                                           stations=stations, progress=emit),
                       self._done, self._failed)

    def _moved(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _done(self, result) -> None:
        self.result = result
        self.progress.setMaximum(1)
        self.progress.setValue(1)
        self.export_button.setEnabled(True)
        lines = [self.tr("Exported {file}: {stamps} seal uses, {prints} documents printed, {findings} findings.").format(
            file=result.out.name, stamps=result.stamps, prints=result.prints, findings=result.findings)]
        lines += [self.tr("{kind}: {count}").format(kind=finding_words(kind), count=count)
                  for kind, count in result.finding_kinds]
        lines.append(str(result.out))
        self.message.setText("\n".join(lines))

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.progress.setValue(0)
        what, todo = words(exc)
        self.message.setText(self.tr("Not exported: {what}\n{todo}").format(what=what, todo=todo))
        self.last_error = exc
