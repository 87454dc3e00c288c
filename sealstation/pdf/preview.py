"""Page previews: the page as displayed (CropBox, /Rotate applied), rendered by PyMuPDF.

A preview pixel maps to display millimetres by :func:`geometry.px_to_mm` at the
preview's dpi, which is the same frame the placement contract uses; so what the
custodian points at on screen is where the seal lands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import DamagedPdfError, EncryptedPdfError, PageOutOfRangeError, SealStationError
from .geometry import MM_PER_INCH, PageFrame, pt_to_mm

# PyMuPDF is imported where it is used: it takes about 0.06 s, which commands that never render need not pay.
__all__ = ["PagePreview", "PreviewDocument", "TextBox", "load_engine", "render_preview", "count_pages"]


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


def load_engine() -> None:
    """Import PyMuPDF now, on the calling thread.

    A program that renders on a worker thread calls this first on its main thread:
    importing a module while another thread runs (Qt's import hooks among others) is
    where crashes come from, and the worker then never imports anything.
    """
    import pymupdf  # noqa: F401


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


@dataclass(frozen=True)
class TextBox:
    """Where a piece of text is on a page, in mm from the top-left of the page as displayed."""

    x0: float
    y0: float
    x1: float
    y1: float


class PreviewDocument:
    """A PDF opened once for previews: page frames, rendering page n at a scale, text boxes.

    Not thread-safe (PyMuPDF is not): one thread owns an instance from :meth:`open`
    to :meth:`close`. The page frames are plain values and may be handed to any thread.
    """

    def __init__(self, doc, path: Path, frames: tuple[PageFrame, ...]) -> None:
        self._doc = doc
        self.path = path
        self.frames = frames
        """One :class:`PageFrame` a page: the geometry the stamp uses (CropBox, /Rotate, /UserUnit)."""

    @classmethod
    def open(cls, path: str | Path) -> "PreviewDocument":
        path = Path(path)
        doc = _open(path)
        try:
            frames = tuple(_frames(doc, path))
            if not frames:
                raise DamagedPdfError(f"{path} has no pages.", hint="Ask the author for a complete copy.",
                                      path=str(path), file=path.name, reason="no pages")
        except Exception:
            doc.close()
            raise
        return cls(doc, path, frames)

    @property
    def page_count(self) -> int:
        return len(self.frames)

    @property
    def sizes_mm(self) -> tuple[tuple[float, float], ...]:
        """Every page's width and height in mm as displayed."""
        return tuple(f.display_size_mm for f in self.frames)

    def _page(self, page: int):
        if not 1 <= page <= self.page_count:
            raise PageOutOfRangeError(
                f"Page {page} does not exist in {self.path}, which has {self.page_count} page(s).",
                hint=f"Choose a page from 1 to {self.page_count}.", page=page, pages=self.page_count,
                path=str(self.path),
            )
        return self._doc[page - 1]

    def render(self, page: int, px_per_mm: float) -> PagePreview:
        """Render 1-based ``page`` as displayed, ``px_per_mm`` pixels to a displayed millimetre."""
        pix, size_mm = self.pixmap(page, px_per_mm)
        return PagePreview(page, px_per_mm * MM_PER_INCH, pix.width, pix.height, bytes(pix.samples), size_mm)

    def pixmap(self, page: int, px_per_mm: float):
        """The PyMuPDF pixmap (RGB, no alpha) of :meth:`render` and the page's displayed size in mm, uncopied."""
        import pymupdf

        pg = self._page(page)
        w_mm, h_mm = self.frames[page - 1].display_size_mm
        rect = pg.rect  # CropBox, rotated: the page as displayed (in points, UserUnit not applied)
        # Scale so the image spans exactly the frame's displayed size, whatever /UserUnit says.
        zx, zy = w_mm * px_per_mm / rect.width, h_mm * px_per_mm / rect.height
        try:
            return pg.get_pixmap(matrix=pymupdf.Matrix(zx, zy), alpha=False, annots=True), (w_mm, h_mm)
        except Exception as exc:  # noqa: BLE001 - MuPDF raises its own types
            raise DamagedPdfError(f"Page {page} of {self.path} cannot be rendered: {exc}.", page=page,
                                  path=str(self.path), file=self.path.name, reason=str(exc)) from exc

    def text_boxes(self, page: int) -> tuple[TextBox, ...]:
        """The words of ``page`` as boxes in display mm, to warn when a seal would cover text."""
        pg = self._page(page)
        frame = self.frames[page - 1]
        # MuPDF's word boxes are in its unrotated page space: user units from the visible box's top-left,
        # y downwards. Back to PDF user space, then through the stamp's geometry to display mm.
        vis = frame.visible
        boxes = []
        for x0, y0, x1, y1, *_ in pg.get_text("words"):
            ax, ay = frame.user_to_display(vis.x0 + x0, vis.y1 - y0)
            bx, by = frame.user_to_display(vis.x0 + x1, vis.y1 - y1)
            boxes.append(TextBox(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
        return tuple(boxes)

    def close(self) -> None:
        self._doc.close()


_KEYS = ("MediaBox", "CropBox", "Rotate", "UserUnit", "Parent")
_TOKEN = re.compile(r"<<|>>|\[|\]|\(|/(MediaBox|CropBox|Rotate|UserUnit|Parent)(?![^\s/\[\]<>()%{}])")
_VALUE = re.compile(r"\s*(\[[^\]]*\]|\d+\s+\d+\s+R|[-+]?(?:\d+\.?\d*|\.\d+))")


def _entries_fast(doc, xref: int) -> dict[str, str] | None:
    """The raw page-tree entries of object ``xref`` read from its source in one call, or None when unsure.

    Reading five keys with ``xref_get_key`` costs 40 ms for 1,000 pages; the object's
    source costs 5. Only the dictionary's own level counts (an inline annotation may
    have a /Rotate of its own); a literal string could hide brackets, so then the slow
    and certain way is taken.
    """
    src = doc.xref_object(xref, compressed=True)
    found: dict[str, str] = {}
    depth = 0
    for m in _TOKEN.finditer(src):
        token = m.group(0)
        if token == "(":
            return None
        if token in ("<<", "["):
            depth += 1
        elif token in (">>", "]"):
            depth -= 1
        elif depth == 1:
            value = _VALUE.match(src, m.end())
            if value is None:
                return None
            found[m.group(1)] = value.group(1)
    return found


def _entries_slow(doc, xref: int) -> dict[str, str]:
    found = {}
    for key in _KEYS:
        kind, value = doc.xref_get_key(xref, key)
        if kind != "null":
            found[key] = value
    return found


def _resolve(doc, value: str | None) -> str | None:
    """An indirect value ("12 0 R") as its object's source; a direct one as is."""
    if value is not None and value.endswith("R"):
        return doc.xref_object(int(value.split()[0]), compressed=True)
    return value


def _box(doc, value: str | None):
    value = _resolve(doc, value)
    return None if value is None else [float(v) for v in value.strip().strip("[]").split()]


def _number(doc, value: str | None):
    value = _resolve(doc, value)
    return None if value is None else float(value)


def _frames(doc, path: Path):
    """The :class:`PageFrame` of every page, read from the raw (inherited) page entries as the stamp reads them."""
    inherited: dict[int, dict[str, object]] = {}

    def node_values(xref: int) -> dict[str, object]:
        if xref not in inherited:
            raw = _entries_fast(doc, xref)
            if raw is None:
                raw = _entries_slow(doc, xref)
            values = {"MediaBox": _box(doc, raw.get("MediaBox")), "CropBox": _box(doc, raw.get("CropBox")),
                      "Rotate": _number(doc, raw.get("Rotate"))}
            parent = raw.get("Parent")
            if parent is not None and parent.endswith("R"):
                up = node_values(int(parent.split()[0]))
                values = {k: v if v is not None else up[k] for k, v in values.items()}
            values["UserUnit"] = _number(doc, raw.get("UserUnit"))  # not inherited
            inherited[xref] = values
        return inherited[xref]

    for i in range(doc.page_count):
        xref = doc.page_xref(i)
        try:
            values = node_values(xref)
            inherited.pop(xref, None)  # pages are leaves: only the tree's inner nodes are worth keeping
            media = values["MediaBox"] or tuple(doc[i].mediabox)
            yield PageFrame.from_boxes(media, values["CropBox"], values["Rotate"], values["UserUnit"])
        except SealStationError:
            raise
        except Exception as exc:  # noqa: BLE001 - MuPDF and parse failures, told in words
            raise DamagedPdfError(f"Page {i + 1} of {path} cannot be read for preview: {exc}.", page=i + 1,
                                  path=str(path), file=path.name, reason=str(exc)) from exc
