"""Attack: forge a seal and hope `verify` calls it valid (issue 7).

The forger has the seal's public facts (its names, its image) but not the
seal authority's key: a self-signed certificate copying the seal's names, a
fake CA named like the office's, or a forged signature added on top of a
genuine stamp that paints new text over the page. Each must give NOT VALID,
exit 1, and say which signature fails and why.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from sealstation.model import SealKind
from sealstation.seals.authority import SealAuthority, SealCertSubject
from support.cli import run_cli
from support.pdfs import make_pdf
from support.station_fixtures import ORG, stamp_approved

SEAL_SUBJECT = SealCertSubject("official", f"{ORG}{SealKind.OFFICIAL.label_zh}", "official", ORG)


def write_key_and_cert(folder: Path, key, cert: x509.Certificate) -> tuple[Path, Path]:
    key_path, cert_path = folder / "forger-key.pem", folder / "forger-cert.pem"
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def self_signed_seal_certificate(folder: Path) -> tuple[Path, Path, list[Path]]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = SEAL_SUBJECT.to_name()
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    return *write_key_and_cert(folder, key, cert), []


def fake_office_ca_certificate(folder: Path, real_ca_path: Path) -> tuple[Path, Path, list[Path]]:
    """A CA with the office's own name (and organisation), issuing a seal certificate like the real one."""
    real = x509.load_pem_x509_certificate(real_ca_path.read_bytes())
    common_name = real.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
    fake = SealAuthority.create(common_name=common_name, organisation=ORG, key_path=folder / "fake-ca-key.pem",
                                cert_path=folder / "fake-ca.pem", passphrase="forger")
    key = ec.generate_private_key(ec.SECP256R1())
    cert = fake.issue_seal_certificate(key.public_key(), SEAL_SUBJECT, now=dt.datetime.now(dt.timezone.utc))
    return *write_key_and_cert(folder, key, cert), [folder / "fake-ca.pem"]


def forge(src: Path, out: Path, key_path: Path, cert_path: Path, chain: list[Path], *, text: str | None = None):
    """Sign ``src`` as the forger would, with pyHanko and a key of their own."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    signer = signers.SimpleSigner.load(str(key_path), str(cert_path), ca_chain_files=[str(p) for p in chain])
    meta = signers.PdfSignatureMetadata(field_name="Seal-official-9", md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES)
    style = TextStampStyle(stamp_text=text) if text else None
    spec = fields.SigFieldSpec("Seal-official-9", on_page=0, box=(100, 300, 400, 400)) if text else None
    with open(src, "rb") as inf, open(out, "wb") as outf:
        writer = IncrementalPdfFileWriter(inf, strict=False)
        signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=spec).sign_pdf(writer, output=outf)


def verify_cli(home: Path, path: Path) -> tuple[int, dict]:
    proc = run_cli("verify", str(path), "--json", home=home)
    assert "Traceback" not in proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.mark.parametrize("maker", [self_signed_seal_certificate, "fake-ca"], ids=["self-signed", "fake-office-ca"])
def test_a_forged_seal_is_not_valid(cli_home, tmp_path, maker):
    from sealstation.config import StationHome

    ca_path = StationHome(cli_home).ca_cert_path
    key, cert, chain = (fake_office_ca_certificate(tmp_path, ca_path) if maker == "fake-ca"
                        else self_signed_seal_certificate(tmp_path))
    out = tmp_path / "forged.pdf"
    forge(make_pdf(tmp_path / "in.pdf"), out, key, cert, chain)
    code, report = verify_cli(cli_home, out)
    assert code == 1 and report["valid"] is False
    (sig,) = report["signatures"]
    assert sig["intact"] and sig["valid"] and not sig["trusted"] and not sig["ok"]
    assert sig["seal"] == "official"  # it copies the seal's names: that alone must not make it VALID
    assert sig["problem"] == "intact, but its certificate was not issued by a trusted seal authority"
    text = run_cli("verify", str(out), home=cli_home).stdout
    assert "NOT VALID" in text and "not issued by a trusted seal authority" in text


def test_a_forged_signature_over_a_genuine_stamp_is_not_valid(station, pin, cli_home, tmp_path):
    from sealstation.model import Placement
    from sealstation.station import StampRequestSpec
    from support.station_fixtures import approve, sign_plan

    genuine = tmp_path / "genuine.pdf"
    # The first seal of a two-seal request: the document is not locked yet (the last seal would lock it, and pyHanko
    # then refuses to sign over it; tests/core/test_locking.py covers edits after the lock).
    src = make_pdf(tmp_path / "in.pdf")
    approve(station, src, ["official", "contract"])
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), genuine))
    sign_plan(station, plan, genuine, pin, approve_first=False)
    key, cert, chain = self_signed_seal_certificate(tmp_path)
    out = tmp_path / "overpainted.pdf"
    forge(genuine, out, key, cert, chain, text="作废 VOID")
    code, report = verify_cli(cli_home, out)
    assert code == 1 and report["valid"] is False
    first, forged = report["signatures"]
    assert first["ok"] and first["trusted"]  # the genuine seal still stands for what it signed
    assert not forged["ok"] and "not issued by a trusted seal authority" in forged["problem"]


def partner_seal(folder: Path):
    """A partner company's seal authority and a seal it issued."""
    partner = SealAuthority.create(common_name="合作伙伴印章管理机构", organisation="合作伙伴有限公司",
                                   key_path=folder / "partner-ca-key.pem", cert_path=folder / "partner-ca.pem",
                                   passphrase="partner")
    key = ec.generate_private_key(ec.SECP256R1())
    subject = SealCertSubject("partner-contract", "合作伙伴有限公司合同专用章", "contract", "合作伙伴有限公司")
    cert = partner.issue_seal_certificate(key.public_key(), subject, now=dt.datetime.now(dt.timezone.utc))
    return *write_key_and_cert(folder, key, cert), \
        [folder / "partner-ca.pem"]


def test_a_partner_authority_counts_only_when_the_office_added_it(cli_home, seal_token, tmp_path):
    import shutil

    from sealstation.config import StationHome
    from support.station_fixtures import password

    key, cert, chain = partner_seal(tmp_path)
    signed = tmp_path / "partner-signed.pdf"
    forge(make_pdf(tmp_path / "in.pdf"), signed, key, cert, chain)
    assert verify_cli(cli_home, signed)[0] == 1  # not trusted yet

    # Dropped into the folder without the office's endorsement, or with another's: still not trusted.
    partners = StationHome(cli_home).office_dir / "partners"
    partners.mkdir(exist_ok=True)
    shutil.copy(tmp_path / "partner-ca.pem", partners / "dropped.pem")
    (partners / "dropped.pem.sig").write_text("00" * 70)
    code, report = verify_cli(cli_home, signed)
    assert code == 1 and not report["signatures"][0]["trusted"]
    listing = run_cli("trust", "list", home=cli_home).stdout
    assert "NOT trusted" in listing
    (partners / "dropped.pem").unlink()
    (partners / "dropped.pem.sig").unlink()

    # The office adds it, with the office's key and passphrase.
    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"), partners.parent / "seal-authority-key.pem")
    proc = run_cli("trust", "add", str(tmp_path / "partner-ca.pem"), "--by", "admin", "--stdin-secrets",
                   home=cli_home, stdin=f"{password('admin')}\n{seal_token.authority_passphrase}\n")
    assert proc.returncode == 0, proc.stderr
    code, report = verify_cli(cli_home, signed)
    assert code == 0 and report["valid"] and report["signatures"][0]["trusted"]
