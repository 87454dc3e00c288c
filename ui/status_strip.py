"""The status strip, always visible in the window's status bar: the USB key, the seals usable today, the journal's
health and the office archive.

The token section is fed by the token watcher (:meth:`StatusStrip.show_token`);
the others are read by :meth:`StatusStrip.refresh` off the GUI thread, from
:meth:`StampingDesk.seals_usable_today`, :meth:`Station.journal_health` and
:meth:`ArchiveDesk.sync_status` (none of them needs a secret or scans the journal).
Each section says the short fact, and its tooltip the details; its ``state``
property (ok, warn, bad) colours it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from sealstation.workqueue import HealthCause

from .error_words import text as error_text
from .tasks import TaskRunner

__all__ = ["StatusStrip"]

_STYLE = ("QLabel[state=\"ok\"] { color: #1b5e20; } QLabel[state=\"warn\"] { color: #8a5a00; } "
          "QLabel[state=\"bad\"] { color: #b00020; font-weight: bold; }")


def _local(iso: str | None) -> str:
    # The station keeps UTC; the custodian reads the computer's own time.
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M") if iso else ""


class _Section(QLabel):
    """A section of the strip: shortened with "…" when the window is too narrow for it, never cut mid-word; the whole
    text stays in its tooltip, its accessible description and :meth:`text`."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self.updateGeometry()
        self._elide()

    def text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 8, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance("…") * 6, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        QLabel.setText(self, self.fontMetrics().elidedText(self._full, Qt.ElideRight, max(0, self.width() - 4)))


class StatusStrip(QWidget):
    """Four sections: token, seals usable today, journal, archive."""

    refreshed = Signal()
    """The seals, journal and archive sections were read again and shown."""

    def __init__(self, station, parent: QWidget | None = None, *, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.tasks = tasks or TaskRunner(self)
        self.setObjectName("statusStrip")
        self.setStyleSheet(_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        self._separators: dict[QLabel, QFrame] = {}
        self.token_label = self._section("statusToken", layout)
        self.seals_label = self._section("statusSeals", layout)
        self.journal_label = self._section("statusJournal", layout)
        self.archive_label = self._section("statusArchive", layout, last=True)
        self._generation = 0
        # What each section shows, kept to word it again when the language changes (no read of the station).
        self._token = None  # a TokenStatus, or (text, ok) as given
        self._seals = None
        self._health = None
        self._archive = None
        self._error: BaseException | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Word every section again in the window's language, from what was shown last."""
        self.setAccessibleName(self.tr("Station status"))
        for label, title in ((self.token_label, self.tr("USB key")), (self.seals_label, self.tr("Seals usable today")),
                             (self.journal_label, self.tr("Journal")), (self.archive_label, self.tr("Office archive"))):
            label.setAccessibleName(title)
        if self._token is None:
            self._set(self.token_label, self.tr("USB key: not checked yet"), "ok")
        elif isinstance(self._token, tuple):
            self.set_token(*self._token)
        else:
            self.show_token(self._token)
        self.show_seals(self._seals)
        if self._health is not None:
            self.show_health(self._health)
        if self._archive is not None:
            self.show_archive(self._archive)
        if self._error is not None:
            self._show_error(self._error)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _section(self, name: str, layout: QHBoxLayout, *, last: bool = False) -> QLabel:
        label = _Section()
        label.setObjectName(name)
        label.setProperty("state", "ok")
        layout.addWidget(label)
        if not last:
            line = QFrame()
            line.setFrameShape(QFrame.VLine)
            line.setFrameShadow(QFrame.Sunken)
            layout.addWidget(line)
            self._separators[label] = line
        return label

    @staticmethod
    def _set(label: QLabel, text: str, state: str, tip: str = "") -> None:
        label.setText(text)
        label.setToolTip(tip or text)
        label.setAccessibleDescription(tip or text)
        if label.property("state") != state:
            label.setProperty("state", state)
            label.style().unpolish(label)
            label.style().polish(label)

    # -- the USB key (the token watcher's words) ----------------------------------------

    def set_token(self, text: str, ok: bool) -> None:
        """Show the USB key's state in words already chosen (they stay in their language)."""
        self._token = (text, ok)
        self._set(self.token_label, text, "ok" if ok else "bad", text)

    def show_token(self, status) -> None:
        """Show a :class:`TokenStatus` as the token watcher words it (present, label and serial; absent; unseen),
        worded again when the language changes."""
        from .token_watch import describe

        text, ok = describe(status)
        self._token = status
        self._set(self.token_label, text, "ok" if ok else "bad", text)

    # -- seals, journal, archive --------------------------------------------------------

    def refresh(self, user: str | None, *, stamps: bool = True) -> None:
        """Read the seals of ``user`` (none when nobody is logged in), the journal's health and the archive's
        status in the background, and show them. ``stamps``: False for someone who does not stamp (the office, an
        approver, an auditor): the seals section is hidden, not a warning that they keep no seal."""
        self._show_seals_section(stamps or user is None)
        if not stamps:
            user = None
        self._generation += 1
        generation, station = self._generation, self.station

        def read():
            seals = station.stamping().seals_usable_today(user) if user else None
            return seals, station.journal_health(), station.archive().sync_status()

        self.tasks.run(read, lambda result: self._show(generation, *result), lambda exc: self._failed(generation, exc))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._error = exc
            self._show_error(exc)

    def _show_error(self, exc: BaseException) -> None:
        self._set(self.journal_label, self.tr("Status cannot be read"), "bad", error_text(exc))

    def _show(self, generation: int, seals, health, archive) -> None:
        if generation != self._generation:
            return
        self._error = None
        self.show_seals(seals)
        self.show_health(health)
        self.show_archive(archive)
        self.refreshed.emit()

    def _show_seals_section(self, visible: bool) -> None:
        self.seals_label.setVisible(visible)
        self._separators[self.seals_label].setVisible(visible)

    def show_seals(self, seals) -> None:
        self._seals = seals
        if seals is None:
            self._set(self.seals_label, self.tr("Seals: log in to see yours"), "ok")
            return
        if not seals:
            self._set(self.seals_label, self.tr("No seal is kept by you"), "warn")
            return
        usable = [s for s in seals if s.usable]
        lines = []
        for seal in seals:
            if seal.usable and seal.as_deputy:
                lines.append(self.tr("{seal}: usable as deputy (代管) until {until}").format(
                    seal=seal.seal_id, until=seal.until.astimezone().strftime("%Y-%m-%d %H:%M")))
            elif seal.usable:
                lines.append(self.tr("{seal}: usable").format(seal=seal.seal_id))
            else:
                why = error_text(seal.error) if seal.error is not None else seal.problem
                lines.append(self.tr("{seal}: not usable: {why}").format(seal=seal.seal_id, why=why))
        state = "ok" if len(usable) == len(seals) else ("warn" if usable else "bad")
        self._set(self.seals_label, self.tr("Seals usable today: {n} of {total}").format(
            n=len(usable), total=len(seals)), state, "\n".join(lines))

    def show_health(self, health) -> None:
        self._health = health
        if health.ok:
            if health.checkpoint_seq is None:
                tip = self.tr("No stamp has written a checkpoint to a USB key yet ({head} entries).").format(
                    head=health.head_seq)
            elif health.checked:
                tip = self.tr("The journal (entries 1–{head}) agrees with the last checkpoint written to a seal's "
                              "USB key (entry {seq}).").format(head=health.head_seq, seq=health.checkpoint_seq)
            else:
                tip = self.tr("{n} entries since the last checkpoint (entry {seq}): the next stamp verifies them "
                              "against the USB key.").format(n=health.head_seq - health.checkpoint_seq,
                                                            seq=health.checkpoint_seq)
            self._set(self.journal_label, self.tr("Journal: intact"), "ok", tip)
            return
        words = {
            HealthCause.TAMPERED: self.tr("Stamping stopped: the journal failed verification"),
            HealthCause.CHECKPOINT: self.tr("Stamping will stop: the journal disagrees with the USB key's checkpoint"),
            HealthCause.CLOCK: self.tr("Stamping stopped: the computer's clock was set back"),
            HealthCause.SYNC_GRACE: self.tr("Stamping stopped: the office archive has not been reached for too long"),
            HealthCause.NOT_UPGRADED: self.tr("Stamping stopped: the station's records are not office-signed"),
        }
        tip = "\n".join(part for part in (health.reason, health.hint) if part)
        self._set(self.journal_label, words.get(health.cause, health.reason), "bad", tip)

    def show_archive(self, status) -> None:
        self._archive = status
        if status.archive is None:
            self._set(self.archive_label, self.tr("Archive: none configured"), "warn",
                      self.tr("This station sends its records to no office archive. The office sets one in "
                              "Office ▸ Station set-up."))
            return
        last = _local(status.last_success) or self.tr("never")
        tip = self.tr("Archive {archive}\nLast successful sync: {last}").format(archive=status.archive, last=last)
        if status.failures:
            text = self.tr("Archive: {n} waiting; sync failing ({failures}×), next try {next}").format(
                n=status.waiting_entries, failures=status.failures, next=_local(status.next_try)[11:] or "-")
            self._set(self.archive_label, text, "bad",
                      tip + "\n" + self.tr("Last failure: {error}").format(error=status.last_error or "-"))
            return
        text = self.tr("Archive: {n} entries waiting ({stamps} stamps); last sync {last}").format(
            n=status.waiting_entries, stamps=status.waiting_stamps, last=last)
        self._set(self.archive_label, text, "warn" if status.waiting_stamps else "ok", tip)
