"""The CLI contract: commands, secrets on stdin, exit codes, JSON; run as a real process."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from support.pdfs import make_pdf
from support.cli import approve_cli, run_cli, stamp_cli
from support.station_fixtures import password


def test_stamp_then_verify(cli_home, seal_token, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    assert "Approved: request" in approve_cli(cli_home, src, "contract").stdout
    proc = stamp_cli(cli_home, src, out, "contract", seal_token.user_pin)
    assert proc.returncode == 0, proc.stderr
    assert "written and verified" in proc.stdout
    assert seal_token.user_pin not in proc.stdout + proc.stderr

    proc = run_cli("verify", str(out), "--json", home=cli_home)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["valid"] is True
    (sig,) = report["signatures"]
    assert sig["seal"] == "contract" and sig["intact"] and sig["page"] == 1
    assert sig["center_mm"] == pytest.approx([100, 120], abs=0.01)
    assert {"field", "seal", "signer", "intact", "page", "center_mm"} <= set(sig)

    proc = run_cli("verify", str(out), home=cli_home)
    assert proc.returncode == 0 and "VALID" in proc.stdout


def test_unapproved_document_is_refused_before_the_pin(cli_home, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    # Only the password on stdin: the refusal comes before the PIN is asked for.
    proc = run_cli("stamp", str(src), "--seal", "official", "--page", "1", "--at", "60,50", "--out",
                   str(tmp_path / "out.pdf"), "--user", "custodian", "--stdin-secrets", home=cli_home,
                   stdin=password("custodian") + "\n")
    assert proc.returncode == 1 and "no approved request" in proc.stderr


def test_wrong_pin_exit_1_with_message(cli_home, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    approve_cli(cli_home, src, "official")
    proc = stamp_cli(cli_home, src, tmp_path / "out.pdf", "official", "999999", at="60,50")
    assert proc.returncode == 1
    assert "PIN incorrect" in proc.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_bad_input_exit_1_before_any_pin(cli_home, tmp_path):
    src = tmp_path / "x.pdf"
    src.write_text("not a pdf")
    # No secret on stdin: the document is refused before the PIN is asked for.
    proc = run_cli("stamp", str(src), "--seal", "official", "--page", "1", "--at", "60,50",
                   "--out", str(tmp_path / "out.pdf"), "--user", "custodian", "--stdin-secrets", home=cli_home)
    assert proc.returncode == 1 and "not a PDF" in proc.stderr


@pytest.mark.parametrize("args", [["stamp"], ["stamp", "a.pdf", "--seal", "s", "--page", "1", "--at", "1;2", "--out", "o.pdf"], ["frobnicate"]])
def test_usage_errors_exit_2(cli_home, args):
    assert run_cli(*args, home=cli_home).returncode == 2


def test_verify_unsigned_and_tampered_exit_1(cli_home, tmp_path):
    src = make_pdf(tmp_path / "plain.pdf")
    proc = run_cli("verify", str(src), "--json", home=cli_home)
    assert proc.returncode == 1 and json.loads(proc.stdout)["valid"] is False


def test_no_station_is_a_clear_error(tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    proc = run_cli("stamp", str(src), "--seal", "official", "--page", "1", "--at", "60,50",
                   "--out", str(tmp_path / "o.pdf"), "--user", "custodian", "--stdin-secrets", home=tmp_path / "nowhere")
    assert proc.returncode == 1 and "sealstation demo" in proc.stderr


@pytest.mark.slow
def test_demo_builds_a_working_station_inside_its_home(tmp_path):
    home = tmp_path / "demo-home"
    before = set(os.listdir(tmp_path))
    proc = run_cli("demo", "--no-gui", home=home)
    assert proc.returncode == 0, proc.stderr
    assert set(os.listdir(tmp_path)) - before == {"demo-home"}
    creds = json.loads((home / "demo-credentials.json").read_text(encoding="utf-8"))
    assert "DEMO ONLY" in creds["_warning"]
    docs = sorted(p.name for p in (home / "documents").iterdir())
    assert "contract.pdf" in docs
    assert set(creds["users"]) == {"admin", "custodian", "gm", "cfo", "dept", "auditor"}
    out = tmp_path / "stamped.pdf"
    proc = run_cli("stamp", str(home / "documents" / "contract.pdf"), "--seal", "contract", "--page", "2",
                   "--at", "150,200", "--out", str(out), "--user", "custodian", "--stdin-secrets", home=home,
                   stdin=f"{creds['users']['custodian']}\n{creds['token_pin']}\n",
                   env_extra={"SOFTHSM2_CONF": "/nonexistent"})
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("verify", str(out), "--json", home=home)
    report = json.loads(proc.stdout)
    assert report["valid"] and report["signatures"][0]["trusted"]
    assert report["signatures"][0]["seal_kind"] == "contract"
    proc = run_cli("request", "list", home=home)
    assert "stamped" not in proc.stdout.split("contract.pdf")[0]  # two seals approved, one applied
    assert run_cli("journal", "verify", home=home).returncode == 0


def test_office_commands_and_journal(cli_home, seal_token, tmp_path):
    import shutil

    # The office key lives with the office; the test station borrows the session's.
    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"), cli_home / "office" / "seal-authority-key.pem")
    passphrase = seal_token.authority_passphrase
    proc = run_cli("user", "add", "newbie", "--role", "custodian", "--by", "admin", "--stdin-secrets", home=cli_home,
                   stdin=f"{password('admin')}\n{passphrase}\nfirst-pw-123\n")
    assert proc.returncode == 0 and "must be changed" in proc.stdout, proc.stderr
    assert "record signed by the office" in proc.stdout
    proc = run_cli("seal", "suspend", "finance", "--by", "admin", "--note", "年度检查", "--stdin-secrets", home=cli_home,
                   stdin=f"{password('admin')}\n{passphrase}\n")
    assert proc.returncode == 0 and "now suspended" in proc.stdout, proc.stderr
    proc = run_cli("seal", "suspend", "finance", "--by", "admin", "--stdin-secrets", home=cli_home,
                   stdin=f"{password('admin')}\n{passphrase}\n")
    assert proc.returncode == 1 and "'suspend' is not allowed" in proc.stderr
    assert "suspended" in run_cli("seal", "list", home=cli_home).stdout
    assert run_cli("journal", "verify", home=cli_home).returncode == 0
    out = tmp_path / "journal.csv"
    proc = run_cli("journal", "export", "--format", "csv", "--out", str(out), "--user", "auditor", "--stdin-secrets",
                   home=cli_home, stdin=password("auditor") + "\n")
    assert proc.returncode == 0 and "seal_lifecycle" in out.read_text(encoding="utf-8"), proc.stderr
    assert "年度检查" in out.read_text(encoding="utf-8")


def test_seal_make_then_issue_then_stamp(cli_home, seal_token, tmp_path):
    import shutil

    shutil.copy(Path(seal_token.authority_cert_path).with_name("ca-key.pem"), cli_home / "office" / "seal-authority-key.pem")
    office = f"{password('admin')}\n{seal_token.authority_passphrase}\n"
    proc = run_cli("seal", "make", "dept-hr", "--kind", "department", "--organisation", "测试科技有限公司",
                   "--name", "测试科技有限公司人力资源部", "--key-type", "ec-p256", "--by", "admin", "--stdin-secrets",
                   home=cli_home, stdin=office + seal_token.user_pin + "\n")
    assert proc.returncode == 0 and "made" in proc.stdout, proc.stderr
    proc = run_cli("seal", "issue", "dept-hr", "--custodian", "custodian", "--by", "admin", "--stdin-secrets",
                   home=cli_home, stdin=office)
    assert proc.returncode == 0 and "now issued" in proc.stdout, proc.stderr
    src = make_pdf(tmp_path / "hr.pdf")
    approve_cli(cli_home, src, "dept-hr", approver="dept")  # a department seal: a department manager may approve
    out = tmp_path / "hr-stamped.pdf"
    proc = stamp_cli(cli_home, src, out, "dept-hr", seal_token.user_pin)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(run_cli("verify", str(out), "--json", home=cli_home).stdout)
    assert report["valid"] and report["signatures"][0]["seal"] == "dept-hr" and report["signatures"][0]["trusted"]


def test_abandoned_pin_prompt_closes_the_attempt(cli_home, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    approve_cli(cli_home, src, "official")
    proc = run_cli("stamp", str(src), "--seal", "official", "--page", "1", "--at", "60,50", "--out", str(tmp_path / "o.pdf"),
                   "--user", "custodian", "--stdin-secrets", home=cli_home, stdin=password("custodian") + "\n")
    assert proc.returncode == 1 and "ended before" in proc.stderr
    out = tmp_path / "journal.jsonl"
    run_cli("journal", "export", "--format", "jsonl", "--out", str(out), "--user", "admin", "--stdin-secrets",
            home=cli_home, stdin=password("admin") + "\n")
    kinds = [json.loads(line)["kind"] for line in out.read_text(encoding="utf-8").splitlines()]
    # The exporter's login is journalled before the export reads the entries.
    assert kinds[-3:] == ["stamp_started", "stamp_failed", "login"] and "stamp_interrupted" not in kinds


def test_common_options_work_before_the_command(cli_home, tmp_path):
    env = {"SEALSTATION_HOME": str(tmp_path / "elsewhere")}
    proc = run_cli("seal", "list", home=cli_home, env_extra=env)  # --home after the command
    assert proc.returncode == 0, proc.stderr
    import os
    import subprocess
    import sys

    before = subprocess.run([sys.executable, "-m", "sealstation", "--home", str(cli_home), "seal", "list"],
                            capture_output=True, text=True, env={**os.environ, **env}, timeout=60)
    assert before.returncode == 0 and before.stdout == proc.stdout, before.stderr


def test_no_answer_at_a_prompt_is_a_message_not_a_traceback(cli_home, tmp_path):
    """At a real terminal (a pseudo-terminal here), Ctrl-D at the password prompt ends the command in words."""
    import pty
    import sys

    src = make_pdf(tmp_path / "in.pdf")
    argv = [sys.executable, "-m", "sealstation", "approve", str(src), "--seal", "official", "--copies", "1",
            "--approver", "gm", "--home", str(cli_home)]
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty
        os.execv(sys.executable, argv)
    try:
        said = _read_pty_until(fd, b"Password of gm: ")
        os.write(fd, b"\x04")  # Ctrl-D: end of input
        said += _read_pty_until(fd, None)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    text = said.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 1, text
    assert "No answer was given to the prompt (Password of gm)" in text and "Traceback" not in text


def _read_pty_until(fd: int, marker: bytes | None, timeout_s: float = 60) -> bytes:
    """Read what the child writes to its terminal until ``marker`` (or, with None, until it closes)."""
    import select
    import time

    data, deadline = b"", time.monotonic() + timeout_s
    while time.monotonic() < deadline and (marker is None or marker not in data):
        if select.select([fd], [], [], 1)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            data += chunk
    return data


def test_verify_json_answers_on_stdout_for_an_unreadable_file(cli_home, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"garbage" * 100)
    proc = run_cli("verify", str(bad), "--json", home=cli_home)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["valid"] is False and report["error"]


def test_a_document_never_approved_is_not_called_edited(station, tmp_path):
    from sealstation.errors import ApprovalError
    from sealstation.model import Placement
    from sealstation.station import StampRequestSpec
    from support.station_fixtures import approve

    approve(station, make_pdf(tmp_path / "other.pdf", text="another document"), ["official"])
    src = make_pdf(tmp_path / "new.pdf")
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), tmp_path / "out.pdf"))
    with pytest.raises(ApprovalError, match="There is no approved request for this document"):
        station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))


def test_a_mistyped_pin_is_asked_again(cli_home, seal_token, tmp_path):
    src = make_pdf(tmp_path / "in.pdf")
    out = tmp_path / "out.pdf"
    approve_cli(cli_home, src, "official")
    proc = run_cli("stamp", str(src), "--seal", "official", "--page", "1", "--at", "100,120", "--out", str(out),
                   "--user", "custodian", "--stdin-secrets", home=cli_home,
                   stdin=f"{password('custodian')}\n000000\n{seal_token.user_pin}\n")
    assert proc.returncode == 0, proc.stderr
    assert "Wrong PIN" in proc.stderr and "written and verified" in proc.stdout
    assert "The token did not say how many tries are left" in proc.stderr and "few tries" not in proc.stderr
    assert seal_token.user_pin not in proc.stdout + proc.stderr
