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
