"""The office sets a PostgreSQL archive up from the station, as the window does: the station role's password tried,
then kept in the OS keyring (never in station.json), and the station syncs to it."""

from __future__ import annotations

import json

import keyring
import pytest

from sealstation.archive.config import KEYRING_USER_PREFIX
from sealstation.errors import ArchiveError
from support.station_fixtures import password


def test_the_office_tests_and_saves_a_postgres_archive_with_its_password_in_the_keyring(station, pg_archive):
    secret = keyring.get_password("SealStation", KEYRING_USER_PREFIX + pg_archive.url)
    keyring.delete_password("SealStation", KEYRING_USER_PREFIX + pg_archive.url)  # as on a new station
    office = station.setup()
    with pytest.raises(ArchiveError):
        office.probe_archive("admin", pg_archive.url, db_password="not-the-password")
    probe = office.probe_archive("admin", pg_archive.url, db_password=secret)
    assert probe.is_postgres and probe.is_archive
    office.set_archive(pg_archive.url, by="admin", password=password("admin"), db_password=secret)
    assert keyring.get_password("SealStation", KEYRING_USER_PREFIX + pg_archive.url) == secret
    saved = station.home.config_path.read_text()
    assert secret not in saved and json.loads(saved)["archive"]["location"] == pg_archive.url
    result = station.archive().sync_now("admin")
    assert result.through > 0 and office.probe_archive("admin", pg_archive.url).stations == ("test-station",)
