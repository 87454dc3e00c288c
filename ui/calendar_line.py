"""One seal's line on the office's calendar: who holds it (its custodian, by the signed versions of its record) and
its delegations (代管) as dated bars, with today marked. The header variant draws the days."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["CalendarLine", "local_day", "last_local_day", "delegation_state"]

LANE = 22
"""Height of one lane (the custody band, each delegation) in pixels."""

_COLOURS = {"current": QColor("#2f6fb3"), "planned": QColor("#8fb5dd"), "ended": QColor("#b8b8b8")}


def local_day(moment: dt.datetime) -> dt.date:
    """The day ``moment`` falls on, on this computer's clock."""
    return moment.astimezone().date()


def last_local_day(end: dt.datetime) -> dt.date:
    """The last day of a period that ends (exclusively) at ``end``."""
    return (end - dt.timedelta(microseconds=1)).astimezone().date()


def delegation_state(d, now: dt.datetime) -> str:
    """``"planned"``, ``"current"`` or ``"ended"`` (an ended one includes one cancelled before it began)."""
    if d.ends <= d.starts or now >= d.ends:
        return "ended"
    return "current" if d.starts <= now else "planned"


class CalendarLine(QWidget):
    """``set_line(calendar, first_day, days, now)``; ``header=True``: the days' row above the lines.

    ``delegationClicked(delegation)`` when a bar is clicked.
    """

    delegationClicked = Signal(object)

    def __init__(self, header: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.header = header
        self.calendar = None
        self.first_day = dt.date.today()
        self.days = 42
        self.now = dt.datetime.now(dt.timezone.utc)
        self.selected = None
        self.names: dict[str, str] = {}
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setFocusPolicy(Qt.NoFocus if header else Qt.StrongFocus)

    def set_line(self, calendar, first_day: dt.date, days: int, now: dt.datetime, names: dict | None = None) -> None:
        """``names``: login name → the person's name, shown instead of the login name (the office knows people by
        their names)."""
        self.calendar, self.first_day, self.days, self.now = calendar, first_day, days, now
        if names is not None:
            self.names = dict(names)
        self.setFixedHeight(self.sizeHint().height())
        self.setAccessibleName(self.summary())
        self.update()

    def set_selected(self, delegation) -> None:
        self.selected = delegation
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        lanes = 1 if self.header or self.calendar is None else 1 + max(1, len(self.calendar.delegations))
        return QSize(600, lanes * LANE + 4)

    def who(self, username: str | None) -> str:
        """A person's name for their login name (the login name when the name is not known)."""
        return self.names.get(username, username) if username else ""

    def summary(self) -> str:
        """What the line shows, in words (its accessible name)."""
        if self.header:
            return QCoreApplication.translate("CalendarLine", "Days from {first} to {last}").format(
                first=self.first_day.isoformat(), last=(self.first_day + dt.timedelta(days=self.days - 1)).isoformat())
        if self.calendar is None:
            return ""
        seal = self.calendar.seal
        parts = [QCoreApplication.translate("CalendarLine", "Seal {seal}, custodian {custodian}").format(
            seal=seal.name, custodian=self.who(seal.custodian) or QCoreApplication.translate("CalendarLine", "none"))]
        for d in self.calendar.delegations:
            parts.append(QCoreApplication.translate("CalendarLine", "delegated to {deputy} from {first} to {last}, approved by {approver}")
                         .format(deputy=self.who(d.delegate), first=local_day(d.starts).isoformat(),
                                 last=last_local_day(d.ends).isoformat(), approver=self.who(d.approved_by)))
        return QCoreApplication.translate("CalendarLine", "; ").join(parts)

    # -- drawing ----------------------------------------------------------------------------------------------------

    def _x(self, moment) -> float:
        """Horizontal position of a day (a date: its start) or a moment (local time)."""
        if isinstance(moment, dt.datetime):
            local = moment.astimezone()
            day, fraction = local.date(), (local.hour * 3600 + local.minute * 60 + local.second) / 86400
        else:
            day, fraction = moment, 0.0
        offset = (day - self.first_day).days + fraction
        return max(0.0, min(float(self.width()), offset * self.width() / self.days))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        painter.setFont(small)
        self._grid(painter)
        if not self.header and self.calendar is not None:
            self._custody(painter)
            self._delegations(painter)
        today = self._x(self.now)
        painter.setPen(QPen(QColor("#c62828"), 2))
        painter.drawLine(int(today), 0, int(today), self.height())
        painter.end()

    def _grid(self, painter) -> None:
        for i in range(self.days + 1):
            day = self.first_day + dt.timedelta(days=i)
            x = self._x(day)
            monday = day.weekday() == 0
            painter.setPen(QPen(QColor("#9e9e9e" if monday else "#e0e0e0"), 1))
            painter.drawLine(int(x), 0, int(x), self.height())
            if self.header and monday and i < self.days:
                painter.setPen(QColor("#424242"))
                painter.drawText(QRectF(x + 3, 0, 80, LANE), Qt.AlignVCenter | Qt.AlignLeft, day.strftime("%m-%d"))

    def _custody(self, painter) -> None:
        spans = self.calendar.custody
        end = self.first_day + dt.timedelta(days=self.days)
        for i, span in enumerate(spans):
            until = spans[i + 1].since if i + 1 < len(spans) else None
            left = self._x(span.since)
            right = self._x(until) if until is not None else self._x(end)
            if right <= left or span.custodian is None:
                continue
            colour = QColor("#e8f5e9" if span.status.value == "issued" else "#fff3e0")
            rect = QRectF(left, 2, right - left, LANE - 4)
            painter.fillRect(rect, colour)
            painter.setPen(QColor("#2e7d32"))
            painter.drawText(rect.adjusted(4, 0, -2, 0), Qt.AlignVCenter | Qt.AlignLeft, self.who(span.custodian))

    def bars(self) -> list:
        """(rectangle, delegation) of each delegation's bar at the line's present width, a lane each."""
        if self.header or self.calendar is None:
            return []
        out = []
        for lane, d in enumerate(self.calendar.delegations, start=1):
            left, right = self._x(d.starts), self._x(d.ends)
            out.append((QRectF(left, lane * LANE + 2, max(3.0, right - left), LANE - 4), d))
        return out

    def _delegations(self, painter) -> None:
        for rect, d in self.bars():
            colour = _COLOURS[delegation_state(d, self.now)]
            painter.fillRect(rect, colour)
            if d == self.selected:
                painter.setPen(QPen(QColor("#000000"), 2))
                painter.drawRect(rect)
            painter.setPen(QColor("#ffffff") if colour.lightness() < 140 else QColor("#212121"))
            text = QCoreApplication.translate("CalendarLine", "{deputy} (approved by {approver})").format(
                deputy=self.who(d.delegate), approver=self.who(d.approved_by))
            painter.drawText(rect.adjusted(4, 0, -2, 0), Qt.AlignVCenter | Qt.AlignLeft, text)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Left and Right choose the previous and next delegation of the line, as a click on its bar does."""
        delegations = list(self.calendar.delegations) if self.calendar is not None else []
        step = {Qt.Key_Left: -1, Qt.Key_Up: -1, Qt.Key_Right: 1, Qt.Key_Down: 1}.get(event.key())
        if not delegations or step is None:
            super().keyPressEvent(event)
            return
        index = delegations.index(self.selected) + step if self.selected in delegations else 0
        self.delegationClicked.emit(delegations[max(0, min(len(delegations) - 1, index))])

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        for rect, d in self.bars():
            if rect.contains(event.position()):
                self.delegationClicked.emit(d)
                return
        super().mousePressEvent(event)
