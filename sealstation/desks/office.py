"""The office's desk: the seal register (刻制, issue, suspend, revoke, destroy), users and roles, delegations (代管), the policy and the station's set-up."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence, TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from ..approval.requests import register_approver_key
from ..approval.signed import key_registration_bytes
from ..archive.authority_check import record_text
from ..backup.file import make_backup
from ..backup.keys import install_recipient, make_identity, signed_recipient, write_identity
from ..errors import BackupKeyError, PermissionDeniedError, PolicyError, SealLifecycleError
from ..fsutil import atomic_write_bytes
from ..journal.journal import JournalKind, iso_seconds
from ..journal.keystore import keyring_key
from ..journal.review import OfficeReview, sign_review, unreviewed_stops
from ..policy import SIGN_COMMAND, StationPolicy, policy_from_legacy_config, write_signed_policy
from ..seals.lifecycle import Delegation, SealAction, SealStatus, next_status
from ..seals.making import SealSpec, check_existing_certificate, first_record, seal_image_for
from ..seals.partners import add_partner_authority, partner_authorities
from ..seals.register import SealRecord, delegation_bytes
from ..station_key import StationIdentity, make_station_identity
from ..token.keys import delete_seal_key, make_seal_key
from ..users import Role, User

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["OfficeDesk", "UpgradeResult"]


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
                 approver_level: str | None = None, by: str, password: str | None, authority) -> User:
        """The office adds a user, with a record its seal authority signs; the password is changed at first login.

        ``password`` is the office user's; only the station's first user is
        added without one (the seal authority's key alone then decides).
        """
        if password is None and self.station.users.list():
            raise PermissionDeniedError("Only the station's first user is added without an office login.",
                                        hint=f"Log in as an office user (--by) to add {username}.")
        if password is not None:
            self.station._office_login(by, password)
        return self.station.users.add(username, display_name, roles, initial_password, approver_level=approver_level, by=by,
                              authority=authority)

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
