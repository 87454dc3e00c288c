"""Issue 16 review: the new defences attacked again, as the insider would.

The insider has the station's OS account, the journal key (sqlcipher3 with
the station's own key), hence the station's signing key, the custodian's
password and the seal's PIN; never root. Each test is an attack a reviewer
found against the defences of classes 1, 4, 5, 7, 8 and 11, and ends found
by ``archive verify`` or refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sealstation.anchor import PIN_ENV
from sealstation.archive.audit import verify_archive
from sealstation.archive.authority_check import AUTHORITY_FINDING, records_for_segment
from sealstation.archive.backend import FolderArchive
from sealstation.archive.segment import Segment, read_segment_entries, sign_segment
from sealstation.journal.journal import GENESIS, JournalKind, canonical_json, entry_hash, iso_seconds

from adversarial.test_trust_anchor import forge_a_stamp
from support.insider import insider_sql, insider_station_identity
from support.station_fixtures import Station

pytestmark = pytest.mark.slow


def _findings(backend, ca) -> list:
    return [f for a in verify_archive(backend, ca, now=dt.datetime.now(dt.timezone.utc)) for f in a.findings]


def _append_by_sql(home, kind: str, data: dict) -> int:
    """An entry appended with the journal key, chained as the station chains it."""
    conn = insider_sql(home)
    try:
        seq, prev = conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
        seq += 1
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
        text = canonical_json(data)
        conn.execute("INSERT INTO journal (seq, at, actor, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (seq, at, None, kind, text, prev, entry_hash(seq, at, None, kind, text, prev)))
        return seq
    finally:
        conn.close()


@pytest.mark.parametrize("fmt", ["sealstation-segment/1", "sealstation-segment/2"])
def test_a_forged_stamp_hidden_then_disclosed_is_still_re_checked(station, seal_token, pin, tmp_path, monkeypatch,
                                                                   fmt):
    """A forged stamp is first sent without content or kind (an "undisclosed" finding that says: upgrade and sync),
    behind a later stamp entry sent in full; then the same entries are sent again in full, as an upgraded station
    does. The archive must judge the stamp when it first sees its content, not skip it as "already received"."""
    office_ca = seal_token.authority.certificate
    home = station.home.root
    station.close()
    monkeypatch.delenv(PIN_ENV, raising=False)  # a station installed before pins
    forge_a_stamp(home, seal_token, pin, tmp_path)
    conn = insider_sql(home)
    forged = {seq for (seq,) in conn.execute(
        "SELECT seq FROM journal WHERE kind IN ('approval_granted', 'stamp_started', 'stamp_done')")}
    [done] = [seq for (seq,) in conn.execute("SELECT seq FROM journal WHERE kind = 'stamp_done'")]
    conn.close()
    # A later stamp entry in full, so that the archive's high-water mark passes the forged one.
    _append_by_sql(home, JournalKind.STAMP_STARTED.value, {"request": "R-none", "seal": "official"})
    archive = FolderArchive.create(tmp_path / "archive")
    with Station.open(home, token=seal_token.session) as st:
        identity = insider_station_identity(home)
        last = st.db.query("SELECT MAX(seq) FROM journal")[0][0]
        entries, _ = read_segment_entries(st.db, 1, last)
        records = records_for_segment(st.db, entries)

        def put(doctored, made):
            segment = Segment(st.config.station_id, 1, last, GENESIS, entries[-1]["hash"], iso_seconds(made),
                              tuple(doctored), format=fmt, signed_records=records)
            archive.put_segment(sign_segment(segment, identity))

        now = dt.datetime.now(dt.timezone.utc)
        put([{k: e[k] for k in ("seq", "prev", "hash")} if e["seq"] in forged else e for e in entries], now)
        assert "undisclosed" in {f.what for f in _findings(archive, office_ca)}  # held so far
        put(entries, now + dt.timedelta(seconds=1))  # "sent again in full, once"
    found = [f for f in _findings(archive, office_ca) if f.what == AUTHORITY_FINDING]
    assert [f.seq for f in found] == [done], _findings(archive, office_ca)
