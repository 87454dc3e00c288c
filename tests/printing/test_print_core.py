"""Printing the approved copies, and every refusal (QPrinter PDF output as the print system)."""

from __future__ import annotations

import pytest

from sealstation.errors import PrintRefusedError
from sealstation.journal.journal import JournalKind
from support.printing import print_to_pdf, read_qr_codes, stamped_document


def test_print_the_approved_copies_to_pdf(station, pin, tmp_path):
    stamped = stamped_document(station, pin, tmp_path)
    out = tmp_path / "copies.pdf"
    result = print_to_pdf(station, stamped, out, 2)
    assert result.printed == 2
    codes = read_qr_codes(out)
    assert len(codes) == 4
    print(codes)
    check = station.verify_copy(codes[0])
    assert check.genuine and check.current, check
    import pymupdf
    with pymupdf.open(out) as doc:
        doc[1].get_pixmap(dpi=60).save("/tmp/pt/page2.png")
        doc[1].get_pixmap(dpi=200, clip=pymupdf.Rect(0, 700, 595, 842)).save("/tmp/pt/foot.png")
