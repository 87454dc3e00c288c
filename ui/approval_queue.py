"""The approver's screen (审批): the requests waiting for them, and the stamped documents they may add copies to or
reprint.

Two lists (:class:`~sealstation.desks.approving.ApprovingDesk`: ``waiting_requests`` and ``stamped_history``), read
off the GUI thread. A chosen row shows the document in the custodian's preview (every page), its SHA-256 (and
whether the file at the station is still that document), the seals and copies asked for, the purpose and who asked.
A seal beyond the approver's level is shown as such, and approving is offered only for the seals the core says they
may approve (``seals_i_may_approve``): nobody types a password for an approval the core would refuse for lack of
authority. Approve, refuse or send back, 加印 and 重印 are each a dialog asking for the approver's own password.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QTabWidget, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from sealstation.desks.approving import StampedForApprover, WaitingRequest

from . import i18n
from .document_view import DocumentView
from .error_words import text as error_text

__all__ = ["ApprovalQueueScreen", "level_words", "local_time"]

ROW_ROLE = Qt.UserRole + 1
"""A row's :class:`WaitingRequest` or :class:`StampedForApprover`."""


def level_words(level: str) -> str:
    """An approver level in the window's language."""
    words = {
        "department_manager": QCoreApplication.translate("ApprovalQueueScreen", "department manager"),
        "finance_director": QCoreApplication.translate("ApprovalQueueScreen", "finance director"),
        "general_manager": QCoreApplication.translate("ApprovalQueueScreen", "general manager"),
    }
    return words.get(level, level)


def local_time(iso: str) -> str:
    """A stored UTC time as the station's local date and minute."""
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return iso or ""


class ApprovalQueueScreen(QWidget):
    """What waits for one approver, and their stamped documents; a chosen one previewed with its facts."""

    loaded = Signal(int)
    """The number of requests waiting, once the lists are read."""
    changed = Signal()
    """Something was approved, refused, sent back or given extra copies (the lists were read again)."""

    def __init__(self, station, tasks, user: str, parent=None) -> None:
        super().__init__(parent)
        self.station, self.tasks, self.user = station, tasks, user
        self.desk = station.approving()
        self.setObjectName("approvalQueueScreen")
        self.waiting: tuple[WaitingRequest, ...] = ()
        self.history: tuple[StampedForApprover, ...] = ()
        self.chosen: WaitingRequest | StampedForApprover | None = None
        self.dialog = None
        """The dialog open now (approve, refuse, extra copies, reprint), for tests and to keep it alive."""
        self._generation = 0
        self._note = None
        self._build()
        self.retranslate_ui()
        self._show_chosen()

    # -- layout ---------------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("approvalTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("approvalTabs")
        self.waiting_list = self._list("approvalList")
        self.history_list = self._list("historyList")
        self.tabs.addTab(self.waiting_list, "")
        self.tabs.addTab(self.history_list, "")
        self.tabs.currentChanged.connect(lambda _i: self._chosen_changed())
        self.status = QLabel()
        self.status.setObjectName("approvalStatus")
        self.status.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tabs, 1)
        self.refresh_button = self._button("approvalRefresh", self.refresh)
        # F5 on every platform (QKeySequence.Refresh has no key on some): requests received since are read. Its own
        # shortcut object: a button's setText resets the button's shortcut to the text's mnemonic.
        self.refresh_shortcut = QShortcut(QKeySequence("F5"), self, context=Qt.WidgetWithChildrenShortcut)
        self.refresh_shortcut.activated.connect(self.refresh)
        under = QHBoxLayout()
        under.addWidget(self.status, 1)
        under.addWidget(self.refresh_button)
        left_layout.addLayout(under)

        self.facts = QLabel()
        self.facts.setObjectName("approvalFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.hash_label = QLabel()
        self.hash_label.setObjectName("approvalHash")
        self.hash_label.setWordWrap(True)
        self.hash_label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.authority = QLabel()
        self.authority.setObjectName("approvalAuthority")
        self.authority.setWordWrap(True)
        buttons = QHBoxLayout()
        self.approve_button = self._button("approveButton", self.open_approve)
        self.refuse_button = self._button("refuseButton", self.open_refuse)
        self.extra_button = self._button("extraCopiesButton", self.open_extra_copies)
        self.reprint_button = self._button("reprintButton", self.choose_reprint)
        for button in (self.approve_button, self.refuse_button, self.extra_button, self.reprint_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.view = DocumentView()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.facts)
        right_layout.addWidget(self.hash_label)
        right_layout.addWidget(self.authority)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.view, 1)

        splitter = QSplitter(Qt.Horizontal)
        splitter.setObjectName("approvalSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)

    def _list(self, name: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName(name)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setSelectionMode(QAbstractItemView.SingleSelection)
        tree.setAllColumnsShowFocus(True)
        tree.currentItemChanged.connect(lambda *_a: self._chosen_changed())
        tree.itemActivated.connect(lambda *_a: self._activated())
        return tree

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Requests to approve"))
        self.tabs.setTabText(0, self.tr("Waiting for approval"))
        self.tabs.setTabText(1, self.tr("Stamped documents (加印, 重印)"))
        self.waiting_list.setHeaderLabels([self.tr("Document"), self.tr("Seals asked for"), self.tr("Copies"),
                                           self.tr("Asked by"), self.tr("Received")])
        self.history_list.setHeaderLabels([self.tr("Document"), self.tr("Seals"), self.tr("Copies approved"),
                                           self.tr("Printed"), self.tr("Stamped")])
        self.waiting_list.setAccessibleName(self.tr("Requests waiting for your approval"))
        self.history_list.setAccessibleName(self.tr("Stamped documents"))
        self.tabs.setAccessibleName(self.tr("Requests to approve"))
        # Qt names its tab bar's scroll buttons once, when made: named again here for a language switched later.
        for button, words in ((self.tabs.findChild(QToolButton, "ScrollLeftButton"), self.tr("Scroll left")),
                              (self.tabs.findChild(QToolButton, "ScrollRightButton"), self.tr("Scroll right"))):
            if button is not None:
                button.setAccessibleName(words)
        self.approve_button.setText(self.tr("&Approve…"))
        self.refuse_button.setText(self.tr("&Refuse or send back…"))
        self.extra_button.setText(self.tr("&Extra copies (加印)…"))
        self.reprint_button.setText(self.tr("Re&print a corrected document (重印)…"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the requests again (F5)"))
        self._fill()
        self._show_chosen()
        i18n.reword(self.status, self.hash_label)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- loading --------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read both lists again (off the GUI thread); a result older than the last asked for is dropped."""
        self._generation += 1
        generation, desk, user = self._generation, self.desk, self.user
        i18n.say(self.status, lambda: self.tr("Reading the requests…"))
        self.tasks.run(lambda: (desk.waiting_requests(user), desk.stamped_history(user)),
                       lambda result: self._loaded(generation, *result),
                       lambda exc: self._load_failed(generation, exc), read=True)

    def _loaded(self, generation: int, waiting, history) -> None:
        if generation != self._generation:
            return
        self.waiting, self.history = tuple(waiting), tuple(history)
        self._fill()
        count, note, self._note = len(self.waiting), self._note, None
        i18n.say(self.status, lambda: " ".join(
            ([note()] if note else []) + [self.tr("Requests waiting for your approval: {n}.").format(n=count)]))
        self.loaded.emit(count)

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            i18n.say(self.status, lambda: self.tr("The requests cannot be read: {error}").format(error=error_text(exc)))

    def _fill(self) -> None:
        keep = self._chosen_id()
        for tree, rows, row_texts in ((self.waiting_list, self.waiting, self._waiting_texts),
                                      (self.history_list, self.history, self._history_texts)):
            tree.blockSignals(True)
            tree.clear()
            for row in rows:
                item = QTreeWidgetItem(row_texts(row))
                item.setData(0, ROW_ROLE, row)
                item.setToolTip(0, row.request.id)
                tree.addTopLevelItem(item)
                if keep == (tree is self.history_list, row.request.id):
                    tree.setCurrentItem(item)
            for column in range(tree.columnCount()):
                tree.resizeColumnToContents(column)
            tree.blockSignals(False)
        self._chosen_changed()  # its row read again (copies approved since, …); the preview kept when the same

    def _waiting_texts(self, row: WaitingRequest) -> list[str]:
        r = row.request
        return [r.document_name, self.tr(", ", "between seal names").join(row.seal_names), str(r.copies),
                row.requester_name, local_time(r.created_at)]

    def _history_texts(self, row: StampedForApprover) -> list[str]:
        r = row.request
        return [r.document_name, self.tr(", ", "between seal names").join(row.seal_names), str(row.copies_approved),
                str(row.copies_printed), local_time(row.stamped_at)]

    # -- the chosen row -------------------------------------------------------------------------------------------

    @property
    def on_history(self) -> bool:
        return self.tabs.currentIndex() == 1

    def _chosen_id(self) -> tuple[bool, str] | None:
        return None if self.chosen is None else (isinstance(self.chosen, StampedForApprover), self.chosen.request.id)

    def _chosen_changed(self) -> None:
        tree = self.history_list if self.on_history else self.waiting_list
        if tree.currentItem() is None and tree.topLevelItemCount():
            tree.blockSignals(True)
            tree.setCurrentItem(tree.topLevelItem(0))  # the first one shown at once, as a person would open it
            tree.blockSignals(False)
        item = tree.currentItem()
        chosen = item.data(0, ROW_ROLE) if item is not None else None
        same = chosen is not None and self.chosen is not None and type(chosen) is type(self.chosen) \
            and chosen.request.id == self.chosen.request.id
        self.chosen = chosen
        self._show_chosen()
        if not same:
            self._preview()

    def choose(self, request_id: str, *, history: bool = False) -> bool:
        """Choose the row of ``request_id`` (in the history when ``history``), as a click does."""
        self.tabs.setCurrentIndex(1 if history else 0)
        tree = self.history_list if history else self.waiting_list
        for index in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(index)
            if item.data(0, ROW_ROLE).request.id == request_id:
                tree.setCurrentItem(item)
                return True
        return False

    def _document_of(self, chosen) -> Path | None:
        if isinstance(chosen, StampedForApprover):
            return chosen.output
        path = chosen.request.document_path if chosen is not None else None
        return Path(path) if path else None

    def _preview(self) -> None:
        path = self._document_of(self.chosen)
        i18n.say(self.hash_label, "")
        if path is None or not path.is_file():
            self.view.close_document()
            if self.chosen is not None:
                i18n.say(self.hash_label, lambda: self.tr("The document is not at the station: it cannot be shown."))
            return
        self.view.open_document(path)
        self._check_hash(self.chosen, path)

    def _check_hash(self, chosen, path: Path) -> None:
        """The SHA-256 asked for, and whether the file at the station still is that document (read off the GUI
        thread; the approval checks it again)."""
        if isinstance(chosen, StampedForApprover):
            i18n.say(self.hash_label, "")
            self.tasks.run(lambda: self.desk.document_sha256(path), lambda sha: self._stamped_hash(chosen, sha),
                           lambda _exc: None)
            return
        asked = chosen.request.document_sha256
        i18n.say(self.hash_label, lambda: self.tr("SHA-256: {sha}").format(sha=asked))
        self.tasks.run(lambda: self.desk.document_sha256(path), lambda sha: self._hash_read(chosen, sha),
                       lambda _exc: None)

    def _is_chosen(self, row) -> bool:
        return self.chosen is not None and type(row) is type(self.chosen) and row.request.id == self.chosen.request.id

    def _hash_read(self, chosen, sha: str) -> None:
        if not self._is_chosen(chosen):
            return
        asked = chosen.request.document_sha256
        if sha == asked:
            i18n.say(self.hash_label, lambda: self.tr("SHA-256: {sha}\nThe file at the station is the document "
                                                      "asked for.").format(sha=asked))
        else:
            i18n.say(self.hash_label, lambda: self.tr("SHA-256 asked for: {sha}\nThe file at the station changed "
                                                      "since (now {now}): it cannot be approved.").format(
                sha=asked, now=sha))

    def _stamped_hash(self, chosen, sha: str) -> None:
        if self._is_chosen(chosen):
            i18n.say(self.hash_label, lambda: self.tr("Stamped file's SHA-256: {sha}").format(sha=sha))

    def _show_chosen(self) -> None:
        chosen = self.chosen
        history = isinstance(chosen, StampedForApprover)
        for button in (self.approve_button, self.refuse_button):
            button.setVisible(not self.on_history)
        for button in (self.extra_button, self.reprint_button):
            button.setVisible(self.on_history)
        self.approve_button.setEnabled(isinstance(chosen, WaitingRequest) and bool(chosen.offered))
        self.refuse_button.setEnabled(isinstance(chosen, WaitingRequest))
        self.extra_button.setEnabled(history and chosen.output is not None)
        self.reprint_button.setEnabled(history)
        if chosen is None:
            rows = self.history if self.on_history else self.waiting
            if not rows:  # nothing to choose: say so, rather than ask for a choice that cannot be made
                self.facts.setText(self.tr("No request waits for your approval. New requests are listed here as they "
                                           "arrive (Refresh: F5).") if not self.on_history else
                                   self.tr("No document approved by you has been stamped yet."))
            else:
                self.facts.setText(self.tr("Choose a request to see its document and what it asks for.")
                                   if not self.on_history else self.tr("Choose a stamped document to allow more "
                                                                       "copies of it or a corrected reprint."))
            self.authority.setText("")
            self.authority.setVisible(False)
            return
        r = chosen.request
        if history:
            self.facts.setText(self.tr(
                "{document} — request {id}\nSeals: {seals}\nApproved by {approver}; {approved} copies approved, "
                "{printed} printed; stamped {at}\nPurpose: {purpose}").format(
                document=r.document_name, id=r.id, seals=self._seal_list(chosen), approver=chosen.approver_name,
                approved=chosen.copies_approved, printed=chosen.copies_printed, at=local_time(chosen.stamped_at),
                purpose=r.purpose or "-"))
            self.authority.setText("")
            self.authority.setVisible(False)
            return
        self.facts.setText(self.tr(
            "{document} — request {id}, {pages} page(s)\nSeals asked for: {seals}\nCopies: {copies}\n"
            "Purpose: {purpose}\nAsked by {requester} on {at}").format(
            document=r.document_name, id=r.id, pages=r.page_count, seals=self._seal_list(chosen), copies=r.copies,
            purpose=r.purpose or "-", requester=chosen.requester_name, at=local_time(r.created_at)))
        self.authority.setText(self._authority_words(chosen))
        self.authority.setVisible(True)
        self.authority.setStyleSheet("color: #b00020" if chosen.beyond else "")

    def _seal_list(self, chosen: WaitingRequest | StampedForApprover) -> str:
        names = [self.tr("{name} ({id})").format(name=name, id=seal)
                 for seal, name in zip(chosen.request.seals, chosen.seal_names)]
        return self.tr(", ", "between seal names").join(names)

    def _authority_words(self, chosen: WaitingRequest) -> str:
        if not chosen.beyond:
            return self.tr("You may approve every seal asked for.")
        names = dict(zip(chosen.request.seals, chosen.seal_names))
        beyond = self.tr(", ", "between seal names").join(
            self.tr("{seal} (needs a {level})").format(seal=names.get(seal, seal), level=level_words(level))
            for seal, level in chosen.beyond)
        if not chosen.offered:
            return self.tr("Beyond your authority: {seals}. Ask an approver with that authority; you may refuse or "
                           "send it back.").format(seals=beyond)
        return self.tr("Beyond your authority: {seals}. You may approve the others only.").format(seals=beyond)

    def _activated(self) -> None:
        if self.on_history:
            if self.extra_button.isEnabled():
                self.open_extra_copies()
        elif self.approve_button.isEnabled():
            self.open_approve()

    # -- the dialogs ----------------------------------------------------------------------------------------------

    def _opened(self, dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()

    def open_approve(self) -> None:
        if not isinstance(self.chosen, WaitingRequest) or not self.chosen.offered:
            return
        from .approve_dialog import ApproveDialog

        dialog = ApproveDialog(self.station, self.user, self.chosen, parent=self)
        dialog.approved.connect(lambda _result: self._after(lambda: self.tr("Approved and signed.")))
        self._opened(dialog)

    def open_refuse(self) -> None:
        if not isinstance(self.chosen, WaitingRequest):
            return
        from .refuse_dialog import RefuseDialog

        dialog = RefuseDialog(self.station, self.user, self.chosen.request, parent=self,
                              requester_name=self.chosen.requester_name)
        dialog.decided.connect(lambda _request: self._after(lambda: self.tr("The request was refused or sent back.")))
        self._opened(dialog)

    def open_extra_copies(self) -> None:
        if not isinstance(self.chosen, StampedForApprover) or self.chosen.output is None:
            return
        from .extra_copies_dialog import ExtraCopiesDialog

        dialog = ExtraCopiesDialog(self.station, self.chosen.output, self, approver=self.user)
        dialog.allowed.connect(lambda _a: self._after(lambda: self.tr("Extra copies (加印) allowed.")))
        self._opened(dialog)

    def choose_reprint(self) -> None:
        """重印: the corrected document is chosen, then approved in the approval dialog."""
        if not isinstance(self.chosen, StampedForApprover):
            return
        start = str(self.station.home.documents_dir)
        path = self._choose_file(self.tr("The corrected document for {document}").format(
            document=self.chosen.request.document_name), start)
        if path:
            self.open_reprint(Path(path))

    def _choose_file(self, title: str, start: str) -> str:
        path, _ = QFileDialog.getOpenFileName(self, title, start, "PDF (*.pdf)")
        return path

    def open_reprint(self, document: Path) -> None:
        if not isinstance(self.chosen, StampedForApprover):
            return
        from .approve_dialog import ApproveDialog

        dialog = ApproveDialog(self.station, self.user, self.chosen, reprint=Path(document), parent=self)
        dialog.approved.connect(lambda _result: self._after(lambda: self.tr("The corrected document is approved "
                                                                            "(重印); the custodian stamps it.")))
        self._opened(dialog)

    def _after(self, words) -> None:
        self._note = words  # said with the lists read again
        self.refresh()
        self.changed.emit()

    def shut_down(self) -> None:
        """At logout: the preview's render process goes."""
        self.view.shutdown()
