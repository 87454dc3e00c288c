"""Rulers in millimetres along the top and left of the page view, measured from the current page's corner."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

__all__ = ["Ruler", "RULER_THICKNESS"]

RULER_THICKNESS = 22
_STEPS_MM = (1, 2, 5, 10, 20, 50, 100)


class Ruler(QWidget):
    """One ruler. ``set_scale(origin_px, px_per_mm)``: where 0 mm is in this widget, and the zoom."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.orientation = orientation
        self._origin = 0.0
        self._px_per_mm = 1.0
        self._length_mm = 0.0
        self._mark: float | None = None
        horizontal = orientation == Qt.Horizontal
        self.setObjectName("rulerTop" if horizontal else "rulerLeft")
        self.retranslate_ui()
        if horizontal:
            self.setFixedHeight(RULER_THICKNESS)
        else:
            self.setFixedWidth(RULER_THICKNESS)

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Horizontal ruler in millimetres") if self.orientation == Qt.Horizontal
                               else self.tr("Vertical ruler in millimetres"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_scale(self, origin_px: float, px_per_mm: float, length_mm: float) -> None:
        if (origin_px, px_per_mm, length_mm) != (self._origin, self._px_per_mm, self._length_mm):
            self._origin, self._px_per_mm, self._length_mm = origin_px, px_per_mm, length_mm
            self.update()

    def set_mark(self, mm: float | None) -> None:
        """Highlight a position (the active seal's centre)."""
        if mm != self._mark:
            self._mark = mm
            self.update()

    def _minor_step(self) -> int:
        # Minor ticks at least 4 px apart; labels every 10 minor steps... or 5 for the coarse ones.
        return next((s for s in _STEPS_MM if s * self._px_per_mm >= 4), _STEPS_MM[-1])

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().window())
        horizontal = self.orientation == Qt.Horizontal
        length = self.width() if horizontal else self.height()
        thick = self.height() if horizontal else self.width()
        page_start = max(0.0, self._origin)
        page_end = min(float(length), self._origin + self._length_mm * self._px_per_mm)
        if page_end > page_start:  # the page's extent, lighter
            band = QRectF(page_start, 0, page_end - page_start, thick) if horizontal else \
                QRectF(0, page_start, thick, page_end - page_start)
            p.fillRect(band, self.palette().base())
        pen = QPen(self.palette().windowText().color())
        pen.setWidth(0)
        p.setPen(pen)
        font = QFont(self.font())
        font.setPixelSize(9)
        p.setFont(font)
        step = self._minor_step()
        label_every = step * (10 if step in (1, 10, 100) else 5)
        first = int((-self._origin) / self._px_per_mm // step * step) - step
        last = int((length - self._origin) / self._px_per_mm) + step
        for mm in range(first, last + 1, step):
            pos = self._origin + mm * self._px_per_mm
            major = mm % label_every == 0
            tick = thick * (0.6 if major else 0.25)
            if horizontal:
                p.drawLine(int(pos), thick, int(pos), int(thick - tick))
                if major:
                    p.drawText(int(pos) + 2, 10, str(mm))
            else:
                p.drawLine(thick, int(pos), int(thick - tick), int(pos))
                if major:
                    p.save()
                    p.translate(10, pos + 2)
                    p.rotate(-90)
                    p.drawText(-len(str(mm)) * 6, 0, str(mm))
                    p.restore()
        if self._mark is not None:
            pos = self._origin + self._mark * self._px_per_mm
            p.setPen(QPen(Qt.red, 1))
            if horizontal:
                p.drawLine(int(pos), 0, int(pos), thick)
            else:
                p.drawLine(0, int(pos), thick, int(pos))
        p.setPen(self.palette().mid().color())
        if horizontal:
            p.drawLine(0, thick - 1, length, thick - 1)
        else:
            p.drawLine(thick - 1, 0, thick - 1, length)
        p.end()
