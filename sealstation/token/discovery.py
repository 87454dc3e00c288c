"""What a computer being set up offers: the USB keys plugged in, the PKCS#11 modules installed, the tokens a module sees.

Read by the station's set-up (:mod:`sealstation.station_init`) before any station exists: the module proposed for a
USB key comes from its USB vendor and product id (:mod:`sealstation.token.usb_keys`), then from the usual paths
(:data:`~sealstation.token.module.CANDIDATES`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import TokenError
from .module import CANDIDATES, load_pkcs11
from .watch import UsbWatch

__all__ = ["TokenSlot", "ModuleProposal", "list_tokens", "proposed_modules"]


@dataclass(frozen=True)
class TokenSlot:
    """A token (USB key) a module sees."""

    label: str
    serial: str
    manufacturer: str
    model: str
    initialised: bool
    """False: a blank key (no PIN set): the office prepares it first."""


@dataclass(frozen=True)
class ModuleProposal:
    """A PKCS#11 module proposed at set-up, and why."""

    path: str
    """'' when the module for a USB key that is plugged in is its maker's own library (its path unknown here)."""
    reason: str
    """'usb': a known USB key is plugged in (``usb_key`` names it); 'found': found in the usual places."""
    usb_key: str = ""
    usb_id: str = ""
    serves: str = ""
    """For 'usb': the module that serves the key, as the table of known keys names it ('': the maker's own);
    for 'found': the module's name (SoftHSM2, OpenSC)."""


def _text(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value or "").strip()


def list_tokens(module: str, softhsm2_conf: str | None = None) -> tuple[TokenSlot, ...]:
    """The tokens ``module`` sees now (a blank one included, marked)."""
    import pkcs11
    from pkcs11.constants import TokenFlag

    lib = load_pkcs11(module, softhsm2_conf)
    try:
        slots = lib.get_slots(token_present=True)
        out = []
        for slot in slots:
            token = slot.get_token()
            initialised = bool(token.flags & TokenFlag.TOKEN_INITIALIZED)
            out.append(TokenSlot(_text(token.label), _text(token.serial), _text(token.manufacturer_id),
                                 _text(token.model), initialised))
    except pkcs11.PKCS11Error as exc:
        raise TokenError(f"The PKCS#11 module {module} cannot list its USB keys ({type(exc).__name__}).",
                         code="token_list_failed", module=module, reason=type(exc).__name__) from exc
    return tuple(out)


def proposed_modules(usb_backend=None) -> tuple[ModuleProposal, ...]:
    """A known USB key plugged in first (with the module that serves it, found here when it is OpenSC), then every
    module found in the usual places. ``usb_backend``: a pyusb backend (tests list fake devices)."""
    found = [(name, path) for name, paths in CANDIDATES for path in paths if Path(path).is_file()]
    out = []
    keys, _problem = UsbWatch(usb_backend).keys()
    for key in keys:
        path = next((p for name, p in found if name == "OpenSC" and "OpenSC" in key.module), "")
        out.append(ModuleProposal(path, "usb", key.name, key.usb_id, key.module))
    out += [ModuleProposal(path, "found", serves=name) for name, path in found]
    return tuple(out)
