"""Locking after the last seal of a request (issue 19), judged by our verify, pyHanko and poppler's pdfsig."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pymupdf
import pytest

from sealstation.errors import ChangesForbiddenError
from sealstation.model import Placement
from sealstation.station import StampRequestSpec
from support.pdf_edits import add_annotation, add_text, fill_field
from support.pdfs import make_pdf
from support.station_fixtures import approve, password, sign_plan

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "real"
FORM = CORPUS / "lo-odt-form-empty.pdf"


def pdfsig(path: Path) -> str:
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout


def pdfsig_blocks(path: Path) -> list[str]:
    """pdfsig's report, one block per signature."""
    return re.split(r"\nSignature #\d+:\n", pdfsig(path))[1:]


def stamp(station, pin, src: Path, out: Path, seal: str, at=(60.0, 50.0)):
    plan = station.stamping().plan_stamp(StampRequestSpec(src, seal, Placement(1, at), out))
    return plan, sign_plan(station, plan, out, pin, approve_first=False)


def test_the_last_seal_of_a_two_seal_request_locks(station, pin, tmp_path):
    """The first seal leaves the document open for the second; the second locks it: pyHanko's field lock with
    "no changes" on an approval signature (a certification cannot follow another signature)."""
    src = make_pdf(tmp_path / "contract.pdf")
    approve(station, src, ["official", "contract"])
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    plan, _ = stamp(station, pin, src, first, "official")
    assert plan.spec.lock is None or not plan.spec.lock.final
    after_first = station.audit().verify(first)
    assert after_first.valid and after_first.locked is None
    plan, _ = stamp(station, pin, first, second, "contract", at=(140.0, 50.0))
    assert plan.spec.lock.final and not plan.spec.lock.certify
    result = station.audit().verify(second)
    assert result.valid, [s.problem for s in result.signatures]
    assert (result.locked, result.locked_by, result.lock_broken) == ("no changes", "Seal-contract-1", False)
    assert result.to_json_dict()["locked"] == "no changes"
    blocks = pdfsig_blocks(second)
    assert len(blocks) == 2 and all("Signature is Valid" in b for b in blocks)
    assert "Total document signed" in blocks[1]
    # No further seal: refused when the next approval checks the document, before any password.
    with pytest.raises(ChangesForbiddenError) as refused:
        station.approving().check_document(second, ["finance"])
    assert refused.value.code == "document_locked" and "locked after its last seal" in refused.value.message


def test_an_edit_after_the_lock_is_not_valid(station, pin, tmp_path):
    """A one-seal request: the seal is a certification with "no changes" (every checking viewer honours it). An
    annotation or a line of text added afterwards (incremental updates) is NOT VALID with the lock as the reason; a
    file rewritten by qpdf breaks the seal itself, also named. pdfsig checks no locks: for the incremental edits it says
    only that the seal no longer covers the whole document; for qpdf's rewrite that the digest no longer matches."""
    src = make_pdf(tmp_path / "letter.pdf")
    approve(station, src, ["official"])
    out = tmp_path / "stamped.pdf"
    plan, _ = stamp(station, pin, src, out, "official")
    assert plan.spec.lock.final and plan.spec.lock.certify
    assert station.audit().verify(out).locked == "no changes"
    for edited in (add_annotation(out, tmp_path / "annotated.pdf"), add_text(out, tmp_path / "text.pdf")):
        result = station.audit().verify(edited)
        assert not result.valid and result.lock_broken, edited.name
        problem = result.signatures[-1].problem
        assert "locked after the last seal" in problem and "no changes allowed" in problem, problem
        block = pdfsig_blocks(edited)[0]
        assert "Signature is Valid" in block and "Not total document signed" in block
    rewritten = tmp_path / "qpdf.pdf"
    subprocess.run(["qpdf", "--object-streams=generate", str(out), str(rewritten)], check=False)
    result = station.audit().verify(rewritten)
    assert not result.valid and "locked after the last seal" in result.signatures[-1].problem
    assert "Signature is Valid" not in pdfsig(rewritten)


def test_verify_on_the_command_line_says_locked(cli_home, seal_token, tmp_path):
    """`sealstation approve --fillable`, then `verify` (text and JSON) says how the last seal locked the form."""
    from support.cli import run_cli, stamp_cli

    src = tmp_path / "form.pdf"
    src.write_bytes(FORM.read_bytes())
    proc = run_cli("approve", str(src), "--seal", "contract", "--copies", "1", "--approver", "gm", "--purpose",
                   "空白表格", "--fillable", "--stdin-secrets", home=cli_home, stdin=password("gm") + "\n")
    assert proc.returncode == 0 and "fillable form" in proc.stdout, proc.stderr
    out = tmp_path / "stamped.pdf"
    proc = stamp_cli(cli_home, src, out, "contract", seal_token.user_pin, at="150,250")
    assert proc.returncode == 0 and "locked: the request's last seal (only form filling allowed)" in proc.stdout
    proc = run_cli("verify", str(out), home=cli_home)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    said = "Locked after the last seal by Seal-contract-1 (only form filling allowed), and the lock holds."
    assert said in proc.stdout
    report = json.loads(run_cli("verify", str(out), "--json", home=cli_home).stdout)
    assert (report["locked"], report["locked_by"], report["lock_broken"]) == ("form filling", "Seal-contract-1", False)
    edited = add_annotation(out, tmp_path / "annotated.pdf")
    proc = run_cli("verify", str(edited), home=cli_home)
    assert proc.returncode == 1 and "the lock is BROKEN" in proc.stdout and "locked after the last seal" in proc.stdout


def test_a_fillable_form_can_be_filled_after_the_lock(station, pin, tmp_path):
    """Approved as fillable (signed into the approval), the last seal locks for form filling only: a field filled
    afterwards keeps the seal valid (our verify, pdfsig); an annotation still breaks it."""
    src = tmp_path / "form.pdf"
    src.write_bytes(FORM.read_bytes())
    name = next(w.field_name for w in pymupdf.open(src)[0].widgets() if w.field_type == pymupdf.PDF_WIDGET_TYPE_TEXT)
    station.approving().approve(src, seals=["official"], copies=1, approver="gm", password=password("gm"),
                                purpose="空白表格", fillable=True)
    out = tmp_path / "form-stamped.pdf"
    plan, _ = stamp(station, pin, src, out, "official", at=(150.0, 250.0))
    assert plan.spec.lock.level.name == "FORM_FILLING"
    assert station.audit().verify(out).locked == "form filling"
    filled = fill_field(out, tmp_path / "filled.pdf", name, "张三")
    result = station.audit().verify(filled)
    assert result.valid and not result.lock_broken, [s.problem for s in result.signatures]
    assert result.signatures[-1].changed_after == "form filling"
    assert "Signature is Valid" in pdfsig_blocks(filled)[0]
    broken = station.audit().verify(add_annotation(filled, tmp_path / "annotated.pdf"))
    assert not broken.valid and "locked after the last seal" in broken.signatures[-1].problem


def test_a_fillable_approval_is_signed(station, tmp_path):
    """The flag is in the bytes the approver signs, so a row cannot turn it on or off."""
    import json

    src = make_pdf(tmp_path / "blank.pdf")
    request = station.approving().approve(src, seals=["official"], copies=1, approver="gm", password=password("gm"),
                                          purpose="空白表格", fillable=True).request
    payload = json.loads(station.requests.approval_of(request.id).signed_payload)
    assert payload["fillable"] is True
    plain = approve(station, make_pdf(tmp_path / "plain.pdf", text="other"), ["official"])
    assert "fillable" not in json.loads(station.requests.approval_of(plain.id).signed_payload)


def test_the_lock_follows_the_request_the_gate_chose(station, pin, tmp_path):
    """Planning finds the latest request (two seals: not the last one, no lock); the custodian stamps under the other
    (one seal: its last): the revision is prepared again with the lock before the PIN is used."""
    src = make_pdf(tmp_path / "doc.pdf")
    only = approve(station, src, ["official"])
    approve(station, src, ["official", "contract"])
    out = tmp_path / "out.pdf"
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (60.0, 50.0)), out))
    assert plan.spec.lock is None or not plan.spec.lock.final
    auth = station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"),
                                              request_id=only.id)
    station.stamping().stamp(auth, out, pin=pin)
    assert station.audit().verify(out).locked == "no changes"


def test_only_a_signed_true_makes_a_form_fillable():
    from types import SimpleNamespace

    from sealstation.approval.signed import approval_fillable
    from sealstation.pdf.locking import LockLevel, lock_for

    assert approval_fillable(SimpleNamespace(signed_payload='{"fillable": true}'))
    for payload in ('{"fillable": "yes"}', '{"fillable": 1}', "{}", "[true]", "not json", None):
        assert not approval_fillable(SimpleNamespace(signed_payload=payload)), payload
    assert not approval_fillable(None)
    assert not lock_for(last=False, fillable=True, signed_before=False).final
    assert lock_for(last=True, fillable=False, signed_before=False).certify
    after = lock_for(last=True, fillable=True, signed_before=True)
    assert not after.certify and after.level == LockLevel.FORM_FILLING
