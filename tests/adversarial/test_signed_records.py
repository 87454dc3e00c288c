"""Authority from signatures, not rows: the custodian's SQL cannot make an approval.

The insider here has the OS account, the database key (from the station's
keyring) and the token PIN, and writes the tables with sqlcipher3 directly;
they do not have the office's seal authority passphrase nor the approvers'
passwords. Each attack must end refused before anything is signed: no
``stamp_started`` entry, no output file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from sealstation.approval.signed import sign_payload, station_approval_payload
from sealstation.config import StationHome
from sealstation.errors import ApprovalError, PolicyError, SealUnusableError, UpgradeRequiredError, UserRecordError
from sealstation.journal.journal import iso_seconds
from sealstation.seals.lifecycle import Delegation
from sealstation.model import Placement
from sealstation.station import StampRequestSpec, Station
from sealstation.users import hash_password
from support.cli import approve_cli, run_cli, stamp_cli
from support.insider import insider_sql
from support.oa import approver_key, oa_approval, public_pem, write_oa_approval
from support.pdfs import make_pdf
from support.station_fixtures import approve, office_authority, password


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan_for(station, src: Path, seal: str = "official"):
    return station.stamping().plan_stamp(StampRequestSpec(src, seal, Placement(1, (60.0, 50.0)), src.with_name("out.pdf")))


def assert_refused_before_signing(station, src: Path, exc_type, match: str, user: str = "custodian"):
    """The stamp is refused at the gate: journalled as refused, nothing started, no output."""
    before = len(list(station.journal.entries()))
    with pytest.raises(exc_type, match=match):
        station.stamping().authorise_stamp(plan_for(station, src), user=user, password=password(user))
    new = [e.kind for e in list(station.journal.entries())[before:]]
    assert "stamp_refused" in new and "stamp_started" not in new
    assert not src.with_name("out.pdf").exists()


def insert_request(conn, src: Path, *, request_id: str = "R20260101-forged", seals=("official",), approver="gm",
                   signed_payload=None, signature=None) -> str:
    now = dt.datetime.now(dt.timezone.utc)
    conn.execute("INSERT INTO requests (id, document_name, document_sha256, page_count, seals, purpose, copies, requester, "
                 "created_at, state) VALUES (?, ?, ?, 1, ?, '私自用印', 1, 'dept', ?, 'approved')",
                 (request_id, src.name, sha256(src), json.dumps(list(seals)), iso_seconds(now)))
    conn.execute("INSERT INTO approvals (request_id, approver, decision, document_sha256, seals, copies, at, expires_at, "
                 "source, signed_payload, signature) VALUES (?, ?, 'approve', ?, ?, 1, ?, ?, 'station', ?, ?)",
                 (request_id, approver, sha256(src), json.dumps(list(seals)), iso_seconds(now),
                  iso_seconds(now + dt.timedelta(days=365)), signed_payload, signature))
    return request_id


def test_inserted_request_and_approval_rows_are_refused_at_the_gate(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    conn = insider_sql(station.home.root)
    insert_request(conn, src)
    assert_refused_before_signing(station, src, ApprovalError, "carries no approver's signature")


def test_a_genuine_signature_copied_onto_an_inserted_request_is_refused(station, tmp_path):
    genuine = make_pdf(tmp_path / "genuine.pdf", text="genuine")
    approve(station, genuine, ["official"])
    row = station.db.query("SELECT signed_payload, signature FROM approvals ORDER BY id DESC LIMIT 1")[0]
    src = make_pdf(tmp_path / "other.pdf", text="another document")
    insert_request(insider_sql(station.home.root), src, signed_payload=row[0], signature=row[1])
    assert_refused_before_signing(station, src, ApprovalError, "signed for another request, document, seal")


def test_raised_approver_level_cannot_approve_the_official_seal(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    insider_sql(station.home.root).execute("UPDATE users SET approver_level = 'general_manager' WHERE username = 'dept'")
    with pytest.raises(UserRecordError, match="user record of dept does not match the office's signature"):
        station.approving().approve(src, seals=["official"], copies=1, approver="dept", password=password("dept"))
    assert station.requests.list() == []
    # Nor through rows: an approval row in dept's name, even signed with dept's genuine key, is refused by the record.
    dept_key = ed25519.Ed25519PrivateKey.generate()  # the insider cannot open dept's key; any key fails the same way
    payload = station_approval_payload(request_id="R20260101-dept", document_sha256=sha256(src), seals=["official"],
                                       copies=1, purpose="x", approver="dept", at=iso_seconds(dt.datetime.now(dt.timezone.utc)))
    insert_request(insider_sql(station.home.root), src, request_id="R20260101-dept", approver="dept",
                   signed_payload=payload.decode(), signature=sign_payload(dept_key, payload))
    assert_refused_before_signing(station, src, ApprovalError, "user record of dept does not match")


def test_dept_level_genuine_approval_of_the_official_seal_is_refused_by_the_signed_level(station, tmp_path):
    """dept signs an approval of the 公章 with their own key (rows written by hand): the signed level decides."""
    src = make_pdf(tmp_path / "a.pdf")
    dept = station.users.get("dept")
    key = station.users.unlock_key(dept, password("dept"))  # dept colludes: their password, their key
    payload = station_approval_payload(request_id="R20260101-dept", document_sha256=sha256(src), seals=["official"],
                                       copies=1, purpose="x", approver="dept", at=iso_seconds(dt.datetime.now(dt.timezone.utc)))
    insert_request(insider_sql(station.home.root), src, request_id="R20260101-dept", approver="dept",
                   signed_payload=payload.decode(), signature=sign_payload(key, payload))
    assert_refused_before_signing(station, src, ApprovalError, r"dept \(department_manager, as the office signed it\) lacks")


def test_replaced_password_hash_gives_a_login_but_no_approval(station, tmp_path):
    src = make_pdf(tmp_path / "a.pdf")
    conn = insider_sql(station.home.root)
    conn.execute("UPDATE users SET password_hash = ? WHERE username = 'gm'", (hash_password("insider-knows-1", 1024),))
    assert station.users.authenticate("gm", "insider-knows-1").username == "gm"  # the login works …
    with pytest.raises(UserRecordError, match="approval key of gm cannot be opened with this password"):
        station.approving().approve(src, seals=["official"], copies=1, approver="gm", password="insider-knows-1")
    assert station.requests.list() == []
    # … and a key of the insider's own, put in gm's row, is not the key in gm's signed record.
    from sealstation.users import _encrypt_key

    own = ed25519.Ed25519PrivateKey.generate()
    conn.execute("UPDATE users SET private_key_enc = ? WHERE username = 'gm'",
                 (_encrypt_key("gm", own, "insider-knows-1", 1024),))
    with pytest.raises(UserRecordError, match="not the key the office registered"):
        station.approving().approve(src, seals=["official"], copies=1, approver="gm", password="insider-knows-1")
    payload = station_approval_payload(request_id="R20260101-gm", document_sha256=sha256(src), seals=["official"],
                                       copies=1, purpose="x", approver="gm", at=iso_seconds(dt.datetime.now(dt.timezone.utc)))
    insert_request(conn, src, request_id="R20260101-gm", signed_payload=payload.decode(), signature=sign_payload(own, payload))
    assert_refused_before_signing(station, src, ApprovalError, "not signed by gm's approval key")


def test_inserted_delegation_row_is_refused(station, tmp_path):
    station.users.add("deputy", "deputy", ["custodian"], "first-deputy-pw", by="admin", authority=office_authority())
    station.users.change_password("deputy", "first-deputy-pw", password("deputy"))
    src = make_pdf(tmp_path / "a.pdf")
    approve(station, src, ["official"])
    now = dt.datetime.now(dt.timezone.utc)
    insider_sql(station.home.root).execute(
        "INSERT INTO delegations (seal_id, delegate, starts, ends, reason, approved_by) VALUES ('official', 'deputy', ?, ?, "
        "'年假', 'gm')", ((now - dt.timedelta(hours=1)).isoformat(), (now + dt.timedelta(days=3)).isoformat()))
    assert_refused_before_signing(station, src, SealUnusableError, "delegation .* to deputy is not signed by the office",
                                  user="deputy")
    # A genuine delegation's signature copied onto a longer one is no better.
    station.seals.delegate(Delegation("official", "deputy", now - dt.timedelta(days=10), now - dt.timedelta(days=9), "出差",
                                      "gm"), by="admin", authority=office_authority())
    insider_sql(station.home.root).execute(
        "UPDATE delegations SET ends = ? WHERE signature IS NOT NULL", ((now + dt.timedelta(days=30)).isoformat(),))
    assert_refused_before_signing(station, src, SealUnusableError, "not signed by the office", user="deputy")


def test_a_replaced_oa_key_registration_is_ignored(station, tmp_path):
    src = make_pdf(tmp_path / "contract.pdf")
    own = approver_key()
    insider_sql(station.home.root).execute(
        "INSERT OR REPLACE INTO approver_keys (approver, public_key_pem, registered_by, at) VALUES ('gm', ?, 'admin', '2026')",
        (public_pem(own),))
    write_oa_approval(tmp_path / "forged.json", oa_approval(src), own)
    with pytest.raises(ApprovalError, match="registration is not signed by the office"):
        station.approving().import_oa_approval(tmp_path / "forged.json", user="custodian", password=password("custodian"))


def test_raised_policy_in_station_json_is_refused_at_start(cli_home, tmp_path):
    home = StationHome(cli_home)
    data = json.loads(home.config_path.read_text())
    data["approval_days"] = 3650
    data["authority_rules"] = {"default": "department_manager", "rules": {}}
    home.config_path.write_text(json.dumps(data))
    with pytest.raises(PolicyError, match="holds authority settings .*approval_days"):
        Station.open(cli_home)
    src = make_pdf(tmp_path / "a.pdf")
    proc = run_cli("approve", str(src), "--seal", "official", "--copies", "1", "--approver", "dept", "--stdin-secrets",
                   home=cli_home, stdin=password("dept") + "\n")
    assert proc.returncode == 1 and "holds authority settings" in proc.stderr
    assert "Password of" not in proc.stdout + proc.stderr  # refused before anything is asked


def test_edited_policy_file_is_refused_at_start_and_signed_again_by_the_office(cli_home, seal_token, tmp_path):
    policy_path = cli_home / "office" / "policy.json"
    policy = json.loads(policy_path.read_text())
    policy["approval_days"] = 3650
    policy["authority_rules"] = {"default": "department_manager", "rules": {}}
    policy_path.write_text(json.dumps(policy))
    with pytest.raises(PolicyError, match="is not signed by this office's seal authority as it stands") as err:
        Station.open(cli_home)
    assert "sealstation policy sign --by ADMIN" in err.value.hint
    src = make_pdf(tmp_path / "a.pdf")
    proc = stamp_cli(cli_home, src, tmp_path / "out.pdf", "official", seal_token.user_pin)
    assert proc.returncode == 1 and "policy sign" in proc.stderr and not (tmp_path / "out.pdf").exists()
    (cli_home / "office" / "policy.json.sig").unlink()
    with pytest.raises(PolicyError, match="is not signed"):
        Station.open(cli_home)
    # Without the passphrase the custodian cannot sign it …
    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"), cli_home / "office" / "seal-authority-key.pem")
    proc = run_cli("policy", "sign", "--by", "admin", "--stdin-secrets", home=cli_home,
                   stdin=f"{password('admin')}\nnot-the-passphrase\n")
    assert proc.returncode == 1 and "cannot be opened" in proc.stderr
    with pytest.raises(PolicyError):
        Station.open(cli_home)
    # … the office, having read it, can; and the change is journalled.
    proc = run_cli("policy", "sign", "--by", "admin", "--stdin-secrets", home=cli_home,
                   stdin=f"{password('admin')}\n{seal_token.authority_passphrase}\n")
    assert proc.returncode == 0 and '"approval_days": 3650' in proc.stdout, proc.stderr
    with Station.open(cli_home) as station:
        assert station.policy.approval_days == 3650
        signed = [e for e in station.journal.entries() if e.kind == "policy_signed"]
        assert signed and signed[-1].data["new"]["approval_days"] == 3650 and signed[-1].data["old"]["approval_days"] == 7


def make_legacy(home: Path) -> None:
    """Turn a station home into one from before signed records: unsigned rows, keyless approvers, policy in station.json."""
    conn = insider_sql(home)
    conn.execute("UPDATE users SET record_signature = NULL, record_version = 0, public_key_pem = NULL, "
                 "private_key_enc = NULL")
    (home / "office" / "policy.json").unlink()
    (home / "office" / "policy.json.sig").unlink()
    config = StationHome(home)
    data = json.loads(config.config_path.read_text())
    data["password_policy"] = {"scrypt_n": 1024}
    data["approval_days"] = 5
    config.config_path.write_text(json.dumps(data))


def test_a_station_before_the_upgrade_refuses_then_the_office_upgrades_it_once(cli_home, seal_token, tmp_path):
    make_legacy(cli_home)
    src = make_pdf(tmp_path / "a.pdf")
    with Station.open(cli_home) as station:
        with pytest.raises(UpgradeRequiredError, match="upgraded once by the office") as err:
            station.approving().approve(src, seals=["official"], copies=1, approver="gm", password=password("gm"))
        assert "sealstation station upgrade --by ADMIN" in err.value.hint
        # A request row made by hand does not get past the gate either.
        insert_request(insider_sql(cli_home), src)
        assert_refused_before_signing(station, src, UpgradeRequiredError, "must be upgraded once by the office")
    proc = stamp_cli(cli_home, src, tmp_path / "out.pdf", "official", seal_token.user_pin)
    assert proc.returncode == 1 and "sealstation station upgrade --by ADMIN" in proc.stderr

    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"), cli_home / "office" / "seal-authority-key.pem")
    office = f"{password('admin')}\n{seal_token.authority_passphrase}\n"
    proc = run_cli("station", "upgrade", "--by", "admin", "--stdin-secrets", home=cli_home, stdin=office)
    assert proc.returncode == 0 and "Station upgraded" in proc.stdout, proc.stderr
    assert "cfo, dept, gm" in proc.stdout  # approvers still without a key are named
    again = run_cli("station", "upgrade", "--by", "admin", "--stdin-secrets", home=cli_home, stdin=office)
    assert again.returncode == 1 and "upgraded already" in again.stderr
    config = json.loads((cli_home / "station.json").read_text())
    assert "approval_days" not in config and "password_policy" not in config
    with Station.open(cli_home) as station:
        assert station.policy.approval_days == 5  # the station's own policy, now signed
        upgraded = [e for e in station.journal.entries() if e.kind == "station_upgraded"]
        assert len(upgraded) == 1 and upgraded[0].actor == "admin"
        with pytest.raises(UserRecordError, match="gm has no approval key"):
            station.approving().approve(src, seals=["official"], copies=1, approver="gm", password=password("gm"))
        # The hand-made request row is still refused after the upgrade: it carries no signature.
        assert_refused_before_signing(station, src, ApprovalError, "carries no approver's signature")

    # The office issues gm a key (a reset); gm sets their own password; gm's approval stamps.
    proc = run_cli("user", "reset", "gm", "--by", "admin", "--stdin-secrets", home=cli_home,
                   stdin=office + "reset-gm-pw-1\n")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("user", "passwd", "gm", "--stdin-secrets", home=cli_home, stdin=f"reset-gm-pw-1\n{password('gm')}\n")
    assert proc.returncode == 0, proc.stderr
    other = make_pdf(tmp_path / "b.pdf", text="after the upgrade")
    approve_cli(cli_home, other, "official")
    proc = stamp_cli(cli_home, other, tmp_path / "b-stamped.pdf", "official", seal_token.user_pin)
    assert proc.returncode == 0, proc.stderr


def test_editing_the_request_row_of_a_genuine_approval_is_refused(station, tmp_path):
    """The purpose (the signature's reason) and the copies are inside the approver's signature."""
    src = make_pdf(tmp_path / "a.pdf")
    request = approve(station, src, ["official"], copies=1)
    insider_sql(station.home.root).execute("UPDATE requests SET purpose = '担保合同', copies = 50 WHERE id = ?",
                                           (request.id,))
    assert_refused_before_signing(station, src, ApprovalError, "signed for another request, document, seal, purpose")
