"""Office archive speed: a month of 200 stations, and a day's sync.

Run:  .venv/bin/python benchmarks/bench_archive.py [--stations 200] [--stamps 100000] [--pg URL]

Targets (issue 10):
- a month for 200 stations with 100,000 stamps and 300,000 printed copies:
  the monthly report (CSV, XLSX and PDF, each measured; the PDF with the full register of every stamp, some
  2,100 pages: issue 18) in under 30 s and under 500 MB of memory, and
  ``archive verify`` of the same in under 30 s, for each backend;
- sync of a day's records in under 1 s to a folder on a local disk (and to a
  local PostgreSQL with --pg).

The month is built as the stations would send it: real hash chains, each
station's segments signed with its own office-certified key (ECDSA P-256),
stored through the backend. Each stamp has its request, approval, gate
attempt (``stamp_started``, naming the signed records it was judged by) and
one print job of 3 copies; each segment carries those records, each once:
per station the policy, the custodian's and gm's user records and the seal
record (signed by the office's authority), per stamp gm's approval (signed
with gm's own Ed25519 key), all re-checked by ``archive verify`` and the
report against the office's certificate (issue 16). With 16 stations or more the
stations are read side by side by worker processes (sealstation.archive.pool), one
per core up to 4. Each phase runs in a child process, so that building the data does
not count. Peak memory is the highest sum of the resident memory of that process and of
the processes beside it (the workers, the workbook's writer), sampled every 20 ms; the
upper bound (the process's maximum RSS plus, for each process beside it, the largest
child's peak) is printed too. The CPU time printed is all of those processes'.
PostgreSQL (--pg postgresql://user@host/db, password in the keyring or
trust) runs the same phases against a fresh table set there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import resource
import secrets
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sealstation.archive.audit import verify_archive  # noqa: E402
from sealstation.archive.pool import worker_count  # noqa: E402
from sealstation.archive.backend import FolderArchive  # noqa: E402
from sealstation.archive.segment import Segment, sign_segment  # noqa: E402
from sealstation.archive.report import build_report  # noqa: E402
from sealstation.journal.journal import GENESIS, JournalKind, body_digest, canonical_json, entry_hash  # noqa: E402

MONTH = "2026-11"


def make_authority(folder: Path):
    from sealstation.seals.authority import SealAuthority

    return SealAuthority.create(common_name="基准印章管理机构", organisation="基准有限公司", key_path=folder / "ca-key.pem",
                                cert_path=folder / "ca.pem", passphrase="bench-passphrase")


def station_records(station: str, authority) -> tuple[dict[str, str], object]:
    """A station's office-signed records (policy, custodian, gm, seal) as the gate keeps them, and gm's key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from sealstation.archive.authority_check import record_text
    from sealstation.policy import StationPolicy
    from sealstation.seals.register import SealRecord
    from sealstation.users import record_bytes

    gm = ed25519.Ed25519PrivateKey.generate()
    gm_pem = gm.public_key().public_bytes(serialization.Encoding.PEM,
                                          serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")
    policy = StationPolicy(version=1).to_bytes()
    seal = SealRecord("contract", "contract", "基准有限公司合同专用章", "基准有限公司", "contract.png", "c" * 64, 40.0, 40.0,
                      "contract", "d" * 64, status="issued", custodian="custodian", stations=(station,)).canonical()
    texts = {"policy": record_text("policy", policy, authority.sign(policy))}
    for role, name, roles, level, pem in (("custodian", "custodian", ["custodian"], None, None),
                                          ("approver", "gm", ["approver"], "general_manager", gm_pem)):
        signed = record_bytes(name, roles, level, pem, False, 1)
        texts[role] = record_text("user", signed, authority.sign(signed))
    texts["seal"] = record_text("seal", seal, authority.sign(seal))
    return texts, gm


def station_entries(station: str, stamps: int, start: dt.datetime, authority=None, records: dict | None = None):
    """(at, actor, kind, data) of a station's month: per stamp a request, approval, attempt, stamp and print job.

    With ``authority`` (the office's), each attempt names the signed records it was judged by; their texts are
    put in ``records`` (SHA-256 → text)."""
    from sealstation.anchor import certificate_sha256
    from sealstation.approval.signed import station_approval_payload
    from sealstation.archive.authority_check import authority_refs, record_text

    texts, gm = station_records(station, authority) if authority is not None else ({}, None)
    ca_sha256 = certificate_sha256(authority.certificate) if authority is not None else None
    step = dt.timedelta(days=29) / max(stamps, 1)  # spread over the month, in journal order
    seq = 0
    for i in range(stamps):
        at = start + i * step
        request = f"R{station}-{i:05d}"
        doc = f"合同-{i:05d}.pdf"
        yield at, "walk-in", "request_received", {"request": request, "document": doc, "sha256": "a" * 64,
                                                   "seals": ["contract"], "purpose": "合同用印", "copies": 3}
        yield at, "gm", "approval_granted", {"request": request, "copies": 3, "seals": ["contract"], "source": "station"}
        yield at, "custodian", "login", {}
        seq += 6
        started = {"request": request, "document": doc, "sha256": "a" * 64, "seal": "contract", "page": 1,
                   "center_mm": [150.0, 200.0], "field": "Seal-contract-1", "output": doc}
        if gm is not None:
            payload = station_approval_payload(request_id=request, document_sha256="a" * 64, seals=["contract"],
                                               copies=3, purpose="合同用印", approver="gm",
                                               at=at.isoformat(timespec="seconds"))
            approval = record_text("approval", payload, gm.sign(payload).hex(), source="station")
            refs, keep = authority_refs(texts | {"approval": approval}, ca_sha256=ca_sha256, pinned=True)
            records.update(keep)
            started["authority"] = refs
        yield at, "custodian", "stamp_started", started
        yield at, "custodian", "stamp_done", {
            "attempt": seq - 2, "request": request, "document": doc, "sha256_before": "a" * 64,
            "sha256_after": secrets.token_hex(32),
            "seal": "contract", "page": 1, "center_mm": [150.0, 200.0], "field": "Seal-contract-1",
            "custodian": "custodian", "signature_digest": secrets.token_hex(32)}
        yield at, "custodian", "print_job", {
            "request": request, "document": doc, "document_sha256": "b" * 64, "printer": "p1", "job": i,
            "status": "accepted", "kind": "first", "reason": "",
            "copies": [{"serial": f"{request}-{n}", "number": n, "of": 3} for n in (1, 2, 3)]}


def _days(entries: list[dict]):
    """(day, entries) runs of one day each; an entry sent by hash only (no time) stays with the one before it."""
    day, run = None, []
    for entry in entries:
        this = entry.get("at", "")[:10] or day
        if run and this != day:
            yield day, run
            run = []
        day = this
        run.append(entry)
    if run:
        yield day, run


def _named_records(chunk: list[dict]) -> set[str]:
    named: set[str] = set()
    for e in chunk:
        if e.get("kind") == "stamp_started":
            named.update(json.loads(e["data"])["authority"]["records"].values())
    return named


def build_month(backend, authority, stations: int, stamps: int) -> float:
    from sealstation.station_key import make_station_identity

    t0 = time.perf_counter()
    start = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
    per_station = stamps // stations
    for s in range(stations):
        station = f"station-{s:03d}"
        identity = make_station_identity(station, authority, now=start - dt.timedelta(days=1))
        entries, prev, records = [], GENESIS, {}
        for seq, (at, actor, kind, data) in enumerate(station_entries(station, per_station, start, authority,
                                                                      records), 1):
            at_text, data_json = at.isoformat(timespec="microseconds"), canonical_json(data)
            digest = entry_hash(seq, at_text, actor, kind, data_json, prev)
            entry = {"seq": seq, "prev": prev, "hash": digest}
            if kind != "login":
                entry.update(at=at_text, actor=actor, kind=kind, data=data_json)
            else:  # sent with its kind and body digest, as the station sends it
                entry.update(kind=kind, body=body_digest(at_text, actor, data_json))
            entries.append(entry)
            prev = digest
        for day, chunk in _days(entries):  # the station syncs every evening, as the grace wants
            named = _named_records(chunk)
            seg = Segment(station, chunk[0]["seq"], chunk[-1]["seq"], chunk[0]["prev"], chunk[-1]["hash"],
                          f"{day}T23:00:00+00:00", tuple(chunk), signed_records={h: records[h] for h in named})
            backend.put_segment(sign_segment(seg, identity))
    return time.perf_counter() - t0


def _phase(kind: str, location: str, ca_pem: bytes, out) -> None:
    from cryptography import x509

    backend = _open(location)
    ca = x509.load_pem_x509_certificate(ca_pem)
    now = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    sampler = _Sampler()
    sampler.start()
    t0, cpu0 = time.perf_counter(), _cpu()
    if kind.startswith("report"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"month.{kind.split('-')[1]}"
            summary = build_report(backend, ca, path, month=MONTH, now=now)
            elapsed, cpu = time.perf_counter() - t0, _cpu() - cpu0
            peak = _peak(kind, backend)  # before pdfinfo: a child started now would count this process's size
            sampled = sampler.stop()
            pages = _pages(path) if kind == "report-pdf" else ""
        detail = f"{len(summary.stamps)} stamps, {sum(p.printed for p in summary.prints)} copies{pages}"
    else:
        audits = verify_archive(backend, ca, now=now)
        # The month is built in a minute, so the archive received November's segments now: each station has
        # ``time`` findings (segments made long before they were received, entries dated before the previous
        # receipt); any other finding is a regression.
        kinds = Counter(f.what for a in audits for f in a.findings)
        detail = f"{len(audits)} stations, {sum(kinds.values())} findings {dict(kinds)}"
        elapsed, cpu = time.perf_counter() - t0, _cpu() - cpu0
        peak = _peak(kind, backend)
        sampled = sampler.stop()
    out.put((elapsed, sampled / 1024, peak[0] / 1024, f"{detail}; CPU {cpu:.1f} s in {peak[1] + 1} processes"))


class _Sampler(threading.Thread):
    """The resident memory of this process and of its children (the workers, the workbook's writer), added up every
    20 ms while they run side by side: the highest sum seen, in KiB."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.02):
            self.peak = max(self.peak, _tree_rss(os.getpid()))

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


def _tree_rss(pid: int) -> int:
    """VmRSS (KiB) of ``pid`` and its descendants, from /proc (0 for one that has just ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                    for c in (task / "children").read_text().split()]
    except (OSError, ValueError):
        return 0
    return rss + sum(_tree_rss(child) for child in children)


def _peak(kind: str, backend) -> tuple[int, int]:
    """(peak RSS in KiB, child processes counted): the processes reading stations side by side
    (sealstation.archive.pool) and the workbook's writer are children alive at the same time as this one, each
    counted as the largest child's peak (an upper bound)."""
    workers = worker_count(len(backend.stations()))
    children = (workers if workers > 1 else 0) + (kind == "report-xlsx")
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            + children * resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, children)


def _cpu() -> float:
    """The CPU time (user and system) of this process and the children it waited for (the workers): the figure to
    read beside the wall clock on a shared machine."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def _pages(pdf: Path) -> str:
    """``, N pages`` of the report (pdfinfo, outside the timing): the full register is in it."""
    import subprocess

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return ", " + next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")) + " pages"


def _open(location: str):
    if location.startswith("postgresql://"):
        from sealstation.archive.postgres import PostgresArchive

        return PostgresArchive.connect(location)
    return FolderArchive(location)


def run_phase(kind: str, location: str, ca_pem: bytes):
    queue = multiprocessing.get_context("spawn").Queue()
    proc = multiprocessing.get_context("spawn").Process(target=_phase, args=(kind, location, ca_pem, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def bench_day_sync(location: str, authority, stamps_per_day: int) -> float:
    """A station with a day's records (request, approval, login, attempt, stamp, print per stamp, and the signed
    records behind each stamp) synced once."""
    from sealstation.archive.authority_check import store_records
    from sealstation.archive.sync import sync_station
    from sealstation.journal.journal import Journal
    from sealstation.journal.store import StationDB
    from sealstation.station_key import make_station_identity

    with tempfile.TemporaryDirectory() as tmp:
        db = StationDB.open(Path(tmp) / "station.db", secrets.token_bytes(32))
        start = dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)
        clock = [start]
        journal = Journal(db, clock=lambda: clock[0])
        records: dict[str, str] = {}
        with db.transaction() as conn:
            for at, actor, kind, data in station_entries("day", stamps_per_day, start, authority, records):
                clock[0] = at
                journal.append(JournalKind(kind), data, actor=actor)
            store_records(conn, records)
        identity = make_station_identity("station-day", authority, now=start - dt.timedelta(days=1))
        station = SimpleNamespace(db=db, journal=journal, config=SimpleNamespace(station_id="station-day"),
                                  home=SimpleNamespace(root=Path(tmp)), clock=lambda: start,
                                  station_identity=lambda: identity)
        backend = _open(location)
        t0 = time.perf_counter()
        sync_station(station, backend)
        elapsed = time.perf_counter() - t0
        backend.close()
        db.close()
    return elapsed


def report(name: str, figure: float, target: float, unit: str = "s") -> None:
    print(f"{name:52s} {figure:8.2f} {unit:2s}  target < {target:g} {unit}  ratio {figure / target:5.2f}"
          f"  {'ok' if figure < target else 'MISSED'}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stations", type=int, default=200)
    ap.add_argument("--stamps", type=int, default=100_000)
    ap.add_argument("--day-stamps", type=int, default=100, help="stamps in one station's day")
    ap.add_argument("--pg", help="also a PostgreSQL archive (a fresh database; schema installed here)")
    ap.add_argument("--only", default="csv,xlsx,pdf,verify,sync",
                    help="the phases to measure, comma-separated (e.g. --only pdf)")
    args = ap.parse_args()
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        authority = make_authority(Path(tmp))
        ca_pem = (Path(tmp) / "ca.pem").read_bytes()
        targets = [("folder", str(FolderArchive.create(Path(tmp) / "archive").root))]
        if args.pg:
            from sealstation.archive.postgres import PostgresArchive, install_schema

            pg = PostgresArchive.connect(args.pg)
            install_schema(pg.conn)
            pg.close()
            targets.append(("postgresql", args.pg))
        for name, location in targets:
            backend = _open(location)
            built = build_month(backend, authority, args.stations, args.stamps)
            backend.close()
            print(f"[{name}] month built: {args.stations} stations, {args.stamps} stamps, {3 * args.stamps} copies "
                  f"in {built:.1f} s")
            for fmt in ("csv", "xlsx", "pdf"):
                if fmt not in only:
                    continue
                elapsed, rss, bound, detail = run_phase(f"report-{fmt}", location, ca_pem)
                report(f"[{name}] monthly report {fmt.upper()} ({detail})", elapsed, 30)
                report(f"[{name}] monthly report {fmt.upper()} peak memory, all processes at once", rss, 500, "MB")
                print(f"    (upper bound, each child counted at the largest child's peak: {bound:.0f} MB)")
                print(f"    (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: the wall clock above is "
                      "the machine's, the CPU time the report's own)")
            if "verify" in only:
                elapsed, rss, bound, detail = run_phase("verify", location, ca_pem)
                report(f"[{name}] archive verify ({detail})", elapsed, 30)
            if "sync" in only:
                report(f"[{name}] sync of a day ({args.day_stamps} stamps, {6 * args.day_stamps} entries)",
                       bench_day_sync(location, authority, args.day_stamps), 1)
    print(json.dumps({"note": "figures above; MISSED marks a target not met"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
