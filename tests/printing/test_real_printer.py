"""The real print path: QPrinter → CUPS → an IPP Everywhere printer (ippeveprinter) on loopback.

Checks what the printer received (one job a copy, its pages, each copy's QR
code read from a rendering of the received job), that a job in a disabled
queue is not counted (and cancelled so it cannot print later), that a print
killed (kill -9) while CUPS holds a copy's job is settled as CUPS says, and
what the journal recorded.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import time
from pathlib import Path

import cups
import pymupdf
import pytest

from sealstation.errors import PrintRefusedError
from sealstation.station import Station
from support.cups_printer import test_printer  # noqa: F401 - the fixture
from support.printing import CUSTODIAN, print_and_kill_9_when, read_qr_codes, run_ui_cli, stamped_in

pytestmark = pytest.mark.slow


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
            check = station.audit().verify_copy(codes[0])
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
        assert station.printing().plan(stamped, copies=2).allowance.left == 2
        (entry,) = [e.data for e in station.journal.entries(kinds=("print_job",))]
        assert entry["status"] == "failed" and "stopped" in entry["reason"]
    assert test_printer.run("cupsenable", test_printer.queue).returncode == 0
    time.sleep(2)
    assert test_printer.received() == []  # nothing was left queued to print uncounted


def cups_jobs_of(document: str) -> dict[str, tuple[int, int]]:
    """serial → (CUPS job id, job state) of every job CUPS knows for copies of ``document``."""
    jobs = cups.Connection().getJobs(which_jobs="all", my_jobs=False, requested_attributes=["job-id", "job-name",
                                                                                            "job-state"])
    found = {}
    for job_id, attrs in jobs.items():
        m = re.fullmatch(rf"SealStation (C\d+) {re.escape(document)} \d+-\d+", attrs.get("job-name", ""))
        if m:
            found[m[1]] = (job_id, attrs["job-state"])
    return found


def kill_9_once_cups_shows_a_job(stamped: Path, printer, home: Path) -> tuple[str, int]:
    """Print 2 copies, kill -9 the process once CUPS shows its first job; (serial, job id), the job still in CUPS."""
    # Processing, not merely seen: while Qt still streams the job to CUPS it shows as held (4).
    held = print_and_kill_9_when(lambda: {s: j for s, j in cups_jobs_of(stamped.name).items() if j[1] == 5},
                                 str(stamped), "--copies", "2", "--printer", printer.queue, home=home,
                                 what="CUPS processing the first copy's job")
    ((serial, (job_id, state)),) = held.items()
    assert cups_jobs_of(stamped.name)[serial][1] == state == 5  # processing: CUPS has it, the printer not yet
    return serial, job_id


def test_kill_9_while_cups_holds_a_copys_job_counts_it_as_cups_says(test_printer, cli_home, seal_token, pin,
                                                                      tmp_path):
    stamped = stamped_in(cli_home, seal_token, pin, tmp_path)
    # The printer paused: CUPS keeps the first copy's job in hand (processing) and the print waits on it.
    os.kill(test_printer.device.pid, signal.SIGSTOP)
    try:
        serial, job_id = kill_9_once_cups_shows_a_job(stamped, test_printer, cli_home)
        with Station.open(cli_home, token=seal_token.session) as station:
            assert station.recover() == 1
            (copy,) = station.printing().copies()
            assert (copy.serial, copy.state, copy.job, copy.number) == (serial, "printed", str(job_id), 1)
            assert station.printing().plan(stamped, copies=1).allowance.left == 1
            (entry,) = list(station.journal.entries(kinds=("print_job",)))
            assert entry.data["status"] == "accepted" and entry.data["job"] == str(job_id)
            assert "interrupted after the print system took the job" in entry.data["reason"]
            qr = hashlib.sha256(copy.payload.encode("utf-8")).hexdigest()
            assert entry.data["copies"] == [{"serial": serial, "number": 1, "of": 2, "qr": qr}]
    finally:
        os.kill(test_printer.device.pid, signal.SIGCONT)
    wait_for(lambda: len(test_printer.received()) == 1)  # the killed print's job came out: it was rightly counted

    more = run_ui_cli("print", str(stamped), "--copies", "2", "--printer", test_printer.queue, "--user", "custodian",
                      "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert more.returncode == 1 and "only 1 of the 2 approved copies" in more.stderr, more.stdout + more.stderr
    last = run_ui_cli("print", str(stamped), "--copies", "1", "--printer", test_printer.queue, "--user", "custodian",
                      "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert last.returncode == 0, last.stdout + last.stderr
    wait_for(lambda: len(test_printer.received()) == 2)
    with Station.open(cli_home, token=seal_token.session) as station:
        numbers = [station.audit().verify_copy(read_qr_codes(job, dpi=300)[0]).payload.number for job in test_printer.received()]
        assert numbers == [1, 2]
        assert [c.state for c in station.printing().copies()] == ["printed", "printed"]
        with pytest.raises(PrintRefusedError, match="All 2 approved copies"):
            station.printing().plan(stamped, copies=1)
