"""Cost of the token checkpoint on a station whose journal holds 1,000,000 entries.

Run:  .venv/bin/python benchmarks/bench_checkpoint.py [--entries 1000000] [--repeat 9]

Targets (issue 7):
- the gate's added checks per stamp (read the checkpoint on the token, verify
  the journal from it to the head, compare counters, write the next one) add
  at most 5 ms: the same gated stamp with the checks on and off, alternating
  in one run; the checks are also timed alone inside a token login;
- of the checks, the token's own write of the next checkpoint is printed apart.
  The object is made whole in the session and copied onto the token
  (``journal.checkpoint._store``): SoftHSM2 would otherwise write a new token
  object's file once for each of its dozen default attributes, about 4 ms on
  ext4 (each rewrite after a truncate is pushed to the disk at close); a RAM
  disk (--tmp /dev/shm) shows the rest. A USB key's write is its own;
- opening the station (``Station.open``: permissions, database, migrations,
  recovery) takes under 300 ms. On a passphrase station the key derivation
  (scrypt, slow on purpose) is timed on its own and taken out.

The 1M-entry journal is built in bulk: one transaction, hashes computed in
Python, continuing the demo station's chain, so it verifies.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

DATA = {"document": "采购合同.pdf", "sha256_before": "a" * 64, "sha256_after": "b" * 64, "seal": "contract",
        "page": 2, "center_mm": [150.0, 180.0], "request": "R20261124-abcdef"}


def bulk_journal(db, n: int, batch: int = 50_000) -> None:
    """Append ``n`` entries with correct links and hashes, in one transaction."""
    from sealstation.journal.journal import canonical_json, entry_hash

    data = canonical_json(DATA)
    with db.transaction() as conn:
        seq, prev = conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
        rows = []
        for _ in range(n):
            seq += 1
            at = "2026-01-01T00:00:00.000000+00:00"
            digest = entry_hash(seq, at, "custodian", "print_copy", data, prev)
            rows.append((seq, at, "custodian", "print_copy", data, prev, digest))
            prev = digest
            if len(rows) == batch:
                conn.executemany("INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
                rows = []
        conn.executemany("INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=25)  # the added cost is a few ms: fewer repeats are noise
    ap.add_argument("--tmp", help="folder for the demo station and its SoftHSM2 token (e.g. /dev/shm: the token's "
                                  "file writes without the disk's)")
    args = ap.parse_args()

    import logging

    logging.disable(logging.WARNING)
    from sealstation.demo import build_demo_station
    from sealstation.model import Placement
    from sealstation.station import StampRequestSpec, Station
    from support.pdfs import make_pdf

    tmp = Path(tempfile.mkdtemp(prefix="sealstation-bench-cp-", dir=args.tmp))
    info = build_demo_station(tmp / "home")
    creds = json.loads(info.credentials_path.read_text(encoding="utf-8"))
    pin, users, passphrase = creds["token_pin"], creds["users"], creds.get("journal_passphrase")
    station = Station.open(info.home, journal_passphrase=passphrase)
    t0 = time.perf_counter()
    bulk_journal(station.db, args.entries)
    print(f"built a journal of {args.entries:,} more entries in {time.perf_counter() - t0:.1f} s")

    docs = tmp / "docs"
    docs.mkdir()
    counter = iter(range(10**6))

    def gated_stamp(checks: bool) -> float:
        """Approve a new document (untimed), then time the gated stamp with the checks on or off."""
        n = next(counter)
        src = make_pdf(docs / f"d{n}.pdf", text=f"benchmark {n}")
        station.approving().approve(src, seals=["official"], copies=1, approver="gm", password=users["gm"], purpose="benchmark")
        plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 60.0)), tmp / f"out{n}.pdf"))
        auth = station.stamping().authorise_stamp(plan, user="custodian", password=users["custodian"])
        station._checkpoints = checks
        t = time.perf_counter()
        station.stamping().stamp(auth, tmp / f"out{n}.pdf", pin=pin)
        elapsed = time.perf_counter() - t
        station._checkpoints = True
        return elapsed

    gated_stamp(True)  # starts the checkpoint, warms caches
    on, off = [], []
    for _ in range(args.repeat):
        on.append(gated_stamp(True))
        off.append(gated_stamp(False))
    added = (statistics.median(on) - statistics.median(off)) * 1000

    # The checks alone, in a login: what a stamp adds besides the signature.
    token, label = station.token(), station.seals.get("official").token_label
    # The last stamp's attempt, as a stamp's own login names it (the token keeps the attempts it signs for).
    attempt = station.db.query("SELECT MAX(attempt) FROM stamp_uses")[0][0]
    # Of which the token's own work: storing the next checkpoint as a new object (mostly the token's file system)
    # and removing the old one.
    import sealstation.desks.stamping as stamping_desk

    writes: list[float] = []
    write_checkpoint = stamping_desk.write_checkpoint

    def timed_write(*a, **k):
        t = time.perf_counter()
        try:
            return write_checkpoint(*a, **k)
        finally:
            writes.append(time.perf_counter() - t)

    stamping_desk.write_checkpoint = timed_write
    alone, empty = [], []
    for _ in range(args.repeat):
        for fn, times in ((lambda s: station.stamping()._checkpoint(s, "official", attempt, label, {}), alone),
                          (lambda s: None, empty)):
            t = time.perf_counter()
            token.run(fn, pin=pin)
            times.append(time.perf_counter() - t)
        token.logout()
    stamping_desk.write_checkpoint = write_checkpoint
    checks_ms = (statistics.median(alone) - statistics.median(empty)) * 1000
    write_ms = statistics.median(writes) * 1000
    station.close()

    from sealstation.journal.keystore import passphrase_key

    opens, kdf = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        Station.open(info.home, journal_passphrase=passphrase).close()
        opens.append(time.perf_counter() - t)
        if passphrase:
            t = time.perf_counter()
            passphrase_key(passphrase, info.home / "journal.salt", create=False)
            kdf.append(time.perf_counter() - t)
    open_ms = statistics.median(opens) * 1000
    kdf_ms = statistics.median(kdf) * 1000 if kdf else 0.0

    print(f"gated stamp, checks on:  {statistics.median(on) * 1000:8.1f} ms (median of {args.repeat})")
    print(f"gated stamp, checks off: {statistics.median(off) * 1000:8.1f} ms")
    print(f"added by the checkpoint per stamp: {added:6.1f} ms   target <= 5 ms   "
          f"{'OK' if added <= 5 else 'OVER'}")
    print(f"the checks alone in a login:       {checks_ms:6.1f} ms   target <= 5 ms   "
          f"{'OK' if checks_ms <= 5 else 'OVER'}")
    print(f"  of which the token stores the next checkpoint (a new object, the old one removed): {write_ms:.1f} ms; "
          f"the station's own reading and checking: {checks_ms - write_ms:.1f} ms")
    print(f"  (the station and its token in {tmp.parent}; SoftHSM2 on {_fs(tmp)})")
    print(f"open the station: {open_ms:6.1f} ms, of which key derivation (scrypt, on purpose) {kdf_ms:.1f} ms; "
          f"without it {open_ms - kdf_ms:6.1f} ms   target < 300 ms   {'OK' if open_ms - kdf_ms < 300 else 'OVER'}")
    return 0


def _fs(folder: Path) -> str:
    """The file system type of ``folder`` (the token's files are written there)."""
    import subprocess

    out = subprocess.run(["df", "--output=fstype", str(folder)], capture_output=True, text=True).stdout.split()
    return out[-1] if out else "?"


if __name__ == "__main__":
    sys.exit(main())
