"""The office's own computer, with no station home: what the README says the archive and ``--ca`` are enough for."""

from __future__ import annotations

from support.cli import approve_cli, run_cli, stamp_cli
from support.pdfs import make_pdf


def test_verify_with_ca_trusts_the_office_authority_without_a_station_home(cli_home, tmp_path, pin):
    src = make_pdf(tmp_path / "in.pdf", text="office computer")
    approve_cli(cli_home, src, "official")
    out = tmp_path / "stamped.pdf"
    assert stamp_cli(cli_home, src, out, "official", pin).returncode == 0
    ca = cli_home / "office" / "seal-authority.pem"
    nowhere = tmp_path / "no-station"

    proc = run_cli("verify", str(out), home=nowhere)
    assert proc.returncode == 1 and "not issued by a trusted seal authority" in proc.stdout
    proc = run_cli("verify", str(out), "--ca", str(ca), home=nowhere)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "VALID (1 signature(s))" in proc.stdout and "trusted seal authority: yes" in proc.stdout
    # A mistyped --ca is named, not taken for "no trusted authority".
    proc = run_cli("verify", str(out), "--ca", str(tmp_path / "typo.pem"), home=nowhere)
    assert proc.returncode == 1 and "typo.pem" in proc.stderr and not proc.stdout
