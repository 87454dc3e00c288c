"""The set-up assistant: the first start of a computer with no station home makes it a station.

One page a step (:mod:`ui.setup_pages`): the USB key's driver, the USB key, the station, the office's files, the
office archive, the journal's key, the first office user. Each page is checked when the person goes on; the station
is made at the end, in the background, all or nothing (:func:`sealstation.station_init.init_station`): cancelling,
or a failure, leaves no station home. The secrets typed (PIN, passphrases, password) are held only until the
station is made, then dropped.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWizard

from .error_words import text as error_text
from .setup_pages import (ArchivePage, JournalKeyPage, ModulePage, OfficePage, StationPage, TokenPage, UserPage)
from .tasks import TaskRunner

__all__ = ["SetupAssistant"]


class SetupAssistant(QWizard):
    """Makes a station home at ``home``; ``made(Path)`` once it is there."""

    made_station = Signal(object)

    def __init__(self, home: Path, *, softhsm2_conf: str | None = None, usb_backend=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("setupAssistant")
        self.setWindowTitle(self.tr("SealStation — set up this station"))
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage, True)
        self.home = Path(home)
        self.softhsm2_conf = softhsm2_conf
        """A SoftHSM2 configuration for test keys (None on a real station: the vendor's driver needs none)."""
        self.usb_backend = usb_backend
        self.answers: dict = {}
        self.secrets: dict = {}
        self.made = None
        self.tasks = TaskRunner(self)
        self.pages = [ModulePage(), TokenPage(), StationPage(), OfficePage(), ArchivePage(), JournalKeyPage(),
                      UserPage()]
        for page in self.pages:
            self.addPage(page)
        self.setButtonText(QWizard.FinishButton, self.tr("Make the station"))
        self.resize(720, 520)

    def spec(self):
        from sealstation.station_init import StationInitSpec

        a = self.answers
        return StationInitSpec(
            home=self.home, pkcs11_module=a["module"], token_label=a["token"], station_id=a["station_id"],
            station_name=a["station_name"], ca_cert_file=Path(a["ca"]), ca_key_file=Path(a["ca_key"]),
            policy_file=Path(a["policy_file"]), archive_location=a.get("archive"),
            make_archive=a.get("make_archive", False), journal_key_source=a["key_source"],
            office_user=a["office_user"], office_display_name=a.get("office_name", ""),
            softhsm2_conf=self.softhsm2_conf)

    def build(self) -> None:
        """Make the station in the background (everything checked again first); the assistant closes when done."""
        from sealstation.station_init import InitSecrets, init_station

        s = self.secrets
        secrets = InitSecrets(s["pin"], s["passphrase"], s["office_password"], s.get("journal_passphrase"),
                              s.get("archive_password"))
        spec = self.spec()
        self._busy(True)
        self.tasks.run(lambda: init_station(spec, secrets), self._made, self._refused)

    def checking(self, busy: bool) -> None:
        """A page's answers (or the whole station) are being checked in the background: no going on or back."""
        for which in (QWizard.NextButton, QWizard.FinishButton, QWizard.BackButton):
            self.button(which).setEnabled(not busy)

    def _busy(self, busy: bool) -> None:
        self.checking(busy)
        self.button(QWizard.CancelButton).setEnabled(not busy)  # the build is all or nothing: it ends either way
        self.currentPage().say(self.tr("Making the station…") if busy else "", problem=False)

    def _made(self, made) -> None:
        self.secrets.clear()
        self.made = made
        self._busy(False)
        self.made_station.emit(made.home)
        self.accept()

    def done(self, result: int) -> None:
        """Closed (made or cancelled): the secrets typed are dropped. (Finish comes here too, and QWizard closes
        only once the last page is valid: until the station is made, it stays open and keeps them.)"""
        super().done(result)
        if not self.isVisible():
            self.secrets.clear()

    def _refused(self, exc: BaseException) -> None:
        self._busy(False)
        self.currentPage().say(error_text(exc))  # nothing was made: the person corrects a page and tries again
