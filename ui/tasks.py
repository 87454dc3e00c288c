"""Background operations: the one helper that runs work off the GUI thread.

``TaskRunner.run(fn, on_success, on_failure)`` runs ``fn()`` on Qt's thread
pool and calls back on the GUI thread. Token work does not need its own thread
here: the core's TokenSession already owns one and ``fn`` just waits for it.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

__all__ = ["TaskRunner", "settle_heap"]


def settle_heap() -> None:
    """Keep what lives as long as the process (Qt, the core's modules, the open station) out of later full
    garbage collections.

    A full collection runs on whichever thread happens to allocate and holds the GIL throughout: while a
    1,000-page document is stamped in the background it stopped the GUI thread for ~60 ms
    (benchmarks/window_start.py); with the long-lived objects frozen it walks only the stamp's own objects.
    """
    import gc

    gc.freeze()


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals, finished: Callable[[], None]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.finished = finished

    def run(self) -> None:  # runs on a pool thread
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the failure callback
            self.finished()
            self.signals.failed.emit(exc)
        else:
            self.finished()
            self.signals.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs callables in the background; callbacks arrive on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool.globalInstance()
        self._live: set[_Signals] = set()
        self._reads: set[_Signals] = set()  # of _live: reads, which quitting need not wait for
        self._running = 0  # functions of this runner not returned yet (pool threads), under _idle's lock
        self._idle = threading.Condition()

    @property
    def busy(self) -> bool:
        """Work of this runner still running, reads aside (a window may close under a read; not under a stamp)."""
        return bool(self._live - self._reads)

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        *,
        read: bool = False,
    ) -> None:
        """``fn`` on a pool thread, then ``on_success(result)`` or ``on_failure(exc)`` on the GUI thread.

        ``read``: ``fn`` only reads (a view's refresh): it does not make the runner busy."""
        signals = _Signals()
        self._live.add(signals)
        if read:
            self._reads.add(signals)

        def done(callback, value):
            self._live.discard(signals)
            self._reads.discard(signals)
            if not isValid(self):
                return  # the runner's owner is gone: nobody is waiting for this result
            try:
                callback(value)
            except RuntimeError as exc:
                # A late result for a screen closed meanwhile (its widgets deleted by Qt): dropped, as a late page
                # is. Any other RuntimeError is a fault and goes on.
                if "already deleted" not in str(exc):
                    raise

        signals.succeeded.connect(lambda r: done(on_success, r))
        signals.failed.connect(lambda e: done(on_failure, e))
        with self._idle:
            self._running += 1
        self._pool.start(_Task(fn, signals, self._returned))

    def _returned(self) -> None:
        with self._idle:
            self._running -= 1
            self._idle.notify_all()

    def settle(self, msecs: int = 10000) -> bool:
        """Wait until this runner's functions have returned (their callbacks may still be queued): what a window
        does before the station its tasks read is closed. False if some still run after ``msecs``."""
        with self._idle:
            return self._idle.wait_for(lambda: self._running == 0, msecs / 1000)

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
