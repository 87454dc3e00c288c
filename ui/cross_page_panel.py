"""The cross-page seal (骑缝章) controls beside the page: on or off, which edge, where along it.

The panel only says what the person chose (:meth:`CrossPagePanel.spec`, the core's ``CrossPageSpec``) and shows
what the core answered (how the pages are grouped, or why it cannot be done, in words); the document screen asks
the core and draws the strips on the preview.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout,
                               QWidget)

from sealstation.pdf.cross_page import EDGES, CrossPageSpec

__all__ = ["CrossPagePanel"]


class CrossPagePanel(QWidget):
    """A check box to add a cross-page seal, its edge and its centre along the edge (mm)."""

    changed = Signal()
    """The person changed something: the strips must be planned again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crossPagePanel")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.enabled_box = QCheckBox()
        self.enabled_box.setObjectName("crossPageOn")
        box.addWidget(self.enabled_box)
        form = QFormLayout()
        self.edge_combo = QComboBox()
        self.edge_combo.setObjectName("crossPageEdge")
        for edge in EDGES:
            self.edge_combo.addItem("", edge)
        self.at_spin = QDoubleSpinBox()
        self.at_spin.setObjectName("crossPageAt")
        self.at_spin.setDecimals(1)
        self.at_spin.setRange(0, 2000)
        self.at_spin.setSingleStep(1.0)
        self.at_spin.setSuffix(" mm")
        self.at_spin.setKeyboardTracking(False)
        # One row for both: the side panel is tall already, and the checks below it must stay in view.
        self.edge_label = QLabel()
        self.edge_label.setBuddy(self.edge_combo)
        row = QHBoxLayout()
        row.addWidget(self.edge_combo, 1)
        row.addWidget(self.at_spin, 1)
        form.addRow(self.edge_label, row)
        box.addLayout(form)
        self.summary = QLabel("")
        self.summary.setObjectName("crossPageSummary")
        self.summary.setWordWrap(True)
        box.addWidget(self.summary)
        self.enabled_box.toggled.connect(self._toggled)
        self.edge_combo.currentIndexChanged.connect(self._edge_changed)
        self.at_spin.valueChanged.connect(lambda _v: self.changed.emit())
        self._toggled(False)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.enabled_box.setText(self.tr("Cross-page seal on every page"))
        self.edge_label.setText(self.tr("&Edge, centre"))
        names = {"right": self.tr("Right edge"), "left": self.tr("Left edge"), "top": self.tr("Top edge"),
                 "bottom": self.tr("Bottom edge")}
        for i in range(self.edge_combo.count()):
            self.edge_combo.setItemText(i, names[self.edge_combo.itemData(i)])
        self._tip()

    def _tip(self) -> None:
        vertical = self.edge() in ("right", "left")
        self.at_spin.setToolTip(self.tr("Millimetres from the top of each page, as displayed") if vertical
                                else self.tr("Millimetres from the left of each page, as displayed"))
        self.at_spin.setAccessibleName(self.at_spin.toolTip())
        self.edge_combo.setAccessibleName(self.tr("Edge of the cross-page seal"))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def edge(self) -> str:
        return self.edge_combo.currentData() or "right"

    def spec(self) -> CrossPageSpec | None:
        """What the person chose, or None when there is no cross-page seal."""
        if not self.enabled_box.isChecked():
            return None
        return CrossPageSpec(self.edge(), round(self.at_spin.value(), 1))

    def set_on(self, on: bool, at_mm: float | None = None) -> None:
        """Turn it on or off (e.g. when the approval asks for a cross-page seal), at ``at_mm`` along the edge."""
        if at_mm is not None:
            self.at_spin.blockSignals(True)
            self.at_spin.setValue(at_mm)
            self.at_spin.blockSignals(False)
        self.enabled_box.setChecked(on)

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)

    def _toggled(self, on: bool) -> None:
        for widget in (self.edge_combo, self.at_spin, self.edge_label):
            widget.setEnabled(on)
        if not on:
            self.summary.setText("")
        self.changed.emit()

    def _edge_changed(self, _index: int) -> None:
        self._tip()
        self.changed.emit()
