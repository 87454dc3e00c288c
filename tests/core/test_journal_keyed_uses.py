"""Migration 22 on a station that already stamped: the uses keyed by their attempt keep every one-use guarantee.

The station is brought back to the shape schema 21 made (``stamp_uses`` keyed by
request and seal, with a row id, and the ``journal_print`` index), with a
stamp done and an attempt a crash left open; opened again, it migrates, recovers
the open attempt, stamps what is left and refuses what is used up.
"""

from __future__ import annotations

import pytest
import sqlcipher3

from sealstation.errors import ApprovalError
from sealstation.journal.journal import verify_journal
from sealstation.journal.migrations import LATEST, schema_version
from sealstation.model import Placement
from sealstation.station import StampRequestSpec, Station
from support.pdfs import make_pdf
from support.station_fixtures import approve, password

# The table and the index as migrations 8 and 16 made them (schema 21).
_SCHEMA_21 = (
    """CREATE TABLE stamp_uses_21 (
        request_id TEXT NOT NULL REFERENCES requests(id),
        seal_id TEXT NOT NULL,
        attempt INTEGER NOT NULL UNIQUE,
        state TEXT NOT NULL CHECK (state IN ('reserved', 'signed', 'placed')),
        output TEXT NOT NULL,
        temp TEXT,
        sha256_after TEXT,
        PRIMARY KEY (request_id, seal_id)
    )""",
    "INSERT INTO stamp_uses_21 SELECT request_id, seal_id, attempt, state, output, temp, sha256_after FROM stamp_uses",
    "DROP TABLE stamp_uses",
    "ALTER TABLE stamp_uses_21 RENAME TO stamp_uses",
    "CREATE INDEX stamp_uses_open ON stamp_uses(state) WHERE state != 'placed'",
    "CREATE INDEX journal_print ON journal(json_extract(data, '$.request')) "
    "WHERE kind IN ('print_job', 'copy_voided', 'copy_recalled')",
    "DROP INDEX IF EXISTS journal_story",  # migration 23's, newer than 21
    "DROP INDEX IF EXISTS journal_kind_request",  # migration 25's, and the journal indexes it replaced
    "CREATE INDEX journal_kind_seq ON journal(kind, seq)",
    "CREATE INDEX journal_request ON journal(json_extract(data, '$.request')) "
    "WHERE kind IN ('stamp_done', 'request_returned', 'approval_refused')",
    "CREATE INDEX journal_copies ON journal(json_extract(data, '$.request')) "
    "WHERE kind IN ('copy_reserved', 'print_job', 'copy_voided', 'copy_recalled')",
    "DROP INDEX IF EXISTS requests_batch",  # and migration 24's
    "ALTER TABLE requests DROP COLUMN batch_id",
    "PRAGMA user_version = 21",
)


def _plan(station, src, seal, out):
    return station.stamping().plan_stamp(StampRequestSpec(src, seal, Placement(1, (60.0, 50.0)), out))


def _authorise(station, plan):
    return station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))


def _sql(station, name: str) -> str:
    return station.db.query("SELECT sql FROM sqlite_master WHERE name = ?", (name,))[0][0]


def test_a_station_of_schema_21_migrates_and_keeps_one_use_per_approved_seal(station, tmp_path, pin, seal_token):
    src = make_pdf(tmp_path / "contract.pdf")
    request = approve(station, src, ["official", "contract"])
    first = tmp_path / "official.pdf"
    done = _authorise(station, _plan(station, src, "official", first))
    station.stamping().stamp(done, first, pin=pin)
    # The next seal's attempt is reserved and then the process dies (closed without stamping, as a kill leaves it).
    second = tmp_path / "contract-stamped.pdf"
    open_attempt = _authorise(station, _plan(station, first, "contract", second)).attempt
    before = {
        "uses": station.db.query("SELECT attempt, request_id, seal_id, state, output, temp, sha256_after "
                                 "FROM stamp_uses ORDER BY attempt"),
        "records": station.db.query("SELECT sha256, record FROM authority_records ORDER BY sha256"),
    }
    assert [(u[0], u[2], u[3]) for u in before["uses"]] == [(done.attempt, "official", "placed"),
                                                            (open_attempt, "contract", "reserved")]
    with station.db.transaction() as conn:
        for statement in _SCHEMA_21:
            conn.execute(statement)
    root = station.home.root
    station.close()

    reopened = Station.open(root, token=seal_token.session)
    try:
        assert schema_version(reopened.db) == LATEST >= 22
        migrated = reopened.journal.entries(kinds=("schema_migrated",))
        assert [(e.data["from"], e.data["to"]) for e in migrated] == [(21, LATEST)]  # journalled, once
        assert "attempt INTEGER PRIMARY KEY" in _sql(reopened, "stamp_uses")
        assert "UNIQUE (request_id, seal_id)" in _sql(reopened, "stamp_uses")
        assert not reopened.db.query("SELECT 1 FROM sqlite_master WHERE name = 'journal_print'")
        assert reopened.db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'journal' "
                                 "AND sql IS NOT NULL") == [("journal_kind_request",)]
        assert reopened.db.query("SELECT attempt, request_id, seal_id, state, output, temp, sha256_after "
                                 "FROM stamp_uses ORDER BY attempt") == before["uses"]
        assert reopened.db.query("SELECT sha256, record FROM authority_records ORDER BY sha256") == before["records"]
        # Signed records stay append-only.
        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            with reopened.db.transaction() as conn:
                conn.execute("UPDATE authority_records SET record = 'x'")

        # The attempt the crash left open is undone at the next gate, and its approval is used as it should be.
        result = reopened.stamping().stamp(_authorise(reopened, _plan(reopened, first, "contract", second)), second, pin=pin)
        assert result.output == second and second.is_file()
        interrupted = [e for e in reopened.journal.entries(kinds=("stamp_interrupted",))]
        assert [e.data["attempt"] for e in interrupted] == [open_attempt]

        # Each approved seal was used once: both are used up now, and the table's own constraint refuses a second
        # reservation whatever the checks above it say.
        for seal, doc in (("official", src), ("contract", first)):
            with pytest.raises(ApprovalError, match="used up"):
                _authorise(reopened, _plan(reopened, doc, seal, tmp_path / f"again-{seal}.pdf"))
        with pytest.raises(ApprovalError, match="used up"):
            with reopened.db.transaction() as conn:
                reopened.uses.reserve(conn, request_id=request.id, seal_id="official", attempt=10**9,
                                      output=str(tmp_path / "x.pdf"))
        assert not reopened.uses.open_uses()
        assert verify_journal(reopened.db).ok
    finally:
        reopened.close()
