"""The office's seal register (印章台账): every seal with its image at true size, kind, custodian, USB key,
certificate, validity, status and its whole history; making a seal and each step of its life from here.

The rows come from ``station.seal_office().seal_register`` (the core checks the office's role and each record's
signature, and reads the certificates from the USB key) and a seal's history from ``seal_history``, both in the
background. The steps offered for a seal are the ones its status allows (the core's state machine); each opens
its own dialog (:mod:`ui.seal_action_dialog`, :mod:`ui.seal_make_dialog`) that explains it before doing it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from sealstation.seals.lifecycle import SealAction, SealStatus

from .error_words import text as error_text
from .queue_screen import seal_words
from .seal_action_dialog import OFFERED, SealActionDialog
from .seal_picture import SealPicture
from .seal_words import action_words, status_words
from .office_screen import fit_columns

__all__ = ["SealRegisterScreen"]

_SEAL = Qt.UserRole


def _day(value: str | dt.datetime | None) -> str:
    if not value:
        return "—"
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return (moment.astimezone() if moment.tzinfo else moment).strftime("%Y-%m-%d")


def _minute(moment: dt.datetime) -> str:
    return (moment.astimezone() if moment.tzinfo else moment).strftime("%Y-%m-%d %H:%M")


class SealRegisterScreen(QWidget):
    """The register: the seals' table, the chosen seal's card and history, and the office's steps."""

    def __init__(self, station, tasks, user: str, parent=None) -> None:
        super().__init__(parent)
        self.station, self.tasks, self.user = station, tasks, user
        self.setObjectName("sealRegisterScreen")
        self.rows: tuple = ()
        self.custodians: tuple = ()
        self.history: tuple = ()
        self._chosen: str | None = None
        self._loading = 0
        self._gone = False
        self.dialog = None
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("sealRegisterTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold")
        head.addWidget(self.title, 1)
        self.make_button = QPushButton()
        self.make_button.setObjectName("makeSealButton")
        self.make_button.clicked.connect(self.make_seal)
        head.addWidget(self.make_button)
        layout.addLayout(head)
        steps = QHBoxLayout()
        self.step_buttons: dict[SealAction, QPushButton] = {}
        for action in OFFERED:
            button = QPushButton()
            button.setObjectName(f"seal{action.value.capitalize()}Button")
            button.clicked.connect(lambda _c=False, a=action: self.take_step(a))
            steps.addWidget(button)
            self.step_buttons[action] = button
        steps.addStretch(1)
        layout.addLayout(steps)
        split = QSplitter(Qt.Vertical)
        layout.addWidget(split, 1)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("sealTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setIconSize(QSize(40, 40))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(46)
        fit_columns(self.table.horizontalHeader())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        split.addWidget(self.table)
        lower = QWidget()
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.card = QGroupBox()
        self.card.setObjectName("sealCard")
        card_layout = QHBoxLayout(self.card)
        self.picture = SealPicture()
        self.picture.setObjectName("sealPicture")
        card_layout.addWidget(self.picture, 0, Qt.AlignTop)
        self.facts = QFormLayout()
        card_layout.addLayout(self.facts, 1)
        self.fact_labels: dict[str, QLabel] = {}
        for key in ("seal", "kind", "status", "custodian", "token", "stations", "validity", "certificate", "serial",
                    "cert_validity"):
            value = QLabel()
            value.setObjectName(f"sealFact_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.fact_labels[key] = value
            self.facts.addRow(QLabel(), value)
        lower_layout.addWidget(self.card, 1)
        self.history_box = QGroupBox()
        history_layout = QVBoxLayout(self.history_box)
        self.history_table = QTableWidget(0, 5)
        self.history_table.setObjectName("sealHistory")
        self.history_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.history_table.verticalHeader().setVisible(False)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        # The record and the reason share what is left and wrap: no column hides off to the right.
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        self.history_table.setWordWrap(True)
        history_layout.addWidget(self.history_table)
        lower_layout.addWidget(self.history_box, 1)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        self.message = QLabel()
        self.message.setObjectName("sealRegisterMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._retranslate()
        self._show_chosen()

    # -- words ----------------------------------------------------------------------------

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self._retranslate()
            self._fill()
            self._show_chosen()
            self._fill_history()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Seal register"))
        self.make_button.setText(self.tr("&Make a seal…"))
        self.make_button.setToolTip(self.tr("Make a new seal: its image, its key on the USB key, its record"))
        labels = {SealAction.ISSUE: self.tr("&Issue…"), SealAction.CHANGE: self.tr("C&hange…"),
                  SealAction.SUSPEND: self.tr("&Suspend…"), SealAction.RESUME: self.tr("&Resume…"),
                  SealAction.WITHDRAW: self.tr("&Withdraw…"), SealAction.REVOKE: self.tr("Revo&ke…"),
                  SealAction.DESTROY: self.tr("&Destroy the key…")}
        for action, button in self.step_buttons.items():
            button.setText(labels[action])
        self.table.setAccessibleName(self.tr("The station's seals"))
        self.table.setHorizontalHeaderLabels([self.tr("Seal"), self.tr("Kind"), self.tr("Status"),
                                              self.tr("Custodian"), self.tr("USB key"), self.tr("Valid until"),
                                              self.tr("Certificate")])
        self.card.setTitle(self.tr("The seal"))
        self.picture.setAccessibleName(self.tr("The seal's image at true size"))
        names = {"seal": self.tr("Seal"), "kind": self.tr("Kind"), "status": self.tr("Status"),
                 "custodian": self.tr("Custodian"), "token": self.tr("USB key"), "stations": self.tr("Stations"),
                 "validity": self.tr("Valid"), "certificate": self.tr("Certificate"), "serial": self.tr("Serial"),
                 "cert_validity": self.tr("Certificate valid")}
        for key, value in self.fact_labels.items():
            self.facts.labelForField(value).setText(names[key])
            value.setAccessibleName(names[key])
        self.history_box.setTitle(self.tr("History"))
        self.history_table.setAccessibleName(self.tr("The seal's history"))
        self.history_table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"),
                                                      self.tr("Record"), self.tr("Why")])

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the register again (in the background), keeping the seal chosen."""
        office, user = self.station.seal_office(), self.user
        self._loading += 1
        self.message.setText(self.tr("Reading the register…"))
        # The custodians an issue offers, read with the register: a dialog opens without reading on the GUI thread.
        self.tasks.run(lambda: (office.seal_register(user), office.custodians(user)), self._loaded, self._failed,
                       read=True)

    @property
    def loading(self) -> bool:
        return self._loading > 0

    def _loaded(self, found) -> None:
        self._loading -= 1
        if self._gone:
            return
        rows, self.custodians = found
        self.rows = tuple(rows)
        self.message.setText(self.tr("{n} seals in the register.").format(n=len(self.rows)))
        self._fill()
        if self._chosen is None and self.rows:
            self._chosen = self.rows[0].record.seal_id
        self.choose(self._chosen)

    def _failed(self, exc: BaseException) -> None:
        self._loading -= 1
        if self._gone:
            return
        self.message.setText(error_text(exc))

    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            record = row.record
            pixmap = QPixmap()
            if row.image_png:
                pixmap.loadFromData(row.image_png, "PNG")
            name = QTableWidgetItem(QIcon(pixmap), record.name)
            name.setData(_SEAL, record.seal_id)
            name.setToolTip(record.seal_id)
            status = status_words(record.status) if row.signed else self.tr("Record altered: not signed")
            cert = self._cert_words(row)
            cells = [name, QTableWidgetItem(seal_words(record.kind.value, record.seal_id)), QTableWidgetItem(status),
                     QTableWidgetItem(row.custodian_name or "—"), QTableWidgetItem(record.token_label or "—"),
                     QTableWidgetItem(_day(record.valid_until)), QTableWidgetItem(cert)]
            for column, item in enumerate(cells):
                self.table.setItem(i, column, item)
        self.table.blockSignals(False)

    def _cert_words(self, row) -> str:
        if row.certificate is None and row.record.status == SealStatus.DESTROYED:
            return self.tr("Destroyed with the key")
        if row.certificate is None:
            return self.tr("Not on the USB key plugged in")
        if not row.certificate.matches:
            return self.tr("Another certificate than the registered one")
        return self.tr("On the USB key, valid until {day}").format(day=_day(row.certificate.not_after))

    # -- the chosen seal ----------------------------------------------------------------------

    def choose(self, seal_id: str | None) -> None:
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).data(_SEAL) == seal_id:
                self.table.selectRow(i)
                self._selection_changed()
                return
        self._chosen = None
        self._show_chosen()

    def chosen_row(self):
        return next((r for r in self.rows if r.record.seal_id == self._chosen), None)

    def _selection_changed(self) -> None:
        items = self.table.selectedItems()
        if items:
            self._chosen = self.table.item(items[0].row(), 0).data(_SEAL)
        self._show_chosen()
        self._load_history()

    def _show_chosen(self) -> None:
        row = self.chosen_row()
        for action, button in self.step_buttons.items():
            button.setEnabled(row is not None and row.signed and action in row.actions)
        if row is None:
            self.picture.show_seal(None, (0, 0), self.tr("No seal chosen"))
            for value in self.fact_labels.values():
                value.setText("")
            return
        record = row.record
        self.picture.show_seal(row.image_png, record.size_mm, self.tr("The image is missing or not the registered one"))
        facts = self.fact_labels
        facts["seal"].setText(self.tr("{name} ({id}), {w:g} × {h:g} mm, version {version}").format(
            name=record.name, id=record.seal_id, w=record.width_mm, h=record.height_mm, version=record.version))
        facts["kind"].setText(seal_words(record.kind.value, record.seal_id))
        facts["status"].setText(status_words(record.status) if row.signed else self.tr(
            "The record was altered outside the office: it is not signed and the seal stamps nothing."))
        facts["custodian"].setText(self.tr("{name} ({user})").format(name=row.custodian_name, user=record.custodian)
                                   if record.custodian else self.tr("nobody"))
        facts["token"].setText(record.token_label or "—")
        facts["stations"].setText(", ".join(record.stations) or self.tr("any station"))
        facts["validity"].setText(self.tr("{since} to {until}").format(since=_day(record.valid_from),
                                                                       until=_day(record.valid_until)))
        cert = row.certificate
        facts["certificate"].setText(self.tr("{name}, {organisation}; certified by {issuer}").format(
            name=cert.seal_name, organisation=cert.organisation, issuer=cert.issuer) if cert else self._cert_words(row))
        facts["certificate"].setToolTip(cert.subject if cert else "")
        facts["serial"].setText(cert.serial if cert else "—")
        facts["cert_validity"].setText(self.tr("{since} to {until}").format(since=_day(cert.not_before),
                                                                            until=_day(cert.not_after))
                                       if cert else "—")

    def _load_history(self) -> None:
        seal_id, office, user = self._chosen, self.station.seal_office(), self.user
        if seal_id is None:
            self.history = ()
            self._fill_history()
            return
        self.tasks.run(lambda: office.seal_history(user, seal_id),
                       lambda history: self._history_loaded(seal_id, history), self._failed_quietly, read=True)

    def _history_loaded(self, seal_id: str, history) -> None:
        if seal_id == self._chosen and not self._gone:
            self.history = tuple(history)
            self._fill_history()

    def _failed_quietly(self, exc: BaseException) -> None:
        if not self._gone:
            self.message.setText(error_text(exc))

    def _fill_history(self) -> None:
        self.history_table.setRowCount(len(self.history))
        for i, entry in enumerate(self.history):
            facts = entry.facts
            if entry.record is not None:
                record = self.tr("version {version}: {status}, custodian {custodian}").format(
                    version=entry.record.version, status=status_words(entry.record.status),
                    custodian=entry.custodian_name or self.tr("nobody"))
            elif "delegate" in facts:
                record = self.tr("{delegate}, {starts} to {ends}").format(
                    delegate=entry.custodian_name, starts=_day(facts.get("starts")),
                    ends=_day(facts.get("ends") or facts.get("ended")))
            else:
                record = ""
            why = facts.get("note") or facts.get("reason") or ""
            who = self.tr("{name} ({user})").format(name=entry.actor_name, user=entry.actor) \
                if entry.actor_name and entry.actor_name != entry.actor else entry.actor or self.tr("the station")
            cells = [_minute(entry.at), who, action_words(entry.action), record, why]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                item.setToolTip(str(text))
                self.history_table.setItem(i, column, item)
        self.history_table.resizeRowsToContents()

    # -- the office's steps ---------------------------------------------------------------------

    def make_seal(self) -> None:
        from .seal_make_dialog import MakeSealDialog

        organisation = self.rows[0].record.organisation if self.rows else ""
        self.dialog = MakeSealDialog(self.station, self.tasks, self.user, organisation, self)
        self.dialog.sealMade.connect(self._made)
        self.dialog.open()

    def _made(self, seal_id: str) -> None:
        self._chosen = seal_id
        self.refresh()

    def take_step(self, action: SealAction) -> None:
        row = self.chosen_row()
        if row is None or action not in row.actions:
            return
        self.dialog = SealActionDialog(self.station, self.tasks, self.user, row, action, self,
                                       custodians=self.custodians)
        self.dialog.stepDone.connect(lambda _seal: self.refresh())
        self.dialog.open()

    def shut_down(self) -> None:
        """Its person logged out: an open dialog goes, and what is still being read is dropped when it arrives."""
        self._gone = True
        if self.dialog is not None:
            self.dialog.reject()
