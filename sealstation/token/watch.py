"""The USB key watched: is the seal's key plugged in, seen by its PKCS#11 module, unlocked?

:func:`token_status` answers in one :class:`TokenStatus`, cheaply enough to be
polled every second (the window does, off its GUI thread): the token is asked
through the station's :class:`~sealstation.token.session.TokenSession` (its
owner thread; an absent token closes the session at once, a key put back is
found again without a restart), and the USB bus is listed with pyusb
(:class:`UsbWatch`). A known key on the bus that the module does not see is a
missing or wrong driver, told apart from an absent key and named (vendor, model,
the module that serves it; :mod:`sealstation.token.usb_keys`).

pyusb and a libusb backend are optional at run time: without them the status
says the bus is not watched (``usb_watched`` False) and everything else works.
Tests hand :class:`UsbWatch` a ``usb.backend.IBackend`` that lists fake devices.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Iterable

from ..errors import SealStationError, TokenAbsentError, TokenError
from .usb_keys import KNOWN_VENDORS, KnownVendor, UsbKey, identify

__all__ = ["TokenStatus", "UsbWatch", "token_status", "ABSENT", "NOT_SEEN", "SEVERAL", "MODULE", "LOCKED",
           "TOKEN_ERROR", "NO_PYUSB", "NO_BACKEND", "USB_ERROR"]

log = logging.getLogger(__name__)

# Problem codes (TokenStatus.problem); the window words them.
ABSENT = "absent"
"""No token, and no known USB key on the bus (or the bus is not watched)."""
NOT_SEEN = "not_seen"
"""A known USB key is plugged in but the PKCS#11 module sees no token: facts vendor, product, usb_id, serves, module."""
SEVERAL = "several"
"""Several tokens and none named in station.json."""
MODULE = "module"
"""The PKCS#11 module cannot be found or loaded: facts module, reason."""
LOCKED = "locked"
"""The token's user PIN is locked (present is True)."""
TOKEN_ERROR = "token_error"
"""The module reports another error: fact reason."""

# Why the bus is not watched (TokenStatus.usb_problem).
NO_PYUSB = "no_pyusb"
NO_BACKEND = "no_backend"
USB_ERROR = "usb_error"


@dataclass(frozen=True)
class TokenStatus:
    """The seal's USB key as the station sees it now."""

    present: bool
    """The configured PKCS#11 module sees the station's token."""
    label: str = ""
    serial: str = ""
    manufacturer: str = ""
    model: str = ""
    count_low: bool = False
    """CKF_USER_PIN_COUNT_LOW: a wrong PIN was entered since the last success."""
    final_try: bool = False
    """CKF_USER_PIN_FINAL_TRY: the next wrong PIN locks the token."""
    locked: bool = False
    """CKF_USER_PIN_LOCKED."""
    logged_in: bool = False
    """The station holds a logged-in session on it."""
    usb_keys: tuple[UsbKey, ...] = ()
    """Known USB keys on the bus (empty when the bus is not watched)."""
    usb_watched: bool = False
    usb_problem: str | None = None
    """Why the bus is not watched: NO_PYUSB, NO_BACKEND or USB_ERROR; None when it is."""
    module: str = ""
    """The configured PKCS#11 module (path), '' when none was found."""
    problem: str | None = None
    """None when the key is present and usable; else one of the codes of this module."""
    facts: tuple[tuple[str, str], ...] = ()
    """What the problem's words need (name → value), e.g. ('vendor', 'Feitian (飞天诚信)')."""

    def fact(self, name: str, default: str = "") -> str:
        return dict(self.facts).get(name, default)


class UsbWatch:
    """Lists the known USB keys on the bus with pyusb; ``backend``: a ``usb.backend.IBackend`` (None: libusb's)."""

    def __init__(self, backend: Any = None, known: Iterable[KnownVendor] = KNOWN_VENDORS) -> None:
        self.backend = backend
        self.known = tuple(known)

    def keys(self) -> tuple[tuple[UsbKey, ...], str | None]:
        """(the known keys plugged in, why the bus is not watched or None)."""
        try:
            import usb.core
        except ImportError:
            return (), NO_PYUSB
        try:
            devices = [(d.idVendor, d.idProduct) for d in usb.core.find(find_all=True, backend=self.backend)]
        except usb.core.NoBackendError:
            return (), NO_BACKEND
        except (usb.core.USBError, OSError, ValueError) as exc:
            log.info("listing the USB bus failed: %s", exc)
            return (), USB_ERROR
        found = (identify(vendor, product, self.known) for vendor, product in devices)
        return tuple(key for key in found if key is not None), None


def token_status(token_session, usb: UsbWatch, *, module_path: str = "") -> TokenStatus:
    """The status of the station's token (``token_session``: a TokenSession, or the TokenError that prevented one)."""
    usb_keys, usb_problem = usb.keys()
    base = dict(usb_keys=usb_keys, usb_watched=usb_problem is None, usb_problem=usb_problem, module=module_path)
    if isinstance(token_session, SealStationError):
        return TokenStatus(False, problem=MODULE, facts=(("module", module_path), ("reason", token_session.message)),
                           **base)
    try:
        seen = token_session.probe()
    except TokenAbsentError as exc:
        return _absent(exc, usb_keys, base)
    except TokenError as exc:
        return TokenStatus(False, problem=TOKEN_ERROR, facts=(("reason", exc.message),), **base)
    return TokenStatus(True, seen.label, seen.serial, seen.manufacturer, seen.model, seen.pin.count_low,
                       seen.pin.final_try, seen.pin.locked, seen.logged_in, problem=LOCKED if seen.pin.locked else None,
                       **base)


def _absent(exc: TokenAbsentError, usb_keys: tuple[UsbKey, ...], base: dict) -> TokenStatus:
    if getattr(exc, "several", False):
        return TokenStatus(False, problem=SEVERAL, **base)
    if usb_keys:
        key = usb_keys[0]
        return TokenStatus(False, problem=NOT_SEEN, facts=(
            ("vendor", key.vendor), ("product", key.product), ("usb_id", key.usb_id), ("serves", key.module),
            ("module", base["module"])), **base)
    return TokenStatus(False, problem=ABSENT, **base)
