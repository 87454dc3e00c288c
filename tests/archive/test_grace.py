"""Grace: the office's signed limits of stamps and days without a successful sync stop stamping."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from sealstation.archive.config import ArchiveConfig

from sealstation.archive.audit import verify_archive
from sealstation.archive.backend import FolderArchive
from sealstation.errors import PolicyError, SyncGraceError
from sealstation.policy import StationPolicy
from support.archive import stamp_some
from support.insider import insider_sql
from support.station_fixtures import office_authority, password


def sign(station, **limits) -> None:
    station.setup().sign_policy(replace(station.policy, **limits), by="admin", password=password("admin"),
                        authority=office_authority())


def test_the_stamp_limit_stops_stamping_until_a_sync_succeeds(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    sign(station, sync_grace_stamps=2, archive_location=str(archive))
    stamp_some(station, pin, tmp_path, 2, "a")
    with pytest.raises(SyncGraceError, match="2 stamp\\(s\\) have not reached .* allows 2") as caught:
        stamp_some(station, pin, tmp_path, 1, "b")
    assert "sealstation sync" in str(caught.value)
    station.archive().sync(str(archive))
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))
    stamp_some(station, pin, tmp_path, 1, "c")


def test_zero_means_always_online(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))
    sign(station, sync_grace_stamps=0, sync_grace_days=0, archive_location=str(archive))
    stamp_some(station, pin, tmp_path, 1, "a")
    with pytest.raises(SyncGraceError):
        stamp_some(station, pin, tmp_path, 1, "b")
    station.archive().sync()
    stamp_some(station, pin, tmp_path, 1, "c")


def test_the_day_limit_counts_from_the_oldest_stamp_not_yet_sent(station, pin, tmp_path):
    stamp_some(station, pin, tmp_path, 1, "a")
    real = station.clock
    station.clock = lambda: real() + dt.timedelta(days=8)
    with pytest.raises(SyncGraceError, match="8 day\\(s\\) ago.*allows 7 day"):
        station.check_sync_grace()


def test_grace_settings_are_the_office_policy_not_station_json(station):
    assert StationPolicy.from_bytes(replace(station.policy, sync_grace_days=3).to_bytes()).sync_grace_days == 3
    with pytest.raises(ValueError, match="sync_grace_stamps"):
        StationPolicy.from_bytes(replace(station.policy, sync_grace_stamps=-1).to_bytes())
    station.config = station.config.with_changes(legacy_policy={"sync_grace_stamps": 100000})
    station.home.save_config(station.config)
    from sealstation.station import Station

    with pytest.raises(PolicyError, match="sync_grace_stamps"):
        Station.open(station.home.root, token=station._token)


def _grace_findings(station, archive) -> list[str]:
    [audit] = verify_archive(FolderArchive(archive), station.ca_cert, now=station.clock())
    return [f.detail for f in audit.findings if f.what == "grace"]


def _with_archive(station, archive) -> None:
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))


def test_a_grace_counter_edited_in_the_store_is_seen_by_the_archive(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    _with_archive(station, archive)
    sign(station, sync_grace_stamps=2)
    stamp_some(station, pin, tmp_path, 2, "a")
    sql = insider_sql(station.home.root)  # the custodian tells the gate that the archive has everything
    sql.execute("INSERT OR IGNORE INTO archive_sync (archive) VALUES (?)", (str(archive),))
    sql.execute("UPDATE archive_sync SET acked_seq = 1000000")
    sql.close()
    stamp_some(station, pin, tmp_path, 1, "b")  # the gate let a third stamp through
    station.archive().sync()
    [finding] = _grace_findings(station, archive)
    assert "stamped while 2 stamp(s) had not reached the archive (the office allows 2)" in finding


def test_a_station_that_kept_its_grace_is_no_finding(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    _with_archive(station, archive)
    sign(station, sync_grace_stamps=2)
    stamp_some(station, pin, tmp_path, 2, "a")
    station.archive().sync()
    stamp_some(station, pin, tmp_path, 2, "b")
    real = station.clock
    station.clock = lambda: real() + dt.timedelta(days=10)  # idle past the day limit, then synced: allowed
    station.archive().sync()
    assert _grace_findings(station, archive) == []


def test_the_day_limit_past_an_edited_counter_is_seen_by_the_archive(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    _with_archive(station, archive)
    stamp_some(station, pin, tmp_path, 1, "a")
    sql = insider_sql(station.home.root)
    sql.execute("INSERT OR IGNORE INTO archive_sync (archive) VALUES (?)", (str(archive),))
    sql.execute("UPDATE archive_sync SET acked_seq = 1000000")
    sql.close()
    real = station.clock
    station.clock = lambda: real() + dt.timedelta(days=8)
    stamp_some(station, pin, tmp_path, 1, "b")  # the gate, fooled, let it through a week late
    station.archive().sync()
    [finding] = _grace_findings(station, archive)
    assert "was 8 day(s) old (the office allows 7)" in finding
