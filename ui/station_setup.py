"""Station set-up (the office): the USB key's driver and token, the office archive, the backup key, backups now and
on a schedule, checking and restoring a backup.

What a newcomer met at the terminal ("no office archive configured", "backup office-key first") is set here:
each section says what the station has now and what is missing, in words, and offers the step that sets it.
Every step is the office desk's (:meth:`Station.office`, the ``station set-up`` section): the core checks the
role and the passwords; the screen asks them just before the step (:class:`ui.secrets_dialog.SecretsDialog`),
runs it in the background (:class:`ui.tasks.TaskRunner`) and says the outcome, or the refusal through
:func:`ui.error_words.words`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QCheckBox, QDoubleSpinBox, QFileDialog, QFrame, QGridLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from sealstation.archive.config import ArchiveConfig

from .error_words import words
from .secrets_dialog import SecretsDialog
from .token_watch import describe

__all__ = ["StationSetupScreen"]


def _is_postgres(location: str) -> bool:
    return ArchiveConfig(location).is_postgres


def _local(iso: str | None) -> str:
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M") if iso else ""


class StationSetupScreen(QScrollArea):
    """The office's Station set-up screen (role view ``stationSetupAction``)."""

    def __init__(self, station, tasks, user: str, parent=None) -> None:
        super().__init__(parent)
        self.station = station
        self.desk = station.setup()
        self.tasks = tasks
        self.user = user
        self.setup = None  # the StationSetup last read
        self.secrets_dialog = None  # the dialog asking the current step's secrets (tests answer it)
        self._said: dict[QLabel, object] = {}  # each outcome label's wording, said again in a new language
        self.setObjectName("stationSetupScreen")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        body = QWidget()
        self.layout_ = QVBoxLayout(body)
        self.title = QLabel()
        self.title.setObjectName("setupTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold")
        self.layout_.addWidget(self.title)
        self._build_token()
        self._build_archive()
        self._build_key()
        self._build_backups()
        self._build_check()
        self.layout_.addStretch(1)
        self.setWidget(body)
        self.retranslate_ui()

    # -- building ---------------------------------------------------------------------------------------------------

    def _group(self, name: str) -> tuple[QGroupBox, QGridLayout]:
        box = QGroupBox()
        box.setObjectName(name)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self.layout_.addWidget(box)
        return box, grid

    @staticmethod
    def _label(name: str, selectable: bool = True) -> QLabel:
        label = QLabel("")
        label.setObjectName(name)
        label.setWordWrap(True)
        if selectable:
            label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        return label

    @staticmethod
    def _button(name: str, slot) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _buttons_row(grid: QGridLayout, row: int, *items) -> None:
        """Buttons (and check boxes) at the right end of a row that spans the section."""
        line = QHBoxLayout()
        line.addStretch(1)
        for item in items:
            line.addWidget(item)
        grid.addLayout(line, row, 0, 1, 3)

    def _path_row(self, grid: QGridLayout, row: int, name: str, browse) -> tuple[QLabel, QLineEdit, QPushButton]:
        caption = QLabel()
        edit = QLineEdit()
        edit.setObjectName(name)
        caption.setBuddy(edit)
        button = self._button(name + "Browse", browse)
        button.setText("…")
        button.setMaximumWidth(48)
        grid.addWidget(caption, row, 0)
        grid.addWidget(edit, row, 1)
        grid.addWidget(button, row, 2)
        return caption, edit, button

    def _build_token(self) -> None:
        self.token_box, grid = self._group("setupToken")
        self.module_label = self._label("setupModule")
        self.token_label = self._label("setupTokenSeen")
        grid.addWidget(self.module_label, 0, 0, 1, 3)
        grid.addWidget(self.token_label, 1, 0, 1, 3)
        self.module_caption, self.module_edit, _ = self._path_row(
            grid, 2, "setupModulePath", lambda: self._choose_open(self.module_edit, "*.so *.dll *.dylib"))
        self.reread_button = self._button("setupReread", self.refresh)
        self.save_module_button = self._button("setupModuleSave", self.save_module)
        self._buttons_row(grid, 3, self.reread_button, self.save_module_button)
        self.module_result = self._label("setupModuleResult")
        grid.addWidget(self.module_result, 4, 0, 1, 3)

    def _build_archive(self) -> None:
        self.archive_box, grid = self._group("setupArchive")
        self.archive_now = self._label("setupArchiveNow")
        grid.addWidget(self.archive_now, 0, 0, 1, 3)
        self.archive_caption, self.archive_edit, self.archive_browse = self._path_row(
            grid, 1, "setupArchiveLocation", lambda: self._choose_folder(self.archive_edit))
        buttons = QHBoxLayout()
        self.test_button = self._button("setupArchiveTest", self.test_archive)
        self.init_button = self._button("setupArchiveInit", self.init_archive)
        self.init_button.setEnabled(False)  # once a test says the folder is not an archive yet
        self.save_archive_button = self._button("setupArchiveSave", self.save_archive)
        for button in (self.test_button, self.init_button, self.save_archive_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 2, 0, 1, 3)
        self.archive_result = self._label("setupArchiveResult")
        grid.addWidget(self.archive_result, 3, 0, 1, 3)
        self.archive_edit.textEdited.connect(lambda _t: self.init_button.setEnabled(False))

    def _build_key(self) -> None:
        self.key_box, grid = self._group("setupBackupKey")
        self.key_now = self._label("setupKeyNow")
        grid.addWidget(self.key_now, 0, 0, 1, 3)
        self.identity_caption, self.identity_out_edit, _ = self._path_row(
            grid, 1, "setupIdentityOut", lambda: self._choose_save(self.identity_out_edit, "*.txt"))
        self.identity_out_edit.setText(str(Path.home() / "office-backup-identity.txt"))
        self.protect_box = QCheckBox()
        self.protect_box.setObjectName("setupProtectIdentity")
        self.protect_box.setChecked(True)
        self.make_key_button = self._button("setupMakeKey", self.make_key)
        self._buttons_row(grid, 2, self.protect_box, self.make_key_button)
        self.recipient_caption = QLabel()
        self.recipient_edit = QLineEdit()
        self.recipient_edit.setObjectName("setupRecipient")
        self.recipient_caption.setBuddy(self.recipient_edit)
        self.install_key_button = self._button("setupInstallKey", self.install_key)
        grid.addWidget(self.recipient_caption, 3, 0)
        grid.addWidget(self.recipient_edit, 3, 1, 1, 2)
        self._buttons_row(grid, 4, self.install_key_button)
        self.key_result = self._label("setupKeyResult")
        grid.addWidget(self.key_result, 5, 0, 1, 3)

    def _build_backups(self) -> None:
        self.backups_box, grid = self._group("setupBackups")
        self.backups_now = self._label("setupBackupsNow")
        grid.addWidget(self.backups_now, 0, 0, 1, 3)
        self.backup_out_caption, self.backup_out_edit, _ = self._path_row(
            grid, 1, "setupBackupOut", lambda: self._choose_save(self.backup_out_edit, "*.sealbackup"))
        self.backup_now_button = self._button("setupBackupNow", self.backup_now)
        self._buttons_row(grid, 2, self.backup_now_button)
        self.schedule_caption, self.schedule_edit, _ = self._path_row(
            grid, 3, "setupScheduleFolder", lambda: self._choose_folder(self.schedule_edit))
        every = QHBoxLayout()
        self.every_caption = QLabel()
        self.every_box = QDoubleSpinBox()
        self.every_box.setObjectName("setupEveryDays")
        self.every_box.setRange(0.5, 90)
        self.every_box.setDecimals(1)
        self.every_box.setValue(1)
        self.every_caption.setBuddy(self.every_box)
        every.addWidget(self.every_caption)
        every.addWidget(self.every_box)
        every.addStretch(1)
        self.save_schedule_button = self._button("setupScheduleSave", self.save_schedule)
        self.no_schedule_button = self._button("setupScheduleOff", lambda: self.save_schedule(off=True))
        every.addWidget(self.save_schedule_button)
        every.addWidget(self.no_schedule_button)
        grid.addLayout(every, 4, 0, 1, 3)
        self.backups_result = self._label("setupBackupsResult")
        grid.addWidget(self.backups_result, 5, 0, 1, 3)

    def _build_check(self) -> None:
        self.check_box, grid = self._group("setupCheckRestore")
        self.check_intro = self._label("setupCheckIntro", selectable=False)
        grid.addWidget(self.check_intro, 0, 0, 1, 3)
        self.file_caption, self.backup_file_edit, _ = self._path_row(
            grid, 1, "setupBackupFile", lambda: self._choose_open(self.backup_file_edit, "*.sealbackup"))
        self.identity_in_caption, self.identity_in_edit, _ = self._path_row(
            grid, 2, "setupIdentityIn", lambda: self._choose_open(self.identity_in_edit, "*.txt"))
        self.check_button = self._button("setupCheckBackup", self.check_backup)
        self._buttons_row(grid, 3, self.check_button)
        self.into_caption, self.restore_into_edit, _ = self._path_row(
            grid, 4, "setupRestoreInto", lambda: self._choose_folder(self.restore_into_edit))
        self.restore_button = self._button("setupRestore", self.restore)
        self._buttons_row(grid, 5, self.restore_button)
        self.check_result = self._label("setupCheckResult")
        grid.addWidget(self.check_result, 6, 0, 1, 3)

    # -- words ------------------------------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Station set-up"))
        self.token_box.setTitle(self.tr("USB key and its driver"))
        self.reread_button.setText(self.tr("Read a&gain"))
        self.module_caption.setText(self.tr("Driver of the USB key (PKCS#11 module):"))
        self.module_edit.setAccessibleName(self.tr("Driver of the USB key (PKCS#11 module)"))
        self.module_edit.setPlaceholderText(self.tr("empty: found by itself (SoftHSM2 or OpenSC)"))
        self.save_module_button.setText(self.tr("Use this &driver…"))
        self.archive_box.setTitle(self.tr("Office archive"))
        self.archive_caption.setText(self.tr("Archive folder or PostgreSQL address:"))
        self.archive_edit.setPlaceholderText(
            self.tr("/mnt/office-archive or postgresql://station@archive.lan/sealarchive"))
        self.archive_edit.setAccessibleName(self.tr("Archive folder or PostgreSQL address"))
        self.test_button.setText(self.tr("&Test the connection"))
        self.init_button.setText(self.tr("&Make this folder an archive"))
        self.save_archive_button.setText(self.tr("&Use this archive"))
        self.key_box.setTitle(self.tr("Backup key"))
        self.identity_caption.setText(self.tr("Write the private key file to:"))
        self.identity_out_edit.setAccessibleName(self.tr("Where to write the private backup key"))
        self.protect_box.setText(self.tr("&Protect the file with a passphrase"))
        self.make_key_button.setText(self.tr("Make a new backup &key…"))
        self.recipient_caption.setText(self.tr("Or the office's existing key (age1…):"))
        self.recipient_edit.setAccessibleName(self.tr("The office's existing backup key"))
        self.install_key_button.setText(self.tr("&Install this key…"))
        self.backups_box.setTitle(self.tr("Backups"))
        self.backup_out_caption.setText(self.tr("Back up now to:"))
        self.backup_out_edit.setAccessibleName(self.tr("Backup file to write"))
        self.backup_now_button.setText(self.tr("&Back up now…"))
        self.schedule_caption.setText(self.tr("Scheduled backups into:"))
        self.schedule_edit.setAccessibleName(self.tr("Folder of the scheduled backups"))
        self.every_caption.setText(self.tr("Every (days):"))
        self.every_box.setAccessibleName(self.tr("Days between scheduled backups"))
        self.save_schedule_button.setText(self.tr("&Save the schedule…"))
        self.no_schedule_button.setText(self.tr("&No schedule…"))
        self.check_box.setTitle(self.tr("Check or restore a backup"))
        self.check_intro.setText(self.tr("A backup is checked against the office's seal authority; with the office's "
                                         "private backup key, every file inside is checked too. A restore writes the "
                                         "station into a new, empty folder: never over a station that is open."))
        self.file_caption.setText(self.tr("Backup file:"))
        self.backup_file_edit.setAccessibleName(self.tr("Backup file"))
        self.identity_in_caption.setText(self.tr("Private backup key file:"))
        self.identity_in_edit.setAccessibleName(self.tr("Private backup key file"))
        self.check_button.setText(self.tr("&Check the backup…"))
        self.into_caption.setText(self.tr("Restore into the empty folder:"))
        self.restore_into_edit.setAccessibleName(self.tr("Folder to restore into"))
        self.restore_button.setText(self.tr("&Restore…"))
        for button in self.findChildren(QPushButton):
            if button.text() == "…":
                button.setAccessibleName(self.tr("Choose…"))
                button.setToolTip(self.tr("Choose…"))
        if self.setup is not None:
            self._show(self.setup)
        for label, said in self._said.items():
            label.setText(said())

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _say(self, label: QLabel, wording) -> None:
        """Show ``wording()`` in ``label``, worded again when the language changes."""
        self._said[label] = wording
        label.setText(wording())

    def _say_error(self, label: QLabel, exc: BaseException, lead) -> None:
        self.last_error = exc

        def wording() -> str:
            what, todo = words(exc)
            return lead().format(what=what, todo=todo)

        self._say(label, wording)

    # -- reading what is set ----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read what the station is set up with (in the background: it asks the USB key) and show it."""
        user = self.user
        self.tasks.run(lambda: self.desk.station_setup(user), self._show,
                       lambda exc: self._say_error(self.module_label, exc, lambda: self.tr("{what}\n{todo}")),
                       read=True)

    def _show(self, setup) -> None:
        self.setup = setup
        self.title.setText(self.tr("Station set-up: {station}").format(station=setup.station_id))
        module = setup.pkcs11_module or self.tr("none found")
        how = self.tr("set at this station") if setup.module_configured else self.tr("found by itself")
        self.module_label.setText(self.tr("Driver (PKCS#11 module): {module} ({how})").format(module=module, how=how))
        self.token_label.setText(describe(setup.token)[0])
        if setup.module_saved and setup.module_saved != setup.pkcs11_module:
            self.token_label.setText(self.token_label.text() + "\n" + self.tr(
                "From the next start of SealStation: {module}").format(module=setup.module_saved))
        if not self.module_edit.text() and setup.module_saved:
            self.module_edit.setText(setup.module_saved)
        self._show_archive(setup)
        self._show_key(setup)
        self._show_backups(setup)

    def _show_archive(self, setup) -> None:
        if setup.archive_location:
            text = self.tr("This station sends its records to the office archive {archive}.").format(
                archive=setup.archive_location)
        else:
            text = self.tr("No office archive is set: stamps and prints wait here, and the office's grace limits "
                           "will stop stamping. Choose the archive below, test it, and use it.")
        if setup.policy_archive:
            text += "\n" + self.tr("The office's signed policy names {archive}: no other archive is accepted.").format(
                archive=setup.policy_archive)
        self.archive_now.setText(text)
        self.archive_now.setProperty("missing", not setup.archive_location)
        if not self.archive_edit.text():
            self.archive_edit.setText(setup.archive_location or setup.policy_archive or "")

    def _show_key(self, setup) -> None:
        if setup.backup_recipient:
            self.key_now.setText(self.tr("Backups are encrypted to the office's backup key {key}, installed here and "
                                         "signed by the seal authority.").format(key=setup.backup_recipient))
        else:
            what = words(setup.backup_key_problem)[0] if setup.backup_key_problem else ""
            self.key_now.setText(self.tr("{what} Make the office's backup key here (its private half is written to a "
                                         "file the office keeps offline), or install the key the office already "
                                         "has.").format(what=what))

    def _show_backups(self, setup) -> None:
        lines = []
        if setup.last_backup_at:
            lines.append(self.tr("Last backup: {when}, {file}").format(when=_local(setup.last_backup_at),
                                                                        file=setup.last_backup_file or ""))
        else:
            lines.append(self.tr("No backup has been made at this station yet."))
        schedule = setup.backup_schedule
        if schedule:
            lines.append(self.tr("Scheduled: a backup into {folder} every {days:g} day(s), made by the window while "
                                 "it runs.").format(folder=schedule.folder, days=schedule.every_days))
            if not self.schedule_edit.text():
                self.schedule_edit.setText(schedule.folder)
                self.every_box.setValue(schedule.every_days)
        else:
            lines.append(self.tr("No schedule: backups are made by hand only."))
        self.backups_now.setText("\n".join(lines))
        if not self.backup_out_edit.text():
            stamp = self.station.now().astimezone().strftime("%Y%m%d-%H%M")
            self.backup_out_edit.setText(str(Path.home() / f"{setup.station_id}-{stamp}.sealbackup"))

    # -- asking secrets and running a step ------------------------------------------------------------------------

    def _ask(self, title: str, explanation: str, fields: list[tuple[str, str]], ok_text: str, then) -> None:
        dialog = SecretsDialog(title, explanation, fields, ok_text, self)
        dialog.given.connect(then)
        dialog.finished.connect(lambda _result: self._asked(dialog))
        self.secrets_dialog = dialog
        dialog.open()

    def _asked(self, dialog: SecretsDialog) -> None:
        if self.secrets_dialog is dialog:
            self.secrets_dialog = None
        dialog.deleteLater()

    def _password_field(self) -> tuple[str, str]:
        return "password", self.tr("Your password ({user}):").format(user=self.user)

    def _run(self, label: QLabel, busy: str, fn, done, failed_lead) -> None:
        self._say(label, lambda: busy)
        self.tasks.run(fn, done, lambda exc: self._say_error(label, exc, failed_lead))

    # -- the USB key's driver ----------------------------------------------------------------------------------------

    def save_module(self) -> None:
        module = self.module_edit.text().strip()
        explanation = (self.tr("The station will load the USB key's driver {module} (kept in the station's settings). A running "
                               "SealStation keeps the driver it started with: the new one is used from the next "
                               "start.").format(module=module) if module else
                       self.tr("The station will find the driver by itself (SoftHSM2 or OpenSC), from the next "
                               "start."))
        self._ask(self.tr("The USB key's driver"), explanation, [self._password_field()], self.tr("Save"),
                  lambda secrets: self._save_module(module, secrets))

    def _save_module(self, module: str, secrets: dict) -> None:
        user = self.user
        self._run(self.module_result, self.tr("Saving…"),
                  lambda: self.desk.set_token_module(module or None, by=user, password=secrets["password"]),
                  self._module_saved, lambda: self.tr("Not saved: {what}\n{todo}"))

    def _module_saved(self, module) -> None:
        self._say(self.module_result, lambda: (
            self.tr("Saved: the driver {module} is used from the next start of SealStation.").format(module=module)
            if module else self.tr("Saved: the driver is found by itself from the next start of SealStation.")))
        self.refresh()

    # -- the archive ------------------------------------------------------------------------------------------------

    def test_archive(self) -> None:
        location = self.archive_edit.text().strip()
        if not location:
            self._say(self.archive_result, lambda: self.tr("Type the archive's folder or PostgreSQL address first."))
            return
        if not _is_postgres(location):
            self._test(location, {})
            return
        self._ask(self.tr("Test the connection"), self._db_explanation(location), [self._db_field()],
                  self.tr("Test"), lambda secrets: self._test(location, secrets))

    def _test(self, location: str, secrets: dict) -> None:
        user, db = self.user, secrets.get("optional_db") or None
        self._run(self.archive_result, self.tr("Testing the connection…"),
                  lambda: self.desk.probe_archive(user, location, db_password=db), self._tested,
                  lambda: self.tr("The connection failed: {what}\n{todo}"))

    def _db_field(self) -> tuple[str, str]:
        return "optional_db", self.tr("Password of the station's database role:")

    def _db_explanation(self, location: str) -> str:
        return self.tr("{archive} is a PostgreSQL archive. Type the password of the station's database role, or "
                       "leave it empty to use the one kept in this computer's keyring. It is kept in the keyring "
                       "once the archive is used, never in the station's settings file.").format(archive=location)

    def _tested(self, probe) -> None:
        self.probe = probe
        self.init_button.setEnabled(not probe.is_archive and not probe.is_postgres)
        if probe.is_archive:
            def wording():
                if probe.stations:
                    return self.tr("The connection works: {archive} is an office archive; {n} station(s) report to "
                                   "it. Choose \"Use this archive\" to save it.").format(archive=probe.location,
                                                                                       n=len(probe.stations))
                return self.tr("The connection works: {archive} is an office archive, empty so far. Choose \"Use "
                               "this archive\" to save it.").format(archive=probe.location)
        elif probe.exists:
            def wording():
                return self.tr("{archive} is a folder, but not an office archive yet (a share not mounted looks "
                               "the same). If it is the office's share, make it an archive once.").format(
                    archive=probe.location)
        else:
            def wording():
                return self.tr("There is no folder {archive}. Check the path; or make it a new archive.").format(
                    archive=probe.location)
        self._say(self.archive_result, wording)

    def init_archive(self) -> None:
        location, user = self.archive_edit.text().strip(), self.user
        self._run(self.archive_result, self.tr("Making the archive…"),
                  lambda: self.desk.make_archive(user, location), self._made,
                  lambda: self.tr("Not made: {what}\n{todo}"))

    def _made(self, root: str) -> None:
        self.init_button.setEnabled(False)
        self._say(self.archive_result, lambda: self.tr("{archive} is now an office archive. Choose \"Use this "
                                                       "archive\" to send this station's records to it.").format(
            archive=root))

    def save_archive(self) -> None:
        location = self.archive_edit.text().strip()
        if not location:
            self._say(self.archive_result, lambda: self.tr("Type the archive's folder or PostgreSQL address first."))
            return
        explanation = self.tr("The station will send its journal to {archive} (kept in the station's settings). The connection "
                              "is tested first.").format(archive=location)
        fields = [self._password_field()]
        if _is_postgres(location):
            explanation += "\n" + self._db_explanation(location)
            fields.append(self._db_field())
        self._ask(self.tr("Use this office archive"), explanation, fields, self.tr("Use this archive"),
                  lambda secrets: self._save_archive(location, secrets))

    def _save_archive(self, location: str, secrets: dict) -> None:
        user, password, db = self.user, secrets["password"], secrets.get("optional_db") or None
        self._run(self.archive_result, self.tr("Testing and saving…"),
                  lambda: self.desk.set_archive(location, by=user, password=password, db_password=db),
                  self._archive_saved,
                  lambda: self.tr("Not saved: {what}\n{todo}"))

    def _archive_saved(self, cfg) -> None:
        self._say(self.archive_result, lambda: self.tr("Saved: this station now sends its records to {archive}. The "
                                                       "first sync runs in the background; Office archive shows what "
                                                       "waits.").format(archive=cfg.location))
        self.refresh()
        window = self.window()
        if hasattr(window, "sync_archive"):
            window.sync_archive()

    # -- the backup key ---------------------------------------------------------------------------------------------

    def make_key(self) -> None:
        out = self.identity_out_edit.text().strip()
        if not out:
            self._say(self.key_result, lambda: self.tr("Choose where to write the private key file first."))
            return
        fields = [self._password_field(), ("authority", self.tr("Seal authority passphrase:"))]
        if self.protect_box.isChecked():
            fields += [("identity", self.tr("New passphrase for the key file:")),
                       ("identity_again", self.tr("The same passphrase again:"))]
        self._ask(self.tr("Make the office's backup key"),
                  self.tr("A new backup key pair is made. Its PRIVATE half is written to {file}: keep it OFFLINE (a "
                          "safe, or a USB stick the office keeps), never on a station. Without it no backup can be "
                          "restored; whoever holds it can read every backup. Its public half is installed here, "
                          "signed with the seal authority's key.").format(file=out),
                  fields, self.tr("Make the key"), lambda secrets: self._make_key(out, secrets))

    def _make_key(self, out: str, secrets: dict) -> None:
        user = self.user
        self._run(self.key_result, self.tr("Making the backup key…"),
                  lambda: self.desk.make_backup_key(out, by=user, password=secrets["password"],
                                                    authority_passphrase=secrets["authority"],
                                                    identity_passphrase=secrets.get("identity")),
                  lambda key: self._key_set(key, out), lambda: self.tr("No key was made: {what}\n{todo}"))

    def install_key(self) -> None:
        recipient = self.recipient_edit.text().strip()
        if not recipient:
            self._say(self.key_result, lambda: self.tr("Paste the office's backup key (age1…) first."))
            return
        self._ask(self.tr("Install the office's backup key"),
                  self.tr("Backups of this station will be encrypted to {key}, signed here with the seal authority's "
                          "key.").format(key=recipient),
                  [self._password_field(), ("authority", self.tr("Seal authority passphrase:"))],
                  self.tr("Install the key"), lambda secrets: self._install_key(recipient, secrets))

    def _install_key(self, recipient: str, secrets: dict) -> None:
        user = self.user
        self._run(self.key_result, self.tr("Installing the backup key…"),
                  lambda: self.desk.install_backup_key(recipient, by=user, password=secrets["password"],
                                                       authority_passphrase=secrets["authority"]),
                  lambda key: self._key_set(key, None), lambda: self.tr("Not installed: {what}\n{todo}"))

    def _key_set(self, key, out: str | None) -> None:
        def wording():
            text = self.tr("Backups of this station are now encrypted to the office's backup key {key}.").format(
                key=key.recipient)
            if out:
                text += "\n" + self.tr("The PRIVATE key is in {file}: move it OFFLINE now (a safe, or a USB stick the "
                                       "office keeps), never leave it on a station.").format(file=out)
            return text

        self._say(self.key_result, wording)
        if out and not self.identity_in_edit.text():
            self.identity_in_edit.setText(out)
        self.refresh()

    # -- backups ------------------------------------------------------------------------------------------------------

    def backup_now(self) -> None:
        out = self.backup_out_edit.text().strip()
        if not out:
            self._say(self.backups_result, lambda: self.tr("Choose the backup file to write first."))
            return
        self._ask(self.tr("Back up the station now"),
                  self.tr("The whole station is written to {file}, encrypted to the office's backup key and signed "
                          "by the station.").format(file=out),
                  [self._password_field()], self.tr("Back up"), lambda secrets: self._backup(out, secrets))

    def _backup(self, out: str, secrets: dict) -> None:
        user = self.user
        self._run(self.backups_result, self.tr("Backing up…"),
                  lambda: self.desk.backup_now(out, by=user, password=secrets["password"]), self._backed_up,
                  lambda: self.tr("No backup was made: {what}\n{todo}"))

    def _backed_up(self, result) -> None:
        h = result.header
        self._say(self.backups_result, lambda: self.tr("Backup written to {file}: the journal through entry {seq}, "
                                                       "{n} file(s), encrypted to the office's backup key.").format(
            file=result.path, seq=h.journal_seq, n=result.members))
        self.backup_file_edit.setText(str(result.path))
        self.backup_out_edit.clear()
        self.refresh()

    def save_schedule(self, off: bool = False) -> None:
        folder = "" if off else self.schedule_edit.text().strip()
        days = self.every_box.value()
        if not off and not folder:
            self._say(self.backups_result, lambda: self.tr("Choose the folder of the scheduled backups first."))
            return
        explanation = (self.tr("Scheduled backups stop; backups are made by hand only.") if off else
                       self.tr("While the window runs, it writes a backup into {folder} whenever the last one there "
                               "is {days:g} day(s) old.").format(folder=folder, days=days))
        self._ask(self.tr("Backup schedule"), explanation, [self._password_field()], self.tr("Save"),
                  lambda secrets: self._save_schedule(folder, days, secrets))

    def _save_schedule(self, folder: str, days: float, secrets: dict) -> None:
        user = self.user
        self._run(self.backups_result, self.tr("Saving…"),
                  lambda: self.desk.set_backup_schedule(folder or None, days, by=user, password=secrets["password"]),
                  self._schedule_saved, lambda: self.tr("Not saved: {what}\n{todo}"))

    def _schedule_saved(self, cfg) -> None:
        if cfg is None:
            self._say(self.backups_result, lambda: self.tr("Saved: no scheduled backups."))
        else:
            self._say(self.backups_result, lambda: self.tr("Saved: a backup into {folder} every {days:g} day(s); the "
                                                           "first is made at the next timer.").format(
                folder=cfg.folder, days=cfg.every_days))
        self.refresh()

    # -- checking and restoring -------------------------------------------------------------------------------------

    def _backup_inputs(self) -> tuple[str, str] | None:
        path, identity = self.backup_file_edit.text().strip(), self.identity_in_edit.text().strip()
        if not path:
            self._say(self.check_result, lambda: self.tr("Choose the backup file first."))
            return None
        return path, identity

    def _needs(self, path: str, identity: str, then) -> None:
        """What the file asks (the key file's passphrase, the journal passphrase), read in the background."""
        self.tasks.run(lambda: self.desk.backup_file_needs(path, identity or None), then,
                       lambda exc: self._say_error(self.check_result, exc,
                                                   lambda: self.tr("The backup cannot be read: {what}\n{todo}")))

    def check_backup(self) -> None:
        given = self._backup_inputs()
        if given is None:
            return
        path, identity = given

        def asked(needs) -> None:
            protected, _journal = needs
            if protected:
                self._ask(self.tr("Check the backup"), self.tr("The private backup key file {file} is protected by "
                                                               "a passphrase.").format(file=identity),
                          [("identity", self.tr("Passphrase of the key file:"))], self.tr("Check"),
                          lambda secrets: self._check(path, identity, secrets.get("identity")))
            else:
                self._check(path, identity, None)

        self._needs(path, identity, asked)

    def _check(self, path: str, identity: str, passphrase: str | None) -> None:
        user = self.user
        self._run(self.check_result, self.tr("Checking the backup…"),
                  lambda: self.desk.check_backup(user, path, identity or None, passphrase), self._checked,
                  lambda: self.tr("NOT GOOD: {what}\n{todo}"))

    def _checked(self, check) -> None:
        h = check.header

        def wording():
            text = self.tr("GOOD: a backup of station {station} made {when}, the journal through entry {seq}; the "
                           "station's signature and the encrypted content check.").format(
                station=h.station, when=_local(h.made_at), seq=h.journal_seq)
            if check.members is None:
                return text + " " + self.tr("Give the private backup key file to check every file inside too.")
            return text + " " + self.tr("All {n} files inside match.").format(n=check.members)

        self._say(self.check_result, wording)

    def restore(self) -> None:
        given = self._backup_inputs()
        into = self.restore_into_edit.text().strip()
        if given is None:
            return
        path, identity = given
        if not identity or not into:
            self._say(self.check_result, lambda: self.tr("A restore needs the private backup key file and an empty "
                                                         "folder to restore into."))
            return

        def asked(needs) -> None:
            protected, journal = needs
            fields = [self._password_field()]
            if protected:
                fields.append(("identity", self.tr("Passphrase of the key file:")))
            if journal:
                fields.append(("journal", self.tr("Journal passphrase of the backed-up station:")))
            self._ask(self.tr("Restore a backup"),
                      self.tr("The station in {file} is written into {folder}, which must be empty, and its history "
                              "is checked against the office archive. Nothing is written over this station while "
                              "it is open.").format(file=path, folder=into),
                      fields, self.tr("Restore"), lambda secrets: self._restore(path, identity, into, secrets))

        self._needs(path, identity, asked)

    def _restore(self, path: str, identity: str, into: str, secrets: dict) -> None:
        user = self.user
        self._run(self.check_result, self.tr("Restoring…"),
                  lambda: self.desk.restore_backup(path, into=into, identity=identity, by=user,
                                                   password=secrets["password"],
                                                   identity_passphrase=secrets.get("identity"),
                                                   journal_passphrase=secrets.get("journal")),
                  self._restored, lambda: self.tr("Not restored: {what}\n{todo}"))

    def _restored(self, restored) -> None:
        h = restored.header

        def wording():
            text = self.tr("Restored station {station} into {folder}: {n} file(s), the journal verified through "
                           "entry {seq}. Entries made after {when} are not in it. To use it, start SealStation with "
                           "that folder as the station home.").format(
                station=h.station, folder=restored.home, n=restored.members, seq=h.journal_seq, when=_local(h.made_at))
            if restored.archive_checked is None:
                text += "\n" + self.tr("Its history was NOT checked against an office archive (none is set).")
            return text

        self._say(self.check_result, wording)

    # -- file choosers ----------------------------------------------------------------------------------------------

    def _choose_folder(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), edit.text() or str(Path.home()))
        if folder:
            edit.setText(folder)

    def _choose_save(self, edit: QLineEdit, pattern: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Choose a file"), edit.text(), pattern)
        if path:
            edit.setText(path)

    def _choose_open(self, edit: QLineEdit, pattern: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), edit.text(), pattern)
        if path:
            edit.setText(path)
