"""The office's desk: the seal register (刻制, issue, suspend, revoke, destroy), users and roles, delegations (代管), the policy and the station's set-up."""

from __future__ import annotations

import json
import logging
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..archive.backend import FolderArchive, open_backend
from ..archive.config import ArchiveConfig, archive_config, require_office_archive, store_archive_password
from ..backup.config import BackupConfig
from ..backup.file import BackupCheck, BackupResult, read_header
from ..backup.keys import OfficeBackupKey, identity_is_protected, read_identity, signed_recipient
from ..config import StationConfig
from ..errors import ArchiveError, BackupKeyError, PermissionDeniedError
from ..journal.journal import JournalKind
from ..permissions import Action, require
from ..seals.authority import SealAuthority
from ..token.module import find_pkcs11_module
from ..token.watch import TokenStatus
from ..users import User

if TYPE_CHECKING:  # the station imports the desks
    from ..station import Station

__all__ = ["OfficeDesk", "StationSetup", "ArchiveProbe"]

log = logging.getLogger(__name__)


class OfficeDesk:
    """What the office (办公室/印章管理员) does on one open station."""

    def __init__(self, station: "Station") -> None:
        self.station = station

    # -- station set-up --
    # The office sets the station up in the window: the token module, the office archive, the backup key, the
    # backup schedule, and checking or restoring a backup. Each change asks the office user's password (and the
    # seal authority's passphrase where the CLI does), and is refused by role here whatever the window shows.

    def _setup_person(self, user: str, action: str = Action.SET_UP_STATION,
                      words: str = "set up the station") -> User:
        """The verified record of ``user``, who must be allowed ``action`` (no password: a query)."""
        person = self.station.users.get(user)
        if person is None:
            raise PermissionDeniedError(f"There is no user {user} at this station.", code="role_missing", user=user,
                                        role="office")
        person = self.station.users.check_record(person)
        require(person, action, words)
        return person

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
        self._save_config(self.station.config.with_changes(pkcs11_module=module or None))
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
        self._save_config(st.config.with_changes(archive=cfg))
        log.info("%s set the office archive of %s to %s", by, st.config.station_id, cfg.location if cfg else "none")
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

    def _save_config(self, config: StationConfig) -> None:
        self.station.home.save_config(config)
        self.station.config = config

    def make_backup_key(self, out: str | Path, *, by: str, password: str, authority_passphrase: str,
                        identity_passphrase: str | None = None, overwrite: bool = False) -> OfficeBackupKey:
        """``backup office-key --out``: a new backup key pair; the PRIVATE identity written to ``out`` (kept offline
        by the office), its public half installed here signed by the seal authority (its passphrase opens it)."""
        self.station.check_output(out, overwrite=overwrite)
        self._setup_login(by, password)
        return self.station.set_backup_key(out, by=by, password=password, authority=self._authority(
            authority_passphrase), identity_passphrase=identity_passphrase or None, overwrite=overwrite)

    def install_backup_key(self, recipient: str, *, by: str, password: str,
                           authority_passphrase: str) -> OfficeBackupKey:
        """``backup office-key --recipient``: install the office's existing backup key (``age1…``) here."""
        self._setup_login(by, password)
        return self.station.set_backup_key(None, by=by, password=password, recipient=recipient.strip(),
                                           authority=self._authority(authority_passphrase))

    def _authority(self, passphrase: str) -> SealAuthority:
        home = self.station.home
        return SealAuthority.load(home.ca_cert_path, home.ca_key_path, passphrase)

    def backup_now(self, out: str | Path, *, by: str, password: str, overwrite: bool = False) -> BackupResult:
        """A backup now into ``out`` (office or custodian), encrypted to the office's backup key; journalled."""
        self.station.check_output(out, overwrite=overwrite)  # refused before the password is checked
        self._setup_login(by, password, Action.BACKUP, "back up the station")
        return self.station.backup(out, user=by, password=password, overwrite=overwrite)

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
        self._save_config(self.station.config.with_changes(backup=cfg))
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
    """An archive location tested from the station (:meth:`OfficeDesk.probe_archive`)."""

    location: str
    is_postgres: bool
    is_archive: bool
    """It answers as an office archive (a folder: its marker file is there)."""
    exists: bool
    """A folder: it exists (an empty folder is made an archive with ``archive init``)."""
    stations: tuple[str, ...]
    """The stations that have reported to it."""
