"""The office's desk: the seal register (刻制, issue, suspend, revoke, destroy), users and roles, delegations (代管), the policy and the station's set-up."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping, Sequence, TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from ..approval.requests import register_approver_key
from ..approval.rules import AuthorityRules
from ..approval.signed import key_registration_bytes
from ..archive.authority_check import record_text
from ..backup.file import make_backup
from ..backup.keys import install_recipient, make_identity, signed_recipient, write_identity
from ..errors import (AccountLockedError, BackupKeyError, PermissionDeniedError, PolicyError, SealLifecycleError,
                      SealNotFoundError, SealStationError, TokenError, UserError, UserRecordError)
from ..fsutil import atomic_write_bytes
from ..journal.journal import JournalKind, iso_seconds
from ..journal.keystore import keyring_key
from ..journal.review import OfficeReview, sign_review, unreviewed_stops
from ..model import SealKind
from ..permissions import ROLES_FOR, Action, require
from ..policy import SIGN_COMMAND, StationPolicy, policy_from_legacy_config, write_signed_policy
from ..seals.authority import SealAuthority
from ..seals.image import SealImage
from ..seals.lifecycle import Delegation, SealAction, SealStatus, TRANSITIONS, next_status
from ..seals.making import SealSpec, check_existing_certificate, first_record, seal_image_for
from ..seals.partners import add_partner_authority, partner_authorities
from ..seals.register import SealRecord, delegation_bytes
from ..station_key import StationIdentity, make_station_identity
from ..token.keys import delete_seal_key, make_seal_key
from ..users import PasswordPolicy, Role, User

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["OfficeDesk", "UpgradeResult", "UserRow", "CustodySpan", "SealCalendar", "PolicyView", "POLICY_FIELDS",
           "PASSWORD_FIELDS", "SealCertificate", "SealRegisterRow", "SealHistoryEntry", "Person"]


@dataclass(frozen=True)
class UpgradeResult:
    """What the office signed when it upgraded a station to signed records."""
    users: tuple[str, ...]
    approvers_without_key: tuple[str, ...]
    """Approvers with no approval key yet: they approve only after the office resets them."""
    delegations: int
    approver_keys: tuple[str, ...]
    """OA keys whose registration was signed."""
    policy: StationPolicy

_SEAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
"""A seal id: also the key's label on the token and part of the image's file name, so plain and short."""

_HISTORY_KINDS = (JournalKind.SEAL_LIFECYCLE, JournalKind.DELEGATION_STARTED, JournalKind.DELEGATION_ENDED,
                  JournalKind.HANDOVER)
"""The journal entries that are about a seal's life (its stamps are the journal view's and the report's)."""


@dataclass(frozen=True)
class SealCertificate:
    """A seal's certificate as its USB key holds it."""

    subject: str
    """The subject, RFC 4514 (CN the seal's name, O the organisation, serialNumber the seal id)."""
    seal_name: str
    """The seal's name it certifies (CN)."""
    organisation: str
    """The organisation (O)."""
    issuer: str
    """Who certified it: the common name of the office's seal authority."""
    serial: str
    """The certificate's serial number, hexadecimal."""
    not_before: dt.datetime
    not_after: dt.datetime
    sha256: str
    """Its SHA-256 fingerprint (DER), hexadecimal."""
    matches: bool
    """It is the certificate the register's record names (same fingerprint); False: another key under that label."""


@dataclass(frozen=True)
class SealRegisterRow:
    """One seal of the register, as the office sees it."""

    record: SealRecord
    """The current version (status, custodian, token, validity …)."""
    signed: bool
    """The office's signature on that version holds (False: the row was altered; the seal stamps nothing)."""
    custodian_name: str
    """The custodian's display name ("" when there is none)."""
    image_png: bytes | None = field(repr=False)
    """The registered image; None when it is missing or not the registered one."""
    certificate: SealCertificate | None
    """From the USB key plugged in now; None when it holds none for this seal (another key, or destroyed)."""
    actions: tuple[SealAction, ...]
    """What the office may do next, by the lifecycle's state machine."""


@dataclass(frozen=True)
class SealHistoryEntry:
    """One step of a seal's life: a journal entry about it, with the signed record version it wrote."""

    seq: int
    """The journal entry's number."""
    at: dt.datetime
    actor: str
    """Who did it ("" for what the station recorded by itself, e.g. a delegation that ran out)."""
    kind: JournalKind
    """``seal_lifecycle``, ``delegation_started``, ``delegation_ended`` or ``handover``."""
    action: str
    """The lifecycle action (``make``, ``issue`` … ``destroy``), or ``delegate`` / ``delegation_ended``."""
    facts: Mapping[str, Any]
    """The entry's data as journalled (version, status, custodian, note, delegate, starts, ends …)."""
    record: SealRecord | None = None
    """The signed record version this entry wrote (lifecycle entries)."""
    actor_name: str = ""
    """Who did it, by their display name (their user name when the station has none for them)."""
    custodian_name: str = ""
    """The custodian (or deputy) the entry names, by display name ("" when it names none)."""


@dataclass(frozen=True)
class Person:
    """A user as a list offers them: user name and display name."""

    username: str
    display_name: str


def _name_part(name: x509.Name, oid) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


class OfficeDesk:
    """What the office (办公室/印章管理员) does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    def add_partner_authority(self, cert_file: str | Path, *, by: str, password: str, authority):
        """The office trusts a partner's seal authority for ``verify`` (endorsed with the office's key)."""
        self.station._office_login(by, password)
        partner = add_partner_authority(self.station.home, Path(cert_file), authority)
        self.station.journal.append(JournalKind.CONFIG_CHANGED, {
            "change": "partner seal authority trusted", "name": partner.name, "sha256": partner.sha256}, actor=by)
        return partner

    def partner_authorities(self):
        """The partners' seal authorities in the station home, each with whether its endorsement holds."""

        if self.station.ca_cert is None:
            return []
        return partner_authorities(self.station.home, self.station.ca_cert)

    def register_approver_key(self, approver: str, public_key_pem: str, *, by: str, password: str, authority) -> None:
        """The office registers the key an approver signs OA approval files with (signed by the office)."""
        self.station._office_login(by, password)
        register_approver_key(self.station.db, self.station.journal, approver, public_key_pem, by=by, authority=authority)

    def review_journal(self, *, by: str, password: str, note: str, authority):
        """The office lifts the tamper stop: a review of the journal as it is now, signed by its seal authority."""
        reviewer = self.station._office_login(by, password).username
        head = self.station.journal.last()
        review = OfficeReview(station=self.station.config.station_id, reviewer=reviewer, note=note, covers_seq=head.seq,
                              covers_hash=head.hash,
                              stops=unreviewed_stops(self.station.db, self.station.journal.ca_cert, self.station.config.station_id))
        return self.station.journal.acknowledge_tamper(review, sign_review(review, authority))

    def sign_policy(self, policy: StationPolicy, *, by: str, password: str, authority) -> None:
        """The office signs ``policy`` as the station's policy (journalled with the old and new policy)."""
        if not self.station.policy_files.exists():
            self.station.require_upgraded()
        self.station._office_login(by, password)
        old = self.station.policy
        # Above every version signed before, so that the token refuses an older policy file copied back.
        policy = replace(policy, version=max(old.version, policy.version, self.station._last_policy_version()) + 1)
        with self.station.db.transaction():
            self.station.journal.append(JournalKind.POLICY_SIGNED, {
                "old": json.loads(old.to_bytes()), "new": json.loads(policy.to_bytes())}, actor=by)
            text = write_signed_policy(self.station.policy_files, policy, authority)  # last: a failure rolls the entry back
        self.station.policy, self.station.policy_problem, self.station._policy_record = policy, None, record_text("policy", *text)
        self.station._set_up_stores()

    def upgrade(self, *, by: str, password: str, authority) -> UpgradeResult:
        """Once: sign the users, delegations, OA key registrations and policy of a station from before them.

        The office's passphrase (``authority``) is what makes it count; the
        policy is taken from ``station.json`` (or the defaults) and removed
        from it. Journalled with everything that was signed.
        """
        if self.station.policy_files.exists():
            raise PolicyError("This station was upgraded already: its policy is office-signed.",
                              hint=f"To change the policy, edit office/policy.json and run '{SIGN_COMMAND}'.")
        self.station._office_login(by, password, check_record=False)  # no record is signed yet: the passphrase decides
        policy = replace(policy_from_legacy_config(self.station.config.legacy_policy), version=1)
        with self.station.db.transaction() as conn:
            keyless = self.station.users.sign_all(authority, by=by)
            delegations = self.station.db.query(
                "SELECT id, seal_id, delegate, starts, ends, reason, approved_by FROM delegations ORDER BY id")
            versions: dict[str, int] = {}
            for rid, *fields in delegations:
                versions[fields[0]] = versions.get(fields[0], 0) + 1  # numbered per seal, oldest first
                d = Delegation(fields[0], fields[1], dt.datetime.fromisoformat(fields[2]),
                               dt.datetime.fromisoformat(fields[3]), fields[4], fields[5], versions[fields[0]])
                conn.execute("UPDATE delegations SET signature = ?, version = ? WHERE id = ?",
                             (authority.sign(delegation_bytes(d)), d.version, rid))
            keys = self.station.db.query("SELECT approver, public_key_pem FROM approver_keys")
            for approver, pem in keys:
                conn.execute("UPDATE approver_keys SET signature = ? WHERE approver = ?",
                             (authority.sign(key_registration_bytes(approver, pem)), approver))
            result = UpgradeResult(tuple(u.username for u in self.station.users.list()), tuple(keyless), len(delegations),
                                   tuple(a for a, _ in keys), policy)
            self.station.journal.append(JournalKind.STATION_UPGRADED, {
                "users": list(result.users), "approvers_without_key": keyless, "delegations": len(delegations),
                "delegation_versions": versions,
                "approver_keys": list(result.approver_keys), "policy": json.loads(policy.to_bytes())}, actor=by)
            text = write_signed_policy(self.station.policy_files, policy, authority)  # last: a failure rolls the upgrade back
        self.station.config = self.station.config.with_changes(legacy_policy={})
        self.station.home.save_config(self.station.config)
        self.station.policy, self.station.policy_problem, self.station._policy_record = policy, None, record_text("policy", *text)
        self.station._set_up_stores()
        return result

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
            self._office_person(by, Action.MANAGE_USERS, "add users")
        if authority is None:
            authority = self.open_authority(passphrase or "")
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

    def make_seal(self, spec: SealSpec, *, by: str, password: str, authority, pin: str | None) -> SealRecord:
        """制作: the key on the token (generated now, or registered if made there before), image, signed record.

        ``pin`` unlocks the token to generate the key; registering an
        existing key reads only its (public) certificate.
        """
        self.station._office_login(by, password)
        image = seal_image_for(spec)
        token = self.station.token()
        if spec.existing_key:
            cert = x509.load_der_x509_certificate(token.certificate_der(spec.seal_id))
            check_existing_certificate(spec, cert, self.station.ca_cert)
        else:
            cert = make_seal_key(token, pin=pin or "", label=spec.seal_id, key_type=spec.key_type,
                                 authority=authority, subject=spec.subject(), now=self.station.now())
            token.logout()
        file_name, digest = self.station.seals.save_image(spec.seal_id, image.png)
        record = first_record(spec, image_file=file_name, image=image, image_sha256=digest, cert=cert,
                              token_label=self.station.config.token_label or token.label or "",
                              station_id=self.station.config.station_id, now=self.station.now())
        return self.station.seals.put(record, authority=authority, by=by)

    def change_seal(self, seal_id: str, action: SealAction, *, by: str, password: str, authority, note: str = "",
                    **changes) -> SealRecord:
        """A lifecycle step (issue, change, suspend, resume, withdraw, revoke, handover) as a new signed version.

        Destroying is :meth:`destroy_seal`: it also deletes the key.
        """
        if action == SealAction.DESTROY:
            raise SealLifecycleError("A seal is destroyed with destroy_seal: the key on its token goes too.")
        self.station._office_login(by, password)
        return self.station.seals.apply(seal_id, action, authority=authority, by=by, note=note, **changes)

    def delegate_seal(self, delegation: Delegation, *, by: str, password: str, approver_password: str,
                      authority) -> Delegation:
        """代管: a stand-in custodian for a period, approved in person by an approver with the seal's authority."""
        self.station._office_login(by, password)
        approver = self.station.users.authenticate(delegation.approved_by, approver_password)
        approver.require(Role.APPROVER, "approve a delegation")
        record = self.station.seals.get(delegation.seal_id)
        lack = self.station.requests.rules.lack(approver.approver_level, record.seal_id, record.kind)
        if lack:
            raise PermissionDeniedError(f"{approver.username} {lack}.",
                                        hint="An approver with that authority must approve the delegation.")
        return self.station.seals.delegate(delegation, by=by, authority=authority)

    def destroy_seal(self, seal_id: str, *, by: str, password: str, authority, pin: str, note: str = "") -> int:
        """销毁: delete the seal's key from its token, then record it destroyed; the number of token objects deleted.

        The key goes first: a wrong PIN leaves the seal as it was, and a
        record that could not be written after the key went is written by
        running this again (the token then has nothing left to delete).
        """
        self.station._office_login(by, password)
        record = self.station.seals.get(seal_id)
        next_status(SealStatus(record.status), SealAction.DESTROY, seal_id)  # refused before the token is touched
        removed = delete_seal_key(self.station.token(), pin=pin, label=record.key_label)
        self.station.seals.apply(seal_id, SealAction.DESTROY, authority=authority, by=by,
                         note=f"{note} ({removed} key object(s) deleted from the token)".strip())
        return removed

    def issue_station_key(self, *, by: str, password: str, authority) -> StationIdentity:
        """The office makes the station a new key pair and certifies it (replacing any earlier one).

        Journalled with the certificate's fingerprint; the certificate is also
        written to ``office/station-cert.pem`` for the archive.
        """
        self.station._office_login(by, password)
        identity = make_station_identity(self.station.config.station_id, authority, now=self.station.now())
        fingerprint = identity.certificate.fingerprint(hashes.SHA256()).hex()
        with self.station.db.transaction() as conn:
            version = (self.station.db.query("SELECT COALESCE(MAX(version), 0) FROM station_key")[0][0]) + 1
            conn.execute("INSERT INTO station_key (version, station_id, key_pem, cert_pem, made_at, made_by) "
                         "VALUES (?, ?, ?, ?, ?, ?)",
                         (version, identity.station_id, identity.private_key_pem().decode("ascii"),
                          identity.certificate_pem().decode("ascii"), iso_seconds(self.station.now()), by))
            self.station.journal.append(JournalKind.STATION_KEY_ISSUED, {
                "version": version, "certificate_sha256": fingerprint,
                "serial": format(identity.certificate.serial_number, "x")}, actor=by)
        atomic_write_bytes(self.station.home.station_cert_path, identity.certificate_pem())
        return identity

    def allow_replacement_copies(self, request_id: str, *, copies: int, by: str, password: str, authority, reason: str):
        return self.station.printing().allow_replacement(request_id, copies=copies, by=by, password=password,
                                                 authority=authority, reason=reason)

    def set_backup_key(self, out: str | Path | None, *, by: str, password: str, authority,
                       identity_passphrase: str | None = None, recipient: str | None = None,
                       overwrite: bool = False):
        """The office's backup key: a new age identity written to ``out`` (kept offline by the office), or an
        existing ``recipient`` (``age1…``); its public key installed here, signed by the seal authority."""
        target = self.station.check_output(out, overwrite=overwrite) if recipient is None else None
        self.station._office_login(by, password)
        identity = None
        if recipient is None:
            identity = make_identity()
            recipient = str(identity.to_public())
        with self.station.db.transaction():
            self.station.journal.append(JournalKind.BACKUP_KEY_SET, {"recipient": recipient, "new_identity": bool(identity),
                                                             "identity_protected": bool(identity_passphrase)}, actor=by)
            if identity is not None:  # the identity is on disk before the entry commits, or neither counts
                write_identity(identity, target, made_at=self.station.now(), passphrase=identity_passphrase,
                               overwrite=overwrite)
            return install_recipient(self.station.home, recipient, authority)

    def backup(self, out: str | Path, *, user: str | None, password: str | None, overwrite: bool = False):
        """Write a backup encrypted to the office's backup key (:mod:`sealstation.backup.file`); journalled.

        ``user`` (office or custodian) is who asked; ``None`` only for the
        office's schedule (:meth:`backup_if_due`). Refused when the installed
        backup key is not signed by the office's seal authority.
        """
        target = self.station.check_output(out, overwrite=overwrite)
        if user is not None:
            person = self.station.users.authenticate(user, password or "")
            if not {Role.OFFICE, Role.CUSTODIAN} & set(person.roles):
                raise PermissionDeniedError(f"{user} may not back up the station: it needs the office or custodian "
                                            "role.", hint="Ask the office or the custodian to make the backup.",
                                            code="backup_role", user=user)
        try:
            recipient = signed_recipient(self.station.home, self.station.ca_cert).recipient
        except BackupKeyError as exc:
            if user is not None:  # a swapped key is an insider's move: on record (the schedule only logs it)
                self.station.journal.append(JournalKind.BACKUP_REFUSED, {"why": exc.message}, actor=user)
            raise
        key = None if self.station.needs_journal_passphrase else keyring_key(self.station.config.station_id, create=False)
        result = make_backup(self.station, target, recipient=recipient, journal_key=key, overwrite=overwrite)
        h = result.header
        self.station.journal.append(JournalKind.BACKUP_MADE, {
            "file": str(result.path), "header_sha256": h.digest, "journal_seq": h.journal_seq,
            "journal_hash": h.journal_hash, "payload_bytes": h.payload_bytes, "recipient": h.recipient,
            "members": result.members, "scheduled": user is None}, actor=user)
        return result

    # -- users, delegations, policy --
    # Each use case takes the office user's password and the seal authority's passphrase as the CLI asks them; the
    # person's signed record and role are checked first, so a refusal comes before the passphrase is tried.

    def _office_person(self, by: str, action: str, words: str) -> User:
        """``by``'s record, signed by the office as it stands, if their roles allow ``action``."""
        person = self.station.users.get(by)
        if person is None:
            raise PermissionDeniedError(f"{by} is not a user of this station.", code="role_missing", user=by,
                                        role=" or ".join(sorted(r.value for r in ROLES_FOR[action])))
        require(self.station.users.check_record(person), action, words)
        return person

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
        authority = self.open_authority(passphrase)
        self.station._office_login(by, password)
        return self.station.users.set_roles(username, roles, approver_level, by=by, authority=authority,
                                            initial_password=initial_password)

    def reset_user_password(self, username: str, initial_password: str, *, by: str, password: str,
                            passphrase: str) -> None:
        """The office sets a new initial password, changed at first login (an approver gets a new key)."""
        self._office_person(by, Action.MANAGE_USERS, "reset passwords")
        self.reset_password(username, initial_password, by=by, password=password,
                                    authority=self.open_authority(passphrase))

    def lock_user(self, username: str, locked: bool, *, by: str, password: str, passphrase: str) -> None:
        """The office locks or unlocks an account (signed); nobody locks themselves out."""
        self._office_person(by, Action.MANAGE_USERS, "lock or unlock users")
        if locked and username == by:
            raise UserError(f"{by} cannot lock their own account.", hint="Another office user does it.",
                            code="own_account_lock", user=by)
        self.set_locked(username, locked, by=by, password=password, authority=self.open_authority(passphrase))

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
        return self.delegate_seal(delegation, by=by, password=password, approver_password=approver_password,
                                          authority=self.open_authority(passphrase))

    def end_delegation(self, seal_id: str, deputy: str, *, why: str, by: str, password: str,
                       passphrase: str) -> Delegation:
        """End ``deputy``'s delegation of the seal now, before its planned end (one not begun is cancelled): the
        office signs the shortened delegation, which replaces it. The shortened one."""
        self._office_person(by, Action.DELEGATE, "end delegations")
        authority = self.open_authority(passphrase)
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
        return self.change_seal(seal_id, SealAction.HANDOVER, by=by, password=password,
                                        authority=self.open_authority(passphrase), note=note, custodian=custodian)

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
        self.sign_policy(new, by=by, password=password, authority=self.open_authority(passphrase))
        return self.station.policy

    # -- the seal register ------------------------------------------------------------

    def seal_register(self, user: str) -> tuple[SealRegisterRow, ...]:
        """Every seal of the register, current version first checked against the office's signature, with its
        image, its certificate read from the USB key (no PIN: certificates are public) and its next actions.

        Refused (``role_missing``) unless ``user`` may manage seals. Reads the token once per seal.
        """
        self._office_person(user, Action.MANAGE_SEALS, "read the seal register")
        people = {u.username: u.display_name for u in self.station.users.list()}
        return tuple(self._row(record, people) for record in self.station.seals.all())

    def _row(self, stored: SealRecord, people: dict[str, str]) -> SealRegisterRow:
        seals = self.station.seals
        try:
            record, signed = seals.get(stored.seal_id), True
        except SealStationError:
            record, signed = stored, False
        try:
            image = seals.load_image(record)
        except SealStationError:
            image = None
        actions = tuple(a for (s, a) in TRANSITIONS if s == record.status)
        return SealRegisterRow(record, signed, people.get(record.custodian or "", record.custodian or ""), image,
                               self._certificate(record), actions)

    def _certificate(self, record: SealRecord) -> SealCertificate | None:
        try:
            der = self.station.token().certificate_der(record.key_label)
        except (TokenError, SealStationError):
            return None
        cert = x509.load_der_x509_certificate(der)
        sha256 = cert.fingerprint(hashes.SHA256()).hex()
        return SealCertificate(cert.subject.rfc4514_string({NameOID.SERIAL_NUMBER: "serialNumber"}),
                               _name_part(cert.subject, NameOID.COMMON_NAME),
                               _name_part(cert.subject, NameOID.ORGANIZATION_NAME),
                               _name_part(cert.issuer, NameOID.COMMON_NAME), format(cert.serial_number, "X"),
                               cert.not_valid_before_utc, cert.not_valid_after_utc, sha256,
                               sha256 == record.cert_sha256)

    def seal_history(self, user: str, seal_id: str) -> tuple[SealHistoryEntry, ...]:
        """The seal's whole life, oldest first: each journal entry about it (made, issued, changed, suspended …,
        delegations started and ended), with the signed record version a lifecycle entry wrote.

        Refused (``role_missing``) unless ``user`` may manage seals; :class:`SealNotFoundError` for an unknown seal.
        Reads the entries of those kinds only (indexed by kind), never the whole journal.
        """
        self._office_person(user, Action.MANAGE_SEALS, "read a seal's history")
        station = self.station
        versions = {r.version: r for r in station.seals.history(seal_id)}
        if not versions:
            raise SealNotFoundError(f"No seal '{seal_id}' in this station's register.", seal=seal_id)
        marks = ", ".join("?" for _ in _HISTORY_KINDS)
        rows = station.db.query(
            f"SELECT seq, at, actor, kind, data FROM journal WHERE kind IN ({marks}) "
            "AND json_extract(data, '$.seal') = ? ORDER BY seq", (*(k.value for k in _HISTORY_KINDS), seal_id))
        people = {u.username: u.display_name for u in station.users.list()}
        entries = []
        for seq, at, actor, kind, data in rows:
            facts = json.loads(data)
            kind = JournalKind(kind)
            action = str(facts.get("action") or {JournalKind.DELEGATION_STARTED: "delegate",
                                                  JournalKind.DELEGATION_ENDED: "delegation_ended",
                                                  JournalKind.HANDOVER: "handover"}.get(kind, kind.value))
            record = versions.get(facts.get("version")) if kind == JournalKind.SEAL_LIFECYCLE else None
            named = (record.custodian if record is not None else facts.get("delegate")) or ""
            entries.append(SealHistoryEntry(seq, dt.datetime.fromisoformat(at), actor or "", kind, action, facts,
                                            record, people.get(actor or "", actor or ""), people.get(named, named)))
        return tuple(entries)

    # -- making a seal (刻制) -----------------------------------------------------------

    def preview_seal(self, user: str, spec: SealSpec) -> SealImage:
        """The image ``spec`` would give (drawn from the templates, or the scanned imprint), writing nothing.

        Refused before anything is drawn when ``user`` may not manage seals, or the seal id is not a plain short
        id (``seal_id_invalid``) or is in the register already (``seal_id_taken``): :meth:`Station.make_seal`
        would otherwise file the new seal as a later version of the old one.
        """
        self._office_person(user, Action.MANAGE_SEALS, "make a seal")
        if not _SEAL_ID.fullmatch(spec.seal_id):
            raise SealLifecycleError(f"'{spec.seal_id}' is not a seal id: use up to 32 letters, digits, - or _.",
                                     code="seal_id_invalid", seal=spec.seal_id)
        if self.station.seals.history(spec.seal_id):
            raise SealLifecycleError(f"A seal '{spec.seal_id}' is in the register already.",
                                     hint="Choose another seal id.", code="seal_id_taken", seal=spec.seal_id)
        return seal_image_for(spec)

    def open_authority(self, passphrase: str) -> SealAuthority:
        """The office's seal authority with its key opened by ``passphrase`` (what the CLI asks as "Passphrase of
        the office's seal authority key"): :class:`SealAuthorityError` ``authority_passphrase`` when it is wrong."""
        home = self.station.home
        return SealAuthority.load(home.ca_cert_path, home.ca_key_path, passphrase)

    def custodians(self, by: str) -> tuple[Person, ...]:
        """The users who may hold a seal or stand in for its custodian (custodian role, not locked by the office),
        by user name; for the office (``by``)."""
        self._office_person(by, Action.MANAGE_SEALS, "see the custodians")
        return tuple(Person(u.username, u.display_name) for u in sorted(self.station.users.list(),
                                                                         key=lambda u: u.username)
                     if Role.CUSTODIAN in u.roles and not u.disabled)


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
