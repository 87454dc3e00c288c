"""The cross-page seal (骑缝章) on the preview: each page's strip of the seal, where the stamp will draw it.

The strips come from the core's plan (``StampingDesk.cross_page_preview``): per page, the strip's box and the
whole seal it is cut from, in mm from the top-left of the page as displayed. Each item paints the seal image
scaled to the whole seal's box and clipped to the strip, so the preview shows exactly the part that page gets,
with a dashed outline; items are never moved (the edge and the height are set in the side panel).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem

__all__ = ["StripItem", "strip_boxes"]


def strip_boxes(plan) -> list[tuple[int, tuple[float, float, float, float], tuple[float, float, float, float]]]:
    """(page, strip box, whole seal box) of each strip of a core ``CrossPagePlan``, boxes in mm (x0, y0, x1, y1)."""
    return [(s.page, tuple(s.strip_mm), tuple(s.seal_mm)) for s in plan.strips]


class StripItem(QGraphicsItem):
    """One page's strip of the seal, in the page's coordinates (mm from its top-left as displayed)."""

    def __init__(self, page: int, strip_mm, seal_mm, pixmap: QPixmap) -> None:
        super().__init__()
        self.page = page
        self.strip = QRectF(strip_mm[0], strip_mm[1], strip_mm[2] - strip_mm[0], strip_mm[3] - strip_mm[1])
        self.seal = QRectF(seal_mm[0], seal_mm[1], seal_mm[2] - seal_mm[0], seal_mm[3] - seal_mm[1])
        self.pixmap = pixmap
        self.setZValue(1.5)  # over the page, under the seals being placed
        self.setAcceptedMouseButtons(Qt.NoButton)

    def boundingRect(self) -> QRectF:
        return self.strip.adjusted(-0.5, -0.5, 0.5, 0.5)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.save()
        painter.setClipRect(self.strip)
        painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
        painter.setOpacity(0.85)
        painter.drawPixmap(self.seal, self.pixmap, QRectF(self.pixmap.rect()))
        painter.restore()
        pen = QPen(QColor(30, 110, 220), 1.0, Qt.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        painter.drawRect(self.strip)
