"""Issue 19, timestamps and long-term validation: a real RFC 3161 authority, CRL and OCSP responder on loopback
(Certomancer), the office's seal authority CRL, the authority down or answering garbage; judged by pdfsig and
pyHanko's validator."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from support.office_tsa import start_office_tsa
from support.pdfs import make_text_pdf
from support.station_fixtures import office_authority, password, stamp_approved


@pytest.fixture(scope="module")
def office_tsa(tmp_path_factory):
    tsa = start_office_tsa(tmp_path_factory.mktemp("office-tsa"))
    yield tsa
    tsa.stop()


@pytest.fixture(autouse=True)
def fresh_crls():
    from sealstation.pdf.timestamps import forget_cached_crls

    forget_cached_crls()
    yield
    forget_cached_crls()


def with_office_time(station, office_tsa, *, tsa_url=None, crl=True):
    """The office names its timestamp authority and CRL in the signed policy, and publishes the CRL."""
    from sealstation.seals.crl import authority_crl

    office_tsa.crl = authority_crl(office_authority(), now=station.now())
    policy = replace(station.policy, timestamp_url=tsa_url or office_tsa.tsa_url,
                     crl_url=office_tsa.crl_url if crl else "")
    station.office().sign_policy(policy, by="admin", password=password("admin"), authority=office_authority())


def pdfsig(path: Path) -> str:
    proc = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return proc.stdout + proc.stderr


def roots(station, office_tsa):
    return [*station.trust_roots(), office_tsa.tsa_root()]


def ltv_offline(path: Path, station, office_tsa):
    """pyHanko's validator with what the file's DSS holds, revocation checking of the seal's chain required
    (hard-fail), no network: what a verifier years later can still do. (The timestamp authority's own revocation
    data is not embedded: its token is checked without revocation data.)"""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import DocumentSecurityStore, validate_pdf_signature

    with open(path, "rb") as f:
        reader = PdfFileReader(f)
        seal = next(s for s in reader.embedded_signatures if s.sig_object_type == "/Sig")
        dss = DocumentSecurityStore.read_dss(reader)
        vc = dss.as_validation_context({"trust_roots": station.trust_roots(), "allow_fetching": False,
                                        "revocation_mode": "hard-fail"})
        ts_vc = dss.as_validation_context({"trust_roots": [office_tsa.tsa_root()], "allow_fetching": False})
        return validate_pdf_signature(seal, vc, ts_validation_context=ts_vc)


def test_stamp_carries_the_office_timestamp_and_ltv_data(station, pin, tmp_path, office_tsa):
    from sealstation.pdf.verify import verify_pdf

    with_office_time(station, office_tsa)
    before = office_tsa.requests
    result = stamp_approved(station, pin, make_text_pdf(tmp_path / "in.pdf", 1), tmp_path / "out.pdf")
    assert result.notices == () and not result.timestamp_owed
    assert office_tsa.requests == before + 1
    report = pdfsig(result.output)
    assert "Signature is Valid" in report and "Total document signed" in report
    checked = verify_pdf(result.output, trust_roots=roots(station, office_tsa))
    assert checked.valid
    seal = checked.signatures[0]
    assert seal.timestamp_time is not None and seal.timestamp_trusted
    assert seal.signing_time == seal.timestamp_time  # the time verify reports is the authority's
    assert checked.ltv
    status = ltv_offline(result.output, station, office_tsa)
    assert status.bottom_line and status.revocation_details is None, status.pretty_print_details()
    assert not station.stamping().owed_timestamps()


@pytest.mark.parametrize("fault", ["down", "garbage"])
def test_authority_down_or_garbage_the_stamp_goes_on_and_the_timestamp_is_owed(fault, station, pin, tmp_path,
                                                                               office_tsa):
    from sealstation.journal.journal import JournalKind
    from sealstation.pdf.timestamps import TIMEOUT_SECONDS
    from sealstation.pdf.verify import verify_pdf

    url = office_tsa.dead_url if fault == "down" else office_tsa.garbage_url
    with_office_time(station, office_tsa, tsa_url=url)
    started = dt.datetime.now()
    result = stamp_approved(station, pin, make_text_pdf(tmp_path / "in.pdf", 1), tmp_path / "out.pdf")
    assert (dt.datetime.now() - started).total_seconds() < TIMEOUT_SECONDS + 5
    codes = [n.code for n in result.notices]
    assert codes == ["timestamp_unreachable" if fault == "down" else "timestamp_garbage"]
    assert result.timestamp_owed and url in result.notices[0].message
    assert "Signature is Valid" in pdfsig(result.output)
    checked = verify_pdf(result.output, trust_roots=station.trust_roots())
    assert checked.valid and checked.signatures[0].timestamp_time is None and checked.ltv
    owed = station.stamping().owed_timestamps()
    assert [o.output for o in owed] == [result.output] and owed[0].what == tuple(codes)
    (data,), = station.db.query("SELECT data FROM journal WHERE kind = ?", (JournalKind.TIMESTAMP_OWED.value,))
    assert json.loads(data)["sha256_after"] == result.sha256_after
