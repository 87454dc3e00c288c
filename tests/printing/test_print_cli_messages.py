"""What the printing commands say when there is nothing to show, or the wrong thing was typed."""

from __future__ import annotations

from sealstation.archive.backend import FolderArchive
from support.cli import approve_cli, run_cli
from support.pdfs import make_pdf


def test_print_list_says_when_nothing_is_printed_and_names_an_unknown_request(cli_home, tmp_path):
    proc = run_cli("print", "list", home=cli_home)
    assert proc.returncode == 0 and proc.stdout.strip() == "No copy is printed yet."
    approve_cli(cli_home, make_pdf(tmp_path / "in.pdf"), "official")
    request = run_cli("request", "list", home=cli_home).stdout.split()[0]
    proc = run_cli("print", "list", "--request", request, home=cli_home)
    assert proc.returncode == 0 and f"No copy of request {request} is printed yet." in proc.stdout
    proc = run_cli("print", "list", "--request", "R-TYPO", home=cli_home)
    assert proc.returncode == 1 and "There is no request R-TYPO" in proc.stderr and "request list" in proc.stderr


def test_verify_copy_of_a_serial_in_the_archive_asks_for_the_qr_text(cli_home, tmp_path):
    archive = FolderArchive.create(tmp_path / "archive").root
    proc = run_cli("verify-copy", "C000007", "--archive", str(archive), "--ca",
                   str(cli_home / "office" / "seal-authority.pem"), home=tmp_path / "nowhere")
    assert proc.returncode == 1 and "C000007 is a copy's serial" in proc.stderr
    assert "not the QR code" not in proc.stderr and "SSCOPY1" in proc.stderr


def test_a_reprint_approval_says_what_it_supersedes(cli_home, tmp_path, pin):
    from support.cli import stamp_cli
    from support.station_fixtures import password

    (tmp_path / "in").mkdir()
    src = make_pdf(tmp_path / "in" / "old.pdf", text="old")
    approve_cli(cli_home, src, "official")
    old = run_cli("request", "list", home=cli_home).stdout.split()[0]
    assert stamp_cli(cli_home, src, tmp_path / "old-stamped.pdf", "official", pin).returncode == 0
    proc = run_cli("approve", str(make_pdf(tmp_path / "in" / "new.pdf", text="corrected")), "--seal", "official",
                   "--copies", "2", "--approver", "gm", "--purpose", "合同用印", "--supersedes", old,
                   "--stdin-secrets", home=cli_home, stdin=password("gm") + "\n")
    assert proc.returncode == 0, proc.stderr
    assert f"a reprint (重印) of request {old}: that file is no longer printed" in proc.stdout
