"""The USB key watched from the window: ``station.token_status()`` every second, off the GUI thread.

:class:`TokenWatch` asks through :class:`~ui.tasks.TaskRunner` (never two asks
at once: a slow PKCS#11 module skips a tick rather than piling asks up) and
emits :attr:`TokenWatch.changed` with the new
:class:`~sealstation.token.watch.TokenStatus` only when it differs from the
last. :func:`describe` gives the status strip its words and whether all is well;
the strip shows them with ``set_token(text, ok)``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from sealstation.token import watch as w
from sealstation.token.watch import TokenStatus

from .tasks import TaskRunner

__all__ = ["TokenWatch", "describe"]

class TokenWatch(QObject):
    """Polls the station's USB key; ``changed(TokenStatus)`` when what it says changes."""

    changed = Signal(object)

    def __init__(self, station, parent: QObject | None = None, *, interval_ms: int = 1000,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tokenWatch")
        self._station = station
        self._runner = runner or TaskRunner(self)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._asking = False
        self._stopped = True
        self._status: TokenStatus | None = None

    @property
    def status(self) -> TokenStatus | None:
        """The last status seen (None before the first answer)."""
        return self._status

    def start(self) -> None:
        """Ask now, then every interval."""
        self._stopped = False
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        """No more asks; an answer still under way is dropped."""
        self._stopped = True
        self._timer.stop()

    def settle(self, msecs: int = 10000) -> bool:
        """Wait until an ask under way has returned (before the station is closed)."""
        return self._runner.settle(msecs)

    def poll(self) -> None:
        if self._asking or self._stopped:
            return
        self._asking = True
        self._runner.run(self._station.token_status, self._answered, self._failed)

    def _answered(self, status: TokenStatus) -> None:
        self._asking = False
        if self._stopped or status == self._status:
            return
        self._status = status
        self.changed.emit(status)

    def _failed(self, exc: BaseException) -> None:
        # token_status() turns the token's own errors into a status; this is anything else (a bug, a closed station).
        self._answered(TokenStatus(False, problem=w.TOKEN_ERROR, facts=(("reason", str(exc) or type(exc).__name__),)))


def describe(status: TokenStatus) -> tuple[str, bool]:
    """The status strip's words for the USB key, and whether it is ready for use."""
    translate = QCoreApplication.translate
    problem, label, serial = status.problem, status.label, status.serial
    if problem is None and status.final_try:
        return translate("TokenWatch", "USB key: {label} (serial {serial}); the next wrong PIN locks it").format(
            label=label, serial=serial), True
    if problem is None:
        return translate("TokenWatch", "USB key: {label} (serial {serial})").format(label=label, serial=serial), True
    if problem == w.LOCKED:
        return translate("TokenWatch", "USB key: {label} (serial {serial}) is locked after too many wrong PINs; "
                                       "only the office can unlock it").format(label=label, serial=serial), False
    if problem == w.NOT_SEEN:
        key = " ".join(part for part in (status.fact("vendor"), status.fact("product")) if part)
        return translate("TokenWatch", "USB key: a {key} key (USB {usb_id}) is plugged in, but the driver {module} "
                                       "does not see it; install the key's driver: {serves}").format(
            key=key, usb_id=status.fact("usb_id"), module=status.fact("module") or status.module,
            serves=status.fact("serves") or translate("TokenWatch", "the maker's own driver")), False
    if problem == w.SEVERAL:
        return translate("TokenWatch", "USB key: several keys are plugged in and the station names none; "
                                       "unplug the others"), False
    if problem == w.MODULE:
        module = status.fact("module") or translate("TokenWatch", "none found")
        return translate("TokenWatch", "USB key: the driver (PKCS#11 module) cannot be loaded: {module}").format(
            module=module), False
    if problem == w.TOKEN_ERROR:
        return translate("TokenWatch", "USB key: the driver reports an error: {reason}").format(
            reason=status.fact("reason")), False
    if not status.usb_watched:
        return translate("TokenWatch", "USB key: not plugged in (USB bus not watched)"), False
    return translate("TokenWatch", "USB key: not plugged in"), False
