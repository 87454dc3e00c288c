"""The archive through the CLI as real processes: sync, kill -9 at several points, archive verify, verify --archive."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

from sealstation.archive.backend import FolderArchive
from sealstation.archive.summary import REPORT_TZ
from support.cli import approve_cli, password, run_cli, stamp_cli
from support.pdfs import make_pdf


def stamped(home: Path, tmp_path: Path, pin: str, name: str) -> Path:
    (tmp_path / "in").mkdir(exist_ok=True)
    src = make_pdf(tmp_path / "in" / f"{name}.pdf", text=f"document {name}")
    approve_cli(home, src, "official")
    out = tmp_path / f"{name}-stamped.pdf"
    proc = stamp_cli(home, src, out, "official", pin)
    assert proc.returncode == 0, proc.stderr
    return out


def report_cli(home: Path, archive: Path, month: str, out: Path) -> subprocess.CompletedProcess:
    return run_cli("report", "monthly", "--archive", str(archive), "--month", month, "--out", str(out),
                   "--user", "admin", "--stdin-secrets", home=home, stdin=password("admin") + "\n")


def test_sync_archive_verify_and_verify_archive(cli_home, tmp_path, pin, seal_token):
    archive = FolderArchive.create(tmp_path / "archive").root
    out = stamped(cli_home, tmp_path, pin, "a")
    proc = run_cli("sync", "--archive", str(archive), home=cli_home)
    assert proc.returncode == 0, proc.stderr
    assert "through entry" in proc.stdout
    proc = run_cli("archive", "verify", "--archive", str(archive), home=cli_home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "test-station:" in proc.stdout and ": ok" in proc.stdout
    proc = run_cli("verify", str(out), "--archive", str(archive), home=cli_home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "registered: station test-station, custodian custodian, request R" in proc.stdout
    proc = run_cli("verify", str(out), "--archive", str(archive), "--json", home=cli_home)
    report = json.loads(proc.stdout)
    assert report["archive"]["signatures"][0]["registered"] is True
    month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
    # At a station the report is the office's (or an auditor's) export: who, asked and journalled.
    proc = run_cli("report", "monthly", "--archive", str(archive), "--month", month, "--out",
                   str(tmp_path / "month.csv"), home=cli_home)
    assert proc.returncode == 2 and "give --user NAME" in proc.stderr and not (tmp_path / "month.csv").exists()
    proc = run_cli("report", "monthly", "--archive", str(archive), "--month", month, "--out",
                   str(tmp_path / "month.csv"), "--user", "custodian", "--stdin-secrets", home=cli_home,
                   stdin=password("custodian") + "\n")
    assert proc.returncode == 1 and "custodian may not export the monthly report" in proc.stderr
    proc = report_cli(cli_home, archive, month, tmp_path / "month.csv")
    assert proc.returncode == 0, proc.stderr
    assert "1 stamp(s)" in proc.stdout and (tmp_path / "month.csv").read_text(encoding="utf-8-sig").count("official")
    # The workbook's writer process starts from 'python -m sealstation' (spawn must not run the CLI again).
    proc = report_cli(cli_home, archive, month, tmp_path / "month.xlsx")
    assert proc.returncode == 0, proc.stderr
    assert "1 stamp(s)" in proc.stdout
    per_seal = openpyxl.load_workbook(tmp_path / "month.xlsx")["按印章 Per seal"]["A2"].value
    assert per_seal.endswith("公章（official）")  # named as engraved, with its id
    proc = run_cli("journal", "export", "--out", str(tmp_path / "journal.csv"), "--user", "auditor",
                   "--stdin-secrets", home=cli_home, stdin=password("auditor") + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "report_exported" in (tmp_path / "journal.csv").read_text(encoding="utf-8")
    # The office's own computer, with no station: the archive and the office's CA certificate are enough.
    proc = run_cli("report", "monthly", "--archive", str(archive), "--month", month, "--out",
                   str(tmp_path / "office.csv"), "--ca", str(cli_home / "office" / "seal-authority.pem"),
                   home=tmp_path / "no-station")
    assert proc.returncode == 0, proc.stderr
    assert "1 stamp(s)" in proc.stdout
    proc = run_cli("report", "monthly", "--archive", str(archive), "--month", "11/2026", "--out",
                   str(tmp_path / "bad.csv"), home=cli_home)
    assert proc.returncode == 2 and "YYYY-MM" in proc.stderr  # a usage error
    proc = run_cli("report", "monthly", "--archive", str(archive), "--month", month, "--out",
                   str(tmp_path / "month.txt"), home=cli_home)
    assert proc.returncode == 2 and "must end in .xlsx, .pdf or .csv" in proc.stderr  # a usage error too

    # A signature made with the seal's token directly (pyHanko over PKCS#11), never through the station.
    direct = sign_directly_with_the_token(seal_token, make_pdf(tmp_path / "in" / "b.pdf", text="outside"),
                                          tmp_path / "direct.pdf")
    proc = run_cli("verify", str(direct), "--archive", str(archive), home=cli_home)
    assert proc.returncode == 1
    assert "VALID (1 signature(s))" in proc.stdout  # the signature itself is genuine …
    assert "NOT REGISTERED: this signature was not made through a station that reports to this archive" in proc.stdout
    # … and the sighting is recorded in the archive, for the month's report.
    assert "The archive recorded 1 NOT REGISTERED signature(s)" in proc.stdout
    [sighting] = (archive / "sightings" / month).iterdir()
    assert b"direct.pdf" in sighting.read_bytes() and b"Seal-direct" in sighting.read_bytes()
    proc = report_cli(cli_home, archive, month, tmp_path / "month2.csv")
    text = (tmp_path / "month2.csv").read_text(encoding="utf-8-sig")
    assert "NOT REGISTERED" in text and "direct.pdf" in text and "Seal-direct" in text

    # A tampered segment: archive verify exits 1 and names it.
    seg = next((archive / "stations" / "test-station").iterdir())
    data = seg.read_bytes()
    assert b'\\"custodian\\":\\"custodian\\"' in data
    seg.write_bytes(data.replace(b'\\"custodian\\":\\"custodian\\"', b'\\"custodian\\":\\"someone\\"', 1))
    proc = run_cli("archive", "verify", "--archive", str(archive), home=cli_home)
    assert proc.returncode == 1 and "signature:" in proc.stdout
    # … and the stamp it held no longer counts as registered.
    proc = run_cli("verify", str(out), "--archive", str(archive), home=cli_home)
    assert proc.returncode == 1 and "NOT REGISTERED" in proc.stdout


def sign_directly_with_the_token(seal_token, src: Path, out: Path) -> Path:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    from sealstation.token.signer import seal_signer

    def sign(session):
        signer = seal_signer(session, label="official", token_label=seal_token.token_label, cert_sha256=None)
        with open(src, "rb") as f, open(out, "wb") as o:
            writer = IncrementalPdfFileWriter(f)
            signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="Seal-direct", md_algorithm="sha256"),
                             signer=signer, output=o)

    try:
        seal_token.session.run(sign, pin=seal_token.user_pin)
    finally:
        seal_token.session.logout()
    return out


KILLER = textwrap.dedent("""
    import os, signal, sys
    from sealstation.station import Station
    stage, n = sys.argv[3], int(sys.argv[4])
    def fault(at, count):
        if at == stage and count == n:
            os.kill(os.getpid(), signal.SIGKILL)
    with Station.open(sys.argv[1]) as station:
        station.archive().sync(sys.argv[2], fault=fault)
""")


@pytest.mark.parametrize("stage,n", [("before-segment", 0), ("before-segment", 2), ("stored", 0), ("stored", 2),
                                     ("after-segment", 1), ("after-segment", 3)])
def test_a_sync_killed_at_several_points_resumes(cli_home, tmp_path, pin, stage, n):
    archive = FolderArchive.create(tmp_path / "archive").root
    stamped(cli_home, tmp_path, pin, "k")  # before the archive is configured: a stamp would send it in passing
    config = json.loads((cli_home / "station.json").read_text())
    config["archive"] = {"location": str(archive), "segment_entries": 8}
    (cli_home / "station.json").write_text(json.dumps(config))
    killed = subprocess.run([sys.executable, "-c", KILLER, str(cli_home), str(archive), stage, str(n)],
                            capture_output=True, text=True, env={**os.environ}, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not list(archive.rglob(".*.part"))
    proc = run_cli("sync", home=cli_home)
    assert proc.returncode == 0, proc.stderr
    heads = FolderArchive(archive).heads("test-station")
    firsts = [h.first for h in heads]
    assert firsts == sorted(set(firsts))  # every range once: nothing stored twice
    proc = run_cli("archive", "verify", home=cli_home)
    assert proc.returncode == 0, proc.stdout


def test_a_stamp_from_the_command_line_reaches_the_configured_archive_by_itself(cli_home, tmp_path, pin):
    from sealstation.config import StationHome

    archive = FolderArchive.create(tmp_path / "archive").root
    home = StationHome(cli_home)
    config = json.loads(home.config_path.read_text(encoding="utf-8"))
    config["archive"] = {"location": str(archive)}
    home.config_path.write_text(json.dumps(config), encoding="utf-8")
    (tmp_path / "in").mkdir()
    src = make_pdf(tmp_path / "in" / "c.pdf", text="document c")
    approve_cli(cli_home, src, "official")
    proc = stamp_cli(cli_home, src, tmp_path / "c-stamped.pdf", "official", pin)
    assert proc.returncode == 0 and "sent to the office archive" in proc.stderr, proc.stderr
    assert FolderArchive(archive).stations() == ["test-station"]
    proc = run_cli("archive", "verify", "--archive", str(archive), home=cli_home)
    assert proc.returncode == 0 and "test-station:" in proc.stdout, proc.stdout + proc.stderr
