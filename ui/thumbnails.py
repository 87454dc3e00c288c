"""A strip of page thumbnails beside the document view: it follows the current page and moves the view.

Thumbnails come from the view's own renderer (the one owner of rendering), at one
small scale for the whole document, and only for the rows in sight.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from .document_view import DocumentView
from .page_renderer import RenderKey, scale_key

__all__ = ["ThumbnailStrip"]

_CLIENT = "thumbnails"
_THUMB_W, _THUMB_H = 96, 136
_DRAWN = Qt.UserRole  # the row shows its page, not the blank stand-in


class ThumbnailStrip(QListWidget):
    """Page thumbnails for ``view``; choosing one goes to that page."""

    def __init__(self, view: DocumentView, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("thumbnailStrip")
        self.setAccessibleName(self.tr("Page thumbnails"))
        self._view = view
        self._renderer = view.renderer
        self.setViewMode(QListWidget.IconMode)
        self.setFlow(QListWidget.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListWidget.Static)
        self.setUniformItemSizes(True)
        self.setIconSize(QSize(_THUMB_W, _THUMB_H))
        self.setGridSize(QSize(_THUMB_W + 16, _THUMB_H + 24))
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setFixedWidth(_THUMB_W + 40)
        # The page chosen is framed, not painted over: a page's thumbnail keeps its own colours.
        self.setStyleSheet("QListWidget::item:selected { background: transparent; border: 2px solid #2f6fbf; "
                           "color: palette(text); }")
        self._scale = 1.0
        self._following = False
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(30)
        self._refresh.timeout.connect(self._want_visible)
        view.documentOpened.connect(self._populate)
        view.currentPageChanged.connect(self._follow)
        self._renderer.pageReady.connect(self._on_ready)
        self.currentRowChanged.connect(self._chosen)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._refresh.start())

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Page thumbnails"))
        for row in range(self.count()):
            self.item(row).setToolTip(self.tr("Page {n}").format(n=row + 1))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _populate(self, count: int) -> None:
        self.blockSignals(True)
        self.clear()
        sizes = self._renderer.info.sizes_mm if self._renderer.info else ()
        if sizes:
            widest = max(w for w, _ in sizes)
            tallest = max(h for _, h in sizes)
            self._scale = scale_key(min(_THUMB_W / widest, _THUMB_H / tallest) * self.devicePixelRatioF())
        # One blank page for every row until its thumbnail comes: the rows have their size from the start.
        blank = QPixmap(_THUMB_W, _THUMB_H)
        blank.fill(QColor(250, 250, 250))
        placeholder = _icon(blank)
        for n in range(1, count + 1):
            item = QListWidgetItem(placeholder, str(n))
            item.setTextAlignment(Qt.AlignHCenter)
            item.setToolTip(self.tr("Page {n}").format(n=n))
            self.addItem(item)
        self.blockSignals(False)
        self._follow(self._view.current_page or 1)
        self._refresh.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refresh.start()

    def _rows_in_sight(self) -> range:
        # One thumbnail a grid cell, top to bottom: the rows in sight follow from the scroll position.
        if not self.count():
            return range(0)
        cell = self.gridSize().height()
        top = self.verticalScrollBar().value()
        first = max(0, top // cell - 1)
        last = min(self.count() - 1, (top + self.viewport().height()) // cell + 1)
        return range(first, last + 1)

    def _want_visible(self) -> None:
        keys = []
        for row in self._rows_in_sight():
            item = self.item(row)
            key = RenderKey(row + 1, self._scale)
            cached = self._renderer.cached(key)
            if cached is not None:
                self._set_icon(item, cached)
            elif not item.data(_DRAWN):
                keys.append(key)
        self._renderer.want(_CLIENT, keys, priority=1)  # after the pages in view

    def _set_icon(self, item: QListWidgetItem, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        painter = QPainter(pixmap)  # a thin edge: a blank page still shows where it ends
        painter.setPen(QColor(0, 0, 0, 110))
        painter.drawRect(0, 0, pixmap.width() - 1, pixmap.height() - 1)
        painter.end()
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        item.setIcon(_icon(pixmap))
        item.setData(_DRAWN, True)

    def _on_ready(self, client: str, key: RenderKey, image: QImage) -> None:
        if client == _CLIENT and key.page <= self.count():
            self._set_icon(self.item(key.page - 1), image)

    def has_thumbnail(self, page: int) -> bool:
        return bool(self.item(page - 1).data(_DRAWN))

    def _follow(self, page: int) -> None:
        if not page or page > self.count():
            return
        self._following = True
        self.setCurrentRow(page - 1)
        self.scrollToItem(self.item(page - 1), QAbstractItemView.PositionAtCenter)
        self._following = False
        self._refresh.start()

    def _chosen(self, row: int) -> None:
        if row >= 0 and not self._following:
            self._view.go_to_page(row + 1)


def _icon(pixmap: QPixmap) -> QIcon:
    """The page as it is in every state (Qt tints a selected icon blue by default)."""
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Selected)
    return icon
