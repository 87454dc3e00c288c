"""Test PDFs for placing by keyword and by signature field: a CJK contract (font embedded), an empty field."""

from __future__ import annotations

from pathlib import Path

import pymupdf

CONTRACT_LINES = ["采购合同 第一条 甲方向乙方采购办公设备。", "甲方（盖章）：", "乙方（盖章）："]


def _font():
    return pymupdf.Font("china-s").buffer


def make_contract(path: Path, pages: int = 1, *, rotate: int = 0, crop=None, last_only: bool = False) -> Path:
    """A CJK contract (font embedded, as offices' PDFs are): 甲方（盖章） and 乙方（盖章） on each page."""
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page(width=595, height=842)
        page.insert_font(fontname="cjk", fontbuffer=_font())
        page.insert_text((72, 90), f"第{n + 1}页 " + CONTRACT_LINES[0], fontname="cjk", fontsize=12)
        if not last_only or n == pages - 1:
            page.insert_text((100, 600), CONTRACT_LINES[1], fontname="cjk", fontsize=14)
            page.insert_text((340, 600), CONTRACT_LINES[2], fontname="cjk", fontsize=14)
        if crop:
            page.set_cropbox(pymupdf.Rect(*crop))
        if rotate:
            page.set_rotation(rotate)
    doc.subset_fonts()
    doc.save(path)
    doc.close()
    return path


def with_empty_field(src: Path, out: Path, name: str = "盖章处", box=(380, 150, 500, 270)) -> Path:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    with open(src, "rb") as f:
        writer = IncrementalPdfFileWriter(f)
        append_signature_field(writer, SigFieldSpec(sig_field_name=name, on_page=0, box=box))
        with open(out, "wb") as o:
            writer.write(o)
    return out
