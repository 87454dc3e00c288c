"""PreviewDocument: the preview's page geometry is the stamp's, for every page geometry the placement rule handles."""

from __future__ import annotations

import pytest

from sealstation.errors import PageOutOfRangeError
from sealstation.pdf.document import frame_of_page, read_source_pdf
from sealstation.pdf.preview import PreviewDocument
from support.pdfs import make_pdf, page_cases


@pytest.fixture(scope="module")
def cases_pdf(tmp_path_factory):
    return make_pdf(tmp_path_factory.mktemp("preview") / "cases.pdf", page_cases())


def test_frames_sizes_and_renders_agree_with_the_stamp(cases_pdf):
    source = read_source_pdf(cases_pdf)
    doc = PreviewDocument.open(cases_pdf)
    try:
        assert doc.page_count == len(page_cases())
        for page in range(1, doc.page_count + 1):
            frame = frame_of_page(source.pages, page)
            assert doc.frames[page - 1] == frame
            w, h = frame.display_size_mm
            preview = doc.render(page, 2.0)
            assert abs(preview.width_px - w * 2) <= 1 and abs(preview.height_px - h * 2) <= 1
    finally:
        doc.close()


def test_text_boxes_are_where_the_page_shows_them(cases_pdf):
    import pymupdf

    from sealstation.pdf.geometry import pt_to_mm

    doc = PreviewDocument.open(cases_pdf)
    mu = pymupdf.open(cases_pdf)
    try:
        for page, case in enumerate(page_cases(), 1):
            words = mu[page - 1].get_text("words")
            boxes = doc.text_boxes(page)
            assert len(boxes) == len(words), case.name
            if words:  # MuPDF's own rotation of its word box, the independent answer
                r = pymupdf.Rect(words[0][:4]) * mu[page - 1].rotation_matrix
                assert boxes[0].x0 == pytest.approx(pt_to_mm(r.x0), abs=0.05), case.name
                assert boxes[0].y0 == pytest.approx(pt_to_mm(r.y0), abs=0.05), case.name
        with pytest.raises(PageOutOfRangeError):
            doc.render(doc.page_count + 1, 1.0)
    finally:
        doc.close()
        mu.close()
