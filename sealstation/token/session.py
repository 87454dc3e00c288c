"""The token session and the one thread that owns it.

Every PKCS#11 call for a token goes through :class:`TokenSession`: callers
hand it a function, the owner thread runs it with a logged-in session and
hands back the result (or the error, wrapped into :mod:`sealstation.errors`).
The owner thread also closes the session (which logs out) after an idle time
and when the token disappears.

Pulled out and put back: the module is finalised and initialised again
(:func:`~sealstation.token.module.reinitialize_pkcs11`) when a token look-up
fails with a module fault (SoftHSM2's ``CKR_GENERAL_ERROR`` after its token
store vanished, ``CKR_DEVICE_ERROR``, ``CKR_DEVICE_REMOVED`` …), and, while the
token is absent and no session of the process is open, at most every
``rescan_interval_s`` when :meth:`TokenSession.probe` asks (a module that reads
its slots only at ``C_Initialize`` then sees the key put back). Slot ids may
change across that: tokens are always looked up by label or serial.

Fault injection for tests wraps the real module: ``token_wrapper`` wraps the
python-pkcs11 ``Token`` (e.g. to report CKF_USER_PIN_FINAL_TRY, which SoftHSM2
never sets) and ``session_wrapper`` wraps the open ``Session`` (e.g. to fail as
a token pulled out mid-signature would).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from ..errors import (
    PinIncorrectError,
    PinLockedError,
    SealStationError,
    TokenAbsentError,
    TokenError,
    TokenKeyMissingError,
    TokenRemovedError,
)
from .keys import TokenKeyInfo, find_seal_key, list_seal_keys
from .module import load_pkcs11, module_generation, module_lock, reinitialize_pkcs11

# python-pkcs11 is imported inside functions: with asn1crypto it adds ~15 ms to every command's start.

__all__ = ["PinStatus", "TokenKeyInfo", "TokenPresence", "TokenSession", "wrap_pkcs11_error"]

log = logging.getLogger(__name__)
T = TypeVar("T")

_TICK_S = 0.5

# Sessions open in this process (id of the TokenSession): a module is restarted while the token is absent only
# when none is open, because C_Finalize ends them all.
_open: set[int] = set()
_MODULE_FAULTS = ("GeneralError", "DeviceError", "DeviceRemoved", "TokenNotPresent", "TokenNotRecognised",
                  "SlotIDInvalid", "FunctionFailed")


def _module_fault(exc: Exception) -> bool:
    """A look-up failure that a restart of the module may cure (the device went away under it)."""
    return type(exc).__name__ in _MODULE_FAULTS


@dataclass(frozen=True)
class PinStatus:
    """What the token says about its user PIN (PKCS#11 token flags)."""

    count_low: bool
    """CKF_USER_PIN_COUNT_LOW: a wrong PIN was entered since the last success (not a count of tries)."""
    final_try: bool
    """CKF_USER_PIN_FINAL_TRY: the next wrong PIN locks the token."""
    locked: bool
    """CKF_USER_PIN_LOCKED."""


def _pin_status(token) -> PinStatus:
    from pkcs11.constants import TokenFlag

    flags = int(token.flags)
    return PinStatus(
        count_low=bool(flags & TokenFlag.USER_PIN_COUNT_LOW),
        final_try=bool(flags & TokenFlag.USER_PIN_FINAL_TRY),
        locked=bool(flags & TokenFlag.USER_PIN_LOCKED),
    )


@dataclass(frozen=True)
class TokenPresence:
    """The token as its PKCS#11 module sees it now (token info, no login)."""

    label: str
    serial: str
    manufacturer: str
    model: str
    pin: PinStatus
    logged_in: bool
    """This station holds a logged-in session on it."""


def _locked_error(label: str) -> PinLockedError:
    return PinLockedError(
        f"The user PIN of token '{label}' is locked.",
        hint="Only the office can unlock it, with the token's SO PIN.",
        token=label,
        final_try=False,
        count_low=True,
    )


def wrap_pkcs11_error(exc: Exception, token_label: str) -> SealStationError:
    """A python-pkcs11 exception as a SealStation error naming the token."""
    from pkcs11 import exceptions as e

    if isinstance(exc, SealStationError):
        return exc
    if isinstance(exc, e.PinLocked):
        return _locked_error(token_label)
    if isinstance(exc, (e.TokenNotPresent, e.DeviceRemoved, e.SessionHandleInvalid, e.SessionClosed, e.DeviceError)):
        return TokenRemovedError(
            f"Token '{token_label}' was removed or stopped answering ({type(exc).__name__}).",
            hint="Plug the USB key back in and try again; nothing was signed.",
            token=token_label, reason=type(exc).__name__,
        )
    if isinstance(exc, e.NoSuchKey):
        return TokenKeyMissingError(
            f"A key is missing on token '{token_label}'.", hint="The office must make or restore the seal key.",
            token=token_label,
        )
    if isinstance(exc, e.NoSuchToken):
        return TokenAbsentError(f"Token '{token_label}' is not present.", hint="Plug in the seal's USB key.",
                                token=token_label)
    return TokenError(f"Token '{token_label}' reported an error: {type(exc).__name__} {exc}".rstrip() + ".",
                      token=token_label, reason=f"{type(exc).__name__} {exc}".strip())


class _ModuleFaultSeen(Exception):
    """A token look-up failed the way a module restart may cure."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _text(value) -> str:
    return (value.decode("ascii", "replace") if isinstance(value, bytes) else str(value)).strip()


class TokenSession:
    """One token, one owner thread, at most one open (logged-in) session."""

    def __init__(
        self,
        lib_path: str,
        *,
        token_label: str | None = None,
        token_serial: str | None = None,
        softhsm2_conf: str | None = None,
        idle_timeout_s: float = 300.0,
        token_wrapper: Callable[[Any], Any] | None = None,
        session_wrapper: Callable[[Any], Any] | None = None,
        rescan_interval_s: float = 2.0,
    ) -> None:
        self.lib_path = lib_path
        self.token_label = token_label
        self.token_serial = token_serial
        self.softhsm2_conf = softhsm2_conf
        self.idle_timeout_s = idle_timeout_s
        self.token_wrapper = token_wrapper
        self.session_wrapper = session_wrapper
        self.rescan_interval_s = rescan_interval_s
        self._session = None
        self._generation = 0
        self._last_rescan = time.monotonic()  # the module scanned its slots when it was initialised
        self._last_use = time.monotonic()
        self._jobs: queue.Queue = queue.Queue()
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name="token-owner", daemon=True)
        self._thread.start()

    # -- the owner thread ------------------------------------------------------

    def _loop(self) -> None:
        while True:
            try:
                job = self._jobs.get(timeout=_TICK_S)
            except queue.Empty:
                self._housekeeping()
                continue
            if job is None:
                self._close_session()
                return
            fn, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                future.set_exception(exc)
            self._last_use = time.monotonic()

    def _housekeeping(self) -> None:
        if self._session is None:
            return
        if time.monotonic() - self._last_use > self.idle_timeout_s:
            log.info("token '%s' idle: logging out", self.label)
            self._close_session()
            return
        try:
            self._find_token()
        except TokenError:
            log.info("token '%s' disappeared: closing the session", self.label)
            self._close_session()

    def _submit(self, fn: Callable[[], T]) -> T:
        if self._closed:
            raise TokenError(f"The session of token '{self.label}' is closed.")
        if threading.current_thread() is self._thread:
            return fn()
        future: Future = Future()
        self._jobs.put((fn, future))
        return future.result()

    # -- token and session (owner thread only) ---------------------------------

    @property
    def label(self) -> str:
        return self.token_label or self.token_serial or "(any)"

    def _lib(self):
        return load_pkcs11(self.lib_path, self.softhsm2_conf)

    def _find_token(self, *, rescan_if_absent: bool = False):
        """The token by label/serial; a module fault restarts the module once (see the module docstring)."""
        with module_lock():
            self._drop_stale_session()
            try:
                return self._get_token(faults_raw=True)
            except _ModuleFaultSeen as fault:
                log.info("token '%s': the module failed (%s); starting it again", self.label, fault.name)
                self._restart_module()
            except TokenAbsentError:
                if not (rescan_if_absent and self._may_rescan()):
                    raise
                self._restart_module()
            return self._get_token(faults_raw=False)

    def _get_token(self, *, faults_raw: bool):
        from pkcs11 import exceptions as e

        lib = self._lib()
        kwargs = {}
        if self.token_label:
            kwargs["token_label"] = self.token_label
        if self.token_serial:
            kwargs["token_serial"] = self.token_serial.encode()
        try:
            token = lib.get_token(**kwargs)
        except e.NoSuchToken as exc:
            raise TokenAbsentError(
                f"The seal's USB key (token '{self.label}') is not plugged in.",
                hint="Plug in the seal's USB key and try again.",
                token=self.label,
            ) from exc
        except e.MultipleTokensReturned as exc:
            several = TokenAbsentError(
                "Several tokens are plugged in and none is named in the station configuration.",
                hint="Unplug the other USB keys, or set the token label in station.json.",
                code="token_ambiguous",
            )
            several.several = True  # the USB key watch says it in its own words
            raise several from exc
        except e.PKCS11Error as exc:
            if faults_raw and _module_fault(exc):
                raise _ModuleFaultSeen(type(exc).__name__) from exc
            raise wrap_pkcs11_error(exc, self.label) from exc
        return self.token_wrapper(token) if self.token_wrapper else token

    def _may_rescan(self) -> bool:
        now = time.monotonic()
        if _open or now - self._last_rescan < self.rescan_interval_s:
            return False
        self._last_rescan = now
        return True

    def _restart_module(self) -> None:
        self._close_session()
        reinitialize_pkcs11()
        self._drop_stale_session()

    def _drop_stale_session(self) -> None:
        """Forget a session the module's restart ended (never close it: its handle may be reused)."""
        if self._session is not None and self._generation != module_generation():
            self._session = None
            _open.discard(id(self))

    def _open_session(self, pin: str | None):
        from pkcs11 import exceptions as e

        if self._session is not None:
            return self._session
        token = self._find_token()
        status = _pin_status(token)
        if status.locked:
            raise _locked_error(self.label)
        if pin is None:
            raise PinIncorrectError(f"The PIN of token '{self.label}' is needed.", hint="Enter the seal's PIN.",
                                    code="pin_needed", token=self.label)
        try:
            session = token.open(rw=True, user_pin=pin)
        except e.PinIncorrect as exc:
            raise self._pin_error() from exc
        except e.UserAlreadyLoggedIn as exc:
            # Login state is per process in PKCS#11: another session object of
            # this process holds it, and the PIN could not be checked here.
            raise TokenError(
                f"Token '{self.label}' is already unlocked by another part of this station.",
                hint="Close the other window or command using this USB key, then try again.",
                code="token_busy", token=self.label,
            ) from exc
        except (e.PinLenRange, e.PinInvalid) as exc:
            raise PinIncorrectError(
                f"The PIN for token '{self.label}' has the wrong length or characters.",
                hint="Check the PIN; the token did not count this as a try.",
                code="pin_malformed", token=self.label,
            ) from exc
        except e.PKCS11Error as exc:
            raise wrap_pkcs11_error(exc, self.label) from exc
        self._session = self.session_wrapper(session) if self.session_wrapper else session
        self._generation = module_generation()
        _open.add(id(self))
        return self._session

    def _pin_error(self) -> PinIncorrectError:
        try:
            status = _pin_status(self._find_token())
        except TokenError:
            status = PinStatus(False, False, False)
        if status.locked:
            return _locked_error(self.label)
        # PKCS#11 gives no count of tries; FINAL_TRY is the one a token can say. COUNT_LOW only
        # means "a wrong PIN since the last success" (SoftHSM2 sets it after any failure).
        if status.final_try:
            more = "One try is left: the next wrong PIN locks the token, and only the office can unlock it."
        else:
            more = "The token did not say how many tries are left."
        return PinIncorrectError(
            f"PIN incorrect for token '{self.label}'. {more}",
            hint="Check the PIN; do not guess.",
            code="pin_incorrect_final_try" if status.final_try else "pin_incorrect",
            token=self.label,
            final_try=status.final_try,
            count_low=status.count_low,
        )

    def _close_session(self) -> None:
        if self._session is None:
            return
        _open.discard(id(self))
        if self._generation == module_generation():  # else the restart ended it already
            try:
                self._session.close()  # closing the last session logs the user out
            except Exception as exc:  # noqa: BLE001 - the token may already be gone
                log.info("closing token session: %s", exc)
        self._session = None

    # -- public API (any thread) -----------------------------------------------

    def run(self, fn: Callable[[Any], T], *, pin: str | None) -> T:
        """Run ``fn(session)`` on the owner thread with a logged-in session."""

        def job():
            from pkcs11 import exceptions as e

            session = self._open_session(pin)
            try:
                return fn(session)
            except e.PKCS11Error as exc:
                error = wrap_pkcs11_error(exc, self.label)
                if _module_fault(exc) and not isinstance(error, TokenRemovedError) and not self._present():
                    error = TokenRemovedError(
                        f"Token '{self.label}' was removed or stopped answering ({type(exc).__name__}).",
                        hint="Plug the USB key back in and try again; nothing was signed.")
                if isinstance(error, TokenRemovedError):
                    self._close_session()
                raise error from exc

        return self._submit(job)

    def login(self, pin: str) -> None:
        self._submit(lambda: self._open_session(pin) and None)

    def logout(self) -> None:
        self._submit(self._close_session)

    @property
    def logged_in(self) -> bool:
        return self._session is not None

    def pin_status(self) -> PinStatus:
        return self._submit(lambda: _pin_status(self._find_token()))

    def _present(self) -> bool:
        try:
            self._find_token()
        except TokenError:
            return False
        return True

    def probe(self) -> TokenPresence:
        """The token now, without login (cheap: a slot list and a token info); polled by the USB key watch.

        An absent token closes this station's session at once. :class:`TokenAbsentError` when it is not
        plugged in (or not seen), :class:`TokenError` for what else the module says.
        """

        def job() -> TokenPresence:
            try:
                token = self._find_token(rescan_if_absent=self._session is None)
            except TokenError:
                self._close_session()
                raise
            return TokenPresence(label=str(token.label).strip(), serial=_text(token.serial),
                                 manufacturer=str(token.manufacturer_id).strip(), model=_text(token.model),
                                 pin=_pin_status(token), logged_in=self._session is not None)

        return self._submit(job)

    def list_keys(self, *, pin: str | None = None) -> list[TokenKeyInfo]:
        return self.run(list_seal_keys, pin=pin)

    def certificate_der(self, label: str, *, pin: str | None = None) -> bytes:
        if self.logged_in or pin is not None:
            return self.run(lambda s: find_seal_key(s, label, self.label)[1], pin=pin)

        def public():  # certificates are public objects: readable without login
            session = self._find_token().open()
            try:
                return find_seal_key(session, label, self.label, need_private=False)[1]
            finally:
                session.close()

        return self._submit(public)

    def close(self) -> None:
        if self._closed:
            return
        self._jobs.put(None)
        self._thread.join(timeout=10)
        self._closed = True

    def __enter__(self) -> "TokenSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
