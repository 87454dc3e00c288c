"""Users, roles and passwords of the station.

Roles: custodian (印章专管人员), approver (审批人, with an authority level),
office (办公室/印章管理员) and auditor (read-only); one person may hold several.
Passwords are hashed with scrypt; a new or reset password must be changed at
first login; passwords expire; repeated failures lock the account for a while.
Every login, failure, lock and password change is journalled.

Authority comes from the office's signature, not from the row: the seal
authority signs each user's authority-bearing fields (user name, roles,
approver level, approver public key, disabled flag, record version; see
:func:`record_bytes`), and every login for a role and every use of approval
authority checks that signature, so a row added or edited with SQL is refused.
Each approver holds an Ed25519 key pair made when the office adds or resets
them: the public key is in the signed record, the private key is stored
encrypted under a key derived from the approver's password (scrypt, AES-GCM),
so a replaced password hash gives a login but never the key.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, replace
from typing import Callable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .errors import (
    AccountLockedError,
    ApproverLevelError,
    AuthError,
    PasswordChangeRequiredError,
    PasswordPolicyError,
    PermissionDeniedError,
    SealAuthorityError,
    UnknownUserError,
    UserExistsError,
    UserError,
    UserRecordError,
)
from .journal.journal import Journal, JournalKind, iso_seconds, utc_now
from .model import TextEnum
from .seals.authority import office_signature_ok

__all__ = ["Role", "ApproverLevel", "PasswordPolicy", "User", "UserStore", "hash_password", "check_password",
           "record_bytes", "user_record_bytes", "KEY_ENCRYPTION"]

KEY_ENCRYPTION = "scrypt-aesgcm"
"""How an approver's private key is kept: AES-256-GCM under scrypt(password), bound to the user name."""


class Role(TextEnum):
    CUSTODIAN = "custodian"
    APPROVER = "approver"
    OFFICE = "office"
    AUDITOR = "auditor"


class ApproverLevel(TextEnum):
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
    """Set by repeated login failures (not authority: not signed)."""
    disabled: bool = False
    """Locked by the office (signed)."""
    record_version: int = 0
    """Bumped by every signed change; 0: never signed (a station before the upgrade)."""
    public_key_pem: str | None = None
    """The approver's Ed25519 public key (signed); ``None`` for other roles or before a key was issued."""
    signature: str | None = None
    """The seal authority's signature (hex) over :func:`record_bytes`."""

    def has(self, role: Role) -> bool:
        return role in self.roles

    def require(self, role: Role, action: str) -> None:
        if role not in self.roles:
            raise PermissionDeniedError(f"{self.username} may not {action}: it needs the {role.value} role.",
                                        code="role_missing", user=self.username, role=role.value)


def _parse(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


_COLUMNS = ("username, display_name, roles, approver_level, must_change, password_set_at, failed_logins, locked_until, "
            "disabled, record_version, public_key_pem, record_signature")


def _user(row) -> User:
    return User(
        username=row[0], display_name=row[1], roles=tuple(Role(r) for r in row[2].split(",") if r),
        approver_level=ApproverLevel(row[3]) if row[3] else None, must_change=bool(row[4]),
        password_set_at=_parse(row[5]), failed_logins=row[6], locked_until=_parse(row[7]),
        disabled=bool(row[8]), record_version=row[9], public_key_pem=row[10], signature=row[11],
    )


def record_bytes(username: str, roles, approver_level, public_key_pem: str | None, disabled: bool,
                 version: int) -> bytes:
    """The authority-bearing fields of a user record, as the office signs them."""
    data = {"format": "sealstation-user/1", "username": username, "roles": sorted(Role(r).value for r in roles),
            "approver_level": ApproverLevel(approver_level).value if approver_level else None,
            "public_key": public_key_pem, "disabled": bool(disabled), "version": int(version)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def user_record_bytes(user: User) -> bytes:
    """:func:`record_bytes` of ``user``'s signed fields."""
    return _of(user)


def _of(user: User) -> bytes:
    return _record_bytes_of(user.username, tuple(user.roles), user.approver_level, user.public_key_pem, user.disabled,
                            user.record_version)


@functools.lru_cache(maxsize=256)
def _record_bytes_of(*fields) -> bytes:
    """:func:`record_bytes`, remembered: a stamp checks its custodian's and approver's records several times."""
    return record_bytes(*fields)


def _new_key_pair(username: str, password: str, n: int) -> tuple[str, str]:
    """(public key PEM, private key encrypted under the password) of a fresh Ed25519 key."""
    key = ed25519.Ed25519PrivateKey.generate()
    pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")
    return pem, _encrypt_key(username, key, password, n)


def _key_aead(username: str, password: str, salt: bytes, n: int):
    return AESGCM(Scrypt(salt=salt, length=32, n=n, r=8, p=1).derive(password.encode("utf-8")))


def _aad(username: str) -> bytes:
    # Bound to the user: another approver's encrypted key copied into this row does not open.
    return b"sealstation-approver-key:" + username.encode("utf-8")


def _encrypt_key(username: str, key, password: str, n: int) -> str:
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = _key_aead(username, password, salt, n).encrypt(nonce, raw, _aad(username))
    return f"{KEY_ENCRYPTION}${n}${salt.hex()}${nonce.hex()}${sealed.hex()}"


def _decrypt_key(username: str, stored: str, password: str):
    """The approver's private key, or ``None`` if the password does not open it."""
    try:
        scheme, n, salt, nonce, sealed = stored.split("$")
        if scheme != KEY_ENCRYPTION:
            return None
        raw = _key_aead(username, password, bytes.fromhex(salt), int(n)).decrypt(
            bytes.fromhex(nonce), bytes.fromhex(sealed), _aad(username))
        return ed25519.Ed25519PrivateKey.from_private_bytes(raw)
    except (InvalidTag, ValueError, TypeError, AttributeError):
        return None


class UserStore:
    """Users in the station database; every change journalled."""

    def __init__(self, db, journal: Journal, policy: PasswordPolicy = PasswordPolicy(),
                 clock: Callable[[], dt.datetime] = utc_now, ca_cert=None) -> None:
        """``ca_cert``: the seal authority certificate that user records must be signed by."""
        self.db, self.journal, self.policy, self.clock, self.ca_cert = db, journal, policy, clock, ca_cert

    # -- office-signed records ---------------------------------------------

    def check_record(self, user: User) -> User:
        """The user, if the office signed its record as it stands; :class:`UserRecordError` naming the fix otherwise."""
        if user.record_version < 1 or not user.signature:
            raise UserRecordError(
                f"The user record of {user.username} is not signed by the office: its roles and authority are not "
                "accepted.", hint="A station from before signed records is upgraded once by the office: "
                "'sealstation station upgrade --by ADMIN'; otherwise the office must re-add the user.")
        if not office_signature_ok(self.ca_cert, _of(user), user.signature):
            raise UserRecordError(
                f"The user record of {user.username} does not match the office's signature: its roles, approver "
                "level, key or lock were changed outside the office; it is refused.",
                hint="The office must check the station and set the user again ('sealstation user reset "
                f"{user.username} --by ADMIN').")
        if user.disabled:
            raise AccountLockedError(f"Account {user.username} is locked by the office.",
                                     hint="Ask the office to unlock it.", code="account_disabled", user=user.username)
        return user

    def _store_signed(self, conn, user: User, authority, **columns) -> User:
        """Write a new version of ``user``'s signed fields (and ``columns``), signed by the office."""
        if authority is None or getattr(authority, "private_key", None) is None:
            raise SealAuthorityError(f"Changing the record of {user.username} needs the office's seal authority key.",
                                     hint="Run it as the office, with the seal authority passphrase.")
        new = replace(user, record_version=user.record_version + 1)
        signature = authority.sign(_of(new))
        sets = {"roles": ",".join(r.value for r in new.roles),
                "approver_level": new.approver_level.value if new.approver_level else None,
                "disabled": int(new.disabled), "record_version": new.record_version,
                "public_key_pem": new.public_key_pem, "record_signature": signature, **columns}
        conn.execute(f"UPDATE users SET {', '.join(f'{k} = ?' for k in sets)} WHERE username = ?",
                     (*sets.values(), user.username))
        return replace(new, signature=signature)

    def sign_all(self, authority, *, by: str) -> list[str]:
        """Sign every user record as it stands (the upgrade); the approvers who still have no key."""
        keyless = []
        with self.db.transaction() as conn:
            for user in self.list():
                self._store_signed(conn, user, authority)
                if user.has(Role.APPROVER) and not user.public_key_pem:
                    keyless.append(user.username)
            signed = self.list()
            self.journal.append(JournalKind.USER_CHANGED, {"change": "records signed by the office",
                                                           "users": [u.username for u in signed],
                                                           "versions": {u.username: u.record_version for u in signed},
                                                           "approvers_without_key": keyless}, actor=by)
        return keyless

    def unlock_key(self, user: User, password: str):
        """The approver's private key, opened with their password and checked against the signed record."""
        self.check_record(user)
        rows = self.db.query("SELECT private_key_enc FROM users WHERE username = ?", (user.username,))
        if not user.public_key_pem:
            raise UserRecordError(f"{user.username} has no approval key: approvals cannot be signed.",
                                  hint=f"The office issues one with 'sealstation user reset {user.username} --by ADMIN'.")
        key = _decrypt_key(user.username, rows[0][0], password) if rows and rows[0][0] else None
        public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii") if key else None
        if public != user.public_key_pem:
            raise UserRecordError(
                f"The approval key of {user.username} cannot be opened with this password, or is not the key the "
                "office registered: nothing was approved.",
                hint=f"If {user.username}'s password was reset outside the office, the office must reset it "
                f"('sealstation user reset {user.username} --by ADMIN').")
        return key

    def get(self, username: str) -> User | None:
        rows = self.db.query(f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username,))
        return _user(rows[0]) if rows else None

    def list(self) -> list[User]:
        return [_user(r) for r in self.db.query(f"SELECT {_COLUMNS} FROM users ORDER BY username")]

    def _check_strength(self, password: str) -> None:
        if len(password) < self.policy.min_length:
            raise PasswordPolicyError(f"A password needs at least {self.policy.min_length} characters.",
                                      hint="Choose a longer password.")

    def add(self, username: str, display_name: str, roles, password: str, *, approver_level=None, by: str | None,
            authority=None) -> User:
        """Add a user with a record signed by the office (``authority``: the opened seal authority)."""
        roles = tuple(Role(r) for r in roles)
        level = ApproverLevel(approver_level) if approver_level else None
        if Role.APPROVER in roles and level is None:
            levels = ", ".join(level.value for level in ApproverLevel)
            raise ApproverLevelError(f"Approver {username} needs an authority level ({levels}).")
        if self.get(username):
            raise UserExistsError(f"User {username} already exists.",
                                  hint="Choose another user name, or reset that user.")
        self._check_strength(password)
        if authority is None or getattr(authority, "private_key", None) is None:
            raise SealAuthorityError(f"Adding {username} needs the office's seal authority key, to sign the record.",
                                     hint="Run it as the office, with the seal authority passphrase.")
        now = self.clock()
        public, private = _new_key_pair(username, password, self.policy.scrypt_n) if Role.APPROVER in roles else (None, None)
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO users (username, display_name, roles, approver_level, password_hash, password_set_at, must_change, created_at, "
                "private_key_enc) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
                (username, display_name, ",".join(r.value for r in roles), level.value if level else None,
                 hash_password(password, self.policy.scrypt_n), iso_seconds(now), iso_seconds(now), private),
            )
            self._store_signed(conn, User(username, display_name, roles, level, True, now, 0, None,
                                          public_key_pem=public), authority)
            self.journal.append(JournalKind.USER_CHANGED, {"user": username, "change": "added",
                                "roles": [r.value for r in roles], "approver_level": level.value if level else None,
                                "approval_key": bool(public), "version": 1}, actor=by)
        return self.get(username)

    def authenticate(self, username: str, password: str, *, allow_must_change: bool = False,
                     check_record: bool = True) -> User:
        """The user, if the password is right, the account usable and its record signed; otherwise a typed error.

        ``check_record=False`` only for the office's upgrade of a station from
        before signed records (whose records are not signed yet).
        """
        user = self.verify_password(username, password)
        if check_record:
            self.check_record(user)
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
                user=username, until=user.locked_until.isoformat(),
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

    def password_expired(self, user: User) -> bool:
        return self.clock() - user.password_set_at > dt.timedelta(days=self.policy.expiry_days)

    def check_fresh(self, user: User) -> None:
        """Refuse a new, reset or expired password until it is changed."""
        expired = self.password_expired(user)
        if user.must_change or expired:
            raise PasswordChangeRequiredError(
                f"The password of {user.username} {'has expired' if expired else 'is new or was reset'} and must be changed.",
                hint="Change it with 'sealstation user passwd'.",
                code="password_expired" if expired else "password_new", user=user.username,
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
        """The user changes their password; their approval key is re-encrypted under the new one."""
        user = self.authenticate(username, old, allow_must_change=True)
        if new == old:
            raise PasswordPolicyError("The new password must differ from the old one.")
        self._check_strength(new)
        key_column = None
        if user.public_key_pem:
            key_column = _encrypt_key(username, self.unlock_key(user, old), new, self.policy.scrypt_n)
        self._set_password(username, new, must_change=False, by=username, private_key_enc=key_column)

    def reset_password(self, username: str, new: str, *, by: str, authority=None) -> None:
        """The office sets a password the user must change at first login.

        An approver's key cannot be opened without the old password: the
        office issues a new key pair and signs the new record (``authority``).
        """
        user = self.get(username)
        if user is None:
            raise UnknownUserError(f"No user {username}.", hint="Check the name with 'sealstation user list'.")
        self._check_strength(new)
        with self.db.transaction() as conn:
            if user.has(Role.APPROVER):
                public, private = _new_key_pair(username, new, self.policy.scrypt_n)
                user = self._store_signed(conn, replace(user, public_key_pem=public), authority,
                                          private_key_enc=private)
            elif user.record_version < 1:
                user = self._store_signed(conn, user, authority)
            self._set_password(username, new, must_change=True, by=by, version=user.record_version)

    def _set_password(self, username: str, new: str, *, must_change: bool, by: str,
                      private_key_enc: str | None = None, version: int | None = None) -> None:
        """``version``: the signed record's version after a reset, journalled (the token's counter rises by it)."""
        if self.get(username) is None:
            raise UnknownUserError(f"No user {username}.", hint="Check the name with 'sealstation user list'.")
        self._check_strength(new)
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE users SET password_hash = ?, password_set_at = ?, must_change = ?, failed_logins = 0, locked_until = NULL, "
                "private_key_enc = COALESCE(?, private_key_enc) WHERE username = ?",
                (hash_password(new, self.policy.scrypt_n), iso_seconds(self.clock()), int(must_change), private_key_enc,
                 username),
            )
            change = {"user": username, "reset": must_change} | ({"version": version} if version else {})
            self.journal.append(JournalKind.PASSWORD_CHANGED, change, actor=by)

    def set_roles(self, username: str, roles, approver_level=None, *, by: str, authority=None,
                  initial_password: str | None = None) -> User:
        """The office changes a user's roles or approver level: a new version of the signed record.

        A user who becomes an approver without an approval key gets one, which needs a new initial password
        (``initial_password``: their old one is not known here, and it would have to open the key); they change
        it at first login. A user who stops being an approver loses the key and the level.
        """
        user = self.get(username)
        if user is None:
            raise UnknownUserError(f"No user {username}.", hint="Check the name with 'sealstation user list'.")
        roles = tuple(dict.fromkeys(Role(r) for r in roles))
        if not roles:
            raise UserError(f"{username} needs at least one role.", hint="Lock the account instead of taking every "
                            "role.", code="user_without_role", user=username)
        approver = Role.APPROVER in roles
        level = ApproverLevel(approver_level) if approver and approver_level else None
        if approver and level is None:
            levels = ", ".join(level.value for level in ApproverLevel)
            raise ApproverLevelError(f"Approver {username} needs an authority level ({levels}).")
        changed = replace(user, roles=roles, approver_level=level,
                          public_key_pem=user.public_key_pem if approver else None)
        columns: dict = {} if approver else {"private_key_enc": None}
        if approver and not user.public_key_pem:
            if not initial_password:
                raise UserError(f"{username} becomes an approver and needs an approval key: it is made with a new "
                                "initial password.", hint="Give a new initial password; they change it at first "
                                "login.", code="approver_needs_password", user=username)
            self._check_strength(initial_password)
            public, columns["private_key_enc"] = _new_key_pair(username, initial_password, self.policy.scrypt_n)
            changed = replace(changed, public_key_pem=public)
        with self.db.transaction() as conn:
            new = self._store_signed(conn, changed, authority, **columns)
            self.journal.append(JournalKind.USER_CHANGED, {
                "user": username, "change": "roles changed", "roles": [r.value for r in roles],
                "approver_level": level.value if level else None, "approval_key": bool(new.public_key_pem),
                "version": new.record_version}, actor=by)
            if "private_key_enc" in columns and columns["private_key_enc"]:
                self._set_password(username, initial_password, must_change=True, by=by, version=new.record_version)
        return self.get(username)

    def set_locked(self, username: str, locked: bool, *, by: str, authority=None) -> None:
        """The office locks or unlocks an account: the signed record's ``disabled`` flag (a new version)."""
        user = self.get(username)
        if user is None:
            raise UnknownUserError(f"No user {username}.", hint="Check the name with 'sealstation user list'.")
        with self.db.transaction() as conn:
            conn.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = ?", (username,))
            new = self._store_signed(conn, replace(user, disabled=locked), authority)
            self.journal.append(JournalKind.USER_CHANGED, {"user": username, "change": "locked" if locked else "unlocked",
                                                           "version": new.record_version}, actor=by)
