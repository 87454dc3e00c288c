"""Placing by keyword, page sets and a form's own signature field, end to end on the SoftHSM2 token.

Judged by poppler: pdftoppm renders where the red seal landed, pdfsig says
the one signature is valid. The keyword's box is MuPDF's, the seal's place
poppler's: the two must agree on every page geometry (rotation, crop).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pymupdf
import pytest

from sealstation.errors import AnchorNotFoundError, PageSetError, PlacementError, SignatureFieldError
from sealstation.journal.journal import JournalKind
from sealstation.pdf.anchors import Anchor
from sealstation.pdf.document import read_source_pdf
from sealstation.pdf.page_sets import parse_page_set
from sealstation.pdf.placing import PlacementRule
from sealstation.station import StampRequestSpec
from support.keyword_pdfs import make_contract, with_empty_field
from support.render import red_mask, render_page, seal_center_mm
from support.station_fixtures import approve, sign_plan

DPI = 100
def pdfsig(path: Path) -> str:
    proc = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def _plan(station, src: Path, out: Path, rule: PlacementRule, seal: str = "official"):
    return station.stamping().plan_stamp(StampRequestSpec(src, seal, rule, out, "测试用印"))


def _red_pages(path: Path, pages: int) -> list[int]:
    return [n for n in range(1, pages + 1) if red_mask(render_page(path, n, 40)).getbbox() is not None]


# -- page sets, without a document ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, pages", [
    ("1-3,-1", (1, 2, 3, 7)), ("all", tuple(range(1, 8))), ("odd", (1, 3, 5, 7)), ("even", (2, 4, 6)),
    ("last", (7,)), ("-2--1", (6, 7)), ("2, 2, 5", (2, 5)), ("本页", (4,)), ("首页，末页", (1, 7)),
])
def test_page_sets_read_as_offices_write_them(text, pages):
    assert parse_page_set(text).pages(7, this=4) == pages


@pytest.mark.parametrize("text, code", [("1-x", "page_set_invalid"), ("0", "page_set_invalid"), ("", "page_set_invalid"),
                                        ("3-1", "page_set_invalid"), ("9", "page_set_out_of_range"),
                                        ("1,-8", "page_set_out_of_range")])
def test_bad_page_sets_are_refused_with_the_reason(text, code):
    with pytest.raises(PageSetError) as caught:
        parse_page_set(text).pages(7)
    assert caught.value.code == code


# -- keywords --------------------------------------------------------------------------------------------------

def test_keyword_boxes_are_in_the_placement_convention_on_rotated_cropped_pages(tmp_path):
    """MuPDF's box of 甲方（盖章） equals the displayed box PyMuPDF itself computes for the rotated page."""
    src = make_contract(tmp_path / "c.pdf", rotate=90, crop=(20, 30, 580, 800))
    source = read_source_pdf(src)
    from sealstation.pdf.anchors import find_text

    (match,) = find_text(source, "甲方（盖章）")
    with pymupdf.open(src) as doc:
        page = doc[0]
        (hit,) = page.search_for("甲方（盖章）")
        shown = hit * page.rotation_matrix
    mm = 25.4 / 72
    assert match.page == 1
    assert match.box_mm.x0 == pytest.approx(shown.x0 * mm, abs=0.05)
    assert match.box_mm.y1 == pytest.approx(shown.y1 * mm, abs=0.05)
    # typed with ASCII brackets, found as the page shows it
    assert find_text(source, "甲方(盖章)") == (match,)


def test_keyword_boxes_with_a_user_unit_and_the_phrases_offered(tmp_path):
    """/UserUnit 2 (MuPDF reports points, the frame counts user units): the box is where PyMuPDF shows it; the
    phrases that mark a place for a seal are offered as the page shows them."""
    from sealstation.pdf.anchors import find_text, seal_phrases

    src = make_contract(tmp_path / "c.pdf")
    with pymupdf.open(src) as doc:
        doc.xref_set_key(doc[0].xref, "UserUnit", "2")
        doc.save(tmp_path / "uu.pdf")
    with pymupdf.open(tmp_path / "uu.pdf") as doc:
        (hit,) = doc[0].search_for("甲方（盖章）")
    (match,) = find_text(read_source_pdf(tmp_path / "uu.pdf"), "甲方（盖章）")
    assert match.box_mm.x0 == pytest.approx(hit.x0 * 25.4 / 72, abs=0.05)
    assert match.box_mm.y0 == pytest.approx(hit.y0 * 25.4 / 72, abs=0.05)
    assert seal_phrases(read_source_pdf(src)) == ("甲方（盖章）", "乙方（盖章）")


def test_seal_lands_centred_on_the_keyword_of_a_rotated_page(station, pin, tmp_path, artifacts):
    src = make_contract(tmp_path / "contract.pdf", pages=2, rotate=90, last_only=True)
    out = tmp_path / "stamped.pdf"
    plan = _plan(station, src, out, PlacementRule(anchor=Anchor("甲方（盖章）")))
    assert plan.box.placement.page == 2 and not plan.repeats
    sign_plan(station, plan, out, pin)
    img = render_page(out, 2, DPI)
    img.save(artifacts / "keyword-rotated.png")
    (match,) = station.stamping().find_keyword(src, "甲方（盖章）")
    cx, cy = seal_center_mm(img, DPI)
    kx, ky = match.center_mm
    assert abs(cx - kx) <= 1.0 and abs(cy - ky) <= 1.0, ((cx, cy), (kx, ky))
    assert len(re.findall("Signature is Valid", pdfsig(out))) == 1


def test_every_match_with_an_offset_is_one_signature(station, pin, tmp_path, artifacts):
    src = make_contract(tmp_path / "contract.pdf")
    out = tmp_path / "stamped.pdf"
    plan = _plan(station, src, out, PlacementRule(anchor=Anchor("盖章", match="all", offset_mm=(10, -5))))
    matches = station.stamping().find_keyword(src, "盖章")
    assert len(matches) == 2 and len(plan.repeats) == 1
    assert plan.box.placement.center_mm == pytest.approx((matches[0].center_mm[0] + 10, matches[0].center_mm[1] - 5))
    sign_plan(station, plan, out, pin)
    img = render_page(out, 1, DPI)
    img.save(artifacts / "keyword-all-matches.png")
    mask = red_mask(img)
    half = DPI * 105 / 25.4  # the page's middle: one seal each side
    assert mask.crop((0, 0, int(half), mask.height)).getbbox() and mask.crop((int(half), 0, mask.width, mask.height)).getbbox()
    assert len(re.findall("Signature is Valid", pdfsig(out))) == 1
    assert station.audit().verify(out).valid


def test_last_match_on_pages_searched(station, tmp_path):
    src = make_contract(tmp_path / "contract.pdf", pages=3)
    plan = _plan(station, src, tmp_path / "o.pdf", PlacementRule(anchor=Anchor("乙方（盖章）", match="last")))
    assert plan.box.placement.page == 3
    plan = _plan(station, src, tmp_path / "o.pdf",
                 PlacementRule(anchor=Anchor("乙方（盖章）"), pages=parse_page_set("2")))
    assert plan.box.placement.page == 2


def test_keyword_found_nowhere_is_refused_at_planning_in_words(station, tmp_path):
    from ui.error_words import words

    src = make_contract(tmp_path / "contract.pdf")
    with pytest.raises(AnchorNotFoundError) as caught:
        _plan(station, src, tmp_path / "o.pdf", PlacementRule(anchor=Anchor("丙方（盖章）")))
    assert caught.value.facts["text"] == "丙方（盖章）"
    what, todo = words(caught.value)
    assert "丙方（盖章）" in what and todo


# -- page sets on a document ---------------------------------------------------------------------------------------

def test_page_set_is_one_signature_with_the_seal_on_each_page(station, pin, tmp_path, artifacts):
    src = make_contract(tmp_path / "contract.pdf", pages=4)
    out = tmp_path / "stamped.pdf"
    plan = _plan(station, src, out, PlacementRule(at_mm=(150, 230), pages=parse_page_set("1-2,-1")))
    assert [b.placement.page for b in (plan.box, *plan.repeats)] == [1, 2, 4]
    sign_plan(station, plan, out, pin)
    assert _red_pages(out, 4) == [1, 2, 4]
    for page in (2, 4):
        cx, cy = seal_center_mm(render_page(out, page, DPI), DPI)
        assert abs(cx - 150) <= 0.6 and abs(cy - 230) <= 0.6
    render_page(out, 4, DPI).save(artifacts / "page-set-last.png")
    report = pdfsig(out)
    assert len(re.findall("Signature is Valid", report)) == 1 and "Signature #2" not in report
    checked = station.audit().verify(out)
    assert checked.valid and checked.signatures[0].placement.page == 1
    assert checked.signatures[0].also_on_pages == (2, 4)  # verify lists where the one signature's seal is
    (done,) = [e for e in station.journal.entries() if e.kind == JournalKind.STAMP_DONE]
    assert done.data["also_on"] == [[2, 150.0, 230.0], [4, 150.0, 230.0]]


def test_page_set_beyond_the_document_is_refused_at_planning(station, tmp_path):
    from ui.error_words import words

    src = make_contract(tmp_path / "contract.pdf", pages=3)
    with pytest.raises(PageSetError) as caught:
        _plan(station, src, tmp_path / "o.pdf", PlacementRule(at_mm=(150, 230), pages=parse_page_set("2-5")))
    assert caught.value.code == "page_set_out_of_range" and caught.value.facts["pages"] == 3
    what, _todo = words(caught.value)
    assert "5" in what and "3" in what


# -- an empty signature field ---------------------------------------------------------------------------------------

def test_the_forms_empty_signature_field_takes_the_seal(station, pin, tmp_path, artifacts):
    src = with_empty_field(make_contract(tmp_path / "c.pdf"), tmp_path / "form.pdf")
    (field,) = station.stamping().signature_fields(src)
    assert field.name == "盖章处" and not field.signed and field.page == 1
    out = tmp_path / "stamped.pdf"
    approve(station, src, ["official", "contract"])  # not the request's last seal: the form is not locked after it
    plan = _plan(station, src, out, PlacementRule(field="盖章处"))
    assert plan.field_name == "盖章处"
    sign_plan(station, plan, out, pin, approve_first=False)
    img = render_page(out, 1, DPI)
    img.save(artifacts / "signature-field.png")
    cx, cy = seal_center_mm(img, DPI)
    fx, fy = field.box_mm.center
    assert abs(cx - fx) <= 0.6 and abs(cy - fy) <= 0.6
    report = pdfsig(out)
    assert len(re.findall("Signature is Valid", report)) == 1
    result = station.audit().verify(out)
    assert result.valid and [s.field for s in result.signatures] == ["盖章处"]
    (after,) = station.stamping().signature_fields(out)
    assert after.signed
    with pytest.raises(SignatureFieldError) as caught:
        _plan(station, out, tmp_path / "again.pdf", PlacementRule(field="盖章处"))
    assert caught.value.code == "field_signed"
    with pytest.raises(SignatureFieldError) as caught:
        _plan(station, src, tmp_path / "again.pdf", PlacementRule(field="签章"))
    assert caught.value.code == "field_missing" and "盖章处" in caught.value.facts["fields"]


def test_page_set_on_a_document_already_stamped_is_refused_at_planning(station, pin, tmp_path):
    """Seals repeated into the pages of a signed document would break its signature: refused, in words, before any
    secret; the same page set on the unsigned document, then a single seal on its output, keeps both valid."""
    from support.station_fixtures import approve
    from ui.error_words import words

    src = make_contract(tmp_path / "contract.pdf", pages=3)
    approve(station, src, ["official", "contract"], approver="gm")
    first = tmp_path / "first.pdf"
    plan = _plan(station, src, first, PlacementRule(at_mm=(60, 230), page=3), seal="official")
    sign_plan(station, plan, first, pin, approve_first=False)
    every_page = PlacementRule(at_mm=(150, 230), pages=parse_page_set("all"))
    with pytest.raises(PlacementError) as caught:
        _plan(station, first, tmp_path / "second.pdf", every_page, seal="contract")
    assert caught.value.code == "repeats_on_signed"
    assert "first.pdf" in words(caught.value)[0]

    src2 = make_contract(tmp_path / "contract2.pdf", pages=3)
    approve(station, src2, ["official", "contract"], approver="gm")
    first2 = tmp_path / "first2.pdf"
    plan = _plan(station, src2, first2, every_page, seal="contract")
    sign_plan(station, plan, first2, pin, approve_first=False)
    out = tmp_path / "second.pdf"
    plan = _plan(station, first2, out, PlacementRule(at_mm=(60, 230), page=3), seal="official")
    sign_plan(station, plan, out, pin, approve_first=False)
    assert pdfsig(out).count("Signature is Valid") == 2
    assert station.audit().verify(out).valid


def test_two_fields_of_a_form_each_take_a_seal(station, pin, tmp_path):
    """甲方 and 乙方 fields: the first seal into one, the second into the other on its output; both stay valid."""
    from support.station_fixtures import approve

    form = with_empty_field(make_contract(tmp_path / "c.pdf"), tmp_path / "one.pdf", "甲方盖章处", (80, 150, 200, 270))
    form = with_empty_field(form, tmp_path / "two.pdf", "乙方盖章处", (330, 150, 450, 270))
    form = with_empty_field(form, tmp_path / "form.pdf", "经办人", (330, 400, 390, 460))  # 21 mm: smaller than a seal
    approve(station, form, ["official", "contract"], approver="gm")
    first, out = tmp_path / "first.pdf", tmp_path / "second.pdf"
    sign_plan(station, _plan(station, form, first, PlacementRule(field="甲方盖章处"), seal="official"), first, pin,
              approve_first=False)
    sign_plan(station, _plan(station, first, out, PlacementRule(field="乙方盖章处"), seal="contract"), out, pin,
              approve_first=False)
    assert pdfsig(out).count("Signature is Valid") == 2
    result = station.audit().verify(out)
    assert result.valid and [s.field for s in result.signatures] == ["甲方盖章处", "乙方盖章处"]
    field = next(f for f in station.stamping().signature_fields(form) if f.name == "乙方盖章处")
    mask = red_mask(render_page(out, 1, DPI)).crop((int(100 / 25.4 * DPI), 0, int(210 / 25.4 * DPI), 1200))
    x0, y0, x1, y1 = mask.getbbox()  # the right half of the page: the second seal only
    cx, cy = (x0 + x1) / 2 * 25.4 / DPI + 100, (y0 + y1) / 2 * 25.4 / DPI
    assert (cx, cy) == pytest.approx(field.box_mm.center, abs=0.6)
    with pytest.raises(SignatureFieldError) as caught:
        _plan(station, out, tmp_path / "third.pdf", PlacementRule(field="经办人"))
    assert caught.value.code == "field_too_small"


def test_keyword_on_a_libreoffice_cjk_document(station, pin, tmp_path, artifacts):
    """The corpus's LibreOffice contract (.docx → PDF, CJK): the seal centred on the last 盖章 of page 2."""
    import shutil

    src = shutil.copy(Path(__file__).resolve().parents[1] / "corpus" / "real" / "lo-docx-cjk.pdf", tmp_path / "lo.pdf")
    src = Path(src)
    rule = PlacementRule(anchor=Anchor("盖章", match="last"), pages=parse_page_set("2"))
    out = tmp_path / "stamped.pdf"
    plan = _plan(station, src, out, rule)
    matches = station.stamping().find_keyword(src, "盖章", parse_page_set("2"))
    with pymupdf.open(src) as doc:
        assert len(matches) == len(doc[1].search_for("盖章")) >= 2
    assert plan.box.placement.page == 2
    assert plan.box.placement.center_mm == pytest.approx(matches[-1].center_mm)
    sign_plan(station, plan, out, pin)
    img = render_page(out, 2, DPI)
    img.save(artifacts / "keyword-libreoffice.png")
    cx, cy = seal_center_mm(img, DPI)
    assert (cx, cy) == pytest.approx(matches[-1].center_mm, abs=0.8)
    assert pdfsig(out).count("Signature is Valid") == 1
