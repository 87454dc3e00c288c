"""Attack: erase the use of an approval, then stamp with it again; the token remembers the use.

The checkpoint written to the seal's token in the signing login covers the
attempt's ``stamp_started``; everything after it (``stamp_done``, recovery's
entries) is still the custodian's to rewrite with the database key. So the
checkpoint names the attempt it signs for, and an approval the token saw used
is never free again: deleting ``stamp_done`` and what followed (with the
``stamps`` and ``stamp_uses`` rows) stops the station and ``journal verify
--pin-check`` says so; turning the use into a crash (the row set back to
``reserved`` so that recovery writes ``stamp_interrupted``) is refused in the
login. Done as the insider would: sqlcipher3 with the station's key, the
triggers dropped, the CLI as a real process.
"""

from __future__ import annotations

from support.cli import approve_cli, run_cli, stamp_cli
from support.insider import insider_sql
from test_checkpoint import assert_refused_before_signing, doc, entries, kinds


def erase_the_stamp(home, *, keep_reservation: bool) -> int:
    """Delete ``stamp_done`` and everything after it, the stamps row, and set the request back; the attempt."""
    conn = insider_sql(home)
    (attempt,) = conn.execute("SELECT seq FROM journal WHERE kind = 'stamp_started'").fetchone()
    conn.execute("DROP TRIGGER journal_no_delete")
    conn.execute("DELETE FROM journal WHERE seq > ?", (attempt,))
    conn.execute("DELETE FROM stamps")
    if keep_reservation:  # recovery then finds an attempt cut short and "releases" the approval itself
        conn.execute("UPDATE stamp_uses SET state = 'reserved', temp = NULL, sha256_after = NULL")
    else:
        conn.execute("DELETE FROM stamp_uses")
    conn.execute("UPDATE requests SET state = 'approved'")
    conn.close()
    return attempt


def test_erasing_stamp_done_and_the_rows_stops_the_station_and_pin_check_says_so(cli_home, tmp_path, pin):
    home, a = cli_home, doc(tmp_path, "a")
    approve_cli(home, a, "official")
    assert stamp_cli(home, a, tmp_path / "a1.pdf", "official", pin).returncode == 0
    erase_the_stamp(home, keep_reservation=False)
    assert run_cli("journal", "verify", home=home).returncode == 0, "the cut chain still verifies on its own"
    proc = run_cli("journal", "verify", "--pin-check", "--stdin-secrets", home=home, stdin=pin + "\n")
    assert proc.returncode == 1 and "Checkpoint: rewritten" in proc.stdout, proc.stdout + proc.stderr
    assert "were erased" in proc.stdout + proc.stderr
    proc = stamp_cli(home, a, tmp_path / "a2.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "a2.pdf", home, 0, "stopped")


def test_erased_use_is_caught_at_the_stamp_without_a_pin_check(cli_home, tmp_path, pin):
    home, a = cli_home, doc(tmp_path, "a")
    approve_cli(home, a, "official")
    assert stamp_cli(home, a, tmp_path / "a1.pdf", "official", pin).returncode == 0
    attempt = erase_the_stamp(home, keep_reservation=False)
    proc = stamp_cli(home, a, tmp_path / "a2.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "a2.pdf", home, 0, "were erased")
    assert f"attempt {attempt}" in proc.stderr and "office must review" in proc.stderr
    (found,) = entries(home, "journal_tamper_detected")
    assert "were erased" in found.data["reason"] and found.data["source"].startswith("checkpoint on token")


def test_a_use_turned_into_a_crash_is_still_a_use(cli_home, tmp_path, pin):
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    assert stamp_cli(home, a, tmp_path / "a1.pdf", "official", pin).returncode == 0
    erase_the_stamp(home, keep_reservation=True)
    proc = stamp_cli(home, a, tmp_path / "a2.pdf", "official", pin)  # recovery writes stamp_interrupted first
    assert "stamp_interrupted" in kinds(home)
    assert_refused_before_signing(proc, tmp_path / "a2.pdf", home, 0, "already used by attempt")
    assert "new approval" in proc.stderr
    assert not entries(home, "journal_tamper_detected"), "a spent approval is a refusal, not a stop"
    # Another approval still stamps, and the erased use stays spent after the token covered the undo entry.
    assert stamp_cli(home, b, tmp_path / "b.pdf", "official", pin).returncode == 0
    proc = stamp_cli(home, a, tmp_path / "a3.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "a3.pdf", home, 1, "already used by attempt")
