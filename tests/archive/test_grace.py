"""Grace: the office's signed limits of stamps and days without a successful sync stop stamping."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from sealstation.archive.config import ArchiveConfig

from sealstation.archive.backend import FolderArchive
from sealstation.errors import PolicyError, SyncGraceError
from sealstation.policy import StationPolicy
from support.archive import stamp_some
from support.station_fixtures import office_authority, password


def sign(station, **limits) -> None:
    station.sign_policy(replace(station.policy, **limits), by="admin", password=password("admin"),
                        authority=office_authority())


def test_the_stamp_limit_stops_stamping_until_a_sync_succeeds(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    sign(station, sync_grace_stamps=2)
    stamp_some(station, pin, tmp_path, 2, "a")
    with pytest.raises(SyncGraceError, match="2 stamp\\(s\\) have not reached .* allows 2") as caught:
        stamp_some(station, pin, tmp_path, 1, "b")
    assert "sealstation sync" in str(caught.value)
    station.sync(str(archive))
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))
    stamp_some(station, pin, tmp_path, 1, "c")


def test_zero_means_always_online(station, pin, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(archive)}, "station.json"))
    sign(station, sync_grace_stamps=0, sync_grace_days=0)
    stamp_some(station, pin, tmp_path, 1, "a")
    with pytest.raises(SyncGraceError):
        stamp_some(station, pin, tmp_path, 1, "b")
    station.sync()
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
