"""The station window's shell: menus and shortcuts, the screens (login → queue → document), the status strip.

The shell owns no use case: each screen asks the station (the façade) for what it shows, and the shell
only moves between screens (a queue item opens its document; print from the queue opens the print dialog),
keeps who is logged in (always shown, at the toolbar's end), keeps the status strip current (the USB key
watched while someone is logged in; the rest after each stamp, print, sync and every minute), locks after
the policy's idle minutes, remembers its geometry and language (QSettings), and asks before quitting while
work is running.

Light at import (Qt only): the window shows its login screen while the station opens behind it
(:func:`ui.app.run`); the screens that need the core are built in :meth:`MainWindow.set_station`.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QFileDialog, QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea,
                               QSizePolicy, QStackedWidget, QToolBar, QWidget)

from sealstation.permissions import Action

from . import i18n
from .login_screen import LoginScreen
from .role_views import ROLE_VIEWS
from .tasks import TaskRunner, settle_heap

__all__ = ["MainWindow", "toolbar_text"]


def toolbar_text(menu_text: str) -> str:
    """A menu item's words as its toolbar button shows them: without the Alt letter, whether it is marked inside
    the words ("&Print…") or, as Chinese menus write it, after them ("打印(&P)…"), and without the "…"."""
    text = re.sub(r"\s*\(&[^)]\)", "", menu_text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip()


class _ActivityWatch(QObject):
    """Restarts the idle timer at each key press, click or wheel turn anywhere in the application."""

    _KINDS = (QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel, QEvent.MouseMove)

    def __init__(self, timer: QTimer, parent=None) -> None:
        super().__init__(parent)
        self.timer = timer

    def eventFilter(self, _obj, event) -> bool:
        if event.type() in self._KINDS and self.timer.isActive():
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    """The shell. ``MainWindow(station)`` when the station is open; ``MainWindow()`` then :meth:`set_station`."""

    SYNC_INTERVAL_MS = 5 * 60 * 1000
    STATUS_INTERVAL_MS = 60 * 1000

    def __init__(self, station=None, *, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)  # an OA approval file dropped on the window is imported (dropEvent)
        self.station = None
        self.login = None
        self.settings = settings if settings is not None else i18n.settings()
        self.tasks = TaskRunner(self)
        self.sync_tasks = TaskRunner(self)  # apart, so that a background sync never blocks the stamp button
        self.read_tasks = TaskRunner(self)  # the queue's and the status strip's reads
        self.confirm_quit = self._confirm_quit_dialog  # tests answer this question
        self.choose_file = self._choose_file_dialog  # and this one
        self.document_screen = None
        self._locked_user = ""
        self._key_pulled = False
        self._screen_before_lock = None
        self.resize(1200, 900)
        self._build()
        self.retranslate_ui()
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, (QByteArray, bytes)):
            self.restoreGeometry(QByteArray(geometry))
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self.idle_lock)
        self._activity = _ActivityWatch(self._idle, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._activity)
        if station is not None:
            self.set_station(station)

    # -- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        self.stack = QStackedWidget()
        self.login_screen = LoginScreen()
        self.login_screen.loginRequested.connect(self._log_in)
        self.stack.addWidget(self.login_screen)
        self.queue_screen = None  # built with the station (set_station): it reads the core
        self.journal_view = None  # the custodian's own entries, likewise
        self.status_strip = None  # with the station too: the status bar's USB key, seals, journal, archive
        self.archive_label = None  # the strip's archive section, once there
        self.token_watch = None
        self.setCentralWidget(self.stack)
        self._build_actions()
        self._build_menus()
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self._toolbar_actions = (self.open_action, self.stamp_action, self.print_action, self.queue_action,
                                 self.journal_action, self.report_action)
        for action in self._toolbar_actions:
            self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)
        self.report_button = self.toolbar.widgetForAction(self.report_action)
        self.report_button.setObjectName("reportButton")
        # Who is logged in, always shown: at the toolbar's right end (the status bar is the status strip's), and the
        # toolbar cannot be hidden or moved away.
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.toolbar.addWidget(spacer)
        self.user_label = QLabel("")
        self.user_label.setObjectName("whoIsLoggedIn")
        self.user_label.setContentsMargins(8, 0, 8, 0)
        self.toolbar.addWidget(self.user_label)
        self.toolbar.setMovable(False)
        self.toolbar.toggleViewAction().setVisible(False)
        self.message_label = QLabel("")
        self.message_label.setObjectName("windowMessage")
        self.message_label.setWordWrap(True)
        self.statusBar().addWidget(self.message_label, 1)
        self._update_actions()

    def _action(self, name: str, slot, shortcut=None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        self.addAction(action)  # the shortcut works whatever has the focus
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action("openAction", self.choose_document, QKeySequence.Open)
        self.print_action = self._action("printAction", self.print_current, QKeySequence.Print)
        self.logout_action = self._action("logoutAction", self.log_out, QKeySequence("Ctrl+L"))
        self.quit_action = self._action("quitAction", self.close, QKeySequence("Ctrl+Q"))
        self.stamp_action = self._action("stampAction", self.stamp_current, QKeySequence("Ctrl+Return"))
        self.queue_action = self._action("queueAction", self.show_queue, QKeySequence("Ctrl+1"))
        self.journal_action = self._action("journalAction", self.show_journal, QKeySequence("Ctrl+J"))
        self.next_action = self._action("nextRequestAction", self.next_request, QKeySequence("Ctrl+N"))
        self.zoom_in_action = self._action("zoomInAction", lambda: self._view_do("zoom_in"),
                                           [QKeySequence.ZoomIn, QKeySequence("Ctrl+=")])
        self.zoom_out_action = self._action("zoomOutAction", lambda: self._view_do("zoom_out"), QKeySequence.ZoomOut)
        self.fit_width_action = self._action("fitWidthAction", lambda: self._view_do("fit_width"),
                                             QKeySequence("Ctrl+2"))
        self.fit_page_action = self._action("fitPageAction", lambda: self._view_do("fit_page"), QKeySequence("Ctrl+0"))
        self.report_action = self._action("reportAction", self.open_report)
        self.oa_import_action = self._action("oaImportAction", self.choose_oa_approval)
        self.verify_action = self._action("verifyAction", self.open_verify, QKeySequence("Ctrl+Shift+V"))
        self.role_actions = {}
        for view in ROLE_VIEWS:
            self.role_actions[view.name] = self._action(view.name, lambda _c=False, v=view: self.open_view(v.name),
                                                        QKeySequence(view.shortcut) if view.shortcut else None)
        self.views = {}  # name → the view built for the person logged in (dropped when they leave)
        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self)  # each language in its own words, whatever the window's language
            action.setCheckable(True)
            action.setObjectName(f"language_{code}")
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        current = i18n.current_language()
        self.language_actions.get(current, self.language_actions[i18n.DEFAULT_LANGUAGE]).setChecked(True)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for action in (self.open_action, self.oa_import_action, self.verify_action, self.print_action, None,
                       self.logout_action, self.quit_action):
            self.file_menu.addSeparator() if action is None else self.file_menu.addAction(action)
        self.work_menu = bar.addMenu("")
        for action in (self.queue_action, self.next_action, self.stamp_action, self.journal_action):
            self.work_menu.addAction(action)
        self.view_menu = bar.addMenu("")
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_width_action, self.fit_page_action):
            self.view_menu.addAction(action)
        # The monthly report is the Office menu's role view (ui/role_views.py); report_action stays on the toolbar,
        # where it also opens the export dialog before anyone logs in.
        self.office_menu = bar.addMenu("")
        self.audit_menu = bar.addMenu("")
        menus = {"work": self.work_menu, "office": self.office_menu, "audit": self.audit_menu}
        for view in ROLE_VIEWS:
            menus[view.menu].addAction(self.role_actions[view.name])
        self.language_menu = bar.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)

    def retranslate_ui(self) -> None:
        self._update_title()
        self.file_menu.setTitle(self.tr("&File"))
        self.work_menu.setTitle(self.tr("&Work"))
        self.view_menu.setTitle(self.tr("&View"))
        self.office_menu.setTitle(self.tr("&Office"))
        self.audit_menu.setTitle(self.tr("&Audit"))
        for view in ROLE_VIEWS:
            self.role_actions[view.name].setText(QCoreApplication.translate("RoleViews", view.text))
        self.language_menu.setTitle(self.tr("&Language"))
        self.open_action.setText(self.tr("&Open a document…"))
        self.print_action.setText(self.tr("&Print…"))
        self.logout_action.setText(self.tr("Log &out"))
        self.quit_action.setText(self.tr("&Quit"))
        self.stamp_action.setText(self.tr("&Stamp"))
        self.queue_action.setText(self.tr("Work &queue"))
        self.journal_action.setText(self.tr("My &journal"))
        self.next_action.setText(self.tr("&Next request"))
        self.zoom_in_action.setText(self.tr("Zoom &in"))
        self.zoom_out_action.setText(self.tr("Zoom &out"))
        self.fit_width_action.setText(self.tr("Fit &width"))
        self.fit_page_action.setText(self.tr("Fit &page"))
        self.report_action.setText(self.tr("&Monthly report…"))
        self.oa_import_action.setText(self.tr("Import an OA &approval…"))
        self.verify_action.setText(self.tr("&Verify a file or a copy…"))
        for action in self._toolbar_actions:
            action.setIconText(toolbar_text(action.text()))
        self.toolbar.setWindowTitle(self.tr("Main tools"))
        self.toolbar.setAccessibleName(self.tr("Main tools"))
        self._show_who()
        i18n.reword(self.message_label)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the station ------------------------------------------------------------------

    def set_station(self, station) -> None:
        """The station is open: logins can be checked, and the screens that need the core are built."""
        from .document_screen import DocumentScreen

        self.station = station
        self.document_screen = DocumentScreen(station, self.tasks)
        self._wire_document_screen()
        self.stack.addWidget(self.document_screen)
        self._build_queue(station)
        self._build_journal(station)
        self._build_status(station)
        self.login_screen.set_ready(True)
        self._start_archive_sync()
        self._update_actions()
        settle_heap()  # the station and the core are loaded: what lives on is kept out of full collections

    def _wire_document_screen(self) -> None:
        screen = self.document_screen
        screen.printRequested.connect(self.open_print_dialog_for)
        screen.stamped.connect(lambda _results: self._after_work())
        screen.busyChanged.connect(lambda _busy: self._update_actions())
        # The View menu's zoom actions own Ctrl++ / Ctrl+- in the window: the page view's own shortcuts (for the
        # view on its own) would make the keys ambiguous, and Qt then does neither.
        for shortcut in screen.view.findChildren(QShortcut):
            shortcut.setEnabled(False)

    def _build_queue(self, station) -> None:
        from .queue_screen import QueueScreen

        # Reads of its own (not ``self.tasks``): a queue being read is not work that makes quitting ask.
        self.queue_screen = QueueScreen(station, tasks=self.read_tasks)
        self.queue_screen.openRequested.connect(self.open_work_item)
        self.queue_screen.printRequested.connect(self.print_work_item)
        self.queue_screen.changed.connect(self.refresh_status)  # returned or recalled: the queue reloads itself
        self.queue_screen.loaded.connect(self._queue_loaded)
        self.stack.addWidget(self.queue_screen)

    def _build_journal(self, station) -> None:
        from .journal_view import JournalView

        self.journal_view = JournalView(station, tasks=self.read_tasks)
        # In a scroll area: its filters' row would otherwise set the whole window's narrowest width.
        self.journal_page = QScrollArea()
        self.journal_page.setObjectName("journalPage")
        self.journal_page.setFrameShape(QFrame.NoFrame)
        self.journal_page.setWidgetResizable(True)
        self.journal_page.setFocusPolicy(Qt.NoFocus)  # a frame, not a stop for Tab: it goes to the filters
        self.journal_page.setWidget(self.journal_view)
        self.stack.addWidget(self.journal_page)

    def show_journal(self) -> None:
        """Ctrl+J: the custodian's own journal entries (today's first), filtered by the seals they keep."""
        if self.login is None or self.journal_view is None:
            return
        user, station = self.login.user.username, self.station
        self.stack.setCurrentWidget(self.journal_page)
        self._update_actions()

        def shown(seals) -> None:
            if self.login is not None and self.login.user.username == user:
                self.journal_view.set_seals([seal.seal_id for seal in seals])
                self.journal_view.load(user)

        self.read_tasks.run(lambda: station.stamping().seals_usable_today(user), shown,
                            lambda exc: self.show_message(lambda: _words(exc)))

    def _queue_loaded(self, count: int) -> None:
        """The first request current when none is, so that Enter opens it (the whole day by keys)."""
        shown = self.queue_screen.shown_items()
        if count and shown and self.queue_screen.current_item() is None:
            self.queue_screen.select(shown[0].request_id)

    def _build_status(self, station) -> None:
        from .status_strip import StatusStrip
        from .token_watch import TokenWatch

        self.status_strip = StatusStrip(station, tasks=self.read_tasks)
        self.statusBar().addPermanentWidget(self.status_strip, 3)  # a narrow window shortens its sections with "…"
        self.archive_label = self.status_strip.archive_label
        self.token_watch = TokenWatch(station, self)
        self.token_watch.changed.connect(self._token_changed)
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start(self.STATUS_INTERVAL_MS)
        self.refresh_status()

    def refresh_status(self) -> None:
        """Read the strip's seals (of who is logged in), journal and archive sections again, in the background."""
        if self.status_strip is not None:
            login = self.login
            self.status_strip.refresh(login.user.username if login is not None else None,
                                      stamps=login is None or Action.STAMP in login.actions)

    def _token_changed(self, status) -> None:
        self.status_strip.show_token(status)
        if status.present:
            if self._key_pulled:
                self._key_pulled = False
                self.show_message(lambda: self.tr("The USB key is plugged in again: go on where you were."))
            return
        if self.login is None or self._key_pulled:
            return
        self._key_pulled = True
        # The core closed the token session as the key went; a PIN dialog waiting for that key is of no use now.
        if self.document_screen is not None:
            self.document_screen.token_pulled()
        self.show_message(lambda: self.tr("The USB key was pulled out: its session is closed. Plug it back in to go "
                                          "on; nothing needs a restart."))

    def _after_work(self) -> None:
        """A stamp, a print, a return or a recall changed what waits: the archive, the strip and the queue follow."""
        self.sync_archive()
        self.refresh_status()
        if self.queue_screen is not None and self.login is not None:
            self.queue_screen.load(self.login.user.username)

    def show_message(self, words) -> None:
        """The window's message line: ``words`` a callable wording it in the window's language (said again when the
        language changes), or a string shown as it is."""
        i18n.say(self.message_label, words)

    # -- login, logout, idle lock ---------------------------------------------------------

    def _log_in(self, user: str, password: str) -> None:
        self.tasks.run(lambda: self.station.login(user, password), lambda login: self._logged_in(login, password),
                       self._login_refused)

    def _login_refused(self, exc: BaseException) -> None:
        self.login_screen.show_problem(lambda: _words(exc))

    def _logged_in(self, login, password: str) -> None:
        if login.password_change is not None:
            self._ask_new_password(login, password)
            return
        self._begin(login)

    def _ask_new_password(self, login, old: str) -> None:
        from .password_change_dialog import PasswordChangeDialog

        dialog = PasswordChangeDialog(login.user.username, login.password_change == "expired",
                                      self.station.password_policy, self)
        self.password_dialog = dialog
        user = login.user.username

        def chosen(new: str) -> None:
            self.tasks.run(lambda: self.station.change_password(user, old, new), lambda _r: changed(),
                           lambda exc: dialog.refused(_words(exc)))

        def changed() -> None:
            dialog.done_clear()
            dialog.accept()
            self._begin(login)

        def cancelled() -> None:
            self.login_screen.reset(user)
            self.login_screen.show_problem(lambda: self.tr("The password must be changed before working."))

        dialog.chosen.connect(chosen)
        dialog.rejected.connect(cancelled)
        dialog.open()

    def _begin(self, login) -> None:
        same = self._locked_user and self._locked_user == login.user.username
        self.login = login
        self._show_who()
        self.login_screen.reset()
        self.login_screen.show_notice("")
        if self.document_screen is not None:
            self.document_screen.set_user(login.user.username)
        if login.idle_lock_minutes:
            self._idle.setInterval(login.idle_lock_minutes * 60 * 1000)
            self._idle.start()
        if self.token_watch is not None:
            self.token_watch.start()
        self.refresh_status()
        if same and self._screen_before_lock is not None:
            self.stack.setCurrentWidget(self._screen_before_lock)
        else:
            self._drop_views()
            if self.document_screen is not None and self.document_screen.document is not None:
                self._fresh_document_screen()
            self._show_home()
        self._locked_user, self._screen_before_lock = "", None
        self._update_actions()

    def _fresh_document_screen(self) -> None:
        """Another person: nothing of the one before stays on the screen."""
        from .document_screen import DocumentScreen

        old = self.document_screen
        self.document_screen = DocumentScreen(self.station, self.tasks)
        self._wire_document_screen()
        self.document_screen.set_user(self.login.user.username)
        self.stack.addWidget(self.document_screen)
        self.stack.removeWidget(old)
        _shut_down(old)
        old.deleteLater()

    def _show_home(self) -> None:
        """The custodian's queue, or for someone who does not stamp the first view of theirs marked ``home``."""
        if Action.STAMP not in self.login.actions:
            for view in ROLE_VIEWS:
                if view.home and view.screen and view.action in self.login.actions:
                    self.open_view(view.name)
                    return
        self.show_queue()

    def open_view(self, name: str):
        """Open the role view ``name`` (:mod:`ui.role_views`), built once per person; returns the view."""
        view = next(v for v in ROLE_VIEWS if v.name == name)
        if self.login is None or self.station is None or view.action not in self.login.actions:
            return None
        widget = self.views.get(name)
        if widget is None:
            module = importlib.import_module(f"ui.{view.module}")
            widget = getattr(module, view.cls)(self.station, self.tasks, self.login.user.username, self)
            self.views[name] = widget
            if view.screen:
                self.stack.addWidget(widget)
        if hasattr(widget, "refresh"):
            widget.refresh()
        if view.screen:
            self.stack.setCurrentWidget(widget)
            self._update_actions()
        else:
            widget.open()
        return widget

    def _drop_views(self) -> None:
        """Nothing a person opened stays for the next one."""
        for widget in self.views.values():
            if hasattr(widget, "shut_down"):
                widget.shut_down()
            if self.stack.indexOf(widget) >= 0:
                self.stack.removeWidget(widget)
            widget.deleteLater()
        self.views = {}

    def log_out(self) -> None:
        if self.login is None or self.busy:
            return
        self.login = None
        self._drop_views()
        self._idle.stop()
        self._stop_watching()
        self._locked_user, self._screen_before_lock = "", None
        if self.document_screen is not None:
            self.document_screen.set_user("")
        self.stack.setCurrentWidget(self.login_screen)
        self.login_screen.reset()
        self.login_screen.show_notice(lambda: self.tr("Logged out."))
        self._show_who()
        self.refresh_status()
        self._update_actions()

    def idle_lock(self) -> None:
        """The policy's idle minutes passed: the screen locks; the same person logging in goes on where they were."""
        if self.login is None:
            return
        if self.document_screen is not None:
            self.document_screen.abandon_secrets()  # a PIN dialog left open does not keep the screen unlocked
        if self.busy:  # never in the middle of a stamp: try again after the next idle period
            self._idle.start()
            return
        self._locked_user = self.login.user.username
        self._screen_before_lock = self.stack.currentWidget()
        minutes = self.login.idle_lock_minutes
        self.login = None
        self._stop_watching()
        if self.document_screen is not None:
            self.document_screen.set_user("")
        self.stack.setCurrentWidget(self.login_screen)
        self.login_screen.reset(self._locked_user)
        self.login_screen.show_notice(lambda: self.tr("Locked after {minutes} minutes without use. Log in again to go "
                                                      "on.").format(minutes=minutes))
        self._show_who()
        self._update_actions()

    def _stop_watching(self) -> None:
        if self.token_watch is not None:
            self.token_watch.stop()

    def _show_who(self) -> None:
        if not hasattr(self, "user_label"):
            return
        if self.login is None:
            self.user_label.setText(self.tr("Not logged in"))
            return
        user = self.login.user
        roles = ", ".join(_role_words(role) for role in user.roles)
        self.user_label.setText(self.tr("{name} ({user}) · {roles}").format(name=user.display_name,
                                                                           user=user.username, roles=roles))

    # -- screens and actions ------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.tasks.busy or bool(self.document_screen is not None and self.document_screen.busy)

    def _update_title(self) -> None:
        """The window's title names the screen shown (the task bar and window lists tell where the custodian is)."""
        title = self.tr("SealStation electronic seal station")
        shown = self.stack.currentWidget() if hasattr(self, "stack") else None
        if self.login is not None and shown is not None and shown is self.queue_screen:
            title = self.tr("Work queue — {title}").format(title=title)
        elif self.login is not None and shown is not None and shown is getattr(self, "journal_page", None):
            title = self.tr("My journal — {title}").format(title=title)
        elif self.login is not None and shown is not None and shown is self.document_screen \
                and self.document_screen.document is not None:
            title = self.tr("{document} — {title}").format(document=Path(self.document_screen.document).name,
                                                          title=title)
        self.setWindowTitle(title)

    def _shell_roles(self) -> dict:
        """The shell's own actions and what each needs (:mod:`sealstation.permissions`): a person sees only theirs."""
        return {self.open_action: Action.STAMP, self.queue_action: Action.STAMP, self.next_action: Action.STAMP,
                self.stamp_action: Action.STAMP, self.journal_action: Action.STAMP, self.print_action: Action.PRINT,
                self.oa_import_action: Action.IMPORT_OA, self.verify_action: Action.VERIFY}

    def _update_actions(self) -> None:
        self._update_title()
        working = self.login is not None
        on_document = working and self.stack.currentWidget() is self.document_screen
        actions = self.login.actions if working else frozenset()
        # Before a login every action shows, greyed; after it, only what the person's roles allow, as the core
        # decides (it refuses the others anyway). Verifying reads the station's records, so it waits for a login too.
        for action, needs in self._shell_roles().items():
            action.setVisible(not working or needs in actions)
            action.setEnabled(working and needs in actions)
        self.logout_action.setEnabled(working)
        # The report asks its own user and password (it is also made by an auditor at the office's desk, logged in
        # or not), so it stays enabled; hidden from someone logged in whose roles may not make it.
        self.report_action.setVisible(not working or Action.MONTHLY_REPORT in actions)
        self.stamp_action.setEnabled(on_document and Action.STAMP in actions)
        for view in ROLE_VIEWS:
            self.role_actions[view.name].setVisible(view.action in actions)
            self.role_actions[view.name].setEnabled(view.action in actions)
        for menu in (self.work_menu, self.office_menu, self.audit_menu):
            menu.menuAction().setVisible(not working or any(a.isVisible() for a in menu.actions()))
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_width_action, self.fit_page_action):
            action.setEnabled(on_document)

    def show_queue(self) -> None:
        if self.login is None:
            return
        if self.queue_screen is None:
            return
        self.queue_screen.load(self.login.user.username)
        self.stack.setCurrentWidget(self.queue_screen)
        self.queue_screen.view.setFocus(Qt.OtherFocusReason)
        self._update_actions()

    def next_request(self) -> None:
        """Ctrl+N: the queue's next request with a seal still to stamp, opened."""
        stamping = self.document_screen is not None and self.document_screen.busy
        if self.login is not None and self.queue_screen is not None and not stamping:
            self.queue_screen.open_next()

    def choose_document(self) -> None:
        if self.login is None:
            return
        start = str(self.station.home.documents_dir) if self.station is not None else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a document to stamp"), start, "PDF (*.pdf)")
        if path:
            self.open_document(Path(path))

    def open_document(self, path: Path) -> bool:
        """A file from disk: the document screen finds the request that covers it."""
        if self.document_screen is None or self.login is None:
            return False
        self.stack.setCurrentWidget(self.document_screen)
        self._update_actions()
        return self.document_screen.open_document(path)

    def open_work_item(self, item) -> bool:
        """A request from the queue (a :class:`~sealstation.workqueue.WorkItem`): its document, whose request the
        document screen finds again (by its hash) with the approved seals left, the next one due first."""
        path = item.document_path or self._ask_for_document(item)
        if path is None:
            return False
        if self.document_screen is None:
            return False
        self.stack.setCurrentWidget(self.document_screen)
        self._update_actions()
        return self.document_screen.open_work_item(item, Path(path))

    def print_work_item(self, item) -> None:
        """Print from the queue: the copies of the request's stamped output."""
        path = item.document_path or self._ask_for_document(item)
        if path is not None:
            self.open_print_dialog_for(Path(path))

    def _ask_for_document(self, item) -> Path | None:
        """A request recorded before the station kept its file's place: the custodian shows where it is."""
        self.show_message(lambda: self.tr("The station does not know where the document of request {id} ({name}) is: "
                                          "it was requested before the station recorded files' places. Choose the "
                                          "file.").format(id=item.request_id, name=item.document_name))
        start = str(self.station.home.documents_dir) if self.station is not None else ""
        chosen = self.choose_file(self.tr("Where is {name}?").format(name=item.document_name), start)
        return Path(chosen) if chosen else None

    def _choose_file_dialog(self, title: str, start: str) -> str:
        path, _ = QFileDialog.getOpenFileName(self, title, start, self.tr("PDF documents (*.pdf)"))
        return path

    def stamp_current(self) -> None:
        if self.stack.currentWidget() is self.document_screen and self.document_screen.stamp_button.isEnabled():
            self.document_screen.stamp()

    def _view_do(self, what: str) -> None:
        if self.document_screen is not None and self.stack.currentWidget() is self.document_screen:
            getattr(self.document_screen.view, what)()

    def set_language(self, code: str) -> None:
        """Switch the window's language now and remember it (QSettings, through ui.i18n)."""
        i18n.set_language(code)
        i18n.install(QApplication.instance(), code)
        self.language_actions[code].setChecked(True)

    # -- the office archive: background sync and its status ------------------------------------

    def _start_archive_sync(self) -> None:
        self._sync_timer = QTimer(self)
        self._sync_timer.timeout.connect(self.sync_archive)
        self._sync_timer.start(self.SYNC_INTERVAL_MS)

    def sync_archive(self) -> None:
        """After each stamp and periodically (with the scheduled backup); a failure waits for its backoff and shows
        in the strip."""
        if self.station is not None and not self.sync_tasks.busy:
            self.sync_tasks.run(self._office_work_if_due, lambda _r: self.refresh_status(),
                                lambda _exc: self.refresh_status())

    def _office_work_if_due(self) -> None:
        """On the background runner: the archive sync, then the office's scheduled backup (each when due)."""
        self.station.sync_if_due()
        self.station.backup_if_due()

    # -- printing and the office's report -------------------------------------------------------

    def print_current(self) -> None:
        if self.login is None:
            return
        screen = self.document_screen
        if screen is not None and self.stack.currentWidget() is screen and screen.document is not None:
            screen.request_print()
            return
        queue = self.queue_screen
        if queue is not None and self.stack.currentWidget() is queue and queue.print_button.isEnabled():
            queue.print_button.click()  # the request chosen in the queue, as its Print button does
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Print a stamped document"), str(Path.home()),
                                              "PDF (*.pdf)")
        if path:
            self.open_print_dialog_for(Path(path))

    def open_print_dialog_for(self, document: Path) -> None:
        dialog = self.open_print_dialog(Path(document))
        dialog.finished.connect(lambda _r: self._after_work())  # what was printed goes to the office archive
        dialog.open()

    def open_print_dialog(self, document: Path):
        """The print dialog for a stamped document (the Print action)."""
        from .print_dialog import PrintDialog
        from .qt_printing import QtPrinterBackend

        user = self.login.user.username if self.login is not None else ""
        self.print_dialog = PrintDialog(self.station, document, QtPrinterBackend(), user, self)
        return self.print_dialog

    def open_report(self) -> None:
        """The office's monthly report: the summary view (ui/monthly_report_screen.py) for someone logged in whose
        role allows it; else the export dialog, where the office or an auditor logs in (the role is checked there)."""
        from .report_dialog import ReportDialog

        if self.station is None:
            return
        if self.login is not None and self.open_view("monthlyReportAction") is not None:
            return
        self.report_dialog = ReportDialog(self.station, self)
        self.report_dialog.show()

    # -- OA approval files ----------------------------------------------------------------

    def choose_oa_approval(self) -> None:
        if self.login is None:
            return
        start = str(self.station.home.documents_dir) if self.station is not None else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import an OA approval"), start,
                                              self.tr("OA approval files (*.json)"))
        if path:
            self.open_oa_import(Path(path))

    def open_oa_import(self, path: Path):
        """The OA import dialog for ``path``: what it approves, then the password; the queue reloads after it."""
        from .oa_import_dialog import OaImportDialog

        self.oa_import_dialog = OaImportDialog(self.station, path, self.login.user.username, self)
        self.oa_import_dialog.imported.connect(lambda _id: self._after_work())
        self.oa_import_dialog.open()
        return self.oa_import_dialog

    def _dropped_oa_file(self, event) -> Path | None:
        from .oa_import_dialog import OA_FILE_SUFFIX

        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        allowed = self.login is not None and Action.IMPORT_OA in self.login.actions
        if not allowed or len(urls) != 1 or not urls[0].isLocalFile():
            return None
        path = Path(urls[0].toLocalFile())
        return path if path.suffix.lower() == OA_FILE_SUFFIX else None

    def dragEnterEvent(self, event) -> None:
        if self._dropped_oa_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        path = self._dropped_oa_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_oa_import(path)

    # -- verifying a stamped file or a paper copy ------------------------------------------

    def open_verify(self) -> None:
        """Verify a stamped file or a paper copy (the auditor's, the office's or the custodian's check)."""
        from .verify_dialog import VerifyDialog

        if self.station is None:
            return
        user = self.login.user.username if self.login is not None else None  # the core checks their role
        self.verify_dialog = VerifyDialog(self.station, None, user, self)
        self.verify_dialog.show()

    # -- closing -----------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        if self.busy and not self.confirm_quit():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self._idle.stop()
        self._stop_watching()
        for timer in (getattr(self, "_sync_timer", None), getattr(self, "_status_timer", None)):
            if timer is not None:
                timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._activity)
        # The reads in the background (queue, strip, USB key) are short: let them return before whoever opened the
        # station closes it.
        # A role view's reads run on ``self.tasks`` too: when nothing else runs there, they are let return as well.
        for runner in (self.read_tasks, self.token_watch, None if self.tasks.busy else self.tasks):
            if runner is not None:
                runner.settle(5000)
        _shut_down(self.document_screen)  # its page renderer's thread and process end with the window
        for view in self.views.values():  # a role view's too (the approver's preview)
            if hasattr(view, "shut_down"):
                view.shut_down()
        super().closeEvent(event)

    def _confirm_quit_dialog(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Quit while working?"),
            self.tr("A stamp or another task is still running. Quit anyway? A stamp cut short is finished or undone "
                    "the next time the station opens."),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes


def _shut_down(screen) -> None:
    """A document screen that goes for good: its renderer's thread stops (the screen's own ``shutdown`` when it has
    one, else its view's)."""
    if screen is None:
        return
    screen.shutdown()


def _words(exc: BaseException) -> str:
    """A core error as the window says it: what happened, and what to do (ui/error_words.py)."""
    from .error_words import text

    return text(exc)


def _role_words(role) -> str:
    value = getattr(role, "value", str(role))
    words = {"custodian": QCoreApplication.translate("MainWindow", "seal custodian"),
             "approver": QCoreApplication.translate("MainWindow", "approver"),
             "office": QCoreApplication.translate("MainWindow", "seal office"),
             "auditor": QCoreApplication.translate("MainWindow", "auditor")}
    return words.get(value, value)
