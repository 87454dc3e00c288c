"""Attack: edit or delete the rows that say a request is used up or returned, then stamp again.

The insider opens the database with the station's key and rewrites the
working tables (``requests``, ``stamps``, ``stamp_uses``), leaving the
journal alone: the chain and the token checkpoint would show a journal
edit. The gate reads a request's fate from its journal entries, so each
attempt ends refused before signing.
"""

from __future__ import annotations

import pytest

from sealstation.errors import ApprovalError
from sealstation.model import Placement
from sealstation.station import StampRequestSpec
from support.pdfs import make_pdf
from support.insider import insider_sql
from support.station_fixtures import approve, password, stamp_approved


def try_stamp(station, src, out):
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), out))
    return station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))


def test_deleting_the_used_up_rows_does_not_free_the_approval(station, pin, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    stamp_approved(station, pin, src, tmp_path / "one.pdf")
    request = station.requests.list()[-1]
    sql = insider_sql(station.home.root)
    sql.execute("DELETE FROM stamp_uses")
    sql.execute("DELETE FROM stamps")
    sql.execute("UPDATE requests SET state = 'approved' WHERE id = ?", (request.id,))
    sql.close()
    with pytest.raises(ApprovalError, match=r"already used up \(stamped, journal entry \d+\)"):
        try_stamp(station, src, tmp_path / "two.pdf")
    assert not (tmp_path / "two.pdf").exists()


def test_reviving_a_returned_request_is_refused(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    request = approve(station, src, ["official"])
    station.requests.return_request(request.id, reason="页码错误", by="custodian")
    sql = insider_sql(station.home.root)
    sql.execute("UPDATE requests SET state = 'approved', reason = NULL WHERE id = ?", (request.id,))
    sql.close()
    with pytest.raises(ApprovalError, match=r"was returned \(退签\) \(journal entry \d+\): 页码错误"):
        try_stamp(station, src, tmp_path / "out.pdf")
