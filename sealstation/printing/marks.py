"""A copy's marks and its pages: each page rendered at the printer's resolution, the marks drawn in.

The signed PDF is never changed: PyMuPDF renders one page at a time (seal
appearances included) and the marks block (QR code, 第 k 份 / 共 N 份, serial,
station, date) is copied into the rendering. Where it goes: the configured
band (footer by default, else header), right, left or centre, at the first
place whose pixels are blank and which no seal touches. When there is none,
the page is shrunk just enough to free a band for the marks, and the page
says so (:attr:`CopyPage.note`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..errors import ConfigError, PrintError
from ..pdf.geometry import mm_to_px, pt_to_mm
from ..settings import check_known_keys
from .sink import CopyPage
from .states import AllowanceKind

__all__ = ["MarksConfig", "CopyMarks", "marks_image", "render_copy_pages", "free_spot"]

_KIND_WORDS = {AllowanceKind.FIRST: "", AllowanceKind.EXTRA: "加印 Extra · ",
               AllowanceKind.REPLACEMENT: "补印 Replacement · "}
_BLANK = 235
"""Grey level (0–255) above which a pixel counts as blank paper."""


_RANGES = {"dpi": (150, 600, "dots per inch"), "height_mm": (10, 50, "mm"), "margin_mm": (0, 30, "mm")}
"""The sane ranges of ``print_marks``' numbers, checked when station.json is read."""
_RANGE_WHY = {
    "dpi": "Below 150 dpi the copy's QR code has under two pixels a module and scanners miss it; at 600 an A4 page "
           "is already 100 MB of pixels (each page is rendered whole in memory). 300 suits office printers.",
    "height_mm": "The marks block holds the QR code and two lines of text: under 10 mm they cannot be read, over "
                 "50 mm they cover the document. 20 is the default.",
    "margin_mm": "Printers leave a few millimetres at the edge unprinted; 5 is the default.",
}


@dataclass(frozen=True)
class MarksConfig:
    """Where and how big the marks are; from the station configuration's ``print_marks``."""

    position: str = "footer"
    """``footer`` or ``header``: the band tried first (the other one next)."""
    dpi: float = 300.0
    """The resolution pages are rendered at for the printer."""
    height_mm: float = 20.0
    """Height of the marks block (the QR code is this tall)."""
    margin_mm: float = 5.0
    """Distance from the paper's edges (printers do not print to the edge)."""

    @classmethod
    def from_dict(cls, given: dict, source) -> "MarksConfig":
        """The ``"print_marks"`` object of ``station.json`` (``source``, named in errors)."""
        check_known_keys(given, (f.name for f in fields(cls)), source, section="print_marks")
        config = cls(**given)
        if config.position not in ("footer", "header"):
            raise ConfigError(f"{source}: print_marks.position is {config.position!r}; it must be 'footer' or 'header'.")
        for key, (low, high, unit) in _RANGES.items():
            value = getattr(config, key)
            # NaN fails both comparisons; json reads NaN and Infinity where station.json has them
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high \
                    or (key == "margin_mm" and value == 0):
                floor = f"above {low:g}" if key == "margin_mm" else f"from {low:g}"
                raise ConfigError(f"{source}: print_marks.{key} is {value!r}; it must be a number {floor} to "
                                  f"{high:g} {unit}.", hint=_RANGE_WHY[key])
        return config

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class CopyMarks:
    """What one copy's marks say."""

    station_id: str
    serial: str
    number: int
    of: int
    date: str
    qr_text: str
    kind: AllowanceKind = AllowanceKind.FIRST
    seal_boxes: dict = field(default_factory=dict)
    """1-based page → seal rectangles (x0, y0, x1, y1) in mm as displayed: never covered."""

    def lines(self) -> tuple[str, str, str]:
        return (f"第 {self.number} 份 / 共 {self.of} 份",
                f"{_KIND_WORDS.get(self.kind, '')}Copy {self.number} of {self.of} · No. {self.serial}",
                f"{self.station_id} · {self.date}")


@lru_cache(maxsize=4)
def _font(size_px: int):
    import pymupdf
    from PIL import ImageFont

    return ImageFont.truetype(io.BytesIO(pymupdf.Font("china-s").buffer), size_px)


def _qr(text: str, side_px: int):
    """The QR code as a greyscale image at most ``side_px`` square, whole pixels a module."""
    import segno
    from PIL import Image

    matrix = segno.make(text, error="m", micro=False).matrix
    quiet = 2
    n = len(matrix) + 2 * quiet
    module = max(2, side_px // n)
    img = Image.new("L", (n, n), 255)
    img.putdata([0 if (quiet <= y < n - quiet and quiet <= x < n - quiet and matrix[y - quiet][x - quiet]) else 255
                 for y in range(n) for x in range(n)])
    return img.resize((n * module, n * module), Image.NEAREST)


def marks_image(marks: CopyMarks, config: MarksConfig):
    """The marks block as an RGB image at ``config.dpi`` (the same on every page of a copy)."""
    from PIL import Image, ImageDraw

    height = round(mm_to_px(config.height_mm, config.dpi))
    qr = _qr(marks.qr_text, height)
    big, small = _font(max(8, round(height * 0.26))), _font(max(6, round(height * 0.16)))
    lines = marks.lines()
    widths = [round(font.getlength(text)) for font, text in zip((big, small, small), lines)]
    gap = round(height * 0.08)
    img = Image.new("RGB", (qr.width + gap + max(widths) + gap, max(height, qr.height)), (255, 255, 255))
    img.paste(qr.convert("RGB"), (0, 0))
    draw = ImageDraw.Draw(img)
    y = round(height * 0.08)
    for font, text in zip((big, small, small), lines):
        draw.text((qr.width + gap, y), text, font=font, fill=(0, 0, 0))
        y += round(font.size * 1.35)
    return img


def _boxes_px(boxes, dpi: float):
    return [tuple(mm_to_px(v, dpi) for v in box) for box in boxes]


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def free_spot(pix, block: tuple[int, int], config: MarksConfig, seals_px=()) -> tuple[int, int] | None:
    """Top-left pixel of the first blank place for a ``block`` (w, h) in the configured bands, or ``None``.

    ``pix``: the rendered page (a PyMuPDF RGB pixmap, read in place: no copy of the page is made).
    """
    w, h = block
    width, height = pix.width, pix.height
    m = round(mm_to_px(config.margin_mm, config.dpi))
    bands = {"footer": height - m - h, "header": m}
    order = [config.position] + [b for b in bands if b != config.position]
    for band in order:
        y = bands[band]
        for x in (width - m - w, m, (width - w) // 2):
            rect = (x, y, x + w, y + h)
            if x < 0 or y < 0 or rect[2] > width or rect[3] > height:
                continue
            if any(_overlaps(rect, s) for s in seals_px):
                continue
            if _blank(pix, rect):
                return x, y
    return None


_DARK = bytes(range(_BLANK, 256))
"""Channel values of blank paper: deleted, what is left is ink."""


def _blank(pix, rect) -> bool:
    x0, y0, x1, y1 = rect
    samples, stride, n = pix.samples_mv, pix.stride, pix.n
    ink = 0
    for y in range(y0, y1):
        start = y * stride + x0 * n
        ink += len(samples[start:start + (x1 - x0) * n].tobytes().translate(None, _DARK))
    return ink <= (x1 - x0) * (y1 - y0) * n * 0.0002  # a speck of dust or scanner noise, not content


def _open(source: Path | bytes):
    import pymupdf

    try:
        return pymupdf.open(source) if isinstance(source, Path) else pymupdf.open(stream=source, filetype="pdf")
    except Exception as exc:  # noqa: BLE001 - MuPDF raises its own types
        raise PrintError(f"{source if isinstance(source, Path) else 'The document'} cannot be opened for printing: "
                         f"{exc}.") from exc


def render_copy_pages(source: Path | bytes, marks: CopyMarks, config: MarksConfig) -> Iterator[CopyPage]:
    """Each page of ``source`` (a file, or the bytes that were checked) with the marks drawn in, one at a time."""
    import pymupdf

    block = marks_image(marks, config)
    block_pix = pymupdf.Pixmap(pymupdf.csRGB, block.width, block.height, block.tobytes(), False)
    zoom = config.dpi / 72.0
    with _open(source) as doc:
        for index in range(doc.page_count):
            page = doc[index]
            pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False, annots=True)
            seals_px = _boxes_px(marks.seal_boxes.get(index + 1, ()), config.dpi)
            spot, note = free_spot(pix, block.size, config, seals_px), None
            if spot is None:
                spot, note = _shrink_into(pix, page, zoom, block.size, config, index + 1)
            block_pix.set_origin(*spot)
            pix.copy(block_pix, block_pix.irect)
            rect = page.rect
            yield CopyPage(index + 1, pix.width, pix.height, pix.stride, pix.samples_mv, config.dpi,
                           (pt_to_mm(rect.width), pt_to_mm(rect.height)), note)
            del pix


def _shrink_into(full, page, zoom: float, block: tuple[int, int], config: MarksConfig, number: int):
    """Redraw ``full`` with the page scaled down to leave a band for the marks: (spot, note)."""
    import pymupdf

    width, height = full.width, full.height
    m = round(mm_to_px(config.margin_mm, config.dpi))
    band = block[1] + 2 * m
    scale = (height - band) / height
    small = page.get_pixmap(matrix=pymupdf.Matrix(zoom * scale, zoom * scale), alpha=False, annots=True)
    full.clear_with(255)
    top = band if config.position == "header" else 0
    small.set_origin((width - small.width) // 2, top)
    full.copy(small, small.irect)
    spot = (width - m - block[0], m if config.position == "header" else height - m - block[1])
    note = (f"page {number} has no blank place for the copy marks: it was printed at {scale:.0%} of its size "
            f"to make room for them")
    return spot, note
