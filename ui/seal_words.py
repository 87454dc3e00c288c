"""A seal's status and the steps of its life in the window's language (the register, its dialogs, its history)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["status_words", "action_words", "CONTEXT"]

CONTEXT = "SealWords"

_STATUS = {
    "made": QT_TRANSLATE_NOOP("SealWords", "Made, not issued"),
    "issued": QT_TRANSLATE_NOOP("SealWords", "Issued, in use"),
    "suspended": QT_TRANSLATE_NOOP("SealWords", "Suspended"),
    "withdrawn": QT_TRANSLATE_NOOP("SealWords", "Withdrawn"),
    "revoked": QT_TRANSLATE_NOOP("SealWords", "Revoked"),
    "destroyed": QT_TRANSLATE_NOOP("SealWords", "Destroyed"),
}

_ACTION = {
    "make": QT_TRANSLATE_NOOP("SealWords", "Made"),
    "issue": QT_TRANSLATE_NOOP("SealWords", "Issued"),
    "change": QT_TRANSLATE_NOOP("SealWords", "Changed"),
    "suspend": QT_TRANSLATE_NOOP("SealWords", "Suspended"),
    "resume": QT_TRANSLATE_NOOP("SealWords", "Resumed"),
    "withdraw": QT_TRANSLATE_NOOP("SealWords", "Withdrawn"),
    "revoke": QT_TRANSLATE_NOOP("SealWords", "Revoked"),
    "destroy": QT_TRANSLATE_NOOP("SealWords", "Destroyed"),
    "handover": QT_TRANSLATE_NOOP("SealWords", "Handed over"),
    "delegate": QT_TRANSLATE_NOOP("SealWords", "Delegation started"),
    "delegation_ended": QT_TRANSLATE_NOOP("SealWords", "Delegation ended"),
}


def status_words(status: str) -> str:
    """The seal's status, as the office says it (已颁发, 已停用 …); the value itself when it is new."""
    value = getattr(status, "value", status)
    return QCoreApplication.translate(CONTEXT, _STATUS[value]) if value in _STATUS else str(value)


def action_words(action: str) -> str:
    """What a history entry did (刻制, 颁发, 停用 …); the value itself when it is new."""
    value = getattr(action, "value", action)
    return QCoreApplication.translate(CONTEXT, _ACTION[value]) if value in _ACTION else str(value)
