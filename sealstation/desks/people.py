"""The office's users and roles: adding people, their roles and approver levels, locking, and password resets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, TYPE_CHECKING

from ..approval.requests import register_approver_key
from ..errors import AccountLockedError, PermissionDeniedError, UserError, UserRecordError
from ..permissions import Action
from ..users import Role, User

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["PeopleDesk", "UserRow"]


class PeopleDesk:
    """What the office does with the station's people (the users and roles view)."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    def register_approver_key(self, approver: str, public_key_pem: str, *, by: str, password: str, authority) -> None:
        """The office registers the key an approver signs OA approval files with (signed by the office)."""
        self.station._office_login(by, password)
        register_approver_key(self.station.db, self.station.journal, approver, public_key_pem, by=by, authority=authority)

    def add_user(self, username: str, display_name: str, roles: Sequence[str], initial_password: str, *,
                 approver_level: str | None = None, by: str, password: str | None, authority=None,
                 passphrase: str | None = None) -> User:
        """The office adds a user, with a record its seal authority signs; the password is changed at first login.

        ``password`` is the office user's; only the station's first user is
        added without one (the seal authority's key alone then decides). The
        authority is given opened (``authority``, as the CLI opens it) or by
        its ``passphrase`` (the window).
        """
        if password is None and self.station.users.list():
            raise PermissionDeniedError("Only the station's first user is added without an office login.",
                                        hint=f"Log in as an office user (--by) to add {username}.")
        if password is not None:
            self.station.person_allowed(by, Action.MANAGE_USERS, "add users")
        if authority is None:
            authority = self.station.open_authority(passphrase or "")
        if password is not None:
            self.station._office_login(by, password)
        return self.station.users.add(username, display_name or username, roles, initial_password,
                                      approver_level=approver_level, by=by, authority=authority)

    def reset_password(self, username: str, initial_password: str, *, by: str, password: str, authority) -> None:
        """The office sets a password the user must change at first login (a new record version)."""
        self.station._office_login(by, password)
        self.station.users.reset_password(username, initial_password, by=by, authority=authority)

    def set_locked(self, username: str, locked: bool, *, by: str, password: str, authority) -> None:
        """The office locks or unlocks an account (a new record version)."""
        self.station._office_login(by, password)
        self.station.users.set_locked(username, locked, by=by, authority=authority)

    def users_overview(self, by: str) -> tuple["UserRow", ...]:
        """Every user of the station with their password's age and state, for the office (``by``)."""
        self.station.person_allowed(by, Action.MANAGE_USERS, "manage users")
        users, now = self.station.users, self.station.now()
        rows = []
        for user in users.list():
            try:
                users.check_record(user)
                signed = True
            except AccountLockedError:  # the office's lock: told after the signature was found good
                signed = True
            except UserRecordError:
                signed = False
            age = max(0, (now - user.password_set_at).days)
            rows.append(UserRow(user, age, users.policy.expiry_days - age, users.password_expired(user), signed,
                                bool(user.locked_until and user.locked_until > now)))
        return tuple(rows)

    def change_roles(self, username: str, roles: Sequence[str], approver_level: str | None = None, *, by: str,
                     password: str, passphrase: str, initial_password: str | None = None) -> User:
        """The office changes a user's roles or approver level (a new signed version of the record).

        Someone who becomes an approver gets an approval key, made under ``initial_password`` (changed at first
        login). The office cannot take the office role from itself: another office user must do it.
        """
        self.station.person_allowed(by, Action.MANAGE_USERS, "change roles")
        if username == by and Role.OFFICE.value not in {Role(r).value for r in roles}:
            raise UserError(f"{by} cannot take the office role from themselves.",
                            hint="Another office user does it, so that the station keeps someone who manages it.",
                            code="own_office_role", user=by)
        authority = self.station.open_authority(passphrase)
        self.station._office_login(by, password)
        return self.station.users.set_roles(username, roles, approver_level, by=by, authority=authority,
                                            initial_password=initial_password)

    def reset_user_password(self, username: str, initial_password: str, *, by: str, password: str,
                            passphrase: str) -> None:
        """The office sets a new initial password, changed at first login (an approver gets a new key)."""
        self.station.person_allowed(by, Action.MANAGE_USERS, "reset passwords")
        self.reset_password(username, initial_password, by=by, password=password,
                                    authority=self.station.open_authority(passphrase))

    def lock_user(self, username: str, locked: bool, *, by: str, password: str, passphrase: str) -> None:
        """The office locks or unlocks an account (signed); nobody locks themselves out."""
        self.station.person_allowed(by, Action.MANAGE_USERS, "lock or unlock users")
        if locked and username == by:
            raise UserError(f"{by} cannot lock their own account.", hint="Another office user does it.",
                            code="own_account_lock", user=by)
        self.set_locked(username, locked, by=by, password=password, authority=self.station.open_authority(passphrase))


@dataclass(frozen=True)
class UserRow:
    """One user as the office sees them."""

    user: User
    password_age_days: int
    """Whole days since the password was set."""
    password_days_left: int
    """Days until the password expires (the policy's ``expiry_days``); 0 or less: expired."""
    password_expired: bool
    record_signed: bool
    """The office's signature over the record holds (False: changed outside the office; the user is refused)."""
    locked_for_failures: bool
    """Locked for a while after too many wrong passwords (not the office's lock: ``user.disabled``)."""

    @property
    def must_change(self) -> bool:
        """The password must be changed at the next login (new, reset or expired)."""
        return self.user.must_change or self.password_expired
