"""The PostgreSQL archive on a throwaway cluster: INSERT-only station roles, sync, restart, checks."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from sealstation.archive.audit import verify_archive
from sealstation.archive.config import ArchiveConfig
from sealstation.archive.postgres import PostgresArchive
from sealstation.errors import ArchiveUnreachableError

from support.archive import head, name_office_archive, stamp_some

pytestmark = pytest.mark.slow


def test_the_station_role_may_insert_but_never_update_or_delete(station, pin, tmp_path, pg_archive):
    import psycopg

    name_office_archive(station, pg_archive.url)  # as the office sets a station up
    stamp_some(station, pin, tmp_path, 1)
    result = station.archive().sync(pg_archive.url)
    assert result.segments == 1 and result.through == head(station)
    as_station = PostgresArchive.connect(pg_archive.url)
    try:
        for sql in ("UPDATE archive_segments SET body = 'x'", "DELETE FROM archive_segments",
                    "TRUNCATE archive_segments", "DROP TABLE archive_segments",
                    "ALTER TABLE archive_segments DISABLE TRIGGER ALL"):
            with pytest.raises(psycopg.Error):
                as_station.conn.execute(sql)
        # Who sent a row, when, and its place in the order received are the server's, not the station's to say.
        for column, value in (("sent_by", "archive_admin"), ("received_at", "2020-01-01"), ("id", "1000000")):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                as_station.conn.execute(f"INSERT INTO archive_segments (station, first_seq, last_seq, digest, body, "
                                        f"{column}) VALUES ('x', 1, 1, 'd-{column}', '{{}}', %s)", (value,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            as_station.conn.execute("INSERT INTO archive_sightings (seen_at, file_name, field, signer, seal, digest, "
                                    "seen_by) VALUES (now(), 'f', 'F', 's', '', 'd', 'archive_admin')")
    finally:
        as_station.close()
    # Not even the administrator rewrites it without first dropping the trigger (which is itself logged by the server).
    for sql in ("UPDATE archive_segments SET body = 'x'", "DELETE FROM archive_segments"):
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            pg_archive.admin.execute(sql)
    office = PostgresArchive.connect(pg_archive.office_url())
    try:
        [a] = verify_archive(office, station.ca_cert, now=dt.datetime.now(dt.timezone.utc))
        assert a.through == head(station) and not a.findings
    finally:
        office.close()


def test_no_password_in_the_location(station):
    from sealstation.errors import ArchiveError

    with pytest.raises(ArchiveError, match="keyring"):
        station.archive().sync("postgresql://station:secret@127.0.0.1/archive")


def test_a_server_down_then_restarted_loses_and_duplicates_nothing(station, pin, tmp_path, pg_archive):
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": pg_archive.url, "segment_entries": 6}, "station.json"))
    stamp_some(station, pin, tmp_path, 1)
    calls = []

    def drop_connection(stage, n):  # the server goes away in the middle of the sync
        calls.append((stage, n))
        if stage == "after-segment" and n == 2:
            pg_archive.admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     "WHERE usename = %s", (pg_archive.role,))

    with pytest.raises(ArchiveUnreachableError):
        station.archive().sync(fault=drop_connection)
    assert station.db.query("SELECT failures FROM archive_sync")[0][0] == 1
    station.archive().sync()
    rows = pg_archive.admin.execute("SELECT first_seq, last_seq FROM archive_segments ORDER BY id").fetchall()
    firsts = [r[0] for r in rows]
    assert firsts == sorted(set(firsts)) and rows[-1][1] == head(station)
    # Sending the same segment again stores nothing.
    latest = PostgresArchive.connect(pg_archive.url)
    try:
        assert latest.put_segment(latest.latest("test-station").__class__(
            *_fields(latest.latest("test-station")))) is False
    finally:
        latest.close()


def _fields(signed):
    return signed.segment, signed.signature, signed.certificate_pem


def test_a_rollback_is_flagged_on_postgres_too(station, pin, tmp_path, pg_archive):
    """The same divergence check as the folder: the station's history no longer extends what it sent."""
    import shutil

    from support.station_fixtures import Station

    stamp_some(station, pin, tmp_path, 1, "a")
    home = station.home.root
    station.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    snap = tmp_path / "snap.db"
    shutil.copy2(home / "station.db", snap)
    stamp_some(station, pin, tmp_path, 1, "b")
    station.archive().sync(pg_archive.url)
    station.close()
    for name in ("station.db-wal", "station.db-shm"):
        (home / name).unlink(missing_ok=True)
    shutil.copy2(snap, home / "station.db")
    rolled = Station.open(home, token=station._token)
    try:
        result = rolled.archive().sync(pg_archive.url)
        assert result.diverged_at is not None and rolled.journal.tampered()
    finally:
        rolled.close()
    office = PostgresArchive.connect(pg_archive.office_url())
    try:
        [a] = verify_archive(office, station.ca_cert, now=dt.datetime.now(dt.timezone.utc))
        assert a.findings[0].what == "diverged" and a.findings[0].seq == result.diverged_at
        # The checkpoint the rolled-back store hands over is older than one already received: named too.
        assert {f.what for f in a.findings} <= {"diverged", "checkpoint", "stopped"}  # the station stopped at the fork
    finally:
        office.close()


def test_sightings_go_into_an_insert_only_table_and_the_month_lists_them(pg_archive):
    import psycopg

    from sealstation.archive.registration import Registration
    from sealstation.archive.sightings import record_sightings
    from sealstation.archive.summary import monthly_summary

    as_station = PostgresArchive.connect(pg_archive.url)
    try:
        # 2026-11-30 20:00 UTC is 2026-12-01 04:00 in the office (UTC+8): December's.
        for at in (dt.datetime(2026, 11, 3, 2, tzinfo=dt.timezone.utc),
                   dt.datetime(2026, 11, 30, 20, tzinfo=dt.timezone.utc)):
            record_sightings(as_station, "外来.pdf", [Registration("Seal-1", "ab" * 32)], [], now=at)
        for sql in ("UPDATE archive_sightings SET file_name = 'x'", "DELETE FROM archive_sightings",
                    "TRUNCATE archive_sightings"):
            with pytest.raises(psycopg.Error):
                as_station.conn.execute(sql)
        [finding] = monthly_summary(as_station, None, "2026-11").findings
        assert finding[1] == "NOT REGISTERED" and "外来.pdf" in finding[2] and f"recorded by {pg_archive.role}" in finding[2]
        assert len(monthly_summary(as_station, None, "2026-12").findings) == 1
    finally:
        as_station.close()


def _self_signed(folder, owner) -> None:
    """server.crt and server.key for the cluster (in its data folder, as PostgreSQL wants them)."""
    import os

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    for file, data in (("server.crt", cert.public_bytes(serialization.Encoding.PEM)),
                       ("server.key", key.private_bytes(serialization.Encoding.PEM,
                                                        serialization.PrivateFormat.PKCS8,
                                                        serialization.NoEncryption()))):
        (folder / file).write_bytes(data)
        (folder / file).chmod(0o600)
        if owner is not None:
            os.chown(folder / file, owner.st_uid, owner.st_gid)


def test_tls_is_used_when_the_server_offers_it(pg_archive):
    """The station's connection asks for TLS (sslmode=prefer): plain on a server without it, TLS on one with it."""
    import os

    data = pg_archive.cluster.folder / "data"
    plain = PostgresArchive.connect(pg_archive.url)
    try:
        assert not plain.conn.pgconn.ssl_in_use
    finally:
        plain.close()
    _self_signed(data, os.stat(data) if os.geteuid() == 0 else None)
    pg_archive.admin.execute("ALTER SYSTEM SET ssl = on")
    pg_archive.admin.execute("SELECT pg_reload_conf()")
    try:
        for _ in range(50):  # the postmaster takes the new setting in a moment
            if pg_archive.admin.execute("SHOW ssl").fetchone()[0] == "on":
                break
            time.sleep(0.1)
        secure = PostgresArchive.connect(pg_archive.url)
        try:
            assert secure.conn.pgconn.ssl_in_use
        finally:
            secure.close()
    finally:
        pg_archive.admin.execute("ALTER SYSTEM RESET ssl")
        pg_archive.admin.execute("SELECT pg_reload_conf()")


def _own_role(pg_archive, station_id: str) -> str:
    """A station's own database role (password in the keyring); its location."""
    import secrets

    import keyring

    from sealstation.archive.config import KEYRING_USER_PREFIX
    from sealstation.archive.postgres import grant_station_role

    role, password = f"{station_id.replace('-', '_')}_{secrets.token_hex(3)}", secrets.token_urlsafe(12)
    grant_station_role(pg_archive.admin, role, password)
    url = pg_archive.cluster.url(role, pg_archive.dbname)
    keyring.set_password("SealStation", KEYRING_USER_PREFIX + url, password)
    return url


def test_a_month_of_three_stations_on_postgres_matches_their_journals(station, pin, tmp_path, pg_archive,
                                                                      station_template, seal_token):
    """Three stations, each with its own role, write to one PostgreSQL archive; the report is their journals."""
    from sealstation.archive.summary import REPORT_TZ, monthly_summary
    from sealstation.journal.journal import JournalKind
    from support.archive import another_station, print_job, requests_stamped

    stamps, printed = set(), {}

    def work(s, n: int, url: str) -> None:
        sid = s.config.station_id
        stamp_some(s, pin, tmp_path / sid, n, sid[-1])
        for request, document in requests_stamped(s):
            print_job(s, request, document, 2)
            printed[(sid, request)] = 2
        s.archive().sync(url)
        stamps.update((sid, e.data["request"], e.data["seal"], e.data["custodian"], e.data["document"])
                      for e in s.journal.entries(kinds=(JournalKind.STAMP_DONE,)))

    work(station, 2, pg_archive.url)
    for n, sid in ((1, "station-b"), (3, "station-c")):
        other = another_station(tmp_path / f"{sid}-home", station_template, seal_token, sid)
        try:
            work(other, n, _own_role(pg_archive, sid))
        finally:
            other.close()

    office = PostgresArchive.connect(pg_archive.office_url())
    try:
        month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
        now = dt.datetime.now(dt.timezone.utc)
        summary = monthly_summary(office, station.ca_cert, month, now=now)
        audits = verify_archive(office, station.ca_cert, now=now)
        # Read side by side, each worker process connecting on its own (the password from the keyring there too):
        # the same month and the same audits.
        assert monthly_summary(office, station.ca_cert, month, now=now, workers=2) == summary
        assert verify_archive(office, station.ca_cert, now=now, workers=3) == audits
    finally:
        office.close()
    assert {(s.station, s.request, s.seal, s.custodian, s.document) for s in summary.stamps} == stamps
    assert len(summary.stamps) == 6
    assert {(p.station, p.request): p.printed for p in summary.prints} == printed
    assert summary.totals()["station"] == {"test-station": 2, "station-b": 1, "station-c": 3}
    assert summary.findings == [] and [a.findings for a in audits] == [[], [], []]
    senders = {r[0] for r in pg_archive.admin.execute("SELECT DISTINCT sent_by FROM archive_segments").fetchall()}
    assert len(senders) == 3  # each station through its own role
