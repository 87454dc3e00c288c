"""Authority rules: which approver level a use of each kind of seal needs.

Defaults (the office may change them): 公章 and 合同专用章 need the general
manager level, 财务专用章 the finance director level, other seals a department
manager. A higher level may approve whatever a lower one may.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..users import ApproverLevel

__all__ = ["AuthorityRules", "DEFAULT_RULES"]

DEFAULT_RULES = {
    "official": ApproverLevel.GENERAL_MANAGER,
    "contract": ApproverLevel.GENERAL_MANAGER,
    "finance": ApproverLevel.FINANCE_DIRECTOR,
}


@dataclass(frozen=True)
class AuthorityRules:
    """Seal kind → minimum approver level; kinds not listed need ``default``."""

    rules: dict = field(default_factory=lambda: dict(DEFAULT_RULES))
    default: ApproverLevel = ApproverLevel.DEPARTMENT_MANAGER

    @classmethod
    def from_config(cls, data: dict | None) -> "AuthorityRules":
        if not data:
            return cls()
        return cls({k: ApproverLevel(v) for k, v in data.get("rules", {}).items()},
                   ApproverLevel(data.get("default", ApproverLevel.DEPARTMENT_MANAGER.value)))

    def required(self, seal_kind: str) -> ApproverLevel:
        return self.rules.get(seal_kind, self.default)

    def allows(self, level: ApproverLevel | None, seal_kind: str) -> bool:
        return level is not None and level.rank >= self.required(seal_kind).rank

    def lack(self, level: ApproverLevel | None, seal_id: str, seal_kind: str) -> str | None:
        """Why ``level`` may not approve seal ``seal_id``, in words that follow the person's name; None if it may."""
        if self.allows(level, seal_kind):
            return None
        return f"lacks the authority for seal '{seal_id}', which needs {self.required(seal_kind).value}"
