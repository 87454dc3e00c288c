"""What each role may do: one table that the core's checks and the window's menus both read.

The window shows a person only the actions their roles allow (:func:`allowed_actions`); the core refuses
the same actions through :func:`require` whatever the window showed, so a view that forgot to hide a button
still ends in a refusal. Seal-level authority (which seals an approver may approve) is not a role: it is
:mod:`sealstation.approval.rules`, checked per seal.
"""

from __future__ import annotations

from .errors import PermissionDeniedError
from .users import Role, User

__all__ = ["Action", "ROLES_FOR", "allowed", "allowed_actions", "require"]


class Action:
    """The names of the actions that need a role."""

    STAMP = "stamp"
    PRINT = "print"
    RETURN_REQUEST = "return_request"
    RECALL = "recall"
    IMPORT_OA = "import_oa"
    APPROVE = "approve"
    EXTRA_COPIES = "extra_copies"
    MANAGE_SEALS = "manage_seals"
    MANAGE_USERS = "manage_users"
    DELEGATE = "delegate"
    SIGN_POLICY = "sign_policy"
    SET_UP_STATION = "set_up_station"
    BACKUP = "backup"
    SYNC_ARCHIVE = "sync_archive"
    MONTHLY_REPORT = "monthly_report"
    READ_JOURNAL = "read_journal"
    EXPORT_JOURNAL = "export_journal"
    VERIFY = "verify"
    AUDIT_JOURNAL = "audit_journal"
    """Read every entry of the journal, anyone's (the auditor's journal view); a custodian reads only their own."""


_C, _A, _O, _U = Role.CUSTODIAN, Role.APPROVER, Role.OFFICE, Role.AUDITOR

ROLES_FOR: dict[str, frozenset[Role]] = {
    Action.STAMP: frozenset({_C}),
    Action.PRINT: frozenset({_C, _O}),
    Action.RETURN_REQUEST: frozenset({_C, _O}),
    Action.RECALL: frozenset({_C, _O}),
    # Not the approvers: whoever approved in the OA does not also bring the approval into the station
    # (tests/adversarial/test_oa_replay.py).
    Action.IMPORT_OA: frozenset({_C, _O}),
    Action.APPROVE: frozenset({_A}),
    Action.EXTRA_COPIES: frozenset({_A}),
    Action.MANAGE_SEALS: frozenset({_O}),
    Action.MANAGE_USERS: frozenset({_O}),
    Action.DELEGATE: frozenset({_O}),
    Action.SIGN_POLICY: frozenset({_O}),
    Action.SET_UP_STATION: frozenset({_O}),
    Action.BACKUP: frozenset({_O, _C}),
    Action.SYNC_ARCHIVE: frozenset({_O, _C}),
    Action.MONTHLY_REPORT: frozenset({_O, _U}),
    Action.READ_JOURNAL: frozenset({_O, _U, _C}),
    Action.EXPORT_JOURNAL: frozenset({_O, _U}),
    Action.VERIFY: frozenset({_C, _A, _O, _U}),
    Action.AUDIT_JOURNAL: frozenset({_O, _U}),
}
"""The roles that may take each action (any one of them suffices)."""


def allowed(user: User, action: str) -> bool:
    """Whether ``user``'s roles allow ``action`` (a disabled user may do nothing)."""
    return not user.disabled and bool(ROLES_FOR[action] & set(user.roles))


def allowed_actions(user: User) -> frozenset[str]:
    """Every action ``user`` may take: what the window shows them."""
    return frozenset(action for action in ROLES_FOR if allowed(user, action))


def require(user: User, action: str, words: str) -> None:
    """Refuse (:class:`PermissionDeniedError`, code ``role_missing``) unless ``user`` may take ``action``.

    ``words`` says the action in the refusal ("approve a request").
    """
    if allowed(user, action):
        return
    needed = sorted(role.value for role in ROLES_FOR[action])
    raise PermissionDeniedError(f"{user.username} may not {words}: it needs the {' or '.join(needed)} role.",
                                code="role_missing", user=user.username, role=" or ".join(needed))
