"""The auditor's reading of the journal (sealstation/journal/query.py, audit_export.py): pages by key, months by
binary search (also across an office review that set the clock back), kinds, users, seals, a request's story by
its indexes, entries changed behind the chain's back shown as such, and the export of what a filter shows."""

from __future__ import annotations

import csv
import datetime as dt
import secrets

import pytest

from sealstation.journal.audit_export import write_entries
from sealstation.journal.journal import Journal, JournalKind
from sealstation.journal.migrations import LATEST
from sealstation.journal.query import (JournalFilter, count, kinds_present, page, request_of, seq_ranges, span,
                                       story)
from sealstation.journal.store import StationDB

START = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    """Three months of requests (one a day) with their stories, a review after a clock set back in February."""
    db = StationDB.open(tmp_path_factory.mktemp("jq") / "station.db", secrets.token_bytes(32))
    clock = Clock()
    j = Journal(db, clock=clock)
    for day in range(90):
        clock.now = START + dt.timedelta(days=day, hours=9)
        rid, seal = f"R{day:03d}", ("contract", "official")[day % 2]
        j.append(JournalKind.LOGIN, {}, actor="custodian")
        j.append(JournalKind.REQUEST_RECEIVED, {"request": rid, "seals": [seal], "document": f"{rid}.pdf"},
                 actor="dept")
        j.append(JournalKind.APPROVAL_GRANTED, {"request": rid, "seals": [seal]}, actor="gm")
        started = j.append(JournalKind.STAMP_STARTED, {"request": rid, "seal": seal}, actor="custodian")
        if day % 10 == 3:  # a failed attempt, then a second one
            j.append(JournalKind.STAMP_FAILED, {"attempt": started.seq, "why": "wrong PIN"}, actor="custodian")
            started = j.append(JournalKind.STAMP_STARTED, {"request": rid, "seal": seal}, actor="custodian")
        j.append(JournalKind.STAMP_DONE, {"request": rid, "seal": seal, "attempt": started.seq}, actor="custodian")
        j.append(JournalKind.PRINT_JOB, {"request": rid, "serial": f"{rid}-1", "status": "accepted"},
                 actor="=HYPERLINK(1)" if day == 5 else "custodian")
        if day == 45:  # the office reviews after a clock set ahead by mistake: time goes back once
            clock.now = START + dt.timedelta(days=40)
            j.append(JournalKind.TAMPER_REVIEWED, {"note": "clock"}, actor="office")
    yield db
    db.close()


def everything(db, flt: JournalFilter, limit: int = 7):
    found, after = [], 0
    while True:
        batch = page(db, flt, after=after, limit=limit)
        found += batch
        if len(batch) < limit:
            return found
        after = batch[-1].seq


def test_pages_by_key_give_every_entry_once_in_order(journal, monkeypatch):
    head = span(journal).head
    monkeypatch.setattr("sealstation.journal.query._COUNT_BY_INDEX", 10)  # a long period: counted by the index
    assert count(journal, JournalFilter()) == head == count(journal, JournalFilter(since="2025-12-01T00:00:00+00:00"))
    monkeypatch.undo()
    seqs = [e.seq for e in everything(journal, JournalFilter(), limit=37)]
    assert seqs == list(range(1, head + 1)) and count(journal, JournalFilter()) == head
    assert all(e.intact for e in page(journal, JournalFilter(), limit=50))


def test_newest_first_pages_are_the_same_entries_the_other_way(journal):
    for flt in (JournalFilter(), JournalFilter(since="2026-02-01T00:00:00+00:00", until="2026-03-01T00:00:00+00:00"),
                JournalFilter(kind="stamp_started", seal="official"), JournalFilter(request="R013")):
        forward = [e.seq for e in everything(journal, flt, limit=11)]
        backward = [e.seq for e in everything(journal, JournalFilter(**{**flt.__dict__, "newest_first": True}),
                                              limit=11)]
        assert backward == forward[::-1] and forward


def test_a_month_is_its_entries_also_after_a_review_set_the_time_back(journal):
    since, until = "2026-02-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00"
    rows = journal.query("SELECT seq FROM journal WHERE at >= ? AND at < ? ORDER BY seq", (since, until))
    expected = [seq for (seq,) in rows]
    assert len(seq_ranges(journal, since, until)) == 2  # before the review, and again after it
    flt = JournalFilter(since=since, until=until)
    assert [e.seq for e in everything(journal, flt)] == expected and count(journal, flt) == len(expected)


def test_kind_user_and_seal_filters(journal):
    flt = JournalFilter(kind="stamp_done", seal="contract")
    found = everything(journal, flt)
    assert len(found) == 45 == count(journal, flt) and all(e.kind == "stamp_done" and e.seals == ("contract",)
                                                           for e in found)
    mine = everything(journal, JournalFilter(actor="gm"))
    assert len(mine) == 90 and {e.kind for e in mine} == {"approval_granted"}
    seals = everything(journal, JournalFilter(seal="official", since="2026-01-01T00:00:00+00:00",
                                              until="2026-01-11T00:00:00+00:00"))
    assert {e.request for e in seals} == {f"R{d:03d}" for d in range(1, 10, 2)}
    assert {"login", "stamp_failed", "journal_reviewed"} <= set(kinds_present(journal))


def test_a_requests_story_through_its_indexes(journal):
    found = story(journal, "R013")
    assert [e.kind for e in found] == ["request_received", "approval_granted", "stamp_started", "stamp_failed",
                                       "stamp_started", "stamp_done", "print_job"]
    assert page(journal, JournalFilter(request="R013", kind="stamp_started"))[1].seq == found[4].seq
    assert count(journal, JournalFilter(request="R013")) == 7
    assert request_of(journal, found[3]) == "R013"  # stamp_failed names only its attempt
    plan = " ".join(str(r) for r in journal.query(
        "EXPLAIN QUERY PLAN SELECT seq FROM journal WHERE kind IN ('request_received', 'approval_granted', "
        "'stamp_started', 'stamp_interrupted', 'stamp_recovered', 'print_allowance', 'print_refused') "
        "AND json_extract(data, '$.request') = 'R013'"))
    assert "journal_kind_request (kind=? AND <expr>=?)" in plan and LATEST >= 25


def test_an_entry_changed_behind_the_chain_is_shown_as_changed(tmp_path):
    db = StationDB.open(tmp_path / "station.db", secrets.token_bytes(32))
    j = Journal(db)
    for n in range(3):
        j.append(JournalKind.LOGIN, {"n": n}, actor="custodian")
    db.conn.execute("DROP TRIGGER journal_no_update")
    db.conn.execute("UPDATE journal SET actor = 'someone' WHERE seq = 2")
    assert [e.intact for e in page(db, JournalFilter())] == [True, False, True]
    db.close()


def test_the_export_writes_what_the_filter_shows_and_no_formula(journal, tmp_path):
    flt = JournalFilter(kind="print_job", since="2026-01-01T00:00:00+00:00", until="2026-01-11T00:00:00+00:00")
    out = tmp_path / "print.csv"
    assert write_entries(journal, flt, out) == 10
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert [int(r[0]) for r in rows[1:]] == [e.seq for e in everything(journal, flt)]
    assert "'=HYPERLINK(1)" in [r[2] for r in rows[1:]]  # shown, never run


def test_counts_of_a_kind_read_in_small_statements_match_the_entries(tmp_path, monkeypatch):
    """The index is read some slices at a time (the lock let go between them): entries without a request cut by
    seq, with one cut at every n-th request, several entries of the same request across a cut counted once."""
    from sealstation.journal import query as query_module

    monkeypatch.setattr(query_module, "_COUNT_SLICE", 3)
    monkeypatch.setattr(query_module, "_COUNT_BY_INDEX", 5)
    db = StationDB.open(tmp_path / "station.db", secrets.token_bytes(32))
    j = Journal(db)
    for n in range(23):
        j.append(JournalKind.STAMP_DONE, {"request": f"R{n % 7}"})  # several stamps of one request
        j.append(JournalKind.LOGIN, {"user": "custodian"})
        if n % 5 == 0:
            j.append(JournalKind.COPY_RESERVED, {"request": f"R{n}", "serial": f"C{n:06d}"})
    entries = list(j.entries())
    for first, end in ((1, len(entries) + 1), (10, 40), (17, 18)):
        for kind in ("stamp_done", "login", "copy_reserved"):
            expected = sum(1 for e in entries if e.kind == kind and first <= e.seq < end)
            assert query_module._count_of_kind(db, kind, first, end, None) == expected, (kind, first, end)
    assert count(db, JournalFilter()) == len(entries)
    assert count(db, JournalFilter(kind="stamp_done")) == 23
    assert query_module._count_of_kind(db, "login", 1, len(entries) + 1, lambda: False) is None
    db.close()
