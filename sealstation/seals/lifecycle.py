"""The life of a seal: make, issue, change, suspend/resume, revoke, withdraw, destroy.

An explicit state machine (:data:`TRANSITIONS`) says which action is allowed
in which status; :func:`check_usable` says whether a seal may stamp now, here,
for this person, and if not, why — in words a custodian can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from ..errors import SealLifecycleError, SealUnusableError
from ..model import TextEnum

__all__ = [
    "SealStatus",
    "SealAction",
    "TRANSITIONS",
    "next_status",
    "Delegation",
    "check_usable",
]


class SealStatus(TextEnum):
    """Where a seal is in its life."""

    MADE = "made"
    """制作: record, image and key exist; not yet handed to a custodian."""
    ISSUED = "issued"
    """颁发: in use by its custodian."""
    SUSPENDED = "suspended"
    """停用: stopped for now; may be resumed."""
    WITHDRAWN = "withdrawn"
    """撤回: taken back from the custodian; may be issued again."""
    REVOKED = "revoked"
    """作废: stopped for good."""
    DESTROYED = "destroyed"
    """销毁: key deleted from the token; the record stays."""

    @property
    def label_zh(self) -> str:
        return {"made": "已制作", "issued": "已颁发", "suspended": "已停用", "withdrawn": "已撤回",
                "revoked": "已作废", "destroyed": "已销毁"}[self.value]


class SealAction(TextEnum):
    ISSUE = "issue"
    CHANGE = "change"
    SUSPEND = "suspend"
    RESUME = "resume"
    WITHDRAW = "withdraw"
    REVOKE = "revoke"
    DESTROY = "destroy"
    HANDOVER = "handover"


S, A = SealStatus, SealAction
TRANSITIONS: dict[tuple[SealStatus, SealAction], SealStatus] = {
    (S.MADE, A.ISSUE): S.ISSUED,
    (S.WITHDRAWN, A.ISSUE): S.ISSUED,
    (S.MADE, A.CHANGE): S.MADE,
    (S.ISSUED, A.CHANGE): S.ISSUED,
    (S.SUSPENDED, A.CHANGE): S.SUSPENDED,
    (S.WITHDRAWN, A.CHANGE): S.WITHDRAWN,
    (S.ISSUED, A.SUSPEND): S.SUSPENDED,
    (S.SUSPENDED, A.RESUME): S.ISSUED,
    (S.ISSUED, A.WITHDRAW): S.WITHDRAWN,
    (S.SUSPENDED, A.WITHDRAW): S.WITHDRAWN,
    (S.ISSUED, A.HANDOVER): S.ISSUED,
    (S.MADE, A.REVOKE): S.REVOKED,
    (S.ISSUED, A.REVOKE): S.REVOKED,
    (S.SUSPENDED, A.REVOKE): S.REVOKED,
    (S.WITHDRAWN, A.REVOKE): S.REVOKED,
    # Destroying a live seal would skip the revocation record: revoke first.
    (S.REVOKED, A.DESTROY): S.DESTROYED,
}
del S, A


def next_status(current: SealStatus, action: SealAction, seal_id: str = "") -> SealStatus:
    """The status after ``action``; :class:`SealLifecycleError` when it is not allowed."""
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        allowed = sorted(a.value for (s, a) in TRANSITIONS if s == current)
        raise SealLifecycleError(
            f"Seal '{seal_id}' is {current.value} ({current.label_zh}); '{action.value}' is not allowed now.",
            hint=f"Allowed now: {', '.join(allowed) or 'nothing (end of life)'}.",
        ) from None


@dataclass(frozen=True)
class Delegation:
    """代管: a stand-in custodian for a dated period."""

    seal_id: str
    delegate: str
    """The stand-in custodian's user name."""
    starts: datetime
    ends: datetime
    reason: str
    approved_by: str
    """An approver with the seal's authority level."""
    version: int = 0
    """Numbered per seal by the office (signed); a newer delegation to the same deputy replaces the older ones."""

    def active(self, now: datetime) -> bool:
        return self.starts <= now < self.ends


_REFUSAL_CODES = {SealStatus.MADE: "seal_not_issued", SealStatus.SUSPENDED: "seal_suspended",
                  SealStatus.WITHDRAWN: "seal_withdrawn", SealStatus.REVOKED: "seal_revoked",
                  SealStatus.DESTROYED: "seal_destroyed"}
"""The errors' codes (:mod:`sealstation.errors`) of the statuses that refuse a stamp."""

_REFUSALS = {
    SealStatus.MADE: ("has not been issued to a custodian yet", "The office must issue it first."),
    SealStatus.SUSPENDED: ("is suspended (停用)", "Ask the office to resume it."),
    SealStatus.WITHDRAWN: ("was withdrawn from its custodian (撤回)", "Ask the office to issue it again."),
    SealStatus.REVOKED: ("is revoked (作废) and can never stamp again", "Use a valid seal."),
    SealStatus.DESTROYED: ("is destroyed (销毁)", "Use a valid seal."),
}


def check_usable(
    *,
    seal_id: str,
    status: SealStatus,
    valid_from: datetime,
    valid_until: datetime,
    stations: tuple[str, ...],
    custodian: str | None,
    station_id: str,
    user: str,
    now: datetime,
    delegations: tuple[Delegation, ...] = (),
) -> None:
    """Raise :class:`SealUnusableError` saying why this seal may not stamp now."""
    if status in _REFUSALS:
        what, hint = _REFUSALS[status]
        raise SealUnusableError(f"Seal '{seal_id}' {what}.", hint=hint, code=_REFUSAL_CODES[status], seal=seal_id,
                                status=status.value)
    if now < valid_from:
        raise SealUnusableError(f"Seal '{seal_id}' is valid only from {valid_from:%Y-%m-%d %H:%M}.",
                                code="seal_not_yet_valid", seal=seal_id, since=valid_from.isoformat())
    if now >= valid_until:
        raise SealUnusableError(
            f"Seal '{seal_id}' expired on {valid_until:%Y-%m-%d}.",
            hint="The office must renew it (变更) before it can stamp.",
            code="seal_expired", seal=seal_id, until=valid_until.isoformat(),
        )
    if stations and station_id not in stations:
        raise SealUnusableError(
            f"Seal '{seal_id}' may not be used on this computer ({station_id}); "
            f"it is registered for: {', '.join(stations)}.",
            code="seal_other_station", seal=seal_id, station=station_id, stations=", ".join(stations),
        )
    delegates = {d.delegate for d in delegations if d.seal_id == seal_id and d.active(now)}
    if user != custodian and user not in delegates:
        raise SealUnusableError(
            f"{user} is not the custodian of seal '{seal_id}' (custodian: {custodian or 'none'}) "
            "and holds no current delegation (代管) for it.",
            code="seal_not_custodian", seal=seal_id, user=user, custodian=custodian or "",
        )
