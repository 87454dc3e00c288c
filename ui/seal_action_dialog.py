"""One step of a seal's life, by the office: issue, change, suspend, resume, withdraw, revoke or destroy.

The dialog says in words what the step will do before anything is done, asks what the step needs (the custodian,
the new validity, a note) and the secrets exactly where the CLI asks them: the office user's password and the
seal authority's passphrase for every step, the USB key's PIN to destroy the key. The step runs in the
background (:class:`ui.tasks.TaskRunner`); a refusal is shown in words and the dialog stays open to try again.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout)

from sealstation.seals.lifecycle import SealAction

from .error_words import text as error_text
from .office_secrets import add_office_secrets
from .seal_words import status_words

__all__ = ["SealActionDialog", "OFFERED"]

OFFERED = (SealAction.ISSUE, SealAction.CHANGE, SealAction.SUSPEND, SealAction.RESUME, SealAction.WITHDRAW,
           SealAction.REVOKE, SealAction.DESTROY)
"""The steps the register offers (handing over and delegating belong to the delegations' view)."""


class SealActionDialog(QDialog):
    """``stepDone`` (the seal id) after the step was signed and journalled; then the dialog closes."""

    stepDone = Signal(str)

    def __init__(self, station, tasks, user: str, row, action: SealAction, parent=None, *,
                 custodians=None) -> None:
        """``custodians``: whom an issue offers (as ``SealOfficeDesk.custodians`` lists them), read beforehand off the
        GUI thread; read here when not given."""
        super().__init__(parent)
        self.station, self.tasks, self.user, self.row, self.action = station, tasks, user, row, SealAction(action)
        record = row.record
        self.setObjectName("sealActionDialog")
        self.setWindowTitle(self._title())
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.explanation = QLabel(self._explain())
        self.explanation.setObjectName("sealActionExplanation")
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.explanation)
        form = QFormLayout()
        self.custodian_box = None
        self.until_edit = None
        self.stations_edit = None
        if self.action == SealAction.ISSUE:
            self.custodian_box = QComboBox()
            self.custodian_box.setObjectName("sealCustodian")
            self.custodian_box.setAccessibleName(self.tr("Custodian"))
            for person in custodians if custodians is not None else station.seal_office().custodians(user):
                self.custodian_box.addItem(self.tr("{name} ({user})").format(name=person.display_name,
                                                                             user=person.username), person.username)
            form.addRow(self.tr("&Custodian"), self.custodian_box)
        if self.action == SealAction.CHANGE:
            self.until_edit = QDateEdit()
            self.until_edit.setObjectName("sealValidUntil")
            self.until_edit.setAccessibleName(self.tr("Valid until"))
            self.until_edit.setCalendarPopup(True)
            self.until_edit.setDisplayFormat("yyyy-MM-dd")
            until = dt.datetime.fromisoformat(record.valid_until) if record.valid_until else None
            self.until_edit.setDate(QDate(until.year, until.month, until.day) if until else QDate.currentDate())
            form.addRow(self.tr("&Valid until"), self.until_edit)
            self.stations_edit = QLineEdit(", ".join(record.stations))
            self.stations_edit.setObjectName("sealStations")
            self.stations_edit.setAccessibleName(self.tr("Stations where it may be used"))
            form.addRow(self.tr("&Stations (separated by commas)"), self.stations_edit)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("sealNote")
        self.note_edit.setAccessibleName(self.tr("Why (kept in the journal)"))
        self.note_edit.setPlaceholderText(self._example())
        form.addRow(self.tr("&Why"), self.note_edit)
        self.secrets = add_office_secrets(form, user, pin=self.action == SealAction.DESTROY)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setObjectName("sealActionMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setObjectName("sealActionOk")
        self.ok_button.setText(self._verb())
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in self.secrets.edits():
            edit.textChanged.connect(self._enable)
        self._busy = False
        self._enable()
        (self.custodian_box or self.until_edit or self.note_edit).setFocus(Qt.OtherFocusReason)

    # -- words -------------------------------------------------------------------------

    def _example(self) -> str:
        """A reason that fits this step (the field's placeholder): a suspension's example reads oddly on an issue."""
        return {
            SealAction.ISSUE: self.tr("e.g. a new seal for the contracts office"),
            SealAction.CHANGE: self.tr("e.g. used at a second station as well"),
            SealAction.SUSPEND: self.tr("e.g. the custodian is on leave; the seal was lost"),
            SealAction.RESUME: self.tr("e.g. the custodian is back; the seal was found"),
            SealAction.WITHDRAW: self.tr("e.g. the custodian has left the post"),
            SealAction.REVOKE: self.tr("e.g. the key may have been copied; the seal is replaced"),
            SealAction.DESTROY: self.tr("e.g. end of life, after its revocation"),
        }[self.action]

    def _title(self) -> str:
        name = self.row.record.name
        return {
            SealAction.ISSUE: self.tr("Issue the seal {name}"),
            SealAction.CHANGE: self.tr("Change the seal {name}"),
            SealAction.SUSPEND: self.tr("Suspend the seal {name}"),
            SealAction.RESUME: self.tr("Resume the seal {name}"),
            SealAction.WITHDRAW: self.tr("Withdraw the seal {name}"),
            SealAction.REVOKE: self.tr("Revoke the seal {name}"),
            SealAction.DESTROY: self.tr("Destroy the key of the seal {name}"),
        }[self.action].format(name=name)

    def _verb(self) -> str:
        return {
            SealAction.ISSUE: self.tr("Issue"), SealAction.CHANGE: self.tr("Change"),
            SealAction.SUSPEND: self.tr("Suspend"), SealAction.RESUME: self.tr("Resume"),
            SealAction.WITHDRAW: self.tr("Withdraw"), SealAction.REVOKE: self.tr("Revoke"),
            SealAction.DESTROY: self.tr("Destroy the key"),
        }[self.action]

    def _explain(self) -> str:
        record = self.row.record
        facts = {"name": record.name, "custodian": self.row.custodian_name or self.tr("nobody"),
                 "status": status_words(record.status), "token": record.token_label,
                 "stations": ", ".join(record.stations) or self.tr("any station"),
                 "until": record.valid_until[:10] or self.tr("no end")}
        what = {
            SealAction.ISSUE: self.tr(
                "The seal {name} is handed to the custodian you choose below. From then on they may stamp with it, "
                "at {stations}, until {until}; nobody else may, unless the office appoints a deputy."),
            SealAction.CHANGE: self.tr(
                "The seal {name} gets a new validity or new stations. Its status ({status}) and its custodian "
                "({custodian}) stay as they are."),
            SealAction.SUSPEND: self.tr(
                "The seal {name} is stopped for now: nobody can stamp with it until the office resumes it. Stamps "
                "made with it before stay valid."),
            SealAction.RESUME: self.tr(
                "The suspended seal {name} is put back in use: its custodian, {custodian}, may stamp with it "
                "again."),
            SealAction.WITHDRAW: self.tr(
                "The seal {name} is taken back from its custodian, {custodian}: nobody can stamp with it until the "
                "office issues it again, to them or to another custodian."),
            SealAction.REVOKE: self.tr(
                "The seal {name} is revoked for good: it can never stamp again, and this cannot be undone. Stamps "
                "made with it before stay valid. Its key stays on the USB key until it is destroyed."),
            SealAction.DESTROY: self.tr(
                "The key and the certificate of the seal {name} are deleted from the USB key {token}: this needs "
                "the USB key's PIN and cannot be undone. The seal's record and its whole history stay in the "
                "register."),
        }[self.action].format(**facts)
        how = self.tr("The office's seal authority signs the seal's new record with its key (its passphrase is asked "
                      "below), and the step is kept in the journal with your name.")
        return f"{what}\n\n{how}"

    # -- doing it ------------------------------------------------------------------------

    def _enable(self) -> None:
        ready = self.secrets.filled() and not self._busy
        if self.custodian_box is not None:
            ready = ready and self.custodian_box.currentIndex() >= 0
        self.ok_button.setEnabled(ready)

    def _changes(self) -> dict:
        if self.action == SealAction.ISSUE:
            return {"custodian": self.custodian_box.currentData()}
        if self.action == SealAction.WITHDRAW:
            return {"custodian": None}
        if self.action == SealAction.CHANGE:
            day = self.until_edit.date()
            changes = {"valid_until": dt.datetime(day.year(), day.month(), day.day(),
                                                  tzinfo=dt.timezone.utc).isoformat()}
            stations = tuple(s.strip() for s in self.stations_edit.text().split(",") if s.strip())
            if stations:
                changes["stations"] = stations
            return changes
        return {}

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        password, passphrase, pin = self.secrets.take()
        station, seal_id, action, user = self.station, self.row.record.seal_id, self.action, self.user
        note, changes = self.note_edit.text().strip(), self._changes()

        def work():
            authority = station.open_authority(passphrase)
            if action == SealAction.DESTROY:
                return station.seal_office().destroy_seal(seal_id, by=user, password=password, authority=authority, pin=pin,
                                            note=note)
            return station.seal_office().change_seal(seal_id, action, by=user, password=password, authority=authority, note=note,
                                       **changes)

        self._set_busy(True)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Signing the seal's new record…"))
        self.tasks.run(work, self._succeeded, self._refused)

    def reject(self) -> None:
        if not self._busy:  # Escape while the step runs: it finishes, and says how it ended
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.secrets.set_enabled(not busy)
        self.buttons.button(QDialogButtonBox.Cancel).setEnabled(not busy)
        self._enable()

    def _succeeded(self, _result) -> None:
        self._set_busy(False)
        self.message.clear()
        self.stepDone.emit(self.row.record.seal_id)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        """Nothing was changed: the words, and the secrets typed again."""
        self._set_busy(False)
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(error_text(exc))
        self.secrets.field_for(getattr(exc, "code", None)).setFocus(Qt.OtherFocusReason)
