"""Attack: bring a genuinely signed older record back under a new version number.

The insider keeps the office-signed "issued" record of a seal; after the office
revokes it, they file that record again as the seal's highest version (SQL with
the station's key), so that the register's newest row is the issued one. The
version is inside the signed bytes: the record is used only as the version the
office signed, and the token's counters refuse a version the station never
journalled the office signing. A deputy's delegation the office replaced is
caught per deputy, even while another deputy holds a higher version of the seal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sealstation.seals.lifecycle import Delegation, SealAction
from sealstation.seals.register import SealRecord, _sign
from sealstation.station import Station
from support.cli import approve_cli, stamp_cli
from support.insider import insider_sql
from support.station_fixtures import office_authority, password
from test_checkpoint import assert_refused_before_signing, doc
from test_record_versions import assert_caught_by_the_checkpoint


def seal_rows(home):
    conn = insider_sql(home)
    rows = conn.execute("SELECT version, record, signature, status, custodian, recorded_at FROM seals "
                        "WHERE seal_id = 'official' ORDER BY version").fetchall()
    conn.close()
    return rows


def test_a_revoked_seals_signed_issued_record_filed_as_a_higher_version_is_refused(cli_home, tmp_path, pin):
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin).returncode == 0
    issued = seal_rows(home)[-1]  # the insider's copy of the current, signed, issued record
    with Station.open(home) as st:
        revoked = st.seals.apply("official", SealAction.REVOKE, authority=office_authority(), by="admin", note="lost")
    assert stamp_cli(home, b, tmp_path / "b.pdf", "official", pin).returncode == 1  # revoked
    conn = insider_sql(home)  # file the issued record again, above the revocation
    conn.execute("INSERT INTO seals (seal_id, version, record, signature, status, custodian, recorded_at) "
                 "VALUES ('official', ?, ?, ?, ?, ?, ?)", (revoked.version + 1, *issued[1:]))
    conn.close()
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert_refused_before_signing(proc, tmp_path / "b.pdf", home, 1, "brought back under a new version")
    assert f"filed as version {revoked.version + 1}, but the office signed it as version {issued[0]}" in proc.stderr


def test_a_signed_version_the_station_never_journalled_is_refused_by_the_counter(cli_home, tmp_path, pin):
    """A record the office signed elsewhere (here: signed, never put through the station) under a higher version."""
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin).returncode == 0
    current = seal_rows(home)[-1]
    record = replace(SealRecord.from_json(current[1]), version=current[0] + 5, stations=())
    conn = insider_sql(home)
    conn.execute("INSERT INTO seals (seal_id, version, record, signature, status, custodian, recorded_at) "
                 "VALUES ('official', ?, ?, ?, ?, ?, ?)",
                 (record.version, record.canonical().decode(), _sign(record, office_authority()), *current[3:]))
    conn.close()
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin)
    assert proc.returncode == 1 and "a version the office never signed" in proc.stderr, proc.stderr
    assert_refused_before_signing(proc, tmp_path / "b.pdf", home, 1, f"signed no version above {current[0]}")


def test_one_deputys_replaced_delegation_brought_back_is_refused_while_another_holds_a_higher_version(
        cli_home, tmp_path, pin):
    home, a, b = cli_home, doc(tmp_path, "a"), doc(tmp_path, "b")
    now = dt.datetime.now(dt.timezone.utc)
    month = now + dt.timedelta(days=30)
    with Station.open(home) as st:
        for deputy in ("deputy", "deputy2"):
            st.users.add(deputy, deputy, ["custodian"], f"first-{deputy}-pw", by="admin", authority=office_authority())
            st.users.change_password(deputy, f"first-{deputy}-pw", password(deputy))
        st.seals.delegate(Delegation("official", "deputy", now - dt.timedelta(days=1), month, "出差", "gm"),
                          by="admin", authority=office_authority())
    approve_cli(home, a, "official")
    approve_cli(home, b, "official")
    assert stamp_cli(home, a, tmp_path / "a.pdf", "official", pin, user="deputy").returncode == 0
    with Station.open(home) as st:  # the office ends deputy's early (v2), then delegates to deputy2 (v3)
        st.seals.delegate(Delegation("official", "deputy", now - dt.timedelta(days=1), now - dt.timedelta(minutes=1),
                                     "出差提前结束", "gm"), by="admin", authority=office_authority())
        st.seals.delegate(Delegation("official", "deputy2", now - dt.timedelta(days=1), month, "出差", "gm"),
                          by="admin", authority=office_authority())
    assert stamp_cli(home, b, tmp_path / "b.pdf", "official", pin, user="deputy").returncode == 1
    conn = insider_sql(home)  # delete the replacement: deputy's month-long v1 is their latest again
    conn.execute("DELETE FROM delegations WHERE delegate = 'deputy' AND version = 2")
    conn.close()
    with Station.open(home) as st:
        assert st.seals.delegation_version("official") == 3, "the seal's highest version is unchanged"
    proc = stamp_cli(home, b, tmp_path / "b.pdf", "official", pin, user="deputy")
    assert_caught_by_the_checkpoint(proc, tmp_path / "b.pdf", home, 1,
                                    "the delegation (代管) of seal 'official' to deputy is older")
