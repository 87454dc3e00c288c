"""The document preview with the request's seals on it: every page in one scroll, zoom, rulers, placement.

Scene units are millimetres. Pages are laid out top to bottom from the sizes the
core gives (the page as displayed: rotation and CropBox applied, the stamp's
geometry); each page is a placeholder until the renderer sends its image, and only
the pages in view (and one either side) are asked for. A seal is an item of its
true size in mm, so it is true size at every zoom; its centre relative to the
page's top-left corner *is* the placement contract's (x_mm, y_mm). Whether a seal
fits is decided by the core's :meth:`PageFrame.seal_box`, the check the stamp makes.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QImage, QKeySequence, QPainter, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFrame, QGraphicsItem, QGraphicsObject, QGraphicsScene, QGraphicsView, QGridLayout, QWidget,
)

from sealstation.errors import PlacementError
from sealstation.model import Placement

from .page_renderer import DocumentInfo, PageRenderer, RenderKey, scale_key
from .rulers import Ruler
from .cross_page_overlay import StripItem
from .seal_mark import SEAL_MIME, SealMark

__all__ = ["DocumentView", "SealMark", "ZOOM_STEPS", "MIN_ZOOM", "MAX_ZOOM"]

MIN_ZOOM, MAX_ZOOM = 25.0, 400.0
ZOOM_STEPS = (25, 33, 50, 67, 75, 100, 125, 150, 200, 250, 300, 400)
PAGE_GAP_MM = 6.0
NUDGE_MM, BIG_NUDGE_MM, FINE_NUDGE_MM = 0.5, 5.0, 0.1
_CLIENT = "view"


def _round_mm(value: float) -> float:
    # Hundredths of a mm: finer than any hand, and typed values (143.9) come back as typed.
    return round(value + 0.0, 2)


class _PageItem(QGraphicsItem):
    """One page: white until its image comes; the image drawn pixel for pixel when its scale is the view's."""

    def __init__(self, page: int, size_mm: tuple[float, float]) -> None:
        super().__init__()
        self.page = page
        self.rect = QRectF(0, 0, *size_mm)
        self.image: QImage | None = None
        self.exact = False
        self.setFlag(QGraphicsItem.ItemUsesExtendedStyleOption, False)

    def boundingRect(self) -> QRectF:
        return self.rect

    def set_image(self, image: QImage | None, exact: bool) -> None:
        if image is not self.image:
            self.image, self.exact = image, exact
            self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.fillRect(self.rect, Qt.white)
        if self.image is not None:
            device = painter.worldTransform().mapRect(self.rect)  # logical pixels
            dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
            w, h = self.image.width() / dpr, self.image.height() / dpr
            if self.exact and abs(device.width() - w) <= 1.5 and abs(device.height() - h) <= 1.5:
                painter.save()
                painter.resetTransform()  # one image pixel to one screen pixel: sharp, and the cheapest draw
                painter.drawImage(QRectF(round(device.x()), round(device.y()), w, h), self.image)
                painter.restore()
            else:  # a placeholder at another zoom, scaled until the right one arrives
                painter.save()
                painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
                painter.drawImage(self.rect, self.image)
                painter.restore()
        pen = QPen(QColor(0, 0, 0, 90))
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.drawRect(self.rect)


class _WarningItem(QGraphicsItem):
    """A short warning next to a seal, readable at any zoom."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.ItemIgnoresTransformations, True)
        self.setZValue(3)
        self.text = ""
        self._font = QFont()
        self._font.setPixelSize(12)
        self._rect = QRectF()

    def set_text(self, text: str) -> None:
        self.prepareGeometryChange()
        self.text = text
        metrics = QFontMetrics(self._font)
        self._rect = QRectF(metrics.boundingRect(0, 0, 320, 400, Qt.TextWordWrap, text)).adjusted(-6, -4, 6, 4)
        self._rect.moveTo(-self._rect.width() / 2, 4)
        self.setVisible(bool(text))

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(QPen(QColor(180, 110, 0)))
        painter.setBrush(QColor(255, 244, 214, 235))
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(self._font)
        painter.setPen(QColor(90, 50, 0))
        painter.drawText(self._rect.adjusted(6, 4, -6, -4), Qt.TextWordWrap, self.text)


class _SealItem(QGraphicsObject):
    """A seal at its true size; its position is its centre in scene mm."""

    def __init__(self, view: "DocumentView", mark: SealMark) -> None:
        super().__init__()
        self._view = view
        self.mark = mark
        self.pixmap = QPixmap()
        self.pixmap.loadFromData(mark.png, "PNG")
        w, h = mark.size_mm
        self.rect = QRectF(-w / 2, -h / 2, w, h)
        self._scaled: QPixmap | None = None
        self.active = False
        self.state = "ok"  # ok, warning, refused: the outline's colour
        self.drag_start: QPointF | None = None
        self.quiet = False
        self.setFlag(QGraphicsItem.ItemIsMovable, True)
        self.setFlag(QGraphicsItem.ItemSendsGeometryChanges, True)
        self.setCursor(Qt.OpenHandCursor)
        self.setZValue(2)
        self.setToolTip(mark.name)
        self.warning = _WarningItem()
        self.warning.setVisible(False)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        device = painter.worldTransform().mapRect(self.rect)
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        size = (device.size() * dpr).toSize()
        if self._scaled is None or self._scaled.size() != size:
            # Scaled once a zoom, not every frame: a drag repaints the seal many times a second.
            self._scaled = self.pixmap.scaled(size, Qt.IgnoreAspectRatio, Qt.SmoothTransformation)
            self._scaled.setDevicePixelRatio(dpr)
        painter.save()
        painter.resetTransform()
        painter.setOpacity(0.85)
        painter.drawPixmap(QPoint(round(device.x()), round(device.y())), self._scaled)
        painter.restore()
        if self.active or self.state != "ok":
            colour = {"ok": QColor(30, 110, 220), "warning": QColor(220, 140, 0), "refused": QColor(210, 0, 0)}
            pen = QPen(colour[self.state], 1.5, Qt.DashLine if self.state == "ok" else Qt.SolidLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.NoBrush)
            painter.drawRect(self.rect)

    def set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.update()

    def itemChange(self, change, value):
        if change == QGraphicsItem.ItemPositionHasChanged and not self.quiet:
            self._view._seal_moved(self)
        return super().itemChange(change, value)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.LeftButton:
            self.drag_start = self.pos()
            self.setCursor(Qt.ClosedHandCursor)
            self._view.set_active_seal(self.mark.key)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        self.setCursor(Qt.OpenHandCursor)
        if event.button() == Qt.LeftButton and self.drag_start is not None:
            start, self.drag_start = self.drag_start, None
            self._view._seal_dropped(self, start)


class _HighlightItem(QGraphicsItem):
    """A box drawn over a page (a seal found by verifying a file): outlined, tinted, numbered; never moved."""

    COLOURS = {"ok": QColor(0, 140, 60), "warning": QColor(220, 140, 0), "bad": QColor(210, 0, 0)}

    def __init__(self, page: int, rect: QRectF, label: str, state: str) -> None:
        super().__init__()
        self.page, self.rect, self.label, self.state = page, rect, label, state
        self.setZValue(2)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -8, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        colour = self.COLOURS.get(self.state, self.COLOURS["bad"])
        fill = QColor(colour)
        fill.setAlpha(40)
        pen = QPen(colour, 2.5)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRect(self.rect)
        if self.label:
            painter.save()
            corner = painter.worldTransform().map(self.rect.topLeft())
            painter.resetTransform()  # the number at its own size, whatever the zoom
            font = QFont()
            font.setPixelSize(13)
            font.setBold(True)
            painter.setFont(font)
            box = QFontMetrics(font).boundingRect(self.label).adjusted(-4, -2, 4, 2)
            box.moveTo(round(corner.x()), round(corner.y()) - box.height())
            painter.fillRect(box, colour)
            painter.setPen(Qt.white)
            painter.drawText(box, Qt.AlignCenter, self.label)
            painter.restore()


class _EchoItem(QGraphicsItem):
    """The same seal again at a further place of one stamp (a page set, every match of a keyword): drawn as it
    will be stamped, never moved by itself (it follows the seal it repeats)."""

    def __init__(self, page: int, pixmap: QPixmap, size_mm: tuple[float, float]) -> None:
        super().__init__()
        w, h = size_mm
        self.page, self.pixmap, self.rect = page, pixmap, QRectF(-w / 2, -h / 2, w, h)
        self.setZValue(2)

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.save()
        painter.setRenderHint(QPainter.SmoothPixmapTransform, True)
        painter.setOpacity(0.85)
        painter.drawPixmap(self.rect, self.pixmap, QRectF(self.pixmap.rect()))
        painter.restore()
        pen = QPen(QColor(30, 110, 220), 1.0, Qt.DotLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.NoBrush)
        painter.drawRect(self.rect)


class _Scroller(QGraphicsView):
    """The scrolling view of the pages; input goes to the DocumentView that owns it."""

    def __init__(self, owner: "DocumentView") -> None:
        super().__init__(owner)
        self._owner = owner
        self.setObjectName("documentPages")
        self.setFrameShape(QFrame.NoFrame)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAcceptDrops(True)
        self.setBackgroundBrush(QBrush(QColor(128, 128, 128)))
        self.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        self.setTransformationAnchor(QGraphicsView.NoAnchor)
        self.setResizeAnchor(QGraphicsView.NoAnchor)
        self.setViewportUpdateMode(QGraphicsView.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.DontSavePainterState, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)

    def forget_owner(self, *_args) -> None:
        self._owner = None

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self._owner is not None:
            self._owner._viewport_changed()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._owner is not None:
            self._owner._resized()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                factor = 1.15 ** steps
                self._owner.set_zoom(self._owner.zoom_percent * factor, anchor=event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:
        if self._owner._key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self._owner._place_active_at(self.mapToScene(event.position().toPoint())):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    # -- drops from the seal palette -------------------------------------------

    def _seal_key(self, event) -> str | None:
        data = event.mimeData()
        if data.hasFormat(SEAL_MIME):
            key = bytes(data.data(SEAL_MIME)).decode("utf-8")
            if key in self._owner._marks:
                return key
        return None

    def dragEnterEvent(self, event) -> None:
        if self._seal_key(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._seal_key(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        key = self._seal_key(event)
        if key is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self._owner._drop_seal(key, self.mapToScene(event.position().toPoint()))


class DocumentView(QWidget):
    """All pages of a document, zoomable, with rulers in mm and the request's seals to place."""

    placementChanged = Signal(str, int, float, float)
    """Seal key, 1-based page, centre x and y in mm from the top-left of the page as displayed."""
    placementRefused = Signal(str, str)
    """Seal key, the reason in the window's language; the seal went back where it was."""
    placementWarning = Signal(str, str)
    """Seal key, what it covers in the window's language ("" when nothing)."""
    currentPageChanged = Signal(int)
    zoomChanged = Signal(float)
    activeSealChanged = Signal(str)
    documentOpened = Signal(int)
    """Page count, once the pages are laid out."""
    documentFailed = Signal(object)
    """The exception the core raised opening the document."""

    def __init__(self, parent: QWidget | None = None, renderer: PageRenderer | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentView")
        self.renderer = renderer or PageRenderer(self)
        self.renderer.documentOpened.connect(self._on_opened)
        self.renderer.documentFailed.connect(self._on_failed)
        self.renderer.pageReady.connect(self._on_page_ready)
        self.renderer.textBoxesReady.connect(self._on_text_boxes)
        self._view = _Scroller(self)
        # Made after the view, so it goes after it: a view going away still scrolls, over live pages.
        self._scene = QGraphicsScene(self)
        self._scene.destroyed.connect(self._view.forget_owner)
        self._view.setScene(self._scene)
        self._top = Ruler(Qt.Horizontal, self)
        self._left = Ruler(Qt.Vertical, self)
        corner = QWidget(self)
        corner.setFixedSize(self._left.width(), self._top.height())
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(corner, 0, 0)
        grid.addWidget(self._top, 0, 1)
        grid.addWidget(self._left, 1, 0)
        grid.addWidget(self._view, 1, 1)
        self.setFocusProxy(self._view)

        self._info: DocumentInfo | None = None
        self._pages: list[_PageItem] = []
        self._tops: list[float] = []
        self._zoom = 100.0
        self._fit: str | None = "width"
        self._current = 0
        self._visible: list[int] = []
        self._pending_page: int | None = None
        self._keep_scroll: tuple[int, int] | None = None
        self._loading = False
        self._marks: dict[str, SealMark] = {}
        self._seals: dict[str, _SealItem] = {}
        self._placements: dict[str, tuple[int, float, float]] = {}
        self._warnings: dict[str, str] = {}
        self._active: str | None = None
        self._highlights: list[tuple[int, tuple[float, float, float, float], str, str]] = []
        self._highlight_items: list[_HighlightItem] = []
        self._echoes: list[tuple[str, int, float, float]] = []
        self._echo_items: list[_EchoItem] = []
        self._strips: list = []
        self._strip_png = b""
        self._strip_items: list[StripItem] = []
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(0)
        self._refresh.timeout.connect(self._update_visible)
        self._prefetch = QTimer(self)
        self._prefetch.setSingleShot(True)
        self._prefetch.setInterval(250)
        self._prefetch.timeout.connect(lambda: self._update_visible(prefetch=True))

        for keys, slot in (((QKeySequence.ZoomIn, "Ctrl+="), self.zoom_in), ((QKeySequence.ZoomOut,), self.zoom_out)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self, context=Qt.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        self.retranslate_ui()

    # -- documents -------------------------------------------------------------

    def open_document(self, path: Path) -> None:
        """Open ``path``; its pages are laid out as soon as the renderer has read their sizes."""
        self._clear_pages()
        self._placements.clear()
        for item in self._seals.values():
            item.setVisible(False)
            item.warning.setVisible(False)
        self._loading = True
        self.renderer.open(Path(path))

    def close_document(self) -> None:
        self._clear_pages()
        self._placements.clear()
        for item in self._seals.values():
            item.setVisible(False)
            item.warning.setVisible(False)
        self._loading = False
        self.renderer.close()

    def show_stamped(self, path: Path) -> None:
        """Show the stamped output instead of the input, keeping the current page in view."""
        page = self._current or 1
        # The stamped file has the same pages: the custodian goes on looking where the seal went.
        self._keep_scroll = (self._view.horizontalScrollBar().value(), self._view.verticalScrollBar().value())
        self._clear_pages()
        self._pending_page = page
        self._loading = True
        self.renderer.open(Path(path))

    def _clear_pages(self) -> None:
        self._drop_highlight_items()
        for item in self._echo_items:
            self._scene.removeItem(item)
        self._echo_items = []
        self._drop_strip_items()
        for item in self._pages:
            self._scene.removeItem(item)
        self._pages.clear()
        self._tops.clear()
        self._visible = []
        self._info = None
        self._current = 0
        self._pending_page = None

    def _on_opened(self, info: DocumentInfo) -> None:
        pending = self._pending_page
        self._clear_pages()
        self._info = info
        if self._fit:
            # The first page is asked for before a thousand placeholders are laid out: it is drawn meanwhile.
            self._zoom = self._fit_percent(pending or 1)
        self.renderer.want(_CLIENT, [RenderKey(pending or 1, self._render_scale())])
        sizes = info.sizes_mm
        width = max(w for w, _ in sizes)
        y = PAGE_GAP_MM
        for n, (w, h) in enumerate(sizes, 1):
            item = _PageItem(n, (w, h))
            item.setPos((width - w) / 2, y)
            self._scene.addItem(item)
            self._pages.append(item)
            self._tops.append(y)
            y += h + PAGE_GAP_MM
        self._scene.setSceneRect(-PAGE_GAP_MM, 0, width + 2 * PAGE_GAP_MM, y)
        self._loading = False
        for key, (page, x, yy) in list(self._placements.items()):
            reason = self._refusal(key, page, x, yy)
            if reason:  # given while the document was opening, and it does not fit this one
                del self._placements[key]
                self.placementRefused.emit(key, reason)
            else:
                self._show_seal(key, page, x, yy)
        self._show_highlights()
        self._show_echoes()
        self._show_strips()
        self._apply_fit()
        self.go_to_page(pending or 1)
        keep, self._keep_scroll = self._keep_scroll, None
        if keep is not None:
            QTimer.singleShot(0, self, lambda: self._scroll_to(*keep))  # once the new scene's scroll range is known
        self._update_visible()
        self.documentOpened.emit(info.page_count)

    def _on_failed(self, exc) -> None:
        self._loading = False
        self._placements.clear()
        self.documentFailed.emit(exc)

    @property
    def page_count(self) -> int:
        return self._info.page_count if self._info else 0

    @property
    def current_page(self) -> int:
        return self._current

    def page_size_mm(self, page: int) -> tuple[float, float]:
        return self._info.frames[page - 1].display_size_mm

    # -- zoom ------------------------------------------------------------------

    @property
    def zoom_percent(self) -> float:
        return self._zoom

    def _px_per_mm_at(self, percent: float) -> float:
        return percent / 100.0 * self.logicalDpiX() / 25.4

    @property
    def px_per_mm(self) -> float:
        """Logical pixels a displayed millimetre at the current zoom."""
        return self._px_per_mm_at(self._zoom)

    def set_zoom(self, percent: float, anchor: QPointF | None = None, fit: str | None = None) -> None:
        """Zoom to ``percent`` (25–400), keeping the point under ``anchor`` (viewport pixels) where it is."""
        percent = max(MIN_ZOOM, min(MAX_ZOOM, float(percent)))
        self._fit = fit
        if abs(percent - self._zoom) < 1e-6 and self._view.transform().m11() == self.px_per_mm:
            return
        viewport = self._view.viewport().rect()
        anchor = QPointF(anchor) if anchor is not None else QPointF(viewport.width() / 2, viewport.height() / 2)
        fixed = self._view.mapToScene(anchor.toPoint())
        self._zoom = percent
        s = self.px_per_mm
        self._view.setTransform(self._view.transform().fromScale(s, s))
        # Put the scene point that was under the anchor back under it.
        moved = self._view.mapFromScene(fixed)
        h, v = self._view.horizontalScrollBar(), self._view.verticalScrollBar()
        h.setValue(h.value() + round(moved.x() - anchor.x()))
        v.setValue(v.value() + round(moved.y() - anchor.y()))
        self.zoomChanged.emit(self._zoom)
        self._viewport_changed()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom + 0.5), MAX_ZOOM))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom - 0.5), MIN_ZOOM))

    def fit_width(self) -> None:
        self._fit = "width"
        self._apply_fit()

    def fit_page(self) -> None:
        self._fit = "page"
        self._apply_fit()

    def _fit_percent(self, page: int) -> float:
        """The zoom at which the widest page fills the width (fit width), or ``page`` fits whole (fit page)."""
        w, h = self.page_size_mm(page)
        widest = max(pw for pw, _ in self._info.sizes_mm)
        viewport = self._view.viewport().size()
        unit = self._px_per_mm_at(100.0) / 100.0
        by_width = (viewport.width() - 4) / ((widest + 2 * PAGE_GAP_MM) * unit)
        percent = by_width if self._fit == "width" else min(by_width, (viewport.height() - 4) / ((h + PAGE_GAP_MM) * unit))
        return max(MIN_ZOOM, min(MAX_ZOOM, percent))

    def _apply_fit(self) -> None:
        if self._fit is None or not self._info:
            return
        percent = self._fit_percent(self._current or 1)
        keep = self._current
        self.set_zoom(percent, fit=self._fit)
        if keep and self._fit == "page":
            self.go_to_page(keep)

    def _resized(self) -> None:
        if self._fit:
            self._apply_fit()
        self._viewport_changed()

    # -- pages in view ---------------------------------------------------------

    def go_to_page(self, page: int) -> None:
        """Scroll so that the top of ``page`` (1-based) is at the top of the view."""
        if not self._info:
            self._pending_page = page
            return
        page = max(1, min(self.page_count, int(page)))
        top = self._tops[page - 1] - PAGE_GAP_MM / 2
        v = self._view.verticalScrollBar()
        v.setValue(v.value() + round(self._view.mapFromScene(QPointF(0, top)).y()))
        self._update_visible()
        self._set_current(page)

    def _scroll_to(self, x: int, y: int) -> None:
        self._view.horizontalScrollBar().setValue(x)
        self._view.verticalScrollBar().setValue(y)
        self._viewport_changed()

    def _page_at_y(self, y: float) -> int:
        """The 1-based page at scene ``y`` (the one below, in a gap)."""
        i = bisect.bisect_right(self._tops, y) - 1
        if i >= 0 and y > self._tops[i] + self._pages[i].rect.height() and i + 1 < len(self._pages):
            i += 1
        return max(0, i) + 1

    def _viewport_changed(self) -> None:
        if not self._info:
            return
        viewport = self._view.viewport().rect()
        probe = self._view.mapToScene(QPoint(0, viewport.height() // 3)).y()
        self._set_current(self._page_at_y(probe))
        self._update_rulers()
        self._refresh.start()

    def _set_current(self, page: int) -> None:
        if page != self._current:
            self._current = page
            self._update_rulers()
            self.currentPageChanged.emit(page)

    def visible_pages(self) -> list[int]:
        area = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        first = self._page_at_y(area.top())
        last = self._page_at_y(area.bottom())
        return list(range(first, last + 1))

    def _render_scale(self) -> float:
        return scale_key(self.px_per_mm * self._view.devicePixelRatioF())

    def _update_visible(self, prefetch: bool = False) -> None:
        """Ask for the pages in view; once the view has rested, for one page either side too."""
        if not self._info:
            return
        visible = self.visible_pages()
        scale = self._render_scale()
        around = [p for p in (visible[0] - 1, visible[-1] + 1) if 1 <= p <= self.page_count] if prefetch else []
        wanted = [RenderKey(p, scale) for p in visible + around]
        for key in wanted:
            item = self._pages[key.page - 1]
            image = self.renderer.cached(key)
            if image is not None:
                item.set_image(image, True)
            elif item.image is None or item.exact and abs(item.image.width() - item.rect.width() * scale) > 1.5:
                item.set_image(self.renderer.placeholder(key.page, scale), False)
        if wanted != self._visible:
            self._visible = wanted
            self.renderer.want(_CLIENT, wanted)
        if not prefetch:
            # A render cannot be stopped half way: neighbours are asked for only when nobody is paging quickly,
            # so a jump never waits behind a page nobody looks at.
            self._prefetch.start()

    def _on_page_ready(self, client: str, key: RenderKey, image: QImage) -> None:
        if client != _CLIENT or not self._info or key.page > len(self._pages):
            return
        self._pages[key.page - 1].set_image(image, key.scale == self._render_scale())

    def page_image_state(self, page: int) -> str:
        """"exact" (drawn at this zoom), "placeholder" (another zoom's image, scaled) or "blank" (for tests)."""
        if self.page_image_ready(page):
            return "exact"
        return "blank" if self._pages[page - 1].image is None else "placeholder"

    def page_image_ready(self, page: int) -> bool:
        """Whether ``page`` shows its image at the current zoom (for tests and benchmarks)."""
        item = self._pages[page - 1]
        return item.image is not None and item.exact and \
            abs(item.image.width() - item.rect.width() * self._render_scale()) <= 1.5

    def _update_rulers(self) -> None:
        if not self._info or not self._current:
            return
        item = self._pages[self._current - 1]
        corner = self._view.mapFromScene(item.pos())
        w, h = item.rect.width(), item.rect.height()
        self._top.set_scale(corner.x(), self.px_per_mm, w)
        self._left.set_scale(corner.y(), self.px_per_mm, h)
        where = self._placements.get(self._active or "")
        on_page = where is not None and where[0] == self._current
        self._top.set_mark(where[1] if on_page else None)
        self._left.set_mark(where[2] if on_page else None)

    # -- seals -----------------------------------------------------------------

    def set_seals(self, marks: list[SealMark]) -> None:
        """The seals that may be placed (one per approved seal of the request); placements of others go."""
        keep = {m.key for m in marks}
        for key in list(self._seals):
            if key not in keep or self._marks[key] != next(m for m in marks if m.key == key):
                item = self._seals.pop(key)
                self._scene.removeItem(item)
                self._scene.removeItem(item.warning)
        self._marks = {m.key: m for m in marks}
        self._placements = {k: v for k, v in self._placements.items() if k in keep}
        self._warnings = {k: v for k, v in self._warnings.items() if k in keep}
        for mark in marks:
            if mark.key not in self._seals:
                item = _SealItem(self, mark)
                item.setVisible(False)
                self._scene.addItem(item)
                self._scene.addItem(item.warning)
                self._seals[mark.key] = item
        for key, (page, x, y) in self._placements.items():
            self._show_seal(key, page, x, y)
        if self._active not in self._marks:
            self._active = None
            if marks:
                self.set_active_seal(marks[0].key)

    def placements(self) -> dict[str, tuple[int, float, float]]:
        return dict(self._placements)

    def warnings(self) -> dict[str, str]:
        """What each placed seal covers, in the window's language (only seals with a warning)."""
        return {k: v for k, v in self._warnings.items() if v}

    @property
    def active_seal(self) -> str | None:
        return self._active

    def set_active_seal(self, key: str) -> None:
        if key not in self._marks or key == self._active:
            return
        self._active = key
        for k, item in self._seals.items():
            item.active = k == key
            item.update()
        self._update_rulers()
        self.activeSealChanged.emit(key)

    def place_seal(self, key: str, page: int, x_mm: float, y_mm: float) -> bool:
        """Put seal ``key``'s centre at (x_mm, y_mm) on ``page``; False (and :attr:`placementRefused`) if it does not fit."""
        if key not in self._marks:
            return False
        if self._info is None and self._loading:
            # The pages are still being read: the placement is checked (and shown) once they are laid out.
            self._placements[key] = (page, _round_mm(x_mm), _round_mm(y_mm))
            return True
        reason = self._refusal(key, page, x_mm, y_mm)
        if reason:
            self._refuse(key, reason)
            return False
        self._accept(key, page, _round_mm(x_mm), _round_mm(y_mm))
        return True

    def seal_scene_rect(self, key: str) -> QRectF:
        """Where seal ``key`` is drawn, in scene mm (for tests)."""
        item = self._seals[key]
        return item.mapRectToScene(item.rect)

    def map_to_viewport(self, page: int, x_mm: float, y_mm: float) -> QPoint:
        """Viewport pixel of a point on a page (for tests and drags)."""
        return self._view.mapFromScene(self._pages[page - 1].pos() + QPointF(x_mm, y_mm))

    @property
    def viewport(self) -> QWidget:
        return self._view.viewport()

    def _refusal(self, key: str, page: int, x: float, y: float) -> str | None:
        """Why seal ``key`` may not go there, worded for the person; None when it fits (the stamp's own check)."""
        if not self._info or not 1 <= page <= self.page_count:
            return self.tr("The seal must be placed on a page of the document.")
        mark = self._marks[key]
        frame = self._info.frames[page - 1]
        try:
            frame.seal_box(Placement(page, (x, y)), mark.size_mm)
        except PlacementError:
            pw, ph = frame.display_size_mm
            sw, sh = mark.size_mm
            if sw > pw or sh > ph:
                return self.tr("Page {page} ({pw:.0f}×{ph:.0f} mm) is too small for the seal {name} "
                               "({sw:g}×{sh:g} mm).").format(page=page, pw=pw, ph=ph, name=mark.name, sw=sw, sh=sh)
            return self.tr("The seal {name} would leave page {page}: its centre must be between {x0:.1f} and {x1:.1f} mm "
                           "across and between {y0:.1f} and {y1:.1f} mm down.").format(
                name=mark.name, page=page, x0=sw / 2, x1=pw - sw / 2, y0=sh / 2, y1=ph - sh / 2)
        return None

    def _refuse(self, key: str, reason: str) -> None:
        where = self._placements.get(key)
        if where:
            self._show_seal(key, *where)
        self.placementRefused.emit(key, reason)

    def _accept(self, key: str, page: int, x: float, y: float) -> None:
        self._placements[key] = (page, x, y)
        self._show_seal(key, page, x, y)
        self.set_active_seal(key)
        self._update_rulers()
        self.placementChanged.emit(key, page, x, y)
        self._check_cover(key)

    def _show_seal(self, key: str, page: int, x: float, y: float) -> None:
        item = self._seals.get(key)
        if item is None or not self._pages or page > len(self._pages):
            return
        item.quiet = True
        item.setPos(self._pages[page - 1].pos() + QPointF(x, y))
        item.quiet = False
        item.setVisible(True)
        item.set_state("warning" if self._warnings.get(key) else "ok")
        self._place_warning(item)

    def _place_warning(self, item: _SealItem) -> None:
        item.warning.setPos(item.pos() + QPointF(0, item.rect.height() / 2))
        item.warning.setVisible(bool(item.warning.text) and item.isVisible())

    def _where(self, scene_point: QPointF) -> tuple[int, float, float]:
        """Page and mm on it of a scene point (the nearest page's frame when in a gap)."""
        page = self._page_at_y(scene_point.y())
        origin = self._pages[page - 1].pos()
        return page, scene_point.x() - origin.x(), scene_point.y() - origin.y()

    def _seal_moved(self, item: _SealItem) -> None:
        """During a drag: the readout and rulers follow; the outline says whether it may go there."""
        page, x, y = self._where(item.pos())
        refused = self._refusal(item.mark.key, page, x, y)
        item.set_state("refused" if refused else ("warning" if self._warnings.get(item.mark.key) else "ok"))
        self._place_warning(item)
        if not refused:
            self._placements[item.mark.key] = (page, _round_mm(x), _round_mm(y))
            self._update_rulers()
            self.placementChanged.emit(item.mark.key, page, _round_mm(x), _round_mm(y))

    def _seal_dropped(self, item: _SealItem, start: QPointF) -> None:
        key = item.mark.key
        page, x, y = self._where(item.pos())
        reason = self._refusal(key, page, x, y)
        if reason:
            before = self._where(start)
            self._placements[key] = (before[0], _round_mm(before[1]), _round_mm(before[2]))
            self._refuse(key, reason)
            self.placementChanged.emit(key, *self._placements[key])
            return
        self._accept(key, page, _round_mm(x), _round_mm(y))

    def _drop_seal(self, key: str, scene_point: QPointF) -> None:
        if not self._info:
            return
        self.place_seal(key, *self._where(scene_point))

    def _place_active_at(self, scene_point: QPointF) -> bool:
        if not self._info or not self._active:
            return False
        self.place_seal(self._active, *self._where(scene_point))
        return True

    def reveal_seal(self, key: str) -> None:
        """Scroll so that seal ``key`` is in view, with a margin around it (after it was placed from the fields)."""
        # After this turn of the event loop: a document just laid out has no scroll range yet.
        QTimer.singleShot(0, self, lambda: self._reveal(key))

    def _reveal(self, key: str) -> None:
        item = self._seals.get(key)
        if item is not None and item.isVisible():
            self._view.ensureVisible(item.mapRectToScene(item.rect), 40, 40)

    def place_active_in_view(self) -> bool:
        """Put the active seal in the middle of what is in view on the current page (Enter, without a mouse)."""
        if not self._info or not self._active or not self._current:
            return False
        page = self._current
        w, h = self.page_size_mm(page)
        sw, sh = self._marks[self._active].size_mm
        centre = self._view.mapToScene(self._view.viewport().rect().center()) - self._pages[page - 1].pos()
        x = min(max(centre.x(), sw / 2), w - sw / 2)
        y = min(max(centre.y(), sh / 2), h - sh / 2)
        return self.place_seal(self._active, page, x, y)

    def _key(self, event) -> bool:
        """Arrow keys nudge the active seal; Ctrl with + or - zooms. True when the key was used."""
        mods = event.modifiers()
        if mods & Qt.ControlModifier and event.key() in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom_in()
            return True
        if mods & Qt.ControlModifier and event.key() == Qt.Key_Minus:
            self.zoom_out()
            return True
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self._active and self._active not in self._placements:
            return self.place_active_in_view()
        moves = {Qt.Key_Left: (-1, 0), Qt.Key_Right: (1, 0), Qt.Key_Up: (0, -1), Qt.Key_Down: (0, 1)}
        if event.key() not in moves or self._active not in self._placements:
            return False
        if mods & (Qt.AltModifier | Qt.ControlModifier):
            step = FINE_NUDGE_MM
        elif mods & Qt.ShiftModifier:
            step = BIG_NUDGE_MM
        else:
            step = NUDGE_MM
        dx, dy = moves[event.key()]
        page, x, y = self._placements[self._active]
        self.place_seal(self._active, page, x + dx * step, y + dy * step)
        return True

    # -- what a seal covers ------------------------------------------------------

    def _check_cover(self, key: str) -> None:
        """Warn in place when seal ``key`` covers text or another seal; the seals it moved off or onto too."""
        page = self._placements[key][0]
        self._check_cover_once(key)
        for other, (p, _, _) in list(self._placements.items()):
            if other != key and (p == page or self._warnings.get(other)):
                self._check_cover_once(other)

    def _check_cover_once(self, key: str) -> None:
        page, x, y = self._placements[key]
        w, h = self._marks[key].size_mm
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        others = []
        for k, (p, ox, oy) in self._placements.items():
            ow, oh = self._marks[k].size_mm
            if k != key and p == page and box[0] < ox + ow / 2 and ox - ow / 2 < box[2] \
                    and box[1] < oy + oh / 2 and oy - oh / 2 < box[3]:
                others.append(self._marks[k].name)
        texts = self.renderer.text_boxes(page) or ()
        covers_text = any(box[0] < t.x1 and t.x0 < box[2] and box[1] < t.y1 and t.y0 < box[3] for t in texts)
        if others:
            text = self.tr("Covers the seal {name}.").format(name="、".join(others))
        elif covers_text:
            text = self.tr("Covers text on the page: check that it stays readable.")
        else:
            text = ""
        self._set_warning(key, text)

    def _set_warning(self, key: str, text: str) -> None:
        if self._warnings.get(key, "") == text:
            return
        self._warnings[key] = text
        item = self._seals[key]
        item.warning.set_text(text)
        item.set_state("warning" if text else "ok")
        self._place_warning(item)
        self.placementWarning.emit(key, text)

    def _on_text_boxes(self, page: int, boxes) -> None:
        for key, (p, _, _) in list(self._placements.items()):
            if p == page:
                self._check_cover_once(key)

    # -- highlights (seals found by verifying a file) -------------------------------

    def set_highlights(self, boxes: list[tuple[int, tuple[float, float, float, float], str, str]]) -> None:
        """Boxes to draw over the pages: (page, (left, top, right, bottom) in mm from the page's top-left corner as
        displayed, a short label, its state: ``ok`` green, ``warning`` amber, ``bad`` red). They replace the previous
        ones and stay until the next call, shown as soon as the pages are laid out."""
        self._highlights = list(boxes)
        self._show_highlights()

    def highlights(self) -> list[tuple[int, QRectF, str]]:
        """(page, box in scene mm, state) of each highlight shown (for tests)."""
        return [(item.page, item.mapRectToScene(item.rect), item.state) for item in self._highlight_items]

    def _show_highlights(self) -> None:
        self._drop_highlight_items()
        if not self._pages:
            return
        for page, (x0, y0, x1, y1), label, state in self._highlights:
            if not 1 <= page <= len(self._pages):
                continue
            item = _HighlightItem(page, QRectF(x0, y0, x1 - x0, y1 - y0), label, state)
            item.setPos(self._pages[page - 1].pos())
            self._scene.addItem(item)
            self._highlight_items.append(item)

    def _drop_highlight_items(self) -> None:
        for item in self._highlight_items:
            self._scene.removeItem(item)
        self._highlight_items = []

    # -- echoes (the same seal at a stamp's further places) -------------------------

    def set_echoes(self, places: list[tuple[str, int, float, float]]) -> None:
        """The further places of the seals' stamps: (seal key, page, x_mm, y_mm) each, the seal drawn there as it
        will be stamped (a page set, every match of a keyword). They replace the previous ones."""
        self._echoes = [p for p in places if p[0] in self._marks]
        self._show_echoes()

    def echoes(self) -> list[tuple[str, int, float, float]]:
        """The further places shown (for tests and the readout)."""
        return list(self._echoes)

    def _show_echoes(self) -> None:
        for item in self._echo_items:
            self._scene.removeItem(item)
        self._echo_items = []
        if not self._pages:
            return
        for key, page, x, y in self._echoes:
            if not 1 <= page <= len(self._pages) or key not in self._seals:
                continue
            seal = self._seals[key]
            item = _EchoItem(page, seal.pixmap, seal.mark.size_mm)
            item.setToolTip(seal.mark.name)
            item.setPos(self._pages[page - 1].pos() + QPointF(x, y))
            self._scene.addItem(item)
            self._echo_items.append(item)

    # -- the cross-page seal's strips ---------------------------------------------

    def set_strips(self, strips: list, png: bytes = b"") -> None:
        """The cross-page seal's strips to show: (page, strip box, whole seal box), boxes (x0, y0, x1, y1) in mm from
        the page's top-left as displayed, with the seal image ``png``; an empty list removes them."""
        self._strips, self._strip_png = list(strips), png
        self._show_strips()

    def strips(self) -> list[tuple[int, QRectF]]:
        """(page, strip box in scene mm) of each strip shown (for tests)."""
        return [(item.page, item.mapRectToScene(item.strip)) for item in self._strip_items]

    def _show_strips(self) -> None:
        self._drop_strip_items()
        if not self._pages or not self._strips:
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self._strip_png, "PNG")
        for page, strip, seal in self._strips:
            if 1 <= page <= len(self._pages):
                item = StripItem(page, strip, seal, pixmap)
                item.setPos(self._pages[page - 1].pos())
                self._scene.addItem(item)
                self._strip_items.append(item)

    def _drop_strip_items(self) -> None:
        for item in self._strip_items:
            self._scene.removeItem(item)
        self._strip_items = []

    # -- lifetime ----------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Accessible names and the in-place warnings in the window's language."""
        self.setAccessibleName(self.tr("Document preview"))
        self._view.setAccessibleName(self.tr("Document pages"))
        for key in list(self._placements):
            self._check_cover_once(key)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def shutdown(self) -> None:
        """Stop the render thread; the owner calls this when the view goes for good."""
        self.renderer.shutdown()
