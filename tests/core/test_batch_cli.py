"""`sealstation approve A.pdf B.pdf …` (one batch, one signature) and `sealstation stamp --batch` (one password, one
PIN entry, a line a document; a document refused is named with its words and the rest go on), as real processes
with --stdin-secrets; each output judged by `sealstation verify` and pdfsig."""

from __future__ import annotations

import subprocess

from support.cli import run_cli
from support.pdfs import make_pdf
from support.station_fixtures import password


def _approve(home, docs):
    return run_cli("approve", *map(str, docs), "--seal", "official", "--copies", "2", "--approver", "gm",
                   "--purpose", "批量空白表格", "--stdin-secrets", home=home, stdin=password("gm") + "\n")


def _stamp_batch(home, docs, out, stdin):
    return run_cli("stamp", "--batch", *map(str, docs), "--seal", "official", "--page", "1", "--at", "60,50",
                   "--out", str(out), "--user", "custodian", "--stdin-secrets", home=home, stdin=stdin)


def test_a_batch_is_approved_once_and_stamped_with_one_pin(cli_home, seal_token, tmp_path):
    docs = [make_pdf(tmp_path / f"表格-{i}.pdf") for i in range(3)]
    approved = _approve(cli_home, docs)
    assert approved.returncode == 0, approved.stderr
    assert "Approved: batch B" in approved.stdout and "3 documents" in approved.stdout
    listed = run_cli("request", "list", home=cli_home).stdout
    assert listed.count(" batch=B") == 3
    out = tmp_path / "out"
    out.mkdir()
    # One password and one PIN on stdin for the three documents: a second PIN asked would find no line.
    proc = _stamp_batch(cli_home, docs, out, f"{password('custodian')}\n{seal_token.user_pin}\n")
    assert proc.returncode == 0, proc.stderr
    assert "[3/3] 表格-2.pdf: stamped" in proc.stdout and "Stamped 3 of 3 documents" in proc.stdout
    for i in range(3):
        stamped = out / f"表格-{i}-已签章.pdf"
        assert run_cli("verify", str(stamped), home=cli_home).returncode == 0
        report = subprocess.run(["pdfsig", str(stamped)], capture_output=True, text=True).stdout
        assert report.count("Signature is Valid") == 1


def test_a_batch_with_a_damaged_and_a_changed_document_names_them_and_stamps_the_rest(cli_home, seal_token, tmp_path):
    docs = [make_pdf(tmp_path / f"form-{i}.pdf") for i in range(3)]
    assert _approve(cli_home, docs).returncode == 0
    docs[0].write_bytes(b"%PDF-1.7\n" + b"x" * 50)  # damaged after approval
    with open(docs[1], "ab") as f:
        f.write(b"\n% edited\n")  # changed on disk after approval
    out = tmp_path / "out"
    out.mkdir()
    proc = _stamp_batch(cli_home, docs, out, f"{password('custodian')}\n{seal_token.user_pin}\n")
    assert proc.returncode == 1
    assert "form-0.pdf: NOT stamped" in proc.stderr
    assert "form-1.pdf: NOT stamped: This file is not the approved document: it was changed after approval" in proc.stderr
    assert "re-approval required" in proc.stderr
    assert "Stamped 1 of 3 documents" in proc.stdout
    assert sorted(p.name for p in out.iterdir()) == ["form-2-已签章.pdf"]


def test_batch_usage_errors(cli_home, tmp_path):
    doc = make_pdf(tmp_path / "a.pdf")
    two = ["stamp", str(doc), str(doc), "--seal", "official", "--page", "1", "--at", "60,50", "--out",
           str(tmp_path / "o.pdf"), "--user", "custodian"]
    assert run_cli(*two, home=cli_home).returncode == 2  # several files without --batch
    proc = run_cli("stamp", "--batch", str(doc), "--seal", "official", "--page", "1", "--at", "60,50", "--out",
                   str(tmp_path / "missing"), "--user", "custodian", home=cli_home)
    assert proc.returncode == 2 and "must be an existing folder" in proc.stderr


def test_a_batch_id_stands_for_its_documents(cli_home, seal_token, tmp_path):
    docs = [make_pdf(tmp_path / f"memo-{i}.pdf") for i in range(2)]
    approved = _approve(cli_home, docs)
    batch_id = approved.stdout.split("batch ")[1].split(",")[0]
    out = tmp_path / "out"
    out.mkdir()
    proc = run_cli("stamp", "--batch", batch_id, "--seal", "official", "--page", "1", "--at", "60,50",
                   "--out", str(out), "--user", "custodian", "--stdin-secrets", home=cli_home,
                   stdin=f"{password('custodian')}\n{seal_token.user_pin}\n")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["memo-0-已签章.pdf", "memo-1-已签章.pdf"]
