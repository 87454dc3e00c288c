"""Restore a backup into an empty folder: checked first, written only whole, its journal verified.

Order: the folder must be empty (or absent); the header signature and payload
digest must hold against the office's seal authority certificate; the office's
identity must open the payload and every member match the manifest; the
journal key must not clash with another copy of the station on this computer.
A folder some process has the station open in (the station-open lock,
:mod:`sealstation.locks`) is refused first; the lock is held alone while
the files are written and checked. Only then are the files written (folders 0700, files 0600), the restored
database opened and its whole journal verified, ending at the head the header
names. Anything that fails after writing leaves the folder empty again.
The key goes into the keyring last. Journalling the restore is the Station's
part (``Station.restore``), once the restored station opens.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import BackupDamagedError, JournalError, RestoreRefusedError
from ..fsutil import HOME_DIR_MODE, atomic_output
from ..locks import home_unused
from .file import CONFIG_MEMBER, DB_MEMBER, KEY_MEMBER, BackupHeader, check_backup, open_payload, read_header

__all__ = ["RestoredFiles", "restore_files"]


@dataclass(frozen=True)
class RestoredFiles:
    """A station home written from a backup, its journal verified."""

    home: Path
    header: BackupHeader
    members: int
    entries: int
    """Journal entries verified in the restored database."""
    rolled_back: int = 0
    """Entries the office archive holds past the backup's head (accepted by the office when records)."""
    archive_checked: str | None = None
    """The office archive the history was checked against; None: none was given or configured (not checked)."""


def restore_files(backup: str | os.PathLike, identity, home: str | os.PathLike, ca_cert, *,
                  journal_passphrase: str | None = None, open_archive=None,
                  accept_rollback: bool = False) -> RestoredFiles:
    """Write the station held by ``backup`` into the empty folder ``home``; see the module docstring.

    ``open_archive(config)``: the office archive backend (or None) to check the
    backup's history against (:mod:`sealstation.backup.history`), given the
    restored station's configuration; None: not checked.
    """
    backup, home = Path(backup), Path(home).expanduser().resolve()
    with home_unused(home) as unused:  # held alone while the files are written and checked
        if not unused:
            raise RestoreRefusedError(
                f"Cannot restore into {home}: the station there is open in another process (a SealStation window "
                "or command holds it); nothing was written.",
                hint="Close the SealStation window and any command using that station, then restore into a new, "
                     "empty folder.",
                code="restore_station_open", home=str(home))
        return _restore(backup, identity, home, ca_cert, journal_passphrase, open_archive, accept_rollback)


def _restore(backup: Path, identity, home: Path, ca_cert, journal_passphrase: str | None, open_archive,
             accept_rollback: bool) -> RestoredFiles:
    from ..journal.keystore import install_keyring_key

    _require_empty(home)
    header = check_backup(backup, ca_cert).header
    _, offset = read_header(backup)
    members = open_payload(backup, header, offset, identity)
    key = _key(backup, header, members)
    if key is not None:
        install_keyring_key(header.station, key, check_only=True)
    created = not home.exists()
    try:
        _write(home, members)
        checked: list[str] = []
        entries, rolled_back = _verify_database(backup, home, header, key, journal_passphrase,
                                                lambda db, config: _history(db, config, header, open_archive,
                                                                            accept_rollback, checked))
    except BaseException:
        _empty(home, remove=created)
        raise
    if key is not None:
        install_keyring_key(header.station, key)
    return RestoredFiles(home, header, len(members), entries, rolled_back, checked[0] if checked else None)


def _history(db, config, header: BackupHeader, open_archive, accept_rollback: bool, checked: list[str]) -> int:
    from .history import check_history

    backend = open_archive(config) if open_archive is not None else None
    if backend is None:
        return 0
    checked.append(backend.location)
    try:
        return check_history(db, header, backend, accept_rollback=accept_rollback)
    finally:
        backend.close()


def _require_empty(home: Path) -> None:
    if home.exists() and (not home.is_dir() or any(home.iterdir())):
        raise RestoreRefusedError(f"Cannot restore into {home}: it is not an empty folder; nothing was written.",
                                  hint="Restore into a new, empty folder; an existing station is never overwritten.")


def _key(backup: Path, header: BackupHeader, members: dict[str, bytes]) -> bytes | None:
    if header.key_source == "passphrase":
        return None
    try:
        return bytes.fromhex(members[KEY_MEMBER].decode("ascii"))
    except (KeyError, ValueError) as exc:
        raise BackupDamagedError(f"The backup {backup} lacks the database key of its keyring station.") from exc


def _write(home: Path, members: dict[str, bytes]) -> None:
    home.mkdir(mode=HOME_DIR_MODE, parents=True, exist_ok=True)
    os.chmod(home, HOME_DIR_MODE)
    for name, data in members.items():
        if name == KEY_MEMBER:
            continue  # the key goes to the keyring, never next to the database
        target = home / name
        for folder in reversed(target.relative_to(home).parents[:-1]):
            (home / folder).mkdir(mode=HOME_DIR_MODE, exist_ok=True)
        with atomic_output(target, overwrite=False) as f:  # mkstemp: 0600
            f.write(data)


def _verify_database(backup: Path, home: Path, header: BackupHeader, key: bytes | None,
                     passphrase: str | None, history) -> tuple[int, int]:
    """Open the restored database and check its whole journal, ending where the header says, and its ``history``;
    (entries checked, entries the archive holds past the backup)."""
    from ..config import StationHome
    from ..journal.journal import verify_journal
    from ..journal.keystore import passphrase_key
    from ..journal.store import StationDB

    station_home = StationHome(home)
    config = station_home.load_config()
    if config.station_id != header.station or not (home / DB_MEMBER).is_file() or not (home / CONFIG_MEMBER).is_file():
        raise BackupDamagedError(f"The backup {backup} does not hold station {header.station}'s database and settings.")
    try:
        db = StationDB.open(station_home.db_path, key or passphrase_key(passphrase or "", station_home.journal_salt_path,
                                                                        create=False), migrate=False)
    except JournalError as exc:
        if key is not None:
            raise
        # A passphrase station: its key is not in the backup, so a mistyped passphrase is the likely cause.
        raise RestoreRefusedError("The journal passphrase is wrong: the backup's database does not open with it; "
                                  "nothing was restored.",
                                  hint="Run the restore again and type the station's journal passphrase.") from exc
    try:
        result = verify_journal(db)
        head = db.query("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
        rolled_back = history(db, config) if result.ok else 0
    finally:
        db.close()
    if not result.ok:
        found = "; ".join(f"entry {p.seq}: {p.what}" for p in result.problems[:5])
        raise BackupDamagedError(f"The journal in the backup {backup} does not verify ({found}); nothing was restored.")
    if (tuple(head[0]) if head else (0, header.journal_hash)) != (header.journal_seq, header.journal_hash):
        raise BackupDamagedError(f"The journal in the backup {backup} does not end at entry {header.journal_seq} "
                                 "as its header says; nothing was restored.")
    return result.entries_checked, rolled_back


def _empty(home: Path, *, remove: bool) -> None:
    """Take back what a failed restore wrote: the folder as it was (empty, or absent)."""
    if remove:
        shutil.rmtree(home, ignore_errors=True)
        return
    for child in home.iterdir() if home.is_dir() else ():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
