"""The views of the office, the approvers and the auditors: one table the window's menus are built from.

Each row names a view (a screen in the window's stack, or a dialog), the menu it sits in, and the action of
:mod:`sealstation.permissions` it needs: the window shows a person only the views their roles allow, as the
core decides (``Station.allowed_actions``); the core refuses the action anyway. A view's module is imported
when it is first opened, so the first screen stays light.

A view's class is built as ``cls(station, tasks, user, parent)`` (``user``: who is logged in). A screen may
have ``refresh()`` (called each time it is shown) and ``shut_down()`` (called when its person logs out).
Adding a view is adding a row here and its one file.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP  # noqa: F401 (the rows use it)

from sealstation.permissions import Action  # noqa: F401 (likewise)

__all__ = ["RoleView", "ROLE_VIEWS", "MENUS"]

MENUS = ("work", "office", "audit")
"""The window's menus that hold role views (the shell's Work, Office and Audit menus)."""


@dataclass(frozen=True)
class RoleView:
    """One view of the window that a role opens."""

    name: str
    """Its action's object name (tests find it by this)."""
    text: str
    """Its menu text, English source, written ``QT_TRANSLATE_NOOP("RoleViews", "...")`` so that the catalogue
    finds it; translated in the ``RoleViews`` context."""
    menu: str
    """One of :data:`MENUS`."""
    action: str
    """The :class:`sealstation.permissions.Action` it needs."""
    module: str
    """The ``ui`` module that holds it (``"approval_queue"`` for ``ui/approval_queue.py``)."""
    cls: str
    """Its class in that module."""
    screen: bool = True
    """True: a screen in the window's stack; False: a dialog (``open()``-ed)."""
    shortcut: str = ""
    home: bool = False
    """After the login of someone who does not stamp, the first ``home`` view they may open is shown."""


ROLE_VIEWS: tuple[RoleView, ...] = (
    # One row per view; helpers add theirs.
    RoleView("sealRegisterAction", QT_TRANSLATE_NOOP("RoleViews", "&Seal register"), "office",
             Action.MANAGE_SEALS, "seal_register", "SealRegisterScreen", home=True),
    RoleView("approvalQueueAction", QT_TRANSLATE_NOOP("RoleViews", "Requests to &approve"), "work",
             Action.APPROVE, "approval_queue", "ApprovalQueueScreen", home=True),
    RoleView("usersAction", QT_TRANSLATE_NOOP("RoleViews", "&Users and roles"), "office", Action.MANAGE_USERS,
             "users_screen", "UsersScreen"),
    RoleView("delegationsAction", QT_TRANSLATE_NOOP("RoleViews", "&Delegations and handovers"), "office",
             Action.DELEGATE, "delegations_screen", "DelegationsScreen"),
    RoleView("policyAction", QT_TRANSLATE_NOOP("RoleViews", "Station &policy"), "office", Action.SIGN_POLICY,
             "policy_screen", "PolicyScreen"),
    RoleView("stationSetupAction", QT_TRANSLATE_NOOP("RoleViews", "Station se&t-up"), "office",
             Action.SET_UP_STATION, "station_setup", "StationSetupScreen"),
    RoleView("archiveAction", QT_TRANSLATE_NOOP("RoleViews", "Office a&rchive"), "office",
             Action.SYNC_ARCHIVE, "archive_screen", "ArchiveScreen"),
    RoleView("auditJournalAction", QT_TRANSLATE_NOOP("RoleViews", "&Journal (every entry)"), "audit",
             Action.AUDIT_JOURNAL, "audit_journal", "AuditJournalScreen", shortcut="Ctrl+Shift+J", home=True),
    RoleView("monthlyReportAction", QT_TRANSLATE_NOOP("RoleViews", "&Monthly report summary"), "office",
             Action.MONTHLY_REPORT, "monthly_report_screen", "MonthlyReportScreen"),
)
"""Every role view, in menu order."""
