"""Backups: encrypted to the office's backup key, signed by the station, verified, restored; each fault named."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from sealstation.backup.config import BackupConfig
from sealstation.backup.file import MAGIC, check_backup, read_header
from sealstation.backup.keys import read_identity
from sealstation.errors import (BackupDamagedError, BackupKeyError, ConfigError, OutputRefusedError,
                                PermissionDeniedError, RestoreRefusedError)
from sealstation.journal.journal import JournalKind
from sealstation.station import Station
from support.pdfs import make_pdf
from support.station_fixtures import office_authority, password, stamp_approved


@pytest.fixture
def office_key(station, tmp_path) -> Path:
    """The office's backup identity (kept offline), its recipient installed in the station."""
    out = tmp_path / "office-backup-identity.txt"
    station.setup().set_backup_key(out, by="admin", password=password("admin"), authority=office_authority())
    return out


def make(station, tmp_path, name="station.sealbackup", user="custodian"):
    return station.setup().backup(tmp_path / name, user=user, password=password(user))


def test_round_trip_backup_verify_restore(station, office_key, tmp_path, pin):
    src = make_pdf(tmp_path / "contract.pdf", text="contract")
    stamp_approved(station, pin, src, tmp_path / "contract-stamped.pdf")
    result = make(station, tmp_path)
    assert office_key.stat().st_mode & 0o077 == 0
    assert "keep it offline" in office_key.read_text().lower()
    made = station.journal.last()
    assert made.kind == JournalKind.BACKUP_MADE and made.data["header_sha256"] == result.header.digest
    assert made.data["journal_seq"] == made.seq - 1  # everything before the backup's own entry is in it

    identity = read_identity(office_key)
    assert check_backup(result.path, station.ca_cert).members is None
    assert check_backup(result.path, station.ca_cert, identity).members == result.members
    assert b"seal-authority-key" not in result.path.read_bytes()

    restored = Station.restore(result.path, identity=identity, home=tmp_path / "restored", ca_cert=station.ca_cert)
    assert restored.header.journal_seq == made.seq - 1
    with Station.open(tmp_path / "restored") as again:
        assert again.audit().verify_journal().ok
        last = again.journal.last()
        assert last.kind == JournalKind.BACKUP_RESTORED and last.data["header_sha256"] == result.header.digest
        assert [u.username for u in again.users.list()] == [u.username for u in station.users.list()]
        assert [(s.seal_id, s.version, s.status) for s in again.seals.all()] == \
               [(s.seal_id, s.version, s.status) for s in station.seals.all()]
        official = again.seals.get("official")
        assert again.seals.load_image(official) == station.seals.load_image(station.seals.get("official"))
        assert again.station_identity().certificate == station.station_identity().certificate
        assert again.upgraded  # the office-signed policy came back and still verifies
        assert again.db.query("SELECT COUNT(*) FROM stamps")[0][0] == 1


def flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_flipped_byte_in_the_payload_is_found(station, office_key, tmp_path):
    result = make(station, tmp_path)
    flip(result.path, result.path.stat().st_size - 100)
    with pytest.raises(BackupDamagedError, match="DAMAGED: its encrypted payload is not the one the station signed"):
        check_backup(result.path, station.ca_cert)


def test_a_flipped_byte_in_the_header_is_found(station, office_key, tmp_path):
    result = make(station, tmp_path)
    data = result.path.read_bytes()
    at = data.index(b'"made_at":"') + len(b'"made_at":"') + 3  # a digit of the year: still valid JSON
    flip(result.path, at)
    with pytest.raises(BackupDamagedError, match="signature over its header does not hold"):
        check_backup(result.path, station.ca_cert)
    flip(result.path, at)
    flip(result.path, len(MAGIC))  # the opening brace: the header no longer reads
    with pytest.raises(BackupDamagedError, match="header of the backup .* is damaged"):
        check_backup(result.path, station.ca_cert)


def _rewrite_header(path: Path, **changes) -> None:
    header, offset = read_header(path)
    data = path.read_bytes()
    body = json.loads(data[len(MAGIC):offset]) | changes
    path.write_bytes(MAGIC + json.dumps(body, separators=(",", ":"), sort_keys=True).encode() + b"\n" + data[offset:])


def test_a_header_resigned_by_another_key_is_refused(station, office_key, tmp_path):
    from cryptography.hazmat.primitives.asymmetric import ec

    from sealstation.seals.authority import SealAuthority
    from sealstation.station_key import StationIdentity, make_station_identity

    result = make(station, tmp_path)
    header, _ = read_header(result.path)
    # An insider's own key, with the station's genuine certificate left in the header.
    own = StationIdentity(station.config.station_id, station.station_identity().certificate,
                          ec.generate_private_key(ec.SECP256R1()))
    forged = header.__class__(**{**header.__dict__, "journal_seq": header.journal_seq + 50, "signature": "",
                                 "digest": ""})
    _rewrite_header(result.path, journal={"seq": forged.journal_seq, "hash": header.journal_hash},
                    signature=own.sign(forged.signed_bytes()))
    with pytest.raises(BackupDamagedError, match="FORGED or damaged: the station's signature"):
        check_backup(result.path, station.ca_cert)
    # A whole station identity certified by another authority, its certificate in the header.
    other = SealAuthority.create(common_name="Other", organisation="Other", key_path=tmp_path / "k.pem",
                                 cert_path=tmp_path / "c.pem", passphrase="x")
    impostor = make_station_identity(station.config.station_id, other, now=station.now())
    forged = header.__class__(**{**header.__dict__, "station_cert_pem": impostor.certificate_pem().decode(),
                                 "signature": "", "digest": ""})
    _rewrite_header(result.path, journal={"seq": header.journal_seq, "hash": header.journal_hash},
                    station_cert=forged.station_cert_pem, signature=impostor.sign(forged.signed_bytes()))
    with pytest.raises(BackupDamagedError, match="certificate does not hold: .*not issued by this office"):
        check_backup(result.path, station.ca_cert)


@pytest.mark.parametrize("swap", ["unsigned", "old signature", "another authority"])
def test_a_swapped_recipient_makes_backup_refuse(station, office_key, tmp_path, swap):
    from pyrage import x25519

    from sealstation.backup.keys import recipient_message
    from sealstation.seals.authority import SealAuthority

    own = str(x25519.Identity.generate().to_public())
    recipient = station.home.office_dir / "backup-recipient.txt"
    signature = recipient.with_name("backup-recipient.txt.sig")
    recipient.write_text(own + "\n")
    if swap == "unsigned":
        signature.unlink()
    elif swap == "another authority":
        other = SealAuthority.create(common_name="Insider", organisation="Insider", key_path=tmp_path / "k.pem",
                                     cert_path=tmp_path / "c.pem", passphrase="x")
        signature.write_text(other.sign(recipient_message(own)))
    with pytest.raises(BackupKeyError, match="not signed by this office's seal authority"):
        make(station, tmp_path)
    assert not list(tmp_path.glob("*station.sealbackup*"))
    refused = station.journal.last()
    assert refused.kind == JournalKind.BACKUP_REFUSED and refused.actor == "custodian"


def test_no_backup_without_an_office_key(station, tmp_path):
    with pytest.raises(BackupKeyError, match="no office backup key"):
        make(station, tmp_path)


def test_restore_with_the_wrong_identity_fails_clearly(station, office_key, tmp_path):
    from pyrage import x25519

    result = make(station, tmp_path)
    with pytest.raises(BackupKeyError, match="cannot be opened with this identity: it was encrypted to the office "
                                             "backup key age1"):
        Station.restore(result.path, identity=x25519.Identity.generate(), home=tmp_path / "new",
                        ca_cert=station.ca_cert)
    assert not (tmp_path / "new").exists()


def test_restore_into_a_non_empty_folder_is_refused(station, office_key, tmp_path):
    result = make(station, tmp_path)
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    with pytest.raises(RestoreRefusedError, match="not an empty folder"):
        Station.restore(result.path, identity=read_identity(office_key), home=target, ca_cert=station.ca_cert)
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    with pytest.raises(RestoreRefusedError):
        Station.restore(result.path, identity=read_identity(office_key), home=station.home.root,
                        ca_cert=station.ca_cert)


def test_backup_into_the_station_home_is_refused(station, office_key):
    with pytest.raises(OutputRefusedError, match="inside the station home"):
        station.setup().backup(station.home.root / "b.sealbackup", user="admin", password=password("admin"))


def test_only_office_or_custodian_make_a_backup(station, office_key, tmp_path):
    with pytest.raises(PermissionDeniedError, match="office or custodian"):
        make(station, tmp_path, user="auditor")
    assert make(station, tmp_path, name="by-admin.sealbackup", user="admin").path.is_file()


@pytest.mark.slow  # age's scrypt work factor: seconds per passphrase, on purpose
def test_a_protected_identity_needs_its_passphrase(station, tmp_path):
    out = tmp_path / "protected.txt"
    station.setup().set_backup_key(out, by="admin", password=password("admin"), authority=office_authority(),
                           identity_passphrase="offline safe 2026")
    assert b"AGE-SECRET-KEY" not in out.read_bytes()
    with pytest.raises(BackupKeyError, match="passphrase .* is wrong"):
        read_identity(out, "guess")
    result = make(station, tmp_path)
    assert check_backup(result.path, station.ca_cert, read_identity(out, "offline safe 2026")).members


def test_the_scheduled_backup_runs_when_due_and_not_otherwise(station, office_key, tmp_path):
    folder = tmp_path / "office-backups"
    folder.mkdir()
    station.config = station.config.with_changes(backup=BackupConfig(str(folder), every_days=1))
    t0 = station.now() + dt.timedelta(hours=1)
    station.clock = lambda: t0
    first = station.backup_if_due()
    assert first is not None and first.path.parent == folder.resolve()
    assert station.journal.last().data["scheduled"] is True and station.journal.last().actor is None
    station.clock = lambda: t0 + dt.timedelta(hours=23)
    assert station.backup_if_due() is None
    make(station, tmp_path)  # a backup elsewhere (a USB stick) does not count for the office's folder
    station.clock = lambda: t0 + dt.timedelta(hours=24, minutes=1)
    assert station.backup_if_due() is not None
    assert len(list(folder.glob("test-station-*.sealbackup"))) == 2


def test_a_failing_scheduled_backup_is_logged_not_raised(station, tmp_path, caplog):
    station.config = station.config.with_changes(backup=BackupConfig(str(tmp_path)))
    assert station.backup_if_due() is None  # no office backup key
    assert "scheduled backup failed" in caplog.text


def test_the_backup_setting_is_typed():
    from sealstation.config import StationConfig

    cfg = StationConfig.from_dict({"backup": {"folder": "/mnt/b", "every_days": 7}})
    assert cfg.backup == BackupConfig("/mnt/b", 7.0)
    assert StationConfig.from_dict(cfg.to_dict()) == cfg
    with pytest.raises(ConfigError, match="unknown backup setting 'every_day'.*every_days"):
        StationConfig.from_dict({"backup": {"folder": "/mnt/b", "every_day": 7}})
    with pytest.raises(ConfigError, match="every_days must be a number of days above 0"):
        StationConfig.from_dict({"backup": {"folder": "/mnt/b", "every_days": 0}})


def test_restore_checks_the_backups_history_against_the_office_archive(station, office_key, tmp_path, pin):
    from sealstation.archive.backend import FolderArchive
    from sealstation.errors import RestoreRefusedError
    from support.archive import stamp_some

    archive = str(FolderArchive.create(tmp_path / "archive").root)
    stamp_some(station, pin, tmp_path, 1)
    result = make(station, tmp_path)
    station.archive().sync(archive)  # the archive now holds the backup's own entry too (by hash only)
    identity = read_identity(office_key)
    newest = Station.restore(result.path, identity=identity, home=tmp_path / "r1", ca_cert=station.ca_cert,
                             archive=archive)
    assert newest.rolled_back == 1 and newest.archive_checked == str(archive)

    stamp_some(station, pin, tmp_path / "more", 1)  # a stamp after the backup, sent to the archive
    station.archive().sync(archive)
    with pytest.raises(RestoreRefusedError, match="would roll them back"):
        Station.restore(result.path, identity=identity, home=tmp_path / "r2", ca_cert=station.ca_cert, archive=archive)
    assert not (tmp_path / "r2").exists()
    accepted = Station.restore(result.path, identity=identity, home=tmp_path / "r2", ca_cert=station.ca_cert,
                               archive=archive, accept_rollback=True)
    with Station.open(tmp_path / "r2") as again:
        assert again.journal.last().data["archive_entries_rolled_back"] == accepted.rolled_back > 1


DB_FILES = ("station.db", "station.db-wal", "station.db-shm")


def _snapshot(station, folder: Path) -> None:
    station.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folder.mkdir()
    for name in DB_FILES:
        if (station.home.root / name).exists():
            shutil.copy2(station.home.root / name, folder / name)


def _roll_back(station, folder: Path):
    """The station's database replaced by the earlier copy in ``folder`` (an insider's file copy); reopened."""
    station.close()
    for name in DB_FILES:
        (station.home.root / name).unlink(missing_ok=True)
        if (folder / name).exists():
            shutil.copy2(folder / name, station.home.root / name)
    return Station.open(station.home.root, token=station._token)


@pytest.mark.parametrize("forked", ["archive after the backup", "backup after the archive"])
def test_restore_refuses_a_backup_whose_history_forks_from_the_archives(station, office_key, tmp_path, pin, forked):
    """Rolled back by file copy, then new entries: the backup and the archive disagree from one entry on."""
    from sealstation.archive.backend import FolderArchive
    from support.archive import head, stamp_some

    archive = str(FolderArchive.create(tmp_path / "archive").root)
    identity = read_identity(office_key)
    stamp_some(station, pin, tmp_path, 1, "a")
    _snapshot(station, tmp_path / "snap")
    fork_at = head(station) + 1
    stamp_some(station, pin, tmp_path, 1, "b")
    backup = make(station, tmp_path, "before-rollback.sealbackup") if forked == "archive after the backup" else None
    station.archive().sync(archive)
    rolled = _roll_back(station, tmp_path / "snap")
    try:
        if forked == "archive after the backup":
            assert rolled.archive().sync(archive).diverged_at == fork_at  # the archive now holds the divergent line too
            make(rolled, tmp_path, "later.sealbackup")
            rolled.archive().sync(archive)
            assert FolderArchive(archive).latest(rolled.config.station_id).segment.last > fork_at
        else:
            make(rolled, tmp_path, "first.sealbackup")
            backup = make(rolled, tmp_path, "after-rollback.sealbackup")  # holds the first one's entry
        assert backup.header.journal_seq > fork_at
    finally:
        rolled.close()

    target = tmp_path / "restored"
    for accept_rollback in (False, True):  # the office accepting a rollback does not make a fork one
        with pytest.raises(RestoreRefusedError) as refused:
            Station.restore(backup.path, identity=identity, home=target, ca_cert=station.ca_cert, archive=archive,
                            accept_rollback=accept_rollback)
        assert f"they fork at entry {fork_at} (the first diverging entry" in refused.value.message
        assert "nothing was restored" in refused.value.message
        assert "does not restore it" in refused.value.hint
        assert not target.exists()
    target.mkdir()
    with pytest.raises(RestoreRefusedError, match=f"fork at entry {fork_at}"):
        Station.restore(backup.path, identity=identity, home=target, ca_cert=station.ca_cert, archive=archive)
    assert list(target.iterdir()) == []
