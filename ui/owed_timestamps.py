"""The office's timestamps owed to stamped files, added by the window when the authority answers again.

A stamp made while the office's timestamp authority was down carries the station's time only; the station records
the timestamp as owed (:meth:`sealstation.desks.stamping.StampingDesk.owed_timestamps`). After the next stamp that
reached the authority (its results carry no notice), the window adds the owed document timestamps in the
background (the task runner: each network call waits at most a few seconds, never on the GUI thread) and says how
many it added in a line under the stamp's result.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from . import i18n

__all__ = ["OwedTimestampsLine"]


class OwedTimestampsLine(QLabel):
    """A line under a stamp's result: the owed timestamps the window just added (hidden when there were none)."""

    def __init__(self, station, tasks, parent=None) -> None:
        super().__init__("", parent)
        self.station, self.tasks = station, tasks
        self.setObjectName("owedTimestamps")
        self.setWordWrap(True)
        self.setVisible(False)
        self.outcomes: tuple = ()

    def after_stamp(self, results, user: str) -> None:
        """``results``: the sitting's StampResults. When the authority answered them all, catch up on the owed."""
        self.setVisible(False)
        if not user or any(getattr(r, "notices", ()) for r in results):
            return  # the authority is down now: trying again at once would only wait for it once more
        desk = self.station.stamping()
        self.tasks.run(lambda: desk.add_owed_timestamps(by=user) if desk.owed_timestamps() else (),
                       self._added, self._failed)

    def _added(self, outcomes) -> None:
        self.outcomes = tuple(outcomes)
        added = sum(1 for o in self.outcomes if o.added)
        left = len(self.outcomes) - added
        if not self.outcomes:
            return
        i18n.say(self, lambda: self.tr("The office's timestamp was added to {added} file(s) stamped while its "
                                       "authority was down; {left} still wait for it.").format(added=added, left=left))
        self.setVisible(True)

    def _failed(self, exc: BaseException) -> None:
        from .error_words import text

        i18n.say(self, lambda: text(exc))
        self.setVisible(True)
