"""Users, roles and passwords of the station.

Roles: custodian (印章专管人员), approver (审批人, with an authority level),
office (办公室/印章管理员) and auditor (read-only); one person may hold several.
Passwords are hashed with scrypt; a new or reset password must be changed at
first login; passwords expire; repeated failures lock the account for a while.
Every login, failure, lock and password change is journalled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import Enum
from typing import Callable

from .errors import (
    AccountLockedError,
    AuthError,
    PasswordChangeRequiredError,
    PermissionDeniedError,
    SealStationError,
)
from .journal.journal import Journal, JournalKind, iso_seconds, utc_now

__all__ = ["Role", "ApproverLevel", "PasswordPolicy", "User", "UserStore", "hash_password", "check_password"]


class Role(str, Enum):
    CUSTODIAN = "custodian"
    APPROVER = "approver"
    OFFICE = "office"
    AUDITOR = "auditor"


class ApproverLevel(str, Enum):
    """Authority levels, lowest first: a higher level may approve what a lower one may."""

    DEPARTMENT_MANAGER = "department_manager"
    FINANCE_DIRECTOR = "finance_director"
    GENERAL_MANAGER = "general_manager"

    @property
    def rank(self) -> int:
        return list(ApproverLevel).index(self)


@dataclass(frozen=True)
class PasswordPolicy:
    """The office's password rules."""

    expiry_days: int = 60
    max_failures: int = 5
    lock_minutes: int = 15
    min_length: int = 8
    scrypt_n: int = 2**15
    """scrypt cost; tests lower it, stations keep the default."""


def hash_password(password: str, n: int = 2**15) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=8, p=1, maxmem=128 * 1024 * 1024)
    return f"scrypt${n}$8$1${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             maxmem=128 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


@dataclass(frozen=True)
class User:
    username: str
    display_name: str
    roles: tuple[Role, ...]
    approver_level: ApproverLevel | None
    must_change: bool
    password_set_at: dt.datetime
    failed_logins: int
    locked_until: dt.datetime | None

    def has(self, role: Role) -> bool:
        return role in self.roles

    def require(self, role: Role, action: str) -> None:
        if role not in self.roles:
            raise PermissionDeniedError(f"{self.username} may not {action}: it needs the {role.value} role.")


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


_COLUMNS = "username, display_name, roles, approver_level, must_change, password_set_at, failed_logins, locked_until"


def _user(row) -> User:
    return User(
        username=row[0], display_name=row[1], roles=tuple(Role(r) for r in row[2].split(",") if r),
        approver_level=ApproverLevel(row[3]) if row[3] else None, must_change=bool(row[4]),
        password_set_at=_parse(row[5]), failed_logins=row[6], locked_until=_parse(row[7]),
    )


class UserStore:
    """Users in the station database; every change journalled."""

    def __init__(self, db, journal: Journal, policy: PasswordPolicy = PasswordPolicy(),
                 clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.db, self.journal, self.policy, self.clock = db, journal, policy, clock

    def get(self, username: str) -> User | None:
        rows = self.db.query(f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username,))
        return _user(rows[0]) if rows else None

    def list(self) -> list[User]:
        return [_user(r) for r in self.db.query(f"SELECT {_COLUMNS} FROM users ORDER BY username")]

    def _check_strength(self, password: str) -> None:
        if len(password) < self.policy.min_length:
            raise SealStationError(f"A password needs at least {self.policy.min_length} characters.")

    def add(self, username: str, display_name: str, roles, password: str, *, approver_level=None, by: str | None) -> User:
        roles = tuple(Role(r) for r in roles)
        level = ApproverLevel(approver_level) if approver_level else None
        if Role.APPROVER in roles and level is None:
            raise SealStationError(f"Approver {username} needs an authority level ({', '.join(l.value for l in ApproverLevel)}).")
        if self.get(username):
            raise SealStationError(f"User {username} already exists.")
        self._check_strength(password)
        now = self.clock()
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO users (username, display_name, roles, approver_level, password_hash, password_set_at, must_change, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
                (username, display_name, ",".join(r.value for r in roles), level.value if level else None,
                 hash_password(password, self.policy.scrypt_n), iso_seconds(now), iso_seconds(now)),
            )
            self.journal.append(JournalKind.USER_CHANGED, {"user": username, "change": "added",
                                "roles": [r.value for r in roles], "approver_level": level.value if level else None}, actor=by)
        return self.get(username)

    def authenticate(self, username: str, password: str, *, allow_must_change: bool = False) -> User:
        """The user, if the password is right and the account usable; otherwise a typed error."""
        user = self.verify_password(username, password)
        self.record_login(user)
        if not allow_must_change:
            self.check_fresh(user)
        return self.get(username)

    def verify_password(self, username: str, password: str) -> User:
        """Check the password; failures are journalled (and counted) here, a success is not yet."""
        now = self.clock()
        user = self.get(username)
        if user is None:
            check_password(password, hash_password("x", self.policy.scrypt_n))  # same time as a real check
            self.journal.append(JournalKind.LOGIN_FAILED, {"user": username, "why": "unknown user"})
            raise AuthError("Wrong user name or password.")
        if user.locked_until and user.locked_until > now:
            self.journal.append(JournalKind.LOGIN_FAILED, {"user": username, "why": "locked"})
            raise AccountLockedError(
                f"Account {username} is locked until {user.locked_until.astimezone():%H:%M}.",
                hint="Wait, or ask the office to unlock it.",
            )
        stored = self.db.query("SELECT password_hash FROM users WHERE username = ?", (username,))
        if not check_password(password, stored[0][0]):
            self._failed(user, now)
        return user

    def record_login(self, user: User) -> None:
        """Journal a successful login (joins the caller's transaction, if any)."""
        with self.db.transaction() as conn:
            if user.failed_logins or user.locked_until:
                conn.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = ?", (user.username,))
            self.journal.append(JournalKind.LOGIN, {"user": user.username}, actor=user.username)

    def check_fresh(self, user: User) -> None:
        """Refuse a new, reset or expired password until it is changed."""
        expired = self.clock() - user.password_set_at > dt.timedelta(days=self.policy.expiry_days)
        if user.must_change or expired:
            raise PasswordChangeRequiredError(
                f"The password of {user.username} {'has expired' if expired else 'is new or was reset'} and must be changed.",
                hint="Change it with 'sealstation user passwd'.",
            )

    def _failed(self, user: User, now: dt.datetime) -> None:
        failures = user.failed_logins + 1
        lock = failures >= self.policy.max_failures
        until = now + dt.timedelta(minutes=self.policy.lock_minutes) if lock else None
        with self.db.transaction() as conn:
            conn.execute("UPDATE users SET failed_logins = ?, locked_until = ? WHERE username = ?",
                         (0 if lock else failures, iso_seconds(until) if until else None, user.username))
            self.journal.append(JournalKind.LOGIN_FAILED, {"user": user.username, "why": "wrong password", "failures": failures})
            if lock:
                self.journal.append(JournalKind.ACCOUNT_LOCKED, {"user": user.username, "until": iso_seconds(until)})
        raise AuthError("Wrong user name or password.")

    def change_password(self, username: str, old: str, new: str) -> None:
        self.authenticate(username, old, allow_must_change=True)
        if new == old:
            raise SealStationError("The new password must differ from the old one.")
        self._set_password(username, new, must_change=False, by=username)

    def reset_password(self, username: str, new: str, *, by: str) -> None:
        """The office sets a password the user must change at first login."""
        self._set_password(username, new, must_change=True, by=by)

    def _set_password(self, username: str, new: str, *, must_change: bool, by: str) -> None:
        if self.get(username) is None:
            raise SealStationError(f"No user {username}.")
        self._check_strength(new)
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE users SET password_hash = ?, password_set_at = ?, must_change = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
                (hash_password(new, self.policy.scrypt_n), iso_seconds(self.clock()), int(must_change), username),
            )
            self.journal.append(JournalKind.PASSWORD_CHANGED, {"user": username, "reset": must_change}, actor=by)

    def set_locked(self, username: str, locked: bool, *, by: str) -> None:
        until = self.clock() + dt.timedelta(days=36500) if locked else None
        with self.db.transaction() as conn:
            conn.execute("UPDATE users SET locked_until = ?, failed_logins = 0 WHERE username = ?",
                         (iso_seconds(until) if until else None, username))
            self.journal.append(JournalKind.USER_CHANGED, {"user": username, "change": "locked" if locked else "unlocked"}, actor=by)
