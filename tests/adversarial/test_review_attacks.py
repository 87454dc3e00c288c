"""Issue 16 review: the new defences attacked again, as the insider would.

The insider has the station's OS account, the journal key (sqlcipher3 with
the station's own key), hence the station's signing key, the custodian's
password and the seal's PIN; never root. Each test is an attack a reviewer
found against the defences of classes 1, 4, 5, 7, 8 and 11, and ends found
by ``archive verify`` or refused.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives import serialization

from sealstation.anchor import PIN_ENV
from sealstation.archive.authority_check import AUTHORITY_FINDING, records_for_segment
from sealstation.archive.audit import verify_archive
from sealstation.archive.backend import FolderArchive
from sealstation.archive.segment import Segment, read_segment_entries, sign_segment
from sealstation.archive.summary import REPORT_TZ, UNVERIFIED, monthly_summary
from sealstation.journal.journal import GENESIS, JournalKind, canonical_json, entry_hash, iso_seconds

from adversarial.test_printing_insider import office_archive, office_audit, office_findings, with_grace
from adversarial.test_trust_anchor import archive_findings, authority_findings_after_sync, forge_a_stamp
from archive.conftest import pg_archive, pg_cluster  # noqa: F401  (the throwaway PostgreSQL cluster)
from sealstation.errors import PrintRefusedError
from support.insider import insider_sql, insider_station_identity
from support.printing import print_to_pdf, stamped_document
from support.station_fixtures import Station

pytestmark = pytest.mark.slow


def _append_by_sql(home, kind: str, data: dict) -> int:
    """An entry appended with the journal key, chained as the station chains it."""
    conn = insider_sql(home)
    try:
        seq, prev = conn.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
        seq += 1
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
        text = canonical_json(data)
        conn.execute("INSERT INTO journal (seq, at, actor, kind, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (seq, at, None, kind, text, prev, entry_hash(seq, at, None, kind, text, prev)))
        return seq
    finally:
        conn.close()


@pytest.mark.parametrize("fmt", ["sealstation-segment/1", "sealstation-segment/2"])
def test_a_forged_stamp_hidden_then_disclosed_is_still_re_checked(station, seal_token, pin, tmp_path, monkeypatch,
                                                                   fmt):
    """A forged stamp is first sent without content or kind (an "undisclosed" finding that says: upgrade and sync),
    behind a later stamp entry sent in full; then the same entries are sent again in full, as an upgraded station
    does. The archive must judge the stamp when it first sees its content, not skip it as "already received"."""
    office_ca = seal_token.authority.certificate
    home = station.home.root
    station.close()
    monkeypatch.delenv(PIN_ENV, raising=False)  # a station installed before pins
    forge_a_stamp(home, seal_token, pin, tmp_path)
    conn = insider_sql(home)
    forged = {seq for (seq,) in conn.execute(
        "SELECT seq FROM journal WHERE kind IN ('approval_granted', 'stamp_started', 'stamp_done')")}
    [done] = [seq for (seq,) in conn.execute("SELECT seq FROM journal WHERE kind = 'stamp_done'")]
    conn.close()
    # A later stamp entry in full, so that the archive's high-water mark passes the forged one.
    _append_by_sql(home, JournalKind.STAMP_STARTED.value, {"request": "R-none", "seal": "official"})
    archive = FolderArchive.create(tmp_path / "archive")
    with Station.open(home, token=seal_token.session) as st:
        identity = insider_station_identity(home)
        last = st.db.query("SELECT MAX(seq) FROM journal")[0][0]
        entries, _ = read_segment_entries(st.db, 1, last)
        records = records_for_segment(st.db, entries)

        def put(doctored, made):
            segment = Segment(st.config.station_id, 1, last, GENESIS, entries[-1]["hash"], iso_seconds(made),
                              tuple(doctored), format=fmt, signed_records=records)
            archive.put_segment(sign_segment(segment, identity))

        now = dt.datetime.now(dt.timezone.utc)
        put([{k: e[k] for k in ("seq", "prev", "hash")} if e["seq"] in forged else e for e in entries], now)
        assert "undisclosed" in {f.what for f in archive_findings(archive, office_ca)}  # held so far
        put(entries, now + dt.timedelta(seconds=1))  # "sent again in full, once"
    findings = archive_findings(archive, office_ca)
    found = [f for f in findings if f.what == AUTHORITY_FINDING]
    assert [f.seq for f in found] == [done], findings
    # … and the hiding itself stays a finding: no station ever sent a stamp or an approval without its content.
    [hidden] = [f for f in findings if f.what == "withheld"]
    assert f"{done} (stamp_done)" in hidden.detail and "made by hand" in hidden.detail, hidden.detail
    assert "undisclosed" not in {f.what for f in findings}


# -- class 5: a printed copy "released" by an entry appended with the journal key --------------------------------


def _release_by_hand(home, request_id: str) -> list[str]:
    """The insider's un-counting: for each printed copy, a ``print_job`` entry saying its job failed, appended with
    the journal key and chained as the station chains it; the printed rows moved out of the allowance's way."""
    conn = insider_sql(home)
    try:
        printed = [json.loads(d) for (d,) in conn.execute(
            "SELECT data FROM journal WHERE kind = 'print_job' AND json_extract(data, '$.status') = 'accepted' "
            "AND json_extract(data, '$.request') = ?", (request_id,))]
        conn.execute("UPDATE print_copies SET allowance = 'R-elsewhere' WHERE request_id = ?", (request_id,))
    finally:
        conn.close()
    for job in printed:
        _append_by_sql(home, JournalKind.PRINT_JOB.value, {**job, "status": "failed", "reason": "paper jam"})
    return [c["serial"] for job in printed for c in job["copies"]]


@pytest.mark.parametrize("where", ["folder", "postgres"])
def test_a_failed_job_appended_for_a_printed_copy_frees_nothing(station, pin, tmp_path, where, request):
    """All approved copies printed online; the insider appends a "failed" job for each with the journal key (a
    copy's job is settled once by the station, so a second settlement is the insider's) and moves the rows away.
    The station must still count the copies as printed, and the archive must count them too."""
    if where == "folder":
        location = office = str(FolderArchive.create(tmp_path / "archive").root)
    else:
        pg = request.getfixturevalue("pg_archive")
        location, office = pg.url, pg.office_url()
    office_archive(station, location)
    stamped = stamped_document(station, pin, tmp_path)
    assert print_to_pdf(station, stamped, tmp_path / "copies.pdf", 2).printed == 2
    request_id = station.requests.list()[-1].id
    home, token = station.home.root, station._token
    station.close()
    released = _release_by_hand(home, request_id)
    assert len(released) == 2
    with Station.open(home, token=token) as st:
        with pytest.raises(PrintRefusedError):
            print_to_pdf(st, stamped, tmp_path / "more.pdf", 2)
        assert not (tmp_path / "more.pdf").exists()
        st.archive().sync()
        ca = st.ca_cert
    audit = office_audit(office, ca)
    assert audit.offline_copies == 0 and not audit.findings, audit.findings


def test_printed_copies_released_by_hand_still_count_as_printed_offline(station, pin, tmp_path):
    """With the share away, the insider prints past the offline grace (the count in the store raised, as in
    test_printing_insider) and then appends a "failed" job for each copy, so that the archive takes them as copies
    that printed nothing. The archive must still count them."""
    from sealstation.printing.online import confirmed_key

    root = FolderArchive.create(tmp_path / "archive").root
    office_archive(station, str(root))
    with_grace(station, 1)
    stamped = stamped_document(station, pin, tmp_path)
    request_id = station.requests.list()[-1].id
    away = root.rename(tmp_path / "share-unplugged")
    assert print_to_pdf(station, stamped, tmp_path / "one.pdf", 1).printed == 1
    sql = insider_sql(station.home.root)
    sql.execute("INSERT OR REPLACE INTO station_state (key, value) VALUES (?, '999999')", (confirmed_key(station),))
    sql.close()
    assert print_to_pdf(station, stamped, tmp_path / "two.pdf", 1).printed == 1
    home, token = station.home.root, station._token
    station.close()
    _release_by_hand(home, request_id)
    away.rename(root)
    with Station.open(home, token=token) as st:
        st.archive().sync()
        findings = office_findings(str(root), st.ca_cert)
    assert "offline-print" in [f.what for f in findings], findings


# -- class 1: one OA approval file backing two requests ----------------------------------------------------------


def _oa_file(tmp_path, key):
    from sealstation.approval.oa_file import write_oa_approval
    from support.oa import oa_approval
    from support.pdfs import make_pdf

    src = make_pdf(tmp_path / "contract.pdf")
    path = tmp_path / "approval.json"
    approval = oa_approval(src, ("contract",))
    write_oa_approval(path, approval, key)
    return src, path, approval


def _import_and_stamp(st, path, src, out, pin) -> None:
    from sealstation.model import Placement
    from sealstation.station import StampRequestSpec
    from support.station_fixtures import password, sign_plan

    st.approving().import_oa_approval(path, user="custodian", password=password("custodian"))
    sign_plan(st, st.stamping().plan_stamp(StampRequestSpec(src, "contract", Placement(1, (100.0, 120.0)), out)), out, pin,
              approve_first=False)


def _register(st, key) -> None:
    from support.oa import public_pem
    from support.station_fixtures import office_authority, password

    st.people().register_approver_key("gm", public_pem(key), by="admin", password=password("admin"),
                             authority=office_authority())


def test_an_oa_approval_imported_again_after_its_row_was_deleted_is_refused(station, pin, tmp_path):
    """The OA file's id is kept once in ``oa_imports`` (UNIQUE, append-only by trigger); the insider drops the trigger
    with the journal key, deletes the row and imports the same genuine file again to stamp a second time. The
    chained ``approval_granted`` entry of the first import still names the id: refused."""
    from sealstation.errors import ApprovalError
    from support.oa import approver_key
    from support.station_fixtures import password

    key = approver_key()
    src, path, approval = _oa_file(tmp_path, key)
    _register(station, key)
    _import_and_stamp(station, path, src, tmp_path / "stamped.pdf", pin)
    sql = insider_sql(station.home.root)
    sql.execute("DROP TRIGGER oa_imports_no_delete")
    sql.execute("DELETE FROM oa_imports")
    sql.close()
    requests = len(station.requests.list())
    with pytest.raises(ApprovalError, match=f"{approval.id} was already imported at this station \\(journal entry"):
        station.approving().import_oa_approval(path, user="custodian", password=password("custodian"))
    assert len(station.requests.list()) == requests


@pytest.mark.parametrize("workers", [1, 2])
def test_one_oa_approval_imported_at_two_stations_is_found(station, station_template, seal_token, pin, tmp_path,
                                                           workers):
    """The same genuine OA file imported and stamped at a second station of the office (each station keeps only
    its own imports): archive verify names the second stamp, also when each station is read by its own worker
    process (the check across stations is the caller's, in the stations' order)."""
    from support.archive import another_station
    from support.oa import approver_key

    key = approver_key()
    src, path, approval = _oa_file(tmp_path, key)
    archive = FolderArchive.create(tmp_path / "archive")
    _register(station, key)
    _import_and_stamp(station, path, src, tmp_path / "a.pdf", pin)
    station.archive().sync(str(archive.root))
    ca = station.ca_cert
    [a_done] = [e.seq for e in station.journal.entries(kinds=(JournalKind.STAMP_DONE,))]
    station.close()
    other = another_station(tmp_path / "b-home", station_template, seal_token, "station-b")
    try:
        _register(other, key)
        _import_and_stamp(other, path, src, tmp_path / "b.pdf", pin)
        other.archive().sync(str(archive.root))
        [done] = [e.seq for e in other.journal.entries(kinds=(JournalKind.STAMP_DONE,))]
    finally:
        other.close()
    audits = verify_archive(archive, ca, now=dt.datetime.now(dt.timezone.utc), workers=workers)
    found = [f for a in audits for f in a.findings if f.what == AUTHORITY_FINDING]
    # One of the two stamps is named (the office cannot tell which came first; the finding names the other).
    [finding] = found
    other_station = {"station-b": station.config.station_id}.get(finding.station, "station-b")
    assert (finding.station, finding.seq) in {("station-b", done), (station.config.station_id, a_done)}, found
    assert approval.id in finding.detail and f"at station {other_station}" in finding.detail, finding.detail
    # The monthly report does not name an approver for the stamp found, and names it for the other.
    month = dt.datetime.now(REPORT_TZ).strftime("%Y-%m")
    summary = monthly_summary(archive, ca, month, now=dt.datetime.now(dt.timezone.utc), workers=workers)
    approvers = {row.station: row.approver for row in summary.stamps}
    assert approvers[finding.station] == UNVERIFIED and approvers[other_station] not in ("", UNVERIFIED), approvers


# -- class 1: a "pin" whose text the insider chose, in a file root owns ---------------------------------------------


def test_a_pin_named_in_a_process_command_line_is_refused(station, office_pin, seal_token, tmp_path, monkeypatch):
    """``$SEALSTATION_OFFICE_CA_PIN`` may name any file out of the account's reach, but some root-owned files carry
    text the account chose: ``/proc/PID/cmdline`` of a process running as root (``su -c "$(cat own-ca.pem)"``
    waiting for its password, or here the suite's own process started with the certificate as its argv[0]). The
    certificate's PEM is found inside the surrounding text, so the insider's authority would be taken as pinned,
    and the home's copy replaced with it would agree with the "pin"."""
    import subprocess

    from adversarial.test_trust_anchor import own_authority, re_anchor
    from sealstation.errors import TrustAnchorError

    if office_pin is None:
        pytest.skip("a pin must be owned by root: this suite does not run as root")
    fake = own_authority()
    home = station.home.root
    station.close()
    re_anchor(home, fake)
    pem = fake.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
    waiting = subprocess.Popen([pem, "60"], executable="/bin/sleep")
    try:
        monkeypatch.setenv(PIN_ENV, f"/proc/{waiting.pid}/cmdline")
        with pytest.raises(TrustAnchorError, match="a file of the kernel"):
            Station.open(home, token=seal_token.session)
        # The same text in an ordinary root-owned file: only a file that is one certificate and nothing else pins.
        text = tmp_path / "pin-with-more.pem"
        text.write_bytes(b"su\0-c\0" + pem.encode("ascii") + b"\0root\0")
        monkeypatch.setenv(PIN_ENV, str(text))
        with pytest.raises(TrustAnchorError, match="one PEM certificate"):
            Station.open(home, token=seal_token.session)
    finally:
        waiting.kill()
        waiting.wait()


# -- class 1: an office-signed record sent under another role ------------------------------------------------------


def test_an_office_record_relabelled_as_the_policy_is_not_taken_as_the_policy(station, seal_token, pin, tmp_path):
    """The label that says what a record is (``type``) is outside what the office signed. The insider names, as the
    stamp's policy, another genuinely office-signed record relabelled ``policy`` (one without authority rules, so
    that the default rules apply, laxer than an office's stricter policy), in the stamp's ``stamp_started`` entry
    (the chain re-hashed before the sync). archive verify must not take it as the office's policy."""
    from sealstation.archive.authority_check import record_sha256
    from support.insider import rehash_from
    from support.pdfs import make_pdf
    from support.station_fixtures import stamp_approved

    office_ca = seal_token.authority.certificate
    stamp_approved(station, pin, make_pdf(tmp_path / "a.pdf"), tmp_path / "a-out.pdf")
    home = station.home.root
    station.close()
    conn = insider_sql(home)
    conn.execute("DROP TRIGGER journal_no_update")
    seq, data = conn.execute("SELECT seq, data FROM journal WHERE kind = 'stamp_started' ORDER BY seq DESC").fetchone()
    doc = json.loads(data)
    refs = doc["authority"]["records"]
    [(user_text,)] = conn.execute("SELECT record FROM authority_records WHERE sha256 = ?", (refs["custodian"],))
    relabelled = json.dumps({**json.loads(user_text), "type": "policy"}, ensure_ascii=False, sort_keys=True,
                            separators=(",", ":"))
    conn.execute("INSERT INTO authority_records (sha256, record) VALUES (?, ?)", (record_sha256(relabelled), relabelled))
    refs["policy"] = record_sha256(relabelled)
    conn.execute("UPDATE journal SET data = ? WHERE seq = ?", (canonical_json(doc), seq))
    rehash_from(conn, seq)
    conn.close()
    found, done = authority_findings_after_sync(home, seal_token, office_ca, tmp_path)
    assert [f.seq for f in found] == done[-1:], found
    assert "not a policy" in found[0].detail, found[0].detail


@pytest.mark.parametrize("state", ["suspended", "expired"])
def test_a_stamp_with_a_seal_its_own_record_says_may_not_stamp_is_found(station, seal_token, pin, tmp_path,
                                                                       monkeypatch, state):
    """The insider's own copy of the program skips the gate's seal check and stamps with a seal the office had
    suspended (or whose validity had ended): the records the stamp names are genuine, so only what they say
    can give it away, and the office's re-check reads it."""
    from sealstation.seals.lifecycle import SealAction
    from sealstation.seals.register import SealRegister
    from support.archive import stamp_some
    from support.station_fixtures import office_authority

    if state == "suspended":
        station.seals.apply("official", SealAction.SUSPEND, authority=office_authority(), by="admin")
    else:
        past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
        station.seals.apply("official", SealAction.CHANGE, authority=office_authority(), by="admin",
                            valid_from=(past - dt.timedelta(days=30)).isoformat(), valid_until=past.isoformat())
    monkeypatch.setattr(SealRegister, "check_usable", lambda *a, **k: None)  # the insider's program
    stamp_some(station, pin, tmp_path, 1)
    archive = FolderArchive.create(tmp_path / "archive")
    station.archive().sync(str(archive.root))
    done = [e.seq for e in station.journal.entries(kinds=(JournalKind.STAMP_DONE,))]
    found = [f for f in archive_findings(archive, station.ca_cert) if f.what == AUTHORITY_FINDING]
    assert [f.seq for f in found] == done, found
    assert ("is suspended, not issued" if state == "suspended" else "outside seal official's validity") \
        in found[0].detail, found[0].detail
