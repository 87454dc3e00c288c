"""Page previews: the page as displayed (CropBox, /Rotate applied), rendered by PyMuPDF.

A preview pixel maps to display millimetres by :func:`geometry.px_to_mm` at the
preview's dpi, which is the same frame the placement contract uses; so what the
custodian points at on screen is where the seal lands.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DamagedPdfError, EncryptedPdfError, PageOutOfRangeError
from .geometry import pt_to_mm

# PyMuPDF is imported where it is used: it takes about 0.06 s, which commands that never render need not pay.
__all__ = ["PagePreview", "render_preview", "count_pages"]


@dataclass(frozen=True)
class PagePreview:
    """One rendered page."""

    page: int
    """1-based page number."""
    dpi: float
    """Resolution of the samples."""
    width_px: int
    height_px: int
    samples: bytes
    """RGB, 8 bits a channel, rows top to bottom, ``width_px * 3`` bytes a row."""
    size_mm: tuple[float, float]
    """Width and height of the displayed page in mm."""


def _open(path: Path):
    import pymupdf

    try:
        doc = pymupdf.open(path)
    except Exception as exc:  # noqa: BLE001 - MuPDF raises its own types
        raise DamagedPdfError(f"{path} cannot be opened for preview: {exc}.", path=str(path), file=path.name,
                              reason=str(exc)) from exc
    if doc.needs_pass:
        doc.close()
        raise EncryptedPdfError(f"{path} is encrypted.", hint="Ask the author for an unencrypted copy.",
                                code="encrypted_pdf_password", path=str(path), file=path.name)
    return doc


def count_pages(path: str | Path) -> int:
    with _open(Path(path)) as doc:
        return doc.page_count


def render_preview(path: str | Path, page: int, dpi: float = 96.0) -> PagePreview:
    """Render 1-based ``page`` of ``path`` as displayed, at ``dpi``."""
    import pymupdf

    path = Path(path)
    with _open(path) as doc:
        if not 1 <= page <= doc.page_count:
            raise PageOutOfRangeError(f"Page {page} does not exist in {path}, which has {doc.page_count} page(s).",
                                      page=page, pages=doc.page_count, path=str(path))
        pg = doc[page - 1]
        pix = pg.get_pixmap(matrix=pymupdf.Matrix(dpi / 72, dpi / 72), alpha=False, annots=True)
        rect = pg.rect  # CropBox, rotated: the page as displayed
        return PagePreview(page, dpi, pix.width, pix.height, bytes(pix.samples), (pt_to_mm(rect.width), pt_to_mm(rect.height)))
