"""The office's desk: the seal register (刻制, issue, suspend, revoke, destroy), users and roles, delegations (代管), the policy and the station's set-up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

from ..approval.rules import AuthorityRules
from ..errors import AccountLockedError, PolicyError, UnknownUserError, UserError, UserRecordError
from ..model import SealKind
from ..permissions import Action, require
from ..policy import StationPolicy
from ..seals.authority import SealAuthority
from ..seals.lifecycle import Delegation, SealAction, SealStatus
from ..seals.register import SealRecord
from ..users import PasswordPolicy, Role, User

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["OfficeDesk", "UserRow", "CustodySpan", "SealCalendar", "PolicyView", "POLICY_FIELDS",
           "PASSWORD_FIELDS"]


class OfficeDesk:
    """What the office (办公室/印章管理员) does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    # -- users, delegations, policy --
    # Each use case takes the office user's password and the seal authority's passphrase as the CLI asks them; the
    # person's signed record and role are checked first, so a refusal comes before the passphrase is tried.

    def _office_person(self, by: str, action: str, words: str) -> User:
        """``by``'s record, signed by the office as it stands, if their roles allow ``action``."""
        person = self.station.users.get(by)
        if person is None:
            raise UnknownUserError(f"No user {by}.", hint="Log in again.")
        require(self.station.users.check_record(person), action, words)
        return person

    def _authority(self, passphrase: str) -> SealAuthority:
        """The office's seal authority with its key opened by ``passphrase`` (refused when it does not open)."""
        home = self.station.home
        return SealAuthority.load(home.ca_cert_path, home.ca_key_path, passphrase)

    def users_overview(self, by: str) -> tuple["UserRow", ...]:
        """Every user of the station with their password's age and state, for the office (``by``)."""
        self._office_person(by, Action.MANAGE_USERS, "manage users")
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

    def add_user(self, username: str, display_name: str, roles: Sequence[str], initial_password: str, *,
                 approver_level: str | None = None, by: str, password: str, passphrase: str) -> User:
        """The office adds a user, signed; the initial password is changed at first login."""
        self._office_person(by, Action.MANAGE_USERS, "add users")
        return self.station.add_user(username, display_name or username, roles, initial_password,
                                     approver_level=approver_level, by=by, password=password,
                                     authority=self._authority(passphrase))

    def change_roles(self, username: str, roles: Sequence[str], approver_level: str | None = None, *, by: str,
                     password: str, passphrase: str, initial_password: str | None = None) -> User:
        """The office changes a user's roles or approver level (a new signed version of the record).

        Someone who becomes an approver gets an approval key, made under ``initial_password`` (changed at first
        login). The office cannot take the office role from itself: another office user must do it.
        """
        self._office_person(by, Action.MANAGE_USERS, "change roles")
        if username == by and Role.OFFICE.value not in {Role(r).value for r in roles}:
            raise UserError(f"{by} cannot take the office role from themselves.",
                            hint="Another office user does it, so that the station keeps someone who manages it.",
                            code="own_office_role", user=by)
        authority = self._authority(passphrase)
        self.station._office_login(by, password)
        return self.station.users.set_roles(username, roles, approver_level, by=by, authority=authority,
                                            initial_password=initial_password)

    def reset_user_password(self, username: str, initial_password: str, *, by: str, password: str,
                            passphrase: str) -> None:
        """The office sets a new initial password, changed at first login (an approver gets a new key)."""
        self._office_person(by, Action.MANAGE_USERS, "reset passwords")
        self.station.reset_password(username, initial_password, by=by, password=password,
                                    authority=self._authority(passphrase))

    def lock_user(self, username: str, locked: bool, *, by: str, password: str, passphrase: str) -> None:
        """The office locks or unlocks an account (signed); nobody locks themselves out."""
        self._office_person(by, Action.MANAGE_USERS, "lock or unlock users")
        if locked and username == by:
            raise UserError(f"{by} cannot lock their own account.", hint="Another office user does it.",
                            code="own_account_lock", user=by)
        self.station.set_locked(username, locked, by=by, password=password, authority=self._authority(passphrase))

    def seal_calendar(self, by: str) -> tuple["SealCalendar", ...]:
        """Every seal with who held it when and its delegations (代管) the office signed, for the office (``by``)."""
        self._office_person(by, Action.DELEGATE, "see the delegations")
        seals, now = self.station.seals, self.station.now()
        out = []
        for record in seals.all():
            custody = tuple(CustodySpan(at, custodian, status) for at, custodian, status in seals.custody(record.seal_id))
            delegations = tuple(sorted(seals.delegations(record.seal_id, now), key=lambda d: (d.starts, d.delegate)))
            out.append(SealCalendar(record, custody, delegations))
        return tuple(out)

    def custodians(self, by: str) -> tuple[User, ...]:
        """The users who may hold a seal or stand in for its custodian (the custodian role, not locked)."""
        self._office_person(by, Action.DELEGATE, "see the custodians")
        return tuple(u for u in self.station.users.list() if u.has(Role.CUSTODIAN) and not u.disabled)

    def approvers_for(self, seal_id: str, by: str) -> tuple[User, ...]:
        """The approvers whose level covers the seal: who may approve its delegation."""
        self._office_person(by, Action.DELEGATE, "see the approvers")
        kind = self.station.seals.get(seal_id).kind
        rules = self.station.requests.rules
        return tuple(u for u in self.station.users.list()
                     if u.has(Role.APPROVER) and not u.disabled and rules.allows(u.approver_level, kind))

    def delegate(self, seal_id: str, deputy: str, first_day: dt.date, last_day: dt.date, reason: str, approver: str, *,
                 by: str, password: str, approver_password: str, passphrase: str) -> Delegation:
        """代管: ``deputy`` stands in for the seal's custodian from the start of ``first_day`` to the end of
        ``last_day`` (the station's local days), approved in person by ``approver``; signed by the office."""
        self._office_person(by, Action.DELEGATE, "delegate seals")
        starts, ends = _local_midnight(first_day), _local_midnight(last_day + dt.timedelta(days=1))
        delegation = Delegation(seal_id, deputy, starts, ends, reason, approver)
        return self.station.delegate_seal(delegation, by=by, password=password, approver_password=approver_password,
                                          authority=self._authority(passphrase))

    def end_delegation(self, seal_id: str, deputy: str, *, why: str, by: str, password: str,
                       passphrase: str) -> Delegation:
        """End ``deputy``'s delegation of the seal now, before its planned end (one not begun is cancelled): the
        office signs the shortened delegation, which replaces it. The shortened one."""
        self._office_person(by, Action.DELEGATE, "end delegations")
        authority = self._authority(passphrase)
        self.station._office_login(by, password)
        return self.station.seals.end_delegation(seal_id, deputy, self.station.now(), by=by, authority=authority,
                                                 why=why)

    def hand_over(self, seal_id: str, custodian: str, *, note: str, by: str, password: str,
                  passphrase: str) -> SealRecord:
        """交接: the seal passes to another custodian from now on (a new signed version of its record)."""
        self._office_person(by, Action.DELEGATE, "hand seals over")
        person = self.station.users.get(custodian)
        if person is None or not person.has(Role.CUSTODIAN):
            raise UserError(f"{custodian} is not a custodian: a seal is handed over to a custodian.",
                            hint="Give them the custodian role first.", code="not_a_custodian", user=custodian)
        return self.station.change_seal(seal_id, SealAction.HANDOVER, by=by, password=password,
                                        authority=self._authority(passphrase), note=note, custodian=custodian)

    def policy_view(self, by: str) -> "PolicyView":
        """The signed policy with what its empty settings mean (the defaults), for the office (``by``)."""
        self._office_person(by, Action.SIGN_POLICY, "read the policy to change it")
        policy = self.station.policy
        rules = AuthorityRules.from_config(policy.authority_rules)
        authority = tuple((kind.value, rules.required(kind.value).value) for kind in SealKind)
        return PolicyView(policy, self.station.password_policy, authority, self.station.upgraded)

    def sign_policy_change(self, changes: dict, *, by: str, password: str, passphrase: str) -> StationPolicy:
        """The office changes some settings of the policy (:data:`POLICY_FIELDS`; ``password_policy`` as a dict of
        :data:`PASSWORD_FIELDS`) and signs it; the policy now in force. Checked as the station reads it, before
        anything is signed."""
        self._office_person(by, Action.SIGN_POLICY, "sign the policy")
        unknown = set(changes) - set(POLICY_FIELDS) - {"password_policy"}
        unknown |= set(changes.get("password_policy") or {}) - set(PASSWORD_FIELDS)
        if unknown:
            raise PolicyError(f"These settings cannot be changed here: {', '.join(sorted(unknown))}.",
                              code="policy_field", field=", ".join(sorted(unknown)))
        policy = self.station.policy
        if "password_policy" in changes:
            changes = {**changes, "password_policy": {**policy.password_policy, **changes["password_policy"]}}
        new = replace(policy, **changes)
        try:  # what the station will read back at its next start
            StationPolicy.from_bytes(new.to_bytes())
            PasswordPolicy(**new.password_policy)
            _check_password_rules(new.password_policy)
        except (ValueError, TypeError) as exc:
            raise PolicyError(f"The changed policy cannot be signed: {exc}.", code="policy_value",
                              detail=str(exc)) from exc
        self.station.sign_policy(new, by=by, password=password, authority=self._authority(passphrase))
        return self.station.policy


POLICY_FIELDS = ("approval_days", "allow_same_person", "sync_grace_days", "sync_grace_stamps", "print_to_file",
                 "print_offline_grace", "idle_lock_minutes")
"""The policy's settings the office changes in the window (the authority rules and the archive location are
changed in ``office/policy.json`` and signed with ``sealstation policy sign``)."""

PASSWORD_FIELDS = ("expiry_days", "max_failures", "lock_minutes", "min_length")
"""The password rules the office changes in the window."""


def _check_password_rules(rules: dict) -> None:
    for name in PASSWORD_FIELDS:
        value = rules.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise ValueError(f"{name} must be a whole number of at least 1")


def _local_midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` on this computer's clock, in UTC."""
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.timezone.utc)


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


@dataclass(frozen=True)
class CustodySpan:
    """From ``since`` on (until the next span), the seal was held by ``custodian`` (None: nobody) with ``status``."""

    since: dt.datetime
    custodian: str | None
    status: SealStatus


@dataclass(frozen=True)
class SealCalendar:
    """One seal's line on the office's calendar."""

    seal: SealRecord
    custody: tuple[CustodySpan, ...]
    """Oldest first."""
    delegations: tuple[Delegation, ...]
    """The office-signed delegations that count (the newest version to each deputy), by start."""


@dataclass(frozen=True)
class PolicyView:
    """The station's signed policy as the office reads it."""

    policy: StationPolicy
    passwords: PasswordPolicy
    """The password rules in force (the policy's, defaults filled in)."""
    authority: tuple[tuple[str, str], ...]
    """(seal kind, the lowest approver level that may approve it), for every kind."""
    signed: bool
    """The policy is office-signed (False: a station from before signed policies)."""
