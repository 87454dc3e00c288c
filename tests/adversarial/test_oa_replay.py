"""Attack: use one signed OA approval more than once (issue 7).

The custodian holds a genuine approval file signed by the approver. Before
issue 7 it could be imported again and again, each import a new approved
request and a new stamp; an old file never expired; anyone at the keyboard
could import. Now the file carries an id and an expiry under the approver's
signature; the station records each id under a UNIQUE constraint in the
transaction that creates the request (so even two processes at once cannot
both succeed); an expired or old-format file is refused; and the import needs
a custodian or office login, journalled.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import time
import uuid
from pathlib import Path

import pytest
import sqlcipher3

from sealstation.approval.oa_file import format_utc, write_oa_approval
from sealstation.approval.requests import RequestState
from sealstation.errors import ApprovalError, AuthError, PermissionDeniedError
from sealstation.model import Placement
from sealstation.station import StampRequestSpec, Station
from support.cli import run_cli, start_cli
from support.oa import approver_key, oa_approval, public_pem, register_in_home, write_old_format
from support.pdfs import make_pdf
from support.station_fixtures import office_authority, password, sign_plan


@pytest.fixture
def gm_key():
    return approver_key()


@pytest.fixture
def oa_file(tmp_path, gm_key):
    """A genuine approval of contract.pdf for the contract seal, signed by gm, expiring in 3 days."""
    src = make_pdf(tmp_path / "contract.pdf")
    approval = oa_approval(src, ("contract",))
    path = tmp_path / "approval.json"
    write_oa_approval(path, approval, gm_key)
    return src, approval, path


def import_cli(home: Path, path: Path, user: str = "custodian", secret: str | None = None):
    return run_cli("request", "import", str(path), "--user", user, "--stdin-secrets", home=home,
                   stdin=(password(user) if secret is None else secret) + "\n")


def requests_in(home: Path) -> list:
    with Station.open(home) as station:
        return station.requests.list()


def journal_of(home: Path, kind: str) -> list:
    with Station.open(home) as station:
        return list(station.journal.entries(kinds=(kind,)))


# -- replay -------------------------------------------------------------------


def test_replayed_file_is_refused_by_the_database_and_stamps_once(station, gm_key, oa_file, tmp_path, pin):
    src, approval, path = oa_file
    station.people().register_approver_key("gm", public_pem(gm_key), by="admin", password=password("admin"), authority=office_authority())
    login = {"user": "custodian", "password": password("custodian")}
    request = station.approving().import_oa_approval(path, **login)

    with pytest.raises(ApprovalError) as refused:
        station.approving().import_oa_approval(path, **login)
    message = str(refused.value)
    assert approval.id in message and "already imported" in message and request.id in message
    assert station.requests.oa_import(approval.id).imported_at in message  # when it was imported
    # Refused by the UNIQUE constraint itself, not by a check that a second process could slip past.
    assert isinstance(refused.value.__cause__, sqlcipher3.IntegrityError)
    assert [r.id for r in station.requests.list()] == [request.id]  # no second request

    out = tmp_path / "stamped.pdf"
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "contract", Placement(1, (100.0, 120.0)), out))
    sign_plan(station, plan, out, pin, approve_first=False)
    assert station.requests.get(request.id).state == RequestState.STAMPED
    with pytest.raises(ApprovalError):  # the third import of the old days
        station.approving().import_oa_approval(path, **login)
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "contract", Placement(1, (100.0, 120.0)), tmp_path / "again.pdf"))
    with pytest.raises(ApprovalError, match="already used up"):
        sign_plan(station, plan, tmp_path / "again.pdf", pin, approve_first=False)
    refusals = list(station.journal.entries(kinds=("oa_import_refused",)))
    assert len(refusals) == 2 and all(e.actor == "custodian" and approval.id in e.data["why"] for e in refusals)


def test_describing_a_file_checks_it_as_the_import_does_and_writes_nothing(station, gm_key, oa_file, tmp_path):
    """What the window shows before the password: the same refusals as the import, and no request, row or entry."""
    src, approval, path = oa_file
    with pytest.raises(ApprovalError) as unknown:
        station.approving().describe_oa_approval(path)
    assert unknown.value.code == "oa_key_unknown"
    station.people().register_approver_key("gm", public_pem(gm_key), by="admin", password=password("admin"), authority=office_authority())
    before = len(list(station.journal.entries()))
    described = station.approving().describe_oa_approval(path)
    assert (described.id, described.seals, described.copies) == (approval.id, ("contract",), approval.copies)
    assert station.requests.list() == [] and station.requests.oa_import(approval.id) is None
    assert len(list(station.journal.entries())) == before
    expired = tmp_path / "expired.json"
    write_oa_approval(expired, oa_approval(src, ("contract",), expires_in=dt.timedelta(seconds=-1)), gm_key)
    with pytest.raises(ApprovalError) as late:
        station.approving().describe_oa_approval(expired)
    assert late.value.code == "oa_approval_expired"
    request = station.approving().import_oa_approval(path, user="custodian", password=password("custodian"))
    with pytest.raises(ApprovalError) as replayed:
        station.approving().describe_oa_approval(path)
    assert replayed.value.code == "oa_approval_imported" and replayed.value.facts["request"] == request.id


def test_a_copy_under_another_name_is_the_same_approval(station, gm_key, oa_file, tmp_path):
    _, approval, path = oa_file
    station.people().register_approver_key("gm", public_pem(gm_key), by="admin", password=password("admin"), authority=office_authority())
    station.approving().import_oa_approval(path, user="custodian", password=password("custodian"))
    copy = tmp_path / "renamed.json"
    copy.write_bytes(path.read_bytes())
    copy.with_name("renamed.json.sig").write_bytes(path.with_name("approval.json.sig").read_bytes())
    with pytest.raises(ApprovalError, match=f"{approval.id} was already imported"):
        station.approving().import_oa_approval(copy, user="admin", password=password("admin"))
    assert len(station.requests.list()) == 1


def test_the_constraint_holds_without_the_station_code(station):
    """The table itself refuses a second row for an id, and refuses edits and deletions."""
    row = ("R1", "gm", "00" * 32, "2030-01-01T00:00:00+00:00", "custodian", "2026-01-01T00:00:00+00:00")
    with station.db.transaction() as conn:
        conn.execute("INSERT INTO requests (id, document_name, document_sha256, page_count, seals, purpose, copies, "
                     "requester, created_at, state) VALUES ('R1', 'a.pdf', ?, 1, '[]', '', 1, 'dept', '', 'approved')",
                     ("00" * 32,))
        conn.execute("INSERT INTO oa_imports (oa_id, request_id, approver, file_sha256, expires_at, imported_by, "
                     "imported_at) VALUES ('oa-1', ?, ?, ?, ?, ?, ?)", row)
    for sql, params in [
        ("INSERT INTO oa_imports (oa_id, request_id, approver, file_sha256, expires_at, imported_by, imported_at) "
         "VALUES ('oa-1', ?, ?, ?, ?, ?, ?)", row),
        ("UPDATE oa_imports SET oa_id = 'oa-2' WHERE oa_id = 'oa-1'", ()),
        ("DELETE FROM oa_imports WHERE oa_id = 'oa-1'", ()),
    ]:
        with pytest.raises(sqlcipher3.DatabaseError):  # IntegrityError for the id; ABORT from the triggers
            with station.db.transaction() as conn:
                conn.execute(sql, params)
    assert station.db.query("SELECT count(*) FROM oa_imports")[0][0] == 1


def test_replay_from_the_command_line(cli_home, gm_key, oa_file):
    _, approval, path = oa_file
    register_in_home(cli_home, "gm", gm_key)
    first = import_cli(cli_home, path)
    assert first.returncode == 0, first.stderr
    second = import_cli(cli_home, path)
    assert second.returncode == 1
    assert approval.id in second.stderr and "already imported" in second.stderr and "Traceback" not in second.stderr
    assert len(requests_in(cli_home)) == 1


def test_two_imports_at_once_only_one_succeeds(cli_home, gm_key, oa_file):
    _, approval, path = oa_file
    register_in_home(cli_home, "gm", gm_key)
    args = ("request", "import", str(path), "--user", "custodian", "--stdin-secrets")
    procs = [start_cli(*args, home=cli_home), start_cli(*args, home=cli_home)]
    try:
        # Both open the station and wait for the password on stdin; then both get it at the same moment.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not all(_has_open(p.pid, cli_home / "station.db") for p in procs):
            time.sleep(0.02)
        time.sleep(0.3)
        assert all(p.poll() is None for p in procs)  # both are running, waiting for their password
        for p in procs:
            p.stdin.write(password("custodian") + "\n")
            p.stdin.flush()
        for p in procs:
            p.stdin.close()
        results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
            p.stdout.close()
            p.stderr.close()
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    (_, _, refusal), = [r for r in results if r[0] == 1]
    assert approval.id in refusal and "already imported" in refusal and "Traceback" not in refusal
    assert len(requests_in(cli_home)) == 1
    assert len(journal_of(cli_home, "approval_granted")) == 1


def _has_open(pid: int, path: Path) -> bool:
    """Whether process ``pid`` has ``path`` open (Linux /proc); True when that cannot be told."""
    fd_dir = Path(f"/proc/{pid}/fd")
    if not fd_dir.is_dir():
        return True
    try:
        return any(Path(fd).resolve() == path.resolve() for fd in (str(p) for p in fd_dir.iterdir()))
    except OSError:
        return True


# -- expiry -------------------------------------------------------------------


def test_expired_file_is_refused(cli_home, gm_key, tmp_path):
    src = make_pdf(tmp_path / "old.pdf")
    approval = oa_approval(src, ("contract",), expires_in=-dt.timedelta(minutes=1))
    path = tmp_path / "expired.json"
    write_oa_approval(path, approval, gm_key)
    register_in_home(cli_home, "gm", gm_key)
    proc = import_cli(cli_home, path)
    assert proc.returncode == 1
    assert f"OA approval {approval.id}" in proc.stderr and f"expired at {format_utc(approval.expires_at)}" in proc.stderr
    assert requests_in(cli_home) == []


def test_approval_expires_with_the_file_when_that_is_sooner(station, gm_key, tmp_path):
    station.people().register_approver_key("gm", public_pem(gm_key), by="admin", password=password("admin"), authority=office_authority())
    src = make_pdf(tmp_path / "soon.pdf")
    approval = oa_approval(src, ("contract",), expires_in=dt.timedelta(hours=2))  # the station allows 7 days
    write_oa_approval(tmp_path / "soon.json", approval, gm_key)
    request = station.approving().import_oa_approval(tmp_path / "soon.json", user="custodian", password=password("custodian"))
    assert dt.datetime.fromisoformat(station.requests.approval_of(request.id).expires_at) == approval.expires_at
    station.clock = lambda: approval.expires_at + dt.timedelta(seconds=1)
    with pytest.raises(ApprovalError, match="expired"):
        station.requests.check_stamp_allowed(document_sha256=approval.document_sha256, seal_id="contract",
                                             custodian="custodian")


# -- altered files, old files -------------------------------------------------


@pytest.mark.parametrize("field", ["id", "expires_at"])
def test_altered_id_or_expiry_fails_the_signature(station, gm_key, oa_file, field):
    _, approval, path = oa_file
    station.people().register_approver_key("gm", public_pem(gm_key), by="admin", password=password("admin"), authority=office_authority())
    station.approving().import_oa_approval(path, user="custodian", password=password("custodian"))
    doc = json.loads(path.read_bytes())
    if field == "id":  # a fresh id, to get past "already imported"
        new = str(uuid.uuid4())
    else:  # a longer life
        new = format_utc(approval.expires_at + dt.timedelta(days=365))
    path.write_bytes(path.read_bytes().replace(doc[field].encode(), new.encode()))
    with pytest.raises(ApprovalError, match="altered or signed by someone else"):
        station.approving().import_oa_approval(path, user="custodian", password=password("custodian"))
    assert len(station.requests.list()) == 1 and station.requests.oa_import(new) is None


def test_duplicate_keys_are_refused(station, gm_key, oa_file):
    """A second "id" key, signed: parsers disagree on which one counts, so neither does."""
    _, _, path = oa_file
    station.people().register_approver_key("gm", public_pem(gm_key), by="admin", password=password("admin"), authority=office_authority())
    data = path.read_bytes().replace(b'"decision"', f'"id": "{uuid.uuid4()}",\n  "decision"'.encode(), 1)
    path.write_bytes(data)
    path.with_name(path.name + ".sig").write_text(base64.b64encode(gm_key.sign(data)).decode())
    with pytest.raises(ApprovalError, match="id appear more than once"):
        station.approving().import_oa_approval(path, user="custodian", password=password("custodian"))


def test_old_format_file_is_refused_with_reissue_advice(cli_home, gm_key, tmp_path):
    src = make_pdf(tmp_path / "legacy.pdf")
    path = tmp_path / "legacy.json"
    write_old_format(path, oa_approval(src, ("contract",)), gm_key)  # genuine and signed, but format /1
    register_in_home(cli_home, "gm", gm_key)
    proc = import_cli(cli_home, path)
    assert proc.returncode == 1
    assert "legacy.json" in proc.stderr and "old format sealstation-approval/1" in proc.stderr
    assert "re-issue" in proc.stderr and "sealstation-approval/2" in proc.stderr
    assert requests_in(cli_home) == []


# -- who may import -----------------------------------------------------------


def test_import_needs_a_custodian_or_office_login(cli_home, gm_key, oa_file):
    _, approval, path = oa_file
    register_in_home(cli_home, "gm", gm_key)
    assert run_cli("request", "import", str(path), home=cli_home).returncode == 2  # no --user: usage
    proc = import_cli(cli_home, path, secret="not-the-password")
    assert proc.returncode == 1 and "Wrong user name or password" in proc.stderr
    proc = import_cli(cli_home, path, user="nobody")
    assert proc.returncode == 1 and "Wrong user name or password" in proc.stderr
    for user in ("gm", "auditor"):  # right password, wrong role (the approver cannot import its own approval either)
        proc = import_cli(cli_home, path, user=user)
        assert proc.returncode == 1 and f"{user} may not import OA approval files" in proc.stderr
        assert "custodian or office" in proc.stderr
    proc = run_cli("request", "import", str(path), "--user", "custodian", "--stdin-secrets", home=cli_home)
    assert proc.returncode == 1 and "ended before" in proc.stderr  # no password at all
    assert requests_in(cli_home) == []

    proc = import_cli(cli_home, path, user="admin")  # the office may import
    assert proc.returncode == 0, proc.stderr
    (granted,) = journal_of(cli_home, "approval_granted")
    assert granted.data["imported_by"] == "admin" and granted.data["oa_id"] == approval.id
    assert granted.data["source"] == "oa-file" and granted.actor == "gm"
    assert [e.actor for e in journal_of(cli_home, "login")][-1] == "admin"
    refused = journal_of(cli_home, "oa_import_refused")
    assert [e.actor for e in refused] == ["gm", "auditor"]
    assert [e.data["user"] for e in journal_of(cli_home, "login_failed")][-2:] == ["custodian", "nobody"]


def test_core_import_checks_the_login_too(station, gm_key, oa_file):
    _, _, path = oa_file
    station.people().register_approver_key("gm", public_pem(gm_key), by="admin", password=password("admin"), authority=office_authority())
    with pytest.raises(AuthError):
        station.approving().import_oa_approval(path, user="custodian", password="wrong")
    with pytest.raises(PermissionDeniedError, match="custodian or office"):
        station.approving().import_oa_approval(path, user="dept", password=password("dept"))
    assert station.requests.list() == []
