"""The seals a request approves, to choose the one to place or to drag onto the page.

Only the seals given are offered (a seal the request does not approve is never
shown); the one due next is chosen from the start. A drag carries the seal's key
as :data:`~ui.seal_mark.SEAL_MIME`, which the document view accepts as a drop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .seal_mark import SEAL_MIME, SealMark

__all__ = ["SealPalette"]

_ICON = 64
_KEY = Qt.UserRole


class _SealList(QListWidget):
    """The list itself; a drag out of it is a seal to place."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("sealPaletteList")
        self.setViewMode(QListWidget.IconMode)
        self.setFlow(QListWidget.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.Adjust)
        self.setMovement(QListWidget.Static)
        self.setIconSize(QSize(_ICON, _ICON))
        self.setGridSize(QSize(_ICON + 96, _ICON + 44))
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragOnly)

    def mime_for(self, key: str) -> QMimeData:
        data = QMimeData()
        data.setData(SEAL_MIME, key.encode("utf-8"))
        return data

    def startDrag(self, supported_actions) -> None:
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mime_for(item.data(_KEY)))
        drag.setPixmap(item.icon().pixmap(QSize(_ICON, _ICON)))
        drag.setHotSpot(drag.pixmap().rect().center())
        drag.exec(Qt.CopyAction)


class SealPalette(QWidget):
    """The request's approved seals; choose one (click, keys) or drag it onto the page."""

    sealChosen = Signal(str)
    """The key of the seal chosen to place next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sealPalette")
        self._title = QLabel(self)
        self._list = _SealList(self)
        self._title.setBuddy(self._list)
        self._hint = QLabel(self)
        self._hint.setObjectName("sealPaletteHint")
        self._hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._title)
        layout.addWidget(self._list)
        layout.addWidget(self._hint)
        self._marks: list[SealMark] = []
        self._due: str | None = None
        self._list.currentItemChanged.connect(self._chosen)
        self.setFocusProxy(self._list)
        self.set_seals([], None)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            chosen = self.chosen
            self.set_seals(self._marks, self._due)
            if chosen:
                self.choose(chosen)
        super().changeEvent(event)

    def set_seals(self, marks: list[SealMark], due: str | None) -> None:
        """Offer exactly ``marks``; ``due`` (a key) is chosen and marked as next."""
        self._title.setText(self.tr("Approved seals"))
        self._list.setAccessibleName(self.tr("Seals approved for this request"))
        self._marks, self._due = list(marks), due
        self._list.blockSignals(True)
        self._list.clear()
        due_item = None
        for mark in marks:
            pixmap = QPixmap()
            pixmap.loadFromData(mark.png, "PNG")
            label = mark.name if mark.key != due else self.tr("{name} (next)").format(name=mark.name)
            item = QListWidgetItem(QIcon(pixmap), label)
            item.setData(_KEY, mark.key)
            item.setToolTip(self.tr("{name}, {w:g}×{h:g} mm: drag it onto the page").format(
                name=mark.name, w=mark.size_mm[0], h=mark.size_mm[1]))
            self._list.addItem(item)
            if mark.key == due:
                due_item = item
        self._list.blockSignals(False)
        if not marks:
            self._hint.setText(self.tr("No seal to place: this document has no approved seal waiting."))
        else:
            self._hint.setText(self.tr("Drag a seal onto the page, or choose it and double-click where it goes."))
        if due_item is not None:
            self._list.setCurrentItem(due_item)
        elif self._list.count():
            self._list.setCurrentRow(0)

    @property
    def chosen(self) -> str | None:
        item = self._list.currentItem()
        return item.data(_KEY) if item is not None else None

    def keys(self) -> list[str]:
        return [m.key for m in self._marks]

    def choose(self, key: str) -> None:
        for row in range(self._list.count()):
            if self._list.item(row).data(_KEY) == key:
                self._list.setCurrentRow(row)

    def mime_data(self, key: str) -> QMimeData:
        """What a drag of seal ``key`` carries (tests drop it without a drag loop)."""
        return self._list.mime_for(key)

    def item_rect(self, key: str):
        """The seal's rectangle in the list's viewport (for tests)."""
        for row in range(self._list.count()):
            if self._list.item(row).data(_KEY) == key:
                return self._list.visualItemRect(self._list.item(row))
        return None

    def _chosen(self, current, _previous) -> None:
        if current is not None:
            self.sealChosen.emit(current.data(_KEY))
