"""The login screen: user and password, the first thing after the station opens (and after an idle lock).

Light on purpose (Qt widgets only): it is the first screen, shown while the station opens behind it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from . import i18n

__all__ = ["LoginScreen"]


class LoginScreen(QWidget):
    """Who is working at the station. ``loginRequested(user, password)``; the password field is cleared then."""

    loginRequested = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("loginScreen")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        box.setMaximumWidth(420)
        layout = QVBoxLayout(box)
        self.title = QLabel()
        self.title.setObjectName("loginTitle")
        self.title.setStyleSheet("font-size: 18pt; font-weight: bold")
        layout.addWidget(self.title)
        self.notice = QLabel("")
        self.notice.setObjectName("loginNotice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)
        form = QFormLayout()
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("loginUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("loginPassword")
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.user_label, self.password_label = QLabel(), QLabel()
        self.user_label.setBuddy(self.user_edit)
        self.password_label.setBuddy(self.password_edit)
        form.addRow(self.user_label, self.user_edit)
        form.addRow(self.password_label, self.password_edit)
        layout.addLayout(form)
        self.login_button = QPushButton()
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.login_button.setAutoDefault(True)
        self.login_button.clicked.connect(self._submit)
        self.user_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self._submit)
        layout.addWidget(self.login_button)
        self.problem = QLabel("")
        self.problem.setObjectName("loginProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.problem)
        self.state = QLabel("")
        self.state.setObjectName("loginState")
        layout.addWidget(self.state)
        outer.addWidget(box, 0, Qt.AlignHCenter)
        outer.addStretch(2)
        self.setTabOrder(self.user_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.login_button)
        self._ready = False
        self._busy = False
        self._waiting = False
        self.retranslate_ui()
        self.set_ready(False)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Log in to the seal station"))
        self.user_label.setText(self.tr("&User"))
        self.password_label.setText(self.tr("&Password"))
        self.login_button.setText(self.tr("Log in"))
        if hasattr(self, "_ready"):
            self.set_busy(self._busy)
        i18n.reword(self.problem, self.notice)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- what the window tells it ----------------------------------------------

    def set_ready(self, ready: bool) -> None:
        """The station is open (logins can be checked), or still opening."""
        self._ready = ready
        self.state.setText("" if ready else self.tr("Opening the station…"))
        self._enable()
        if ready and self._waiting:
            self._waiting = False
            self._submit()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.state.setText(self.tr("Checking…") if busy else ("" if self._ready else self.tr("Opening the station…")))
        self._enable()

    def _enable(self) -> None:
        self.login_button.setEnabled(self._ready and not self._busy)

    def show_problem(self, words) -> None:
        """``words``: a callable wording the problem in the window's language (said again on a change), or a string."""
        self.set_busy(False)
        i18n.say(self.problem, words)
        self.password_edit.setFocus(Qt.OtherFocusReason)

    def show_notice(self, words) -> None:
        """``words``: as for :meth:`show_problem`; nothing (an empty string) hides the notice."""
        i18n.say(self.notice, words)
        self.notice.setVisible(bool(self.notice.text()))

    def reset(self, user: str = "") -> None:
        """Ready for the next person (or the same one after an idle lock, ``user`` filled in)."""
        self._waiting = False
        self.user_edit.setText(user)
        self.password_edit.clear()
        self.problem.clear()
        self.set_busy(False)
        (self.password_edit if user else self.user_edit).setFocus(Qt.OtherFocusReason)

    def focus_first(self) -> None:
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus(Qt.OtherFocusReason)

    # -- the person --------------------------------------------------------------

    def _submit(self) -> None:
        if not self._ready and not self._busy and self.user_edit.text().strip() and self.password_edit.text():
            # Typed before the station finished opening: logged in as soon as it is (set_ready), no second Enter.
            self._waiting = True
            self.state.setText(self.tr("Opening the station… you are logged in as soon as it is open."))
            return
        if not self.login_button.isEnabled():
            return
        user, password = self.user_edit.text().strip(), self.password_edit.text()
        if not user:
            self.user_edit.setFocus(Qt.OtherFocusReason)
            return
        self.password_edit.clear()  # handed over once
        self.problem.clear()
        self.set_busy(True)
        self.loginRequested.emit(user, password)
