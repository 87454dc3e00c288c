"""The station's policy, signed by the office, shown in words: each setting with a sentence saying what it does.

The office changes the settings it may change here (the password rules, how long approvals last, the archive's grace,
printing, the idle lock, and who may approve each kind of seal) and signs the change with the seal authority
(``SetupDesk.sign_policy``: a new version the station and its token accept). The archive location and the office's
timestamp and revocation addresses are shown only: they are set when the station is installed (``office/policy.json``,
signed with ``sealstation policy sign``), and the screen says so without naming files or commands to the office.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSpinBox, QVBoxLayout, QWidget)

from sealstation.desks.setup import APPROVAL_LEVELS
from sealstation.model import SealKind

from .i18n import reword, say
from .office_confirm_dialog import OfficeConfirmDialog
from .office_screen import OfficeScreen
from .office_words import LEVELS, kind_name, level_name

__all__ = ["PolicyScreen", "SETTINGS"]

SETTINGS = (
    # (name, in the password rules, lowest, highest (None: a yes/no), label, what it does)
    ("approval_days", False, 1, 365, QT_TRANSLATE_NOOP("PolicyScreen", "Approvals last (days)"),
     QT_TRANSLATE_NOOP("PolicyScreen", "An approval made at the station may be used for this many days; an OA "
                                       "approval file's own expiry may be sooner.")),
    ("allow_same_person", False, 0, None, QT_TRANSLATE_NOOP("PolicyScreen", "One person may approve and stamp"),
     QT_TRANSLATE_NOOP("PolicyScreen", "When ticked, the approver of a request may also stamp it, and the person who "
                                       "asked may approve it. Usually off: two people see every stamp.")),
    ("min_length", True, 4, 128, QT_TRANSLATE_NOOP("PolicyScreen", "Shortest password (characters)"),
     QT_TRANSLATE_NOOP("PolicyScreen", "A password shorter than this is refused.")),
    ("expiry_days", True, 1, 3650, QT_TRANSLATE_NOOP("PolicyScreen", "Passwords are changed every (days)"),
     QT_TRANSLATE_NOOP("PolicyScreen", "After this many days a password must be changed at the next login. An "
                                       "initial or reset password is always changed at the first login.")),
    ("max_failures", True, 1, 100, QT_TRANSLATE_NOOP("PolicyScreen", "Wrong passwords before a lock"),
     QT_TRANSLATE_NOOP("PolicyScreen", "This many wrong passwords in a row lock the account for a while.")),
    ("lock_minutes", True, 1, 1440, QT_TRANSLATE_NOOP("PolicyScreen", "Lock after wrong passwords (minutes)"),
     QT_TRANSLATE_NOOP("PolicyScreen", "How long such an account stays locked; the office can unlock it sooner.")),
    ("idle_lock_minutes", False, 0, 1440, QT_TRANSLATE_NOOP("PolicyScreen", "Idle lock (minutes)"),
     QT_TRANSLATE_NOOP("PolicyScreen", "The window logs a person out after this many minutes without a key press or "
                                       "a click (0: never).")),
    ("sync_grace_days", False, 0, 365, QT_TRANSLATE_NOOP("PolicyScreen", "Offline grace (days)"),
     QT_TRANSLATE_NOOP("PolicyScreen", "Stamping stops when a stamp has waited this many days to reach the office "
                                       "archive (0: each stamp must reach it at once).")),
    ("sync_grace_stamps", False, 0, 100000, QT_TRANSLATE_NOOP("PolicyScreen", "Offline grace (stamps)"),
     QT_TRANSLATE_NOOP("PolicyScreen", "Stamping stops when this many stamps wait for the office archive (0: each "
                                       "must reach it before the next).")),
    ("print_offline_grace", False, 0, 100000, QT_TRANSLATE_NOOP("PolicyScreen", "Copies printed offline"),
     QT_TRANSLATE_NOOP("PolicyScreen", "Copies that may be printed while the office archive cannot count them first; "
                                       "past this, printing waits for the archive (0: always online).")),
    ("print_to_file", False, 0, None, QT_TRANSLATE_NOOP("PolicyScreen", "Copies may be printed to a PDF file"),
     QT_TRANSLATE_NOOP("PolicyScreen", "A file is a copy the station cannot take back: a real station prints to "
                                       "paper only; turn it on for a demonstration or a test.")),
)
"""The settings the office changes here, in the order shown."""

LEVEL = "level:"
"""Prefix of a seal kind's approval level among the settings (``level:official``)."""


class PolicyScreen(OfficeScreen):
    """Built as ``PolicyScreen(station, tasks, user, parent)``."""

    def __init__(self, station, tasks, user: str, parent=None) -> None:
        super().__init__(station, tasks, user, parent)
        self.view = None
        self.setObjectName("policyScreen")
        layout = QVBoxLayout(self)
        self.title = self.heading("policyTitle")
        layout.addWidget(self.title)
        self.signed_label = QLabel()
        self.signed_label.setObjectName("policySigned")
        self.signed_label.setWordWrap(True)
        layout.addWidget(self.signed_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.grid = QGridLayout(body)
        self.grid.setColumnStretch(2, 1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.labels: dict[str, QLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self.explanations: dict[str, QLabel] = {}
        for row, (name, _password, low, high, _label, _what) in enumerate(SETTINGS):
            label = QLabel()
            editor = QCheckBox() if high is None else QSpinBox()
            if high is not None:
                editor.setRange(low, high)
                editor.valueChanged.connect(self._changed)
            else:
                editor.toggled.connect(self._changed)
            editor.setObjectName(f"policy_{name}")
            label.setBuddy(editor)
            what = QLabel()
            what.setObjectName(f"policyWhat_{name}")
            what.setWordWrap(True)
            self.grid.addWidget(label, row, 0, Qt.AlignTop)
            self.grid.addWidget(editor, row, 1, Qt.AlignTop)
            self.grid.addWidget(what, row, 2, Qt.AlignTop)
            self.labels[name], self.editors[name], self.explanations[name] = label, editor, what
        self.levels_heading = QLabel()
        self.levels_heading.setObjectName("policyLevelsHeading")
        self.levels_heading.setWordWrap(True)
        row = len(SETTINGS)
        self.grid.addWidget(self.levels_heading, row, 0, 1, 3)
        for row, kind in enumerate(SealKind, start=row + 1):
            label, combo = QLabel(), QComboBox()
            combo.setObjectName(f"policyLevel_{kind.value}")
            combo.currentIndexChanged.connect(self._changed)
            label.setBuddy(combo)
            self.grid.addWidget(label, row, 0, Qt.AlignTop)
            self.grid.addWidget(combo, row, 1, Qt.AlignTop)
            self.labels[LEVEL + kind.value], self.editors[LEVEL + kind.value] = label, combo
        self.fixed = QLabel()
        self.fixed.setObjectName("policyFixed")
        self.fixed.setWordWrap(True)
        self.fixed.setTextFormat(Qt.PlainText)
        self.grid.addWidget(self.fixed, row + 1, 0, 1, 3)
        buttons = QHBoxLayout()
        self.sign_button = QPushButton()
        self.sign_button.setObjectName("signPolicy")
        self.sign_button.clicked.connect(self.sign)
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undoPolicy")
        self.undo_button.clicked.connect(self._show)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_line("policyStatus"))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Station policy"))
        for name, _password, _low, high, label, what in SETTINGS:
            self.labels[name].setText(self.tr(label))
            self.explanations[name].setText(self.tr(what))
            self.editors[name].setAccessibleName(self.tr(label))
        self.levels_heading.setText(self.tr("Who may approve each kind of seal: the lowest approver level; a higher "
                                            "level may approve it too."))
        for kind in SealKind:
            combo = self.editors[LEVEL + kind.value]
            self.labels[LEVEL + kind.value].setText(kind_name(kind.value))
            combo.setAccessibleName(self.tr("Lowest approver level for: {kind}").format(kind=kind_name(kind.value)))
            combo.blockSignals(True)
            chosen = combo.currentData()
            combo.clear()
            for level in LEVELS:
                combo.addItem(level_name(level), level)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)
        self.sign_button.setText(self.tr("&Sign the change…"))
        self.undo_button.setText(self.tr("&Undo the changes"))
        self._show_words()
        reword(self.status)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self) -> None:
        self.tasks.run(lambda: self.station.setup().policy_view(self.user), self._loaded, self._failed, read=True)

    def _loaded(self, view) -> None:
        self.view = view
        self._show()

    # -- showing ----------------------------------------------------------------------------------------------------

    def signed_values(self) -> dict:
        """The settings as the office signed them (password rules with their defaults filled in)."""
        if self.view is None:
            return {}
        values = {name: getattr(self.view.passwords if password else self.view.policy, name)
                  for name, password, *_ in SETTINGS}
        return values | {LEVEL + kind: level for kind, level in self.view.authority}

    def values(self) -> dict:
        """The settings as the editors show them now."""
        return {name: _value(editor) for name, editor in self.editors.items()}

    def _show(self) -> None:
        for name, value in self.signed_values().items():
            editor = self.editors[name]
            editor.blockSignals(True)
            _set_value(editor, value)
            editor.blockSignals(False)
        self._show_words()
        self._changed()

    def _show_words(self) -> None:
        if self.view is None:
            self.signed_label.setText("")
            self.fixed.setText("")
            return
        policy = self.view.policy
        self.signed_label.setText(
            self.tr("The policy in force, version {version}, is signed by the office's seal authority: the station "
                    "checks the signature at every start and refuses a policy changed by anyone else.").format(
                version=policy.version) if self.view.signed else
            self.tr("This station's policy is not signed yet: whoever installed the station upgrades it once "
                    "(the installation guide says how); until then no change can be signed here."))
        archive = (self.tr("The station must use the office archive at {location}.").format(
            location=policy.archive_location) if policy.archive_location else
            self.tr("The policy names no office archive: the station uses the one set in its own settings."))
        # An office clerk reads this: no file names, no commands (these are set when the station is installed).
        self.fixed.setText("\n\n".join((archive, *self._office_time_words(policy))))

    def _office_time_words(self, policy) -> tuple[str, str]:
        """The timestamp authority and the revocation list the policy names (set with the policy, not here)."""
        time = (self.tr("Each stamp is timestamped by the office's timestamp authority at {url}; when it cannot be "
                        "reached, the stamp goes on and the timestamp is added later.").format(url=policy.timestamp_url)
                if policy.timestamp_url else
                self.tr("The policy names no timestamp authority: stamps carry the station's clock only."))
        crl = (self.tr("Each stamp embeds the seal authority's revocation list, published at {url}, so that it can be "
                       "checked offline years later.").format(url=policy.crl_url) if policy.crl_url else
               self.tr("The policy names no revocation list: stamps carry no revocation data."))
        return time, crl

    def changes(self) -> dict:
        """The settings changed in the editors: name → (signed value, new value)."""
        signed = self.signed_values()
        return {name: (signed[name], value) for name, value in self.values().items()
                if name in signed and signed[name] != value}

    def _changed(self, *_args) -> None:
        changed = bool(self.changes())
        self.sign_button.setEnabled(changed)
        self.undo_button.setEnabled(changed)

    # -- signing ----------------------------------------------------------------------------------------------------

    def _value_text(self, name: str, value) -> str:
        if name.startswith(LEVEL):
            return level_name(value)
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        return str(value)

    def sign(self) -> None:
        changes = self.changes()
        if not changes:
            return
        labels = {name: self.tr(label) for name, _p, _l, _h, label, _w in SETTINGS}
        labels |= {LEVEL + kind.value: self.tr("Lowest approver level for: {kind}").format(kind=kind_name(kind.value))
                   for kind in SealKind}
        lines = "\n".join(self.tr("{setting}: {old} → {new}").format(
            setting=labels[name], old=self._value_text(name, old), new=self._value_text(name, new))
            for name, (old, new) in changes.items())
        what = self.tr("Sign the station's policy with these changes; the station works by them from now on:\n{lines}") \
            .format(lines=lines)
        self.dialog = OfficeConfirmDialog(self.tr("Sign the policy"), what, self.user, ok_text=self.tr("Sign"),
                                          parent=self)
        dialog = self.dialog
        password_names = {name for name, password, *_ in SETTINGS if password}
        request: dict = {}
        for name, (_old, new) in changes.items():
            if name.startswith(LEVEL):
                request.setdefault(APPROVAL_LEVELS, {})[name.removeprefix(LEVEL)] = new
            elif name in password_names:
                request.setdefault("password_policy", {})[name] = new
            else:
                request[name] = new
        dialog.confirmed.connect(lambda v: self.tasks.run(
            lambda: self.station.setup().sign_policy_change(request, by=self.user, password=v["password"],
                                                             passphrase=v["passphrase"]),
            lambda policy: self._signed(dialog, policy), lambda exc: self._refused(dialog, exc)))
        dialog.open()

    def _signed(self, dialog, policy) -> None:
        dialog.accept()
        say(self.status, lambda: self.tr("The policy is signed (version {version}); the station works by it from "
                                         "now on.").format(version=policy.version))
        self.refresh()


def _value(editor: QWidget):
    """What ``editor`` holds: a yes/no, a number or an approver level."""
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    return editor.value()


def _set_value(editor: QWidget, value) -> None:
    if isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    elif isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(0, editor.findData(value)))
    else:
        editor.setValue(int(value))
