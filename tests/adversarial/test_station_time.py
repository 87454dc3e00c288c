"""Attack: the station's clock is the custodian's to set (faketime, or any clock given to the station).

The custodian cannot set the computer's clock (root), but can run the station
under a clock of their choosing. Each attack is done with an injected clock,
in the process (``station.clock``) or in a CLI process started with its clock
shifted (what ``faketime`` does; the ``faketime`` variant runs when it is
installed). Defence (sealstation/journal/clock.py): journal time never goes
backwards; expiry and the sync grace are judged against the latest time the
station has seen (journal, token checkpoint, the archive's receipt); a clock
far behind it stops the station, journalled, until the office's signed review.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from sealstation.errors import ApprovalError, ClockSetBackError, SyncGraceError
from sealstation.journal.clock import CLOCK_TOLERANCE
from sealstation.journal.journal import verify_journal
from sealstation.model import Placement
from sealstation.station import StampRequestSpec, Station
from support.archive import stamp_some
from support.cli import approve_cli, run_cli
from support.pdfs import make_pdf
from support.station_fixtures import approve, office_authority, password
from test_checkpoint import assert_refused_before_signing, doc, entries

TESTS = str(Path(__file__).resolve().parents[1])

# The CLI with its clock shifted by N seconds, as faketime would give it (every Station it opens reads it).
SHIFTED_CLI = r"""
import datetime as dt, sys
sys.path.insert(0, sys.argv[1])
shift = dt.timedelta(seconds=float(sys.argv[2]))
from sealstation.station import Station
Station.__init__.__kwdefaults__["clock"] = lambda: dt.datetime.now(dt.timezone.utc) + shift
from sealstation.cli import main
sys.exit(main(sys.argv[3:]))
"""


def shifted_cli(shift: dt.timedelta, *args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SEALSTATION_HOME"}
    return subprocess.run([sys.executable, "-c", SHIFTED_CLI, TESTS, str(shift.total_seconds()), *args,
                           "--home", str(home)], input=stdin, capture_output=True, text=True, env=env, timeout=120,
                          start_new_session=True)


def shifted_stamp(shift: dt.timedelta, home: Path, src: Path, out: Path, pin: str) -> subprocess.CompletedProcess:
    return shifted_cli(shift, "stamp", str(src), "--seal", "official", "--page", "1", "--at", "100,120", "--out",
                       str(out), "--user", "custodian", "--stdin-secrets", home=home,
                       stdin=f"{password('custodian')}\n{pin}\n")


def plan(station, src: Path, out: Path):
    return station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), out))


def test_an_expired_approval_does_not_stamp_after_the_clock_is_set_back(station, tmp_path):
    real = station.clock
    src = make_pdf(tmp_path / "a.pdf")
    request = approve(station, src, ["official"])
    expires = dt.datetime.fromisoformat(station.requests.approval_of(request.id).expires_at)
    station.clock = lambda: expires + dt.timedelta(hours=1)  # a week on: the custodian tries, and is refused
    with pytest.raises(ApprovalError, match="expired"):
        station.stamping().authorise_stamp(plan(station, src, tmp_path / "late.pdf"), user="custodian",
                                password=password("custodian"))
    station.clock = real  # faketime back to the week the approval was valid
    with pytest.raises(ClockSetBackError, match="earlier than the latest time the station has seen") as caught:
        station.stamping().authorise_stamp(plan(station, src, tmp_path / "back.pdf"), user="custodian",
                                password=password("custodian"))
    assert "journal entry" in str(caught.value) and "office reviews" in caught.value.hint
    (stop,) = entries(station.home.root, "journal_tamper_detected")
    assert stop.data["source"] == "the station's clock" and station.journal.tampered()
    assert not (tmp_path / "back.pdf").exists()
    assert verify_journal(station.db).ok


def test_within_the_tolerance_the_station_time_is_the_latest_time_seen(station, pin, tmp_path):
    """A clock a little behind (a time server's step) stamps, but nothing is dated earlier than what came before:
    not the journal, not the approval's expiry, not the PAdES signing time."""
    from support.station_fixtures import sign_plan

    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    last = dt.datetime.fromisoformat(station.journal.last().at)
    real = station.clock
    station.clock = lambda: real() - CLOCK_TOLERANCE / 2
    assert station.now() >= last
    out = tmp_path / "a-stamped.pdf"
    sign_plan(station, plan(station, src, out), out, pin, approve_first=False)
    times = [e.at for e in station.journal.entries()]
    assert times == sorted(times), "journal time never goes backwards"
    (signature,) = station.audit().verify(out).signatures
    signed_at = dt.datetime.fromisoformat(signature.signing_time)
    assert signed_at >= last.replace(microsecond=0), "the signing time is not backdated"


def test_a_stamp_made_ahead_of_time_stops_the_station_until_the_office_reviews(cli_home, seal_token, tmp_path, pin):
    """40 days ahead (into next month's report), then back: the station stops and says what happened; the
    office reviews once the clock is right, and stamping resumes (also past the token's checkpoint time)."""
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"), home / "office" / "seal-authority-key.pem")
    ahead = dt.timedelta(days=40)
    for name in ("a", "b"):  # approved 40 days ahead too: an approval lasts a week
        approve_ahead = shifted_cli(ahead, "approve", str(tmp_path / "in" / f"{name}.pdf"), "--seal", "official",
                                    "--copies", "1", "--approver", "gm", "--stdin-secrets", home=home,
                                    stdin=password("gm") + "\n")
        assert approve_ahead.returncode == 0, approve_ahead.stderr
    assert shifted_stamp(ahead, home, a, tmp_path / "a.pdf", pin).returncode == 0  # dated next month
    proc = shifted_stamp(dt.timedelta(0), home, b, tmp_path / "b.pdf", pin)  # the clock put right
    assert_refused_before_signing(proc, tmp_path / "b.pdf", home, 1, "earlier than the latest time the station has seen")
    assert "set ahead by mistake" in proc.stderr and "40 days earlier" in proc.stderr, proc.stderr
    assert entries(home, "journal_tamper_detected")[0].data["source"] == "the station's clock"
    proc = run_cli("journal", "review", "--by", "admin", "--note", "clock had been set ahead; put right",
                   "--stdin-secrets", home=home, stdin=f"{password('admin')}\n{seal_token.authority_passphrase}\n")
    assert proc.returncode == 0, proc.stderr
    proc = shifted_stamp(dt.timedelta(0), home, b, tmp_path / "b.pdf", pin)
    assert proc.returncode == 0, proc.stderr


def test_the_token_checkpoint_time_stops_a_clock_set_back_after_the_journal_was_cut(cli_home, tmp_path, pin):
    """The journal's later entries cut (they are after the checkpoint) so that its last time is early: the
    token still holds the time of the entry it covered."""
    from support.insider import insider_sql

    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    approve_cli(home, a, "official")
    shift = dt.timedelta(days=3)
    assert shifted_cli(shift, "approve", str(b), "--seal", "official", "--copies", "1", "--approver", "gm",
                       "--stdin-secrets", home=home, stdin=password("gm") + "\n").returncode == 0
    assert shifted_stamp(shift, home, b, tmp_path / "b.pdf", pin).returncode == 0  # the token covers day 3
    conn = insider_sql(home)  # make the journal's last time early again: re-date every entry after the checkpoint
    (started,) = conn.execute("SELECT seq FROM journal WHERE kind = 'stamp_started'").fetchone()
    conn.execute("DROP TRIGGER journal_no_update")
    early = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1)).isoformat(timespec="microseconds")
    conn.execute("UPDATE journal SET at = ? WHERE seq > ?", (early, started))
    from test_checkpoint import rehash_from

    rehash_from(conn, started + 1)
    conn.close()
    proc = shifted_stamp(dt.timedelta(0), home, a, tmp_path / "a.pdf", pin)
    assert_refused_before_signing(proc, tmp_path / "a.pdf", home, 1, "the last stamp recorded on this seal's USB key")
    assert "earlier than the latest time" in proc.stderr


def test_a_clock_set_back_during_an_archive_outage_does_not_pass_the_day_grace(station, pin, tmp_path):
    real = station.clock
    station.setup().sign_policy(replace(station.policy, sync_grace_days=3), by="admin", password=password("admin"),
                        authority=office_authority())
    stamp_some(station, pin, tmp_path, 1, "a")  # not synced: the archive is away
    station.clock = lambda: real() + dt.timedelta(days=4)
    with pytest.raises(SyncGraceError, match="allows 3 day"):
        stamp_some(station, pin, tmp_path, 1, "b")
    station.clock = lambda: real() + dt.timedelta(days=1)  # back to within the grace
    with pytest.raises(ClockSetBackError):
        stamp_some(station, pin, tmp_path, 1, "c")
    assert station.journal.tampered()


def test_the_archives_receipt_time_is_a_time_the_station_has_seen(station, tmp_path):
    """The archive's receipt time the station kept at its last sync: a receipt later than the clock stops it."""
    from sealstation.station_time import archive_receipt_time

    with station.db.transaction() as conn:
        conn.execute("INSERT INTO archive_sync (archive, latest_receipt) VALUES ('x', ?)",
                     ((dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=2)).isoformat(timespec="seconds"),))
    seen = archive_receipt_time(station.db)
    assert seen is not None and "archive" in seen.source
    assert station.now() >= seen.at
    with pytest.raises(ClockSetBackError, match="office archive"):
        station.check_clock()


@pytest.mark.skipif(shutil.which("faketime") is None, reason="faketime is not installed (Debian: faketime)")
def test_faketime_back_past_an_expired_approval_is_stopped(station, tmp_path, pin):
    src = make_pdf(tmp_path / "a.pdf")
    home = station.home.root
    approve(station, src, ["official"])
    station.clock = lambda: dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=8)
    with pytest.raises(ApprovalError, match="expired"):  # day 8: the custodian tries, and is refused
        station.stamping().authorise_stamp(plan(station, src, tmp_path / "late.pdf"), user="custodian",
                                password=password("custodian"))
    station.close()
    env = {k: v for k, v in os.environ.items() if k != "SEALSTATION_HOME"}
    proc = subprocess.run(["faketime", "-f", "-1d", sys.executable, "-m", "sealstation", "stamp", str(src), "--seal",
                           "official", "--page", "1", "--at", "100,120", "--out", str(tmp_path / "o.pdf"), "--user",
                           "custodian", "--stdin-secrets", "--home", str(home)],
                          input=f"{password('custodian')}\n{pin}\n", capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 1 and "earlier than the latest time" in proc.stderr, proc.stderr
