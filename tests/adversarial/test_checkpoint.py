"""Attack: undo or hide history in the database; the checkpoint on the seal's token disagrees.

The insider has the OS account, the database key and the PIN. Each attack is
done as they would do it: file copies of ``station.db`` (with its -wal/-shm),
SQL through sqlcipher3 with the known key after dropping the append-only
triggers, entries re-hashed in Python. Stamps and reviews go through the CLI
as real processes. Each test asserts how it ends: refused before signing (no
output, no ``stamp_done``), detected by ``journal verify``, and/or detected by
the token checkpoint.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import sqlcipher3

from sealstation.journal.journal import canonical_json, entry_hash
from sealstation.journal.keystore import keyring_key
from sealstation.journal.store import CIPHER_SETTINGS
from sealstation.seals.lifecycle import SealAction
from sealstation.station import Station
from support.cli import approve_cli, run_cli, stamp_cli
from support.insider import rehash_from
from support.pdfs import make_pdf
from support.station_fixtures import password

DB_FILES = ("station.db", "station.db-wal", "station.db-shm")


def doc(tmp_path: Path, name: str) -> Path:
    """An approved-to-be document, kept apart from the stamped outputs."""
    (tmp_path / "in").mkdir(exist_ok=True)
    return make_pdf(tmp_path / "in" / f"{name}.pdf", text=f"document {name}")


def snapshot(home: Path, to: Path) -> None:
    """``cp station.db snap.db`` (and the -wal/-shm files when there are any)."""
    to.mkdir()
    for name in DB_FILES:
        if (home / name).exists():
            shutil.copy2(home / name, to / name)


def restore(home: Path, snap: Path) -> None:
    for name in DB_FILES:
        (home / name).unlink(missing_ok=True)
        if (snap / name).exists():
            shutil.copy2(snap / name, home / name)


def sql(home: Path):
    """The database opened as the insider would: sqlcipher3 and the station's key."""
    conn = sqlcipher3.connect(str(home / "station.db"), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{keyring_key('test-station', create=False).hex()}'\"")
    for statement in CIPHER_SETTINGS:  # the settings are no secret: they are in the program
        conn.execute(statement)
    return conn


def kinds(home: Path) -> list[str]:
    with Station.open(home) as st:
        return [e.kind for e in st.journal.entries()]


def entries(home: Path, kind: str) -> list:
    with Station.open(home) as st:
        return list(st.journal.entries(kinds=(kind,)))


def assert_refused_before_signing(proc, out: Path, home: Path, done_before: int, words: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert words in proc.stderr, proc.stderr
    assert not out.exists() and not list(out.parent.glob(f".{out.name}.*"))
    assert kinds(home).count("stamp_done") == done_before, "nothing was signed and recorded"


def stopped_by_a_rollback(home: Path, b: Path, tmp_path: Path, pin: str) -> Path:
    """Approve ``a`` and ``b``, stamp ``a``, copy the database from before back: the next stamp sets the stop.

    Returns the snapshot (approvals made, nothing stamped, no stop).
    """
    a = doc(tmp_path, "a")
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    snap = tmp_path / "snap"
    snapshot(home, snap)
    assert stamp_cli(home, a, tmp_path / "a1.pdf", "official", pin).returncode == 0
    restore(home, snap)
    assert stamp_cli(home, a, tmp_path / "a2.pdf", "official", pin).returncode == 1  # the stop is set
    return snap


def test_a_rollback_by_file_copy_is_refused_before_signing(cli_home, tmp_path, pin):
    home, a = cli_home, doc(tmp_path, "a")
    approve_cli(home, a, "official")
    snap = tmp_path / "snap"
    snapshot(home, snap)
    assert stamp_cli(home, a, tmp_path / "a1.pdf", "official", pin).returncode == 0
    assert "checkpoint_started" in kinds(home)
    restore(home, snap)  # the approval is free again in the copy
    proc = stamp_cli(home, a, tmp_path / "a2.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "a2.pdf", home, 0, "rolled back")
    (found,) = entries(home, "journal_tamper_detected")
    assert "rolled back" in found.data["reason"] and found.data["source"].startswith("checkpoint on token")
    assert "office must review" in proc.stderr


def test_b_cutting_the_tail_and_the_stamps_row_is_refused_at_the_next_stamp(cli_home, tmp_path, pin):
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin).returncode == 0
    (started,) = entries(home, "stamp_started")
    conn = sql(home)  # hide the stamp: its journal entries, its stamps and use rows
    conn.execute("DROP TRIGGER journal_no_delete")
    conn.execute("DELETE FROM journal WHERE seq >= ?", (started.seq,))
    conn.execute("DELETE FROM stamps")
    conn.execute("DELETE FROM stamp_uses")
    conn.close()
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "b.pdf", home, 0, "rolled back")
    assert entries(home, "journal_tamper_detected")


def test_c_an_edited_and_rehashed_journal_passes_verify_but_not_the_checkpoint(cli_home, tmp_path, pin):
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin).returncode == 0
    conn = sql(home)  # blame someone else for the approval of a, and cover the tracks
    conn.execute("DROP TRIGGER journal_no_update")
    seq, data = conn.execute("SELECT seq, data FROM journal WHERE kind = 'approval_granted' ORDER BY seq").fetchone()
    conn.execute("UPDATE journal SET actor = 'cfo', data = ? WHERE seq = ?",
                 (canonical_json(json.loads(data) | {"approver": "cfo"}), seq))
    rehash_from(conn, seq)
    conn.close()
    proc = run_cli("journal", "verify", home=home)
    assert proc.returncode == 0 and "Journal intact" in proc.stdout, "the database alone cannot tell"
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "b.pdf", home, 1, "rolled back or rewritten")
    proc = run_cli("journal", "verify", "--pin-check", "--stdin-secrets", home=home, stdin=pin + "\n")
    assert proc.returncode == 1 and "Checkpoint: rewritten" in proc.stdout, proc.stdout + proc.stderr


def test_d_deleting_the_tamper_row_does_not_lift_the_stop(cli_home, tmp_path, pin):
    home, b = cli_home, doc(tmp_path, "b")
    snap = stopped_by_a_rollback(home, b, tmp_path, pin)
    conn = sql(home)
    conn.execute("DELETE FROM station_state WHERE key = 'journal_tampered'")
    conn.close()
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "b.pdf", home, 0, "no review signed by the office")
    # The copy from before the stop has neither the row nor the entry: the token still has the stop.
    restore(home, snap)
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "b.pdf", home, 0, "records that stamping was stopped")
    assert "rolled back" in proc.stderr


def test_e_an_older_seal_version_brought_back_is_refused_by_the_counter(cli_home, seal_token, tmp_path, pin):
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin).returncode == 0
    with Station.open(home) as st:  # the office revokes the seal
        revoked = st.seals.apply("official", SealAction.REVOKE, authority=seal_token.authority, by="admin",
                                 note="lost")
    assert stamp_cli(home, b, tmp_path / "b.pdf", "official", pin).returncode == 1  # the gate refuses revoked
    conn = sql(home)  # bring the issued version back: delete the revoked one
    conn.execute("DELETE FROM seals WHERE seal_id = 'official' AND version = ?", (revoked.version,))
    conn.close()
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "b.pdf", home, 1, "an older record was brought back")


def test_f_only_a_review_signed_by_the_office_lifts_the_stop(cli_home, seal_token, tmp_path, pin):
    home, b = cli_home, doc(tmp_path, "b")
    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"), home / "office" / "seal-authority-key.pem")
    stopped_by_a_rollback(home, b, tmp_path, pin)
    (stop,) = [e.data["stop"] for e in entries(home, "journal_tamper_detected")]

    # Unsigned: a review row chained properly, naming the stop, and the state row deleted.
    conn = sql(home)
    seq, prev = conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
    data = canonical_json({"note": "all fine", "signature": "00" * 64, "review": {
        "format": "sealstation-review/1", "station": "test-station", "reviewer": "admin", "note": "all fine",
        "covers_seq": seq, "covers_hash": prev, "stops": [stop]}})
    at = "2026-01-01T00:00:00.000000+00:00"
    conn.execute("INSERT INTO journal (seq, at, actor, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (seq + 1, at, "admin", "journal_reviewed", data, prev,
                  entry_hash(seq + 1, at, "admin", "journal_reviewed", data, prev)))
    conn.execute("DELETE FROM station_state WHERE key = 'journal_tampered'")
    conn.close()
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "b.pdf", home, 0, "no review signed by the office")

    # Signed by the office: the stop is lifted, and the next stamp clears it on the token.
    proc = run_cli("journal", "review", "--by", "admin", "--note", "snapshot restored by IT; reported",
                   "--stdin-secrets", home=home, stdin=f"{password('admin')}\n{seal_token.authority_passphrase}\n")
    assert proc.returncode == 0 and "signed by the office" in proc.stdout, proc.stderr
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("journal", "verify", "--pin-check", "--stdin-secrets", home=home, stdin=pin + "\n")
    assert proc.returncode == 0 and "Checkpoint: agrees" in proc.stdout, proc.stdout + proc.stderr


def test_verify_with_the_pin_reports_agrees_behind_and_no_checkpoint(cli_home, tmp_path, pin):
    home, a = cli_home, doc(tmp_path, "a")
    proc = run_cli("journal", "verify", "--pin-check", "--stdin-secrets", home=home, stdin=pin + "\n")
    assert proc.returncode == 0 and "Checkpoint: no checkpoint" in proc.stdout, proc.stdout + proc.stderr
    approve_cli(home, a, "official")
    snap = tmp_path / "snap"
    snapshot(home, snap)
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin).returncode == 0
    proc = run_cli("journal", "verify", "--pin-check", "--stdin-secrets", home=home, stdin=pin + "\n")
    assert proc.returncode == 0 and "Checkpoint: agrees" in proc.stdout, proc.stdout + proc.stderr
    restore(home, snap)
    proc = run_cli("journal", "verify", "--pin-check", "--stdin-secrets", home=home, stdin=pin + "\n")
    assert proc.returncode == 1 and "Checkpoint: behind" in proc.stdout, proc.stdout + proc.stderr
    assert entries(home, "journal_tamper_detected"), "the finding stops stamping"


def test_each_checkpoint_goes_to_the_witnesses_outside_the_station(station, pin, tmp_path):
    """The interface the office archive will implement: the checkpoint written at each stamp, handed over after it."""
    from support.pdfs import make_pdf
    from support.station_fixtures import stamp_approved

    seen = []

    class Archive:
        def witness(self, checkpoint):
            seen.append(checkpoint)

    class Unreachable:
        def witness(self, checkpoint):
            raise OSError("the office share is not mounted")

    station.witnesses[:] = [Unreachable(), Archive()]
    for i in range(2):
        stamp_approved(station, pin, make_pdf(tmp_path / f"a{i}.pdf", text=f"document {i}"), tmp_path / f"o{i}.pdf")
    assert len(seen) == 2 and seen[1].seq > seen[0].seq
    assert seen[1].station == station.config.station_id and seen[1].counters["seals"]["official"] >= 1
