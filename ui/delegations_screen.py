"""The office's delegations (代管) and handovers (交接): a calendar line per seal, the delegations listed below it.

A delegation is dated and approved by an approver with the seal's authority; it may be ended early (the office signs
the shortened one, which replaces it). A handover passes the seal to another custodian for good (the core's
``handover``: a new signed version of the seal's record, no approver); the calendar shows who held the seal when.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QAbstractItemView, QGridLayout, QHBoxLayout, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from .calendar_line import CalendarLine, delegation_state, last_local_day, local_day
from .delegation_dialog import DelegationDialog
from .handover_dialog import HandoverDialog
from .i18n import reword, say
from .office_confirm_dialog import OfficeConfirmDialog
from .office_screen import OfficeScreen, fit_columns
from .office_words import kind_name

__all__ = ["DelegationsScreen"]

DAYS_SHOWN = 42
"""Six weeks on the calendar, from the Monday of last week."""


class DelegationsScreen(OfficeScreen):
    """Built as ``DelegationsScreen(station, tasks, user, parent)``."""

    def __init__(self, station, tasks, user: str, parent=None) -> None:
        super().__init__(station, tasks, user, parent)
        self.calendars: tuple = ()
        self.custodians: tuple = ()
        self.names: dict[str, str] = {}
        self.approvers: dict = {}
        self.now = dt.datetime.now(dt.timezone.utc)
        today = dt.date.today()
        self.first_day = today - dt.timedelta(days=today.weekday() + 7)
        self.lines: dict[str, CalendarLine] = {}
        self.setObjectName("delegationsScreen")
        layout = QVBoxLayout(self)
        self.title = self.heading("delegationsTitle")
        layout.addWidget(self.title)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        layout.addWidget(self.explain)
        nav = QHBoxLayout()
        self.earlier_button = self._button("calendarEarlier", nav, lambda: self.shift(-14))
        self.today_button = self._button("calendarToday", nav, self.go_today)
        self.later_button = self._button("calendarLater", nav, lambda: self.shift(14))
        self.range_label = QLabel()
        self.range_label.setObjectName("calendarRange")
        nav.addWidget(self.range_label)
        nav.addStretch(1)
        layout.addLayout(nav)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.header = CalendarLine(header=True)
        self.header.setObjectName("calendarHeader")
        self.grid.addWidget(self.header, 0, 1)
        layout.addLayout(self.grid)
        self.empty_note = QLabel()
        self.empty_note.setObjectName("delegationsEmpty")
        self.empty_note.setWordWrap(True)
        layout.addWidget(self.empty_note)
        self.table = QTableWidget(0, 7)
        self.table.setObjectName("delegationsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table.horizontalHeader())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = self._button("addDelegation", buttons, self.add_delegation)
        self.end_button = self._button("endDelegation", buttons, self.end_early)
        self.handover_button = self._button("handOver", buttons, self.hand_over)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_line("delegationsStatus"))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Delegations and handovers"))
        self.explain.setText(self.tr("A delegation (代管) lets a stand-in custodian stamp with a seal on the days "
                                     "given, approved by an approver with the seal's authority. A handover (交接) "
                                     "passes the seal to another custodian for good. Green: who holds the seal; blue: "
                                     "delegations (dark: now, light: planned, grey: over); red: now."))
        self.earlier_button.setText(self.tr("◀ &Earlier"))
        self.earlier_button.setAccessibleName(self.tr("Two weeks earlier"))
        self.today_button.setText(self.tr("&Today"))
        self.later_button.setText(self.tr("Late&r ▶"))
        self.later_button.setAccessibleName(self.tr("Two weeks later"))
        self.table.setHorizontalHeaderLabels([self.tr("Seal"), self.tr("Stand-in custodian"), self.tr("First day"),
                                              self.tr("Last day"), self.tr("Approved by"), self.tr("Reason"),
                                              self.tr("State")])
        self.table.setAccessibleName(self.tr("Delegations"))
        self.empty_note.setText(self.tr("No delegation is recorded for these seals yet: 'Delegate a seal…' adds one, "
                                        "dated and approved."))
        self.add_button.setText(self.tr("&Delegate a seal…"))
        self.end_button.setText(self.tr("E&nd early…"))
        self.handover_button.setText(self.tr("&Hand over…"))
        self._show()
        reword(self.status)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- loading and showing ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        station, user = self.station, self.user

        def load():
            office = station.seal_office()
            calendars = office.seal_calendar(user)
            approvers = {c.seal.seal_id: office.approvers_for(c.seal.seal_id, user) for c in calendars}
            return calendars, office.custodians(user), approvers, station.now()

        self.tasks.run(load, self._loaded, self._failed, read=True)

    def _loaded(self, loaded) -> None:
        self.calendars, self.custodians, self.approvers, self.now = loaded
        people = [*self.custodians, *(p for ps in self.approvers.values() for p in ps)]
        self.names = {p.username: p.display_name for p in people if p.display_name}
        self._show()

    def who(self, username: str | None) -> str:
        """A person's name for their login name: the office knows people by their names."""
        return self.names.get(username, username) if username else ""

    def shift(self, days: int) -> None:
        self.first_day += dt.timedelta(days=days)
        self._show()

    def go_today(self) -> None:
        today = local_day(self.now)
        self.first_day = today - dt.timedelta(days=today.weekday() + 7)
        self._show()

    def _show(self) -> None:
        last = self.first_day + dt.timedelta(days=DAYS_SHOWN - 1)
        self.range_label.setText(self.tr("{first} to {last}").format(first=self.first_day.isoformat(),
                                                                     last=last.isoformat()))
        self.header.set_line(None, self.first_day, DAYS_SHOWN, self.now)
        for row, calendar in enumerate(self.calendars, start=1):
            seal = calendar.seal
            line = self.lines.get(seal.seal_id)
            if line is None:
                label = QLabel()
                label.setObjectName(f"calendarSeal_{seal.seal_id}")
                line = CalendarLine()
                line.setObjectName(f"calendarLine_{seal.seal_id}")
                line.delegationClicked.connect(self._bar_clicked)
                self.grid.addWidget(label, row, 0)
                self.grid.addWidget(line, row, 1)
                self.lines[seal.seal_id] = line
            label = self.grid.itemAtPosition(row, 0).widget()
            label.setText(self.tr("{name}\n{kind}").format(name=seal.name, kind=kind_name(seal.kind)))
            line.set_line(calendar, self.first_day, DAYS_SHOWN, self.now, self.names)
        self._fill_table()

    def _fill_table(self) -> None:
        chosen = self.selected()
        rows = [(c.seal, d) for c in self.calendars for d in c.delegations]
        self.table.setRowCount(len(rows))
        self.empty_note.setVisible(not rows)  # an empty table says nothing by itself
        for index, (seal, d) in enumerate(rows):
            cells = (seal.name, self.who(d.delegate), local_day(d.starts).isoformat(), last_local_day(d.ends).isoformat()
                     if d.ends > d.starts else self.tr("cancelled"), self.who(d.approved_by), d.reason,
                     self._state_text(delegation_state(d, self.now)))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.UserRole, d)
                self.table.setItem(index, column, item)
        if chosen is not None:
            self.select(chosen)
        self._selection_changed()

    def _state_text(self, state: str) -> str:
        return {"current": self.tr("Now"), "planned": self.tr("Planned"), "ended": self.tr("Over")}[state]

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.UserRole) if rows else None

    def select(self, delegation) -> None:
        for index in range(self.table.rowCount()):
            if self.table.item(index, 0).data(Qt.UserRole) == delegation:
                self.table.selectRow(index)
                return

    def _bar_clicked(self, delegation) -> None:
        self.select(delegation)

    def _selection_changed(self) -> None:
        chosen = self.selected()
        for line in self.lines.values():
            line.set_selected(chosen)
        self.end_button.setEnabled(chosen is not None and delegation_state(chosen, self.now) != "ended")

    # -- the changes ------------------------------------------------------------------------------------------------

    def _seals(self):
        return [c.seal for c in self.calendars]

    def _seal_name(self, seal_id: str) -> str:
        return next((s.name for s in self._seals() if s.seal_id == seal_id), seal_id)

    def add_delegation(self) -> None:
        chosen = self.selected()
        self.dialog = DelegationDialog(self.user, self._seals(), self.custodians, self.approvers, local_day(self.now),
                                       chosen.seal_id if chosen else None, self)
        dialog = self.dialog

        def run(v: dict) -> None:
            work = lambda: self.station.seal_office().delegate(
                v["seal"], v["deputy"], v["first_day"], v["last_day"], v["reason"], v["approver"], by=self.user,
                password=v["password"], approver_password=v["approver_password"], passphrase=v["passphrase"])
            done = lambda: self.tr("{deputy} stands in for the seal from {first} to {last}; signed by the office.") \
                .format(deputy=self.who(v["deputy"]), first=v["first_day"].isoformat(), last=v["last_day"].isoformat())
            self.tasks.run(work, lambda _d: self._changed(dialog, done), lambda exc: self._refused(dialog, exc))

        dialog.chosen.connect(run)
        dialog.open()

    def end_early(self) -> None:
        d = self.selected()
        if d is None:
            return
        planned = delegation_state(d, self.now) == "planned"
        what = (self.tr("Cancel the delegation of seal {seal} to {deputy} (planned from {first} to {last}): it will "
                        "never give them the seal.") if planned else
                self.tr("End the delegation of seal {seal} to {deputy} now, instead of after {last}: from now on "
                        "they can no longer stamp with it.")).format(
            seal=self._seal_name(d.seal_id), deputy=self.who(d.delegate), first=local_day(d.starts).isoformat(),
            last=last_local_day(d.ends).isoformat())
        self.dialog = OfficeConfirmDialog(self.tr("End a delegation early"), what, self.user,
                                          ok_text=self.tr("End and sign"), note=self.tr("Why it ends early"),
                                          parent=self)
        dialog = self.dialog
        done = lambda: self.tr("The delegation of seal {seal} to {deputy} has ended; signed by the office.").format(
            seal=self._seal_name(d.seal_id), deputy=self.who(d.delegate))
        dialog.confirmed.connect(lambda v: self.tasks.run(
            lambda: self.station.seal_office().end_delegation(d.seal_id, d.delegate, why=v["note"], by=self.user,
                                                         password=v["password"], passphrase=v["passphrase"]),
            lambda _d: self._changed(dialog, done), lambda exc: self._refused(dialog, exc)))
        dialog.open()

    def hand_over(self) -> None:
        chosen = self.selected()
        self.dialog = HandoverDialog(self.user, self._seals(), self.custodians, chosen.seal_id if chosen else None, self)
        dialog = self.dialog

        def run(v: dict) -> None:
            work = lambda: self.station.seal_office().hand_over(v["seal"], v["custodian"], note=v["note"], by=self.user,
                                                           password=v["password"], passphrase=v["passphrase"])
            done = lambda: self.tr("Seal {seal} is now held by {custodian}; signed by the office.").format(
                seal=self._seal_name(v["seal"]), custodian=self.who(v["custodian"]))
            self.tasks.run(work, lambda _r: self._changed(dialog, done), lambda exc: self._refused(dialog, exc))

        dialog.chosen.connect(run)
        dialog.open()

    def _changed(self, dialog, words) -> None:
        dialog.accept()
        say(self.status, words)
        self.refresh()
