"""Attack: a document that does more than its pages show (JavaScript, Launch, attachments) gets stamped unnoticed."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf

from support.cli import run_cli
from support.station_fixtures import approve, password, stamp_approved


def pdf_with_open_script(path: Path) -> Path:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "An ordinary-looking letter.")
    action = doc.get_new_xref()
    doc.update_object(action, "<</S/JavaScript/JS(this.getField('amount').value = '1000000';)>>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{action} 0 R")
    doc.embfile_add("payload.txt", b"attached")
    doc.save(path)
    return path


def test_named_at_approval(station, tmp_path):
    src = pdf_with_open_script(tmp_path / "letter.pdf")
    checked = station.approving().check_document(src)
    assert any("runs when the document is opened (JavaScript)" in w for w in checked.warnings)
    assert any("attached files" in w for w in checked.warnings)
    result = station.approving().approve(checked, seals=["official"], copies=1, approver="gm", password=password("gm"))
    assert result.warnings == checked.warnings


def test_named_by_verify(station, pin, cli_home, tmp_path):
    out = tmp_path / "out.pdf"
    stamp_approved(station, pin, pdf_with_open_script(tmp_path / "letter.pdf"), out)
    proc = run_cli("verify", str(out), "--json", home=cli_home)
    report = json.loads(proc.stdout)
    assert any("JavaScript" in a for a in report["active_content"])
    text = run_cli("verify", str(out), home=cli_home).stdout
    assert "Note: the document contains an action that runs when the document is opened" in text


def test_plain_documents_have_none(station, tmp_path):
    from support.pdfs import make_pdf

    assert station.approving().check_document(make_pdf(tmp_path / "plain.pdf")).warnings == ()
    approve(station, make_pdf(tmp_path / "plain2.pdf"), ["official"])
