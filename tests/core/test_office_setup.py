"""The office's station set-up and the archive's desk, as the window calls them: the archive chosen, tested, made
and saved in station.json; the backup key, backups now and on a schedule, checking and restoring one; sync and the
archive's findings with the entry each points at. Each refused by role in the core, whatever a window shows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sealstation.archive.config import ArchiveConfig
from sealstation.config import StationHome
from sealstation.errors import (ArchiveLocationError, ArchiveUnreachableError, BackupDamagedError,
                                PermissionDeniedError, RestoreRefusedError)
from sealstation.journal.journal import JournalKind
from support.archive import name_office_archive, stamp_some
from support.station_fixtures import password


@pytest.fixture
def office(station, seal_token):
    """The station, its home holding the seal authority's key (as an office's set-up computer)."""
    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"), station.home.ca_key_path)
    return station


def test_the_office_makes_tests_and_saves_a_folder_archive(station, office, tmp_path):
    folder = tmp_path / "share"
    probe = office.setup().probe_archive("admin", str(folder))
    assert not probe.is_archive and not probe.exists and not probe.is_postgres
    with pytest.raises(ArchiveUnreachableError):  # never saved while it is no archive
        office.setup().set_archive(str(folder), by="admin", password=password("admin"))
    assert office.setup().make_archive("admin", folder) == str(folder)
    probe = office.setup().probe_archive("admin", str(folder))
    assert probe.is_archive and probe.stations == ()
    saved = office.setup().set_archive(str(folder), by="admin", password=password("admin"))
    assert saved.location == str(folder)
    on_disk = json.loads(station.home.config_path.read_text())
    assert on_disk["archive"]["location"] == str(folder)
    assert StationHome(station.home.root).load_config().archive == saved == station.config.archive
    setup = office.setup().station_setup("admin")
    assert setup.archive_location == str(folder) and setup.pkcs11_module and setup.token.present
    assert office.setup().set_archive(None, by="admin", password=password("admin")) is None
    assert json.loads(station.home.config_path.read_text())["archive"] is None
    changes = [(e.actor, e.data) for e in station.journal.entries(kinds=(JournalKind.CONFIG_CHANGED,))]
    assert changes[-2:] == [("admin", {"change": "office archive", "location": str(folder)}),
                            ("admin", {"change": "office archive", "location": None})]


def test_an_archive_other_than_the_policys_is_refused(station, office, tmp_path):
    named = office.setup().make_archive("admin", tmp_path / "office-share")
    name_office_archive(station, named)
    other = office.setup().make_archive("admin", tmp_path / "my-own")
    with pytest.raises(ArchiveLocationError):
        office.setup().probe_archive("admin", other)
    assert office.setup().station_setup("admin").policy_archive == named


def test_set_up_is_the_offices_alone(station, office, tmp_path):
    for user in ("custodian", "auditor", "gm"):
        with pytest.raises(PermissionDeniedError) as refused:
            office.setup().station_setup(user)
        assert refused.value.code == "role_missing"
    with pytest.raises(PermissionDeniedError):
        office.setup().set_archive(str(tmp_path), by="custodian", password=password("custodian"))
    with pytest.raises(PermissionDeniedError):
        office.setup().make_archive("custodian", tmp_path / "a")
    assert not (tmp_path / "a").exists()
    with pytest.raises(PermissionDeniedError):
        station.archive().sync_now("auditor")


def test_sync_now_and_a_finding_points_at_the_station_entry(station, office, pin, tmp_path):
    folder = office.setup().make_archive("admin", tmp_path / "share")
    office.setup().set_archive(folder, by="admin", password=password("admin"))
    stamp_some(station, pin, tmp_path, 1)
    desk = station.archive()
    assert desk.waiting("custodian").waiting_stamps == 1
    result = desk.sync_now("custodian")  # a custodian syncs too
    assert result.through > 0 and desk.waiting("admin").waiting_entries == 0
    clean = desk.check_archive("admin")
    assert clean.location == folder and not clean.findings and clean.audits[0].station == "test-station"
    # A segment removed from the share (as the archive tests inject it): found, and the entry it points at named.
    stamp_some(station, pin, tmp_path, 2, "more")
    station.config = station.config.with_changes(archive=ArchiveConfig(folder, segment_entries=5))
    desk.sync_now("admin")
    files = sorted((Path(folder) / "stations" / "test-station").iterdir())
    files[2].unlink()
    found = desk.check_archive("admin").findings
    missing = [f for f in found if f.finding.what == "missing" and f.finding.seq is not None]
    assert missing and missing[0].entry is not None and missing[0].entry.seq == missing[0].finding.seq
    assert missing[0].entry == station.journal.entry(missing[0].finding.seq)


def test_backup_key_backup_schedule_check_and_restore(station, office, tmp_path, seal_token):
    admin = password("admin")
    assert office.setup().station_setup("admin").backup_recipient is None  # "backup office-key first"
    identity = tmp_path / "office-backup-identity.txt"
    key = office.setup().make_backup_key(identity, by="admin", password=admin,
                                 authority_passphrase=seal_token.authority_passphrase, identity_passphrase="lock-it-7")
    assert office.setup().station_setup("admin").backup_recipient == key.recipient and identity.is_file()
    made = office.setup().backup_now(tmp_path / "now.sealbackup", by="custodian", password=password("custodian"))
    assert office.setup().backup_file_needs(made.path, identity) == (True, False)
    check = office.setup().check_backup("admin", made.path, identity, "lock-it-7")
    assert check.members == made.members and check.header.station == "test-station"
    assert office.setup().check_backup("custodian", made.path).members is None
    damaged = tmp_path / "damaged.sealbackup"
    data = bytearray(made.path.read_bytes())
    data[-10] ^= 1
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupDamagedError):
        office.setup().check_backup("admin", damaged, identity, "lock-it-7")

    folder = tmp_path / "backups"
    folder.mkdir()
    schedule = office.setup().set_backup_schedule(str(folder), 2, by="admin", password=admin)
    assert schedule.every_days == 2.0 and station.config.backup == schedule
    assert json.loads(station.home.config_path.read_text())["backup"] == {"folder": str(folder), "every_days": 2.0}
    assert station.backup_if_due() is not None and station.backup_if_due() is None
    setup = office.setup().station_setup("admin")
    assert setup.backup_schedule == schedule and Path(setup.last_backup_file).parent == folder

    # Into this station, open here: refused by its lock, in the error's own code; nothing touched.
    before = sorted(p.name for p in station.home.root.iterdir())
    with pytest.raises(RestoreRefusedError) as refused:
        office.setup().restore_backup(made.path, into=station.home.root, identity=identity, by="admin", password=admin,
                              identity_passphrase="lock-it-7")
    assert refused.value.code == "restore_station_open"
    assert sorted(p.name for p in station.home.root.iterdir()) == before
    restored = office.setup().restore_backup(made.path, into=tmp_path / "restored", identity=identity, by="admin",
                                     password=admin, identity_passphrase="lock-it-7")
    assert restored.header.journal_seq == made.header.journal_seq
    assert [e.kind for e in station.journal.entries(kinds=(JournalKind.BACKUP_KEY_SET,))]


def test_the_office_sets_the_token_driver_for_the_next_start(station, office, seal_token, tmp_path):
    from sealstation.errors import TokenModuleError

    with pytest.raises(TokenModuleError) as refused:
        office.setup().set_token_module(str(tmp_path / "no-such-pkcs11.so"), by="admin", password=password("admin"))
    assert refused.value.code == "token_module_missing"
    assert office.setup().set_token_module(seal_token.module_path, by="admin", password=password("admin")) == \
        seal_token.module_path
    assert json.loads(station.home.config_path.read_text())["pkcs11_module"] == seal_token.module_path
    with pytest.raises(PermissionDeniedError):
        office.setup().set_token_module(None, by="custodian", password=password("custodian"))
    assert office.setup().set_token_module(None, by="admin", password=password("admin")) is None
    assert not office.setup().station_setup("admin").module_configured
