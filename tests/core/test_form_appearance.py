"""A stamped /NeedAppearances form shows its values whole (issue 19), judged on poppler's rendering."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from support.render import render_page
from support.station_fixtures import stamp_approved

FORM = Path(__file__).resolve().parents[1] / "corpus" / "real" / "pypdf-libreoffice64-form.pdf"
DPI = 200


def _unclipped(src: Path, out: Path, names) -> Path:
    """``src`` with the named fields' appearances unclipped: their clip removed, and box and widget grown alike by
    20 pt on each side (the appearance lands where it did, at the same scale, and nothing of it is cut)."""
    grow = 20
    with pymupdf.open(src) as doc:
        for widget in doc[0].widgets():
            if widget.field_name not in names:
                continue
            ap = int(doc.xref_get_key(widget.xref, "AP/N")[1].split()[0])
            x0, y0, x1, y1 = (float(v) for v in doc.xref_get_key(ap, "BBox")[1].strip("[]").split())
            doc.xref_set_key(ap, "BBox", f"[{x0 - grow} {y0 - grow} {x1 + grow} {y1 + grow}]")
            r = [float(v) for v in doc.xref_get_key(widget.xref, "Rect")[1].strip("[]").split()]
            doc.xref_set_key(widget.xref, "Rect", f"[{r[0] - grow} {r[1] - grow} {r[2] + grow} {r[3] + grow}]")
            doc.update_stream(ap, doc.xref_stream(ap).replace(b"\nW\nn\n", b"\nn\n"))
        doc.save(out)
    return out


def _ink(img, rect, grow: float = 12) -> int:
    """Dark pixels around the widget ``rect`` (points, top-left origin)."""
    px = DPI / 72
    box = tuple(int(v * px) for v in (rect.x0 - grow, rect.y0 - grow, rect.x1 + grow, rect.y1 + grow))
    return sum(1 for v in img.crop(box).convert("L").get_flattened_data() if v < 160)


def test_stamped_libreoffice_form_shows_alice_and_bob_whole(station, pin, tmp_path, artifacts):
    """LibreOffice's 7.75 pt fields with an 11 pt font: MuPDF cut the glyphs at the widget's edge (top for "Alice",
    top and bottom for the multi-line "Bob"); drawn now whole and centred, at the DA's size where it fits."""
    src = tmp_path / "form.pdf"
    src.write_bytes(FORM.read_bytes())
    out = tmp_path / "stamped.pdf"
    stamp_approved(station, pin, src, out, at=(150.0, 200.0))
    img = render_page(out, 1, DPI)
    img.save(artifacts / "needappearances-alice-bob.png")
    with pymupdf.open(out) as doc:
        rects = {w.field_name: w.rect for w in doc[0].widgets() if w.field_value in ("Alice", "Bob")}
    assert set(rects) == {"First Name", "First Name_2"}
    whole = render_page(_unclipped(out, tmp_path / "unclipped.pdf", set(rects)), 1, DPI)
    whole.save(artifacts / "needappearances-alice-bob-unclipped.png")
    for name, rect in rects.items():
        shown, unclipped = _ink(img, rect), _ink(whole, rect)
        # A glyph cut by the widget's clip shows less ink than when nothing clips it.
        assert shown > 0 and abs(unclipped - shown) <= 0.01 * unclipped, \
            f"{name}: {shown} dark pixels shown, {unclipped} when nothing clips the value"


def test_fields_drawn_whole_are_left_as_mupdf_drew_them():
    """Only a cut line is redrawn; every other field keeps MuPDF's appearance (one line or several, Latin or CJK)."""
    from sealstation.pdf.forms import draw_form_fields

    for name in ("lo-odt-form-filled.pdf", "lo-odt-form-cjk-filled.pdf"):
        data = (FORM.parent / name).read_bytes()
        with pymupdf.open("pdf", draw_form_fields(data)) as doc:
            for widget in doc[0].widgets():
                if widget.field_type != pymupdf.PDF_WIDGET_TYPE_TEXT or not widget.field_value:
                    continue
                stream = doc.xref_stream(int(doc.xref_get_key(widget.xref, "AP/N")[1].split()[0]))
                assert b" Tf" in stream and b"\n1 1 " in stream, (name, widget.field_name, stream)  # MuPDF's inset clip
