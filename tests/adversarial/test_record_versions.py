"""Attack: bring back an older signed version of a record; the token's version counters refuse it.

Every version the office signs stays valid as a signature: a user record before
the office locked the account, the policy file before the office signed a new
one, a delegation before the office replaced it. The insider (OS account,
database key, PIN) keeps copies and puts them back: SQL through sqlcipher3 with
the known key, or plain file copies. The gate accepts the signature; the
checkpoint on the seal's token, whose counters were raised by the journal
entries of the newer versions, refuses the older one before signing. Stamps go
through the CLI as real processes; the office's actions use its seal authority.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sealstation.seals.lifecycle import Delegation
from sealstation.station import Station
from support.cli import approve_cli, stamp_cli
from support.station_fixtures import TEST_POLICY, office_authority, password
from test_checkpoint import assert_refused_before_signing, doc, entries, kinds, sql

USER_COLUMNS = ("roles", "approver_level", "disabled", "record_version", "public_key_pem", "record_signature")


def signed_row(home: Path, username: str) -> tuple:
    """The insider's copy of a user's signed columns, taken while they are current."""
    conn = sql(home)
    row = conn.execute(f"SELECT {', '.join(USER_COLUMNS)} FROM users WHERE username = ?", (username,)).fetchone()
    conn.close()
    return row


def put_back(home: Path, username: str, row: tuple) -> None:
    """Copy the old row's columns back over the current ones."""
    conn = sql(home)
    conn.execute(f"UPDATE users SET {', '.join(f'{c} = ?' for c in USER_COLUMNS)} WHERE username = ?",
                 (*row, username))
    conn.close()


def assert_caught_by_the_checkpoint(proc, out: Path, home: Path, done_before: int, words: str) -> None:
    """Refused before signing, detected when comparing with the token checkpoint, and the stop set."""
    assert_refused_before_signing(proc, out, home, done_before, words)
    assert "brought back from an earlier copy" in proc.stderr, proc.stderr
    assert "office must review" in proc.stderr
    (found,) = entries(home, "journal_tamper_detected")
    assert words in found.data["reason"] and found.data["source"].startswith("checkpoint on token")


@pytest.mark.parametrize("who", ["gm", "custodian"])
def test_a_user_record_from_before_the_office_locked_it_is_refused_by_the_counter(cli_home, tmp_path, pin, who):
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")  # gm's approval, made before the lock
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin).returncode == 0  # the token has a checkpoint
    before_lock = signed_row(home, who)
    with Station.open(home) as st:  # the office locks the account: a new signed version
        st.users.set_locked(who, True, by="admin", authority=office_authority())
    assert stamp_cli(home, b, tmp_path / "b.pdf", "official", pin).returncode == 1  # the gate refuses the lock
    put_back(home, who, before_lock)  # the unlocked version, with its genuine signature
    with Station.open(home) as st:
        assert st.users.check_record(st.users.get(who)), "the row alone passes: its signature is the office's"
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert_caught_by_the_checkpoint(proc, tmp_path / "b.pdf", home, 1, f"the user record of {who} is older")


def test_an_older_signed_policy_file_copied_back_is_refused_by_the_counter(cli_home, tmp_path, pin):
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin).returncode == 0
    old = tmp_path / "old-policy"
    old.mkdir()
    for name in ("policy.json", "policy.json.sig"):  # the insider keeps the signed files as they are
        shutil.copy2(home / "office" / name, old / name)
    with Station.open(home) as st:  # the office signs a stricter policy
        st.setup().sign_policy(TEST_POLICY, by="admin", password=password("admin"), authority=office_authority())
        assert st.policy.version == TEST_POLICY.version + 1
    for name in ("policy.json", "policy.json.sig"):
        shutil.copy2(old / name, home / "office" / name)
    with Station.open(home) as st:
        assert st.policy.version == TEST_POLICY.version, "the old file opens: its signature is the office's"
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert_caught_by_the_checkpoint(proc, tmp_path / "b.pdf", home, 1, "the station policy (office/policy.json) is older")


def test_a_new_policy_version_stamps(cli_home, tmp_path, pin):
    """Control: the same steps without the copy back stamp, and each signing raises the version."""
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin).returncode == 0
    with Station.open(home) as st:
        for _ in range(2):
            st.setup().sign_policy(TEST_POLICY, by="admin", password=password("admin"), authority=office_authority())
        assert st.policy.version == TEST_POLICY.version + 2
        assert [e.data["new"]["version"] for e in st.journal.entries(kinds=("policy_signed",))] == [1, 2]
    assert stamp_cli(home, b, tmp_path / "b.pdf", "official", pin).returncode == 0


def test_a_delegation_deleted_and_restored_from_before_the_office_replaced_it_is_refused(cli_home, tmp_path, pin):
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    now = dt.datetime.now(dt.timezone.utc)
    with Station.open(home) as st:  # the office adds a stand-in custodian and delegates the 公章 for a month
        st.users.add("deputy", "deputy", ["custodian"], "first-deputy-pw", by="admin", authority=office_authority())
        st.users.change_password("deputy", "first-deputy-pw", password("deputy"))
        st.seals.delegate(Delegation("official", "deputy", now - dt.timedelta(days=1), now + dt.timedelta(days=30),
                                     "出差", "gm"), by="admin", authority=office_authority())
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin, user="deputy").returncode == 0
    conn = sql(home)
    month = conn.execute("SELECT seal_id, delegate, starts, ends, reason, approved_by, signature, version "
                         "FROM delegations WHERE delegate = 'deputy'").fetchone()
    conn.close()
    with Station.open(home) as st:  # the office ends it early: a newer delegation replaces it
        st.seals.delegate(Delegation("official", "deputy", now - dt.timedelta(days=1), now - dt.timedelta(minutes=1),
                                     "出差提前结束", "gm"), by="admin", authority=office_authority())
    assert stamp_cli(home, b, tmp_path / "b.pdf", "official", pin, user="deputy").returncode == 1
    conn = sql(home)  # delete the deputy's delegations, and restore the month-long one from the copy
    conn.execute("DELETE FROM delegations WHERE delegate = 'deputy'")
    conn.execute("INSERT INTO delegations (seal_id, delegate, starts, ends, reason, approved_by, signature, version) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", month)
    conn.close()
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin, user="deputy")
    assert_caught_by_the_checkpoint(proc, tmp_path / "b.pdf", home, 1, "the latest delegation (代管) of seal 'official' is older")
    assert "stamp_done" in kinds(home)
