"""A seal's image at its true size: a millimetre on paper is a millimetre on the screen.

The screen's physical resolution (what the monitor reports through Qt) turns millimetres into pixels; the image
is scaled in device pixels and shown at the screen's pixel ratio, so it stays sharp on a high-density display.
A screen that reports no believable size (some projectors, virtual displays) is taken at its logical resolution,
as the page view takes it at 100 %.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

__all__ = ["SealPicture", "px_per_mm"]

_BELIEVABLE_DPI = (50.0, 1200.0)


def px_per_mm(widget: QWidget) -> float:
    """Logical pixels per millimetre on the screen ``widget`` is shown on."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInchX()
    if not _BELIEVABLE_DPI[0] <= dpi <= _BELIEVABLE_DPI[1]:
        return screen.logicalDotsPerInchX() / 25.4
    return dpi / 25.4 / screen.devicePixelRatio()


class SealPicture(QLabel):
    """Shows a seal image (PNG) at ``size_mm``; empty with a word when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignCenter)
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        self._png: bytes | None = None
        self._size_mm = (0.0, 0.0)
        self._empty = ""

    def show_seal(self, png: bytes | None, size_mm: tuple[float, float], empty: str = "") -> None:
        self._png, self._size_mm, self._empty = png, size_mm, empty
        self._draw()

    @property
    def shown_px(self) -> tuple[int, int]:
        """The picture's size on the screen, in logical pixels (tests measure it)."""
        pixmap = self.pixmap()
        if pixmap is None or pixmap.isNull():
            return (0, 0)
        ratio = pixmap.devicePixelRatio()
        return (round(pixmap.width() / ratio), round(pixmap.height() / ratio))

    def _draw(self) -> None:
        image = QImage()
        if not self._png or not image.loadFromData(self._png, "PNG"):
            self.setPixmap(QPixmap())
            self.setText(self._empty)
            self.setFixedSize(max(120, self.sizeHint().width()), 60)
            return
        scale = px_per_mm(self)
        ratio = (self.screen() or QGuiApplication.primaryScreen()).devicePixelRatio()
        w, h = self._size_mm[0] * scale, self._size_mm[1] * scale
        pixmap = QPixmap.fromImage(image.scaled(round(w * ratio), round(h * ratio), Qt.IgnoreAspectRatio,
                                                Qt.SmoothTransformation))
        pixmap.setDevicePixelRatio(ratio)
        self.setText("")
        self.setPixmap(pixmap)
        self.setFixedSize(round(w) + 8, round(h) + 8)

    def showEvent(self, event) -> None:  # the screen (and its resolution) is known once shown
        self._draw()
        super().showEvent(event)
