"""The README's recipe: pdfsig trusts a stamp once the office's seal authority is in its NSS database."""

from __future__ import annotations

import subprocess

from support.pdfs import make_pdf
from support.station_fixtures import stamp_approved


def test_pdfsig_trusts_the_seal_with_the_office_authority_in_its_nss_database(station, pin, tmp_path):
    out = tmp_path / "out.pdf"
    stamp_approved(station, pin, make_pdf(tmp_path / "in.pdf"), out)
    alone = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True, timeout=60).stdout
    assert "Certificate issuer isn't Trusted" in alone and "Signature is Valid" in alone

    nss = tmp_path / "nss"
    nss.mkdir()
    for command in (["certutil", "-N", "-d", str(nss), "--empty-password"],
                    ["certutil", "-A", "-d", str(nss), "-n", "office seal authority", "-t", ",C,", "-i",
                     str(station.home.ca_cert_path)]):
        subprocess.run(command, check=True, capture_output=True, timeout=60)
    trusted = subprocess.run(["pdfsig", "-nssdir", str(nss), str(out)], capture_output=True, text=True, timeout=60).stdout
    assert "Certificate Validation: Certificate is Trusted." in trusted and "Signature is Valid" in trusted
