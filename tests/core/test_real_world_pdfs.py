"""Each class of real-world PDF trouble: stamped right, or refused at approval in words, never after the PIN.

The files are the hand-made cases of tests/corpus/handmade/ (made by
tests/corpus/make_handmade.py), one or more per class; the whole corpus runs
in tests/corpus/. Here each class gets the assertions that name it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sealstation.errors import (
    ChangesForbiddenError,
    DamagedPdfError,
    EncryptedPdfError,
    NotAPdfError,
    PlacementError,
    UnsupportedPdfError,
)
from sealstation.model import Placement
from sealstation.station import StampRequestSpec
from support.corpus import CORPUS
from support.cli import approve_cli, run_cli, stamp_cli
from support.station_fixtures import approve, password

HANDMADE = CORPUS / "handmade"


def copy(name: str, tmp_path: Path) -> Path:
    dst = tmp_path / name
    shutil.copy(HANDMADE / name, dst)
    return dst


def stamp(station, pin, src: Path, out: Path, at=(105.0, 200.0)):
    approve(station, src, ["official"])
    plan = station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, at), out, "测试"))
    auth = station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
    return station.stamping().stamp(auth, out, pin=pin)


def pdfsig_verdicts(path: Path) -> list[str]:
    proc = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60)
    return re.findall(r"Signature Validation: (.*)", proc.stdout)


def assert_ours_valid(station, out: Path):
    report = station.audit().verify(out)
    ours = report.signatures[-1]
    assert ours.seal == "official" and ours.intact and ours.valid and ours.trusted and ours.covers_whole_file
    assert pdfsig_verdicts(out)[-1].startswith("Signature is Valid")
    return report


# -- stamped ------------------------------------------------------------------

@pytest.mark.parametrize("name", ["hybrid-xref-word.pdf", "hybrid-xref-updated.pdf", "hybrid-xref-update-hybrid.pdf"])
def test_word_hybrid_reference_files_are_stamped(station, pin, tmp_path, name):
    out = tmp_path / "out.pdf"
    stamp(station, pin, copy(name, tmp_path), out)
    assert_ours_valid(station, out)


def test_hybrid_file_keeps_its_earlier_signature(station, pin, tmp_path):
    src = copy("hybrid-xref-signed.pdf", tmp_path)
    before = pdfsig_verdicts(src)
    out = tmp_path / "out.pdf"
    stamp(station, pin, src, out)
    report = assert_ours_valid(station, out)
    assert len(report.signatures) == 2 and report.signatures[0].intact and report.signatures[0].valid
    assert pdfsig_verdicts(out)[0] == before[0]


@pytest.mark.parametrize("name", ["indirect-annots-array.pdf", "indirect-annots-kids-rect-mediabox.pdf",
                                  "indirect-annots-mediabox-elements.pdf"])
def test_indirect_arrays_and_dictionaries(station, pin, tmp_path, name):
    out = tmp_path / "out.pdf"
    stamp(station, pin, copy(name, tmp_path), out)
    assert_ours_valid(station, out)


@pytest.mark.parametrize("name", ["xmp-latin1.pdf", "xmp-gbk.pdf", "xmp-garbage.pdf"])
def test_metadata_that_is_not_utf8_is_left_alone(station, pin, tmp_path, name):
    import pymupdf

    src = copy(name, tmp_path)
    out = tmp_path / "out.pdf"
    stamp(station, pin, src, out)
    assert_ours_valid(station, out)
    with pymupdf.open(src) as a, pymupdf.open(out) as b:
        assert a.xref_get_key(a.pdf_catalog(), "Metadata") == b.xref_get_key(b.pdf_catalog(), "Metadata")
        xref = int(a.xref_get_key(a.pdf_catalog(), "Metadata")[1].split()[0])
        assert a.xref_stream_raw(xref) == b.xref_stream_raw(xref)


@pytest.mark.parametrize("name", ["owner-only-aes256-all.pdf", "owner-only-rc4-40.pdf", "owner-only-aes128-annotate.pdf"])
def test_owner_password_only_files_are_stamped_and_stay_encrypted(station, pin, tmp_path, name):
    out = tmp_path / "out.pdf"
    stamp(station, pin, copy(name, tmp_path), out)
    assert_ours_valid(station, out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"Encrypted:\s+yes", info)


def test_document_timestamp_checked_as_a_timestamp(station, pin, tmp_path):
    out = tmp_path / "out.pdf"
    stamp(station, pin, copy("lta-doctimestamp.pdf", tmp_path), out)
    report = assert_ours_valid(station, out)
    kinds = [s.type for s in report.signatures]
    assert kinds == ["signature", "timestamp", "signature"]
    assert report.signatures[1].intact and report.signatures[1].valid


@pytest.mark.parametrize("name", ["cms-encapsulated-detached.pdf", "cms-encapsulated-sha1.pdf"])
def test_an_odd_foreign_signature_fails_alone(station, pin, tmp_path, name):
    out = tmp_path / "out.pdf"
    stamp(station, pin, copy(name, tmp_path), out)
    report = assert_ours_valid(station, out)
    foreign = report.signatures[0]
    assert not foreign.ok and foreign.problem
    assert report.valid is False  # one signature fails: the file as a whole is not VALID
    assert report.signatures[-1].ok


def test_a_broken_earlier_signature_is_named_at_approval(station, pin, tmp_path):
    src = copy("broken-earlier-sig.pdf", tmp_path)
    checked = station.approving().check_document(src)
    (warning,) = checked.warnings
    assert "already broken" in warning
    result = station.approving().approve(checked, seals=["official"], copies=1, approver="gm", password=password("gm"))
    assert result.warnings == checked.warnings


def test_form_values_still_show_after_the_stamp(station, pin, tmp_path):
    import pymupdf

    out = tmp_path / "out.pdf"
    stamp(station, pin, copy("needappearances.pdf", tmp_path), out)
    assert_ours_valid(station, out)
    with pymupdf.open(out) as doc:  # every text field now carries an appearance of its own
        for widget in doc[0].widgets():
            if widget.field_type == pymupdf.PDF_WIDGET_TYPE_TEXT:
                assert doc.xref_get_key(widget.xref, "AP")[0] == "dict", widget.field_name
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "Jane Example" in text and "München" in text


@pytest.mark.parametrize("name", ["certified-fill-forms.pdf", "certified-annotate.pdf", "pagetree-deep-200.pdf",
                                  "gen65536.pdf", "xrefstm-reused.pdf"])
def test_readable_oddities_are_stamped(station, pin, tmp_path, name):
    out = tmp_path / "out.pdf"
    stamp(station, pin, copy(name, tmp_path), out)
    assert_ours_valid(station, out)


# -- refused at approval, in words ---------------------------------------------

REFUSALS = [
    ("brotli-content.pdf", UnsupportedPdfError, r"compression BrotliDecode \(object \d+\)"),
    ("brotli-unknown-filter.pdf", UnsupportedPdfError, r"compression FooDecode"),
    ("brotli-image-filter-array.pdf", UnsupportedPdfError, r"compression BrotliDecode"),
    ("pagetree-cycle.pdf", DamagedPdfError, r"loops back on itself"),
    ("pagetree-count-huge.pdf", DamagedPdfError, r"claims 9999999999 page\(s\) but holds 1"),
    ("pagetree-count-mismatch.pdf", DamagedPdfError, r"claims 3 page\(s\) but holds 2"),
    ("pagetree-empty.pdf", DamagedPdfError, r"has no pages"),
    ("pagetree-no-type.pdf", DamagedPdfError, r"has no /Type entry"),
    ("pagetree-no-count.pdf", DamagedPdfError, r"claims None page\(s\)"),
    ("pagetree-kid-nondict.pdf", DamagedPdfError, r"is not a page"),
    ("pagetree-deep-5000.pdf", DamagedPdfError, r"nested more than 256 levels"),
    ("certified-no-changes.pdf", ChangesForbiddenError, r"certified by its author with 'no changes allowed'"),
    ("owner-only-aes256-no-changes.pdf", ChangesForbiddenError, r"owner of .* forbids changes"),
    ("owner-only-aes128-form-only.pdf", ChangesForbiddenError, r"owner of .* forbids changes"),
    ("user-password.pdf", EncryptedPdfError, r"needs a password to open"),
    ("header-offset.pdf", UnsupportedPdfError, r"200 byte\(s\) of other data before its PDF header"),
    ("damaged-empty.pdf", NotAPdfError, r"is empty \(0 bytes\)"),
    ("damaged-truncated.pdf", DamagedPdfError, r"truncated"),
    ("damaged-garbage.pdf", DamagedPdfError, r"damaged"),
    ("damaged-xref-offsets.pdf", DamagedPdfError, r"damaged"),
]
PYTHON_TEXT = re.compile(r"Error\b|object has no attribute|not iterable|IndirectObject|codec|recursion|: '/\w+'")


@pytest.mark.parametrize("name,error,words", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_refused_at_approval_with_the_reason_in_words(station, tmp_path, name, error, words):
    src = copy(name, tmp_path)
    with pytest.raises(error, match=words) as err:
        station.approving().approve(src, seals=["official"], copies=1, approver="gm", password=password("gm"))
    assert not PYTHON_TEXT.search(str(err.value)), str(err.value)
    assert "token" not in str(err.value).lower()
    assert station.requests.list() == []  # nothing approved, nothing half-made


def test_a_page_too_small_for_the_seal_says_so(station, tmp_path):
    src = copy("tiny-page.pdf", tmp_path)
    approve(station, src, ["official"])
    with pytest.raises(PlacementError, match=r"Page 1 is too small for this seal: the page is 1\.4×1\.4 mm"):
        station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (0.7, 0.7)), tmp_path / "out.pdf"))


# -- never after the PIN -------------------------------------------------------

def test_cli_refuses_a_document_fault_before_asking_any_secret(cli_home, tmp_path):
    src = copy("pagetree-cycle.pdf", tmp_path)
    # No secrets on stdin: had a password or PIN been asked for first, the error would say so.
    proc = run_cli("stamp", str(src), "--seal", "official", "--page", "1", "--at", "100,120",
                   "--out", str(tmp_path / "out.pdf"), "--user", "custodian", "--stdin-secrets", home=cli_home)
    assert proc.returncode == 1
    assert "loops back on itself" in proc.stderr and "Standard input ended" not in proc.stderr
    assert "Traceback" not in proc.stderr and "token" not in proc.stderr.lower()
    proc = run_cli("approve", str(src), "--seal", "official", "--copies", "1", "--approver", "gm",
                   "--stdin-secrets", home=cli_home)
    assert proc.returncode == 1 and "loops back on itself" in proc.stderr
    assert "Standard input ended" not in proc.stderr


def test_cli_verify_reports_each_signature_and_exits_by_all_of_them(cli_home, seal_token, tmp_path):
    import json

    src = copy("cms-encapsulated-detached.pdf", tmp_path)
    out = tmp_path / "out.pdf"
    approve_cli(cli_home, src, "official")
    proc = stamp_cli(cli_home, src, out, "official", seal_token.user_pin, at="105,200")
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("verify", str(out), "--json", home=cli_home)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["valid"] is False
    assert report["signatures"][0]["ok"] is False and report["signatures"][0]["problem"]
    assert report["signatures"][-1]["ok"] is True and report["signatures"][-1]["seal"] == "official"


def test_a_large_document_with_a_broken_page_is_refused_where_the_seal_goes(station, tmp_path):
    """Beyond READ_ALL_UP_TO pages, approval reads the tree's interior and page 1; the page to stamp is read at planning."""
    import pymupdf

    from sealstation.pdf.pagetree import READ_ALL_UP_TO

    src = tmp_path / "long.pdf"
    doc = pymupdf.open()
    for i in range(READ_ALL_UP_TO + 50):
        doc.new_page().insert_text((72, 72), f"page {i + 1}")
    broken = doc.get_new_xref()
    doc.update_object(broken, "42")  # page 250 becomes a number, not a page
    kids = doc.xref_get_key(doc.page_xref(0), "Parent")[1].split()[0]
    refs = doc.xref_get_key(int(kids), "Kids")[1]
    parts = refs.strip("[]").split(" R")
    parts[249] = f" {broken} 0"
    doc.xref_set_key(int(kids), "Kids", "[" + " R".join(parts) + "]")
    doc.save(src)
    approve(station, src, ["official"])
    station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(1, (105.0, 148.0)), tmp_path / "a.pdf"))
    with pytest.raises(DamagedPdfError, match=r"object \d+ in its page list is not a page") as err:
        station.stamping().plan_stamp(StampRequestSpec(src, "official", Placement(250, (105.0, 148.0)), tmp_path / "b.pdf"))
    assert not PYTHON_TEXT.search(str(err.value))


def test_an_untrusted_earlier_signature_is_named_at_approval(station, tmp_path):
    src = copy("hybrid-xref-signed.pdf", tmp_path)
    warnings = station.approving().check_document(src).warnings
    assert any("not from a seal authority this station trusts" in w and "NOT VALID" in w for w in warnings)


def test_a_page_too_small_for_the_seal_is_named_at_approval(station, tmp_path):
    src = copy("tiny-page.pdf", tmp_path)
    (warning,) = station.approving().check_document(src, ["official"]).warnings
    assert "Page 1 of tiny-page.pdf (1.4×1.4 mm) is too small for seal 'official'" in warning
