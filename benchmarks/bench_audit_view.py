"""The auditor's journal screen (ui/audit_journal.py) on a 1,000,000-entry journal: opening, scrolling, a month.

Called by bench_audit_journal.py (which builds the journal); run alone with the journal's path:
    PYTHONPATH=. QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_audit_view.py /tmp/.../journal-1000000.db

The screen is the real one, on the real desk's queries; the station around it is the journal's database only (no
token, no users: the desk's role check, one lookup of the person's record by its key, is left out here).

- open: the screen built and shown until its first page is in the table and painted (the months, seals, users and
  kinds read first, as the screen does);
- scroll: the scroll bar pulled to its end over and over, as a person dragging it down, until 20,000 entries are
  loaded (at once after choosing all months, while the whole journal is counted in the background); the longest
  the GUI thread was held (a frame) and how long each page took to arrive;
- month: another month chosen in the month box until its first page is painted (its count follows in the
  background; its time is printed too).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sealstation.desks.audit import AuditDesk  # noqa: E402
from sealstation.journal.store import StationDB  # noqa: E402

KEY = bytes(range(32))


class _Desk(AuditDesk):
    def _reader(self, user, action=None, words=""):
        return None


class _Named:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class _Station:
    """The journal's database and what the screen asks of a station besides it.

    The users' and seals' records carry the fields the desk's journal_people and journal_seals read (a field
    missing fails the screen's first read in the background, and no page ever comes).
    """

    def __init__(self, db) -> None:
        self.db = db
        self.users = _Named(list=lambda: [_Named(username=f"user{n:02d}", display_name=f"用户{n:02d}")
                                          for n in range(40)])
        self.seals = _Named(all=lambda: [_Named(seal_id=f"seal-{n:02d}", name=f"示例科技有限公司{n:02d}号专用章")
                                         for n in range(20)])

    def audit(self) -> AuditDesk:
        return _Desk(self)


def _wait(predicate, timeout_s: float = 30.0) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > end:
            return False
        QCoreApplication.processEvents(QEventLoop.AllEvents, 5)
    return True


class _Frames:
    """The longest gap between two ticks of a 1 ms timer: how long the GUI thread was held at once."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.worst = 0.0
        self.worst_cpu = 0.0
        """The GUI thread's own processor time in the longest gap: far less than the gap is the machine's load
        (other processes, or the page's reader holding the interpreter), not the screen's work."""
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if now - self.last > self.worst:
            self.worst, self.worst_cpu = now - self.last, cpu - self.last_cpu
        self.last, self.last_cpu = now, cpu

    def start(self) -> None:
        self.last, self.last_cpu, self.worst, self.worst_cpu = time.perf_counter(), time.thread_time(), 0.0, 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst


def _first_page(screen) -> None:
    """Wait for the screen's first page; a read that failed (the screen says so in its status line, from a
    background task) stops the benchmark with the screen's words rather than after a wait for a page that never
    comes."""
    if not _wait(lambda: screen.model.rowCount() > 0 or "cannot be read" in screen.status_label.text()):
        raise SystemExit(f"The first page never came: {screen.status_label.text()}")
    if not screen.model.rowCount():
        raise SystemExit(f"The screen could not read the journal: {screen.status_label.text()}")


def line(what: str, seconds: float, target: float | None = None) -> None:
    verdict = "" if target is None else ("  OK" if seconds <= target else "  OVER TARGET")
    goal = "" if target is None else f"  (target {target * 1000:.0f} ms)"
    print(f"  {what:<58} {seconds * 1000:9.1f} ms{goal}{verdict}")


def view_figures(path: Path, key: bytes = KEY) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.audit_journal import AuditJournalScreen
    from ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    db = StationDB.open(path, key)
    station = _Station(db)
    tasks = TaskRunner()
    print("Window (ui/audit_journal.py):")

    start = time.perf_counter()
    screen = AuditJournalScreen(station, tasks, "auditor")
    screen.resize(1400, 820)
    screen.show()
    _first_page(screen)
    screen.table.viewport().repaint()
    opened = time.perf_counter() - start
    line(f"open: first page shown (month {screen.month_box.currentData()})", opened, 1.0)
    _wait(lambda: getattr(screen, "total", None) is not None)
    line(f"open: the month counted ({screen.total:,} entries)", time.perf_counter() - start)

    counted_at: list[float] = []
    screen.counted.connect(lambda _n: counted_at.append(time.perf_counter()))
    start = time.perf_counter()
    screen.month_box.setCurrentIndex(0)  # all months: the whole journal
    _wait(lambda: screen.model.rowCount() > 0 and not screen.model.loading)
    screen.table.viewport().repaint()
    line("all months: first page shown", time.perf_counter() - start, 1.0)
    counting_from = start

    # Scrolling at once, while the whole journal is counted in the background.
    bar = screen.table.verticalScrollBar()
    frames, arrivals = _Frames(), []
    frames.start()
    scroll_start = time.perf_counter()
    while screen.model.rowCount() < 20000 and not screen.model.exhausted:
        rows, asked = screen.model.rowCount(), time.perf_counter()
        bar.setValue(bar.maximum())  # the view asks for the next page (fetchMore) at the end
        if not _wait(lambda: screen.model.rowCount() > rows or screen.model.exhausted, 10):
            break
        arrivals.append(time.perf_counter() - asked)
        screen.table.viewport().repaint()
    worst_frame = frames.stop()
    total = time.perf_counter() - scroll_start
    line(f"scroll: {screen.model.rowCount():,} entries loaded, {len(arrivals)} pages, in", total)
    line("scroll: longest frame (GUI thread held at once)", worst_frame, 0.05)
    line("scroll: ... of which the GUI thread's own processor time", frames.worst_cpu, 0.05)
    if arrivals:
        line("scroll: a page arrived after reaching the end (worst)", max(arrivals), 0.1)
        line("scroll: a page arrived after reaching the end (mean)", sum(arrivals) / len(arrivals), 0.1)

    # A person scrolling with the wheel: three rows a notch, a notch every 16 ms (some 190 rows a second, fast
    # reading), for 4,000 rows: how often they reach the end of what is loaded before the next page is there.
    from PySide6.QtCore import QCoreApplication, QEventLoop

    step = 3 * screen.table.verticalHeader().defaultSectionSize()
    start_row, stalls, notches = screen.model.rowCount(), 0, 0
    frames.start()
    t0 = time.perf_counter()
    while bar.value() < (start_row + 4000) * screen.table.verticalHeader().defaultSectionSize() - bar.pageStep():
        tick = time.perf_counter()
        if bar.value() >= bar.maximum() and not screen.model.exhausted:
            stalls += 1
        bar.setValue(bar.value() + step)
        notches += 1
        while time.perf_counter() - tick < 0.016:
            QCoreApplication.processEvents(QEventLoop.AllEvents, 2)
        if time.perf_counter() - t0 > 120:
            break
    line(f"wheel: {notches} notches, at the end with nothing loaded yet in {stalls}", 0.0)
    line("wheel: longest frame", frames.stop(), 0.05)
    line("wheel: ... of which the GUI thread's own processor time", frames.worst_cpu, 0.05)

    # The count's own signal: the generation goes up and the previous filter's total stays until it comes.
    _wait(lambda: counted_at, 60)
    line(f"all months: counted ({screen.total:,} entries, in the background while scrolling)",
         counted_at[0] - counting_from)

    target = screen.month_box.findData("2026-03")
    if target < 0:
        target = screen.month_box.count() - 1
    frames.start()
    start = time.perf_counter()
    counts = len(counted_at)
    screen.month_box.setCurrentIndex(target)
    _wait(lambda: screen.model.rowCount() > 0 and not screen.model.loading)
    screen.table.viewport().repaint()
    line(f"month {screen.month_box.currentData()}: first page shown", time.perf_counter() - start, 1.0)
    _wait(lambda: len(counted_at) > counts)
    line(f"month {screen.month_box.currentData()}: counted ({screen.total:,} entries)", counted_at[-1] - start, 1.0)
    line("month: longest frame", frames.stop(), 0.05)
    line("month: ... of which the GUI thread's own processor time", frames.worst_cpu, 0.05)
    import os

    print(f"  (load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors)")

    screen.close()
    tasks.wait()
    db.close()
    del app


if __name__ == "__main__":
    view_figures(Path(sys.argv[1]))
