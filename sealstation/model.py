"""Value objects of the core shared across modules."""

from __future__ import annotations

from enum import Enum

__all__ = ["SealKind"]

_LABELS = {
    "official": ("公章", "official seal"),
    "contract": ("合同专用章", "contract seal"),
    "finance": ("财务专用章", "finance seal"),
    "legal-rep": ("法定代表人章", "legal representative's seal"),
    "department": ("部门章", "department seal"),
    "personal": ("个人章", "personal seal"),
}


class SealKind(str, Enum):
    """The kinds of seal (docs/glossary.md)."""

    OFFICIAL = "official"
    CONTRACT = "contract"
    FINANCE = "finance"
    LEGAL_REP = "legal-rep"
    DEPARTMENT = "department"
    PERSONAL = "personal"

    @property
    def label_zh(self) -> str:
        return _LABELS[self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[self.value][1]

    @property
    def is_name_seal(self) -> bool:
        """Square seals engraved with a person's name rather than the organisation's."""
        return self in (SealKind.LEGAL_REP, SealKind.PERSONAL)
