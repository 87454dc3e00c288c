"""The command line as whole processes, against pyHanko's own floors measured in the same run.

Run:  .venv/bin/python benchmarks/bench_cli_process.py [--runs N] [--image-mb 50] [--quick] [--tmp DIR]

Targets (issue 19, "Speed"):
- ``sealstation stamp`` as a whole process (start, parse, open the station, the gate, sign on the SoftHSM2 token,
  write, verify, journal, the archive sync in passing) costs at most 1.5x a bare pyHanko process signing the same
  file on the same token (pyHanko defaults: invisible field, no verification). The two deliberate key derivations
  (the journal passphrase's and the custodian's password check, scrypt, slow on purpose) are timed inside the
  stamp process and taken out; their time is printed on its own;
- ``sealstation verify`` of a 1-page stamped PDF as a whole process: at most 100 ms above a process that only
  imports the pyHanko modules verify uses;
- a 50 MB image PDF stamps (in process, as benchmarks/bench_stamp.py measures it) within 2.5x the read + SHA-256
  + write + fsync floor.

Each process figure is the median of ``--runs`` runs, the two sides alternating so that the machine's load hits
both alike; CPU time (user + system of the child) is printed beside the wall clock: on a loaded machine it is the
steadier figure. The child processes run with bytecode caches (PYTHONPYCACHEPREFIX in the run's folder, filled by a
first untimed run), as an installed station has; ``--no-bytecode`` measures them compiling every module instead.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

STAMP_PROCESS = r"""
import atexit, hashlib, sys, time
spent = [0.0]
def timed(fn):
    def call(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t0
    return call
hashlib.scrypt = timed(hashlib.scrypt)  # the password check
from cryptography.hazmat.primitives.kdf import scrypt as _kdf  # the journal passphrase (the stamp imports it anyway)
_Scrypt = _kdf.Scrypt
class Scrypt:
    def __init__(self, *args, **kwargs):
        self._kdf = _Scrypt(*args, **kwargs)
    def derive(self, data):
        return timed(self._kdf.derive)(data)
_kdf.Scrypt = Scrypt
atexit.register(lambda: print(f"BENCH-KDF {spent[0]:.6f}", file=sys.stderr))
sys.argv[0] = "sealstation"
from sealstation.process import quiet_third_party_warnings
quiet_third_party_warnings()
from sealstation.cli import main
sys.exit(main())
"""

BARE_PROCESS = r"""
import sys
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
lib, token, key, src, out = sys.argv[1:6]
session = open_pkcs11_session(lib, token_criteria=TokenCriteria(label=token),
                              user_pin=sys.stdin.readline().rstrip("\n"))
try:
    signer = PKCS11Signer(session, key_label=key, cert_label=key)
    with open(src, "rb") as inf, open(out, "wb") as outf:
        signers.sign_pdf(IncrementalPdfFileWriter(inf), signers.PdfSignatureMetadata(field_name="Signature1"),
                         signer=signer, output=outf)
finally:
    session.close()
"""

VERIFY_FLOOR = ("import pyhanko.pdf_utils.reader, pyhanko.sign.fields, pyhanko.sign.general, pyhanko.sign.validation, "
                "pyhanko.sign.validation.generic_cms, pyhanko.sign.validation.status, pyhanko_certvalidator")
"""The pyHanko modules sealstation/pdf/verify.py imports."""


class Child:
    """A child process run and timed: wall clock, and its CPU time (user + system)."""

    def __init__(self, env: dict, cwd: Path) -> None:
        self.env, self.cwd = env, cwd  # cwd: -c and -m put it first on sys.path; away from any source tree

    def run(self, argv: list[str], stdin: str = "") -> tuple[float, float, str]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(argv, input=stdin, capture_output=True, text=True, env=self.env, cwd=self.cwd)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise SystemExit(f"{argv[:4]}… failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu, proc.stderr


def text_pdf(path: Path, text: str) -> Path:
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text, fontsize=11)
    doc.save(path, garbage=0, deflate=True)
    doc.close()
    return path


def median(values) -> float:
    return statistics.median(values)


def line(name: str, ours: float, base: float, target: float | None, base_name: str, *, diff: bool = False) -> bool:
    if diff:
        value, shown = ours - base, f"+{(ours - base) * 1000:.0f}ms"
        ok = target is None or value <= target
        goal = f"<=+{target * 1000:.0f}ms" if target is not None else ""
    else:
        value = ours / base
        shown, ok = f"{value:.2f}x", target is None or value <= target
        goal = f"<={target}x" if target is not None else ""
    verdict = "" if target is None else ("OK" if ok else "MISSED")
    print(f"{name:44s} {ours * 1000:8.0f}ms {base * 1000:8.0f}ms {shown:>8s} {goal:>9s}  {base_name}  {verdict}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--image-mb", type=int, default=50)
    ap.add_argument("--quick", action="store_true", help="skip the 50 MB case")
    ap.add_argument("--tmp", help="folder for the demo station and the files")
    ap.add_argument("--no-bytecode", action="store_true", help="children compile every module (no .pyc)")
    ap.add_argument("--code", type=Path, default=ROOT, help="the SealStation tree the child processes run "
                    "(e.g. another worktree, to compare before and after; default: this one)")
    args = ap.parse_args()

    import logging

    logging.disable(logging.WARNING)
    from sealstation.demo import build_demo_station
    from sealstation.station import Station
    from sealstation.token.module import find_pkcs11_module

    tmp = Path(tempfile.mkdtemp(prefix="sealstation-bench-cli-", dir=args.tmp))
    info = build_demo_station(tmp / "home")
    creds = json.loads(info.credentials_path.read_text(encoding="utf-8"))
    users = creds["users"]
    station = Station.open(info.home, journal_passphrase=creds.get("journal_passphrase"))
    docs = []
    for i in range(args.runs + 1):  # one approved document per stamp (each approval is used once)
        doc = text_pdf(tmp / f"doc-{i}.pdf", f"SealStation benchmark document {i}: the quick brown fox.")
        station.approving().approve(doc, seals=["official"], copies=1, approver="gm", password=users["gm"],
                                    purpose="benchmark")
        docs.append(doc)
    lib = find_pkcs11_module(station.config.pkcs11_module).path
    conf = str(info.home / station.config.softhsm2_conf) if station.config.softhsm2_conf else None
    station.close()

    env = dict(os.environ, PYTHONPATH=str(args.code.resolve()), PYTHONWARNINGS="ignore")
    if conf:
        env["SOFTHSM2_CONF"] = conf
    if args.no_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    child = Child(env, tmp)
    py = sys.executable
    home = str(info.home)
    secrets = "".join(f"{s}\n" for s in (creds.get("journal_passphrase"), users["custodian"], creds["token_pin"]) if s)

    def stamp(i: int):
        out = tmp / f"stamped-{i}.pdf"
        wall, cpu, err = child.run([py, "-c", STAMP_PROCESS, "stamp", str(docs[i]), "--seal", "official",
                                    "--at", "150,240", "--out", str(out), "--user", "custodian", "--home", home,
                                    "--stdin-secrets"], secrets)
        kdf = float(next(w.split()[1] for w in err.splitlines() if w.startswith("BENCH-KDF")))
        return wall, cpu, kdf

    def bare(i: int):
        wall, cpu, _ = child.run([py, "-c", BARE_PROCESS, lib, creds["token_label"], "official", str(docs[i]),
                                  str(tmp / f"bare-{i}.pdf")], creds["token_pin"] + "\n")
        return wall, cpu

    stamp(0), bare(0)  # untimed: bytecode caches, the page cache, SoftHSM2's files
    s_wall, s_cpu, s_kdf, b_wall, b_cpu = [], [], [], [], []
    for i in range(1, args.runs + 1):
        order = (("stamp", stamp), ("bare", bare)) if i % 2 else (("bare", bare), ("stamp", stamp))
        for name, fn in order:
            if name == "stamp":
                wall, cpu, kdf = fn(i)
                s_wall.append(wall - kdf), s_cpu.append(cpu - kdf), s_kdf.append(kdf)
            else:
                wall, cpu = fn(i)
                b_wall.append(wall), b_cpu.append(cpu)

    stamped = str(tmp / "stamped-1.pdf")
    v_argv = [py, "-m", "sealstation", "verify", stamped, "--home", home]
    f_argv = [py, "-c", VERIFY_FLOOR]
    child.run(v_argv), child.run(f_argv)
    v_wall, v_cpu, f_wall, f_cpu = [], [], [], []
    for i in range(args.runs):
        for argv, walls, cpus in ((v_argv, v_wall, v_cpu), (f_argv, f_wall, f_cpu))[:: 1 if i % 2 else -1]:
            wall, cpu, _ = child.run(argv)
            walls.append(wall), cpus.append(cpu)

    print(f"{'case':44s} {'ours':>10s} {'baseline':>10s} {'':>8s} {'target':>9s}  baseline")
    ok = line("stamp process, less KDFs (wall)", median(s_wall), median(b_wall), 1.5, "bare pyHanko PKCS#11 process")
    line("stamp process, less KDFs (CPU)", median(s_cpu), median(b_cpu), None, "its CPU time (information)")
    print(f"{'  the KDFs taken out (scrypt x2, in the process)':44s} {median(s_kdf) * 1000:8.0f}ms"
          f"   (range {min(s_kdf) * 1000:.0f}-{max(s_kdf) * 1000:.0f} ms)")
    ok &= line("verify process (wall)", median(v_wall), median(f_wall), 0.100, "import of the pyHanko it uses",
               diff=True)
    line("verify process (CPU)", median(v_cpu), median(f_cpu), None, "its CPU time (information)", diff=True)

    if not args.quick:
        ok &= _image_file(tmp, info, creds, args)
    print(f"  ({args.runs} runs each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors; "
          f"{'no bytecode caches' if args.no_bytecode else 'bytecode cached'})")
    return 0 if ok else 1


def _image_file(tmp: Path, info, creds, args) -> bool:
    """The 50 MB image PDF stamped in process (plan + sign + write + verify, as bench_stamp measures it)."""
    from bench_stamp import floor_time, make_image_pdf, median_time

    from sealstation.model import Placement
    from sealstation.station import StampRequestSpec, Station

    big = make_image_pdf(tmp / "images.pdf", args.image_mb)
    station = Station.open(info.home, journal_passphrase=creds.get("journal_passphrase"))
    pin = creds["token_pin"]

    def ours():
        plan = station.stamping().plan_stamp(StampRequestSpec(big, "official", Placement(1, (150.0, 240.0)),
                                                              tmp / "ours-big.pdf", "benchmark"))
        station.stamping()._sign(plan, tmp / "ours-big.pdf", pin)

    def fresh(name: str):
        """Untimed: each run writes a new file, as a stamp does (overwriting one first hashes the old one, to
        refuse overwriting an approved document: a cost of --overwrite, not of the stamp)."""
        return lambda: (tmp / name).unlink(missing_ok=True)

    reps = max(3, args.runs // 2)
    try:
        # Not interleaved: the floor would then pay for our 50 MB of write-back and look slower.
        t_ours = median_time(ours, reps, setup=fresh("ours-big.pdf"))
        t_floor = median_time(lambda: floor_time(big, tmp / "floor.pdf"), reps, setup=fresh("floor.pdf"))
    finally:
        station.close()
    return line(f"stamp {big.stat().st_size / 1e6:.0f} MB image PDF (in process)", t_ours, t_floor, 2.5,
                "read+SHA-256+write+fsync")


if __name__ == "__main__":
    sys.exit(main())
