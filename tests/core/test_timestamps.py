"""Issue 19, timestamps and long-term validation: a real RFC 3161 authority, CRL and OCSP responder on loopback
(Certomancer), the office's seal authority CRL, the authority down or answering garbage; judged by pdfsig and
pyHanko's validator."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
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
                     crl_url=office_tsa.crl_url if crl else "", timestamp_roots=(office_tsa.tsa_root_pem(),))
    station.setup().sign_policy(policy, by="admin", password=password("admin"), authority=office_authority())


def pdfsig(path: Path) -> str:
    proc = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return proc.stdout + proc.stderr


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
    checked = station.audit().verify(result.output)  # the TSA trusted as the signed policy says, for timestamps
    assert checked.valid
    assert not verify_pdf(result.output, trust_roots=station.trust_roots()).signatures[0].timestamp_trusted
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


def test_authority_stopped_between_two_stamps_then_the_owed_timestamp_is_added(station, pin, tmp_path, office_tsa):
    from sealstation.journal.journal import JournalKind

    with_office_time(station, office_tsa)
    first = stamp_approved(station, pin, make_text_pdf(tmp_path / "a.pdf", 1), tmp_path / "a-out.pdf")
    office_tsa.stop()
    try:
        second = stamp_approved(station, pin, make_text_pdf(tmp_path / "b.pdf", 2), tmp_path / "b-out.pdf")
        assert not first.timestamp_owed and [n.code for n in second.notices] == ["timestamp_unreachable"]
        # Still down: nothing is added, the file is untouched and stays owed.
        (outcome,) = station.stamping().add_owed_timestamps(by="custodian")
        assert not outcome.added and outcome.problem.code == "timestamp_unreachable"
        assert hashlib.sha256(second.output.read_bytes()).hexdigest() == second.sha256_after
    finally:
        office_tsa.start()
    before = second.output.read_bytes()
    (outcome,) = station.stamping().add_owed_timestamps(by="custodian")
    assert outcome.added and outcome.problem is None
    assert station.stamping().owed_timestamps() == ()
    data = second.output.read_bytes()
    assert hashlib.sha256(data).hexdigest() == outcome.sha256_after
    assert data.startswith(before) and len(data) > len(before)  # a new revision after the stamped file
    report = pdfsig(second.output)
    # poppler checks the seal (now followed by a revision) and lists the document timestamp by its authority; it
    # cannot check a /DocTimeStamp itself ("Unable to validate this type of signature"): pyHanko does, below.
    seal_part, stamp_part = report.split("Signature #2:")
    assert "Signature is Valid" in seal_part and "Not total document signed" in seal_part, report
    assert "Test TSA" in stamp_part and "Total document signed" in stamp_part, report
    checked = station.audit().verify(second.output)
    assert checked.valid, checked
    seal, stamp = checked.signatures
    assert seal.type == "signature" and seal.changed_after == "none"
    assert stamp.type == "timestamp" and stamp.timestamp_trusted and stamp.timestamp_time
    # The timestamped file is still the stamp's output: printing and the archive know it by its new digest.
    rows = station.db.query("SELECT output_sha256 FROM stamps WHERE output_sha256 = ?", (outcome.sha256_after,))
    assert rows
    kinds = [k for (k,) in station.db.query("SELECT kind FROM journal WHERE kind LIKE 'timestamp_%' ORDER BY seq")]
    assert kinds == [JournalKind.TIMESTAMP_OWED.value, JournalKind.TIMESTAMP_ADDED.value]


def test_cli_says_the_timestamp_is_owed_and_adds_it_when_the_authority_is_back(cli_home, seal_token, tmp_path,
                                                                                office_tsa):
    from sealstation.station import Station
    from support.cli import approve_cli, run_cli, stamp_cli

    with Station.open(cli_home, token=seal_token.session) as station:
        with_office_time(station, office_tsa)
    src, out = make_text_pdf(tmp_path / "in.pdf", 1), tmp_path / "out.pdf"
    approve_cli(cli_home, src, "contract")
    office_tsa.stop()
    try:
        proc = stamp_cli(cli_home, src, out, "contract", seal_token.user_pin)
        assert proc.returncode == 0, proc.stderr
        assert f"warning: The timestamp authority {office_tsa.tsa_url} did not answer within 4 s" in proc.stderr
        assert "sealstation timestamp --owed" in proc.stderr
        proc = run_cli("timestamp", "--owed", home=cli_home)
        assert f"owed: {out}" in proc.stdout and "timestamp_unreachable" in proc.stdout
    finally:
        office_tsa.start()
    proc = run_cli("timestamp", "--owed", "--add", "--user", "custodian", home=cli_home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"timestamped: {out}" in proc.stdout and "0 still owed" in proc.stdout
    proc = run_cli("verify", str(out), home=cli_home)
    # The TSA trusted for timestamps as the home's office-signed policy says; the revocation data embedded.
    assert proc.returncode == 0 and "VALID (2 signature(s))" in proc.stdout, proc.stdout
    assert "(document timestamp)" in proc.stdout and "Long-term validation data" in proc.stdout, proc.stdout


def test_the_policy_keeps_its_earlier_bytes_and_checks_the_new_settings(office_tsa):
    from sealstation.policy import StationPolicy

    earlier = StationPolicy(approval_days=5)
    assert b"timestamp" not in earlier.to_bytes() and b"crl_url" not in earlier.to_bytes()  # signatures still hold
    named = StationPolicy(timestamp_url="http://tsa.example/tsa", crl_url="https://pki.example/seal.crl",
                          timestamp_roots=(office_tsa.tsa_root_pem(),))
    assert StationPolicy.from_bytes(named.to_bytes()) == named
    for bad in ({"timestamp_url": "ftp://tsa.example/"}, {"crl_url": 3}, {"timestamp_roots": ["not a certificate"]},
                {"timestamp_roots": "-----BEGIN CERTIFICATE-----"}):
        doc = json.loads(earlier.to_bytes()) | bad
        with pytest.raises(ValueError):
            StationPolicy.from_bytes(json.dumps(doc).encode())


@pytest.mark.parametrize("case", ["not a crl", "out of date", "another issuer"])
def test_a_crl_the_station_cannot_use_is_said_and_not_embedded(case, station, office_tsa):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from sealstation.errors import TimestampError
    from sealstation.pdf.timestamps import fetch_crl, validation_data, OfficeTime
    from sealstation.seals.crl import authority_crl

    now = station.now()
    if case == "not a crl":
        office_tsa.crl = b"<html>Not here</html>"
    elif case == "out of date":
        office_tsa.crl = authority_crl(office_authority(), now=now - dt.timedelta(days=30))
    else:
        key = ec.generate_private_key(ec.SECP256R1())
        office_tsa.crl = (x509.CertificateRevocationListBuilder()
                          .issuer_name(office_authority().certificate.subject)  # the same name, another key
                          .last_update(now).next_update(now + dt.timedelta(days=7))
                          .sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.DER))
    with pytest.raises(TimestampError) as err:
        fetch_crl(office_tsa.crl_url, station.trust_roots(), now=now)
    assert err.value.code == "revocation_unreachable"
    assert {"not a crl": "not a certificate revocation list", "out of date": "out of date",
            "another issuer": "not signed by the office's seal authority"}[case] in err.value.message
    data, notice = validation_data(OfficeTime(crl_url=office_tsa.crl_url), station.trust_roots(), now=now)
    assert data is None and notice.code == "revocation_unreachable"


def test_a_token_too_big_for_its_room_is_dropped_and_owed(station, pin, tmp_path, office_tsa):
    from asn1crypto import cms
    from pyhanko.pdf_utils.reader import PdfFileReader

    from sealstation.pdf.timestamps import OfficeTime, countersign

    result = stamp_approved(station, pin, make_text_pdf(tmp_path / "in.pdf", 1), tmp_path / "out.pdf")
    with open(result.output, "rb") as f:
        signed = cms.ContentInfo.load(PdfFileReader(f).embedded_signatures[0].pkcs7_content, strict=False)
    room = len(signed.dump()) + 100
    same, notice = countersign(signed, OfficeTime(timestamp_url=office_tsa.tsa_url), room)
    assert same is signed and notice.code == "timestamp_too_big" and office_tsa.tsa_url in notice.message
    stamped, notice = countersign(signed, OfficeTime(timestamp_url=office_tsa.tsa_url), room + 8192)
    assert notice is None and "unsigned_attrs" in stamped["content"]["signer_infos"][0].native


def test_the_office_sees_the_owed_timestamps_in_the_archive_until_they_are_added(station, pin, tmp_path, office_tsa):
    from sealstation.archive.backend import FolderArchive
    from sealstation.archive.summary import REPORT_TZ, TIMESTAMP_OWED_FINDING, monthly_summary

    archive = FolderArchive.create(tmp_path / "archive").root
    month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
    with_office_time(station, office_tsa, tsa_url=office_tsa.dead_url)
    stamp_approved(station, pin, make_text_pdf(tmp_path / "late.pdf", 1), tmp_path / "late-out.pdf")
    station.archive().sync(str(archive))
    findings = monthly_summary(FolderArchive(archive), station.ca_cert, month).findings
    (owed,) = [d for _, what, d in findings if what == TIMESTAMP_OWED_FINDING]
    assert "1 stamp(s) wait for the office's timestamp" in owed and "late-out.pdf" in owed

    with_office_time(station, office_tsa)  # the office's authority named again, and answering
    (outcome,) = station.stamping().add_owed_timestamps(by="custodian")
    assert outcome.added
    station.archive().sync(str(archive))
    findings = monthly_summary(FolderArchive(archive), station.ca_cert, month).findings
    assert not [d for _, what, d in findings if what == TIMESTAMP_OWED_FINDING], findings
    assert not [d for _, what, d in findings if what == "authority"], findings


def test_a_silent_authority_costs_the_timeout_once_then_the_batch_goes_on_at_once(station, tmp_path):
    """An authority that takes the connection and never answers: the stamp waits TIMEOUT_SECONDS at most (here set
    short), and the next ones within RETRY_SECONDS do not wait at all; the CRL likewise."""
    import socket
    import time

    from sealstation.pdf.timestamps import OfficeTime, countersign, fetch_crl
    from sealstation.errors import TimestampError

    from asn1crypto import cms

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # connections are taken by the kernel, never answered
    try:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/tsa"
        office = OfficeTime(timestamp_url=url, crl_url=url.replace("/tsa", "/crl"), timeout=0.5)
        signed = cms.ContentInfo({"content_type": "signed_data", "content": {
            "version": "v1", "digest_algorithms": [], "encap_content_info": {"content_type": "data"},
            "signer_infos": [{"version": "v1", "sid": {"subject_key_identifier": b"k"},
                              "digest_algorithm": {"algorithm": "sha256"},
                              "signature_algorithm": {"algorithm": "sha256_ecdsa"}, "signature": b"s" * 64}]}})
        started = time.monotonic()
        same, notice = countersign(signed, office, 1 << 16)
        assert same is signed and notice.code == "timestamp_unreachable" and "0.5 s" in notice.message
        first = time.monotonic() - started
        assert 0.4 < first < 2.5
        started = time.monotonic()
        for _ in range(5):  # the rest of a batch: owed at once
            assert countersign(signed, office, 1 << 16)[1].code == "timestamp_unreachable"
        assert time.monotonic() - started < 0.2
        for _ in range(2):
            started = time.monotonic()
            with pytest.raises(TimestampError):
                fetch_crl(office.crl_url, station.trust_roots(), now=station.now(), timeout=office.timeout)
            assert time.monotonic() - started < 2.5
    finally:
        silent.close()


def test_the_authority_stopped_mid_batch(station, pin, tmp_path, office_tsa):
    """Four documents under one PIN; the authority stops after the first: that one is timestamped, the rest are
    stamped at once (the dead authority is asked once), each owed; back, the owed timestamps are added."""
    import time

    from sealstation.desks.batch import BatchDocument, batch_outputs
    from sealstation.model import Placement
    from sealstation.pdf.timestamps import forget_cached_crls
    from support.pdfs import make_pdf

    with_office_time(station, office_tsa)
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    docs = [make_pdf(folder / f"form-{i}.pdf") for i in range(4)]
    station.approving().approve_batch(docs, seals=["official"], copies=1, approver="gm", password=password("gm"),
                                      purpose="批量空白表格")
    desk = station.stamping()
    plan = desk.plan_batch([BatchDocument(d, ("official",), o) for d, o in zip(docs, batch_outputs(docs, out))],
                           placement=Placement(1, (60.0, 50.0)), user="custodian")

    def stop_after_the_first(event) -> None:
        if event.index == 0 and event.outcome is not None:
            office_tsa.stop()

    started = time.monotonic()
    try:
        result = desk.stamp_batch(plan, user="custodian", password=password("custodian"), pin=pin,
                                  progress=stop_after_the_first)
    finally:
        office_tsa.start()
    assert time.monotonic() - started < 30
    assert len(result.stamped) == 4 and not result.failed
    notices = [[n.code for r in o.results for n in r.notices] for o in result.outcomes]
    assert notices == [[], ["timestamp_unreachable"], ["timestamp_unreachable"], ["timestamp_unreachable"]]
    owed = desk.owed_timestamps()
    assert [o.output.name for o in owed] == [o.output.name for o in result.outcomes[1:]]
    forget_cached_crls()  # a minute later
    outcomes = desk.add_owed_timestamps(by="custodian")
    assert all(o.added for o in outcomes) and desk.owed_timestamps() == ()
    for outcome in result.outcomes:
        checked = station.audit().verify(outcome.output)
        assert checked.valid and checked.signatures[0].type == "signature"
        assert checked.signatures[0].timestamp_time or checked.signatures[-1].type == "timestamp"
        assert "Signature is Valid" in pdfsig(outcome.output)
