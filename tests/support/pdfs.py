"""Test PDFs with every page geometry the placement rule must handle."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pymupdf


@dataclass(frozen=True)
class PageCase:
    """One page geometry: MediaBox, optional CropBox, /Rotate (PDF user-space numbers)."""

    name: str
    media: tuple[float, float, float, float]
    crop: tuple[float, float, float, float] | None = None
    rotate: int = 0


A4 = (0.0, 0.0, 595.0, 842.0)


def page_cases() -> list[PageCase]:
    cases = []
    for rot in (0, 90, 180, 270):
        cases.append(PageCase(f"plain-r{rot}", A4, None, rot))
        cases.append(PageCase(f"crop-r{rot}", A4, (40.0, 60.0, 540.0, 800.0), rot))
        cases.append(PageCase(f"origin-r{rot}", (200.0, -300.0, 795.0, 542.0), None, rot))
        cases.append(PageCase(f"landscape-r{rot}", (0.0, 0.0, 842.0, 595.0), None, rot))
    cases.append(PageCase("origin-crop-r90", (-100.0, 50.0, 495.0, 892.0), (-60.0, 90.0, 450.0, 850.0), 90))
    cases.append(PageCase("rotate-minus90", A4, None, -90))
    return cases


def _set_box(doc, xref: int, key: str, box) -> None:
    doc.xref_set_key(xref, key, "[%s]" % " ".join(f"{v:g}" for v in box))


def make_pdf(path: Path, cases: list[PageCase] | None = None, text: str = "SealStation test page") -> Path:
    """One page per case, each with some text, written with raw boxes and /Rotate."""
    cases = cases or [PageCase("plain", A4)]
    doc = pymupdf.open()
    for case in cases:
        x0, y0, x1, y1 = case.media
        page = doc.new_page(width=x1 - x0, height=y1 - y0)
        page.insert_text((72, 120), f"{text}: {case.name}", fontsize=14)
        _set_box(doc, page.xref, "MediaBox", case.media)
        if case.crop:
            _set_box(doc, page.xref, "CropBox", case.crop)
        if case.rotate:
            doc.xref_set_key(page.xref, "Rotate", str(case.rotate))
    doc.save(path)
    doc.close()
    return path


def make_text_pdf(path: Path, pages: int) -> Path:
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), f"Page {i + 1}: the quick brown fox jumps over the lazy dog.", fontsize=11)
    doc.save(path, garbage=0, deflate=True)
    doc.close()
    return path
