"""The office's station set-up: the policy, the token module, the office archive, the backup key and backups, restoring, the station key and partner authorities."""

from __future__ import annotations
import datetime as dt
import json
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import hashes

from ..approval.rules import AuthorityRules
from ..approval.signed import key_registration_bytes
from ..archive.authority_check import record_text
from ..archive.backend import FolderArchive, open_backend
from ..archive.config import ArchiveConfig, archive_config, require_office_archive, store_archive_password
from ..backup.config import BackupConfig
from ..backup.file import BackupCheck, BackupResult, read_header
from ..backup.file import make_backup
from ..backup.keys import (OfficeBackupKey, identity_is_protected, install_recipient, make_identity, read_identity,
                           signed_recipient, write_identity)
from ..config import StationConfig
from ..errors import ArchiveError, BackupKeyError, PermissionDeniedError, PolicyError
from ..fsutil import atomic_write_bytes
from ..journal.journal import JournalKind, iso_seconds
from ..journal.keystore import keyring_key
from ..journal.review import OfficeReview, sign_review, unreviewed_stops
from ..model import SealKind
from ..permissions import Action, allowed, require
from ..policy import SIGN_COMMAND, StationPolicy, policy_from_legacy_config, write_signed_policy
from ..seals.lifecycle import Delegation
from ..seals.partners import add_partner_authority, partner_authorities
from ..seals.register import delegation_bytes
from ..station_key import StationIdentity, make_station_identity
from ..token.module import find_pkcs11_module
from ..token.watch import TokenStatus
from ..users import ApproverLevel, PasswordPolicy, User

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["SetupDesk", "UpgradeResult", "StationSetup", "ArchiveProbe", "PolicyView", "POLICY_FIELDS",
           "PASSWORD_FIELDS", "APPROVAL_LEVELS"]


POLICY_FIELDS = ("approval_days", "allow_same_person", "sync_grace_days", "sync_grace_stamps", "print_to_file",
                 "print_offline_grace", "idle_lock_minutes")
"""The policy's settings the office changes in the window (the archive location and the office's timestamp and
revocation addresses are changed in ``office/policy.json`` and signed with ``sealstation policy sign``)."""

APPROVAL_LEVELS = "approval_levels"
"""The change of who may approve each kind of seal: ``{seal kind: lowest approver level}`` (the policy's
``authority_rules``; kinds not named keep theirs)."""

PASSWORD_FIELDS = ("expiry_days", "max_failures", "lock_minutes", "min_length")
"""The password rules the office changes in the window."""


def _authority_rules(policy: StationPolicy, levels: dict) -> dict:
    """The policy's authority rules with ``levels`` ({seal kind: lowest approver level}) set, every kind written
    out; :class:`PolicyError` for a kind or a level the station does not know."""
    kinds, known = {kind.value for kind in SealKind}, {level.value for level in ApproverLevel}
    wrong = [f"{kind}: {level}" for kind, level in sorted(levels.items()) if kind not in kinds or level not in known]
    if wrong:
        raise PolicyError("The changed policy cannot be signed: no such seal kind or approver level "
                          f"({'; '.join(wrong)}).", code="policy_value", detail="; ".join(wrong))
    current = AuthorityRules.from_config(policy.authority_rules)
    rules = {kind.value: current.required(kind.value).value for kind in SealKind}
    rules.update(levels)
    return {"rules": rules, "default": current.default.value}


class SetupDesk:
    """What the office sets up on one open station (the policy and station set-up views)."""

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

    def issue_station_key(self, *, by: str, password: str, authority) -> StationIdentity:
        """The office makes the station a new key pair and certifies it (replacing any earlier one).

        Journalled with the certificate's fingerprint; the certificate is also
        written to ``office/station-cert.pem`` for the archive.
        """
        self.station._office_login(by, password)
        return self._issue_station_key(by, authority)

    def _issue_station_key(self, by: str, authority) -> StationIdentity:
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
            if not allowed(person, Action.BACKUP):
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

    def policy_view(self, by: str) -> "PolicyView":
        """The signed policy with what its empty settings mean (the defaults), for the office (``by``)."""
        self.station.person_allowed(by, Action.SIGN_POLICY, "read the policy to change it")
        policy = self.station.policy
        rules = AuthorityRules.from_config(policy.authority_rules)
        authority = tuple((kind.value, rules.required(kind.value).value) for kind in SealKind)
        return PolicyView(policy, self.station.password_policy, authority, self.station.upgraded)

    def sign_policy_change(self, changes: dict, *, by: str, password: str, passphrase: str) -> StationPolicy:
        """The office changes some settings of the policy (:data:`POLICY_FIELDS`; ``password_policy`` as a dict of
        :data:`PASSWORD_FIELDS`; :data:`APPROVAL_LEVELS`) and signs it; the policy now in force. Checked as the
        station reads it, before anything is signed."""
        self.station.person_allowed(by, Action.SIGN_POLICY, "sign the policy")
        unknown = set(changes) - set(POLICY_FIELDS) - {"password_policy", APPROVAL_LEVELS}
        unknown |= set(changes.get("password_policy") or {}) - set(PASSWORD_FIELDS)
        if unknown:
            raise PolicyError(f"These settings cannot be changed here: {', '.join(sorted(unknown))}.",
                              code="policy_field", field=", ".join(sorted(unknown)))
        policy = self.station.policy
        if "password_policy" in changes:
            changes = {**changes, "password_policy": {**policy.password_policy, **changes["password_policy"]}}
        if APPROVAL_LEVELS in changes:
            changes = dict(changes)
            changes["authority_rules"] = _authority_rules(policy, changes.pop(APPROVAL_LEVELS))
        new = replace(policy, **changes)
        try:  # what the station will read back at its next start
            StationPolicy.from_bytes(new.to_bytes())
            PasswordPolicy(**new.password_policy)
            _check_password_rules(new.password_policy)
        except (ValueError, TypeError) as exc:
            raise PolicyError(f"The changed policy cannot be signed: {exc}.", code="policy_value",
                              detail=str(exc)) from exc
        self.sign_policy(new, by=by, password=password, authority=self.station.open_authority(passphrase))
        return self.station.policy

    def _setup_person(self, user: str, action: str = Action.SET_UP_STATION,
                      words: str = "set up the station") -> User:
        """The verified record of ``user``, who must be allowed ``action`` (no password: a query)."""
        return self.station.person_allowed(user, action, words)

    def _setup_login(self, by: str, password: str, action: str = Action.SET_UP_STATION,
                     words: str = "set up the station") -> User:
        person = self.station.users.authenticate(by, password)
        require(person, action, words)
        return person

    def station_setup(self, user: str) -> StationSetup:
        """What the station is set up with now (no secret; read off the GUI thread: it asks the token)."""
        self._setup_person(user)
        st = self.station
        status = st.token_status()
        archive = st.config.archive
        try:
            key = signed_recipient(st.home, st.ca_cert).recipient
            key_problem = None
        except BackupKeyError as exc:
            key, key_problem = None, exc
        last = st.db.query("SELECT at, data FROM journal WHERE kind = ? ORDER BY seq DESC LIMIT 1",
                           (JournalKind.BACKUP_MADE,))
        return StationSetup(
            station_id=st.config.station_id, home=str(st.home.root),
            pkcs11_module=status.module or (st.config.pkcs11_module or ""),
            module_configured=st.config.pkcs11_module is not None, module_saved=st.config.pkcs11_module,
            token=status,
            archive_location=archive.location if archive else None,
            policy_archive=st.policy.archive_location or None,
            backup_recipient=key, backup_key_problem=key_problem, backup_schedule=st.config.backup,
            last_backup_at=last[0][0] if last else None,
            last_backup_file=json.loads(last[0][1]).get("file") if last else None)

    def set_token_module(self, module: str | None, *, by: str, password: str) -> str | None:
        """Save the USB key's driver (PKCS#11 module path) in ``station.json`` (None: found by itself, SoftHSM2 or
        OpenSC). A process loads one module for its life: the station uses the new one from its next start."""
        self._setup_login(by, password)
        if module:
            module = str(Path(module).expanduser())
            find_pkcs11_module(module)  # refused, in its words, when there is no such file
        self._save_config(self.station.config.with_changes(pkcs11_module=module or None), by=by,
                          change="token module", pkcs11_module=module or None)
        return module or None

    def probe_archive(self, user: str, location: str, *, db_password: str | None = None) -> ArchiveProbe:
        """Test the connection to an archive (a folder or ``postgresql://…``) before it is saved; nothing written.

        A folder that is not an archive yet is said (``is_archive`` False), not refused: the office makes it one
        with :meth:`make_archive`. A location the office's policy refuses raises :class:`ArchiveLocationError`.
        """
        self._setup_person(user)
        cfg = self._archive_choice(location)
        if not cfg.is_postgres:
            folder = Path(cfg.location)
            if not FolderArchive(folder).marker.is_file():
                return ArchiveProbe(cfg.location, False, False, folder.is_dir(), ())
        with closing(self._connect(cfg, db_password)) as backend:
            stations = tuple(backend.stations())
        return ArchiveProbe(cfg.location, cfg.is_postgres, True, True, stations)

    def make_archive(self, user: str, folder: str | Path) -> str:
        """Make a folder an office archive, once (``archive init``); an existing archive is left as it is."""
        self._setup_person(user)
        if str(folder).startswith(("postgresql://", "postgres://")):
            raise ArchiveError("A PostgreSQL archive is made by the office's database administrator, not here.",
                               hint="Run the archive's SQL set-up on the server (README, The office archive).",
                               code="archive_init_postgres")
        return str(self.station.init_archive(Path(folder).expanduser()).root)

    def set_archive(self, location: str | None, *, by: str, password: str,
                    db_password: str | None = None) -> ArchiveConfig | None:
        """Save the station's office archive in ``station.json`` (None: none), after testing the connection.

        As the CLI reads it: ``"archive": {"location": …}`` (its other settings kept). A folder must be an archive
        already (:meth:`make_archive`); a location the office's policy refuses is refused. ``db_password``: the
        PostgreSQL station role's password, kept in the OS keyring once the connection works with it (never in
        station.json); None: the one the keyring holds.
        """
        self._setup_login(by, password)
        st = self.station
        cfg = None
        if location:
            cfg = self._archive_choice(location)
            with closing(self._connect(cfg, db_password)) as backend:
                backend.stations()  # the connection works and, for a folder, it is an archive
            if cfg.is_postgres and db_password:
                store_archive_password(cfg.location, db_password)
            old = st.config.archive
            if old is not None:
                cfg = ArchiveConfig(cfg.location, old.documents, old.segment_entries)
        self._save_config(st.config.with_changes(archive=cfg), by=by, change="office archive",
                          location=cfg.location if cfg else None)
        return cfg

    def _archive_choice(self, location: str) -> ArchiveConfig:
        cfg = archive_config(None, location.strip())
        return require_office_archive(cfg, self.station.policy.archive_location, given="given in the window")

    @staticmethod
    def _connect(cfg: ArchiveConfig, db_password: str | None):
        if cfg.is_postgres and db_password:
            from ..archive.postgres import PostgresArchive

            return PostgresArchive.connect(cfg.location, password=db_password)
        return open_backend(cfg)

    def _save_config(self, config: StationConfig, *, by: str, change: str, **facts) -> None:
        """Write ``station.json`` and journal the change (CONFIG_CHANGED): both, or neither."""
        with self.station.db.transaction():
            self.station.journal.append(JournalKind.CONFIG_CHANGED, {"change": change, **facts}, actor=by)
            self.station.home.save_config(config)  # last: a failure rolls the entry back
        self.station.config = config

    def make_backup_key(self, out: str | Path, *, by: str, password: str, authority_passphrase: str,
                        identity_passphrase: str | None = None, overwrite: bool = False) -> OfficeBackupKey:
        """``backup office-key --out``: a new backup key pair; the PRIVATE identity written to ``out`` (kept offline
        by the office), its public half installed here signed by the seal authority (its passphrase opens it)."""
        self.station.check_output(out, overwrite=overwrite)
        self._setup_person(by)  # the role before any secret; set_backup_key checks the password
        return self.set_backup_key(out, by=by, password=password, authority=self.station.open_authority(
            authority_passphrase), identity_passphrase=identity_passphrase or None, overwrite=overwrite)

    def install_backup_key(self, recipient: str, *, by: str, password: str,
                           authority_passphrase: str) -> OfficeBackupKey:
        """``backup office-key --recipient``: install the office's existing backup key (``age1…``) here."""
        self._setup_person(by)
        return self.set_backup_key(None, by=by, password=password, recipient=recipient.strip(),
                                   authority=self.station.open_authority(authority_passphrase))

    def backup_now(self, out: str | Path, *, by: str, password: str, overwrite: bool = False) -> BackupResult:
        """A backup now into ``out`` (office or custodian), encrypted to the office's backup key; journalled."""
        self.station.check_output(out, overwrite=overwrite)  # refused before the password is checked
        self._setup_person(by, Action.BACKUP, "back up the station")  # backup() checks the password
        return self.backup(out, user=by, password=password, overwrite=overwrite)

    def set_backup_schedule(self, folder: str | None, every_days: float = 1.0, *, by: str,
                            password: str) -> BackupConfig | None:
        """Save the backup schedule in ``station.json`` (``"backup": {"folder", "every_days"}``; None: by hand only).

        The window's timer then makes a backup into ``folder`` whenever the last one there is ``every_days`` old
        (:meth:`Station.backup_if_due`). The folder must exist, outside the station home, writable here.
        """
        self._setup_login(by, password)
        cfg = None
        if folder:
            path = Path(folder).expanduser().resolve()
            # The rules a backup's file meets (outside the station home, an existing folder this account can write):
            # checked now, on a name the schedule would use, so that a wrong folder is said here and not at 3 a.m.
            self.station.check_output(path / f"{self.station.config.station_id}.sealbackup", overwrite=True)
            cfg = BackupConfig.from_dict({"folder": str(path), "every_days": every_days}, "the window")
        self._save_config(self.station.config.with_changes(backup=cfg), by=by, change="backup schedule",
                          backup=cfg.to_dict() if cfg else None)
        return cfg

    def backup_file_needs(self, path: str | Path, identity: str | Path | None = None) -> tuple[bool, bool]:
        """What checking or restoring a backup will ask: (the identity's passphrase, the journal passphrase)."""
        header, _ = read_header(Path(path))
        protected = bool(identity) and identity_is_protected(Path(identity))
        return protected, header.key_source == "passphrase"

    def check_backup(self, user: str, path: str | Path, identity: str | Path | None = None,
                     identity_passphrase: str | None = None) -> BackupCheck:
        """``backup verify``: the backup's signature and payload, and with the office's identity every file inside;
        against this station's copy of the office's seal authority. Raises :class:`BackupError` when it is bad."""
        self._setup_person(user, Action.BACKUP, "check a backup")
        key = read_identity(Path(identity), identity_passphrase or None) if identity else None
        return self.station.check_backup(path, self.station.ca_cert, key)

    def restore_backup(self, path: str | Path, *, into: str | Path, identity: str | Path, by: str, password: str,
                       identity_passphrase: str | None = None, journal_passphrase: str | None = None,
                       accept_rollback: bool = False):
        """``backup restore`` into the empty folder ``into``; never into a station that is open, this one included
        (:class:`RestoreRefusedError`, code ``restore_station_open``: the station-open lock decides). Its history is
        checked against this station's office archive."""
        self._setup_login(by, password)
        target = Path(into).expanduser().resolve()  # this open station's own home: refused by its lock
        key = read_identity(Path(identity), identity_passphrase or None)
        archive = self.station.config.archive.location if self.station.config.archive else None
        return type(self.station).restore(path, identity=key, home=target, ca_cert=self.station.ca_cert,
                                          journal_passphrase=journal_passphrase, archive=archive,
                                          accept_rollback=accept_rollback)


    def issue_first_station_key(self, *, by: str, authority) -> StationIdentity:
        """At set-up (:mod:`sealstation.station_init`), before anyone has logged in: the station's first key, certified
        by the office's seal authority, whose opened key alone decides (as for the first user). ``by``: the office
        user the set-up made. Refused once the station has a key."""
        if self.station.db.query("SELECT COUNT(*) FROM station_key")[0][0]:
            raise PermissionDeniedError("The station has a key already; the office issues a new one after logging in.",
                                        hint="sealstation station key --by ADMIN", code="station_key_exists")
        return self._issue_station_key(by, authority)

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


def _check_password_rules(rules: dict) -> None:
    for name in PASSWORD_FIELDS:
        value = rules.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise ValueError(f"{name} must be a whole number of at least 1")


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


@dataclass(frozen=True)
class StationSetup:
    """What a station is set up with, as the office's set-up view shows it."""

    station_id: str
    home: str
    """The station home folder."""
    pkcs11_module: str
    """The PKCS#11 module in use (path); '' when none was found."""
    module_configured: bool
    """``station.json`` names the module; False: found by itself (SoftHSM2 or OpenSC)."""
    module_saved: str | None
    """The module ``station.json`` names now (used from the next start when it differs from the one in use)."""
    token: TokenStatus
    """The USB key as seen now (present, label, serial, problem)."""
    archive_location: str | None
    """``station.json``'s office archive; None: none configured."""
    policy_archive: str | None
    """The archive the office's signed policy names (any other is refused); None: it names none."""
    backup_recipient: str | None
    """The office's backup key installed here and signed by the seal authority (``age1…``); None: none usable."""
    backup_key_problem: BackupKeyError | None
    """Why there is no usable backup key (none installed yet, or not signed by the office)."""
    backup_schedule: BackupConfig | None
    """Scheduled backups (folder, every N days); None: by hand only."""
    last_backup_at: str | None
    """When the last backup was made here (UTC ISO), from the journal."""
    last_backup_file: str | None


@dataclass(frozen=True)
class ArchiveProbe:
    """An archive location tested from the station (:meth:`SetupDesk.probe_archive`)."""

    location: str
    is_postgres: bool
    is_archive: bool
    """It answers as an office archive (a folder: its marker file is there)."""
    exists: bool
    """A folder: it exists (an empty folder is made an archive with ``archive init``)."""
    stations: tuple[str, ...]
    """The stations that have reported to it."""
