"""The pages of the set-up assistant (:mod:`ui.setup_assistant`), one class a page.

Each page checks what it was given when the person presses Next (the core's checks,
:mod:`sealstation.station_init`) and says what is wrong in words (:mod:`ui.error_words`) under its fields; nothing
is written before the last page.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QRadioButton, QVBoxLayout, QWidget, QWizardPage)

from .error_words import text as error_text

__all__ = ["ModulePage", "TokenPage", "StationPage", "OfficePage", "ArchivePage", "JournalKeyPage", "UserPage"]


class _Mismatch(Exception):
    """Two typed secrets differ (its message is already in the window's words)."""

    code = "typed_twice"


class _CheckedPage(QWizardPage):
    """A page whose answers the core checks on Next; the problem shown under the fields."""

    def __init__(self, title: str, subtitle: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.layout_.addStretch(1)
        self.problem = QLabel("")
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setVisible(False)
        self.layout_.addWidget(self.problem)
        self._passed = False

    @property
    def answers(self) -> dict:
        return self.wizard().answers

    def say(self, message: str, *, problem: bool = True) -> None:
        """Show ``message`` under the fields: a problem in red, else (checking, making) in the usual colour."""
        self.problem.setStyleSheet("color: #b00020" if problem else "")
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def gather(self):
        """Read the page's fields (GUI thread) and return the check to run in the background, a callable whose
        result :meth:`accept_result` keeps; raising :class:`_Mismatch` refuses at once."""
        return lambda: None

    def accept_result(self, result) -> None:
        """Keep what the check found (GUI thread); the page's secrets are cleared here."""

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if self._passed:
            self._passed = False
            return True
        wizard = self.wizard()
        if wizard.tasks.busy:
            return False
        try:
            job = self.gather()
        except _Mismatch as exc:
            self.say(str(exc))
            return False
        self.say(QCoreApplication.translate("SetupPage", "Checking…"), problem=False)
        wizard.checking(True)
        wizard.tasks.run(job, self._check_passed, self._check_refused)
        return False  # Next again once the check has answered (the wizard goes on by itself)

    def _check_passed(self, result) -> None:
        self.wizard().checking(False)
        self.accept_result(result)
        self.say("")
        self._passed = True
        self.wizard().next()

    def _check_refused(self, exc: BaseException) -> None:
        self.wizard().checking(False)
        self.say(error_text(exc))

    def _line(self, name: str, label: str, *, secret: bool = False, accessible: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        if secret:
            edit.setEchoMode(QLineEdit.Password)
        edit.setAccessibleName(accessible or label)
        self.form.addRow(label, edit)
        return edit

    def _file(self, name: str, label: str, caption: str, filters: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(label)
        browse = QPushButton(QCoreApplication.translate("SetupPage", "Choose…"))
        browse.setObjectName(name + "Browse")
        browse.setAccessibleName(QCoreApplication.translate("SetupPage", "Choose the file: {what}").format(what=label))
        browse.clicked.connect(lambda: self._browse(edit, caption, filters))
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit, 1)
        box.addWidget(browse)
        self.form.addRow(label, row)
        return edit

    def _browse(self, edit: QLineEdit, caption: str, filters: str) -> None:
        dialog = QFileDialog(self, caption, edit.text() or "", filters)
        dialog.setFileMode(QFileDialog.ExistingFile)
        dialog.fileSelected.connect(edit.setText)
        dialog.open()


class ModulePage(_CheckedPage):
    """The USB key's driver (PKCS#11 module): proposed from the key plugged in and the usual places, or chosen."""

    def __init__(self) -> None:
        super().__init__(self.tr("The USB key's driver"),
                         self.tr("SealStation signs with the seals' USB key through its driver (a PKCS#11 module "
                                 "from the key's maker)."), "modulePage")
        self.seen = QLabel("")
        self.seen.setObjectName("usbSeen")
        self.seen.setWordWrap(True)
        self.form.addRow(self.seen)
        self.module = self._file("module", self.tr("Driver file"), self.tr("The USB key's PKCS#11 module"),
                                 self.tr("PKCS#11 modules (*.so *.dll *.dylib);;All files (*)"))
        self.choices = QComboBox()
        self.choices.setObjectName("moduleChoices")
        self.choices.setAccessibleName(self.tr("Drivers found on this computer"))
        self.choices.activated.connect(lambda i: self.module.setText(self.choices.itemData(i) or self.module.text()))
        self.form.addRow(self.tr("Found here"), self.choices)

    def initializePage(self) -> None:  # noqa: N802
        backend = self.wizard().usb_backend

        def propose():  # the core is imported here, off the first screen's way
            from sealstation.station_init import module_proposals

            return module_proposals(backend)

        self.wizard().tasks.run(propose, self._proposed, lambda exc: self.say(error_text(exc)))

    def _proposed(self, proposals) -> None:
        self.choices.clear()
        usb = [p for p in proposals if p.reason == "usb"]
        if usb:
            key = usb[0]
            serves = key.serves or self.tr("its maker's own driver")
            self.seen.setText(self.tr("Plugged in: {key} ({usb_id}); it is served by {serves}.").format(
                key=key.usb_key, usb_id=key.usb_id, serves=serves))
        else:
            self.seen.setText(self.tr("No known USB key is seen on this computer's USB ports; choose its driver."))
        for p in proposals:
            if p.path:
                self.choices.addItem(p.path, p.path)
        if not self.module.text() and proposals and proposals[0].path:
            self.module.setText(proposals[0].path)

    def gather(self):
        from sealstation.station_init import check_module

        path, conf = self.module.text(), self.wizard().softhsm2_conf
        return lambda: check_module(path, conf)

    def accept_result(self, module) -> None:
        self.answers["module"] = module


class TokenPage(_CheckedPage):
    """The seals' USB key, chosen among those the driver sees, and its PIN (to check its keys; never kept)."""

    def __init__(self) -> None:
        super().__init__(self.tr("The seals' USB key"),
                         self.tr("Choose the USB key the office prepared with the seals' keys and type its PIN: "
                                 "SealStation checks the keys on it. The PIN is not kept."), "tokenPage")
        self.token = QComboBox()
        self.token.setObjectName("token")
        self.token.setAccessibleName(self.tr("USB key"))
        self.form.addRow(self.tr("USB key"), self.token)
        self.pin = self._line("pin", self.tr("PIN"), secret=True, accessible=self.tr("The USB key's PIN"))
        self.keys = QLabel("")
        self.keys.setObjectName("keysFound")
        self.keys.setWordWrap(True)
        self.form.addRow(self.keys)

    def initializePage(self) -> None:  # noqa: N802
        from sealstation.station_init import tokens_of

        self.token.clear()
        module, conf = self.answers["module"], self.wizard().softhsm2_conf
        self.wizard().tasks.run(lambda: tokens_of(module, conf), self._listed,
                                lambda exc: self.say(error_text(exc)))

    def _listed(self, slots) -> None:
        for slot in slots:
            if slot.initialised:
                self.token.addItem(self.tr("{label} (serial {serial})").format(label=slot.label, serial=slot.serial),
                                   slot.label)
        self.say("" if self.token.count() else
                 self.tr("The driver sees no prepared USB key. Plug in the seals' USB key, then go back and on again."))

    def gather(self):
        from sealstation.station_init import check_token

        label, pin = self.token.currentData() or "", self.pin.text()
        module, conf = self.answers["module"], self.wizard().softhsm2_conf
        self.pending = (label, pin)
        return lambda: check_token(module, label, pin, None, softhsm2_conf=conf)

    def accept_result(self, found) -> None:
        self.answers["token"], self.wizard().secrets["pin"] = self.pending
        self.pending = None
        self.pin.clear()
        self.keys.setText(self.tr("Seal keys on it: {keys}").format(keys=", ".join(found.keys)))


class StationPage(_CheckedPage):
    """The station's id in the office archive and its name (where signatures are made)."""

    def __init__(self) -> None:
        super().__init__(self.tr("This station"),
                         self.tr("Its id names it in the office archive; its name says where signatures are made."),
                         "stationPage")
        self.station_id = self._line("stationId", self.tr("Station id"))
        self.station_id.setPlaceholderText("hq-office-1")
        self.name = self._line("stationName", self.tr("Station name"))
        self.name.setPlaceholderText(self.tr("e.g. Head office, general office"))
        self.home = QLabel("")
        self.home.setObjectName("home")
        self.home.setWordWrap(True)
        self.form.addRow(self.tr("Station folder"), self.home)

    def initializePage(self) -> None:  # noqa: N802
        self.home.setText(str(self.wizard().home))

    def gather(self):
        from sealstation.station_init import check_home, check_station

        station_id, name, home = self.station_id.text().strip(), self.name.text().strip(), self.wizard().home

        def check():
            check_station(station_id, name)
            check_home(home)
            return station_id, name

        return check

    def accept_result(self, result) -> None:
        self.answers["station_id"], self.answers["station_name"] = result


class OfficePage(_CheckedPage):
    """The files the office hands over: its seal authority (certificate and key) and the signed policy."""

    def __init__(self) -> None:
        super().__init__(self.tr("The office's files"),
                         self.tr("The office hands over its seal authority certificate and key and the policy it "
                                 "signed for this station. The passphrase opens the key; it is not kept."),
                         "officePage")
        pem = self.tr("Certificates and keys (*.pem *.crt *.cer);;All files (*)")
        self.ca = self._file("caCert", self.tr("Seal authority certificate"),
                             self.tr("The office's seal authority certificate"), pem)
        self.ca_key = self._file("caKey", self.tr("Seal authority key"), self.tr("The office's seal authority key"),
                                 pem)
        self.passphrase = self._line("caPassphrase", self.tr("Key passphrase"), secret=True,
                                     accessible=self.tr("The seal authority key's passphrase"))
        self.policy = self._file("policy", self.tr("Signed policy"), self.tr("The office's signed policy"),
                                 self.tr("Policies (policy.json *.json);;All files (*)"))

    def gather(self):
        from pathlib import Path

        from sealstation.station_init import check_authority, check_policy, check_token

        wizard = self.wizard()
        ca, key, policy_file = (Path(e.text().strip()) for e in (self.ca, self.ca_key, self.policy))
        passphrase = self.passphrase.text()
        module, token, pin, conf = self.answers["module"], self.answers["token"], wizard.secrets["pin"], \
            wizard.softhsm2_conf

        def check():
            authority = check_authority(ca, key, passphrase)
            policy = check_policy(policy_file, authority.certificate)
            check_token(module, token, pin, authority.certificate, softhsm2_conf=conf)  # its seals are this office's
            return policy

        self.pending = dict(ca=str(ca), ca_key=str(key), policy_file=str(policy_file)), passphrase
        return check

    def accept_result(self, policy) -> None:
        files, self.wizard().secrets["passphrase"] = self.pending
        self.pending = None
        self.answers.update(files, policy=policy)
        self.passphrase.clear()


class ArchivePage(_CheckedPage):
    """The office archive: a folder (the office's share) or PostgreSQL, tested before going on."""

    def __init__(self) -> None:
        super().__init__(self.tr("The office archive"),
                         self.tr("The station sends its records to the office archive: the office's shared folder, "
                                 "or its PostgreSQL database. It is tested before going on; leave it empty to set "
                                 "it later."), "archivePage")
        self.location = self._line("archive", self.tr("Archive"))
        self.location.setPlaceholderText(self.tr("/mnt/office-archive or postgresql://station@server/archive"))
        self.make = QCheckBox(self.tr("Make this empty folder the office archive"))
        self.make.setObjectName("makeArchive")
        self.form.addRow(self.make)
        self.db_password = self._line("archivePassword", self.tr("Database password"), secret=True,
                                      accessible=self.tr("The archive database's password"))
        self.tested = QLabel("")
        self.tested.setObjectName("archiveTested")
        self.form.addRow(self.tested)

    def initializePage(self) -> None:  # noqa: N802
        policy = self.answers.get("policy")
        if policy is not None and policy.archive_location and not self.location.text():
            self.location.setText(policy.archive_location)

    def gather(self):
        from sealstation.station_init import check_archive

        location, make = self.location.text().strip() or None, self.make.isChecked()
        password, policy = self.db_password.text() or None, self.answers.get("policy")
        self.pending = make, password
        return lambda: check_archive(location, policy, make=make, db_password=password)

    def accept_result(self, probe) -> None:
        make, self.wizard().secrets["archive_password"] = self.pending
        self.pending = None
        self.answers.update(archive=probe.location if probe else None, make_archive=make)
        self.db_password.clear()
        self.tested.setText(self.tr("The archive answers.") if probe else "")


class JournalKeyPage(_CheckedPage):
    """Where the journal's key is kept: the OS keyring, or a passphrase typed at each start (said plainly)."""

    def __init__(self) -> None:
        super().__init__(self.tr("The journal's key"),
                         self.tr("The station's journal is encrypted. Its key is kept in this computer's keyring, "
                                 "or made from a passphrase that must be typed at every start."), "journalKeyPage")
        self.keyring = QRadioButton(self.tr("In this computer's keyring"))
        self.keyring.setObjectName("keyKeyring")
        self.passphrase_choice = QRadioButton(self.tr("From a passphrase typed at each start"))
        self.passphrase_choice.setObjectName("keyPassphrase")
        self.form.addRow(self.keyring)
        self.form.addRow(self.passphrase_choice)
        self.state = QLabel("")
        self.state.setObjectName("keyringState")
        self.state.setWordWrap(True)
        self.form.addRow(self.state)
        self.passphrase = self._line("journalPassphrase", self.tr("Passphrase"), secret=True,
                                     accessible=self.tr("The journal passphrase"))
        self.again = self._line("journalPassphraseAgain", self.tr("Passphrase again"), secret=True,
                                accessible=self.tr("The journal passphrase, again"))
        self.keyring.toggled.connect(self._enable)

    def initializePage(self) -> None:  # noqa: N802
        from sealstation.station_init import check_key_source

        self.keyring.setEnabled(False)
        self.wizard().tasks.run(lambda: check_key_source("keyring"), lambda _ok: self._keyring(True),
                                lambda _exc: self._keyring(False))  # none here: said, and the passphrase chosen

    def _keyring(self, have: bool) -> None:
        self.keyring.setEnabled(have)
        (self.keyring if have else self.passphrase_choice).setChecked(True)
        self.state.setText(self.tr("This computer has a secure keyring: the key is kept there, and nobody types it.")
                           if have else
                           self.tr("This computer has no secure keyring. The journal key is made from a passphrase "
                                   "instead: the office must type it at every start of the station, and without it "
                                   "the journal cannot be opened."))
        self._enable()

    def _enable(self) -> None:
        on = self.passphrase_choice.isChecked()
        self.passphrase.setEnabled(on)
        self.again.setEnabled(on)

    def gather(self):
        from sealstation.station_init import check_key_source

        source = "keyring" if self.keyring.isChecked() else "passphrase"
        passphrase = self.passphrase.text() if source == "passphrase" else None
        if passphrase is not None and passphrase != self.again.text():
            raise _Mismatch(self.tr("The two passphrases differ. Type the same one twice."))
        station_id = self.answers["station_id"]
        self.pending = passphrase
        return lambda: check_key_source(source, passphrase, station_id=station_id)

    def accept_result(self, source) -> None:
        self.answers["key_source"] = source
        self.wizard().secrets["journal_passphrase"] = self.pending
        self.pending = None
        self.passphrase.clear()
        self.again.clear()


class UserPage(_CheckedPage):
    """The first office user; then the station is made."""

    def __init__(self) -> None:
        super().__init__(self.tr("The first office user"),
                         self.tr("The office user adds the station's other people and registers its seals. They "
                                 "choose their own password at their first login."), "userPage")
        self.user = self._line("officeUser", self.tr("User name"))
        self.user.setText("admin")
        self.full_name = self._line("officeName", self.tr("Full name"))
        self.password = self._line("officePassword", self.tr("Initial password"), secret=True)
        self.again = self._line("officePasswordAgain", self.tr("Initial password again"), secret=True)
        self.setFinalPage(True)

    def gather(self):
        from sealstation.station_init import check_first_user

        if self.password.text() != self.again.text():
            raise _Mismatch(self.tr("The two passwords differ. Type the same one twice."))
        user, password, policy = self.user.text().strip(), self.password.text(), self.answers.get("policy")
        self.pending = user, self.full_name.text().strip(), password
        return lambda: check_first_user(user, password, policy)

    def accept_result(self, _result) -> None:
        user, name, password = self.pending
        self.pending = None
        self.answers.update(office_user=user, office_name=name)
        self.wizard().secrets["office_password"] = password
        self.password.clear()
        self.again.clear()

    def validatePage(self) -> bool:  # noqa: N802
        if self.wizard().made is not None:
            return True
        return super().validatePage()  # checked in the background, then the station is made (_check_passed)

    def _check_passed(self, result) -> None:
        self.wizard().checking(False)
        self.accept_result(result)
        self.say("")
        self.wizard().build()  # the assistant closes when the station is there
