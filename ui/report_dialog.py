"""The office's monthly report: log in, pick the month and the stations, export with a progress bar.

The role is checked by the core (:meth:`Station.monthly_report`): a custodian
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
        self.setWindowTitle("月度报表 Monthly report")
        self.resize(520, 520)
        self._build()
        self._load_stations()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("签盖记录和在线打印情况汇总表\n办公室或审计人员登录后导出。"
                                "The office or an auditor logs in to export."))
        form = QFormLayout()
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("reportUser")
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.password_edit.setObjectName("reportPassword")
        form.addRow("用户 User", self.user_edit)
        form.addRow("密码 Password", self.password_edit)
        self.month_box = QComboBox()
        self.month_box.setObjectName("reportMonth")
        self.month_box.addItems(recent_months(self.station.now().astimezone(REPORT_TZ).date()))
        form.addRow("月份 Month", self.month_box)
        self.station_list = QListWidget()
        self.station_list.setObjectName("reportStations")
        form.addRow("站点 Stations", self.station_list)
        out_row = QHBoxLayout()
        self.out_edit = QLineEdit(str(Path.home() / f"签盖记录汇总-{self.month_box.currentText()}.xlsx"))
        self.out_edit.setObjectName("reportOut")
        browse = QPushButton("…")
        browse.clicked.connect(self._browse)
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        form.addRow("输出 Output (.xlsx/.pdf/.csv)", out_row)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.message = QLabel("")
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.export_button = QPushButton("导出 Export")
        self.export_button.setObjectName("reportExport")
        self.export_button.clicked.connect(self.export)
        close = QPushButton("关闭 Close")
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def _load_stations(self) -> None:
        try:
            stations = self.station.archive_stations()
        except SealStationError as exc:
            self.message.setText(f"无法读取档案 The archive cannot be read: {exc}")
            self.export_button.setEnabled(False)
            return
        for name in stations:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.station_list.addItem(item)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "导出到 Export to", self.out_edit.text(),
                                              "Excel (*.xlsx);;PDF (*.pdf);;CSV (*.csv)")
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
            self.message.setText("请至少选择一个站点 Choose at least one station.")
            return
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.message.setText("导出中… Exporting…")
        emit = self.progress_signal.moved.emit
        self.tasks.run(lambda: self.station.monthly_report(out, month=month, by=user, password=password,
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
        self.message.setText(f"已导出 Exported {result.out.name}: 用印 {result.stamps} 次 uses, {result.prints} 份文件 "
                             f"documents printed, {result.findings} 项发现 findings.\n{result.out}")

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.progress.setValue(0)
        text = str(exc) if isinstance(exc, SealStationError) else f"{type(exc).__name__}: {exc}"
        self.message.setText(f"未导出 Not exported: {text}")
        self.last_error = exc
