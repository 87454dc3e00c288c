"""The cross-page seal (骑缝章) end to end on the SoftHSM2 token, judged by poppler (pdfsig, pdftoppm)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from sealstation.errors import ApprovalError, PlacementError
from sealstation.model import Placement
from sealstation.desks.stamping import StampRequestSpec
from sealstation.pdf.cross_page import MIN_STRIP_MM, CrossPageSpec, page_groups
from support.pdfs import A4, PageCase, make_pdf
from support.render import MM_PER_INCH, red_mask, render_page
from support.station_fixtures import approve, password, stamp_approved

DPI = 60
SEAL = "contract"
CROSS = "contract+cross-page"


def pdfsig(path: Path) -> str:
    proc = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True)
    return proc.stdout + proc.stderr


def plan(station, src: Path, out: Path, *, edge="right", at=None, page=1, centre=(60.0, 50.0)):
    return station.stamping().plan_stamp(StampRequestSpec(src, SEAL, Placement(page, centre), out, "合同",
                                                          cross_page=CrossPageSpec(edge, at)))


def sign(station, the_plan, out: Path, pin: str):
    auth = station.stamping().authorise_stamp(the_plan, user="custodian", password=password("custodian"))
    return station.stamping().stamp(auth, out, pin=pin)


def red_box_mm(img, region_mm):
    """The bounding box (mm) of the red pixels inside ``region_mm`` of a page rendered at DPI."""
    k = DPI / MM_PER_INCH
    x0, y0, x1, y1 = (round(v * k) for v in region_mm)
    box = red_mask(img.crop((x0, y0, x1, y1))).getbbox()
    assert box is not None, f"no seal-red pixels in {region_mm} mm"
    return tuple(v / k for v in (box[0] + x0, box[1] + y0, box[2] + x0, box[3] + y0))


CASES = [PageCase("plain", A4), PageCase("crop-r90", A4, (40.0, 60.0, 540.0, 800.0), 90),
         PageCase("origin-r180", (200.0, -300.0, 795.0, 542.0), None, 180),
         PageCase("landscape-r270", (0.0, 0.0, 842.0, 595.0), None, 270),
         PageCase("crop", A4, (40.0, 60.0, 540.0, 800.0))]


def test_strips_on_every_page_at_the_edge_one_signature_pdfsig_valid(station, pin, tmp_path, artifacts):
    src = make_pdf(tmp_path / "contract.pdf", CASES)
    out = tmp_path / "stamped.pdf"
    approve(station, src, [CROSS])
    the_plan = plan(station, src, out, at=90.0)
    assert the_plan.cross_page.pages == (1, 2, 3, 4, 5) and the_plan.cross_page.groups == ((1, 2, 3, 4, 5),)
    sw, sh = the_plan.art.size_mm
    sign(station, the_plan, out, pin)
    report = pdfsig(out)
    assert len(re.findall(r"Signature Validation: Signature is Valid", report)) == 1, report
    assert "Total document signed" in report, report
    width = sw / 5
    for page, strip in enumerate(the_plan.cross_page.strips, start=1):
        img = render_page(out, page, DPI)
        img.save(artifacts / f"cross-page-p{page}.png")
        dw, dh = img.width * MM_PER_INCH / DPI, img.height * MM_PER_INCH / DPI
        x0, y0, x1, y1 = red_box_mm(img, (dw - 30, 0, dw, dh))
        assert x1 == pytest.approx(dw, abs=1.0), (page, x1, dw)  # flush with the displayed right edge
        assert x1 - x0 == pytest.approx(width, abs=1.2), (page, x0, x1)  # one strip, not the seal
        assert (y0 + y1) / 2 == pytest.approx(90.0, abs=1.5) and y1 - y0 <= sh + 1.5, (page, y0, y1)
        if page == 3:  # the middle strip of a round seal is as tall as the seal
            assert y1 - y0 == pytest.approx(sh, abs=2.5), (page, y0, y1)
    result = station.audit().verify(out)
    assert result.valid, result
    (sig,) = result.signatures
    assert sig.cross_page_pages == (1, 2, 3, 4, 5) and sig.cross_page_of == 5


def test_left_top_bottom_edges(station, pin, tmp_path):
    src = make_pdf(tmp_path / "three.pdf", [PageCase("a", A4), PageCase("b", A4, rotate=90), PageCase("c", A4)])
    for edge in ("left", "top", "bottom"):
        out = tmp_path / f"{edge}.pdf"
        approve(station, src, [CROSS])
        the_plan = plan(station, src, out, edge=edge, page=1, centre=(100.0, 150.0))
        sign(station, the_plan, out, pin)
        sw, sh = the_plan.art.size_mm
        for page in (1, 2, 3):
            img = render_page(out, page, DPI)
            dw, dh = img.width * MM_PER_INCH / DPI, img.height * MM_PER_INCH / DPI
            if edge == "left":
                x0, y0, x1, y1 = red_box_mm(img, (0, 0, 30, dh))
                assert x0 == pytest.approx(0, abs=1.0) and x1 - x0 == pytest.approx(sw / 3, abs=1.2)
                assert (y0 + y1) / 2 == pytest.approx(dh / 2, abs=1.5)
            else:
                band = (0, 0, dw, 30) if edge == "top" else (0, dh - 30, dw, dh)
                x0, y0, x1, y1 = red_box_mm(img, band)
                assert y1 - y0 == pytest.approx(sh / 3, abs=1.2) and (x0 + x1) / 2 == pytest.approx(dw / 2, abs=1.5)
                assert (y0 if edge == "top" else dh - y1) == pytest.approx(0, abs=1.0)
        assert station.audit().verify(out).valid


def test_one_page_document_refused_at_planning_in_words(station, tmp_path):
    src = make_pdf(tmp_path / "one.pdf")
    with pytest.raises(PlacementError) as caught:
        plan(station, src, tmp_path / "out.pdf")
    assert caught.value.code == "cross_page_one_page"
    assert "one page" in caught.value.message and "two pages or more" in caught.value.message


def test_signed_document_refused_at_planning_in_words(station, pin, tmp_path):
    src = make_pdf(tmp_path / "two.pdf", [PageCase("a", A4), PageCase("b", A4)])
    signed = tmp_path / "signed.pdf"
    stamp_approved(station, pin, src, signed, seal="official", at=(150, 240))
    with pytest.raises(PlacementError) as caught:
        plan(station, signed, tmp_path / "out.pdf")
    assert caught.value.code == "cross_page_signed"
    assert "already carries a signature" in caught.value.message and "would break it" in caught.value.message
    assert "cross-page seal first" in caught.value.hint


def test_approval_must_name_the_cross_page_seal(station, pin, tmp_path):
    src = make_pdf(tmp_path / "two.pdf", [PageCase("a", A4), PageCase("b", A4)])
    approve(station, src, [SEAL])  # the seal, without 骑缝
    the_plan = plan(station, src, tmp_path / "out.pdf")
    with pytest.raises(ApprovalError) as caught:
        station.stamping().check_stamp_before_login(the_plan, user="custodian")
    assert caught.value.code in ("approval_missing", "approval_wrong_seal")
    assert "contract+cross-page" in caught.value.message


def test_page_swapped_or_removed_afterwards_is_detected(station, pin, tmp_path):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    src = make_pdf(tmp_path / "three.pdf", [PageCase("a", A4), PageCase("b", A4), PageCase("c", A4)])
    out = tmp_path / "stamped.pdf"
    approve(station, src, [CROSS])
    sign(station, plan(station, src, out), out, pin)
    assert station.audit().verify(out).valid

    # A later incremental update swaps page 2's content for another page's (made by pyHanko).
    with open(out, "rb") as f:
        w = IncrementalPdfFileWriter(f)
        page_ref, _ = w.find_page_for_modification(1)
        page = page_ref.get_object()
        page[generic.pdf_name("/Contents")] = w.add_object(generic.StreamObject(
            stream_data=b"BT /F1 24 Tf 72 700 Td (Another page 2) Tj ET"))
        w.update_container(page)
        swapped = tmp_path / "swapped.pdf"
        with open(swapped, "wb") as o:
            w.write(o)
    # ... and one that removes page 3 from the page tree.
    with open(out, "rb") as f:
        w = IncrementalPdfFileWriter(f)
        pages = w.root["/Pages"]
        pages["/Kids"] = generic.ArrayObject(list(pages["/Kids"])[:2])
        pages["/Count"] = generic.NumberObject(2)
        w.update_container(pages)
        removed = tmp_path / "removed.pdf"
        with open(removed, "wb") as o:
            w.write(o)
    for bad in (swapped, removed):
        result = station.audit().verify(bad)
        assert not result.valid
        (sig,) = result.signatures
        assert sig.problem and sig.intact and not sig.covers_whole_file and sig.changed_after == "other", sig
        assert "Not total document signed" in pdfsig(bad)  # poppler: the signature no longer covers the file
    # qpdf putting pages 2 and 3 in each other's place rewrites the file: the signature itself breaks.
    reordered = tmp_path / "reordered.pdf"
    subprocess.run(["qpdf", str(out), "--pages", str(out), "1,3,2", "--", str(reordered)], check=False,
                   capture_output=True, timeout=60)
    assert not station.audit().verify(reordered).valid
    assert "Signature is Valid" not in pdfsig(reordered)
    (sig,) = station.audit().verify(removed).signatures
    assert sig.cross_page_pages == (1, 2) and sig.cross_page_of == 3


def test_verify_looks_for_the_cross_page_mark_by_its_name():
    from sealstation.pdf import cross_page, verify

    assert verify.CROSS_PAGE_MARK == cross_page.CROSS_PAGE_MARK


def test_many_pages_are_grouped_with_strips_no_narrower_than_the_minimum(station, tmp_path):
    groups = page_groups(100, 8)  # a 42 mm seal: at most 8 strips of 5 mm
    assert len(groups) == 13 and sorted({len(g) for g in groups}) == [7, 8]
    assert [p for g in groups for p in g] == list(range(1, 101))  # consecutive, every page once
    assert page_groups(5, 8) == ((1, 2, 3, 4, 5),) and page_groups(9, 8) == ((1, 2, 3, 4, 5), (6, 7, 8, 9))
    src = make_pdf(tmp_path / "many.pdf", [PageCase(str(i), A4) for i in range(23)])
    the_plan = plan(station, src, tmp_path / "out.pdf")
    cp = the_plan.cross_page
    sw = the_plan.art.size_mm[0]
    assert sum(len(g) for g in cp.groups) == 23 and min(len(g) for g in cp.groups) >= 2
    assert max(len(g) for g in cp.groups) - min(len(g) for g in cp.groups) <= 1
    assert all(sw / s.pieces >= MIN_STRIP_MM - 1e-9 for s in cp.strips)
    assert [s.piece for s in cp.strips if s.group == 1] == list(range(len(cp.groups[0])))


def test_cli_cross_page_stamp_and_verify(cli_home, seal_token, tmp_path):
    from support.cli import approve_cli, run_cli

    src = make_pdf(tmp_path / "in.pdf", [PageCase("a", A4), PageCase("b", A4, rotate=90)])
    out = tmp_path / "out.pdf"
    one = make_pdf(tmp_path / "one.pdf")
    approve_cli(cli_home, src, CROSS)
    stamp = ("stamp", "--seal", SEAL, "--page", "1", "--at", "100,120", "--user", "custodian",
             "--cross-page", "right", "--cross-page-at", "148", "--stdin-secrets")
    # A one-page document is refused before the password is asked (nothing on stdin).
    proc = run_cli(*stamp[:1], str(one), *stamp[1:], "--out", str(tmp_path / "o1.pdf"), home=cli_home)
    assert proc.returncode == 1 and "has one page" in proc.stderr and "two pages or more" in proc.stderr
    proc = run_cli(*stamp[:1], str(src), *stamp[1:], "--out", str(out), home=cli_home,
                   stdin=f"{password('custodian')}\n{seal_token.user_pin}\n")
    assert proc.returncode == 0, proc.stderr
    assert "cross-page seal on the right edge of all 2 pages" in proc.stdout
    proc = run_cli("verify", str(out), home=cli_home)
    assert proc.returncode == 0 and "cross-page seal (骑缝章): strips on 2 of the 2 pages stamped (pages 1–2)" \
        in proc.stdout, proc.stdout
    help_text = run_cli("stamp", "--help", home=None).stdout
    assert "--cross-page EDGE" in help_text and "--cross-page-at MM" in help_text


def test_cross_page_first_then_another_seal_and_the_entry_is_used_up(station, pin, tmp_path):
    src = make_pdf(tmp_path / "two.pdf", [PageCase("a", A4), PageCase("b", A4)])
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    approve(station, src, [CROSS, "official"])
    sign(station, plan(station, src, first, centre=(60.0, 240.0)), first, pin)
    official = station.stamping().plan_stamp(StampRequestSpec(first, "official", Placement(2, (150.0, 240.0)), second))
    sign(station, official, second, pin)
    result = station.audit().verify(second)
    assert result.valid and [s.cross_page_pages for s in result.signatures] == [(1, 2), ()]
    assert len(re.findall(r"Signature Validation: Signature is Valid", pdfsig(second))) == 2
    again = plan(station, src, tmp_path / "again.pdf")
    with pytest.raises(ApprovalError) as caught:
        station.stamping().check_stamp_before_login(again, user="custodian")
    assert caught.value.code == "approval_used_up"
    (done,) = [e for e in station.journal.about_request(request_of(station, src)) if e.kind == "stamp_done"
               and e.data.get("approved_as") == CROSS]
    assert done.data["seal"] == SEAL and done.data["cross_page"]["pages"] == 2


def request_of(station, src: Path) -> str:
    from sealstation.fsutil import file_sha256

    return station.requests.covering(file_sha256(src)).id


def test_the_custodian_finds_it_in_the_work_queue(station, tmp_path):
    src = make_pdf(tmp_path / "two.pdf", [PageCase("a", A4), PageCase("b", A4)])
    approve(station, src, [CROSS])
    (item,) = [i for i in station.stamping().work_queue("custodian") if i.document_name == "two.pdf"]
    assert item.seals == (CROSS,) and item.due_next == CROSS and item.seal_kinds == ("contract",)


def test_a_request_received_for_the_seal_with_a_cross_page_seal_is_offered_to_the_approver(station, tmp_path):
    src = make_pdf(tmp_path / "two.pdf", [PageCase("a", A4), PageCase("b", A4)])
    request = station.approving().receive_request(src, seals=[CROSS], copies=1, purpose="合同", requester="clerk")
    (waiting,) = [w for w in station.approving().waiting_requests("gm") if w.request.id == request.id]
    assert waiting.offered == (CROSS,) and waiting.beyond == ()


def test_owner_password_and_form_documents(station, pin, tmp_path):
    """An owner-password-only file (the strips encrypted like the rest) and a form asking viewers to draw its fields."""
    import pymupdf

    enc = tmp_path / "enc.pdf"
    plain = make_pdf(tmp_path / "plain.pdf", [PageCase("a", A4), PageCase("b", A4, rotate=270)])
    subprocess.run(["qpdf", "--encrypt", "", "owner", "256", "--", str(plain), str(enc)], check=True, timeout=60)
    form = tmp_path / "form.pdf"
    doc = pymupdf.open(make_pdf(tmp_path / "plain2.pdf", [PageCase("a", A4), PageCase("b", A4)]))
    widget = pymupdf.Widget()
    widget.field_name, widget.field_type, widget.field_value = "name", pymupdf.PDF_WIDGET_TYPE_TEXT, "Alice"
    widget.rect = pymupdf.Rect(72, 200, 300, 230)
    doc[0].add_widget(widget)
    doc.xref_set_key(doc.pdf_catalog(), "AcroForm/NeedAppearances", "true")
    doc.save(form)
    doc.close()
    from sealstation.pdf.document import read_source_pdf

    assert read_source_pdf(form).need_appearances and read_source_pdf(enc).encrypted
    for src in (enc, form):
        out = tmp_path / f"{src.stem}-stamped.pdf"
        approve(station, src, [CROSS])
        sign(station, plan(station, src, out), out, pin)
        assert len(re.findall(r"Signature Validation: Signature is Valid", pdfsig(out))) == 1, src
        result = station.audit().verify(out)
        assert result.valid and result.signatures[0].cross_page_pages == (1, 2), src
        for page in (1, 2):
            img = render_page(out, page, DPI)
            dw = img.width * MM_PER_INCH / DPI
            red_box_mm(img, (dw - 12, 0, dw, img.height * MM_PER_INCH / DPI))


def test_strips_off_the_page_refused_and_the_seal_over_a_strip_warned(station, tmp_path):
    src = make_pdf(tmp_path / "two.pdf", [PageCase("a", A4), PageCase("b", A4)])
    with pytest.raises(PlacementError) as caught:
        plan(station, src, tmp_path / "out.pdf", at=5.0)  # a 40 mm seal centred 5 mm from the top
    assert caught.value.code == "cross_page_off_page" and caught.value.facts["page"] == 1
    assert "would leave page 1" in caught.value.message
    the_plan = plan(station, src, tmp_path / "out.pdf", at=100.0, centre=(185.0, 100.0))  # over page 1's strip
    assert any("covers the cross-page seal's strip on page 1" in w for w in the_plan.warnings)
