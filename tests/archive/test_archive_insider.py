"""Issue 16, classes 4, 8 and the archive's part of 6: the archive as the insider attacks it.

The insider has the station's OS account and its journal key, hence the
station's own signing key (read from the database with sqlcipher3), and for
PostgreSQL the station role's password (the keyring). Each attack is done as
they would do it, on the folder archive and on PostgreSQL, and ends found by
``archive verify``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from sealstation.archive.audit import audit_station
from sealstation.archive.backend import FolderArchive
from sealstation.archive.config import ArchiveConfig
from sealstation.archive.segment import Segment, read_segment_entries, sign_segment
from sealstation.archive.sync import latest_archive_receipt
from sealstation.journal.journal import GENESIS, JournalKind, body_digest, iso_seconds

from support.archive import head, stamp_some
from support.insider import backdate_from, insider_sql, insider_station_identity
from support.station_fixtures import Station, password

pytestmark = pytest.mark.slow

HIDDEN = ("stamp_started", "stamp_done", "approval_granted")
"""What the insider wants the office not to see: the stamp and its approval."""


@dataclass(frozen=True)
class Archive:
    """One archive of either kind, as the station, the insider and the office reach it."""

    kind: str
    location: str
    root: Path | None = None
    pg: object = None

    def as_station(self):
        """The station's own access (the insider's too: the folder, or the station role and its keyring password)."""
        if self.root is not None:
            return FolderArchive(self.root)
        from sealstation.archive.postgres import PostgresArchive

        return PostgresArchive.connect(self.location)

    def as_office(self):
        if self.root is not None:
            return FolderArchive(self.root)
        from sealstation.archive.postgres import PostgresArchive

        return PostgresArchive.connect(self.pg.office_url())

    def file_raw(self, station: str, first: int, last: int, data: bytes, digest: str) -> None:
        """Put bytes under ``station``'s name as the next segment, by hand (a file copied in, a row inserted)."""
        if self.root is not None:
            folder = self.root / "stations" / station
            folder.mkdir(parents=True, exist_ok=True)
            receipt = len(list(folder.iterdir())) + 1
            (folder / f"{receipt:08d}_{first:012d}-{last:012d}-{digest}.json").write_bytes(data)
            return
        backend = self.as_station()
        try:
            backend.conn.execute("INSERT INTO archive_segments (station, first_seq, last_seq, digest, body) "
                                 "VALUES (%s, %s, %s, %s, %s)", (station, first, last, digest, data.decode("utf-8")))
        finally:
            backend.close()


@pytest.fixture(params=["folder", "postgres"])
def archive(request, tmp_path) -> Archive:
    if request.param == "folder":
        root = FolderArchive.create(tmp_path / "archive").root
        return Archive("folder", str(root), root=root)
    pg = request.getfixturevalue("pg_archive")
    return Archive("postgres", pg.url, pg=pg)


def office_audit(archive: Archive, station: str, ca_cert):
    backend = archive.as_office()
    try:
        return audit_station(backend, station, ca_cert, now=dt.datetime.now(dt.timezone.utc))
    finally:
        backend.close()


def whats(audit) -> set[str]:
    return {f.what for f in audit.findings}


def _send_own_segment(station, archive: Archive, doctor, fmt: str | None = None) -> None:
    """The insider's segment of the whole journal, signed with the station key read from the database."""
    identity = insider_station_identity(station.home.root)
    last = head(station)
    entries, _ = read_segment_entries(station.db, 1, last)
    entries = [doctor(e) if e.get("kind") in HIDDEN else e for e in entries]
    extra = {"format": fmt} if fmt else {}
    segment = Segment(station.config.station_id, 1, last, GENESIS, entries[-1]["hash"],
                      iso_seconds(dt.datetime.now(dt.timezone.utc)), tuple(entries), **extra)
    backend = archive.as_station()
    try:
        backend.put_segment(sign_segment(segment, identity))
    finally:
        backend.close()


def _by_hash_only(e: dict) -> dict:
    return {"seq": e["seq"], "prev": e["prev"], "hash": e["hash"], "kind": e["kind"],
            "body": body_digest(e["at"], e["actor"], e["data"])}


def _relabelled(e: dict) -> dict:
    return {**_by_hash_only(e), "kind": "login"}


def _as_old_format(e: dict) -> dict:
    return {"seq": e["seq"], "prev": e["prev"], "hash": e["hash"]}


@pytest.mark.parametrize("disguise", ["by-hash-only", "relabelled", "old-format"])
def test_a_stamp_sent_by_hash_only_under_the_station_key_is_found(station, pin, tmp_path, archive, disguise):
    stamp_some(station, pin, tmp_path, 1)
    doctor, fmt = {"by-hash-only": (_by_hash_only, None), "relabelled": (_relabelled, None),
                   "old-format": (_as_old_format, "sealstation-segment/1")}[disguise]
    _send_own_segment(station, archive, doctor, fmt)
    station.archive().sync(archive.location)  # the station itself finds nothing to add: the archive "has" it all
    audit = office_audit(archive, station.config.station_id, station.ca_cert)
    [stamp] = [seq for seq, in station.db.query("SELECT seq FROM journal WHERE kind = 'stamp_done'")]
    expected = {"by-hash-only": "withheld", "relabelled": "chain", "old-format": "undisclosed"}[disguise]
    [finding] = [f for f in audit.findings if f.what == expected]
    if disguise == "by-hash-only":
        assert f"{stamp} (stamp_done)" in finding.detail and "made by hand with the station's key" in finding.detail
    elif disguise == "relabelled":
        assert "does not match its hash" in finding.detail  # a hash cannot hide what kind of entry it was
    else:
        assert "cannot tell what they were" in finding.detail


def _replay(archive: Archive, station, receipt_one, how: str) -> None:
    """The first segment filed again by hand as the newest: the same bytes (a fresh digest where the row needs
    one), or its content signed again with the station key under a new time (a new digest)."""
    from dataclasses import replace

    signed = receipt_one.signed
    if how == "re-signed":
        later = dt.datetime.fromisoformat(signed.segment.made_at) + dt.timedelta(seconds=5)
        signed = sign_segment(replace(signed.segment, made_at=iso_seconds(later)),
                              insider_station_identity(station.home.root))
    digest = signed.digest if archive.root is not None or how == "re-signed" else "f" * 64
    archive.file_raw(station.config.station_id, receipt_one.head.first, receipt_one.head.last, signed.to_bytes(),
                     digest)


@pytest.mark.parametrize("how", ["copied", "re-signed"])
def test_an_older_segment_replayed_with_a_rollback_is_a_fork(station, pin, tmp_path, archive, how):
    home, station_id = station.home.root, station.config.station_id
    stamp_some(station, pin, tmp_path, 1, "a")
    station.archive().sync(archive.location)
    station.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(home / "station.db", tmp_path / "snap.db")
    stamp_some(station, pin, tmp_path, 1, "b")
    station.archive().sync(archive.location)
    backend = archive.as_office()
    try:
        first = next(iter(backend.segments(station_id)))
    finally:
        backend.close()
    # The insider files segment 1 again as the newest, and copies the database back to before stamp b.
    _replay(archive, station, first, how)
    token = station._token
    station.close()
    for name in ("station.db-wal", "station.db-shm"):
        (home / name).unlink(missing_ok=True)
    shutil.copy2(tmp_path / "snap.db", home / "station.db")
    rolled = Station.open(home, token=token)
    try:
        rolled.journal.append(JournalKind.LOGIN, {"user": "custodian"}, actor="custodian")  # life goes on
        result = rolled.archive().sync(archive.location)
        assert result.diverged_at is None  # the replay hid the rollback from the station: the archive must see it
    finally:
        rolled.close()
    audit = office_audit(archive, station_id, station.ca_cert)
    assert "diverged" in whats(audit)  # the line the archive holds was not pulled back by the older segment
    if how == "copied":
        [replayed] = [f for f in audit.findings if f.what == "replayed"]
        assert "filed again" in replayed.detail


def test_junk_and_another_signers_segment_filed_under_a_station_are_not_blamed_on_it(station, pin, tmp_path,
                                                                                        archive):
    stamp_some(station, pin, tmp_path, 1)
    station.archive().sync(archive.location)
    me = station.config.station_id
    # Junk under another station's name, and this station's genuine segment re-signed as that station's.
    archive.file_raw("other-station", 1, 1, b"{\"not\": \"a segment\"}", "e" * 64)
    identity = insider_station_identity(station.home.root)
    entries, _ = read_segment_entries(station.db, 1, head(station))
    forged = Segment("other-station", 1, head(station), GENESIS, entries[-1]["hash"],
                     iso_seconds(dt.datetime.now(dt.timezone.utc)), tuple(entries))
    signed = sign_segment(forged, identity)
    archive.file_raw("other-station", 1, head(station), signed.to_bytes(), signed.digest)
    audit = office_audit(archive, "other-station", station.ca_cert)
    assert whats(audit) == {"unreadable", "misfiled"} and audit.segments == 0
    junk, misfiled = audit.findings
    assert "is not a segment" in junk.detail
    if archive.kind == "postgres":
        assert junk.sender == f"database role {archive.pg.role}" and archive.pg.role in junk.detail
    else:
        assert junk.sender == "" and "not known" in junk.detail
    assert misfiled.sender == me and f"station {me}'s certificate signed it" in misfiled.detail
    # The station whose name was used is blamed for nothing, and its own sync still continues where it was.
    assert not office_audit(archive, me, station.ca_cert).findings
    assert station.archive().sync(archive.location).diverged_at is None


def test_a_tamper_stop_and_its_review_are_reported(station, pin, tmp_path, archive, seal_token):
    stamp_some(station, pin, tmp_path, 1)
    station.archive().sync(archive.location)
    sql = insider_sql(station.home.root)  # the custodian edits a row of the journal (already sent)
    sql.execute("DROP TRIGGER journal_no_update")
    sql.execute("UPDATE journal SET data = '{\"user\":\"nobody\"}' WHERE seq = 2")
    sql.close()
    assert not station.audit().verify_journal().ok  # the station stops
    station.archive().sync(archive.location)
    audit = office_audit(archive, station.config.station_id, station.ca_cert)
    [stop] = [f for f in audit.findings if f.what == "stopped"]
    assert "journal verify" in stop.detail and "entry 2" in stop.detail and "no review" in stop.detail
    station.setup().review_journal(by="admin", password=password("admin"), note="edited by the custodian; noted",
                           authority=seal_token.authority)
    station.archive().sync(archive.location)
    [stop] = [f for f in office_audit(archive, station.config.station_id, station.ca_cert).findings
              if f.what == "stopped"]
    assert "lifted it: edited by the custodian; noted" in stop.detail


def test_a_stop_for_an_entry_edited_before_it_was_sent_is_reported_too(station, pin, tmp_path, archive):
    stamp_some(station, pin, tmp_path, 1)
    sql = insider_sql(station.home.root)
    sql.execute("DROP TRIGGER journal_no_update")
    sql.execute("UPDATE journal SET data = '{\"user\":\"nobody\"}' WHERE seq = 2")
    sql.close()
    assert not station.audit().verify_journal().ok
    station.archive().sync(archive.location)
    audit = office_audit(archive, station.config.station_id, station.ca_cert)
    assert {"chain", "stopped"} <= whats(audit)  # the segment's chain breaks at entry 2; the stop is still named


def test_a_clock_forty_days_ahead_is_later_than_the_archive_received_it(station, pin, tmp_path, archive):
    real = station.clock
    station.clock = lambda: real() + dt.timedelta(days=40)
    stamp_some(station, pin, tmp_path, 1)
    station.archive().sync(archive.location)
    audit = office_audit(archive, station.config.station_id, station.ca_cert)
    assert any(f.what == "time" and "after the archive received it" in f.detail and "clock was ahead" in f.detail
               for f in audit.findings)
    # The station keeps the archive's time, not its own.
    received = latest_archive_receipt(station.db)
    assert received is not None and abs(received - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)


def test_a_clock_set_back_after_a_sync_is_found(station, pin, tmp_path, archive):
    stamp_some(station, pin, tmp_path, 1)
    station.archive().sync(archive.location)
    # The station never dates an entry before its last one (journal/clock.py): the insider backdates it by SQL.
    station.journal.append(JournalKind.STAMP_REFUSED, {"request": "r", "why": "test"}, actor="custodian")
    backdate_from(station.home.root, head(station), dt.timedelta(hours=3))
    station.archive().sync(archive.location)
    details = [f.detail for f in office_audit(archive, station.config.station_id, station.ca_cert).findings
               if f.what == "time"]
    assert any("clock went back" in d for d in details)
    assert any("before the archive received the station's previous segment" in d for d in details)


def test_old_entries_sent_after_a_sync_was_cut_short_are_not_a_clock_set_back(station, pin, tmp_path, monkeypatch):
    """A sync split into segments and cut short leaves entries the station already held for the next one: dated
    before the archive received the earlier segments, and rightly so (the head each segment names says so)."""
    from sealstation.archive import backend as backend_module

    root = FolderArchive.create(tmp_path / "archive").root
    station.config = station.config.with_changes(
        archive=ArchiveConfig.from_dict({"location": str(root), "segment_entries": 5}, "station.json"))
    stamp_some(station, pin, tmp_path, 1)
    received = backend_module._changed_at
    # The archive received everything half an hour after the entries were made (the station was offline).
    monkeypatch.setattr(backend_module, "_changed_at", lambda path: received(path) + dt.timedelta(minutes=30))

    def cut(stage, n):
        if stage == "after-segment" and n == 2:
            raise ConnectionError("the network went away")

    with pytest.raises(ConnectionError):
        station.archive().sync(fault=cut)
    station.archive().sync()
    audit = office_audit(Archive("folder", str(root), root=root), station.config.station_id, station.ca_cert)
    assert not [f.detail for f in audit.findings if f.what == "time"]


def test_a_head_named_in_a_forged_segment_excuses_no_backdated_entry(station, pin, tmp_path, archive):
    """The insider signs a segment with the station key naming a head far ahead, hoping the entries they backdate
    later pass as already held: the archive believes a head only when its entry arrives with the hash named."""
    stamp_some(station, pin, tmp_path, 1)
    last = head(station)
    entries, _ = read_segment_entries(station.db, 1, last)
    segment = Segment(station.config.station_id, 1, last, GENESIS, entries[-1]["hash"],
                      iso_seconds(dt.datetime.now(dt.timezone.utc)), tuple(entries),
                      station_head=(last + 50, "0" * 64))
    backend = archive.as_station()
    try:
        backend.put_segment(sign_segment(segment, insider_station_identity(station.home.root)))
    finally:
        backend.close()
    station.journal.append(JournalKind.STAMP_REFUSED, {"request": "r", "why": "test"}, actor="custodian")
    backdate_from(station.home.root, last + 1, dt.timedelta(hours=3))
    station.archive().sync(archive.location)
    details = [f.detail for f in office_audit(archive, station.config.station_id, station.ca_cert).findings
               if f.what == "time"]
    assert any("before the archive received the station's previous segment" in d for d in details), details


def test_stamps_made_under_a_clock_held_back_during_an_outage_are_found(station, pin, tmp_path, archive,
                                                                         seal_token):
    from sealstation.seals.lifecycle import SealAction

    real = station.clock
    station.seals.apply("official", SealAction.CHANGE, authority=seal_token.authority, by="admin",
                        valid_from=(real() - dt.timedelta(days=60)).isoformat())  # valid for a while already
    station.archive().sync(archive.location)  # then the archive is away
    first = head(station) + 1
    # A clock held back stops the station itself (journal/clock.py); the insider dates the stamps back by SQL.
    stamp_some(station, pin, tmp_path, 1)
    backdate_from(station.home.root, first, dt.timedelta(days=20))
    station.archive().sync(archive.location)
    details = [f.detail for f in office_audit(archive, station.config.station_id, station.ca_cert).findings
               if f.what == "time"]
    assert any("more than the office's grace" in d for d in details), details


def test_a_genuine_station_has_no_findings(station, pin, tmp_path, archive):
    stamp_some(station, pin, tmp_path, 2)
    station.archive().sync(archive.location)
    stamp_some(station, pin, tmp_path, 1, "b")
    station.archive().sync(archive.location)
    assert office_audit(archive, station.config.station_id, station.ca_cert).findings == []


def test_a_qr_code_made_with_the_station_key_for_a_printed_serial_is_not_the_archives_copy(station, archive):
    import hashlib

    from sealstation.printing.archive_status import check_copy_in_archive
    from sealstation.printing.payload import make_payload

    identity = insider_station_identity(station.home.root)
    today = dt.date.today()
    genuine = make_payload(identity, serial="C000001", number=1, of=2, date=today, document_sha256="a" * 64)
    station.journal.append(JournalKind.PRINT_JOB, {  # the copy as the station printed it (desk._settle's entry)
        "request": "REQ-1", "document": "合同.pdf", "document_sha256": "a" * 64, "printer": "office-printer",
        "job": 7, "status": "accepted", "reason": "", "kind": "first",
        "copies": [{"serial": "C000001", "number": 1, "of": 2,
                    "qr": hashlib.sha256(genuine.text().encode("utf-8")).hexdigest()}]}, actor="custodian")
    station.archive().sync(archive.location)
    # The custodian signs QR codes of their own with the station key: the same serial as copy 2 of 2, and the
    # same facts with another date (a second sheet that the print records do not know).
    other_number = make_payload(identity, serial="C000001", number=2, of=2, date=today, document_sha256="a" * 64)
    other_date = make_payload(identity, serial="C000001", number=1, of=2, date=today + dt.timedelta(days=1),
                              document_sha256="a" * 64)
    backend = archive.as_office()
    try:
        assert check_copy_in_archive(genuine.text(), backend, station.ca_cert).genuine
        result = check_copy_in_archive(other_number.text(), backend, station.ca_cert)
        assert not result.genuine and "copy 1 of 2" in result.why_not
        result = check_copy_in_archive(other_date.text(), backend, station.ca_cert)
        assert not result.genuine and "made for another QR code" in result.why_not
    finally:
        backend.close()


def _as_before_schema_18(station) -> None:
    """The station's journal as a SealStation from before schema 18 wrote it (the old formula), switch after it."""
    from sealstation.journal.journal import legacy_entry_hash

    sql = insider_sql(station.home.root)
    sql.execute("DROP TRIGGER journal_no_update")
    prev = GENESIS
    for seq, at, actor, kind, data in sql.execute("SELECT seq, at, actor, kind, data FROM journal ORDER BY seq"
                                                  ).fetchall():
        digest = legacy_entry_hash(seq, at, actor, kind, data, prev)
        sql.execute("UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq))
        prev = digest
    sql.execute("CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal "
                "BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END")
    sql.execute("UPDATE station_state SET value = (SELECT MAX(seq) + 1 FROM journal) "
                "WHERE key = 'journal_format_2_from'")
    sql.close()


def test_an_upgraded_station_sends_its_old_entries_again_in_full_and_old_format_stops_at_the_switch(station,
                                                                                                 archive):
    from sealstation.archive.segment import RECORD_KINDS
    from sealstation.journal.journal import legacy_entry_hash, verify_journal

    _as_before_schema_18(station)
    assert verify_journal(station.db).ok  # old entries keep verifying
    # What the old version sent: the records in full, the rest by seq, link and hash only.
    entries, _ = read_segment_entries(station.db, 1, head(station))
    entries = [e if e["kind"] in RECORD_KINDS else {k: e[k] for k in ("seq", "prev", "hash")} for e in entries]
    old = Segment(station.config.station_id, 1, head(station), GENESIS, entries[-1]["hash"],
                  iso_seconds(dt.datetime.now(dt.timezone.utc)), tuple(entries), format="sealstation-segment/1")
    backend = archive.as_station()
    try:
        backend.put_segment(sign_segment(old, station.station_identity()))
    finally:
        backend.close()
    assert "undisclosed" in whats(office_audit(archive, station.config.station_id, station.ca_cert))
    # Upgraded: new entries use the new formula, and the next sync sends the old ones again, in full, once.
    station.journal.append(JournalKind.LOGIN, {"user": "custodian"}, actor="custodian")
    result = station.archive().sync(archive.location)
    assert result.segments == 1 and result.through == head(station)
    assert office_audit(archive, station.config.station_id, station.ca_cert).findings == []
    assert station.archive().sync(archive.location).segments == 0
    assert verify_journal(station.db).ok
    # An entry written in the old formula past the switch point (to pass as an old one) is named.
    sql = insider_sql(station.home.root)
    seq, prev = sql.execute("SELECT MAX(seq) + 1, (SELECT hash FROM journal ORDER BY seq DESC LIMIT 1) "
                            "FROM journal").fetchone()
    at = iso_seconds(dt.datetime.now(dt.timezone.utc))
    sql.execute("INSERT INTO journal (seq, at, actor, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (seq, at, None, "login", "{}", prev, legacy_entry_hash(seq, at, None, "login", "{}", prev)))
    sql.close()
    [problem] = verify_journal(station.db).problems
    assert problem.seq == seq and problem.what == "old-format"
