"""The document workspace: which request covers the document, every check before any secret, placing the
approved seals, and stamping them in order in the background.

The screen asks the station three things without a secret as soon as a document is open: which request
covers it (``StampingDesk.request_for``, by the file's hash), and, for each seal placed, whether the stamp can
succeed (``StampingDesk.preflight``: the same checks as the stamp). The Stamp button is enabled only when every
check passed, so the password and the PIN are asked only when a stamp can succeed. A file no request
covers offers nothing that would stamp, and says how an approval is made.

The seals placed in one sitting are stamped in order, each on the output of the one before, under one
confirmation (password and PIN) per sitting; each step runs on the TaskRunner, so the window stays
responsive, and the stamped result replaces the input in the preview.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QDoubleSpinBox, QFileDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QProgressBar, QPushButton, QScrollArea, QSpinBox, QSplitter, QToolButton, QVBoxLayout,
                               QWidget)

from sealstation.approval.entries import approval_entry, is_cross_page_entry, seal_of_entry
from sealstation.errors import PinIncorrectError, PinLockedError, SealStationError
from sealstation.model import Placement
from sealstation.station import StampRequestSpec

from . import i18n
from .pin_dialog import PinDialog
from .queue_screen import seal_words
from .error_words import text as problem_text
from .cross_page_overlay import strip_boxes
from .cross_page_panel import CrossPagePanel
from .owed_timestamps import OwedTimestampsLine
from .document_view import DocumentView
from .office_words import seal_title
from .seal_mark import SealMark, SealPlacement
from .place_panel import POSITION, PlacePanel
from .seal_palette import SealPalette
from .thumbnails import ThumbnailStrip

__all__ = ["DocumentScreen", "default_output"]

PREFLIGHT_DELAY_MS = 250
"""A placement that keeps moving (a drag, arrow keys held) is checked once it rests this long."""


def default_output(path: Path, station_home: Path | None = None) -> Path:
    """``name-已签章.pdf`` beside the input, numbered if it exists.

    An input inside the station home (the demo's sample documents) gets its output in the user's home
    folder: the station refuses to write in its own.
    """
    folder = path.parent
    home, here = (station_home.resolve() if station_home else None), folder.resolve()
    if home is not None and (here == home or home in here.parents):
        folder = Path.home()
    candidate = folder / f"{path.stem}-已签章.pdf"
    n = 2
    while candidate.exists():
        candidate = folder / f"{path.stem}-已签章-{n}.pdf"
        n += 1
    return candidate


def chain_outputs(final: Path, seals: list[str]) -> list[Path]:
    """Where each seal of a sitting is written: the last at ``final``, each earlier one beside it."""
    return [final.with_name(f"{final.stem}-{seal}{final.suffix}") for seal in seals[:-1]] + [final]


class DocumentScreen(QWidget):
    """One document: its request, the checks, the seals placed, the stamp and its result."""

    stamped = Signal(object)
    """The outputs of a finished sitting (list of StampResult)."""
    printRequested = Signal(object)
    """A stamped document (Path) whose approved copies the custodian wants to print."""
    busyChanged = Signal(bool)

    def __init__(self, station, tasks, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("documentScreen")
        self.station, self.tasks = station, tasks
        self.user = ""
        self.document: Path | None = None
        self.covering = None
        self.preflights: list = []
        self.last_results: list = []
        self.busy = False
        self.pin_dialog: PinDialog | None = None
        self.pin_dialogs_opened = 0
        self.confirm_overwrite = self._confirm_overwrite_dialog  # tests answer this question
        self.open_folder = self._open_folder  # and watch this
        self._generation = 0
        self._strips_asked = 0
        self._checked_output = ""
        self._sitting: dict | None = None
        self._marks: dict[str, SealMark] = {}
        self._seal_kinds: dict[str, str] = {}
        self._people: dict[str, str] = {}
        self._reveal_after_checks = False
        self._preflight_timer = QTimer(self)
        self._preflight_timer.setSingleShot(True)
        self._preflight_timer.setInterval(PREFLIGHT_DELAY_MS)
        self._preflight_timer.timeout.connect(self.run_preflight)
        self._rules: dict = {}  # seal key -> PlacementRule when placed by keyword, page set or field
        self._applying_places = False
        self._further: list[int] = []
        self._places_generation = 0
        self._places_timer = QTimer(self)
        self._places_timer.setSingleShot(True)
        self._places_timer.setInterval(PREFLIGHT_DELAY_MS)
        self._places_timer.timeout.connect(self._rule_changed)
        self._build()
        self.retranslate_ui()
        self._show_nothing_open()

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        header = QFrame()
        header.setObjectName("documentHeader")
        header.setFrameShape(QFrame.StyledPanel)
        head = QVBoxLayout(header)
        self.header = QLabel("")
        self.header.setObjectName("requestHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        head.addWidget(self.header)
        outer.addWidget(header)

        split = QSplitter(Qt.Horizontal)
        self.view = DocumentView()
        self.thumbnails = ThumbnailStrip(self.view)
        split.addWidget(self.thumbnails)
        split.addWidget(self.view)
        side = QScrollArea()  # the side panel grows with the ways of placing and the checks: never cut off
        side.setObjectName("sidePanelScroll")
        self.side_scroll = side  # named in retranslate_ui
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        side.setWidget(self._side_panel())
        side.setMinimumWidth(340)
        # The checks and the Stamp button stay in sight below the scrolling panel: on a 1366x768 screen they were
        # scrolled off its bottom, and a new custodian saw no way to stamp.
        column = QWidget()
        column.setObjectName("sideColumn")
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.addWidget(side, 1)
        column_layout.addWidget(self.stamp_footer)
        split.addWidget(column)
        split.setStretchFactor(1, 1)
        split.setSizes([150, 760, 400])
        outer.addWidget(split, 1)

        self.view.placementChanged.connect(self._placement_from_view)
        self.view.placementRefused.connect(self._placement_refused)
        self.view.placementWarning.connect(lambda _key, text: self._say(text))
        self.view.documentOpened.connect(self._pages_laid_out)
        self.view.documentFailed.connect(self._document_failed)
        self.view.activeSealChanged.connect(self._seal_chosen_in_view)

    def _show_stamping(self, shown: bool) -> None:
        """The placing panel, and its checks and Stamp button below the scrolling panel, shown or hidden together."""
        self.stamp_panel.setVisible(shown)
        self.stamp_footer.setVisible(shown)

    def _side_panel(self) -> QWidget:
        panel = QWidget()
        panel.setMinimumWidth(320)
        panel.setMaximumWidth(420)
        side = QVBoxLayout(panel)
        self.stamp_panel = QWidget()
        stamp = QVBoxLayout(self.stamp_panel)
        stamp.setContentsMargins(0, 0, 0, 0)
        self.palette = SealPalette()
        self.palette.setMaximumHeight(180)
        self.palette.sealChosen.connect(self._seal_chosen)
        stamp.addWidget(self.palette)
        self.place_panel = PlacePanel()
        self.place_panel.ruleChanged.connect(self._rule_changed)
        stamp.addWidget(self.place_panel)
        form = QFormLayout()
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setRange(1, 1)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(self._page_chosen)
        self.x_spin, self.y_spin = self._mm_spin("xSpin"), self._mm_spin("ySpin")
        self.page_row_label, self.x_label, self.y_label = QLabel(), QLabel(), QLabel()
        for label, field in ((self.page_row_label, self.page_spin), (self.x_label, self.x_spin),
                             (self.y_label, self.y_spin)):
            label.setBuddy(field)
            form.addRow(label, field)
        stamp.addLayout(form)
        self.cross_panel = CrossPagePanel()
        self.cross_panel.changed.connect(self._cross_page_changed)
        stamp.addWidget(self.cross_panel)
        self.readout = QLabel("")
        self.readout.setObjectName("readout")
        self.readout.setWordWrap(True)  # a long seal name (法定代表人章) would push the numbers out of the panel
        stamp.addWidget(self.readout)
        out_row = QHBoxLayout()
        self.output_label = QLabel()
        stamp.addWidget(self.output_label)
        self.output_edit = QLineEdit()
        self.output_edit.setObjectName("outputEdit")
        self.output_edit.editingFinished.connect(self._output_edited)
        self.output_label.setBuddy(self.output_edit)
        self.browse_button = QToolButton()
        self.browse_button.setObjectName("browseOutput")
        self.browse_button.setText("…")
        self.browse_button.clicked.connect(self._choose_output)
        out_row.addWidget(self.output_edit, 1)
        out_row.addWidget(self.browse_button)
        stamp.addLayout(out_row)
        # The checks beside the Stamp button, where the custodian looks before pressing it; beside the page, so
        # that their lines coming in do not move the page under a seal just placed. Both below the scrolling panel.
        self.stamp_footer = QWidget()
        self.stamp_footer.setObjectName("stampFooter")
        footer = QVBoxLayout(self.stamp_footer)
        footer.setContentsMargins(9, 4, 9, 9)
        self.checks_label = QLabel("")
        self.checks_label.setObjectName("checks")
        self.checks_label.setWordWrap(True)
        self.checks_label.setTextFormat(Qt.RichText)
        footer.addWidget(self.checks_label)
        self.stamp_button = QPushButton()
        self.stamp_button.setObjectName("stampButton")
        self.stamp_button.setEnabled(False)
        self.stamp_button.clicked.connect(self.stamp)
        footer.addWidget(self.stamp_button)
        side.addWidget(self.stamp_panel)

        self.progress = QProgressBar()
        self.progress.setObjectName("stampProgress")
        self.progress.setVisible(False)
        side.addWidget(self.progress)
        self.status = QLabel("")
        self.status.setObjectName("documentStatus")
        self.status.setWordWrap(True)
        side.addWidget(self.status)

        self.result_panel = QWidget()
        self.result_panel.setObjectName("resultPanel")
        result = QVBoxLayout(self.result_panel)
        result.setContentsMargins(0, 0, 0, 0)
        self.result_label = QLabel("")
        self.result_label.setObjectName("resultSummary")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        result.addWidget(self.result_label)
        self.output_path = QLineEdit()
        self.output_path.setObjectName("outputPath")
        self.output_path.setReadOnly(True)
        result.addWidget(self.output_path)
        self.open_folder_button = QPushButton()
        self.open_folder_button.setObjectName("openFolder")
        self.open_folder_button.clicked.connect(lambda: self.open_folder(Path(self.output_path.text()).parent))
        result.addWidget(self.open_folder_button)
        self.next_label = QLabel("")
        self.next_label.setObjectName("nextStep")
        self.next_label.setWordWrap(True)
        result.addWidget(self.next_label)
        self.owed_line = OwedTimestampsLine(self.station, self.tasks)  # the office's timestamps owed, added after a stamp
        result.addWidget(self.owed_line)
        side.addWidget(self.result_panel)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.request_print)
        side.addWidget(self.print_button)
        side.addStretch(1)
        self.setTabOrder(self.palette, self.page_spin)
        self.setTabOrder(self.page_spin, self.x_spin)
        self.setTabOrder(self.x_spin, self.y_spin)
        self.setTabOrder(self.y_spin, self.cross_panel.enabled_box)
        self.setTabOrder(self.cross_panel.enabled_box, self.cross_panel.edge_combo)
        self.setTabOrder(self.cross_panel.edge_combo, self.cross_panel.at_spin)
        self.setTabOrder(self.cross_panel.at_spin, self.output_edit)
        self.setTabOrder(self.output_edit, self.browse_button)
        self.setTabOrder(self.browse_button, self.stamp_button)
        self.setTabOrder(self.stamp_button, self.print_button)
        return panel

    def _mm_spin(self, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setDecimals(2)  # what is typed is what is stamped: 143.9 stays 143.9
        spin.setSingleStep(0.5)
        spin.setRange(0, 2000)
        spin.setKeyboardTracking(False)  # a value half typed is not a placement
        spin.setSuffix(" mm")
        spin.valueChanged.connect(self._placement_from_spins)
        return spin

    def retranslate_ui(self) -> None:
        self.side_scroll.setAccessibleName(self.tr("Seals, placement and checks"))
        self.page_row_label.setText(self.tr("Pa&ge"))
        self.x_label.setText(self.tr("&X (centre, from the left)"))
        self.y_label.setText(self.tr("&Y (centre, from the top)"))
        self.output_label.setText(self.tr("&Output file"))
        self.browse_button.setAccessibleName(self.tr("Choose the output file"))
        self.browse_button.setToolTip(self.tr("Choose the output file"))
        self.stamp_button.setText(self.tr("S&tamp"))
        self.print_button.setText(self.tr("&Print…"))
        self.open_folder_button.setText(self.tr("Open the &folder"))
        self.output_path.setAccessibleName(self.tr("Full path of the stamped file"))
        self.progress.setAccessibleName(self.tr("Stamping progress"))
        self.checks_label.setAccessibleName(self.tr("Checks before stamping"))
        self._show_header()
        self._show_checks()
        self._show_readout()
        i18n.reword(self.status, self.result_label, self.next_label)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- the person at the window ---------------------------------------------------------

    def set_user(self, user: str) -> None:
        """Who is logged in: the preflight checks what this person may do."""
        self.user = user
        self.schedule_preflight()

    # -- opening ------------------------------------------------------------------------

    def open_work_item(self, item, path: Path) -> bool:
        """A request chosen in the work queue: its document, judged under that request (a file may have several)."""
        return self.open_document(path, request_id=item.request_id)

    def open_document(self, path: str | Path, *, request_id: str | None = None) -> bool:
        """Show the document, find its request (``request_id``'s, or the one that covers the file) and run the checks;
        False (and why) when there is no such file."""
        path = Path(path)
        if not path.is_file():
            self._document_failed(FileNotFoundError(str(path)), path)
            return False
        self.view.open_document(path)  # laid out when the render process has read the pages (_pages_laid_out)
        self.document, self.covering, self.preflights = path, None, []
        self.last_results = []
        self._generation += 1
        self.result_panel.setVisible(False)
        self.print_button.setVisible(False)
        self._say("")
        self.output_edit.setText(str(default_output(path, self.station.home.root)))
        self._marks = {}
        self._forget_places()
        self.palette.set_seals([], None)
        self.view.set_seals([])
        self.view.set_strips([])
        self.cross_panel.set_on(False)
        self._show_stamping(False)
        self._show_header(finding=True)
        self._show_checks()
        generation = self._generation
        self.tasks.run(lambda: self.station.stamping().request_for(path, request_id=request_id),
                       lambda found: self._covering_found(generation, found),
                       lambda exc: self._covering_failed(generation, exc))
        return True

    def _pages_laid_out(self, pages: int) -> None:
        """The document's pages are known: seals usually go on the last one, so it is shown first."""
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, pages)
        self.page_spin.setValue(pages)
        self.page_spin.blockSignals(False)
        if not self.view.placements():
            self.view.go_to_page(pages)
        self._place_due_seal()
        self._preview_strips()

    def _document_failed(self, exc: BaseException, path: Path | None = None) -> None:
        name = (path or self.document or Path("")).name
        self.document = None
        self._generation += 1  # the request found for it, if any, is for nothing now
        self._show_nothing_open()
        self._say(lambda: self.tr("Cannot open {name}: {problem}").format(name=name, problem=problem_text(exc)))
        self.last_error = exc

    def _place_due_seal(self) -> None:
        """The seal due next starts at the lower right of the last page, where seals usually go; then it is moved."""
        key, pages = self.active_seal(), self.view.page_count
        if key is None or not pages or key in self.view.placements():
            return
        width, height = self.view.page_size_mm(pages)
        if self.view.place_seal(key, pages, round(width * 0.7), round(height * 0.8)):
            self.view.reveal_seal(key)
            self._reveal_after_checks = True  # the checks' lines push the page down once they are shown

    def _covering_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._show_header()
            self._say(lambda: problem_text(exc))

    def _covering_found(self, generation: int, found) -> None:
        if generation != self._generation:
            return  # another document was opened meanwhile
        self.covering = found
        self._show_header()
        if found is None or not found.seals_left:
            self._show_stamping(False)
            self.print_button.setVisible(found is not None)
            self._show_checks()
            return
        marks = []
        for seal_id in found.seals_left:  # only what the request approves, in the order they are due
            try:
                record = self.station.seals.get(seal_id)
                image = self.station.seals.load_image(record)
                marks.append(SealMark(seal_id, seal_title(record.name, record.kind), image, record.size_mm))
            except SealStationError as exc:
                self._say(lambda exc=exc: problem_text(exc))
        self._marks = {mark.key: mark for mark in marks}
        # An approval of a seal with a cross-page seal (seal+cross-page) turns it on: the stamp needs it.
        if any(is_cross_page_entry(key) for key in found.seals_left):
            height = self.view.page_size_mm(1)[1] if self.view.page_count else 297.0
            self.cross_panel.set_on(True, at_mm=round(height / 2, 1))
        self.view.set_seals(marks)
        self.palette.set_seals(marks, marks[0].key if marks else None)  # only what is approved; the next one due chosen
        self._show_stamping(True)
        if marks:
            self.view.set_active_seal(marks[0].key)
            self._place_due_seal()
            self.view.setFocus(Qt.OtherFocusReason)  # the arrow keys nudge it at once
            self._load_place_choices()
        self.schedule_preflight()

    # -- the header: which request, what the checks say ---------------------------------------

    def _show_nothing_open(self) -> None:
        self._show_stamping(False)
        self.result_panel.setVisible(False)
        self.print_button.setVisible(False)
        self.header.setText(self.tr("No document open. Open one from the work queue or with File ▸ Open (Ctrl+O)."))
        self.checks_label.clear()

    def _show_header(self, finding: bool = False) -> None:
        if self.document is None:
            return
        name = self.document.name
        if finding:
            self.header.setText(self.tr("{name}: finding the request that covers this file…").format(name=name))
            return
        found = self.covering
        if found is None:
            self.header.setText(self.tr(
                "{name}: no approved request covers this file, so nothing can be stamped on it.\n"
                "An approval is made by an approver with the authority for the seal: in the OA system (its signed "
                "approval file is imported here), or in person at this station (sealstation approve). A file "
                "changed after its approval needs a new one.").format(name=name))
            return
        request, approval = found.request, found.approval
        seals = self._seal_list(request.seals)
        text = self.tr("{name} — request {id} ({state}): {purpose}\nSeals approved: {seals}; copies: {copies}; "
                       "approver: {approver}").format(
            name=name, id=request.id, state=self._state_words(request.state.value), purpose=request.purpose or "—", seals=seals,
            copies=request.copies,
            approver=self._person(approval.approver) if approval else self.tr("not approved yet"))
        if not found.seals_left:
            text += "\n" + self.tr("Every approved seal is stamped on this request; what is left is printing.")
        self.header.setText(text)

    def _seal_words(self, seal_id: str) -> str:
        """A seal as the queue names it (合同专用章 …): its kind in the window's language, else its id."""
        if seal_id not in self._seal_kinds:
            try:
                self._seal_kinds[seal_id] = self.station.seals.get(seal_id).kind.value
            except SealStationError:
                self._seal_kinds[seal_id] = ""
        return seal_words(self._seal_kinds[seal_id], seal_id)

    def _seal_list(self, seal_ids) -> str:
        return self.tr(", ", "between the names of seals").join(self._seal_words(s) for s in seal_ids)

    def _person(self, username: str) -> str:
        """A person as the queue names them: their display name (总经理 张三), else their user name."""
        if username not in self._people:
            try:
                user = self.station.users.get(username)
            except SealStationError:
                user = None
            self._people[username] = user.display_name if user is not None and user.display_name else username
        return self._people[username]

    def _state_words(self, state: str) -> str:
        words = {"received": self.tr("received, not approved yet"), "approved": self.tr("approved"),
                 "stamped": self.tr("stamped"), "returned": self.tr("returned"), "refused": self.tr("refused"),
                 "superseded": self.tr("superseded")}
        return words.get(state, state)

    def _check_words(self, name: str) -> str:
        words = {"document": self.tr("Document readable"),
                 "station": self.tr("Station may stamp (journal, clock, archive)"),
                 "custodian": self.tr("You may stamp"),
                 "seal": self.tr("Seal usable"),
                 "approval": self.tr("Approval valid and unused for this seal"),
                 "output": self.tr("Output file can be written"),
                 "placement": self.tr("Seal placed on the page")}
        return words.get(name, name)

    def _show_checks(self) -> None:
        if self.document is None or self.covering is None or not self.preflights:
            self.checks_label.setText("")
            return
        lines = []
        for preflight in self.preflights:
            lines.append("<b>{}</b>".format(_html(self.tr("Checks for the {seal}:").format(
                seal=self._seal_words(preflight.seal_id)))))
            for check in preflight.checks:
                mark = "✔" if check.ok else ("✘" if check.ok is False else "–")
                colour = "#1b5e20" if check.ok else ("#b00020" if check.ok is False else "#666666")
                words = self._check_words(check.name)
                if check.problem is not None:
                    words = self.tr("{check}: {problem}").format(check=words, problem=problem_text(check.problem))
                elif check.ok is None:
                    words = self.tr("{check}: not checked yet").format(check=words)
                lines.append(f'<span style="color:{colour}">{mark} {_html(words)}</span>')
        if all(p.ok for p in self.preflights):
            lines.append("<b>{}</b>".format(_html(self.tr("Every check passed: the stamp can be made."))))
        else:
            lines.append("<b>{}</b>".format(_html(self.tr("Stamping is not possible until the problems above are "
                                                         "solved; no password or PIN is asked before."))))
        self.checks_label.setText("<br>".join(lines))

    # -- placing --------------------------------------------------------------------------

    def active_seal(self) -> str | None:
        return self.palette.chosen

    def _seal_chosen(self, key: str) -> None:
        self.view.set_active_seal(key)
        self._sync_spins()
        if key in self._rules:  # the panel says how this seal is placed, not how the one before was
            self.place_panel.show_rule(self._rules[key])
        else:
            self.place_panel.show_plain()

    def _seal_chosen_in_view(self, key: str) -> None:
        if key != self.palette.chosen:
            self.palette.choose(key)  # a seal dragged or clicked on the page is the one the fields show

    def _page_chosen(self, page: int) -> None:
        # The page field is the chosen seal's page (as X and Y are its centre): the seal moves there, same X and Y.
        self.view.go_to_page(page)
        key = self.active_seal()
        if key is not None and self.view.place_seal(key, page, self.x_spin.value(), self.y_spin.value()):
            self.view.reveal_seal(key)
        self._sync_spins()

    def _placement_from_view(self, key: str, page: int, x: float, y: float) -> None:
        if key == self.active_seal():
            self._set_spins(page, x, y)
            self._seal_moved_by_hand()
        self._show_readout()
        self.schedule_preflight()

    def _placement_refused(self, _key: str, why: str) -> None:
        self._say(why)
        self._sync_spins()  # the fields show where the seal is, not where it could not go

    def _placement_from_spins(self, *_args) -> None:
        key = self.active_seal()
        if key is not None and self.view.place_seal(key, self.page_spin.value(), self.x_spin.value(), self.y_spin.value()):
            self.view.reveal_seal(key)  # typed numbers put the seal where the person can see it

    def _sync_spins(self) -> None:
        placed = self._placement_of(self.active_seal())
        if placed is not None:
            self._set_spins(placed.page, placed.x_mm, placed.y_mm)
        self._show_readout()

    def _set_spins(self, page: int, x: float, y: float) -> None:
        for spin, value in ((self.page_spin, page), (self.x_spin, x), (self.y_spin, y)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    def placements(self) -> list[SealPlacement]:
        """Every seal placed in this sitting, with its page and centre in mm on the page as displayed."""
        return [SealPlacement(key, *where) for key, where in self.view.placements().items()]

    def _placement_of(self, key: str | None) -> SealPlacement | None:
        where = self.view.placements().get(key) if key is not None else None
        return SealPlacement(key, *where) if where is not None else None

    def _show_readout(self) -> None:
        placed = self._placement_of(self.active_seal())
        if placed is None:
            self.readout.setText("")
            return
        self.readout.setText(self.tr("{seal}: page {page}, centre at ({x:.2f}, {y:.2f}) mm").format(
            seal=self._seal_words(placed.key), page=placed.page, x=placed.x_mm, y=placed.y_mm))

    def placed_in_order(self) -> list:
        """The seals placed in this sitting, in the order the request has them due; a cross-page seal first (it
        draws into the pages, which an earlier signature forbids)."""
        due = list(self.covering.seals_left) if self.covering else []
        due.sort(key=lambda key: not is_cross_page_entry(key))
        placed = {p.key: p for p in self.placements()}
        return [placed[key] for key in due if key in placed]

    def specs(self, overwrite_final: bool = False) -> list[StampRequestSpec]:
        """One request spec per placed seal, each on the output of the one before (the first on the document)."""
        placed = self.placed_in_order()
        outputs = chain_outputs(Path(self.output_edit.text()), [p.key for p in placed])
        specs, source = [], self.document
        for n, (p, out) in enumerate(zip(placed, outputs)):
            last = n == len(placed) - 1
            # The cross-page seal goes with the first seal stamped (the document is still unsigned then).
            specs.append(StampRequestSpec(source, seal_of_entry(p.key), self._rule_for(p), out,
                                          overwrite=overwrite_final and last,
                                          cross_page=self.cross_panel.spec() if n == 0 else None))
            source = out
        return specs

    # -- the cross-page seal ----------------------------------------------------------------

    def _cross_page_seal(self) -> str | None:
        """The seal the cross-page seal is cut from: the one approved with it, else the first due."""
        due = list(self.covering.seals_left) if self.covering else []
        return next((key for key in due if is_cross_page_entry(key)), due[0] if due else None)

    def _cross_page_changed(self) -> None:
        self._preview_strips()
        self.schedule_preflight()

    def _preview_strips(self) -> None:
        """Ask the core where each strip goes (off the GUI thread) and draw them on every page before any secret."""
        spec, seal, document = self.cross_panel.spec(), self._cross_page_seal(), self.document
        if spec is None or seal is None or document is None:
            self.view.set_strips([])
            return
        self._strips_asked += 1
        generation = (self._strips_asked, document)
        png = self._marks[seal].png if seal in self._marks else b""
        self.tasks.run(lambda: self.station.stamping().cross_page_preview(document, seal, spec),
                       lambda plan: self._strips_planned(generation, plan, png),
                       lambda exc: self._strips_refused(generation, exc))

    def _strips_planned(self, generation: tuple, plan, png: bytes) -> None:
        if generation != (self._strips_asked, self.document):
            return  # asked again since, or another document
        self.view.set_strips(strip_boxes(plan), png)
        groups = plan.groups
        if len(groups) == 1:
            self.cross_panel.set_summary(self.tr("Strips on all {pages} pages, one strip a page.").format(
                pages=plan.page_count))
        else:
            ranges = self.tr(", ", "between page ranges").join(f"{g[0]}–{g[-1]}" for g in groups)
            self.cross_panel.set_summary(self.tr(
                "Strips on all {pages} pages, in {count} groups of pages, each carrying the whole seal: pages "
                "{ranges}.").format(pages=plan.page_count, count=len(groups), ranges=ranges))

    def _strips_refused(self, generation: tuple, exc: BaseException) -> None:
        if generation != (self._strips_asked, self.document):
            return
        self.view.set_strips([])
        self.cross_panel.set_summary(problem_text(exc))

    # -- every check before any secret -------------------------------------------------------

    def schedule_preflight(self) -> None:
        if self.document is not None and self.covering is not None:
            self.stamp_button.setEnabled(False)
            self._preflight_timer.start()

    def run_preflight(self) -> None:
        """Ask the station, off the GUI thread, whether each placed seal can be stamped; late answers are dropped."""
        if self.document is None or self.covering is None or not self.user or self.busy:
            return
        self._generation += 1
        self._checked_output = self.output_edit.text()
        generation, specs, user = self._generation, self._preflight_specs(), self.user
        self.tasks.run(lambda: [self.station.stamping().preflight(spec, user=user) for spec in specs],
                       lambda found: self._preflight_done(generation, found),
                       lambda exc: self._preflight_failed(generation, exc))

    def _preflight_specs(self) -> list[StampRequestSpec]:
        # Each seal as it will be stamped, judged on the document as opened: the later outputs do not exist yet.
        # A file already at the output is a question asked at Stamp, not a refusal (the core still refuses to
        # replace an approved document or an earlier stamp's output, asked or not).
        exists = Path(self.output_edit.text()).exists()
        return [replace(spec, document=self.document) for spec in self.specs(overwrite_final=exists)]

    def _preflight_done(self, generation: int, found: list) -> None:
        if generation != self._generation:
            return
        self.preflights = found
        self._show_checks()
        self._enable_stamp()
        if self._reveal_after_checks and self.active_seal():
            self._reveal_after_checks = False
            self.view.reveal_seal(self.active_seal())

    def _preflight_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.preflights = []
            self._say(problem_text(exc))
            self._enable_stamp()

    def can_stamp(self) -> bool:
        return (not self.busy and bool(self.preflights) and all(p.ok for p in self.preflights)
                and len(self.preflights) == len(self.placed_in_order()))

    def _enable_stamp(self) -> None:
        self.stamp_button.setEnabled(self.can_stamp())

    # -- stamping -------------------------------------------------------------------------

    def stamp(self) -> None:
        """Check once more (no secret), then ask the password and PIN once, then stamp each seal in order."""
        if not self.can_stamp():
            return
        final = Path(self.output_edit.text())
        overwrite = False
        if final.exists():
            # The core never replaces a file unasked; the person says so here, and only here.
            if not self.confirm_overwrite(final):
                self._say(lambda: self.tr("Cancelled; nothing was stamped."))
                return
            overwrite = True
        specs = self.specs(overwrite_final=overwrite)
        # How many further places each seal has (a page set, every match), said with its result.
        self._further = [sum(1 for e in self.view.echoes() if e[0] == spec.seal_id) for spec in specs]
        self._set_busy(True, lambda: self.tr("Checking once more before the password and PIN…"))
        user = self.user
        checks = [replace(spec, document=self.document) for spec in specs]

        def recheck():
            found = [self.station.stamping().preflight(spec, user=user) for spec in checks]
            return found, (self.station.token_info() if all(p.ok for p in found) else None)

        self.tasks.run(recheck, lambda done: self._ask_secrets(specs, *done), self._failed)

    def _ask_secrets(self, specs, preflights, token) -> None:
        self.preflights = preflights
        self._show_checks()
        if not all(p.ok for p in preflights):
            self._set_busy(False, lambda: self.tr("Not stamped: a check failed (see above). No password or PIN was "
                                                  "asked."))
            return
        names = [self._seal_name(spec.seal_id) for spec in specs]
        self._sitting = {"specs": specs, "next": 0, "results": [], "secrets": None}
        self.pin_dialog = PinDialog(token, names, self.user, self._verify_password, self)
        self.pin_dialog.confirmed.connect(self._secrets_given)
        self.pin_dialog.rejected.connect(self._secrets_refused)
        self.pin_dialogs_opened += 1
        self._say(lambda: self.tr("Waiting for the password and the PIN…"))
        self.pin_dialog.open()

    def _verify_password(self, user: str, password: str) -> None:
        self.station.check_password(user, password)  # a wrong one is journalled and counted, as at the gate

    def _seal_name(self, seal_id: str) -> str:
        mark = self._marks.get(seal_id) or self._marks.get(approval_entry(seal_id, True))
        return mark.name if mark else seal_id

    def token_pulled(self) -> None:
        """The USB key went: the core closed its session; a PIN dialog waiting for it is closed, nothing typed kept."""
        self.abandon_secrets()

    def shutdown(self) -> None:
        """The screen goes for good: the preview's render process stops."""
        self.view.shutdown()

    def abandon_secrets(self) -> bool:
        """Close a PIN dialog nobody answered (the idle lock): what was typed is cleared, nothing is stamped.
        False when a stamp is running (it is never cut short here)."""
        if self.pin_dialog is not None and self.pin_dialog.isVisible() and not self.tasks.busy:
            self.pin_dialog.reject()
        return not self.busy

    def _secrets_given(self) -> None:
        self._sitting["secrets"] = self.pin_dialog.secrets()
        self._next_seal()

    def _secrets_refused(self) -> None:
        done = len(self._sitting["results"]) if self._sitting else 0
        self._end_sitting()
        if done:
            self._finished_sitting(stopped=True)
        else:
            self._set_busy(False, lambda: self.tr("Cancelled; nothing was stamped."))

    def _next_seal(self) -> None:
        sitting = self._sitting
        n, specs = sitting["next"], sitting["specs"]
        if n >= len(specs):
            self._end_sitting()
            self._finished_sitting()
            return
        spec = specs[n]
        user, password, pin = sitting["secrets"]
        self.progress.setRange(0, len(specs))
        self.progress.setValue(n)
        self._set_busy(True, lambda: self.tr("Stamping seal {n} of {total}: {seal}…").format(
            n=n + 1, total=len(specs), seal=self._seal_name(spec.seal_id)))

        def work():
            # The gate (journal, login, seal, approval) and the signature, off the GUI thread.
            plan = self.station.stamping().plan_stamp(spec)
            auth = self.station.stamping().authorise_stamp(plan, user=user, password=password)
            result = self.station.stamping().stamp(auth, spec.output, pin=pin)
            return result, self.station.audit().verify(result.output)

        self.tasks.run(work, self._seal_done, self._seal_failed)

    def _seal_done(self, done) -> None:
        self._sitting["results"].append(done)
        self._sitting["next"] += 1
        self.progress.setValue(self._sitting["next"])
        self._next_seal()

    def _seal_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PinIncorrectError) and not isinstance(exc, PinLockedError) and self.pin_dialog is not None:
            message = problem_text(exc)
            self._say(lambda: problem_text(exc))
            self.tasks.run(self.station.token_info, lambda info: self.pin_dialog.pin_refused(message, info),
                           lambda _e: self.pin_dialog.pin_refused(message, None))
            return
        done = bool(self._sitting and self._sitting["results"])
        self._end_sitting()
        if done:
            self._finished_sitting(stopped=True)
        self._failed(exc)

    def _end_sitting(self) -> None:
        if self.pin_dialog is not None:
            self.pin_dialog.clear_all()
            self.pin_dialog.hide()
            self.pin_dialog.deleteLater()
            self.pin_dialog = None
            self.activateWindow()  # the keys go to the window again (Ctrl+P for the next step)
        if self._sitting is not None:
            self._sitting["secrets"] = None
            self.last_results = self._sitting["results"]
            self._sitting = None

    def _finished_sitting(self, stopped: bool = False) -> None:
        results = self.last_results
        i18n.say(self.result_label, lambda: self._result_words(results, stopped))
        last = results[-1][0].output
        self.output_path.setText(str(last))
        self.result_panel.setVisible(True)
        self._set_busy(False, "")
        self.progress.setVisible(False)
        self.view.set_seals([])  # the seals are in the document now; the next ones due come with its request
        self.view.set_strips([])
        self.cross_panel.set_on(False)
        self.view.show_stamped(last)  # the stamped document, not the unstamped input
        self.stamped.emit([r for r, _ in results])
        self.owed_line.after_stamp([r for r, _ in results], self.user)
        self._after_stamp(last)

    def _result_words(self, results, stopped: bool) -> str:
        lines = []
        for n, (result, report) in enumerate(results):
            cx, cy = result.box.placement.center_mm
            verdict = self.tr("VALID") if report.valid else self.tr("NOT VALID")
            lines.append(self.tr("Stamped {file}: page {page}, centre ({x:.2f}, {y:.2f}) mm; verification: {verdict}, "
                                 "{count} signature(s)").format(file=result.output.name, page=result.box.placement.page,
                                                                x=cx, y=cy, verdict=verdict,
                                                                count=len(report.signatures)))
            further = self._further[n] if n < len(self._further) else 0
            if further:
                lines.append(self.tr("The same seal on {count} further place(s), covered by this one signature.")
                             .format(count=further))
            strips = next((sig.cross_page_pages for sig in report.signatures
                           if sig.field == result.field_name and sig.cross_page_of), ())
            if strips:
                lines.append(self.tr("Cross-page seal: a strip on each of the {n} pages, under the same signature")
                             .format(n=len(strips)))
            lines += [self.tr("Warning: {text}").format(text=w) for w in result.warnings]
            lines += [self.tr("Warning: {text}").format(text=problem_text(n)) for n in getattr(result, "notices", ())]
        if stopped:
            lines.append(self.tr("Stopped before the remaining seals; nothing else was stamped."))
        locked = getattr(results[-1][1], "locked", None) if results else None
        if locked == "form filling":
            lines.append(self.tr("The request's last seal locked the document: only filling in the form is allowed."))
        elif locked:
            lines.append(self.tr("The request's last seal locked the document: no change is allowed."))
        return "\n".join(lines)

    def _after_stamp(self, last: Path) -> None:
        """What comes next: the next seal due on this output, or printing the approved copies."""
        self.document = last
        self._generation += 1
        generation = self._generation
        self.preflights = []
        self.tasks.run(lambda: self.station.stamping().request_for(last), lambda found: self._next_step(generation, found),
                       lambda exc: self._covering_failed(generation, exc))

    def _next_step(self, generation: int, found) -> None:
        if generation != self._generation:
            return
        self.covering = found
        self._show_header()
        if found is not None and found.seals_left:
            i18n.say(self.next_label, lambda: self.tr("Next: the {seals} on this output. Place it and stamp.").format(
                seals=self._seal_list(found.seals_left)))
            self.output_edit.setText(str(default_output(self.document, self.station.home.root)))
            self._covering_found(generation, found)
        else:
            copies = found.request.copies if found else 0
            i18n.say(self.next_label, lambda: self.tr("Next: print the approved copies ({copies}) with Print "
                                                      "(Ctrl+P).").format(copies=copies))
            self._show_stamping(False)
            self.print_button.setVisible(True)
            self.print_button.setFocus(Qt.OtherFocusReason)
        self._show_checks()

    def request_print(self) -> None:
        target = self.last_results[-1][0].output if self.last_results else self.document
        if target is not None:
            self.printRequested.emit(target)

    # -- small things ---------------------------------------------------------------------

    def _set_busy(self, busy: bool, message) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        if busy and self._sitting is None:
            self.progress.setRange(0, 0)  # checking: no steps to count yet
        self._say(message)
        self._enable_stamp()
        self.busyChanged.emit(busy)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False, lambda: self.tr("Not stamped: {problem}").format(problem=problem_text(exc)))
        self.last_error = exc

    def _say(self, words) -> None:
        """The status line: ``words`` a callable wording it in the window's language (said again on a change), or
        a string shown as it is."""
        i18n.say(self.status, words)

    def _output_edited(self) -> None:
        # Leaving the field unchanged (Tab on to Stamp) is no new question: the button stays as it is.
        if self.output_edit.text() != self._checked_output:
            self.schedule_preflight()

    def _choose_output(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Stamped file"), self.output_edit.text(), "PDF (*.pdf)")
        if path:
            self.output_edit.setText(path)
            self.schedule_preflight()

    def _confirm_overwrite_dialog(self, path: Path) -> bool:
        answer = QMessageBox.question(self, self.tr("Replace the file?"),
                                      self.tr("{path} exists. Replace it with the stamped file?").format(path=path),
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    @staticmethod
    def _open_folder(folder: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


    # -- placing by keyword, page set or signature field (place_panel.py) ------------------------------------

    def _forget_places(self) -> None:
        self._rules = {}
        self._places_generation += 1
        self.place_panel.reset()
        self.view.set_echoes([])
        self.view.set_highlights([])

    def _load_place_choices(self) -> None:
        """The document's seal phrases and empty signature fields, offered in the panel (read off the GUI thread)."""
        path, generation, desk = self.document, self._generation, self.station.stamping()

        def read():
            return desk.seal_phrases(path), tuple(f.name for f in desk.signature_fields(path)
                                                  if not f.signed and f.page)

        self.tasks.run(read, lambda found: generation == self._generation and self.place_panel.set_choices(*found),
                       lambda _exc: None)  # the document's own faults are said by the checks

    def _rule_for(self, placed):
        """The placement stamped for a placed seal: its rule (the seal's own page and centre for a page set), else
        the plain placement."""
        rule = self._rules.get(placed.key)
        if rule is None:
            return Placement(placed.page, (placed.x_mm, placed.y_mm))
        if rule.at_mm is not None:
            return replace(rule, at_mm=(placed.x_mm, placed.y_mm), page=placed.page)
        return rule

    def _seal_moved_by_hand(self) -> None:
        """A seal placed by keyword or field and then moved by hand is at a position now; a page set follows it."""
        if self._applying_places:
            return
        key = self.active_seal()
        if self.place_panel.mode != POSITION and key in self._rules:
            self._rules.pop(key, None)
            self.place_panel.blockSignals(True)
            self.place_panel.set_mode(POSITION)
            self.place_panel.blockSignals(False)
            self.view.set_highlights([])
        if key in self._rules or self.place_panel.mode != POSITION or not self.place_panel.is_plain():
            self._places_timer.start()

    def _rule_changed(self) -> None:
        """The panel's choice changed: ask the station where it puts the active seal, then show it."""
        key, where = self.active_seal(), self._placement_of(self.active_seal())
        if self.document is None or key is None:
            return
        self._places_generation += 1
        if self.place_panel.is_plain():
            self._rules.pop(key, None)
            self.view.set_echoes([e for e in self.view.echoes() if e[0] != key])
            self.view.set_highlights([])
            self.place_panel.say("")
            self.schedule_preflight()
            return
        page = where.page if where else self.view.current_page or 1
        try:
            rule = self.place_panel.rule(page, where.x_mm if where else 0.0, where.y_mm if where else 0.0)
        except SealStationError as exc:  # pages that cannot be read
            self._places_refused(key, None, exc)
            return
        if rule is None:
            return
        if rule.at_mm is not None and where is None:
            return  # a page set for a seal not placed yet: shown once it is
        generation, path, desk = self._places_generation, self.document, self.station.stamping()
        self._rules[key] = rule
        self.tasks.run(lambda: desk.places(path, rule), lambda found: self._places_found(generation, key, found),
                       lambda exc: self._places_refused(key, rule, exc, generation))

    def _places_found(self, generation: int, key: str, found) -> None:
        if generation != self._places_generation:
            return
        first, more = found.placements[0], found.placements[1:]
        self._applying_places = True
        try:
            placed = self.view.place_seal(key, first.page, *first.center_mm)
        finally:
            self._applying_places = False
        if placed:
            self.view.go_to_page(first.page)
            self.view.reveal_seal(key)
        self.view.set_echoes([e for e in self.view.echoes() if e[0] != key]
                             + [(key, p.page, *p.center_mm) for p in more])
        self.view.set_highlights([(m.page, m.box_mm.as_tuple(), str(n), "warning")
                                  for n, m in enumerate(found.matches, 1)])
        self.place_panel.say(lambda: self._places_words(found))
        self.schedule_preflight()

    def _places_words(self, found) -> str:
        pages = ", ".join(str(p) for p in sorted({p.page for p in found.placements}))
        first = found.placements[0]
        if found.matches:
            words = self.tr("Found {count} time(s); the seal goes on {seals} of them, on page(s) {pages}.").format(
                count=len(found.matches), seals=len(found.placements), pages=pages)
        elif found.field_name:
            words = self.tr("The seal goes into the signature field {field} on page {page}.").format(
                field=found.field_name, page=first.page)
        else:
            words = self.tr("The seal goes on page(s) {pages}.").format(pages=pages)
        if len(found.placements) > 1:
            words += "\n" + self.tr("One signature covers all {count} seals.").format(count=len(found.placements))
        return words

    def _places_refused(self, key: str, rule, exc: BaseException, generation: int | None = None) -> None:
        if generation is not None and generation != self._places_generation:
            return
        self.view.set_echoes([e for e in self.view.echoes() if e[0] != key])
        self.view.set_highlights([])
        self.place_panel.say(lambda: problem_text(exc))
        if rule is not None:
            self._rules[key] = rule  # the checks refuse it too, in the same words: Stamp stays off
        self.schedule_preflight()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
