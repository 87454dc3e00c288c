"""Attacks on where the station sends its records: an archive of the custodian's own.

The insider (the station's OS account, its database key, the custodian's
password) makes an archive of their own (``archive init`` on a folder; a
database of their own for PostgreSQL), points ``station.json`` at it or passes
``--archive``, and prints and syncs there: every copy would be reserved
"online" and every stamp acknowledged within the grace, and emptying that
archive between database rollbacks would print without limit, while the
office's archive sees a silent station. The office's signed policy names its
archive (``archive_location``): each attempt ends refused at the station,
naming the office's archive, and nothing reaches the insider's.
"""

from __future__ import annotations

import json
from contextlib import closing
from dataclasses import replace

import pytest

from adversarial.test_printing_insider import use_archive
from archive.conftest import new_pg_archive, pg_archive, pg_cluster  # noqa: F401 - the throwaway PostgreSQL cluster
from sealstation.archive.backend import FolderArchive, open_backend
from sealstation.archive.config import ArchiveConfig, check_folder_mount, normalised_location, same_archive
from sealstation.errors import ArchiveLocationError, PrintRefusedError, SyncGraceError
from sealstation.journal.journal import JournalKind
from sealstation.policy import StationPolicy
from sealstation.station import Station
from support.archive import name_office_archive, stamp_some
from support.cli import run_cli
from support.printing import print_to_pdf, stamped_document
from support.station_fixtures import office_authority, password


@pytest.fixture(params=["folder", "postgres"])
def office_and_own(request, tmp_path):
    """(the office's archive, the insider's own) as the station reaches them: two folders, or two databases."""
    if request.param == "folder":
        office = str(FolderArchive.create(tmp_path / "office-archive").root)
        proc = run_cli("archive", "init", "--archive", str(tmp_path / "my-archive"), home=None)
        assert proc.returncode == 0, proc.stderr  # the insider's own, made as the office makes one
        yield office, str(tmp_path / "my-archive")
        return
    office = request.getfixturevalue("pg_archive")
    with new_pg_archive(request.getfixturevalue("pg_cluster")) as own:
        yield office.url, own.url


def held_by(location: str, station) -> tuple[bool, object]:
    """(whether the archive at ``location`` holds a segment of ``station``, its last copy reservation there)."""
    with closing(open_backend(ArchiveConfig(location))) as backend:
        station_id = station.config.station_id
        return backend.latest(station_id) is not None, backend.last_copy_reservation(station_id)


def test_syncing_to_an_archive_of_ones_own_is_refused(station, pin, tmp_path, office_and_own):
    office, own = office_and_own
    name_office_archive(station, office)
    use_archive(station, own)  # the insider edits station.json
    stamp_some(station, pin, tmp_path, 1)
    with pytest.raises(ArchiveLocationError, match="not the office archive") as caught:
        station.archive().sync()
    assert office in str(caught.value) and "station.json" in str(caught.value)
    with pytest.raises(ArchiveLocationError, match="--archive"):
        station.archive().sync(own)  # and with --archive
    assert held_by(own, station) == (False, None)
    # The office's archive, however station.json spells it, takes everything.
    assert station.archive().sync(office).through > 0
    assert held_by(office, station)[0]


def test_printing_reserves_only_at_the_office_archive(station, pin, tmp_path, office_and_own):
    office, own = office_and_own
    name_office_archive(station, office)
    stamped = stamped_document(station, pin, tmp_path)
    use_archive(station, own)
    with pytest.raises(PrintRefusedError, match="not the office archive"):
        print_to_pdf(station, stamped, tmp_path / "copies.pdf", 1)  # not printed "offline" either
    assert not (tmp_path / "copies.pdf").exists()
    refused = [e.data for e in station.journal.entries(kinds=(JournalKind.PRINT_REFUSED,))]
    assert refused and office in refused[-1]["why"]
    assert held_by(own, station)[1] is None
    assert station.printing().plan(stamped, copies=2).allowance.left == 2  # the refused copy was released
    # station.json emptied: the policy's archive is used all the same, online.
    path = station.home.root / "station.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    del config["archive"]
    path.write_text(json.dumps(config), encoding="utf-8")
    with Station.open(station.home.root, token=station._token) as reopened:
        result = print_to_pdf(reopened, stamped, tmp_path / "online.pdf", 1)
        assert result.printed == 1 and not result.notes
        assert held_by(office, reopened)[1].serial == result.copies[0].serial


def test_the_cli_refuses_an_archive_of_ones_own(cli_home, seal_token, tmp_path):
    office = str(FolderArchive.create(tmp_path / "office-archive").root)
    with Station.open(cli_home, token=seal_token.session) as st:
        name_office_archive(st, office)
    assert run_cli("archive", "init", "--archive", str(tmp_path / "mine"), home=None).returncode == 0
    proc = run_cli("sync", "--archive", str(tmp_path / "mine"), home=cli_home)
    assert proc.returncode != 0 and "not the office archive" in proc.stderr and office in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "mine" / "stations").exists()
    proc = run_cli("sync", home=cli_home)  # no archive in station.json: the policy's
    assert proc.returncode == 0 and office in proc.stdout and "archive_location" not in proc.stderr, proc.stderr


def test_acknowledgements_of_another_archive_do_not_count_for_the_grace(station, pin, tmp_path, office_and_own):
    """Synced to their own archive under an older policy (naming none), the insider keeps stamping once the office's
    policy names its archive: the stamps the office's archive never received still count."""
    office, own = office_and_own
    station.setup().sign_policy(replace(station.policy, sync_grace_stamps=2), by="admin", password=password("admin"),
                        authority=office_authority())
    use_archive(station, own)
    assert station.archive_warning() and "archive_location" in station.archive_warning()  # said, not silent
    stamp_some(station, pin, tmp_path, 2, "a")
    station.archive().sync()  # allowed: the policy names no archive
    station.check_sync_grace()
    name_office_archive(station, office)
    assert station.archive_warning() is None
    with pytest.raises(SyncGraceError, match="2 stamp\\(s\\) have not reached the office archive"):
        station.check_sync_grace()
    assert station.archive().sync_status().waiting_stamps == 2
    station.archive().sync(office)
    station.check_sync_grace()
    stamp_some(station, pin, tmp_path, 1, "b")


def test_an_offline_count_raised_by_another_archive_does_not_count(station, pin, tmp_path):
    """Copies reserved at the insider's own archive under an older policy are not "confirmed" for the office's."""
    from sealstation.printing.online import CONFIRMED_KEY

    office = str(FolderArchive.create(tmp_path / "office-archive").root)
    own = str(FolderArchive.create(tmp_path / "my-archive").root)
    station.setup().sign_policy(replace(station.policy, print_offline_grace=1), by="admin", password=password("admin"),
                        authority=office_authority())
    stamped = stamped_document(station, pin, tmp_path)
    use_archive(station, own)
    assert print_to_pdf(station, stamped, tmp_path / "one.pdf", 1).printed == 1  # "online", at their own
    assert station.db.query("SELECT value FROM station_state WHERE key = ?", (CONFIRMED_KEY,))
    name_office_archive(station, office)
    use_archive(station, office)
    away = (tmp_path / "office-archive").rename(tmp_path / "share-unplugged")
    with pytest.raises(PrintRefusedError, match="the office allows 1 copies printed offline"):
        print_to_pdf(station, stamped, tmp_path / "two.pdf", 1)
    away.rename(tmp_path / "office-archive")
    assert print_to_pdf(station, stamped, tmp_path / "two.pdf", 1).printed == 1


def test_a_folder_archive_whose_parent_the_account_can_write_is_refused(station, tmp_path, monkeypatch):
    """Run as the station's account (not root): with the share away, it could make a folder of its own in its
    place, so the office's folder must sit under a parent it cannot write (README, installation)."""
    office = str(FolderArchive.create(tmp_path / "office-archive").root)
    name_office_archive(station, office)
    monkeypatch.setattr("sealstation.archive.config.os.geteuid", lambda: 1000)
    monkeypatch.setattr("sealstation.archive.config.os.access", lambda path, mode: True)
    with pytest.raises(ArchiveLocationError, match="which this station's account can write"):
        station.archive().sync()
    monkeypatch.setattr("sealstation.archive.config.os.access", lambda path, mode: False)
    assert station.archive().sync().through > 0
    check_folder_mount(ArchiveConfig("postgresql://s@h/db"))  # not a folder: nothing to check


def test_locations_are_compared_normalised(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert same_archive(str(tmp_path / "a"), f"{tmp_path}/link/")
    assert same_archive("postgresql://station_a@Archive.lan/db?sslmode=require",
                        "postgresql://office@archive.lan:5432/db")
    assert not same_archive("postgresql://s@archive.lan/db", "postgresql://s@archive.lan/other")
    assert not same_archive("postgresql://s@archive.lan/db", "postgresql://s@archive.lan:5433/db")
    assert normalised_location("postgresql://u@/db?host=/run/pg&port=5433") == "postgresql:///run/pg:5433/db"


def test_the_policy_names_an_archive_without_a_password_and_by_an_absolute_path():
    def with_location(value) -> bytes:
        doc = json.loads(StationPolicy().to_bytes())
        doc["archive_location"] = value
        return json.dumps(doc).encode()

    assert StationPolicy.from_bytes(with_location("/mnt/office")).archive_location == "/mnt/office"
    for bad in ("postgresql://u:secret@h/db", "postgresql://u@h/db?nosuchoption=1", "relative/folder", 7):
        with pytest.raises(ValueError):
            StationPolicy.from_bytes(with_location(bad))
    assert b"archive_location" not in StationPolicy().to_bytes()  # older policies keep their bytes
