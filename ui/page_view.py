"""The page preview with the seal on it, at true size, placed by click, drag or keys.

All conversion between preview pixels and display millimetres goes through
``sealstation.pdf.geometry`` (mm_to_px / px_to_mm); this widget never does its
own coordinate maths.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPixmapItem, QGraphicsScene, QGraphicsView

from sealstation.pdf.geometry import mm_to_px, px_to_mm
from sealstation.pdf.preview import PagePreview

__all__ = ["PageView"]

NUDGE_MM = 0.5
BIG_NUDGE_MM = 5.0


class _SealItem(QGraphicsPixmapItem):
    """The seal image; moving it reports its centre."""

    def __init__(self, view: "PageView") -> None:
        super().__init__()
        self._view = view
        self.setFlag(QGraphicsItem.ItemIsMovable, True)
        self.setFlag(QGraphicsItem.ItemSendsGeometryChanges, True)
        self.setCursor(Qt.OpenHandCursor)
        self.setOpacity(0.85)

    def itemChange(self, change, value):
        if change == QGraphicsItem.ItemPositionHasChanged:
            self._view._seal_moved()
        return super().itemChange(change, value)


class PageView(QGraphicsView):
    """Shows one page; the custodian puts the seal's centre where it should go."""

    placementChanged = Signal(float, float)
    """New seal centre, in mm from the top-left of the page as displayed."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setFocusPolicy(Qt.StrongFocus)
        self._page_item = QGraphicsPixmapItem()
        self.scene().addItem(self._page_item)
        self._seal = _SealItem(self)
        self._seal.setZValue(1)
        self._seal.setVisible(False)
        self.scene().addItem(self._seal)
        self._dpi = 96.0
        self._size_mm = (0.0, 0.0)
        self._seal_mm = (0.0, 0.0)
        self._quiet = False

    # -- content -------------------------------------------------------------

    def show_page(self, preview: PagePreview) -> None:
        image = QImage(preview.samples, preview.width_px, preview.height_px, preview.width_px * 3, QImage.Format_RGB888)
        self._page_item.setPixmap(QPixmap.fromImage(image.copy()))
        self._dpi = preview.dpi
        self._size_mm = preview.size_mm
        self.scene().setSceneRect(0, 0, preview.width_px, preview.height_px)
        self._fit()

    def _fit(self) -> None:
        # The whole page in view; placement works in scene (preview pixel) units, so zoom changes nothing.
        self.fitInView(self.scene().sceneRect(), Qt.KeepAspectRatio)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def set_seal_image(self, png: bytes, size_mm: tuple[float, float]) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        w, h = (round(mm_to_px(v, self._dpi)) for v in size_mm)
        self._seal.setPixmap(pixmap.scaled(w, h, Qt.IgnoreAspectRatio, Qt.SmoothTransformation))
        self._seal.setVisible(True)
        self.set_seal_center(*self._seal_mm)

    # -- placement -----------------------------------------------------------

    @property
    def seal_center_mm(self) -> tuple[float, float]:
        return self._seal_mm

    @property
    def page_size_mm(self) -> tuple[float, float]:
        return self._size_mm

    def set_seal_center(self, x_mm: float, y_mm: float) -> None:
        """Move the seal so its centre is at (x_mm, y_mm) on the displayed page."""
        pix = self._seal.pixmap()
        self._quiet = True
        self._seal.setPos(mm_to_px(x_mm, self._dpi) - pix.width() / 2, mm_to_px(y_mm, self._dpi) - pix.height() / 2)
        self._quiet = False
        self._set_mm(x_mm, y_mm)

    def _seal_moved(self) -> None:
        if self._quiet:
            return
        pix = self._seal.pixmap()
        pos = self._seal.pos()
        self._set_mm(px_to_mm(pos.x() + pix.width() / 2, self._dpi), px_to_mm(pos.y() + pix.height() / 2, self._dpi))

    def _set_mm(self, x: float, y: float) -> None:
        self._seal_mm = (round(x, 2), round(y, 2))
        self.placementChanged.emit(*self._seal_mm)

    # -- input ---------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        if item is not self._seal and self._seal.isVisible() and event.button() == Qt.LeftButton:
            p: QPointF = self.mapToScene(event.position().toPoint())
            self.set_seal_center(px_to_mm(p.x(), self._dpi), px_to_mm(p.y(), self._dpi))
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = BIG_NUDGE_MM if event.modifiers() & Qt.ShiftModifier else NUDGE_MM
        moves = {Qt.Key_Left: (-step, 0), Qt.Key_Right: (step, 0), Qt.Key_Up: (0, -step), Qt.Key_Down: (0, step)}
        if event.key() in moves and self._seal.isVisible():
            dx, dy = moves[event.key()]
            x, y = self._seal_mm
            self.set_seal_center(x + dx, y + dy)
            return
        super().keyPressEvent(event)
