"""Making a seal (刻制): the office's order, the seal's image drawn from the templates and shown at true size before
anything is written, then the key generated on the USB key and the seal filed in the register.

The preview is drawn in the background by the core (``station.seal_office().preview_seal``, which also refuses an id
that is taken) each time the order changes; "Make the seal" is offered only once the preview shown is the preview
of the order as it stands, and the image made is exactly the one previewed. The secrets are asked where the CLI's
``seal make`` asks them: the office user's password, the seal authority's passphrase, the USB key's PIN.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout)

from sealstation.model import SealKind
from sealstation.seals.making import SealSpec

from .error_words import text as error_text
from .office_secrets import add_office_secrets
from .queue_screen import seal_words
from .seal_picture import SealPicture

__all__ = ["MakeSealDialog"]

_KEY_TYPES = ("rsa2048", "ec-p256")


class MakeSealDialog(QDialog):
    """``sealMade`` (the new seal's id) once it is in the register; then the dialog closes."""

    sealMade = Signal(str)

    def __init__(self, station, tasks, user: str, organisation: str = "", parent=None) -> None:
        super().__init__(parent)
        self.station, self.tasks, self.user = station, tasks, user
        self.setObjectName("makeSealDialog")
        self.setWindowTitle(self.tr("Make a seal"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        layout.addLayout(top)
        form = QFormLayout()
        top.addLayout(form, 3)
        self.id_edit = self._line("sealIdEdit", self.tr("Seal id"), self.tr("e.g. hr (letters, digits, - or _)"))
        form.addRow(self.tr("Seal &id"), self.id_edit)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("sealKindBox")
        self.kind_box.setAccessibleName(self.tr("Kind of seal"))
        for kind in SealKind:
            self.kind_box.addItem(seal_words(kind.value, kind.value), kind.value)
        form.addRow(self.tr("&Kind"), self.kind_box)
        self.organisation_edit = self._line("sealOrganisationEdit", self.tr("Organisation, as engraved"), "")
        self.organisation_edit.setText(organisation)
        form.addRow(self.tr("&Organisation"), self.organisation_edit)
        self.name_edit = self._line("sealNameEdit", self.tr("Full name of the seal"),
                                    self.tr("empty: the organisation's name and the kind"))
        form.addRow(self.tr("Full &name"), self.name_edit)
        self.person_edit = self._line("sealPersonEdit", self.tr("Name on a personal seal"),
                                      self.tr("for a legal representative's or a personal seal"))
        form.addRow(self.tr("&Person"), self.person_edit)
        self.code_edit = self._line("sealCodeEdit", self.tr("Seal code from the filing record"), "")
        form.addRow(self.tr("Seal &code"), self.code_edit)
        self.key_box = QComboBox()
        self.key_box.setObjectName("sealKeyTypeBox")
        self.key_box.setAccessibleName(self.tr("Kind of key made on the USB key"))
        self.key_box.addItem(self.tr("RSA 2048"), "rsa2048")
        self.key_box.addItem(self.tr("ECDSA P-256"), "ec-p256")
        form.addRow(self.tr("Key &type"), self.key_box)
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("sealValidDays")
        self.days_spin.setAccessibleName(self.tr("Days the seal may be used"))
        self.days_spin.setRange(1, 100 * 366)
        self.days_spin.setValue(3 * 365)
        form.addRow(self.tr("&Valid for (days)"), self.days_spin)
        scan_row = QHBoxLayout()
        self.scan_label = QLabel(self.tr("Drawn from the templates"))
        self.scan_label.setObjectName("sealScanLabel")
        self.scan_button = QPushButton(self.tr("Use a &scanned imprint…"))
        self.scan_button.setObjectName("sealScanButton")
        self.scan_clear = QPushButton(self.tr("Draw it instead"))
        self.scan_clear.setObjectName("sealScanClear")
        self.scan_clear.setVisible(False)
        scan_row.addWidget(self.scan_label, 1)
        scan_row.addWidget(self.scan_button)
        scan_row.addWidget(self.scan_clear)
        form.addRow(self.tr("Image"), scan_row)
        self._scan: Path | None = None
        side = QVBoxLayout()
        top.addLayout(side, 2)
        self.preview_title = QLabel(self.tr("Preview at true size"))
        side.addWidget(self.preview_title)
        self.picture = SealPicture()
        self.picture.setObjectName("sealPreview")
        self.picture.setAccessibleName(self.tr("The seal's image at true size"))
        side.addWidget(self.picture, 0, Qt.AlignHCenter)
        self.preview_words = QLabel("")
        self.preview_words.setObjectName("sealPreviewWords")
        self.preview_words.setWordWrap(True)
        side.addWidget(self.preview_words)
        side.addStretch(1)
        self.explanation = QLabel(self.tr(
            "Making the seal generates its key on the USB key plugged in to this station (the key's PIN is asked), "
            "has the office's seal authority certify the key (its passphrase is asked) and files the seal in the "
            "register with the image shown, as made: nobody can stamp with it until the office issues it to a "
            "custodian."))
        self.explanation.setObjectName("makeSealExplanation")
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        secrets_form = QFormLayout()
        self.secrets = add_office_secrets(secrets_form, user, pin=True)
        layout.addLayout(secrets_form)
        self.message = QLabel("")
        self.message.setObjectName("makeSealMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setObjectName("makeSealOk")
        self.ok_button.setText(self.tr("Make the seal"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self._preview)
        self._generation = 0
        self._previewed: tuple[SealSpec, object] | None = None
        self._busy = False
        for edit in (self.id_edit, self.organisation_edit, self.name_edit, self.person_edit, self.code_edit):
            edit.textChanged.connect(self._changed)
        for box in (self.kind_box, self.key_box):
            box.currentIndexChanged.connect(self._changed)
        self.days_spin.valueChanged.connect(self._changed)
        self.kind_box.currentIndexChanged.connect(self._person_for_kind)
        self.scan_button.clicked.connect(self._choose_scan)
        self.scan_clear.clicked.connect(lambda: self.use_scan(None))
        for edit in self.secrets.edits():
            edit.textChanged.connect(self._enable)
        self._person_for_kind()
        self._changed()
        self.id_edit.setFocus(Qt.OtherFocusReason)

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    # -- the order and its preview ---------------------------------------------------------

    def spec(self) -> SealSpec | None:
        """The order as typed; None while it lacks the id or the organisation."""
        seal_id, organisation = self.id_edit.text().strip(), self.organisation_edit.text().strip()
        if not seal_id or not organisation:
            return None
        kind = SealKind(self.kind_box.currentData())
        return SealSpec(seal_id=seal_id, kind=kind, organisation=organisation, name=self.name_edit.text().strip(),
                        person=(self.person_edit.text().strip() or None) if kind.is_name_seal else None,
                        code=self.code_edit.text().strip(), key_type=self.key_box.currentData(),
                        scanned_image=self._scan, valid_days=self.days_spin.value())

    def _person_for_kind(self) -> None:
        self.person_edit.setEnabled(SealKind(self.kind_box.currentData()).is_name_seal)

    def _choose_scan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("A scanned imprint of the seal"), str(Path.home()),
                                              self.tr("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.use_scan(Path(path))

    def use_scan(self, path: Path | None) -> None:
        """Use a scanned imprint (PNG/JPEG) instead of the drawn image; None: draw it again."""
        self._scan = path
        self.scan_label.setText(path.name if path else self.tr("Drawn from the templates"))
        self.scan_clear.setVisible(path is not None)
        self._changed()

    def _changed(self) -> None:
        self._previewed = None
        self._generation += 1
        self._enable()
        if self.spec() is None:
            self.picture.show_seal(None, (0, 0), self.tr("No preview yet"))
            self.preview_words.setText(self.tr("Type the seal id and the organisation to see the seal."))
            return
        self.preview_words.setText(self.tr("Drawing the preview…"))
        self._timer.start()

    def _preview(self) -> None:
        spec = self.spec()
        if spec is None:
            return
        generation, office, user = self._generation, self.station.seal_office(), self.user
        self.tasks.run(lambda: office.preview_seal(user, spec),
                       lambda image: self._previewed_image(generation, spec, image),
                       lambda exc: self._preview_refused(generation, exc))

    def _previewed_image(self, generation: int, spec: SealSpec, image) -> None:
        if generation != self._generation:
            return  # the order changed meanwhile: its own preview follows
        self._previewed = (spec, image)
        self.picture.show_seal(image.png, image.size_mm)
        self.preview_words.setText(self.tr("{name}, {w:g} × {h:g} mm. This is the image the seal will have.").format(
            name=spec.full_name, w=image.width_mm, h=image.height_mm))
        self._enable()

    def _preview_refused(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.picture.show_seal(None, (0, 0), self.tr("No preview"))
        self.preview_words.setText(error_text(exc))

    @property
    def preview_ready(self) -> bool:
        return self._previewed is not None

    # -- making it -------------------------------------------------------------------------

    def _enable(self) -> None:
        self.ok_button.setEnabled(self._previewed is not None and self.secrets.filled() and not self._busy)

    def submit(self) -> None:
        if not self.ok_button.isEnabled() or self._previewed is None:
            return
        spec, image = self._previewed
        spec = replace(spec, image=image)  # exactly the image shown is made
        password, passphrase, pin = self.secrets.take()
        station, user = self.station, self.user

        def work():
            authority = station.open_authority(passphrase)
            return station.seal_office().make_seal(spec, by=user, password=password, authority=authority, pin=pin)

        self._set_busy(True)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Generating the key on the USB key and signing the seal's record…"))
        self.tasks.run(work, self._made, self._refused)

    def reject(self) -> None:
        if not self._busy:  # Escape while the step runs: it finishes, and says how it ended
            super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.secrets.set_enabled(not busy)
        self.buttons.button(QDialogButtonBox.Cancel).setEnabled(not busy)
        self._enable()

    def _made(self, record) -> None:
        self._set_busy(False)
        self.message.clear()
        self.sealMade.emit(record.seal_id)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        """Nothing was made: the words, and the secrets typed again (the order and its preview stay)."""
        self._set_busy(False)
        self.message.setStyleSheet("color: #b00020")
        self.message.setText(error_text(exc))
        self.secrets.field_for(getattr(exc, "code", None)).setFocus(Qt.OtherFocusReason)
