"""Where the copy marks go: blank paper in the configured band, never over a seal or content."""

from __future__ import annotations

import pymupdf
from PIL import Image

from sealstation.printing.marks import CopyMarks, MarksConfig, free_spot, render_copy_pages

CONFIG = MarksConfig(dpi=100)


def first_page(path, copy_marks):
    """The first rendered page and its pixels (a page's buffer lives only until the next page is made)."""
    pages = render_copy_pages(path, copy_marks, CONFIG)
    page = next(pages)
    img = Image.frombuffer("RGB", (page.width_px, page.height_px), bytes(page.samples), "raw", "RGB", page.stride, 1)
    pages.close()
    return page, img


def marks(**kw):
    return CopyMarks("test-station", "C000001", 1, 2, "2026-01-01", "SSCOPY1;test", **kw)


def pixmap(img):
    return pymupdf.Pixmap(pymupdf.csRGB, img.width, img.height, img.tobytes(), False)


def test_footer_right_first_then_left_when_a_seal_is_there():
    page = pixmap(Image.new("RGB", (827, 1169), "white"))  # A4 at 100 dpi
    assert free_spot(page, (300, 80), CONFIG) == (827 - 20 - 300, 1169 - 20 - 80)
    seal_px = [(600, 1050, 800, 1160)]
    assert free_spot(page, (300, 80), CONFIG, seal_px) == (20, 1169 - 20 - 80)


def test_content_in_the_footer_moves_the_marks_to_the_header():
    img = Image.new("RGB", (827, 1169), "white")
    img.paste((0, 0, 0), (0, 1000, 827, 1169))
    page = pixmap(img)
    assert free_spot(page, (300, 80), CONFIG) == (827 - 20 - 300, 20)
    assert free_spot(page, (300, 80), MarksConfig(dpi=100, position="header")) == (827 - 20 - 300, 20)


def test_a_page_without_blank_space_is_shrunk_and_says_so(tmp_path):
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(page.rect, color=(0, 0, 0), fill=(0.2, 0.2, 0.2))
    doc.save(tmp_path / "full.pdf")
    out, img = first_page(tmp_path / "full.pdf", marks())
    assert out.note and "no blank place for the copy marks: it was printed at 90% of its size" in out.note
    assert img.getpixel((5, out.height_px - 5)) == (255, 255, 255)  # the freed band is blank paper
    assert img.getpixel((out.width_px // 2, 50)) != (255, 255, 255)  # the page itself, scaled


def test_marks_never_cover_the_seal_rectangle_given(tmp_path):
    doc = pymupdf.open()
    doc.new_page()
    doc.save(tmp_path / "blank.pdf")
    seal = {1: [(120.0, 250.0, 210.0, 297.0)]}  # mm: the whole bottom-right corner
    out, img = first_page(tmp_path / "blank.pdf", marks(seal_boxes=seal))
    corner = img.crop((round(120 / 25.4 * 100), round(250 / 25.4 * 100), out.width_px, out.height_px))
    assert corner.convert("L").getextrema()[0] == 255 and out.note is None
