"""Where the seal goes, said as offices say it: at a position, on a keyword, in a form's signature field; on
which pages.

The panel only collects the choice and says it back as a placement rule
(:meth:`PlacePanel.rule`); the document screen asks the station where that rule
puts the seal on the open document (``StampingDesk.places``) and shows it on the
preview (the seal on the first place, the same seal at every further place, the
keyword's matches highlighted). Nothing here reads the PDF.

* **Position** (the default): the seal where it is dragged or typed; on this
  page, or the same place on the last page, every page, odd or even pages, or
  pages typed as ``1-3,-1``.
* **Keyword**: typed, or chosen from the phrases the document shows that mark a
  place for a seal (甲方（盖章） …); the first, last or every match; an offset in
  mm; searched on every page, or on the pages chosen.
* **Signature field**: one of the document's empty signature fields (盖章处).

One stamp is one signature whatever the pages: the seal is repeated on the
further places under that one signature (see ``sealstation.pdf.repeats``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QSizePolicy,
                               QVBoxLayout, QWidget)

from sealstation.pdf.anchors import Anchor
from sealstation.pdf.page_sets import parse_page_set
from sealstation.pdf.placing import PlacementRule

from . import i18n

__all__ = ["PlacePanel", "POSITION", "KEYWORD", "FIELD"]

POSITION, KEYWORD, FIELD = "position", "keyword", "field"
_PAGE_WORDS = ("this", "last", "all", "odd", "even")
TYPING_DELAY_MS = 400
"""A keyword being typed is looked for once the typing rests this long."""


class PlacePanel(QWidget):
    """How the place of the seal is said; :attr:`ruleChanged` when any part of it changes."""

    ruleChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placePanel")
        self._fields: list[str] = []
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_DELAY_MS)
        self._typing.timeout.connect(self.ruleChanged)
        self._build()
        self.retranslate_ui()
        self._mode_changed()

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.mode_label, self.pages_label = QLabel(), QLabel()
        self.mode_box = QComboBox()
        self.mode_box.setObjectName("placeMode")
        for mode in (POSITION, KEYWORD, FIELD):
            self.mode_box.addItem("", mode)
        self.mode_box.currentIndexChanged.connect(self._mode_changed)
        self.mode_label.setBuddy(self.mode_box)
        form.addRow(self.mode_label, self.mode_box)

        # Position needs nothing more here: the page, X and Y fields are below the panel.
        self.keyword_page, self.field_page = self._keyword_page(), self._field_page()
        for page in (self.keyword_page, self.field_page):
            page.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)  # never squeezed into overlapping rows
        self.pages_box = QComboBox()
        self.pages_box.setObjectName("pagesBox")
        self.pages_box.setEditable(True)  # 1-3,-1 typed as it is said
        self.pages_box.setInsertPolicy(QComboBox.NoInsert)
        for word in _PAGE_WORDS:
            self.pages_box.addItem("", word)
        self.pages_box.activated.connect(lambda _i: self.ruleChanged.emit())
        self.pages_box.lineEdit().editingFinished.connect(self._pages_typed)
        self.pages_label.setBuddy(self.pages_box)
        outer.addLayout(form)
        outer.addWidget(self.keyword_page)
        outer.addWidget(self.field_page)
        pages = QFormLayout()
        pages.addRow(self.pages_label, self.pages_box)
        outer.addLayout(pages)
        self.found_label = QLabel("")
        self.found_label.setObjectName("placesFound")
        self.found_label.setWordWrap(True)
        outer.addWidget(self.found_label)

    def _keyword_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.keyword_label, self.match_label, self.offset_label = QLabel(), QLabel(), QLabel()
        self.keyword_box = QComboBox()
        self.keyword_box.setObjectName("keywordBox")
        self.keyword_box.setEditable(True)
        self.keyword_box.setInsertPolicy(QComboBox.NoInsert)
        self.keyword_box.lineEdit().textEdited.connect(lambda _t: self._typing.start())
        self.keyword_box.activated.connect(lambda _i: self._keyword_chosen())
        self.keyword_label.setBuddy(self.keyword_box)
        self.match_box = QComboBox()
        self.match_box.setObjectName("matchBox")
        for match in ("first", "last", "all"):
            self.match_box.addItem("", match)
        self.match_box.currentIndexChanged.connect(lambda _i: self.ruleChanged.emit())
        self.match_label.setBuddy(self.match_box)
        offset = QHBoxLayout()
        self.dx_spin, self.dy_spin = self._offset_spin("offsetX"), self._offset_spin("offsetY")
        offset.addWidget(self.dx_spin)
        offset.addWidget(self.dy_spin)
        self.offset_label.setBuddy(self.dx_spin)
        form.addRow(self.keyword_label, self.keyword_box)
        form.addRow(self.match_label, self.match_box)
        form.addRow(self.offset_label, offset)
        return page

    def _field_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.field_label = QLabel()
        self.field_box = QComboBox()
        self.field_box.setObjectName("fieldBox")
        self.field_box.activated.connect(lambda _i: self.ruleChanged.emit())
        self.field_label.setBuddy(self.field_box)
        form.addRow(self.field_label, self.field_box)
        return page

    def _offset_spin(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(-300, 300)
        spin.setDecimals(1)
        spin.setSingleStep(1.0)
        spin.setSuffix(" mm")
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(lambda _v: self.ruleChanged.emit())
        return spin

    def retranslate_ui(self) -> None:
        self.mode_label.setText(self.tr("Place the seal"))
        for index, words in enumerate((self.tr("At a position"), self.tr("On a keyword"),
                                       self.tr("In a signature field"))):
            self.mode_box.setItemText(index, words)
        self.pages_label.setText(self.tr("O&n pages"))
        for index, words in enumerate((self.tr("This page"), self.tr("The last page"), self.tr("Every page"),
                                       self.tr("Odd pages"), self.tr("Even pages"))):
            self.pages_box.setItemText(index, words)
        self.pages_box.setToolTip(self.tr("Or type pages and ranges, e.g. 1-3,-1 (pages 1 to 3 and the last page). "
                                          "One signature covers every page."))
        self.keyword_label.setText(self.tr("&Keyword"))
        self.keyword_box.setToolTip(self.tr("Type the words the seal goes on, or choose one the document contains"))
        self.keyword_box.lineEdit().setPlaceholderText(self.tr("e.g. Seal here"))
        self.match_label.setText(self.tr("&Matches"))
        for index, words in enumerate((self.tr("The first"), self.tr("The last"), self.tr("Every one"))):
            self.match_box.setItemText(index, words)
        self.offset_label.setText(self.tr("Offs&et"))
        self.offset_label.setToolTip(self.tr("Where the seal's centre goes from the keyword's centre: mm to the "
                                             "right and down (negative: left and up)"))
        self.dx_spin.setAccessibleName(self.tr("Offset to the right, in mm"))
        self.dy_spin.setAccessibleName(self.tr("Offset downwards, in mm"))
        self.field_label.setText(self.tr("&Signature field"))
        self._show_fields()
        i18n.reword(self.found_label)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- what the document offers ------------------------------------------------------------

    def set_choices(self, phrases, fields) -> None:
        """The open document's seal phrases (甲方（盖章） …) and its empty signature fields (names) to choose from."""
        typed = self.keyword_box.currentText()
        self.keyword_box.blockSignals(True)
        self.keyword_box.clear()
        self.keyword_box.addItems(list(phrases))
        self.keyword_box.setEditText(typed)
        self.keyword_box.blockSignals(False)
        self._fields = list(fields)
        self._show_fields()

    def _show_fields(self) -> None:
        chosen = self.field_box.currentData()
        self.field_box.clear()
        for name in self._fields:
            self.field_box.addItem(name, name)
        if not self._fields:
            self.field_box.addItem(self.tr("(the document has no empty signature field)"), None)
        index = self.field_box.findData(chosen)
        self.field_box.setCurrentIndex(max(index, 0))

    def reset(self) -> None:
        """A new document: at a position, on this page, no keyword."""
        for box in (self.mode_box, self.pages_box, self.match_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.keyword_box.setEditText("")
        self.set_choices((), ())
        self.say("")
        self._mode_changed(emit=False)

    def show_plain(self) -> None:
        """At a position on this page (another seal chosen, placed the plain way): the document's choices kept."""
        for box in (self.mode_box, self.pages_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.say("")
        self._mode_changed(emit=False)

    def show_rule(self, rule: PlacementRule) -> None:
        """Show how a seal was placed (another seal chosen in the palette), without asking again."""
        widgets = (self.mode_box, self.pages_box, self.match_box, self.dx_spin, self.dy_spin, self.field_box,
                   self.keyword_box)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.set_mode(FIELD if rule.field else KEYWORD if rule.anchor else POSITION)
            text = rule.pages.text if rule.pages is not None else ""
            index = self.pages_box.findData(text) if text in _PAGE_WORDS else -1
            if index >= 0 or not text:
                self.pages_box.setCurrentIndex(max(index, 0))
            else:
                self.pages_box.setEditText(text)
            if rule.anchor:
                self.keyword_box.setEditText(rule.anchor.text)
                self.match_box.setCurrentIndex(self.match_box.findData(rule.anchor.match))
                self.dx_spin.setValue(rule.anchor.offset_mm[0])
                self.dy_spin.setValue(rule.anchor.offset_mm[1])
            if rule.field:
                self.field_box.setCurrentIndex(max(self.field_box.findData(rule.field), 0))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._mode_changed(emit=False)

    # -- the choice --------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return self.mode_box.currentData()

    def set_mode(self, mode: str) -> None:
        self.mode_box.setCurrentIndex(self.mode_box.findData(mode))

    def _mode_changed(self, *_args, emit: bool = True) -> None:
        mode = self.mode
        self.keyword_page.setVisible(mode == KEYWORD)
        self.field_page.setVisible(mode == FIELD)
        self.pages_box.setEnabled(mode != FIELD)
        self.pages_label.setEnabled(mode != FIELD)
        if emit:
            self.ruleChanged.emit()

    def _keyword_chosen(self) -> None:
        self._typing.stop()
        self.ruleChanged.emit()

    def _pages_typed(self) -> None:
        if self.pages_box.currentText() != self.pages_box.itemText(self.pages_box.currentIndex()):
            self.ruleChanged.emit()

    def pages_text(self) -> str | None:
        """The page set chosen or typed; None for this page (a stamp as it always was)."""
        text = self.pages_box.currentText().strip()
        index = self.pages_box.findText(text, Qt.MatchExactly)
        word = self.pages_box.itemData(index) if index >= 0 else text
        return None if word in ("", "this") else word

    def keyword(self) -> str:
        return self.keyword_box.currentText().strip()

    def is_plain(self) -> bool:
        """At a position on this page only: the placement is the seal's own, as before this panel."""
        return self.mode == POSITION and self.pages_text() is None

    def rule(self, page: int, x_mm: float, y_mm: float) -> PlacementRule | None:
        """The placement rule chosen, with the seal's page and position for "at a position"; None when nothing
        is chosen yet (no keyword typed, no field). Raises ``PageSetError`` for pages that cannot be read."""
        pages = parse_page_set(self.pages_text()) if self.pages_text() else None
        if self.mode == POSITION:
            return PlacementRule(at_mm=(x_mm, y_mm), page=page, pages=pages)
        if self.mode == KEYWORD:
            if not self.keyword():
                return None
            anchor = Anchor(self.keyword(), self.match_box.currentData(), (self.dx_spin.value(), self.dy_spin.value()))
            return PlacementRule(anchor=anchor, page=page, pages=pages)
        name = self.field_box.currentData()
        return PlacementRule(field=name) if name else None

    def say(self, words) -> None:
        """What the panel found (places, matches) or why not: a callable wording it in the window's language (said
        again after a language change), or a plain string."""
        i18n.say(self.found_label, words)
