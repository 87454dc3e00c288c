"""A copy's QR code read from a scan or a photo (sealstation.printing.scan): found, or refused in words."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from sealstation.errors import PrintError
from sealstation.printing.scan import find_copy_codes

TEXT = "SSCOPY1;st=scan-test;sn=C000007;c=1/2;d=2026-12-06;h=" + "ab" * 32 + ";k=" + "cd" * 8 + ";sig=" + "ef" * 48


def _page_with_code(text: str = TEXT, *, angle: float = 0.0) -> Image.Image:
    """An A4 page at 300 dpi with some text and a 20 mm QR code near its foot, as the copies are printed."""
    import segno

    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    for line in range(30):
        draw.text((300, 300 + line * 60), f"Line {line}: the quick brown fox jumps over the lazy dog.", fill=0)
    code = segno.make(text, error="m", micro=False)
    qr = Image.new("L", (code.symbol_size(scale=4)[0],) * 2, 255)
    qr_draw = ImageDraw.Draw(qr)
    for y, row in enumerate(code.matrix_iter(scale=4, border=4)):
        for x, dark in enumerate(row):
            if dark:
                qr_draw.point((x, y), 0)
    page.paste(qr, (1900, 3100))
    return page.rotate(angle, expand=True, fillcolor=255) if angle else page


def test_a_png_scan_and_a_turned_jpeg_photo_give_the_code(tmp_path):
    png, jpeg = tmp_path / "scan.png", tmp_path / "photo.jpg"
    _page_with_code().save(png)
    _page_with_code(angle=-6).save(jpeg, quality=85)
    assert find_copy_codes(png) == [TEXT]
    assert find_copy_codes(jpeg) == [TEXT]


def test_a_pdf_scan_of_two_pages_gives_each_code_once(tmp_path):
    pdf = tmp_path / "scan.pdf"
    other = TEXT.replace("C000007", "C000008").replace("c=1/2", "c=2/2")
    first = _page_with_code()
    first.save(pdf, resolution=300, save_all=True, append_images=[_page_with_code(other), _page_with_code()])
    assert find_copy_codes(pdf) == [TEXT, other]


def test_a_page_without_a_code_gives_none(tmp_path):
    blank = tmp_path / "blank.png"
    Image.new("L", (1240, 1754), 255).save(blank)
    assert find_copy_codes(blank) == []


@pytest.mark.parametrize("content", [b"", b"not an image at all", b"%PDF-1.7\n garbage", None])
def test_a_damaged_or_missing_file_is_refused_in_words(tmp_path, content):
    path = tmp_path / "scan.png"
    if content is not None:
        if content == b"":
            _page_with_code().save(path)
            content = path.read_bytes()[:5000]  # a PNG cut short: its header reads, its pixels do not
        path.write_bytes(content)
    with pytest.raises(PrintError) as caught:
        find_copy_codes(path)
    assert caught.value.code == "copy_scan_unreadable"
    assert caught.value.facts["file"] == "scan.png"
    assert "scan.png cannot be read as a scan" in str(caught.value)


# -- the auditor's desk: a scan checked at the station ---------------------------------------------------------


def test_the_desk_says_when_a_scan_holds_no_code_and_refuses_a_stranger(station, tmp_path):
    from sealstation.errors import PermissionDeniedError

    blank = tmp_path / "blank.png"
    Image.new("L", (1240, 1754), 255).save(blank)
    with pytest.raises(PrintError) as caught:
        station.audit().verify_copy_scan(blank)
    assert caught.value.code == "copy_scan_no_code" and caught.value.facts["file"] == "blank.png"
    with pytest.raises(PermissionDeniedError) as refused:
        station.audit().verify_copy_scan(blank, user="nobody")
    assert refused.value.code == "role_missing"
    assert station.audit().check_copy(TEXT, user="auditor").status == "not_genuine"  # the auditor may verify


def test_a_scan_with_a_code_of_no_copy_is_refused_as_such(station, tmp_path):
    scan = tmp_path / "letterhead.png"
    _page_with_code("https://example.com/our-letterhead").save(scan)
    with pytest.raises(PrintError) as caught:
        station.audit().verify_copy_scan(scan)
    assert caught.value.code == "copy_code_foreign"
