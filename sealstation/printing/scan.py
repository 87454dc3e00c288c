"""A paper copy's QR code, read from a scan or a photo of the page (PNG, JPEG, PDF …).

The auditor holds a printed copy and wants to know whether it is genuine: a
scanner or a phone makes an image (or a PDF of images) of the page, and the
copy's QR code is found in it here, its text then checked like a code a
hand scanner types (:meth:`sealstation.printing.desk.PrintDesk.check_copy`).

Decoding is zxing-cpp's (the C++ port of ZXing, maintained, wheels for every
platform we build on): it finds a QR code anywhere on an A4 page, turned or
slightly skewed, in well under the half second a person waits for
(benchmarks/bench_qr_scan.py). The image is handed over in grey levels, the
one channel the detector reads, so no colour conversion is paid inside it.

A PDF scan is rendered with PyMuPDF at :data:`SCAN_DPI`, the resolution the
copy's marks are printed at: a 20 mm code then has more than three pixels a
module, where the detector is surest. Every error of the image and PDF
libraries is wrapped into :class:`~sealstation.errors.PrintError` with code
``copy_scan_unreadable`` and the file's name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import PrintError

__all__ = ["SCAN_DPI", "MAX_SCAN_PAGES", "SCAN_SUFFIXES", "find_copy_codes", "codes_in_image"]

SCAN_DPI = 300
"""Resolution a PDF scan's pages are rendered at (the copies' own printing resolution, :class:`MarksConfig`)."""
MAX_SCAN_PAGES = 50
"""Pages of a PDF scan looked at: a copy has its code on every page, so the first ones say which copy it is;
a 500-page PDF dropped by mistake is not rendered whole at 300 dpi."""
SCAN_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".pdf")
"""What a scanner or a phone writes (for the window's file chooser; the content decides, not the name)."""
_CODE_SHARE = 0.08
"""A copy's code is about this share of an A4 page's width (20 mm of 210): the least margin around a detection."""
_INK = 150
"""Below this grey level a blurred pixel is ink: a lone speck of noise blurs to above it, a module of the code stays
below."""
_MAX_PIXELS = 120_000_000
"""A larger image (a 600 dpi A3 scan is 35 Mpx) is more likely a decompression bomb than a scan: refused."""


def find_copy_codes(path: str | Path) -> list[str]:
    """The text of every QR code on the scan or photo at ``path``, page by page, each text once.

    An empty list when the file is a readable image with no QR code; whether a text is a copy's code is the
    caller's question. :class:`PrintError` (code ``copy_scan_unreadable``, fact ``file``) when the file cannot be
    read as an image or a PDF.
    """
    path = Path(path)
    found: list[str] = []
    for image in _pages(path):
        for text in codes_in_image(image):
            if text not in found:
                found.append(text)
    return found


def codes_in_image(image) -> list[str]:
    """The QR codes' texts in a Pillow image (any mode), as zxing-cpp reads them.

    A page where no code is read is read again softened by a 3 x 3 box blur, then that blur cut at a grey level:
    together they fill the speckles of a cheap scanner, as a median filter would in a fifth of its time. A code
    found but not read is read again from its surroundings cleaned by a 3 x 3 median filter: there only, as the
    whole page would take the filter over half a second (benchmarks/bench_qr_scan.py).
    """
    grey = image if image.mode == "L" else image.convert("L")
    for prepared in _passes(grey):
        texts = []
        for found in _read(prepared, return_errors=True):
            if found.text and not found.error:
                texts.append(found.text)
            elif found.error:
                texts.extend(r.text for r in _read(_cleaned(grey, found.position)) if r.text)
        if texts:
            return texts
    return []


def _passes(grey) -> Iterator:
    """The page as scanned, then less and less like it (made only when the previous one gave nothing)."""
    from PIL import ImageFilter

    yield grey
    blurred = grey.filter(ImageFilter.BoxBlur(1))
    yield blurred
    yield blurred.point([0 if v < _INK else 255 for v in range(256)])


def _read(grey, **options):
    import zxingcpp

    return zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode, try_rotate=True, try_downscale=True,
                                  **options)


def _cleaned(grey, position):
    """The part of ``grey`` around a code detected at ``position``, median-filtered."""
    from PIL import ImageFilter

    corners = (position.top_left, position.top_right, position.bottom_right, position.bottom_left)
    xs, ys = [p.x for p in corners], [p.y for p in corners]
    # A damaged code is often detected in part only: the margin takes in the whole of it.
    margin = max(max(xs) - min(xs), max(ys) - min(ys), round(_CODE_SHARE * min(grey.size)))
    box = (max(0, min(xs) - margin), max(0, min(ys) - margin), min(grey.width, max(xs) + margin),
           min(grey.height, max(ys) + margin))
    return grey.crop(box).filter(ImageFilter.MedianFilter(3))


def _pages(path: Path) -> Iterator:
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise _unreadable(path, exc.strerror or str(exc)) from exc
    if b"%PDF-" in head:
        yield from _pdf_pages(path)
    else:
        yield _image(path)


def _image(path: Path):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            if img.width * img.height > _MAX_PIXELS:
                raise _unreadable(path, f"{img.width} x {img.height} pixels is too large for a scan")
            img.load()  # Pillow reads lazily: a truncated file fails here, not in the decoder
            return img.copy()
    except UnidentifiedImageError as exc:
        raise _unreadable(path, "not an image format this station reads") from exc
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise _unreadable(path, str(exc)) from exc


def _pdf_pages(path: Path) -> Iterator:
    import pymupdf
    from PIL import Image

    try:
        doc = pymupdf.open(path)
    except (RuntimeError, ValueError) as exc:  # pymupdf.FileDataError is a RuntimeError
        raise _unreadable(path, str(exc)) from exc
    with doc:
        if doc.needs_pass:
            raise _unreadable(path, "the PDF is protected by a password")
        try:
            for page in doc.pages(0, min(doc.page_count, MAX_SCAN_PAGES)):
                pix = page.get_pixmap(dpi=SCAN_DPI, colorspace=pymupdf.csGRAY, alpha=False)
                yield Image.frombytes("L", (pix.width, pix.height), pix.samples)
        except (RuntimeError, ValueError) as exc:
            raise _unreadable(path, str(exc)) from exc


def _unreadable(path: Path, why: str) -> PrintError:
    return PrintError(f"{path.name} cannot be read as a scan or a photo of a copy: {why}.",
                      hint="Scan the page again and save it as PNG, JPEG or PDF, or type the serial printed "
                           "under the code.", code="copy_scan_unreadable", file=path.name)
