"""Interim document view: the existing one-page PageView behind the DocumentView interface.

The shell is written against ``ui/document_view.py``'s DocumentView (continuous pages, zoom, rulers),
which another part builds; until it is merged this adapter gives the same names on top of
:class:`ui.page_view.PageView`, so the shell runs and is tested now. The lead swaps the import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from sealstation.pdf.preview import count_pages, render_preview

from .page_view import PageView

__all__ = ["SealMark", "SealPlacement", "SinglePageDocumentView", "PREVIEW_DPI"]

PREVIEW_DPI = 96.0


@dataclass(frozen=True)
class SealMark:
    """A seal the palette offers: its key (seal id), name, image and true size."""

    key: str
    name: str
    png: bytes
    size_mm: tuple[float, float]


@dataclass(frozen=True)
class SealPlacement:
    """Where a seal was put: page (1-based) and centre in mm from the top-left of the page as displayed."""

    key: str
    page: int
    x_mm: float
    y_mm: float


class SinglePageDocumentView(QWidget):
    """One page at a time; one seal shown (the active one), the others' placements remembered."""

    placementChanged = Signal(str, int, float, float)
    placementRefused = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.page_view = PageView()
        self.page_view.setObjectName("pageView")
        self.page_view.setAccessibleName(self.tr("Page preview: click or drag to place the seal, arrow keys nudge it"))
        layout.addWidget(self.page_view)
        self.page_view.placementChanged.connect(self._moved)
        self.document: Path | None = None
        self.page_count = 0
        self.current_page = 0
        self._marks: dict[str, SealMark] = {}
        self._placed: dict[str, SealPlacement] = {}
        self._active: str | None = None
        self._zoom = 0  # 0: fit page

    # -- document ----------------------------------------------------------------

    def open_document(self, path: str | Path) -> int:
        """Show the document's last page (seals usually go there); the page count. Raises the core's error."""
        pages = count_pages(path)
        self.document, self.page_count = Path(path), pages
        self._placed.clear()
        self.go_to_page(pages)
        return pages

    def show_stamped(self, path: str | Path) -> None:
        """The stamped output in place of the input, on the same page; nothing placed any more."""
        page = self.current_page
        self.document, self.page_count = Path(path), count_pages(path)
        self._placed.clear()
        self._active = None
        self.page_view._seal.setVisible(False)
        self.go_to_page(min(page, self.page_count))

    def go_to_page(self, page: int) -> None:
        if self.document is None or not 1 <= page <= self.page_count:
            return
        self.current_page = page
        self.page_view.show_page(render_preview(self.document, page, PREVIEW_DPI))
        self._apply_zoom()
        self._show_active()

    @property
    def page_size_mm(self) -> tuple[float, float]:
        return self.page_view.page_size_mm

    # -- zoom (the PageView fits the page; a zoom is a scale on top) ------------------

    def fit_page(self) -> None:
        self._zoom = 0
        self._apply_zoom()

    def fit_width(self) -> None:
        self.fit_page()

    def set_zoom(self, percent: int) -> None:
        self._zoom = max(25, min(400, int(percent)))
        self._apply_zoom()

    def zoom_in(self) -> None:
        self.set_zoom((self._zoom or 100) + 25)

    def zoom_out(self) -> None:
        self.set_zoom((self._zoom or 100) - 25)

    def _apply_zoom(self) -> None:
        if self._zoom:
            self.page_view.resetTransform()
            self.page_view.scale(self._zoom / 100, self._zoom / 100)
        else:
            self.page_view._fit()

    # -- seals ---------------------------------------------------------------------

    def set_seals(self, marks: list[SealMark]) -> None:
        self._marks = {m.key: m for m in marks}
        self._placed = {k: p for k, p in self._placed.items() if k in self._marks}
        if self._active not in self._marks:
            self._active = None
            self.page_view._seal.setVisible(False)

    def set_active_seal(self, key: str) -> None:
        if key not in self._marks:
            return
        self._active = key
        self._show_active()

    def place_seal(self, key: str, page: int, x_mm: float, y_mm: float) -> None:
        if key not in self._marks:
            return
        width, height = self.page_size_mm if page == self.current_page else (float("inf"), float("inf"))
        if not (0 <= x_mm <= width and 0 <= y_mm <= height):
            self.placementRefused.emit(key, self.tr("The seal's centre would be off the page."))
            return
        self._placed[key] = SealPlacement(key, page, x_mm, y_mm)
        if key == self._active:
            if page != self.current_page:
                self.go_to_page(page)
            self.page_view.set_seal_center(x_mm, y_mm)

    def placements(self) -> list[SealPlacement]:
        return list(self._placed.values())

    def _show_active(self) -> None:
        key = self._active
        if key is None or self.document is None:
            return
        mark = self._marks[key]
        placed = self._placed.get(key)  # before the image: showing it reports where it stands now
        if placed is not None and placed.page != self.current_page:
            placed = None
        self.page_view.set_seal_image(mark.png, mark.size_mm)
        if placed is None:  # a first place: lower right, where signatures usually are
            w, h = self.page_size_mm
            self.page_view.set_seal_center(round(w * 0.7), round(h * 0.8))
        else:
            self.page_view.set_seal_center(placed.x_mm, placed.y_mm)

    def _moved(self, x_mm: float, y_mm: float) -> None:
        if self._active is None:
            return
        self._placed[self._active] = SealPlacement(self._active, self.current_page, x_mm, y_mm)
        self.placementChanged.emit(self._active, self.current_page, x_mm, y_mm)
