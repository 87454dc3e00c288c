"""Attack (issue 16, class 1): the custodian replaces the office's seal authority in the station home.

The insider (the station's OS account, the journal key, their own password,
the USB key's PIN; never root) makes an authority of their own with
``cryptography``, puts it in ``office/seal-authority.pem`` (ahead of the
office's, so that ``verify`` still finds the seals' issuer), signs the policy,
every user record and every seal record with it, gives the approver gm a key
and a password of their own (in gm's row, "signed" by their authority),
approves "as gm" at the station, stamps with the genuine PIN, and puts every
file and row back.

* On a pinned station (the office's authority in a root-owned file) the
  station refuses to open, and ``verify`` with the home refuses to judge.
* On a station with no pin that stamped before, the gate refuses: the
  authority differs from the one its last stamp (a chained, checkpointed
  journal entry) was judged by.
* On a station with no pin that never stamped, the stamp is made, but the
  office's ``archive verify`` (folder and PostgreSQL) re-checks the records
  behind it against the office's own certificate and names it, also when the
  insider rewrote the journal so that the stamp names the office's authority;
  the monthly report flags its approver instead of naming gm; and the station
  stops at its next stamp once the files are put back.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sealstation.anchor import PIN_ENV, certificate_sha256
from sealstation.archive.audit import verify_archive
from sealstation.archive.authority_check import AUTHORITY_FINDING
from sealstation.archive.backend import FolderArchive
from sealstation.archive.postgres import PostgresArchive
from sealstation.archive.summary import REPORT_TZ, UNVERIFIED, monthly_summary
from sealstation.config import StationHome
from sealstation.errors import TrustAnchorError
from sealstation.journal.journal import JournalKind, canonical_json
from sealstation.model import Placement
from sealstation.seals.authority import SealAuthority
from sealstation.station import StampRequestSpec, Station
from sealstation.users import _new_key_pair, hash_password, record_bytes
from support.cli import run_cli
from support.insider import insider_sql, rehash_from
from support.pdfs import make_pdf
from support.station_fixtures import password, stamp_approved

from archive.conftest import pg_archive, pg_cluster  # noqa: F401  (the throwaway PostgreSQL cluster)

INSIDER_PW = "insider-knows-2026"


def own_authority() -> SealAuthority:
    """The insider's authority, named like the office's, made with ``cryptography``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "测试印章管理机构"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "测试科技有限公司")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    return SealAuthority(cert, key)


def re_anchor(home: Path, fake: SealAuthority):
    """The insider's preparation; returns how they put every file and row back afterwards."""
    h = StationHome(home)
    files = [h.ca_cert_path, h.office_dir / "policy.json", h.office_dir / "policy.json.sig"]
    saved = {p: p.read_bytes() for p in files}
    h.ca_cert_path.write_bytes(fake.certificate.public_bytes(serialization.Encoding.PEM) + saved[h.ca_cert_path])
    (h.office_dir / "policy.json.sig").write_text(fake.sign(saved[files[1]]) + "\n")
    conn = insider_sql(home)
    users = conn.execute("SELECT username, password_hash, private_key_enc, public_key_pem, record_signature "
                         "FROM users").fetchall()
    seals = conn.execute("SELECT seal_id, version, signature FROM seals").fetchall()
    public, sealed = _new_key_pair("gm", INSIDER_PW, 1024)
    conn.execute("UPDATE users SET public_key_pem = ?, private_key_enc = ?, password_hash = ? WHERE username = 'gm'",
                 (public, sealed, hash_password(INSIDER_PW, 1024)))
    for name, roles, level, pem, disabled, version in conn.execute(
            "SELECT username, roles, approver_level, public_key_pem, disabled, record_version FROM users").fetchall():
        signed = record_bytes(name, [r for r in roles.split(",") if r], level, pem, bool(disabled), version)
        conn.execute("UPDATE users SET record_signature = ? WHERE username = ?", (fake.sign(signed), name))
    for seal_id, version, record in conn.execute("SELECT seal_id, version, record FROM seals").fetchall():
        conn.execute("UPDATE seals SET signature = ? WHERE seal_id = ? AND version = ?",
                     (fake.sign(record.encode("utf-8")), seal_id, version))
    conn.close()

    def put_back() -> None:
        for path, data in saved.items():
            path.write_bytes(data)
        conn = insider_sql(home)
        conn.executemany("UPDATE users SET password_hash = ?, private_key_enc = ?, public_key_pem = ?, "
                         "record_signature = ? WHERE username = ?", [(*row[1:], row[0]) for row in users])
        conn.executemany("UPDATE seals SET signature = ? WHERE seal_id = ? AND version = ?",
                         [(sig, seal_id, version) for seal_id, version, sig in seals])
        conn.close()

    return put_back


def forge_a_stamp(home: Path, seal_token, pin: str, tmp_path: Path) -> Path:
    """The whole attack on a station with no pin: approved "as gm", stamped with the genuine PIN, files put back."""
    put_back = re_anchor(home, own_authority())
    with Station.open(home, token=seal_token.session) as st:
        assert not st.anchor.pinned and "pin-authority" in st.anchor_warning()  # said, not silent
        src = make_pdf(tmp_path / "forged.pdf", text="the insider's own document")
        st.approving().approve(src, seals=["official"], copies=1, approver="gm", password=INSIDER_PW, purpose="测试用印")
        plan = st.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), tmp_path / "forged-out.pdf",
                                              "测试用印"))
        auth = st.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
        st.stamping().stamp(auth, tmp_path / "forged-out.pdf", pin=pin)
    put_back()
    return tmp_path / "forged-out.pdf"


def test_a_replaced_authority_stops_a_pinned_station(station, office_pin, seal_token, pin, tmp_path, monkeypatch):
    if office_pin is None:
        pytest.skip("a pin must be owned by root: this suite does not run as root")
    home = station.home.root
    stamped = tmp_path / "genuine.pdf"
    stamp_approved(station, pin, make_pdf(tmp_path / "a.pdf"), stamped)
    station.close()
    re_anchor(home, own_authority())
    with pytest.raises(TrustAnchorError, match="is not the office's pinned at .*it was replaced") as refused:
        Station.open(home, token=seal_token.session)
    assert "refuses to open" in refused.value.message and "copies its own certificate back" in refused.value.hint
    with pytest.raises(TrustAnchorError):  # verify with the home does not judge by the replaced copy either
        Station.verify_unopened(stamped, home)
    proc = run_cli("verify", str(stamped), home=home)
    assert proc.returncode == 1 and "it was replaced" in proc.stderr and "VALID" not in proc.stdout, proc.stderr
    # A pin the station's account could write is no pin: it is refused, not taken, nor taken as "no pin".
    own = tmp_path / "my-pin.pem"
    own.write_bytes(StationHome(home).ca_cert_path.read_bytes())
    own.chmod(0o666)
    proc = run_cli("verify", str(stamped), home=home, env_extra={PIN_ENV: str(own)})
    assert proc.returncode == 1 and "cannot be trusted" in proc.stderr, proc.stderr
    for where, why in ((tmp_path / "missing.pem", "cannot be read"), (_in_a_folder_of_nobodys(tmp_path, office_pin), "not by root")):
        with pytest.raises(TrustAnchorError, match=why):
            with monkeypatch.context() as env:
                env.setenv(PIN_ENV, str(where))
                Station.open(home, token=seal_token.session)


def _in_a_folder_of_nobodys(tmp_path: Path, genuine: Path) -> Path:
    """The office's genuine certificate, root-owned, in a folder another (non-root) account owns: that account
    could swap it, so it is no pin."""
    import os
    import pwd
    import shutil

    folder = tmp_path / "nobodys"
    folder.mkdir()
    pem = shutil.copy(genuine, folder / "office-ca.pem")
    os.chown(folder, pwd.getpwnam("nobody").pw_uid, -1)
    return Path(pem)


def archive_findings(backend, ca) -> list:
    """What the office's ``archive verify`` finds in ``backend``, checked against the office's certificate ``ca``."""
    return [f for a in verify_archive(backend, ca, now=dt.datetime.now(dt.timezone.utc)) for f in a.findings]


def authority_findings_after_sync(home: Path, seal_token, ca, tmp_path) -> tuple[list, list[int]]:
    """The station at ``home`` syncs to a new folder archive: (its ``authority`` findings, its stamp_done seqs)."""
    archive = FolderArchive.create(tmp_path / "archive")
    with Station.open(home, token=seal_token.session) as st:
        st.archive().sync(str(archive.root))
        done = [e.seq for e in st.journal.entries(kinds=(JournalKind.STAMP_DONE,))]
    return [f for f in archive_findings(archive, ca) if f.what == AUTHORITY_FINDING], done


def _stamps(home: Path) -> list[int]:
    conn = insider_sql(home)
    try:
        return [seq for (seq,) in conn.execute("SELECT seq FROM journal WHERE kind = 'stamp_done' ORDER BY seq")]
    finally:
        conn.close()


def test_an_unpinned_station_that_stamped_before_refuses_a_replaced_authority(station, seal_token, pin, tmp_path,
                                                                             monkeypatch):
    """With no pin, the authority the last stamp was judged by (its chained, checkpointed journal entry) is the one
    the next stamp must be judged by."""
    home = station.home.root
    stamp_approved(station, pin, make_pdf(tmp_path / "a.pdf"), tmp_path / "genuine.pdf")
    station.close()
    monkeypatch.delenv(PIN_ENV, raising=False)  # as on a station installed before pins
    put_back = re_anchor(home, own_authority())
    with Station.open(home, token=seal_token.session) as st:
        src = make_pdf(tmp_path / "forged.pdf", text="the insider's own document")
        st.approving().approve(src, seals=["official"], copies=1, approver="gm", password=INSIDER_PW, purpose="测试用印")
        plan = st.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), tmp_path / "out.pdf", "x"))
        with pytest.raises(TrustAnchorError, match="not the one this station stamped under until journal entry"):
            st.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
        assert st.journal.last().kind == JournalKind.STAMP_REFUSED
    put_back()
    assert not (tmp_path / "out.pdf").exists() and len(_stamps(home)) == 1


@pytest.mark.parametrize("where", ["folder", "postgres"])
def test_an_unpinned_station_re_anchored_before_its_first_stamp_is_found_by_archive_verify(
        where, station, seal_token, pin, tmp_path, monkeypatch, request):
    office_ca = seal_token.authority.certificate  # the office's own copy, never the station's
    home = station.home.root
    station.close()
    monkeypatch.delenv(PIN_ENV, raising=False)  # as on a station installed before pins
    forge_a_stamp(home, seal_token, pin, tmp_path)
    [forged] = _stamps(home)
    if where == "folder":
        location = str(FolderArchive.create(tmp_path / "archive").root)
        office = FolderArchive(location)
    else:
        pg = request.getfixturevalue("pg_archive")
        location, office = pg.url, PostgresArchive.connect(pg.office_url())
    with Station.open(home, token=seal_token.session) as st:  # the files are back: the station looks genuine
        assert certificate_sha256(st.ca_cert) == certificate_sha256(office_ca)
        assert st.audit().verify_journal().ok  # journal verify finds nothing: only the office's own checks can
        st.archive().sync(location)
        # … but its next stamp, under the genuine authority, is not judged like the last one: it stops too.
        src = make_pdf(tmp_path / "next.pdf", text="a genuine document")
        with pytest.raises(TrustAnchorError, match="it was replaced"):
            stamp_approved(st, pin, src, tmp_path / "next-out.pdf")
    try:
        found = [f for f in archive_findings(office, office_ca) if f.what == AUTHORITY_FINDING]
        assert [f.seq for f in found] == [forged], found
        assert "forged.pdf" in found[0].detail and "another seal authority" in found[0].detail
        month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
        [row] = monthly_summary(office, office_ca, month).stamps
        assert row.document == "forged.pdf" and row.approver == UNVERIFIED  # flagged, gm is not named
    finally:
        office.close()


def test_the_records_are_re_checked_even_when_the_stamp_names_the_offices_authority(station, seal_token, pin,
                                                                                    tmp_path, monkeypatch):
    """The insider also rewrites the stamp's ``stamp_started`` entry to name the office's authority (and re-hashes
    the chain before the sync): the records' signatures still do not verify against the office's certificate."""
    office_ca = seal_token.authority.certificate
    home = station.home.root
    station.close()
    monkeypatch.delenv(PIN_ENV, raising=False)
    forge_a_stamp(home, seal_token, pin, tmp_path)
    conn = insider_sql(home)
    conn.execute("DROP TRIGGER journal_no_update")
    seq, data = conn.execute("SELECT seq, data FROM journal WHERE kind = 'stamp_started' ORDER BY seq DESC").fetchone()
    doc = json.loads(data)
    doc["authority"]["ca_sha256"] = certificate_sha256(office_ca)
    conn.execute("UPDATE journal SET data = ? WHERE seq = ?", (canonical_json(doc), seq))
    rehash_from(conn, seq)
    conn.close()
    found, done = authority_findings_after_sync(home, seal_token, office_ca, tmp_path)
    assert [f.seq for f in found] == done[-1:], found
    assert "not signed by the office's seal authority" in found[0].detail, found[0].detail


def test_genuine_stamps_on_an_oa_approval_and_by_a_deputy_hold_against_the_offices_authority(station, pin, tmp_path):
    """No finding for what the office really signed: an approval imported from the OA system (with the office's
    registration of the OA key), and a stamp by a deputy under the office's delegation."""
    from sealstation.seals.lifecycle import Delegation
    from support.oa import approver_key, oa_approval, public_pem, write_oa_approval
    from support.station_fixtures import office_authority

    key = approver_key()
    station.people().register_approver_key("gm", public_pem(key), by="admin", password=password("admin"),
                                  authority=office_authority())
    src = make_pdf(tmp_path / "oa.pdf", text="approved in the OA system")
    write_oa_approval(tmp_path / "oa.json", oa_approval(src, ("official",)), key)
    request = station.approving().import_oa_approval(tmp_path / "oa.json", user="custodian", password=password("custodian"))
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), tmp_path / "oa-out.pdf",
                                               "合同用印"))
    station.stamping().stamp(station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"),
                                          request_id=request.id), tmp_path / "oa-out.pdf", pin=pin)
    station.users.add("deputy", "deputy", ["custodian"], "first-deputy-pw", by="admin", authority=office_authority())
    station.users.change_password("deputy", "first-deputy-pw", password("deputy"))
    now = station.now()
    station.seals.delegate(Delegation("official", "deputy", now - dt.timedelta(hours=1), now + dt.timedelta(days=3),
                                      "年假", "gm"), by="admin", authority=office_authority())
    src = make_pdf(tmp_path / "deputy.pdf", text="stamped by the deputy")
    station.approving().approve(src, seals=["official"], copies=1, approver="gm", password=password("gm"), purpose="测试用印")
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)),
                                               tmp_path / "deputy-out.pdf", "测试用印"))
    station.stamping().stamp(station.stamping().authorise_stamp(plan, user="deputy", password=password("deputy")),
                  tmp_path / "deputy-out.pdf", pin=pin)
    started = [e.data["authority"]["records"] for e in station.journal.entries(kinds=(JournalKind.STAMP_STARTED,))]
    assert "oa_key" in started[0] and "delegation" in started[1]
    archive = FolderArchive.create(tmp_path / "archive")
    station.archive().sync(str(archive.root))
    assert archive_findings(archive, station.ca_cert) == []
