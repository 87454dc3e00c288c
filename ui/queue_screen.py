"""The custodian's work queue: the first screen after login.

The requests this custodian may act on (:meth:`StampingDesk.work_queue`), in
groups: approved and waiting; partly stamped; stamped with copies left to
print; returned; recalled or superseded. A filter by group and a search over
every column. Double-click or Enter opens a request (``openRequested``); the
window opens its document with its approved seals. Print asks the window to
print (``printRequested``). Return (退签) and recall (收回) are done here, each in
its dialog (the window is told through ``returnRequested``/``recallRequested``
and ``changed``).

The queue is read off the GUI thread (:class:`~ui.tasks.TaskRunner`); a result
that arrives after a newer load was asked for is dropped.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (QAbstractItemModel, QCoreApplication, QEvent, QItemSelectionModel, QModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QPushButton, QTreeView, QVBoxLayout, QWidget)

from sealstation.approval.entries import is_cross_page_entry, seal_of_entry
from sealstation.workqueue import QueueGroup, WorkItem

from . import i18n
from .error_words import text as error_text
from .tasks import TaskRunner

__all__ = ["QueueScreen", "QueueModel", "group_title", "age_words", "seal_words", "ITEM_ROLE"]

ITEM_ROLE = Qt.UserRole + 1
"""The model's role holding a row's :class:`WorkItem` (group rows hold None)."""
_GROUP_ROLE = Qt.UserRole + 2
_SEARCH_ROLE = Qt.UserRole + 3
"""A row's text as searched (every column, the request id, the approver's user name, the reason), casefolded."""



def group_title(group: QueueGroup) -> str:
    """The group's name as the queue shows it."""
    titles = {
        QueueGroup.WAITING: QCoreApplication.translate("QueueScreen", "Approved, waiting"),
        QueueGroup.PARTLY_STAMPED: QCoreApplication.translate("QueueScreen", "Partly stamped"),
        QueueGroup.TO_PRINT: QCoreApplication.translate("QueueScreen", "Stamped, copies left to print"),
        QueueGroup.PRINTED: QCoreApplication.translate("QueueScreen", "Printed (recall possible)"),
        QueueGroup.RETURNED: QCoreApplication.translate("QueueScreen", "Returned"),
        QueueGroup.WITHDRAWN: QCoreApplication.translate("QueueScreen", "Recalled or superseded"),
    }
    return titles[group]


def age_words(age: dt.timedelta) -> str:
    """A request's age, short: minutes, hours or days."""
    minutes = int(age.total_seconds() // 60)
    if minutes < 60:
        return QCoreApplication.translate("QueueScreen", "{n} min").format(n=minutes)
    if minutes < 24 * 60:
        return QCoreApplication.translate("QueueScreen", "{n} h").format(n=minutes // 60)
    return QCoreApplication.translate("QueueScreen", "{n} d").format(n=minutes // (24 * 60))


def seal_words(kind: str, seal_id: str) -> str:
    """A seal named by its kind (公章, 合同专用章 …), or by its id when its kind is not known."""
    words = {
        "official": QCoreApplication.translate("QueueScreen", "Official seal"),
        "contract": QCoreApplication.translate("QueueScreen", "Contract seal"),
        "finance": QCoreApplication.translate("QueueScreen", "Finance seal"),
        "legal-rep": QCoreApplication.translate("QueueScreen", "Legal representative's seal"),
        "department": QCoreApplication.translate("QueueScreen", "Department seal"),
        "personal": QCoreApplication.translate("QueueScreen", "Personal seal"),
    }
    if is_cross_page_entry(seal_id):  # approved with a cross-page seal (骑缝章): HT-001+cross-page
        return QCoreApplication.translate("QueueScreen", "{seal} with a cross-page seal").format(
            seal=words.get(kind, seal_of_entry(seal_id)))
    return words.get(kind, seal_id)


def _seals_words(item: WorkItem) -> str:
    kinds = item.seal_kinds or ("",) * len(item.seals)
    marks = []
    for seal, kind in zip(item.seals, kinds):
        name = seal_words(kind, seal)
        if seal in item.stamped:
            marks.append(QCoreApplication.translate("QueueScreen", "{seal} ✓").format(seal=name))
        elif seal in item.seals_stopped:
            marks.append(QCoreApplication.translate("QueueScreen", "{seal} (not usable now)").format(seal=name))
        elif seal == item.due_next:
            marks.append(QCoreApplication.translate("QueueScreen", "{seal} (next)").format(seal=name))
        else:
            marks.append(name)
    return QCoreApplication.translate("QueueScreen", ", ", "between the seals of a request").join(marks)


def _stampable(item: WorkItem) -> bool:
    """A request with a seal still to stamp whose file the station knows (a batch may take it)."""
    return (item.group in (QueueGroup.WAITING, QueueGroup.PARTLY_STAMPED) and item.due_next is not None
            and item.document_path is not None)


class _Row:
    """What one request's row shows, worded once per load (the model hands it out as the view asks)."""

    __slots__ = ("item", "texts", "spoken", "tip", "searched")

    def __init__(self, item: WorkItem, texts: list[str], spoken: str, tip: str) -> None:
        self.item, self.texts, self.spoken, self.tip = item, texts, spoken, tip
        self.searched = " ".join(texts + [item.request_id, item.approver, item.reason or ""]).casefold()


class QueueModel(QAbstractItemModel):
    """Groups as top-level rows, their requests under them; the rows are worded by the screen and set at once.

    A model of its own rather than QStandardItemModel: a load is one reset, and cells are asked for only when
    shown (hundreds of rows of items took a tenth of a second to fill, each a few calls into Qt).
    """

    def __init__(self, headers: list[str], parent=None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.groups: list[tuple[QueueGroup, str, list[_Row]]] = []
        self.bold = QFont()
        self.bold.setBold(True)

    def set_groups(self, groups: list[tuple[QueueGroup, str, list[_Row]]]) -> None:
        self.beginResetModel()
        self.groups = groups
        self.endResetModel()

    # A request's row carries its group's number + 1 as internal id; a group row carries 0.
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if not parent.isValid():
            return self.createIndex(row, column, 0) if 0 <= row < len(self.groups) else QModelIndex()
        if parent.internalId() == 0 and 0 <= row < len(self.groups[parent.row()][2]):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: D401 - Qt's name
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.groups[parent.row()][2])
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):  # noqa: N802 - Qt's name
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headers[section]
        return None

    def row_at(self, index: QModelIndex) -> _Row | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][2][index.row()]

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index)
        if row is None:
            group, title, _ = self.groups[index.row()]
            if role in (Qt.DisplayRole, Qt.AccessibleTextRole) and index.column() == 0:
                return title
            if role == Qt.FontRole:
                return self.bold
            return group if role == _GROUP_ROLE else None
        if role == Qt.DisplayRole:
            return row.texts[index.column()]
        if role == ITEM_ROLE:
            return row.item
        if role == Qt.AccessibleTextRole:
            return row.spoken
        if role == _SEARCH_ROLE:
            return row.searched
        if role == Qt.ToolTipRole:
            return row.tip if index.column() == 0 else (
                row.item.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if index.column() == 5 else None)
        return None

    def flags(self, index: QModelIndex):
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable if index.isValid() else Qt.NoItemFlags


class _Filter(QSortFilterProxyModel):
    """Keeps the rows whose text contains every word searched, in the group chosen; groups follow their rows."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.words: list[str] = []
        self.group: QueueGroup | None = None
        self.setRecursiveFilteringEnabled(True)

    def set_filter(self, text: str, group: QueueGroup | None) -> None:
        if not hasattr(self, "beginFilterChange"):  # before Qt 6.9 (invalidateFilter is deprecated from there)
            self.words, self.group = text.casefold().split(), group
            self.invalidateFilter()
            return
        self.beginFilterChange()
        self.words, self.group = text.casefold().split(), group
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802 - Qt's name
        model = self.sourceModel()
        shown = model.row_at(model.index(row, 0, parent))
        if shown is None:
            return False  # a group row stays when one of its rows does (recursive filtering)
        if self.group is not None and shown.item.group != self.group:
            return False
        return all(word in shown.searched for word in self.words)


class QueueScreen(QWidget):
    """The work queue of one custodian."""

    openRequested = Signal(object)
    """A :class:`WorkItem` to open (double-click, Enter, Open)."""
    printRequested = Signal(object)
    """A :class:`WorkItem` whose copies to print."""
    returnRequested = Signal(object)
    """A :class:`WorkItem` the custodian chose to return (退签); the dialog follows here."""
    recallRequested = Signal(object)
    """A :class:`WorkItem` whose printed copies the custodian chose to recall (收回); the dialog follows here."""
    changed = Signal()
    """A request was returned or its copies recalled (the queue reloads itself)."""
    loaded = Signal(int)
    """The queue was shown, with this many requests."""

    def __init__(self, station, parent: QWidget | None = None, *, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.user: str | None = None
        self.items: tuple[WorkItem, ...] = ()
        self.tasks = tasks or TaskRunner(self)
        self._generation = 0
        self.opened_last: str | None = None
        """The request opened last (Ctrl+N opens the one after it)."""
        self.ask_return = self._return_dialog  # tests and the window may answer these themselves
        self.ask_recall = self._recall_dialog
        self.ask_batch = self._batch_dialog
        self.batch_dialog = None
        self._build()
        self.returnRequested.connect(lambda item: self.ask_return(item))
        self.recallRequested.connect(lambda item: self.ask_recall(item))

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.setObjectName("queueScreen")
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("queueSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.group_box = QComboBox()
        self.group_box.setObjectName("queueGroupFilter")
        self.group_box.addItem("", None)
        for group in QueueGroup:
            self.group_box.addItem("", group)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("queueRefresh")

        self._headers = [""] * 6  # worded in retranslate_ui
        self.model = QueueModel(self._headers, self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTreeView()
        self.view.setObjectName("queueView")
        self.view.setModel(self.proxy)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        # Several requests at once (Ctrl/Shift+click): stamped together under one PIN (the batch dialog).
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        header = self.view.header()
        # Widths set from the longest texts at each load (_fit_columns): ResizeToContents would ask the model for
        # every cell of every row at each layout.
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setStretchLastSection(False)

        self.status_label = QLabel()
        self.status_label.setObjectName("queueStatus")
        self.status_label.setWordWrap(True)
        self.open_button = QPushButton()
        self.open_button.setObjectName("queueOpen")
        self.print_button = QPushButton()
        self.print_button.setObjectName("queuePrint")
        self.return_button = QPushButton()
        self.return_button.setObjectName("queueReturn")
        self.recall_button = QPushButton()
        self.recall_button.setObjectName("queueRecall")
        self.batch_button = QPushButton()
        self.batch_button.setObjectName("queueStampBatch")
        self.select_batch_button = QPushButton()
        self.select_batch_button.setObjectName("queueSelectBatch")

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.group_box)
        top.addWidget(self.refresh_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        for button in (self.select_batch_button, self.batch_button, self.open_button, self.print_button,
                       self.return_button, self.recall_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.setTabOrder(self.search_edit, self.group_box)
        self.setTabOrder(self.group_box, self.view)

        find = QShortcut(QKeySequence.Find, self, context=Qt.WidgetWithChildrenShortcut)
        find.activated.connect(lambda: (self.search_edit.setFocus(), self.search_edit.selectAll()))
        refresh = QShortcut(QKeySequence.Refresh, self, context=Qt.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.refresh_button.click)
        self.search_edit.returnPressed.connect(self._to_list)  # type, Enter, then Enter again opens the first found
        self.search_edit.textChanged.connect(self._filter)
        self.group_box.currentIndexChanged.connect(self._filter)
        self.refresh_button.clicked.connect(lambda: self.user and self.load(self.user))
        # Double-click and Enter, not ``activated``: styles differ on whether a double-click or a single click
        # activates, and the queue must open a request on exactly these two, once.
        self.view.doubleClicked.connect(self._activated)
        self.view.installEventFilter(self)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.batch_button.clicked.connect(lambda: self.ask_batch(self.selected_to_stamp()))
        self.select_batch_button.clicked.connect(self.select_whole_batch)
        self.open_button.clicked.connect(lambda: self.current_item() and self._open(self.current_item()))
        self.print_button.clicked.connect(lambda: self._emit(self.printRequested))
        self.return_button.clicked.connect(lambda: self._emit(self.returnRequested))
        self.recall_button.clicked.connect(lambda: self._emit(self.recallRequested))
        self.retranslate_ui()
        self._enable()

    def retranslate_ui(self) -> None:
        """Every word of the screen in the window's language; the rows are worded again from the items shown."""
        self.search_edit.setPlaceholderText(self.tr("Search document, purpose, approver, request…"))
        self.search_edit.setAccessibleName(self.tr("Search the work queue"))
        self.group_box.setAccessibleName(self.tr("Show group"))
        self.group_box.setItemText(0, self.tr("All groups"))
        for n, group in enumerate(QueueGroup, start=1):
            self.group_box.setItemText(n, group_title(group))
        self.refresh_button.setText(self.tr("Refresh"))
        self._headers[:] = [self.tr("Document"), self.tr("Seals"), self.tr("Purpose"), self.tr("Approver"),
                            self.tr("Copies approved / printed"), self.tr("Age")]
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, len(self._headers) - 1)
        self.view.setAccessibleName(self.tr("Work queue"))
        self.view.setAccessibleDescription(self.tr("The requests waiting for you, in groups. Enter opens one."))
        self.open_button.setText(self.tr("&Open"))
        self.print_button.setText(self.tr("&Print…"))
        self.return_button.setText(self.tr("&Return (退签)…"))
        self.recall_button.setText(self.tr("Re&call copies (收回)…"))
        self.batch_button.setText(self.tr("Stamp selected &together…"))
        self.batch_button.setToolTip(self.tr("Stamp every selected request still to stamp under one password and "
                                             "one PIN, each document on its own"))
        self.select_batch_button.setText(self.tr("Select its &batch"))
        self.select_batch_button.setToolTip(self.tr("Select every request approved in the same batch as this one"))
        if self.items:
            self._show_groups()
        i18n.reword(self.status_label)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- loading ------------------------------------------------------------------------

    def load(self, user: str) -> None:
        """Read ``user``'s queue in the background and show it (a newer load wins)."""
        self.user = user
        self._generation += 1
        generation = self._generation
        i18n.say(self.status_label, lambda: self.tr("Loading the work queue…"))
        self.tasks.run(lambda: self.station.stamping().work_queue(user),
                       lambda items: self._loaded(generation, items), lambda exc: self._failed(generation, exc))

    def _loaded(self, generation: int, items) -> None:
        if generation != self._generation:
            return  # a newer load is on its way
        self.show_items(items)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            i18n.say(self.status_label,
                     lambda: self.tr("The work queue cannot be read: {error}").format(error=error_text(exc)))

    def show_items(self, items) -> None:
        """Show ``items`` (work queue items, grouped as they come), keeping the selection when it is still there."""
        self.items = tuple(items)
        self._show_groups()
        n = len(self.items)
        i18n.say(self.status_label, lambda: self.tr("{n} request(s) for you.").format(n=n) if n
                  else self.tr("Nothing is waiting for you."))
        self._enable()
        self.loaded.emit(len(self.items))

    def _show_groups(self) -> None:
        """Word the rows of ``self.items`` and show them, keeping the selection (and the focus) where it was."""
        keep = self.current_item().request_id if self.current_item() else None
        groups = []
        for group in QueueGroup:
            members = [self._row(item) for item in self.items if item.group == group]
            if members:
                groups.append((group, self.tr("{group} ({n})").format(group=group_title(group), n=len(members)),
                               members))
        self.model.set_groups(groups)
        self._fit_columns(groups)
        self._filter()
        if keep:
            self.select(keep)

    def _fit_columns(self, groups) -> None:
        metrics, header = self.view.fontMetrics(), self.view.header()
        for column in range(1, len(self._headers)):
            texts = [row.texts[column] for _, _, rows in groups for row in rows] + [self._headers[column]]
            longest = max(texts, key=len)
            header.resizeSection(column, max(metrics.horizontalAdvance(longest), header.sectionSizeHint(column)) + 24)

    def _row(self, item: WorkItem) -> _Row:
        texts = [item.document_name, _seals_words(item), item.purpose, item.approver_name,
                 f"{item.copies_approved} / {item.copies_printed}", age_words(item.age)]
        spoken = self.tr("Request {id}: {document}; seals {seals}; purpose {purpose}; approved by {approver}; "
                         "{printed} of {approved} copies printed; {group}").format(
            id=item.request_id, document=item.document_name, seals=texts[1], purpose=item.purpose or "-",
            approver=item.approver_name or "-", printed=item.copies_printed, approved=item.copies_approved,
            group=group_title(item.group))
        tip = [self.tr("Request {id}").format(id=item.request_id),
               self.tr("Seals: {seals}").format(seals=", ".join(item.seals))]
        if item.document_path is not None:
            tip.append(str(item.document_path))
        if item.reason:
            tip.append(self.tr("Reason: {reason}").format(reason=item.reason))
        if item.superseded_by:
            tip.append(self.tr("Replaced by request {id}").format(id=item.superseded_by))
        row = _Row(item, texts, spoken, "\n".join(tip))
        row.searched += " " + " ".join(item.seals).casefold()  # the seals' ids find them too
        return row

    # -- selection and actions ------------------------------------------------------------

    def current_item(self) -> WorkItem | None:
        index = self.view.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else None

    def select(self, request_id: str) -> bool:
        """Make the row of ``request_id`` current (if shown); whether it is."""
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0)
            for child in range(self.proxy.rowCount(group)):
                index = self.proxy.index(child, 0, group)
                if index.data(ITEM_ROLE).request_id == request_id:
                    self.view.setCurrentIndex(index)
                    return True
        return False

    def shown_items(self) -> list[WorkItem]:
        """The requests as shown (filter applied), top to bottom."""
        found = []
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0)
            found.extend(self.proxy.index(child, 0, group).data(ITEM_ROLE) for child in range(self.proxy.rowCount(group)))
        return found

    def open_next(self) -> WorkItem | None:
        """Open the next request with a seal still to stamp (Ctrl+N): the first such after the one opened last,
        around to the top (from the top when none was opened). None (and said so) when nothing is left to stamp."""
        shown = self.shown_items()
        start = next((n + 1 for n, item in enumerate(shown) if item.request_id == self.opened_last), 0)
        for item in shown[start:] + shown[:start]:
            if item.group in (QueueGroup.WAITING, QueueGroup.PARTLY_STAMPED) and item.due_next is not None:
                self.select(item.request_id)
                self._open(item)
                return item
        i18n.say(self.status_label, lambda: self.tr("No request is waiting for a seal."))
        return None

    def _to_list(self) -> None:
        """From the search box to the list, on the first request shown when none is current."""
        self.view.setFocus()
        if self.current_item() is None and self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0, self.proxy.index(0, 0)))

    def _filter(self, *_args) -> None:
        self.proxy.set_filter(self.search_edit.text(), self.group_box.currentData())
        for row in range(self.proxy.rowCount()):  # the groups; expandAll would walk every row
            self.view.expand(self.proxy.index(row, 0))
        self._enable()

    def _enable(self) -> None:
        item = self.current_item()
        self.open_button.setEnabled(item is not None and item.document_path is not None)
        self.print_button.setEnabled(item is not None and item.group == QueueGroup.TO_PRINT)
        self.return_button.setEnabled(item is not None and item.group in (QueueGroup.WAITING,
                                                                           QueueGroup.PARTLY_STAMPED))
        self.recall_button.setEnabled(item is not None and item.copies_printed > 0
                                      and item.group != QueueGroup.WITHDRAWN)
        self.batch_button.setEnabled(bool(self.selected_to_stamp()))
        self.select_batch_button.setEnabled(item is not None and _stampable(item))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if (watched is self.view and event.type() == QEvent.KeyPress
                and event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.current_item() is not None):
            self._activated(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _activated(self, index: QModelIndex) -> None:
        item = index.data(ITEM_ROLE)
        if item is not None:
            self._open(item)

    def _open(self, item: WorkItem) -> None:
        self.opened_last = item.request_id
        self.openRequested.emit(item)

    def _emit(self, signal) -> None:
        item = self.current_item()
        if item is not None:
            signal.emit(item)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid() or index.data(ITEM_ROLE) is None:
            return
        if self.view.selectionModel().isSelected(index):  # keep a selection of several (the batch's buttons)
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.NoUpdate)
        else:
            self.view.setCurrentIndex(index)
        menu = QMenu(self)
        for button in (self.open_button, self.print_button, self.return_button, self.recall_button,
                       self.select_batch_button, self.batch_button):
            action = menu.addAction(button.text().replace("&", ""))
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # -- several at once (issue 19) -------------------------------------------------------

    def selected_items(self) -> list[WorkItem]:
        """The selected requests, top to bottom (group rows aside)."""
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: (i.parent().row(), i.row()))
        return [i.data(ITEM_ROLE) for i in rows if i.data(ITEM_ROLE) is not None]

    def selected_to_stamp(self) -> list[WorkItem]:
        """The selected requests with a seal still to stamp and a file the station knows."""
        return [item for item in self.selected_items() if _stampable(item)]

    def select_whole_batch(self) -> int:
        """Select every request shown of the current request's batch; how many are selected."""
        item = self.current_item()
        if item is None:
            return 0
        members = set(self.station.stamping().batch_members(item.request_id)) or {item.request_id}
        selection = self.view.selectionModel()
        selection.clearSelection()
        n = 0
        for row in range(self.proxy.rowCount()):
            group = self.proxy.index(row, 0)
            for child in range(self.proxy.rowCount(group)):
                index = self.proxy.index(child, 0, group)
                if index.data(ITEM_ROLE).request_id in members and _stampable(index.data(ITEM_ROLE)):
                    selection.select(index, QItemSelectionModel.Select | QItemSelectionModel.Rows)
                    n += 1
        i18n.say(self.status_label, lambda: self.tr("{n} request(s) of the batch selected.").format(n=n))
        self._enable()
        return n

    def _batch_dialog(self, items: list[WorkItem]) -> None:
        from .batch_stamp_dialog import BatchStampDialog

        if not items:
            return
        self.batch_dialog = BatchStampDialog(self.station, items, self.user or "", self)
        self.batch_dialog.finished_batch.connect(self._after_change)
        self.batch_dialog.open()

    # -- return and recall ---------------------------------------------------------------

    def _return_dialog(self, item: WorkItem) -> None:
        from .return_dialog import ReturnDialog

        dialog = ReturnDialog(self.station, item, self.user or "", self)
        dialog.returned.connect(self._after_change)
        dialog.open()

    def _recall_dialog(self, item: WorkItem) -> None:
        from .recall_dialog import RecallDialog

        dialog = RecallDialog(self.station, item, self.user or "", self)
        dialog.recalled.connect(self._after_change)
        dialog.open()

    def _after_change(self, *_args) -> None:
        self.changed.emit()
        if self.user:
            self.load(self.user)
