"""Real-world documents (issue 6): what the new checks cost, against the code before them, in one run.

Run:  .venv/bin/python benchmarks/bench_documents.py [--baseline-rev REV] [--repeat N]

Targets:
- approval's new document checks (tolerant parse, page tree, page boxes,
  filters, certification, earlier signatures, active content, trial
  revision) add at most 20% to ``approve`` of the 1,000-page benchmark file
  (the text PDF of bench_stamp.py): approval before issue 6, plus what the
  new reading and checks cost over the old reading (``check_document`` now,
  ``read_source_pdf`` then), over approval before issue 6;
- over the corpus (tests/corpus/), the median stamp (plan + sign + write +
  verify, as bench_stamp.py measures it) stays within 1.1x of the median
  before these changes, over the files both versions stamp.

The baseline is the project at ``--baseline-rev`` (default: the commit before
issue 6's changes), exported with ``git archive`` into a temp folder. Each
version runs in its own worker process with its own demo station and SoftHSM2
token; the cases alternate between the two workers, so that machine drift
hits both alike. Approval is timed with a cheap password hash (scrypt is slow
on purpose, and since issue 7 it runs twice: the password, then the
approver's own signing key), so that the ratio is that of the document
checks; as it runs with the station's scrypt cost, for information.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE_REV = "376423c"
CORPUS = ROOT / "tests" / "corpus"

WORKER = r'''
import dataclasses, json, logging, sys, time
from pathlib import Path
logging.disable(logging.WARNING)
sys.path.insert(0, sys.argv[2] + "/tests")
from sealstation.demo import build_demo_station
from sealstation.station import StampRequestSpec, Station
try:  # one Placement value since issue 8; the baseline takes page and centre apart
    from sealstation.model import Placement
except ImportError:
    Placement = None
home = Path(sys.argv[1])
info = build_demo_station(home)
creds = json.loads(info.credentials_path.read_text(encoding="utf-8"))
station = Station.open(info.home, journal_passphrase=creds.get("journal_passphrase"))
# Stations that sign user records want the office's seal authority for these changes.
import inspect
from sealstation.seals.authority import SealAuthority
office = {}
if "authority" in inspect.signature(station.users.add).parameters:
    office["authority"] = SealAuthority.load(station.home.ca_cert_path, station.home.ca_key_path,
                                             creds["seal_authority_passphrase"])
# gm2 has the station's own password hash (scrypt at its default cost); gm a cheap one.
station.users.add("gm2", "gm2", ["approver"], "first-gm2-pw", approver_level="general_manager", by="setup", **office)
station.users.change_password("gm2", "first-gm2-pw", "bench-gm2-pw")
station.users.policy = dataclasses.replace(station.users.policy, scrypt_n=2**10)
station.users.reset_password("gm", "bench-reset-pw", by="admin", **office)
station.users.change_password("gm", "bench-reset-pw", "bench-gm-pw")
pin = creds["token_pin"]

def approve(src, out, at):
    station.approving().approve(Path(src), seals=["official"], copies=1, approver="gm", password="bench-gm-pw", purpose="bench")

def read(src, out, at):
    """Approval's reading of the document: all its document checks (before issue 6: read_source_pdf alone)."""
    if hasattr(station, "check_document"):
        station.approving().check_document(Path(src))
    else:
        from sealstation.pdf.document import read_source_pdf
        read_source_pdf(Path(src))

def approve_as_run(src, out, at):
    station.approving().approve(Path(src), seals=["official"], copies=1, approver="gm2", password="bench-gm2-pw", purpose="bench")

def stamp(src, out, at):
    where = (Placement(1, tuple(at)),) if Placement else (1, tuple(at))
    plan = station.stamping().plan_stamp(StampRequestSpec(Path(src), "official", *where, Path(out), "bench"))
    station.stamping()._sign(plan, Path(out), pin)

print("ready", flush=True)
for line in sys.stdin:
    op, src, out, at = line.rstrip("\n").split("\t")
    try:
        Path(out).unlink(missing_ok=True)  # repeats write the same name; the station never replaces unasked
        t0 = time.perf_counter()
        {"approve": approve, "approve-as-run": approve_as_run, "read": read, "stamp": stamp}[op](src, out, json.loads(at))
        print("ok\t%.6f" % (time.perf_counter() - t0), flush=True)
    except Exception as exc:
        print("err\t" + type(exc).__name__, flush=True)
'''


class Worker:
    """One version of SealStation in its own process, timing what it is asked to do."""

    def __init__(self, tree: Path, home: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1")
        env.pop("SEALSTATION_HOME", None)
        self.proc = subprocess.Popen([sys.executable, "-c", WORKER, str(home), str(tree)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, env=env, cwd=tree)
        assert self.proc.stdout.readline().strip() == "ready"

    def time(self, op: str, src: Path, out: Path, at=(0.0, 0.0)) -> float | None:
        self.proc.stdin.write(f"{op}\t{src}\t{out}\t{json.dumps(list(at))}\n")
        self.proc.stdin.flush()
        status, value = self.proc.stdout.readline().rstrip("\n").split("\t")
        return float(value) if status == "ok" else None

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def export_tree(rev: str, dest: Path) -> Path:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def centre_of_page_1(path: Path):
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    try:
        with pymupdf.open(path) as doc:
            if doc.needs_pass or doc.page_count < 1:
                return None
            r = doc[0].rect  # as displayed (rotation and CropBox applied), in points
    except Exception:  # noqa: BLE001 - a file MuPDF cannot open is one neither version stamps
        return None
    return (round(r.width / 2 * 25.4 / 72, 1), round(r.height / 2 * 25.4 / 72, 1))


_RUNS = iter(range(10**9))


def paired(a: Worker, b: Worker, op: str, src: Path, tmp: Path, repeat: int, at=(0.0, 0.0)):
    """Median times of the same case, alternating the two workers; None when either refuses it."""
    ta, tb = [], []
    for i in range(repeat + 1):
        for worker, times, name in ((a, ta, "a"), (b, tb, "b")):
            # A new output name each time: the station never writes over an existing file unasked.
            out = tmp / f"out-{name}-{next(_RUNS)}.pdf"
            t = worker.time(op, src, out, at)
            out.unlink(missing_ok=True)
            if t is None:
                return None
            if i:  # the first round warms caches
                times.append(t)
    return statistics.median(ta), statistics.median(tb)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline-rev", default=BASELINE_REV)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--corpus-repeat", type=int, default=3)
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT / "tests"))
    from support.corpus import corpus_files
    from support.pdfs import make_text_pdf

    tmp = Path(tempfile.mkdtemp(prefix="sealstation-bench-docs-"))
    old_tree = export_tree(args.baseline_rev, tmp / "baseline")
    new = Worker(ROOT, tmp / "home-new")
    old = Worker(old_tree, tmp / "home-old")
    rows = []

    big = make_text_pdf(tmp / "text-1000.pdf", 1000)
    # Issue 6's target is what its document checks add to approval. Since issue 7 approval
    # also unlocks the approver's key and signs: that is timed, but not charged to the checks.
    a_new, a_old = paired(new, old, "approve", big, tmp, args.repeat)
    r_new, r_old = paired(new, old, "read", big, tmp, args.repeat)
    rows.append(("approve 1,000-page: document checks", a_old + (r_new - r_old), a_old, 1.20))
    rows.append(("  document reading and checks", r_new, r_old, None))
    rows.append(("  whole approval (cheap password hash)", a_new, a_old, None))
    t_new, t_old = paired(new, old, "approve-as-run", big, tmp, args.repeat)
    rows.append(("  whole approval (station's scrypt)", t_new, t_old, None))

    per_file = []
    for entry in corpus_files():
        at = centre_of_page_1(entry.path)
        if at is None:
            continue
        pair = paired(new, old, "stamp", entry.path, tmp, args.corpus_repeat, at)
        if pair is not None:
            per_file.append(pair)
    t_new = statistics.median(p[0] for p in per_file)
    t_old = statistics.median(p[1] for p in per_file)
    rows.append((f"median stamp, {len(per_file)} corpus files", t_new, t_old, 1.10))
    new.close()
    old.close()

    print(f"baseline: {args.baseline_rev} (before issue 6), same machine, alternating")
    print(f"{'case':36s} {'now':>9s} {'before':>9s} {'ratio':>6s} {'target':>7s}")
    ok = True
    for name, t, base, target in rows:
        ratio = t / base
        if target is None:  # for information: what the checks cost without the approver's password hash
            print(f"{name:36s} {t * 1000:8.1f}ms {base * 1000:8.1f}ms {ratio:6.2f} {'':>7s}  (information)")
            continue
        ok &= ratio <= target
        print(f"{name:36s} {t * 1000:8.1f}ms {base * 1000:8.1f}ms {ratio:6.2f} {'<=' + str(target):>7s}"
              f"  {'OK' if ratio <= target else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
