"""What the window asks the station before any secret: who logged in, which request covers a document,
and whether a stamp can succeed (the preflight).

The values here are answers, not workflows: :class:`sealstation.station.Station` computes them
(``login``, ``request_for``, ``preflight``, ``token_info``) with the same checks the gate runs, so the
window shows a refusal before it asks for a password or a PIN, and never decides one by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from .approval.requests import Approval, StampRequest
from .errors import SealStationError
from .users import User

__all__ = ["Login", "PasswordChange", "CoveringRequest", "PreflightCheck", "Preflight", "TokenInfo", "CHECKS"]


class PasswordChange:
    """Why a login must change its password before anything else (``Login.password_change``)."""

    NEW = "new"
    """First login, or the office reset it."""
    EXPIRED = "expired"
    """Older than the policy's ``expiry_days``."""


@dataclass(frozen=True)
class Login:
    """A person logged in at the window."""

    user: User
    """The user's record as it is after the login (failed count reset)."""
    password_change: str | None = None
    """:class:`PasswordChange` value when the password must be changed now; None when it is fine."""
    idle_lock_minutes: int = 0
    """The policy's idle lock (0: never)."""
    actions: frozenset[str] = frozenset()
    """What the person's roles allow (:func:`sealstation.permissions.allowed_actions`): the window shows these."""


@dataclass(frozen=True)
class CoveringRequest:
    """The request that covers a document (found by its SHA-256), and its approval if it has one."""

    request: StampRequest
    approval: Approval | None
    seals_left: tuple[str, ...]
    """Its approved seals not stamped yet, in the order they are due."""


CHECKS = ("document", "station", "custodian", "seal", "approval", "output", "placement")
"""The preflight's checks, in the order they run and are shown."""


@dataclass(frozen=True)
class PreflightCheck:
    """One check of the preflight."""

    name: str
    """One of :data:`CHECKS`."""
    ok: bool | None
    """True: passed; False: refused (``problem`` says why); None: not checked, an earlier check failed."""
    problem: SealStationError | None = None


@dataclass(frozen=True)
class Preflight:
    """Every check of a stamp that needs no secret, for one seal at one place."""

    seal_id: str
    checks: tuple[PreflightCheck, ...]

    @property
    def ok(self) -> bool:
        """The stamp can succeed as far as anything without a password or PIN can tell."""
        return all(check.ok for check in self.checks)

    @property
    def problems(self) -> tuple[SealStationError, ...]:
        return tuple(c.problem for c in self.checks if c.problem is not None)


@dataclass(frozen=True)
class TokenInfo:
    """What the seal's USB key tells before its PIN is asked (PKCS#11 token info and flags)."""

    label: str
    serial: str
    count_low: bool
    """A wrong PIN was entered since the last success (the token does not say how many tries remain)."""
    final_try: bool
    """The next wrong PIN locks the key."""
    locked: bool
