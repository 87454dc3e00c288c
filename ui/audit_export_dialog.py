"""Export the journal entries the auditor's filter shows, as CSV or an Excel workbook, with the password.

The format is the file's extension (.csv or .xlsx). The core checks where it may write before the password, the
role on the person's record, then writes and journals the export (:meth:`AuditDesk.export`); its refusal is shown
here in words and the dialog stays open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout)

from .error_words import text as error_text
from .tasks import TaskRunner

__all__ = ["AuditExportDialog"]


class AuditExportDialog(QDialog):
    """The file, its format and the password; ``exported(n, path)`` once written."""

    exported = Signal(int, str)

    def __init__(self, desk, user: str, flt, total: int | None, tasks: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("auditExportDialog")
        self.desk = desk
        self.user = user
        self.filter = flt
        self.tasks = tasks
        self.setWindowTitle(self.tr("Export the journal"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        what = (self.tr("The {n} entries the filter shows are exported.").format(n=f"{total:,}") if total is not None
                else self.tr("The entries the filter shows are exported."))
        self.what = QLabel(what)
        self.what.setObjectName("auditExportWhat")
        self.what.setWordWrap(True)
        layout.addWidget(self.what)
        form = QFormLayout()
        self.format_box = QComboBox()
        self.format_box.setObjectName("auditExportFormat")
        self.format_box.addItem(self.tr("CSV (text, opens in any spreadsheet)"), ".csv")
        self.format_box.addItem(self.tr("Excel workbook (.xlsx)"), ".xlsx")
        self.format_box.currentIndexChanged.connect(self._format_chosen)
        self.format_box.setAccessibleName(self.tr("Format"))
        self.path_edit = QLineEdit(str(Path.home() / "journal.csv"))
        self.path_edit.setObjectName("auditExportPath")
        self.path_edit.setAccessibleName(self.tr("File to write"))
        browse = QPushButton(self.tr("&Choose…"))
        browse.setObjectName("auditExportBrowse")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("auditExportPassword")
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.password_edit.setAccessibleName(self.tr("Your password"))
        form.addRow(self.tr("&Format"), self.format_box)
        file_label = QLabel(self.tr("Fi&le"))
        file_label.setBuddy(self.path_edit)  # a row of a layout has no buddy of its own
        form.addRow(file_label, where)
        form.addRow(self.tr("Your &password"), self.password_edit)
        layout.addLayout(form)
        self.problem = QLabel("")
        self.problem.setObjectName("auditExportProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020; font-weight: bold")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(self.tr("Export"))
        self.ok_button.setObjectName("auditExportOk")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.password_edit.setFocus(Qt.OtherFocusReason)

    def _format_chosen(self) -> None:
        path = Path(self.path_edit.text().strip() or "journal.csv")
        self.path_edit.setText(str(path.with_suffix(self.format_box.currentData())))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the journal to"), self.path_edit.text(),
                                                self.tr("CSV or Excel (*.csv *.xlsx)"))
        if chosen:
            self.path_edit.setText(chosen)

    def _submit(self) -> None:
        path, password = self.path_edit.text().strip(), self.password_edit.text()
        self.password_edit.clear()  # handed over once, not kept in the widget
        if not path or not password:
            self.problem.setText(self.tr("Choose the file and type your password."))
            return
        self.ok_button.setEnabled(False)
        self.problem.setText(self.tr("Exporting…"))
        desk, user, flt = self.desk, self.user, self.filter
        self.tasks.run(lambda: desk.export(user, password, path, flt), lambda n: self._done(n, path), self._refused)

    def _done(self, n: int, path: str) -> None:
        self.ok_button.setEnabled(True)
        self.problem.clear()
        self.exported.emit(n, path)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.problem.setText(error_text(exc))
        self.password_edit.setFocus(Qt.OtherFocusReason)

    def clear_all(self) -> None:
        self.password_edit.clear()
