"""A table model over the whole journal that reads it a page at a time (Qt's canFetchMore/fetchMore).

The view asks for more rows when it scrolls near the end of what is loaded; the next page is read in the
background (:class:`~ui.tasks.TaskRunner`) from the auditor's desk, resumed past the last entry loaded (keyset
paging by ``seq``: a page costs the same at the start of a million entries as at their end). Nothing is read
that was not scrolled to. A new filter starts a new generation: a page of an older filter arriving late is
dropped.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from sealstation.desks.audit import JournalFilter, ShownEntry

from .tasks import TaskRunner

__all__ = ["JournalPageModel", "ENTRY_ROLE", "PAGE", "local_time"]

ENTRY_ROLE = int(Qt.UserRole.value) + 1
"""The row's :class:`~sealstation.desks.audit.ShownEntry`."""

PAGE = 200
"""Entries read at a time: a few screens' worth, read in a few milliseconds."""

COLUMNS = ("seq", "time", "actor", "action", "seals", "request", "document", "detail")

# The roles as plain ints: data() is called for every cell of every row painted, and comparing with Qt's enum
# members costs more than the rest of it (measured: 27 µs a call, 5 s of 8 while scrolling 10,000 entries).
_DISPLAY, _TOOLTIP, _FOREGROUND = int(Qt.DisplayRole.value), int(Qt.ToolTipRole.value), int(Qt.ForegroundRole.value)
_ACCESSIBLE, _ENTRY = int(Qt.AccessibleTextRole.value), int(ENTRY_ROLE)


def local_time(at: str) -> str:
    """A stored UTC time in the computer's own time zone, to the second."""
    try:
        return dt.datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return at


def _headers() -> tuple[str, ...]:
    return (QCoreApplication.translate("JournalPageModel", "No."),
            QCoreApplication.translate("JournalPageModel", "Time"),
            QCoreApplication.translate("JournalPageModel", "User"),
            QCoreApplication.translate("JournalPageModel", "Action"),
            QCoreApplication.translate("JournalPageModel", "Seal"),
            QCoreApplication.translate("JournalPageModel", "Request"),
            QCoreApplication.translate("JournalPageModel", "Document"),
            QCoreApplication.translate("JournalPageModel", "Details"))


class JournalPageModel(QAbstractTableModel):
    """The entries a filter shows, loaded as the view scrolls."""

    page_loaded = Signal(int)
    """A page arrived with this many entries (0: the filter shows nothing more)."""
    failed = Signal(object)
    """Reading failed (the exception)."""

    def __init__(self, read_page: Callable[[JournalFilter, int, int], tuple[ShownEntry, ...]],
                 kind_words: Callable[[str], str], tasks: TaskRunner, parent=None) -> None:
        """``read_page(filter, after, limit)``: the desk's page (called off the GUI thread)."""
        super().__init__(parent)
        self.read_page = read_page
        self.kind_words = kind_words
        self.tasks = tasks
        self.filter = JournalFilter()
        self.entries: list[ShownEntry] = []
        self.exhausted = True
        self.loading = False
        self.generation = 0
        self.headers = _headers()
        self.red = QBrush(QColor("#b00020"))
        self._kinds: dict[str, str] = {}
        """Each kind's words in the current language (asked for every row painted)."""

    # -- the filter ----------------------------------------------------------------------------------------------

    def set_filter(self, flt: JournalFilter) -> None:
        """Show what ``flt`` shows, from its first entry."""
        self.generation += 1
        self.beginResetModel()
        self.filter = flt
        self.entries = []
        self.exhausted = False
        self.loading = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    # -- paging --------------------------------------------------------------------------------------------------

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and not self.exhausted and not self.loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt's name
        if parent.isValid() or self.exhausted or self.loading:
            return
        self.loading = True
        generation, flt = self.generation, self.filter
        after = self.entries[-1].seq if self.entries else 0
        read = self.read_page
        self.tasks.run(lambda: read(flt, after, PAGE), lambda page: self._arrived(generation, page),
                       lambda exc: self._failed(generation, exc))

    def _arrived(self, generation: int, page: tuple[ShownEntry, ...]) -> None:
        if generation != self.generation:
            return
        self.loading = False
        self.exhausted = len(page) < PAGE
        if page:
            first = len(self.entries)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self.entries.extend(page)
            self.endInsertRows()
        self.page_loaded.emit(len(page))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self.loading = False
        self.exhausted = True
        self.failed.emit(exc)

    # -- the table -----------------------------------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):  # noqa: N802 - Qt's name
        if role == _DISPLAY and orientation == Qt.Horizontal and 0 <= section < len(COLUMNS):
            return self.headers[section]
        return None

    def entry(self, row: int) -> ShownEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def row_of(self, seq: int) -> int:
        """The row of entry ``seq`` among those loaded (-1: not loaded)."""
        down = self.filter.newest_first
        lo, hi = 0, len(self.entries)
        while lo < hi:  # the entries are in seq order, or its reverse
            mid = (lo + hi) // 2
            if (self.entries[mid].seq > seq) if down else (self.entries[mid].seq < seq):
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self.entries) and self.entries[lo].seq == seq else -1

    def data(self, index: QModelIndex | QPersistentModelIndex, role=_DISPLAY):
        row = index.row()
        if row < 0 or row >= len(self.entries):
            return None
        e = self.entries[row]
        if role == _DISPLAY:
            return self._text(e, COLUMNS[index.column()])
        if role == _ENTRY:
            return e
        if role == _TOOLTIP and not e.intact:
            return QCoreApplication.translate("JournalPageModel", "This entry does not match its hash: it was "
                                              "changed after it was written.")
        if role == _FOREGROUND and not e.intact:
            return self.red
        if role == _ACCESSIBLE:
            return QCoreApplication.translate("JournalPageModel", "Entry {seq}: {time}, {user}, {action}").format(
                seq=e.seq, time=local_time(e.at), user=e.actor or "", action=self._kind(e.kind))
        return None

    def _text(self, e: ShownEntry, column: str) -> str:
        if column == "seq":
            return str(e.seq) if e.intact else f"{e.seq} ⚠"
        if column == "time":
            return local_time(e.at)
        if column == "actor":
            return e.actor or QCoreApplication.translate("JournalPageModel", "(the station)")
        if column == "action":
            return self._kind(e.kind)
        if column == "seals":
            return ", ".join(e.seals)
        if column == "request":
            return e.request or ""
        if column == "document":
            return e.document or ""
        return e.detail or ""

    def _kind(self, kind: str) -> str:
        words = self._kinds.get(kind)
        if words is None:
            words = self._kinds[kind] = self.kind_words(kind)
        return words

    def retranslate(self) -> None:
        """The headers and the words of the rows loaded, in the window's language (nothing is read again)."""
        self.headers = _headers()
        self._kinds = {}
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(COLUMNS) - 1)
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, len(COLUMNS) - 1))
