"""The printing commands as real processes: print, list, void, recall, verify-copy; races and kill -9."""

from __future__ import annotations

import time

from sealstation.station import Station
from support.cli import run_cli
from support.printing import (CUSTODIAN, print_and_kill_9_when, read_qr_codes, run_ui_cli, stamped_in, start_ui_cli,
                              unnamed_file_size)

def test_print_list_void_and_verify_copy(cli_home, seal_token, pin, tmp_path):
    stamped = stamped_in(cli_home, seal_token, pin, tmp_path)
    out = tmp_path / "copies.pdf"
    proc = run_ui_cli("print", str(stamped), "--copies", "2", "--to-pdf", str(out), "--user", "custodian",
                      "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert proc.returncode == 0, proc.stderr
    assert "2 approved, 0 printed, 2 left" in proc.stdout and "Printed 2 of 2" in proc.stdout
    codes = read_qr_codes(out)
    proc = run_cli("verify-copy", codes[0], home=cli_home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Genuine" in proc.stdout and "copy 1 of 2" in proc.stdout and "printed by custodian" in proc.stdout
    listing = run_cli("print", "list", home=cli_home)
    assert listing.returncode == 0 and listing.stdout.count("printed/current") == 2

    again = run_ui_cli("print", str(stamped), "--copies", "1", "--to-pdf", str(tmp_path / "more.pdf"), "--user",
                       "custodian", "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert again.returncode == 1 and "All 2 approved copies" in again.stderr

    serial = codes[0].split("sn=")[1].split(";")[0]
    proc = run_cli("print", "void", serial, "--reason", "paper jam", "--user", "custodian", "--stdin-secrets",
                   home=cli_home, stdin=CUSTODIAN)
    assert proc.returncode == 0, proc.stderr
    for text in (codes[0], serial):
        proc = run_cli("verify-copy", text, home=cli_home)
        assert proc.returncode == 1 and "VOIDED: paper jam" in proc.stdout, proc.stdout
    proc = run_cli("print", "void", serial, "--reason", "again", "--user", "custodian", "--stdin-secrets",
                   home=cli_home, stdin=CUSTODIAN)
    assert proc.returncode == 1 and proc.stderr.startswith("sealstation print void: Copy ") \
        and "already voided" in proc.stderr, proc.stderr
    proc = run_cli("print", "recall", "--request", listing.stdout.split()[1], "--reason", "withdrawn", "--user",
                   "custodian", "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("verify-copy", codes[2], home=cli_home)
    assert proc.returncode == 1 and "RECALLED: withdrawn" in proc.stdout

    forged = codes[2].replace("c=2/2", "c=1/2")
    proc = run_cli("verify-copy", forged, home=cli_home)
    assert proc.returncode == 1 and "NOT GENUINE" in proc.stdout and "forged or altered" in proc.stdout

    # Offline, with only the office's and the station's certificates: genuineness, no status.
    office = cli_home / "office"
    proc = run_cli("verify-copy", codes[2], "--ca", str(office / "seal-authority.pem"), "--station-cert",
                   str(office / "station-cert.pem"), home=tmp_path / "nowhere")
    assert proc.returncode == 0 and "Genuine" in proc.stdout and "status not checked" in proc.stdout
    proc = run_cli("verify-copy", forged, "--ca", str(office / "seal-authority.pem"), "--station-cert",
                   str(office / "station-cert.pem"), home=tmp_path / "nowhere")
    assert proc.returncode == 1 and "NOT GENUINE" in proc.stdout
    proc = run_cli("verify-copy", serial, "--ca", str(office / "seal-authority.pem"), "--station-cert",
                   str(office / "station-cert.pem"), home=tmp_path / "nowhere")
    assert proc.returncode == 1 and "is a copy's serial" in proc.stderr and "--home" in proc.stderr, proc.stderr


def test_without_a_print_system_the_core_entry_point_says_so(cli_home, seal_token, pin, tmp_path):
    stamped = stamped_in(cli_home, seal_token, pin, tmp_path)
    proc = run_cli("print", str(stamped), "--copies", "1", "--to-pdf", str(tmp_path / "x.pdf"), "--user", "custodian",
                   "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert proc.returncode == 1 and "no print system" in proc.stderr


def test_two_processes_for_the_last_copy_one_wins(cli_home, seal_token, pin, tmp_path):
    stamped = stamped_in(cli_home, seal_token, pin, tmp_path)
    first = run_ui_cli("print", str(stamped), "--copies", "1", "--to-pdf", str(tmp_path / "c1.pdf"), "--user",
                       "custodian", "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert first.returncode == 0, first.stderr
    procs = [start_ui_cli("print", str(stamped), "--copies", "1", "--to-pdf", str(tmp_path / f"race{i}.pdf"),
                          "--user", "custodian", "--stdin-secrets", home=cli_home) for i in range(2)]
    try:
        time.sleep(3)  # both have planned (one copy left each time) and wait for the password
        for p in procs:
            p.stdin.write(CUSTODIAN)
            p.stdin.flush()
        results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    codes = sorted(r[2] for r in results)
    assert codes == [0, 1], results
    loser = next(r for r in results if r[2] == 1)
    assert "No copy of notice-stamped.pdf is left" in loser[1] or "just taken by another print" in loser[1], loser[1]
    with Station.open(cli_home, token=seal_token.session) as station:
        assert len(station.printing().copies()) == 2


def test_kill_9_during_a_print_leaves_the_count_right(cli_home, seal_token, pin, tmp_path):
    stamped = stamped_in(cli_home, seal_token, pin, tmp_path, pages=60)
    out = tmp_path / "copies.pdf"
    before = sorted(p.name for p in tmp_path.iterdir())

    def part_written():  # the copies are written into a file with no name until it is complete
        return unnamed_file_size(tmp_path) >= 200_000

    print_and_kill_9_when(part_written, str(stamped), "--copies", "2", "--to-pdf", str(out), home=cli_home,
                          what="200 kB of the copies' PDF written")
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing of the killed print is left anywhere
    with Station.open(cli_home, token=seal_token.session) as station:
        assert station.recover() == 1  # the copy the killed process left open
        assert station.printing().copies() == []
        plan = station.printing().plan(stamped, copies=2)
        assert plan.allowance.left == 2
        entries = [e.data for e in station.journal.entries(kinds=("print_job",))]
        assert [e["status"] for e in entries] == ["cancelled"] and "interrupted" in entries[0]["reason"]
    assert not out.exists() and not list(tmp_path.glob(".copies.pdf.*.part"))


def test_verify_copy_with_the_office_archive_alone(cli_home, seal_token, pin, tmp_path):
    from sealstation.archive.backend import FolderArchive

    archive = str(FolderArchive.create(tmp_path / "archive").root)
    stamped = stamped_in(cli_home, seal_token, pin, tmp_path)
    out = tmp_path / "copies.pdf"
    proc = run_ui_cli("print", str(stamped), "--copies", "2", "--to-pdf", str(out), "--user", "custodian",
                      "--stdin-secrets", home=cli_home, stdin=CUSTODIAN)
    assert proc.returncode == 0, proc.stderr
    codes = read_qr_codes(out)
    serial = codes[0].split("sn=")[1].split(";")[0]
    ca = str(cli_home / "office" / "seal-authority.pem")
    nowhere = tmp_path / "nowhere"

    proc = run_cli("verify-copy", codes[0], "--archive", archive, "--ca", ca, home=nowhere)
    assert proc.returncode == 1 and "holds nothing from station test-station yet (not synced?)" in proc.stderr
    assert "NOT GENUINE" not in proc.stdout  # no forgery alarm for a copy the archive cannot know yet

    assert run_cli("print", "void", serial, "--reason", "paper jam", "--user", "custodian", "--stdin-secrets",
                   home=cli_home, stdin=CUSTODIAN).returncode == 0
    assert run_cli("sync", "--archive", archive, home=cli_home).returncode == 0
    proc = run_cli("verify-copy", codes[0], "--archive", archive, "--ca", ca, home=nowhere)
    assert proc.returncode == 1 and "Genuine" in proc.stdout and "VOIDED: paper jam" in proc.stdout, proc.stdout
    proc = run_cli("verify-copy", codes[2], "--archive", archive, "--ca", ca, home=nowhere)
    assert proc.returncode == 0 and "printed by custodian" in proc.stdout and "Current" in proc.stdout, proc.stdout
    altered = codes[2].replace("c=2/2", "c=1/2")
    proc = run_cli("verify-copy", altered, "--archive", archive, "--ca", ca, home=nowhere)
    assert proc.returncode == 1 and "forged or altered" in proc.stdout
