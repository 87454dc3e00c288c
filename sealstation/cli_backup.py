"""The backup commands: ``backup --out``, ``backup office-key``, ``backup verify``, ``backup restore``.

Kept apart from :mod:`sealstation.cli`, which only adds their parser and
calls :func:`cmd_backup`. ``verify`` needs no secret and no
station: the office's seal authority certificate is the station home's or
``--ca FILE``; ``restore`` writes into ``--home`` (an empty folder) and needs
``--ca`` from the office's own copy, since the backup's cannot vouch for itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .cli_common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, office_authority, office_ca_certificate, open_station
from .config import resolve_home
from .errors import BackupError, BackupKeyError

__all__ = ["add_parser", "cmd_backup", "cmd_restore"]


def add_parser(sub, common) -> None:
    backup = sub.add_parser("backup", parents=[common], help="back up the station, encrypted to the office's key; "
                            "check and restore backups")
    backup.add_argument("--out", type=Path, help="the backup file to write (outside the station home)")
    backup.add_argument("--user", help="the office or custodian user making it (password asked)")
    backup.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
    bsub = backup.add_subparsers(dest="action")
    key = bsub.add_parser("office-key", parents=[common], help="office: make the backup key pair, install its public "
                          "half here (signed by the seal authority)")
    key.add_argument("--out", type=Path, help="where to write the PRIVATE identity (keep it offline)")
    key.add_argument("--recipient", help="install an existing office backup key (age1…) instead of making one")
    key.add_argument("--by", required=True, help="the office user (password asked)")
    key.add_argument("--protect", action="store_true", help="protect the identity file with a passphrase (asked)")
    key.add_argument("--overwrite", action="store_true", help="replace IDENTITY.txt if it exists")
    ver = bsub.add_parser("verify", parents=[common], help="check a backup without restoring it; exit 1 if damaged")
    ver.add_argument("file", type=Path, help="the backup file (.sealbackup)")
    ver.add_argument("--identity", type=Path, help="the office's backup identity: also open it and check every file")
    ver.add_argument("--ca", type=Path, help="the office's seal authority certificate (default: the station home's)")
    _restore_options(bsub.add_parser("restore", parents=[common], help="restore a backup into the empty folder --home"))
    _restore_options(sub.add_parser("restore", parents=[common], help="same as 'backup restore'"))


def _restore_options(res) -> None:
    res.add_argument("file", type=Path, help="the backup file (.sealbackup)")
    res.add_argument("--identity", type=Path, required=True, help="the office's backup identity")
    res.add_argument("--ca", type=Path, required=True, help="the office's seal authority certificate (its own copy)")
    res.add_argument("--archive", help="the office archive to check the backup's history against "
                     "(default: the restored station.json's)")
    res.add_argument("--accept-rollback", action="store_true",
                     help="office: restore even though the archive holds later records (journalled)")


def cmd_restore(args, secrets) -> int:
    """``sealstation restore FILE``: the issue's name for ``backup restore``."""
    return _restore(args, secrets)


def cmd_backup(args, secrets) -> int:
    if args.action == "office-key":
        return _office_key(args, secrets)
    if args.action == "verify":
        return _verify(args, secrets)
    if args.action == "restore":
        return _restore(args, secrets)
    if args.out is None or args.user is None:
        print("sealstation backup: give --out FILE and --user USER (or an action: office-key, verify, restore)",
              file=sys.stderr)
        return EXIT_USAGE
    with open_station(args, secrets) as station:
        station.check_output(args.out, overwrite=args.overwrite)  # refused before the password is asked
        result = station.setup().backup(args.out, user=args.user, password=secrets.ask(f"Password of {args.user}: "),
                                overwrite=args.overwrite)
    h = result.header
    print(f"Backup of station {h.station} written to {result.path}: journal through entry {h.journal_seq}, "
          f"{result.members} file(s), {h.payload_bytes} bytes encrypted to the office backup key {h.recipient}")
    return EXIT_OK


def _office_key(args, secrets) -> int:
    if (args.out is None) == (args.recipient is None):
        print("sealstation backup office-key: give either --out IDENTITY.txt (a new key) or --recipient age1…",
              file=sys.stderr)
        return EXIT_USAGE
    with open_station(args, secrets) as station:
        if args.out is not None:
            station.check_output(args.out, overwrite=args.overwrite)
        password = secrets.ask(f"Password of {args.by}: ")
        authority = office_authority(station, secrets)
        protect = _new_passphrase(secrets) if args.protect and args.out is not None else None
        key = station.setup().set_backup_key(args.out, by=args.by, password=password, authority=authority,
                                     identity_passphrase=protect, recipient=args.recipient,
                                     overwrite=args.overwrite)
    print(f"Backups of this station are now encrypted to the office backup key {key.recipient} (installed in "
          f"{key.path}, signed by the seal authority)")
    if args.out is not None:
        print(f"The PRIVATE identity is in {args.out}: keep it OFFLINE (a safe, or a USB stick the office keeps), "
              "never on a station. Without it no backup can be restored; whoever holds it can read every backup.")
    return EXIT_OK


def _new_passphrase(secrets) -> str:
    first = secrets.ask("Passphrase to protect the backup identity: ")
    if not first or secrets.ask("The same passphrase again: ") != first:
        raise BackupKeyError("The two passphrases differ (or are empty); nothing was written.",
                             hint="Run it again and type the same passphrase twice.")
    return first


def _identity(path: Path | None, secrets):
    from .backup.keys import identity_is_protected, read_identity

    if path is None:
        return None
    passphrase = None
    if identity_is_protected(path):
        passphrase = secrets.ask(f"Passphrase of the backup identity {path.name}: ")
    return read_identity(path, passphrase)


def _verify(args, secrets) -> int:
    from .station import Station

    ca = office_ca_certificate(args.ca, resolve_home(args.home))
    identity = _identity(args.identity, secrets)
    try:
        check = Station.check_backup(args.file, ca, identity)
    except BackupError as exc:
        print(f"NOT GOOD: {exc}")
        return EXIT_FAILED
    h = check.header
    print(f"GOOD: backup of station {h.station} made {h.made_at}, journal through entry {h.journal_seq}; the station's "
          "signature and the encrypted payload check" + (f"; all {check.members} file(s) match the manifest"
                                                          if check.members is not None else
                                                          " (give --identity to check every file inside)"))
    return EXIT_OK


def _restore(args, secrets) -> int:
    from .backup.file import read_header
    from .station import Station

    home = resolve_home(args.home)
    ca = office_ca_certificate(args.ca, resolve_home(None))
    header, _ = read_header(args.file)
    identity = _identity(args.identity, secrets)
    passphrase = secrets.ask("Journal passphrase of the station: ") if header.key_source == "passphrase" else None
    restored = Station.restore(args.file, identity=identity, home=home, ca_cert=ca,
                                           journal_passphrase=passphrase, archive=args.archive,
                                           accept_rollback=args.accept_rollback)
    where = ("its journal key is in this computer's keyring" if header.key_source == "keyring" else
             "it opens with the office's journal passphrase, as before")
    print(f"Restored station {header.station} into {restored.home}: {restored.members} file(s), journal of "
          f"{restored.entries} entries verified through entry {header.journal_seq}; {where}. "
          + (f"The office archive holds {restored.rolled_back} later entries: they are rolled back. "
             if restored.rolled_back else "") + f"Entries made after "
          f"{header.made_at} are not in it: the seal's USB key and the office archive will show them, and the "
          "office reviews the journal before stamping resumes if they do.")
    if restored.archive_checked is None:
        print("warning: its history was NOT checked against an office archive (none given with --archive, none in "
              "its station.json): an old backup would roll the records back unseen.", file=sys.stderr)
    return EXIT_OK
