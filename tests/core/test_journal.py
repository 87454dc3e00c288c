"""The encrypted, append-only, hash-chained journal; tampering done with the key, in SQL."""

from __future__ import annotations

import secrets

import pytest
import sqlcipher3

from sealstation.errors import JournalError, JournalTamperedError, KeyringUnavailableError
from sealstation.journal.journal import Journal, JournalKind, export_journal, verify_journal
from sealstation.journal.keystore import check_secure_backend, keyring_key, passphrase_key
from sealstation.journal.migrations import LATEST, MIGRATIONS, journal_migrations, migrate, schema_version
from sealstation.journal.store import StationDB


@pytest.fixture
def key():
    return secrets.token_bytes(32)


@pytest.fixture
def db(tmp_path, key):
    d = StationDB.open(tmp_path / "station.db", key)
    yield d
    d.close()


def filled(db, n=10) -> Journal:
    j = Journal(db)
    for i in range(n):
        j.append(JournalKind.STAMP_DONE, {"n": i, "doc": f"文件{i}.pdf"}, actor="custodian")
    return j


def test_wrong_key_and_not_a_database(tmp_path, key):
    StationDB.open(tmp_path / "s.db", key).close()
    with pytest.raises(JournalError, match="wrong key"):
        StationDB.open(tmp_path / "s.db", secrets.token_bytes(32))
    (tmp_path / "junk.db").write_bytes(b"hello" * 1000)
    with pytest.raises(JournalError, match="wrong key"):  # junk reads as a database under another key
        StationDB.open(tmp_path / "junk.db", key)


def test_file_is_encrypted(tmp_path, key):
    db = StationDB.open(tmp_path / "s.db", key)
    Journal(db).append(JournalKind.LOGIN, {"note": "很秘密的内容"}, actor="admin")
    db.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"SQLite format 3" not in raw and "很秘密".encode() not in raw and b"admin" not in raw


def test_durable_settings(db):
    assert db.query("PRAGMA journal_mode")[0][0] == "wal"
    # NORMAL: SQLite syncs the log at checkpoints; the station flushes it after each durable commit itself.
    assert db.query("PRAGMA synchronous")[0][0] == 1


def test_each_durable_commit_flushes_the_log_and_only_those(db, monkeypatch):
    """What synchronous=FULL did in WAL mode: the -wal file flushed after each commit that must survive a power cut
    (with fdatasync, as SQLite builds that have it do); the commits that may wait for the next one are not."""
    import os

    flushed = []
    real = os.fdatasync
    monkeypatch.setattr(os, "fdatasync", lambda fd: (flushed.append(os.readlink(f"/proc/self/fd/{fd}")), real(fd)))
    journal = Journal(db)
    journal.append(JournalKind.LOGIN, {"n": 1})
    assert flushed == [os.path.realpath(db.path) + "-wal"]
    with db.transaction(sync=False):
        journal.append(JournalKind.LOGIN, {"n": 2})  # nested: joins the outer, unsynced commit
    db.execute_lazily("INSERT INTO station_state (key, value) VALUES ('x', 'y')")
    assert len(flushed) == 1
    with db.transaction():
        journal.append(JournalKind.LOGIN, {"n": 3})
        journal.append(JournalKind.LOGIN, {"n": 4})
    assert len(flushed) == 2 and db.query("PRAGMA synchronous")[0][0] == 1


def test_a_transaction_commits_once_rolls_back_whole_and_nested_ones_join(db):
    """The outermost transaction commits (or, on an exception anywhere inside, rolls back everything); nested ones
    join it; the lock is free again afterwards for another thread."""
    import threading

    journal = Journal(db)
    with db.transaction() as conn:
        conn.execute("INSERT INTO station_state (key, value) VALUES ('a', '1')")
        with db.transaction() as inner:
            assert inner is conn
            journal.append(JournalKind.LOGIN, {"n": 1})
    with pytest.raises(RuntimeError):
        with db.transaction() as conn:
            conn.execute("INSERT INTO station_state (key, value) VALUES ('b', '2')")
            with db.transaction():
                journal.append(JournalKind.LOGIN, {"n": 2})
                raise RuntimeError("inside the nested one")
    assert db.query("SELECT key FROM station_state WHERE key IN ('a', 'b')") == [("a",)]
    assert [e.data["n"] for e in journal.entries()] == [1]
    done = []
    worker = threading.Thread(target=lambda: done.append(journal.append(JournalKind.LOGIN, {"n": 3}).seq))
    worker.start()
    worker.join(5)
    assert done == [2] and db._depth == 0


def test_the_change_mark_moves_with_every_write_inside_a_transaction_and_with_other_connections(db, key):
    """What caches of database reads key on: this connection's writes and another connection's commits."""
    other = StationDB.open(db.path, key)
    try:
        first = db.change_mark()
        with db.transaction() as conn:
            inside = db.change_mark()
            assert db.change_mark() == inside == first
            conn.execute("INSERT INTO station_state (key, value) VALUES ('c', '3')")
            assert db.change_mark() != inside
        after = db.change_mark()
        Journal(other).append(JournalKind.LOGIN, {"by": "another process"})
        assert db.change_mark() != after
    finally:
        other.close()


def test_a_new_database_authenticates_its_pages_with_hmac_sha256(db):
    assert db.query("PRAGMA cipher_hmac_algorithm") == [("HMAC_SHA256",)]


def test_a_database_made_with_sqlcipher_defaults_still_opens_and_a_wrong_key_is_still_refused(tmp_path, key,
                                                                                                monkeypatch):
    """A station made before the settings changed: its pages carry HMAC-SHA512 and open under it, journal intact."""
    from sealstation.journal import store

    monkeypatch.setattr(store, "CIPHER_SETTINGS", store.EARLIER_CIPHER_SETTINGS)
    earlier = StationDB.open(tmp_path / "station.db", key)
    Journal(earlier).append(JournalKind.LOGIN, {"by": "the earlier version"})
    earlier.close()
    monkeypatch.undo()

    db = StationDB.open(tmp_path / "station.db", key)
    try:
        assert db.query("PRAGMA cipher_hmac_algorithm") == [("HMAC_SHA512",)]
        Journal(db).append(JournalKind.LOGIN, {"by": "this version"})
        assert verify_journal(db).ok and verify_journal(db).entries_checked == 2
    finally:
        db.close()
    with pytest.raises(JournalError, match="wrong key"):
        StationDB.open(tmp_path / "station.db", secrets.token_bytes(32))


def test_the_newest_of_a_kind_and_a_kind_past_a_seq_are_found_by_the_key_or_by_the_index_alike(db, monkeypatch):
    """Both ways to the entries of one kind give the same answer: the range of seq read by the key (the entries are
    recent) and the (kind, request) index (they are not; the index orders a kind by request first)."""
    from sealstation.journal import journal as journal_module
    from sealstation.journal.journal import kind_term, latest_of_kind

    monkeypatch.setattr(journal_module, "_BY_KEY", 5)
    j = Journal(db)
    j.append(JournalKind.STAMP_STARTED, {"request": "R2"})
    newest = j.append(JournalKind.STAMP_STARTED, {"request": "R1"})  # a request that sorts first in the index
    for n in range(3):
        j.append(JournalKind.LOGIN, {"n": n})
    assert latest_of_kind(db, JournalKind.STAMP_STARTED, "seq") == (newest.seq,)  # by the key
    for n in range(5):
        j.append(JournalKind.LOGIN, {"n": n})
    assert latest_of_kind(db, JournalKind.STAMP_STARTED, "seq") == (newest.seq,)  # beyond the last five: the index
    assert latest_of_kind(db, JournalKind.STAMP_DONE, "seq") is None

    head = j.last().seq
    assert kind_term(db, head - 5) == "+kind" and kind_term(db, head - 6, "r") == "r.kind"
    for after in (0, 1, head - 3):
        by = {term: db.query(f"SELECT COUNT(*) FROM journal WHERE {term} = 'login' AND seq > ?", (after,))[0][0]
              for term in ("+kind", "kind")}
        assert by["+kind"] == by["kind"] == sum(1 for e in j.entries(kinds=("login",)) if e.seq > after)


def test_the_entry_hash_written_out_is_the_hash_of_the_body_digest_the_archive_checks():
    from sealstation.journal.journal import body_digest, entry_hash, hash_from_body

    for actor in ("custodian", None):
        seq, at, kind, data, prev = 7, "2026-12-07T01:00:00.000000+00:00", "stamp_done", '{"文件":"合同.pdf"}', "a" * 64
        assert entry_hash(seq, at, actor, kind, data, prev) == hash_from_body(seq, kind, body_digest(at, actor, data),
                                                                              prev)


def test_a_log_that_cannot_be_flushed_is_an_error_in_words(db, monkeypatch):
    import os

    def failing(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fdatasync", failing)
    with pytest.raises(JournalError, match="could not be flushed to the disk.*power cut"):
        Journal(db).append(JournalKind.LOGIN, {})


def test_statements_in_use_are_compiled_once_not_at_every_call(db):
    """The statement cache holds what a station runs after its migrations: with sqlcipher3's default of 100 the
    append's read and insert pushed each other out and were compiled again at every call (the authorizer is asked
    only when a statement is compiled)."""
    journal = Journal(db)
    for i in range(3):  # each of the append's statements compiled once
        journal.append(JournalKind.STAMP_DONE, {"request": f"R{i}"}, actor="custodian")
    compiled = []

    def authorizer(action, *args):
        compiled.append(action)
        return sqlcipher3.SQLITE_OK

    db.conn.set_authorizer(authorizer)  # SQLite expires every prepared statement when it is set: one more round
    try:
        journal.append(JournalKind.STAMP_DONE, {"request": "R"}, actor="custodian")
        compiled.clear()
        for i in range(20):
            journal.append(JournalKind.STAMP_DONE, {"request": f"R{i}"}, actor="custodian")
    finally:
        db.conn.set_authorizer(None)
    assert compiled == []


def test_append_and_verify(db):
    j = filled(db)
    assert j.last().seq == 10 and j.last().data == {"n": 9, "doc": "文件9.pdf"}
    result = verify_journal(db)
    assert result.ok and result.entries_checked == 10


def test_triggers_refuse_update_and_delete(db):
    filled(db, 2)
    for sql in ("UPDATE journal SET actor = 'x'", "DELETE FROM journal WHERE seq = 1"):
        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            db.conn.execute(sql)


def tamper(db, *sql):
    db.conn.execute("DROP TRIGGER journal_no_update")
    db.conn.execute("DROP TRIGGER journal_no_delete")
    for s in sql:
        db.conn.execute(s)


def test_changed_entry_is_found(db):
    filled(db)
    tamper(db, "UPDATE journal SET data = '{\"n\":99}' WHERE seq = 4")
    problems = verify_journal(db).problems
    assert [(p.seq, p.what) for p in problems] == [(4, "changed")]


def test_changed_entry_with_recomputed_hash_breaks_the_next_link(db):
    from sealstation.journal.journal import entry_hash

    filled(db)
    seq, at, actor, kind, data, prev, _ = db.query("SELECT * FROM journal WHERE seq = 4")[0]
    forged = entry_hash(seq, at, actor, kind, '{"n":99}', prev)
    tamper(db, f"UPDATE journal SET data = '{{\"n\":99}}', hash = '{forged}' WHERE seq = 4")
    assert [(p.seq, p.what) for p in verify_journal(db).problems] == [(5, "bad-link")]


def test_removed_entry_is_found(db):
    filled(db)
    tamper(db, "DELETE FROM journal WHERE seq = 6")
    problems = verify_journal(db).problems
    assert (7, "removed") in [(p.seq, p.what) for p in problems]


def test_inserted_entry_is_found(db):
    from sealstation.journal.journal import entry_hash

    filled(db, 5)
    # Make room at seq 3 and put a forged entry there, with a plausible hash.
    rows = db.query("SELECT * FROM journal WHERE seq >= 3 ORDER BY seq DESC")
    tamper(db)
    for row in rows:
        db.conn.execute("UPDATE journal SET seq = ? WHERE seq = ?", (row[0] + 1, row[0]))
    prev = db.query("SELECT hash FROM journal WHERE seq = 2")[0][0]
    at = "2026-11-24T10:00:00.000000+00:00"
    forged = entry_hash(3, at, "mallory", "stamp_done", "{}", prev)
    db.conn.execute("INSERT INTO journal VALUES (3, ?, 'mallory', 'stamp_done', '{}', ?, ?)", (at, prev, forged))
    problems = [(p.seq, p.what, p.detail) for p in verify_journal(db).problems]
    # The forged entry hashes right and links to entry 2; every entry after it was moved up by one.
    assert problems == [(n + 1, "reordered", f"this entry was written as entry {n}") for n in (3, 4, 5)]


def test_reordered_entries_are_found(db):
    filled(db)
    a = db.query("SELECT at, actor, kind, data, prev_hash, hash FROM journal WHERE seq = 3")[0]
    b = db.query("SELECT at, actor, kind, data, prev_hash, hash FROM journal WHERE seq = 4")[0]
    tamper(db)
    db.conn.execute("UPDATE journal SET at=?, actor=?, kind=?, data=?, prev_hash=?, hash=? WHERE seq = 3", b)
    db.conn.execute("UPDATE journal SET at=?, actor=?, kind=?, data=?, prev_hash=?, hash=? WHERE seq = 4", a)
    problems = [(p.seq, p.what, p.detail) for p in verify_journal(db).problems]
    assert problems == [(3, "reordered", "this entry was written as entry 4"),
                        (4, "reordered", "this entry was written as entry 3")]


def test_tamper_locks_stamping_until_reviewed(db, seal_token):
    from sealstation.journal.review import OfficeReview, sign_review, unreviewed_stops

    filled(db)
    j = Journal(db, ca_cert=seal_token.authority.certificate, station_id="st-1")
    tamper(db, "UPDATE journal SET data = '{}' WHERE seq = 2")
    result = verify_journal(db)
    stop = j.record_tamper(result)
    with pytest.raises(JournalTamperedError, match="entry 2: changed"):
        j.check_not_tampered()
    db.conn.execute("DELETE FROM station_state WHERE key = 'journal_tampered'")  # as an insider would
    with pytest.raises(JournalTamperedError, match="no review signed by the office"):
        j.check_not_tampered()

    def review(note):
        head = j.last()
        return OfficeReview("st-1", "admin", note, head.seq, head.hash, unreviewed_stops(db, j.ca_cert, "st-1"))

    with pytest.raises(JournalError, match="A review needs a note"):
        j.acknowledge_tamper(review("  "), sign_review(review("  "), seal_token.authority))
    with pytest.raises(JournalTamperedError, match="not signed"):
        j.acknowledge_tamper(review("forged"), "00" * 64)
    signed = review("entry 2 edited by a technician; reported")
    assert signed.stops == (stop,)
    j.acknowledge_tamper(signed, sign_review(signed, seal_token.authority))
    j.check_not_tampered()
    kinds = [e.kind for e in j.entries()][-2:]
    assert kinds == ["journal_tamper_detected", "journal_reviewed"]
    # Never repaired: entry 2 still fails.
    assert not verify_journal(db).ok


def test_migrations_from_every_earlier_version(tmp_path, key):
    for start in [0] + [m.version for m in MIGRATIONS[:-1]]:
        db = StationDB.open(tmp_path / f"v{start}.db", key, migrate=False)
        migrate(db, target=start)
        assert schema_version(db) == start
        if start >= 1:
            Journal(db).append(JournalKind.LOGIN, {"at_version": start})
        assert migrate(db) == LATEST
        tables = {r[0] for r in db.query("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"journal", "users", "seals", "requests", "approvals"} <= tables
        assert verify_journal(db).ok
        db.close()
    # Every version, in order: a gap filled later would never run on a database already past it.
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))


def test_the_steps_that_bring_a_database_forward_are_journalled_once(tmp_path, key):
    """An upgrade: one schema_migrated entry (from, to, the steps), once, however often the station opens."""
    db = StationDB.open(tmp_path / "old.db", key, migrate=False)
    migrate(db, target=LATEST - 2)
    Journal(db).append(JournalKind.LOGIN, {"at_version": LATEST - 2})
    assert journal_migrations(db, Journal(db)) is None  # made at that version: nothing to journal
    assert migrate(db) == LATEST
    assert journal_migrations(db, Journal(db)) == LATEST - 2
    assert journal_migrations(db, Journal(db)) is None and migrate(db) == LATEST
    entries = [e for e in Journal(db).entries() if e.kind == JournalKind.SCHEMA_MIGRATED]
    assert [(e.data["from"], e.data["to"], [s["version"] for s in e.data["steps"]]) for e in entries] == [
        (LATEST - 2, LATEST, [LATEST - 1, LATEST])]
    assert verify_journal(db).ok
    db.close()
    new = StationDB.open(tmp_path / "new.db", key)  # a new station's own schema is no migration
    assert journal_migrations(new, Journal(new)) is None
    new.close()


def test_newer_schema_is_refused(tmp_path, key):
    db = StationDB.open(tmp_path / "n.db", key)
    db.conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    db.close()
    with pytest.raises(JournalError, match="newer than this SealStation"):
        StationDB.open(tmp_path / "n.db", key)


def test_export_csv_and_jsonl(db, tmp_path):
    import csv
    import json

    filled(db, 3)
    assert export_journal(db, tmp_path / "a.csv", since=None, until=None, fmt="csv") == 3
    rows = list(csv.DictReader(open(tmp_path / "a.csv", encoding="utf-8")))
    assert rows[0]["kind"] == "stamp_done" and "文件0.pdf" in rows[0]["data"]
    assert export_journal(db, tmp_path / "a.jsonl", since="2000-01-01", until="2999-01-01", fmt="jsonl") == 3
    assert json.loads((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()[2])["seq"] == 3
    assert export_journal(db, tmp_path / "b.csv", since="2999-01-01", until=None, fmt="csv") == 0


def test_keyring_refusal_names_the_options():
    from keyring.backends.fail import Keyring as FailKeyring
    from keyrings.alt.file import PlaintextKeyring

    for backend in (FailKeyring(), PlaintextKeyring()):
        with pytest.raises(KeyringUnavailableError) as err:
            check_secure_backend(backend)
        assert "Secret Service" in err.value.hint and "passphrase" in err.value.hint


def test_keyring_key_is_made_once_and_kept_in_the_keyring(tmp_path, test_keyring):
    k1 = keyring_key("station-x", create=True)
    assert keyring_key("station-x", create=False) == k1 and len(k1) == 32
    with pytest.raises(KeyringUnavailableError, match="not in this computer's keyring"):
        keyring_key("station-never", create=False)


def test_passphrase_key(tmp_path):
    k = passphrase_key("办公室口令", tmp_path / "journal.salt", create=True)
    assert passphrase_key("办公室口令", tmp_path / "journal.salt", create=False) == k
    assert passphrase_key("wrong", tmp_path / "journal.salt", create=False) != k


def test_a_mistyped_journal_passphrase_is_named(tmp_path):
    """On a passphrase station the message names the passphrase, and SQLCipher's own log stays quiet."""
    import subprocess
    import sys

    from sealstation.config import StationConfig, StationHome
    from sealstation.station import open_station_db

    home = StationHome(tmp_path / "home")
    config = StationConfig(station_id="pp-station", journal_key_source="passphrase")
    open_station_db(home, config, passphrase="正确的口令").close()
    with pytest.raises(JournalError, match="The journal passphrase is wrong") as err:
        open_station_db(home, config, passphrase="wrong")
    assert "keyring" not in str(err.value)
    script = ("import sys; from sealstation.config import StationConfig, StationHome; "
              "from sealstation.station import open_station_db\n"
              f"try: open_station_db(StationHome({str(home.root)!r}), StationConfig(station_id='pp-station', "
              "journal_key_source='passphrase'), passphrase='wrong')\nexcept Exception: pass")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert "ERROR CORE" not in proc.stderr and "hmac" not in proc.stderr, proc.stderr


def test_append_takes_a_journal_kind_only(db):
    journal = Journal(db)
    with pytest.raises(TypeError, match="takes a JournalKind, not str 'stamp_done'"):
        journal.append("stamp_done", {})
    assert journal.last() is None
    entry = journal.append(JournalKind.STAMP_DONE, {"n": 1})
    assert entry.kind is JournalKind.STAMP_DONE and journal.last().kind is JournalKind.STAMP_DONE
    assert str(entry.kind) == "stamp_done" and f"{entry.kind}" == "stamp_done"


def test_an_unknown_kind_from_another_version_stays_readable(db):
    """A kind this version does not know reads back as its text: the journal stays verifiable and exportable."""
    from sealstation.journal.journal import GENESIS, canonical_json, entry_hash

    at, data = "2026-01-01T00:00:00.000000+00:00", canonical_json({"x": 1})
    digest = entry_hash(1, at, None, "kind_of_a_later_version", data, GENESIS)
    with db.transaction() as conn:
        conn.execute("INSERT INTO journal (seq, at, actor, kind, data, prev_hash, hash) VALUES (1, ?, NULL, ?, ?, ?, ?)",
                     (at, "kind_of_a_later_version", data, GENESIS, digest))
    journal = Journal(db)
    assert journal.last().kind == "kind_of_a_later_version" and not isinstance(journal.last().kind, JournalKind)
    journal.append(JournalKind.LOGIN, {})
    assert verify_journal(db).ok
    assert [e.kind for e in journal.entries(kinds=(JournalKind.LOGIN,))] == [JournalKind.LOGIN]
    with pytest.raises(ValueError):
        list(journal.entries(kinds=("no_such_kind",)))


def test_entries_of_before_schema_18_keep_verifying_and_the_old_formula_stops_at_the_switch(tmp_path, key):
    from sealstation.journal.journal import GENESIS, canonical_json, entry_hash, legacy_entry_hash

    db = StationDB.open(tmp_path / "old.db", key, migrate=False)
    migrate(db, target=16)
    prev = GENESIS
    for seq in (1, 2, 3):  # as SealStation wrote them before schema 18
        at, data = f"2026-01-0{seq}T00:00:00.000000+00:00", canonical_json({"n": seq})
        digest = legacy_entry_hash(seq, at, "custodian", "login", data, prev)
        db.conn.execute("INSERT INTO journal (seq, at, actor, kind, data, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
                        (seq, at, "custodian", "login", data, prev, digest))
        prev = digest
    migrate(db)
    assert db.query("SELECT value FROM station_state WHERE key = 'journal_format_2_from'")[0][0] == "4"
    new = Journal(db).append(JournalKind.LOGIN, {"n": 4})
    assert new.hash == entry_hash(4, new.at, None, "login", canonical_json({"n": 4}), prev)
    assert verify_journal(db).ok
    # Entry 5 in the old formula, to pass as an old entry: named, whatever the entry says.
    at, data = "2026-01-05T00:00:00.000000+00:00", "{}"
    db.conn.execute("INSERT INTO journal (seq, at, actor, kind, data, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
                    (5, at, None, "login", data, new.hash, legacy_entry_hash(5, at, None, "login", data, new.hash)))
    [problem] = verify_journal(db).problems
    assert (problem.seq, problem.what) == (5, "old-format")
    # The switch point's row removed: the first new-format entry stands for it.
    db.conn.execute("DELETE FROM station_state WHERE key = 'journal_format_2_from'")
    assert [(p.seq, p.what) for p in verify_journal(db).problems] == [(5, "old-format")]
    db.close()


def test_entry_times_are_stored_in_utc_whatever_zone_the_clock_gives(db):
    import datetime as dt

    beijing = dt.timezone(dt.timedelta(hours=8))
    journal = Journal(db, clock=lambda: dt.datetime(2026, 12, 6, 20, 0, 0, 123456, tzinfo=beijing))
    assert journal.append(JournalKind.LOGIN, {}).at == "2026-12-06T12:00:00.123456+00:00"
    journal.clock = lambda: dt.datetime(2026, 12, 6, 12, 0, 1, tzinfo=dt.timezone.utc)
    assert journal.append(JournalKind.LOGIN, {}).at == "2026-12-06T12:00:01.000000+00:00"
