"""Each PDF of the corpus is stamped right, or refused clearly at approval.

Stamped means: the new seal is valid and trusted in our verify (and the
exit-code rule agrees), valid in poppler's pdfsig, earlier signatures keep
the validity they had, the seal is red at the requested spot in poppler's
rendering, and the page looks the same outside the seal. Refused means a
:class:`DocumentError` at approval whose message is words, not Python
exception text. A refusal at stamping is accepted only for placement (a page
too small for the seal).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import ImageChops

from sealstation.errors import DocumentError, PlacementError
from sealstation.model import Placement
from sealstation.station import StampRequestSpec
from support.render import MM_PER_INCH, render_page
from support.station_fixtures import password

from support.corpus import CorpusFile, corpus_files, record

pytestmark = pytest.mark.slow

DPI = 50
SEAL = "official"
# Text that only a Python exception would put in a message.
PYTHON_TEXT = re.compile(
    r"Traceback|Error\b|object has no attribute|not iterable|NoneType|IndirectObject|codec|"
    r"maximum recursion|unexpected keyword|: '/?\w+'\.|\bKeyError|\bTypeError|\bValueError|<class ")


def assert_words(message: str) -> None:
    assert not PYTHON_TEXT.search(message), f"Python exception text in the message: {message}"
    assert len(message) < 600, message


def pdfsig_verdicts(path: Path) -> list[str]:
    """Per signature, pdfsig's 'Signature Validation' line."""
    proc = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=120)
    return re.findall(r"Signature Validation: (.*)", proc.stdout)


def page_size_mm(frame) -> tuple[float, float]:
    return frame.display_size_mm


@pytest.mark.parametrize("entry", corpus_files(), ids=lambda e: e.id)
def test_corpus_file(entry: CorpusFile, station, pin, tmp_path, corpus_artifacts):
    src = tmp_path / entry.path.name
    shutil.copy(entry.path, src)
    try:
        checked = station.approving().check_document(src)
        station.approving().approve(checked, seals=[SEAL], copies=1, approver="gm", password=password("gm"), purpose="corpus")
    except DocumentError as exc:
        assert_words(str(exc))
        record(entry, "refused at approval", type(exc).__name__)
        assert entry.expect in ("refuse", "any"), f"refused but expected {entry.expect}: {exc}"
        return
    assert entry.expect in ("stamp", "place-refuse", "any"), f"approved, but it should be refused ({entry.note})"
    _stamp_and_judge(entry, station, pin, src, tmp_path, checked, corpus_artifacts)


def _placement(station, src: Path):
    """The centre of page 1 as displayed (a seal there covers text, as seals do)."""
    from sealstation.pdf.document import frame_of_page, read_source_pdf

    source = read_source_pdf(src)
    w, h = frame_of_page(source.pages, 1, src).display_size_mm
    return (round(w / 2, 1), round(h / 2, 1))


def _stamp_and_judge(entry, station, pin, src, tmp_path, checked, artifacts):
    out = tmp_path / "stamped.pdf"
    at = _placement(station, src)
    try:
        plan = station.stamping().plan_stamp(StampRequestSpec(src, SEAL, Placement(1, at), out, "corpus"))
    except PlacementError as exc:
        assert_words(str(exc))
        record(entry, "refused at placement", "page too small")
        assert entry.expect in ("place-refuse", "any"), exc
        return
    assert entry.expect != "place-refuse", "a seal was placed on a page that is too small"
    before = pdfsig_verdicts(src) if checked.warnings or b"/ByteRange" in src.read_bytes() else []
    auth = station.stamping().authorise_stamp(plan, user="custodian", password=password("custodian"))
    station.stamping().stamp(auth, out, pin=pin)
    record(entry, "stamped", "")

    report = station.audit().verify(out)
    ours = report.signatures[-1]
    assert ours.field == plan.field_name and ours.seal == SEAL
    assert ours.intact and ours.valid and ours.trusted and ours.covers_whole_file, ours
    assert ours.placement is not None and ours.placement.page == 1
    assert report.to_json_dict()["signatures"][-1]["ok"] is True
    assert report.valid == all(s.ok for s in report.signatures)

    after = pdfsig_verdicts(out)
    assert after, "pdfsig found no signature"
    assert after[-1].startswith("Signature is Valid"), after
    assert after[:-1] == before[: len(after) - 1] if before else True, (before, after)

    _judge_pixels(entry, src, out, at, plan.art.size_mm, artifacts)


def _off_centre(inked, seal_box, at, size_mm, px) -> str | None:
    """Where the ink shows across (most of) the seal, it must be centred on the requested spot.

    Multiplied ink vanishes on black, so an axis along which part of the seal
    lies on black is not judged; the other one still is.
    """
    x0, y0, x1, y1 = inked
    if x1 - x0 < 0.6 * size_mm[0] * px and y1 - y0 < 0.6 * size_mm[1] * px:
        return f"only a {(x1 - x0) / px:.0f}×{(y1 - y0) / px:.0f} mm patch of ink where the seal should be"
    cx, cy = (seal_box[0] + (x0 + x1) / 2) / px, (seal_box[1] + (y0 + y1) / 2) / px
    if (x1 - x0 >= 0.8 * size_mm[0] * px and abs(cx - at[0]) > 2.0) or \
            (y1 - y0 >= 0.8 * size_mm[1] * px and abs(cy - at[1]) > 2.0):
        return f"the seal's ink is centred at ({cx:.1f}, {cy:.1f}) mm, not at {at}"
    return None


def _redrawn_fields(src: Path) -> list[tuple[bool, tuple[int, int, int, int]]]:
    """(shows a value, pixel box) of the field widgets on page 1 of a /NeedAppearances form.

    Viewers draw such fields themselves; the stamp draws them once (MuPDF)
    before signing. Inside text fields the value must still show, with as
    much ink as before (glyph placement may move by a pixel). Check boxes and
    radio buttons are not judged: poppler, redrawing them for such forms
    without a ZapfDingbats font in the form's resources (LibreOffice's case),
    draws them empty whatever their state, while the stamped file shows them
    as their producer drew them.
    """
    import pymupdf

    with pymupdf.open(src) as doc:
        if (doc.is_encrypted and not doc.authenticate("")) or \
                doc.xref_get_key(doc.pdf_catalog(), "AcroForm/NeedAppearances")[1] != "true":
            return []
        page = doc[0]
        boxes = []
        for widget in page.widgets() or []:
            r = widget.rect * page.rotation_matrix * (DPI / 72)
            box = tuple(int(round(v)) for v in (r.x0 - 2, r.y0 - 2, r.x1 + 2, r.y1 + 2))
            has_value = widget.field_type in (pymupdf.PDF_WIDGET_TYPE_TEXT, pymupdf.PDF_WIDGET_TYPE_COMBOBOX,
                                              pymupdf.PDF_WIDGET_TYPE_LISTBOX) and bool(widget.field_value)
            boxes.append((has_value, box))
        return boxes


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _ink(img, box) -> int:
    return sum(1 for v in img.crop(box).convert("L").point(lambda v: 255 if v < 200 else 0).get_flattened_data() if v)


def _values_lost(old, new, fields) -> str | None:
    for is_text, box in fields:
        inside = (box[0] + 4, box[1] + 4, box[2] - 4, box[3] - 4)  # the value, not the field's border
        if inside[2] - inside[0] < 6 or inside[3] - inside[1] < 6:  # too small to judge at this resolution
            continue
        before, after = _ink(old, inside), _ink(new, inside)
        # Lost values are the fault to catch; poppler itself shows nothing where it lacks a
        # font (CJK values), so more ink after the stamp is no fault.
        if is_text and after < 0.6 * before:
            return f"a form field at pixels {box} has {after} dark pixels after stamping, {before} before"
    return None


def _judge_pixels(entry, src: Path, out: Path, at, size_mm, artifacts) -> None:
    """poppler's rendering: ink added where the seal was asked for, nothing changed elsewhere."""
    old, new = render_page(src, 1, DPI), render_page(out, 1, DPI)
    assert old.size == new.size
    px = DPI / MM_PER_INCH
    half_w, half_h = (size_mm[0] / 2 + 1.5) * px, (size_mm[1] / 2 + 1.5) * px
    seal_box = tuple(int(round(v)) for v in (at[0] * px - half_w, at[1] * px - half_h,
                                             at[0] * px + half_w, at[1] * px + half_h))
    diff = ImageChops.difference(old, new).convert("L")
    # The seal's ink is multiplied onto the page: on dark or coloured pages it
    # is not red, but it changes the page where it lies, and only there.
    inked = diff.crop(seal_box).point(lambda v: 255 if v > 12 else 0).getbbox()
    fail = None
    if inked is None:
        fail = "no seal at the requested spot in poppler's rendering"
    else:
        fail = _off_centre(inked, seal_box, at, size_mm, px)
    outside = diff.point(lambda v: 255 if v > 48 else 0)
    outside.paste(0, seal_box)
    fields = _redrawn_fields(src)
    fail = fail or _values_lost(old, new, [f for f in fields if not _overlaps(f[1], seal_box)])
    for _, box in fields:
        outside.paste(0, box)
    changed = sum(1 for v in outside.get_flattened_data() if v)
    if changed > old.size[0] * old.size[1] // 2000:
        fail = fail or f"{changed} pixels changed outside the seal"
    if fail:
        new.save(artifacts / f"{entry.group}-{entry.path.stem}.png")
    assert fail is None, fail
