"""The auditor's journal view on a station with 1,000,000 entries (issue 18, Speed).

Run:  PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_audit_journal.py [--entries 1000000]

Targets:
- the view opens (its first page shown, with the months, kinds, people and seals offered) within 1 s;
- it scrolls smoothly: each page read while scrolling (200 entries) well within a frame of 50 ms; the scroll bar
  dragged down 20,000 entries; the wheel turned at a fast reader's pace (a notch of three rows every 16 ms) never
  meets the end of what is loaded (pages are read ahead); the longest the GUI thread was held, with its own
  processor time in that gap (on a loaded machine the gap is mostly other processes);
- filtering by month shows the month's first page within 1 s (the month's count comes in the background; its time
  is printed too);
- a request's story, a kind, a seal, a user: the first page's time is printed (no target in the issue).

The journal is built once and kept (``--cache``, default a folder in the temp dir): twelve months of a busy
station, requests with their whole story (received, approved, stamp started and done, copies reserved and
printed, now and then a void, a recall, an extra-copies allowance), logins, the hash chain made as the journal
makes it (:func:`~sealstation.journal.journal.entry_hash`), written in bulk in one transaction.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sealstation.journal.journal import GENESIS, canonical_json, entry_hash  # noqa: E402
from sealstation.journal.query import JournalFilter, count, kinds_present, page, span, story  # noqa: E402
from sealstation.journal.store import StationDB  # noqa: E402

KEY = bytes(range(32))
START = dt.datetime(2025, 12, 1, tzinfo=dt.timezone.utc)
SEALS = [f"seal-{n:02d}" for n in range(20)]
PEOPLE = [f"user{n:02d}" for n in range(40)]


def _request_story(rng: random.Random, rid: str, seal: str, custodian: str) -> list[tuple[str, str, dict]]:
    """(kind, actor, data) of one request's life."""
    doc = f"合同-{rid}.pdf"
    sha = f"{rng.getrandbits(256):064x}"
    out = [("request_received", "requester", {"request": rid, "document": doc, "sha256": sha, "seals": [seal],
                                                "purpose": "对外合同", "copies": 2, "supersedes": None}),
           ("approval_granted", "gm", {"request": rid, "sha256": sha, "seals": [seal], "copies": 2, "source": "station",
                                       "reason": None}),
           ("login", custodian, {"station": "bench"}),
           ("stamp_started", custodian, {"request": rid, "document": doc, "sha256": sha, "seal": seal, "page": 1,
                                         "center_mm": [150.0, 200.0], "field": "Seal1", "output": f"/out/{rid}.pdf"}),
           ("stamp_done", custodian, {"request": rid, "seal": seal, "sha256_before": sha,
                                      "sha256_after": f"{rng.getrandbits(256):064x}", "output": f"/out/{rid}.pdf"})]
    for slot in (1, 2):
        serial = f"{rid}-{slot}"
        out.append(("copy_reserved", custodian, {"request": rid, "serial": serial, "allowance": rid, "slot": slot}))
        out.append(("print_job", custodian, {"request": rid, "serial": serial, "status": "accepted",
                                             "document": doc, "printer": "Office-1"}))
    roll = rng.random()
    if roll < 0.05:
        out.append(("copy_voided", custodian, {"request": rid, "serial": f"{rid}-1", "reason": "卡纸"}))
    elif roll < 0.07:
        out.append(("copy_recalled", custodian, {"request": rid, "serials": [f"{rid}-1", f"{rid}-2"],
                                                 "reason": "重印"}))
    elif roll < 0.10:
        out.append(("print_allowance", "gm", {"request": rid, "id": f"A-{rid}", "kind": "extra", "copies": 1}))
    return out


def build(path: Path, entries: int) -> None:
    """A journal of ``entries`` entries over twelve months, chained, in one transaction."""
    rng = random.Random(18)
    db = StationDB.open(path, KEY)
    step = (365 * 86400) / entries  # seconds between entries on average
    prev, seq, t = GENESIS, 0, START
    rows = []
    n_request = 0
    with db.transaction() as conn:
        while seq < entries:
            n_request += 1
            rid = f"R{n_request:07d}"
            for kind, actor, data in _request_story(rng, rid, rng.choice(SEALS), rng.choice(PEOPLE)):
                if seq >= entries:
                    break
                seq += 1
                t += dt.timedelta(seconds=rng.uniform(0.2, 1.8) * step)
                at = t.isoformat(timespec="microseconds")
                data_json = canonical_json(data)
                digest = entry_hash(seq, at, actor, kind, data_json, prev)
                rows.append((seq, at, actor, kind, data_json, prev, digest))
                prev = digest
                if len(rows) >= 20000:
                    conn.executemany("INSERT INTO journal (seq, at, actor, kind, data, prev_hash, hash) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
                    rows = []
        if rows:
            conn.executemany("INSERT INTO journal (seq, at, actor, kind, data, prev_hash, hash) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    db.close()


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def month_bounds(year: int, month: int) -> tuple[str, str]:
    first = dt.datetime(year, month, 1, tzinfo=dt.timezone.utc)
    nxt = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=dt.timezone.utc)
    return first.isoformat(timespec="microseconds"), nxt.isoformat(timespec="microseconds")


def line(what: str, seconds: float, target: float | None = None) -> None:
    verdict = "" if target is None else ("  OK" if seconds <= target else "  OVER TARGET")
    goal = "" if target is None else f"  (target {target * 1000:.0f} ms)"
    print(f"  {what:<58} {seconds * 1000:9.1f} ms{goal}{verdict}")


def core_figures(path: Path) -> None:
    db = StationDB.open(path, KEY)
    print("Core (sealstation.journal.query):")
    line("span (first/last entry)", timed(lambda: span(db))[0])
    line("kinds present (skip-scan of the kind index)", timed(lambda: kinds_present(db))[0])
    t, first = timed(lambda: page(db, JournalFilter(), limit=200))
    line("first page, no filter", t, 1.0)
    after, worst, total = first[-1].seq, 0.0, 0.0
    for _ in range(100):  # 20,000 entries down, a page at a time
        t, batch = timed(lambda: page(db, JournalFilter(), after=after, limit=200))
        if not batch:
            break
        worst, total, after = max(worst, t), total + t, batch[-1].seq
    line("next page while scrolling (worst of 100)", worst, 0.05)
    line("next page while scrolling (mean of 100)", total / 100, 0.05)
    deep = span(db).head - 5000
    line("a page 5,000 from the end", timed(lambda: page(db, JournalFilter(), after=deep, limit=200))[0], 0.05)
    since, until = month_bounds(2026, 6)
    month = JournalFilter(since=since, until=until)
    line("month 2026-06: first page", timed(lambda: page(db, month, limit=200))[0], 1.0)
    line("month 2026-06, newest first: first page",
         timed(lambda: page(db, JournalFilter(since, until, newest_first=True), limit=200))[0], 1.0)
    line("whole journal, newest first: first page",
         timed(lambda: page(db, JournalFilter(newest_first=True), limit=200))[0], 1.0)
    t, n = timed(lambda: count(db, month))
    line(f"month 2026-06: count ({n:,} entries, in the background)", t, 1.0)
    line("month + kind stamp_done: first page", timed(lambda: page(db, JournalFilter(since, until, kind="stamp_done"),
                                                                   limit=200))[0], 1.0)
    line("month + seal: first page", timed(lambda: page(db, JournalFilter(since, until, seal="seal-07"), limit=200))[0],
         1.0)
    line("month + user: first page", timed(lambda: page(db, JournalFilter(since, until, actor="user07"), limit=200))[0],
         1.0)
    line("kind stamp_done, whole journal: first page",
         timed(lambda: page(db, JournalFilter(kind="stamp_done"), limit=200))[0], 1.0)
    t, n = timed(lambda: count(db, JournalFilter(kind="stamp_done")))
    line(f"kind stamp_done, whole journal: count ({n:,})", t)
    line("seal, whole journal: first page", timed(lambda: page(db, JournalFilter(seal="seal-07"), limit=200))[0], 1.0)
    line("user, whole journal: first page", timed(lambda: page(db, JournalFilter(actor="user07"), limit=200))[0], 1.0)
    t, n = timed(lambda: count(db, JournalFilter(actor="user07")))
    line(f"user, whole journal: count ({n:,}, in the background)", t)
    t, entries = timed(lambda: story(db, "R0054321"))
    line(f"a request's story ({len(entries)} entries)", t, 1.0)
    line("request filter: first page", timed(lambda: page(db, JournalFilter(request="R0054321"), limit=200))[0], 1.0)
    db.close()


def view_figures(path: Path) -> None:
    """The window's screen on the same journal (a station opened on it)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_audit_view import view_figures as run  # noqa: E402 (needs Qt; kept apart from the core figures)

    run(path, KEY)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sealstation-bench-audit")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--no-view", action="store_true", help="the core's figures only")
    args = parser.parse_args()
    path = args.cache / f"journal-{args.entries}.db"
    if args.rebuild and args.cache.exists():
        shutil.rmtree(args.cache)
    if not path.exists():
        args.cache.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".building")
        for stale in args.cache.glob(partial.name + "*"):
            stale.unlink()
        t, _ = timed(lambda: build(partial, args.entries))
        for suffix in ("-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        partial.rename(path)
        print(f"Built {args.entries:,} entries in {t:.1f} s: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    else:
        print(f"Journal of {args.entries:,} entries from the cache: {path} ({path.stat().st_size / 1e6:.0f} MB)")
    core_figures(path)
    if not args.no_view:
        view_figures(path)


if __name__ == "__main__":
    main()
