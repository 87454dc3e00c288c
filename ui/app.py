"""Starting the station window: the first screen at once, the station opened behind it.

With no station home, the first screen is the set-up assistant (:mod:`ui.setup_assistant`); the station starts once
it has made one.

Only Qt and :mod:`sealstation.startup` are imported before the first screen (the passphrase prompt on a
passphrase station, else the login screen) is shown; the core is imported and the station opened on the
TaskRunner while the person reads it. A wrong journal passphrase asks again.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

__all__ = ["run", "FIRST_SCREEN_ENV"]

FIRST_SCREEN_ENV = "SEALSTATION_EXIT_AFTER_FIRST_SCREEN"
"""Set (benchmarks/window_start.py): print ``first-screen <epoch seconds>`` once the first screen is shown and exit."""


def _open_station(home, passphrase: str | None):
    """On the TaskRunner: import the core, open the station, finish or undo a stamp a crash cut short."""
    from sealstation.station import Station

    station = Station.open(home, journal_passphrase=passphrase)
    try:
        recovered = station.recover()
    except BaseException:
        station.close()
        raise
    return station, recovered


class _Starter:
    """Shows the first screen, opens the station, then hands it to the window."""

    def __init__(self, app, home) -> None:
        from PySide6.QtCore import QCoreApplication

        from .tasks import TaskRunner

        self.app, self.home = app, home
        self.tr = lambda text: QCoreApplication.translate("_Starter", text)  # the context lupdate gives self.tr here
        self.tasks = TaskRunner()
        self.station = None
        self.window = None
        self.dialog = None
        self.code = 0
        self.show_fatal = self._fatal_dialog  # tests read what would be said
        self.quit = app.exit  # and keep their own event loop
        self.setup_options: dict = {}  # tests hand the set-up assistant their SoftHSM2 and USB bus

    def start(self) -> None:
        from sealstation.startup import asks_journal_passphrase, has_station

        if not has_station(self.home):
            self._set_up()
        elif asks_journal_passphrase(self.home):
            from .passphrase_dialog import PassphraseDialog

            self.dialog = PassphraseDialog()
            self.dialog.submitted.connect(self._open_with)
            self.dialog.rejected.connect(lambda: self._stop(1))
            self.dialog.show()
        else:
            self._show_window()
            self.tasks.run(lambda: _open_station(self.home, None), self._opened, self._fatal)
        self._first_screen_shown()

    def _set_up(self) -> None:
        """No station home yet: the set-up assistant makes one, then the station starts as usual."""
        from sealstation.startup import resolve_home

        from .setup_assistant import SetupAssistant

        self.dialog = SetupAssistant(resolve_home(self.home), **self.setup_options)
        self.dialog.accepted.connect(self._set_up_done)
        self.dialog.rejected.connect(lambda: self._stop(1))  # cancelled: nothing was made
        self.dialog.show()

    def _set_up_done(self) -> None:
        self.dialog = None
        self.start()

    def _show_window(self) -> None:
        from .main_window import MainWindow

        self.window = MainWindow()
        self.window.show()
        self.window.login_screen.focus_first()

    def _open_with(self, passphrase: str) -> None:
        self.tasks.run(lambda: _open_station(self.home, passphrase), self._opened, self._open_refused)

    def _open_refused(self, exc: BaseException) -> None:
        from sealstation.errors import JournalPassphraseError

        if isinstance(exc, JournalPassphraseError) and self.dialog is not None:
            self.dialog.wrong(self.tr("That passphrase does not open this station's journal. Type it again."))
            return
        self._fatal(exc)

    def _opened(self, opened) -> None:
        self.station, recovered = opened
        if self.dialog is not None:
            self.dialog.accept()
            self.dialog = None
            self._show_window()
        self.window.set_station(self.station)
        self._say_warnings(recovered)

    def _say_warnings(self, recovered: int) -> None:
        from sealstation.anchor import PIN_COMMAND

        station, lines = self.station, []
        anchor = station.anchor
        if not anchor.pinned:  # worded here from the facts: the core's sentence is English
            lines.append(lambda: self.tr(
                "The office's seal authority is not pinned on this computer ({path} is missing): the copy in the "
                "station home is trusted as it is, and only the office's archive check would find it replaced. "
                "Root pins it once: {command}").format(path=anchor.path, command=PIN_COMMAND))
        if station.config.archive is not None and not station.policy.archive_location:
            lines.append(lambda: self.tr(
                "The office's policy does not name this station's archive: the archive set here is used as it is, "
                "and only the office would notice records sent elsewhere. The office names it in the next policy "
                "it signs."))
        if recovered:
            lines.append(lambda: self.tr("Finished or undid {count} stamp attempt(s) a crash left open; see the "
                                         "journal.").format(count=recovered))
        if lines:
            self.window.show_message(lambda: " ".join(words() for words in lines))

    def _fatal(self, exc: BaseException) -> None:
        from .error_words import text

        self.show_fatal(text(exc))
        self._stop(1)

    def _fatal_dialog(self, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(self.window or self.dialog, self.tr("SealStation cannot start"), text)

    def _stop(self, code: int) -> None:
        self.code = code
        for shown in (self.window, self.dialog):
            if shown is not None:
                shown.close()
        self.quit(code)

    def _first_screen_shown(self) -> None:
        if not os.environ.get(FIRST_SCREEN_ENV):
            return
        from PySide6.QtCore import QTimer

        def mark():
            sys.stdout.write(f"first-screen {time.time():.6f}\n")
            sys.stdout.flush()
            os._exit(0)  # a measurement: nothing to save, and the station may still be opening

        QTimer.singleShot(0, mark)


def _identify(app) -> None:
    """The window's icon, and the desktop entry it belongs to (the taskbar shows the menu entry's name and icon)."""
    from PySide6.QtGui import QIcon

    from .resources import DESKTOP_ID, resource_path

    app.setDesktopFileName(DESKTOP_ID)
    icon = resource_path("icons", "sealstation.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def run(home: str | Path | None = None) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from . import i18n

    if QApplication.instance() is None:
        # 125 % and 150 % screens scale exactly (no rounding to 100 % or 200 %): the seal's true size on screen
        # and the rulers stay right.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("SealStation")
    app.setOrganizationName("SealStation")
    _identify(app)
    i18n.install(app)  # the language chosen last (QSettings), Chinese at first
    starter = _Starter(app, home)
    starter.start()
    try:
        code = app.exec()
    finally:
        starter.tasks.wait()
        if starter.station is not None:
            starter.station.close()
    return starter.code or code
