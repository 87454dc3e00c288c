"""The real print path: QPrinter → CUPS → an IPP Everywhere printer (ippeveprinter) on loopback.

Checks what the printer received (one job a copy, its pages, each copy's QR
code read from a rendering of the received job), that a job in a disabled
queue is not counted (and cancelled so it cannot print later), and what the
journal recorded.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import pymupdf
import pytest

from sealstation.station import Station
from support.cups_printer import missing_tools, start_test_printer, stop
from support.printing import CUSTODIAN, read_qr_codes, run_ui_cli, stamped_in

pytestmark = pytest.mark.slow


@pytest.fixture
def test_printer(monkeypatch):
    if missing_tools():
        pytest.fail(f"the real print path needs {', '.join(missing_tools())} (scripts/setup.sh installs them)")
    started: list = []
    # Not under pytest's private (0700) temp folder: CUPS runs its filters as the unprivileged user lp.
    root = Path(tempfile.mkdtemp(prefix="sealstation-cups-"))
    try:
        printer = start_test_printer(root, started)
        for k, v in printer.env.items():
            monkeypatch.setenv(k, v)
        yield printer
    finally:
        stop(started)
        shutil.rmtree(root, ignore_errors=True)


def wait_for(check, timeout=60):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_copies_reach_the_printer_one_job_each_with_their_marks(test_printer, cli_home, seal_token, pin, tmp_path):
    stamped = stamped_in(cli_home, seal_token, pin, tmp_path, pages=3)
    listed = run_ui_cli("print", "printers", home=cli_home)
    assert test_printer.queue in listed.stdout, listed.stdout + listed.stderr
    proc = run_ui_cli("print", str(stamped), "--copies", "2", "--printer", test_printer.queue, "--user", "custodian",
                      "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "black and white" in proc.stderr  # ippeveprinter's default printer is monochrome: the red seal is warned
    wait_for(lambda: len(test_printer.received()) == 2)
    received = test_printer.received()
    serials = []
    with Station.open(cli_home, token=seal_token.session) as station:
        for k, job in enumerate(received, start=1):
            with pymupdf.open(job) as doc:
                assert doc.page_count == 3
            codes = read_qr_codes(job, dpi=300)
            assert len(set(codes)) == 1 and codes[0], codes
            check = station.verify_copy(codes[0])
            assert check.genuine and check.current and check.payload.number == k
            serials.append(check.payload.serial)
        entries = [e.data for e in station.journal.entries(kinds=("print_job",))]
    assert [e["status"] for e in entries] == ["accepted", "accepted"]
    assert all(e["job"] for e in entries) and entries[0]["printer"] == test_printer.queue
    assert [e["copies"][0]["serial"] for e in entries] == serials


def test_a_disabled_queue_uses_up_no_copy(test_printer, cli_home, seal_token, pin, tmp_path):
    stamped = stamped_in(cli_home, seal_token, pin, tmp_path)
    assert test_printer.run("cupsdisable", test_printer.queue).returncode == 0
    proc = run_ui_cli("print", str(stamped), "--copies", "1", "--printer", test_printer.queue, "--user", "custodian",
                      "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert proc.returncode == 1 and "failed" in proc.stdout and "stopped" in proc.stdout, proc.stdout + proc.stderr
    with Station.open(cli_home, token=seal_token.session) as station:
        assert station.plan_print(stamped, copies=2).allowance.left == 2
        (entry,) = [e.data for e in station.journal.entries(kinds=("print_job",))]
        assert entry["status"] == "failed" and "stopped" in entry["reason"]
    assert test_printer.run("cupsenable", test_printer.queue).returncode == 0
    time.sleep(2)
    assert test_printer.received() == []  # nothing was left queued to print uncounted
