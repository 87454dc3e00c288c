"""Journal speed, against plain SQLite measured in the same run.

Run:  .venv/bin/python benchmarks/bench_journal.py [--entries 100000] [--verify-entries 1000000]

Targets (issue 3):
- appending N entries one durable entry at a time (each its own committed
  transaction, WAL, flushed to the disk before the append returns): at most 2x
  plain sqlite3 doing the same with a row of the same shape (no encryption, no
  hash chain, no index). Durability is the same on both sides: plain sqlite3
  at synchronous=FULL (in WAL mode: the log synced at each commit, with
  fdatasync); the station at synchronous=NORMAL plus its own fdatasync of the
  log after each commit (sealstation/journal/store.py: the same flush).
  The two run in alternating blocks of appends, each into its own growing
  file, so that the load of a shared machine hits both alike; the spread of
  the per-block ratios is printed;
- `journal verify` over 1,000,000 entries in under 10 s, in bounded memory
  (peak RSS is printed). The 1M-entry journal is built in bulk (one
  transaction, same hash chain) since only verification is timed there.
"""

from __future__ import annotations

import argparse
import resource
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sealstation.journal.journal import GENESIS, Journal, JournalKind, canonical_json, entry_hash, verify_journal  # noqa: E402
from sealstation.journal.store import StationDB  # noqa: E402

DATA = {"document": "采购合同.pdf", "sha256_before": "a" * 64, "sha256_after": "b" * 64, "seal": "contract",
        "page": 2, "center_mm": [150.0, 180.0], "request": "R20261124-abcdef"}


CPU: dict = {}
"""Processor time of each side (seconds), printed beside the wall times: on a disk shared with other work the
wall time of a durable commit varies several-fold between runs, the processor time much less."""


def ours(path: Path):
    """Appends through the station's journal; returns (append n entries, close)."""
    db = StationDB.open(path, secrets.token_bytes(32))
    j = Journal(db)

    def run(n: int) -> None:
        for _ in range(n):
            j.append(JournalKind.STAMP_DONE, DATA, actor="custodian")

    return run, db.close


def plain(path: Path):
    """The same appends with plain sqlite3; returns (append n entries, close)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE journal (seq INTEGER PRIMARY KEY, at TEXT, actor TEXT, kind TEXT, data TEXT, prev_hash TEXT, hash TEXT)")
    data = canonical_json(DATA)

    def run(n: int) -> None:
        for _ in range(n):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO journal (at, actor, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)",
                         ("2026-11-24T10:00:00.000000+00:00", "custodian", "stamp_done", data, GENESIS, GENESIS))
            conn.execute("COMMIT")

    return run, conn.close


def bench_appends(tmp: Path, n: int, block: int = 2000) -> tuple[float, float, list[float]]:
    """Wall times of n appends (ours, plain), run in alternating blocks; and each round's ratio."""
    sides = {"ours": ours(tmp / "ours.db"), "plain": plain(tmp / "plain.db")}
    wall = {name: 0.0 for name in sides}
    CPU.update({name: 0.0 for name in sides})
    ratios = []
    done, rnd = 0, 0
    while done < n:
        count = min(block, n - done)
        order = ("ours", "plain") if rnd % 2 else ("plain", "ours")  # which goes first swaps every round
        took = {}
        for name in order:
            t0, c0 = time.perf_counter(), time.process_time()
            sides[name][0](count)
            took[name] = time.perf_counter() - t0
            wall[name] += took[name]
            CPU[name] += time.process_time() - c0
        ratios.append(took["ours"] / took["plain"])
        done, rnd = done + count, rnd + 1
    for _run, close in sides.values():
        close()
    return wall["ours"], wall["plain"], ratios


def build_bulk(path: Path, n: int) -> StationDB:
    db = StationDB.open(path, secrets.token_bytes(32))
    data = canonical_json(DATA)
    prev = GENESIS
    with db.transaction() as conn:
        batch = []
        for seq in range(1, n + 1):
            at = f"2026-11-24T10:{seq // 60000 % 60:02d}:{seq // 1000 % 60:02d}.{seq % 1000000:06d}+00:00"
            digest = entry_hash(seq, at, "custodian", "stamp_done", data, prev)
            batch.append((seq, at, "custodian", "stamp_done", data, prev, digest))
            prev = digest
            if len(batch) == 50000:
                conn.executemany("INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
                batch.clear()
        conn.executemany("INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?, ?)", batch)
    return db


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=100_000)
    ap.add_argument("--verify-entries", type=int, default=1_000_000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sealstation-journal-bench-"))
    ok = True

    t_ours, t_plain, ratios = bench_appends(tmp, args.entries)
    ratio = t_ours / t_plain
    ok &= ratio <= 2.0
    print(f"append {args.entries} durable entries: ours {t_ours:.2f} s ({t_ours / args.entries * 1e6:.0f} us/entry), "
          f"plain sqlite3 {t_plain:.2f} s; ratio {ratio:.2f} (target <= 2.0) {'OK' if ratio <= 2.0 else 'MISSED'}")
    print(f"  ratio of each of the {len(ratios)} alternating blocks: median {statistics.median(ratios):.2f}, "
          f"min {min(ratios):.2f}, max {max(ratios):.2f}")
    print(f"  processor time: ours {CPU['ours'] / args.entries * 1e6:.0f} us/entry, plain {CPU['plain'] / args.entries * 1e6:.0f}"
          f" us/entry; ratio {CPU['ours'] / CPU['plain']:.2f} (information)")

    db = build_bulk(tmp / "big.db", args.verify_entries)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    result = verify_journal(db)
    t_verify = time.perf_counter() - t0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert result.ok and result.entries_checked == args.verify_entries
    ok &= t_verify < 10
    print(f"journal verify {args.verify_entries} entries: {t_verify:.2f} s (target < 10 s) "
          f"{'OK' if t_verify < 10 else 'MISSED'}; peak RSS {rss_after / 1024:.0f} MiB "
          f"(+{(rss_after - rss_before) / 1024:.0f} MiB during verify)")
    db.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
