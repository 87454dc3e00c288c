"""Attacks on controlled printing by the custodian: more copies than approved, pages kept from a killed print.

The insider has the station's OS account, its database key (sqlcipher3 via
``support.insider``) and the custodian's password. Each attack is done as they
would do it: a file copy of ``station.db`` put back after printing, rows
edited or deleted, "recalled" rows inserted instead of a recall, kill -9 in
the middle of ``print --to-pdf``. Each ends refused at the station, or named
by the office's ``archive verify`` (folder archive and PostgreSQL), or leaves
nothing behind.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

from archive.conftest import pg_archive, pg_cluster  # noqa: F401 - the throwaway PostgreSQL cluster
from sealstation.archive.backend import FolderArchive
from sealstation.archive.config import ArchiveConfig
from sealstation.errors import PrintRefusedError
from sealstation.journal.journal import JournalKind
from sealstation.model import Placement
from sealstation.station import Station, StampRequestSpec
from support.archive import name_office_archive
from support.cli import run_cli
from support.insider import insider_sql
from support.pdfs import make_text_pdf
from support.printing import (CUSTODIAN, print_and_kill_9_when, print_to_pdf, run_ui_cli, stamped_document, stamped_in,
                              unnamed_file_size)
from support.station_fixtures import TEST_POLICY, office_authority, password, sign_plan


# -- helpers -------------------------------------------------------------------------------


@pytest.fixture(params=["folder", "postgres"])
def archive(request, tmp_path):
    """(the station's archive location, the office's location) for a folder archive or PostgreSQL."""
    if request.param == "folder":
        root = str(FolderArchive.create(tmp_path / "archive").root)
        return root, root
    pg = request.getfixturevalue("pg_archive")
    return pg.url, pg.office_url()


def use_archive(station, location: str) -> None:
    """The station sends to ``location`` (in memory, and in station.json for the station opened again)."""
    path = station.home.root / "station.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config["archive"] = {"location": location}
    path.write_text(json.dumps(config), encoding="utf-8")
    station.config = station.config.with_changes(archive=ArchiveConfig.from_dict({"location": location}, path))


def office_archive(station, location: str) -> None:
    """The office's archive: named in the policy the office signs (``archive_location``), and in station.json."""
    name_office_archive(station, location)
    use_archive(station, location)


def with_grace(station, copies: int) -> None:
    """The office signs a policy allowing ``copies`` copies printed while the archive cannot be reached."""
    station.setup().sign_policy(replace(station.policy, print_offline_grace=copies), by="admin", password=password("admin"),
                        authority=office_authority())


def snapshot(station, to: Path) -> Path:
    """The insider's file copy of station.db (the WAL folded in first, as a copy taken at rest would be)."""
    station.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(station.home.root / "station.db", to)
    return to


def copy_back(station, snap: Path) -> Station:
    """The insider puts the older file back; the station opened again on it."""
    home, token = station.home.root, station._token
    station.close()
    for name in ("station.db-wal", "station.db-shm"):
        (home / name).unlink(missing_ok=True)
    shutil.copy2(snap, home / "station.db")
    return Station.open(home, token=token)


def office_audit(location: str, ca_cert):
    [audit] = Station.audit_archive(ArchiveConfig(location), ca_cert, now=dt.datetime.now(dt.timezone.utc))
    return audit


def office_findings(location: str, ca_cert) -> list:
    return office_audit(location, ca_cert).findings


# -- class 5: the count of copies ---------------------------------------------------------


def test_copying_the_database_back_prints_nothing_more(station, pin, tmp_path, archive):
    location, office = archive
    office_archive(station, location)
    stamped = stamped_document(station, pin, tmp_path)
    snap = snapshot(station, tmp_path / "before-printing.db")
    assert print_to_pdf(station, stamped, tmp_path / "copies.pdf", 2).printed == 2

    rolled = copy_back(station, snap)
    try:
        assert rolled.printing().plan(stamped, copies=2).allowance.left == 2  # the station's own rows say so
        with pytest.raises(PrintRefusedError, match="rolled back"):
            print_to_pdf(rolled, stamped, tmp_path / "again.pdf", 2)
        assert not (tmp_path / "again.pdf").exists()
        refused = [e.data for e in rolled.journal.entries(kinds=(JournalKind.PRINT_REFUSED,))]
        assert refused and "rolled back" in refused[-1]["why"]
        rolled.archive().sync()
        findings = office_findings(office, rolled.ca_cert)
    finally:
        rolled.close()
    assert any(f.what == "diverged" and "was reserved at entry" in f.detail for f in findings), findings
    # The office's own command, on a computer with nothing of the station but the office's CA certificate.
    ca = str(station.home.ca_cert_path)
    proc = run_cli("archive", "verify", "--archive", office, "--ca", ca, home=tmp_path / "office-computer")
    assert proc.returncode == 1 and "diverged: copy C000001" in proc.stdout, proc.stdout + proc.stderr


def test_an_honest_station_printing_online_is_no_finding(station, pin, tmp_path, archive):
    location, office = archive
    office_archive(station, location)
    stamped = stamped_document(station, pin, tmp_path)
    assert print_to_pdf(station, stamped, tmp_path / "one.pdf", 1).printed == 1
    station.archive().sync()
    result = print_to_pdf(station, stamped, tmp_path / "two.pdf", 1)  # reserved after the sync, not yet sent
    assert result.printed == 1 and not result.notes
    audit = office_audit(office, station.ca_cert)
    assert not audit.findings and audit.offline_copies == 0, audit.findings
    station.archive().sync()
    audit = office_audit(office, station.ca_cert)
    assert not audit.findings and audit.offline_copies == 0, audit.findings


def test_the_station_role_cannot_take_a_copy_reservation_back(station, pin, tmp_path, pg_archive):  # noqa: F811
    import psycopg

    from sealstation.archive.postgres import PostgresArchive

    office_archive(station, pg_archive.url)
    stamped = stamped_document(station, pin, tmp_path)
    assert print_to_pdf(station, stamped, tmp_path / "copies.pdf", 2).printed == 2
    as_station = PostgresArchive.connect(pg_archive.url)
    try:
        assert [r.serial for r in as_station.copy_reservations(station.config.station_id)] == ["C000001", "C000002"]
        for sql in ("UPDATE copy_reservations SET seq = 0", "DELETE FROM copy_reservations",
                    "TRUNCATE copy_reservations", "ALTER TABLE copy_reservations DISABLE TRIGGER ALL"):
            with pytest.raises(psycopg.Error):
                as_station.conn.execute(sql)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the time received is the server's
            as_station.conn.execute("INSERT INTO copy_reservations (station, serial, request, allowance, slot, "
                                    "of_total, document_sha256, seq, entry_hash, station_at, received_at) VALUES "
                                    "('s', 'C9', 'r', 'a', 1, 1, 'd', 1, 'h', 'now', '2020-01-01')")
    finally:
        as_station.close()
    with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        pg_archive.admin.execute("DELETE FROM copy_reservations")


def test_with_the_archive_away_a_rollback_prints_the_grace_and_the_office_sees_it(station, pin, tmp_path):
    root = FolderArchive.create(tmp_path / "archive").root
    office_archive(station, str(root))
    with_grace(station, 1)
    stamped = stamped_document(station, pin, tmp_path)
    snap = snapshot(station, tmp_path / "before-printing.db")
    assert print_to_pdf(station, stamped, tmp_path / "copies.pdf", 2).printed == 2

    rolled = copy_back(station, snap)
    away = root.rename(tmp_path / "share-unplugged")  # the insider unplugs the office share
    try:
        result = print_to_pdf(rolled, stamped, tmp_path / "offline.pdf", 1)
        assert result.printed == 1 and any("printed offline" in n for n in result.notes)
        offline_serial = result.copies[0].serial
        with pytest.raises(PrintRefusedError, match="the office allows 1 copies printed offline"):
            print_to_pdf(rolled, stamped, tmp_path / "offline-2.pdf", 1)
        away.rename(root)
        with pytest.raises(PrintRefusedError, match="rolled back"):
            print_to_pdf(rolled, stamped, tmp_path / "back-online.pdf", 1)
        rolled.archive().sync()
        audit = office_audit(str(root), rolled.ca_cert)
    finally:
        rolled.close()
    assert any(f.what == "diverged" and "was reserved at entry" in f.detail for f in audit.findings), audit.findings
    assert audit.offline_copies == 1 and offline_serial  # within the grace: no finding, but the office sees it


def test_an_offline_count_edited_in_the_store_is_seen_by_the_archive(station, pin, tmp_path):
    """The insider resets the station's offline count (``station_state``) to print past the grace offline."""
    from sealstation.printing.online import confirmed_key

    root = FolderArchive.create(tmp_path / "archive").root
    office_archive(station, str(root))
    with_grace(station, 1)
    stamped = stamped_document(station, pin, tmp_path)
    away = root.rename(tmp_path / "share-unplugged")
    assert print_to_pdf(station, stamped, tmp_path / "one.pdf", 1).printed == 1
    with pytest.raises(PrintRefusedError, match="the office allows 1 copies printed offline"):
        print_to_pdf(station, stamped, tmp_path / "two.pdf", 1)
    sql = insider_sql(station.home.root)
    sql.execute("INSERT OR REPLACE INTO station_state (key, value) VALUES (?, '999999')", (confirmed_key(station),))
    sql.close()
    assert print_to_pdf(station, stamped, tmp_path / "two.pdf", 1).printed == 1  # past the grace, unseen here
    away.rename(root)
    station.archive().sync()
    findings = office_findings(str(root), station.ca_cert)
    assert [f.what for f in findings] == ["offline-print"], findings
    assert "2 copies printed in a row without reaching the archive first (the office allows 1" in findings[0].detail


def test_the_last_entries_deleted_print_nothing_more(station, pin, tmp_path, archive):
    """The journal's tail (after the token's checkpoint) deleted with sqlcipher: the archive's reservation is gone."""
    location, _ = archive
    office_archive(station, location)
    stamped = stamped_document(station, pin, tmp_path)
    first = station.db.query("SELECT MAX(seq) FROM journal")[0][0]
    assert print_to_pdf(station, stamped, tmp_path / "copies.pdf", 2).printed == 2
    sql = insider_sql(station.home.root)
    sql.execute("DROP TRIGGER journal_no_delete")
    sql.execute("DELETE FROM journal WHERE seq > ?", (first,))
    sql.execute("DELETE FROM print_copies")
    sql.commit()
    sql.close()
    with pytest.raises(PrintRefusedError, match="rolled back"):
        print_to_pdf(station, stamped, tmp_path / "again.pdf", 2)


def test_a_deleted_last_segment_is_found(station, pin, tmp_path):
    """Folder archive: the segment with the copies removed from the share, the station rolled back and synced."""
    root = FolderArchive.create(tmp_path / "archive").root
    office_archive(station, str(root))
    stamped = stamped_document(station, pin, tmp_path)
    station.archive().sync()
    snap = snapshot(station, tmp_path / "before-printing.db")
    assert print_to_pdf(station, stamped, tmp_path / "copies.pdf", 2).printed == 2
    station.archive().sync()
    segments = sorted((root / "stations" / station.config.station_id).glob("*.json"))
    segments[-1].unlink()  # the insider deletes the last segment from the share
    rolled = copy_back(station, snap)
    try:
        time.sleep(1.1)  # segment times have whole seconds: the sync comes a second after the printing at least
        rolled.journal.append(JournalKind.LOGIN_FAILED, {"user": "nobody"})  # a little activity, then a sync
        rolled.archive().sync()
        findings = office_findings(str(root), rolled.ca_cert)
    finally:
        rolled.close()
    assert any("was reserved at entry" in f.detail for f in findings), findings


@pytest.mark.parametrize("edit, refusal", [
    ("UPDATE print_copies SET allowance = 'R-other', slot = slot + 100", "All 2 approved copies"),  # moved away
    ("DELETE FROM print_copies", None),
], ids=["moved-to-another-allowance", "deleted"])
def test_editing_the_copy_rows_frees_nothing(station, pin, tmp_path, edit, refusal):
    stamped = stamped_document(station, pin, tmp_path)
    print_to_pdf(station, stamped, tmp_path / "copies.pdf", 2)
    sql = insider_sql(station.home.root)
    sql.execute(edit)
    sql.commit()
    sql.close()
    with pytest.raises(PrintRefusedError, match=refusal):
        station.printing().plan(stamped, copies=1)
    assert station.printing()._usage(station.requests.list()[-1].id)  # still counted, from the journal


def test_recalled_rows_inserted_instead_of_a_recall_do_not_clear_a_reprint(station, pin, tmp_path):
    old = stamped_document(station, pin, tmp_path, name="v1")
    print_to_pdf(station, old, tmp_path / "v1-copies.pdf", 2)
    old_request = station.printing().copies()[0].request_id
    corrected = make_text_pdf(tmp_path / "v2.pdf", 2)
    station.approving().approve(corrected, seals=["official"], copies=2, approver="gm", password=password("gm"),
                    purpose="重印", supersedes=old_request)
    new = tmp_path / "v2-stamped.pdf"
    sign_plan(station, station.stamping().plan_stamp(StampRequestSpec(corrected, "official", Placement(2, (150.0, 200.0)), new)),
              new, pin, approve_first=False)
    sql = insider_sql(station.home.root)
    for (serial,) in sql.execute("SELECT serial FROM print_copies WHERE request_id = ?", (old_request,)).fetchall():
        sql.execute("INSERT INTO copy_events (serial, event, request_id, reason, by, at) VALUES (?, 'recalled', ?, "
                    "'destroyed', 'custodian', '2026-01-01T00:00:00+00:00')", (serial, old_request))
    sql.commit()
    sql.close()
    with pytest.raises(PrintRefusedError, match="not yet recorded as recalled"):
        station.printing().plan(new, copies=1)
    assert all(c.status == "current" for c in station.printing().copies(old_request))


# -- classes 7 and 11: print to file, kill -9, recovery -----------------------------------------


def test_print_to_file_is_refused_unless_the_office_allows_it(station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    station.setup().sign_policy(replace(TEST_POLICY, print_to_file=False), by="admin", password=password("admin"),
                        authority=office_authority())
    with pytest.raises(PrintRefusedError, match="does not print copies into files"):
        print_to_pdf(station, stamped, tmp_path / "copies.pdf", 1)
    assert not (tmp_path / "copies.pdf").exists() and station.printing().copies() == []
    refused = [e.data for e in station.journal.entries(kinds=(JournalKind.PRINT_REFUSED,))]
    assert "does not print copies into files" in refused[-1]["why"]


def test_print_to_file_refused_at_the_command_line_before_the_password(cli_home, seal_token, pin, tmp_path):
    stamped = stamped_in(cli_home, seal_token, pin, tmp_path)
    with Station.open(cli_home, token=seal_token.session) as station:
        station.setup().sign_policy(replace(TEST_POLICY, print_to_file=False), by="admin", password=password("admin"),
                            authority=office_authority())
    proc = run_ui_cli("print", str(stamped), "--copies", "1", "--to-pdf", str(tmp_path / "c.pdf"), "--user",
                      "custodian", "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert proc.returncode != 0 and "does not print copies into files" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "c.pdf").exists()


def test_kill_9_during_print_to_pdf_leaves_no_page_and_the_next_print_recovers(cli_home, seal_token, pin, tmp_path):
    stamped = stamped_in(cli_home, seal_token, pin, tmp_path, pages=60)
    out = tmp_path / "copies.pdf"
    before = sorted(p.name for p in tmp_path.iterdir())
    print_and_kill_9_when(lambda: unnamed_file_size(tmp_path) >= 200_000, str(stamped), "--copies", "2",
                          "--to-pdf", str(out), home=cli_home, what="200 kB of genuine pages written")
    # The genuine, QR-marked pages written so far were in a file with no name: nothing is left to keep.
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    # No stamp runs in between: the next print settles the killed one's copies itself and prints both.
    proc = run_ui_cli("print", str(stamped), "--copies", "2", "--to-pdf", str(out), "--user", "custodian",
                      "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert proc.returncode == 0 and "2 approved, 0 printed, 2 left" in proc.stdout, proc.stdout + proc.stderr
    with Station.open(cli_home, token=seal_token.session) as station:
        jobs = [e.data for e in station.journal.entries(kinds=(JournalKind.PRINT_JOB,))]
        assert [j["status"] for j in jobs][:1] == ["cancelled"] and "interrupted" in jobs[0]["reason"]
        assert [j["status"] for j in jobs][-2:] == ["accepted", "accepted"]
        with pytest.raises(PrintRefusedError, match="All 2 approved copies"):
            station.printing().plan(stamped, copies=1)
