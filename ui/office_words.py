"""Names the office's views show for the core's values: roles, approver levels, seal kinds, seal statuses.

One place, so the users screen, the delegation calendar and the policy screen name them alike; translated in the
``OfficeWords`` context.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

__all__ = ["ROLES", "LEVELS", "role_name", "level_name", "kind_name", "status_name", "roles_text", "seal_title"]

CONTEXT = "OfficeWords"

ROLES = {
    "custodian": QT_TRANSLATE_NOOP("OfficeWords", "Seal custodian"),
    "approver": QT_TRANSLATE_NOOP("OfficeWords", "Approver"),
    "office": QT_TRANSLATE_NOOP("OfficeWords", "Seal office"),
    "auditor": QT_TRANSLATE_NOOP("OfficeWords", "Auditor"),
}
"""Every role, in the order the office's forms list them."""

LEVELS = {
    "department_manager": QT_TRANSLATE_NOOP("OfficeWords", "Department manager"),
    "finance_director": QT_TRANSLATE_NOOP("OfficeWords", "Finance director"),
    "general_manager": QT_TRANSLATE_NOOP("OfficeWords", "General manager"),
}
"""Every approver level, lowest first."""

_KINDS = {
    "official": QT_TRANSLATE_NOOP("OfficeWords", "Official seal"),
    "contract": QT_TRANSLATE_NOOP("OfficeWords", "Contract seal"),
    "finance": QT_TRANSLATE_NOOP("OfficeWords", "Finance seal"),
    "legal-rep": QT_TRANSLATE_NOOP("OfficeWords", "Legal representative's seal"),
    "department": QT_TRANSLATE_NOOP("OfficeWords", "Department seal"),
    "personal": QT_TRANSLATE_NOOP("OfficeWords", "Personal seal"),
}

_STATUSES = {
    "made": QT_TRANSLATE_NOOP("OfficeWords", "made, not issued"),
    "issued": QT_TRANSLATE_NOOP("OfficeWords", "issued"),
    "suspended": QT_TRANSLATE_NOOP("OfficeWords", "suspended"),
    "withdrawn": QT_TRANSLATE_NOOP("OfficeWords", "withdrawn"),
    "revoked": QT_TRANSLATE_NOOP("OfficeWords", "revoked"),
    "destroyed": QT_TRANSLATE_NOOP("OfficeWords", "destroyed"),
}


def _say(table: dict, value) -> str:
    value = getattr(value, "value", value)
    return QCoreApplication.translate(CONTEXT, table[value]) if value in table else str(value)


def role_name(role) -> str:
    return _say(ROLES, role)


def level_name(level) -> str:
    return _say(LEVELS, level) if level else ""


def kind_name(kind) -> str:
    return _say(_KINDS, kind)


def seal_title(name: str, kind) -> str:
    """A seal as people tell it apart: its engraved name, with its kind when the name does not say it (a 公章 is
    engraved with the organisation's name only: "示例科技有限公司（公章）"; "…合同专用章" says it already)."""
    kind_value = getattr(kind, "value", kind)
    if not name:
        return kind_name(kind_value)
    said = kind_name(kind_value)
    zh = _ZH_KINDS.get(kind_value, "")
    if said in name or (zh and zh in name):
        return name
    return QCoreApplication.translate("OfficeWords", "{name} ({kind})").format(name=name, kind=said)


_ZH_KINDS = {"official": "公章", "contract": "合同专用章", "finance": "财务专用章", "legal-rep": "法定代表人",
             "department": "部门章", "personal": "个人"}
"""What an engraved name says of its kind, whatever the window's language (the names are Chinese)."""


def status_name(status) -> str:
    return _say(_STATUSES, status)


def roles_text(roles) -> str:
    """The roles as one text, in the order of :data:`ROLES` (a list: the separator is the language's)."""
    names = [role_name(r) for r in ROLES if r in {getattr(x, "value", x) for x in roles}]
    return QCoreApplication.translate("OfficeWords", ", ").join(names)
