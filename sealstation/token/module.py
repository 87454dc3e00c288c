"""Finding and loading the PKCS#11 module (the USB key's driver library).

python-pkcs11 loads one module per process, so :func:`load_pkcs11` keeps the
loaded library and refuses a second, different one with a clear message.
SoftHSM2 reads its configuration (``SOFTHSM2_CONF``) when it is initialised,
so a station's own SoftHSM2 configuration is put in place before the load.

A module keeps the tokens it found at ``C_Initialize``: after a USB key is
pulled out and put back, SoftHSM2 answers ``CKR_GENERAL_ERROR`` to every
``C_GetTokenInfo`` (and sees no token put back) until the process finalises and
initialises it again; vendor modules often behave alike. :func:`reinitialize_pkcs11`
does that (``C_Finalize`` + ``C_Initialize``) and counts a generation, because it
ends every session of the process: a session opened under an older generation is
dropped, never closed (its handle may now name another session).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, TokenModuleError

# python-pkcs11 is imported inside functions: with asn1crypto it adds ~15 ms to every command's start.

__all__ = ["ModuleChoice", "find_pkcs11_module", "load_pkcs11", "reinitialize_pkcs11", "module_generation",
           "module_lock", "CANDIDATES", "softhsm2_module"]

_SOFTHSM = [
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib64/pkcs11/libsofthsm2.so",
    "/usr/lib/pkcs11/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
    "/usr/local/opt/softhsm/lib/softhsm/libsofthsm2.so",
    r"C:\SoftHSM2\lib\softhsm2-x64.dll",
]
_OPENSC = [
    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so",
    "/usr/lib64/opensc-pkcs11.so",
    "/usr/lib/opensc-pkcs11.so",
    "/opt/homebrew/lib/opensc-pkcs11.so",
    "/Library/OpenSC/lib/opensc-pkcs11.so",
    r"C:\Windows\System32\opensc-pkcs11.dll",
]
CANDIDATES = (("SoftHSM2", _SOFTHSM), ("OpenSC", _OPENSC))


@dataclass(frozen=True)
class ModuleChoice:
    """The module to use and why."""

    path: str
    origin: str
    """Human-readable: where the choice came from."""


def find_pkcs11_module(configured: str | None) -> ModuleChoice:
    """The configured module, else SoftHSM2 or OpenSC found in the usual places."""
    if configured:
        if not Path(configured).is_file():
            raise TokenModuleError(
                f"The PKCS#11 module set in the station configuration does not exist: {configured}.",
                hint="Install the USB key's driver, or correct 'pkcs11_module' in station.json.",
                code="token_module_missing", module=str(configured),
            )
        return ModuleChoice(configured, "configured in station.json")
    searched = []
    for name, paths in CANDIDATES:
        for path in paths:
            searched.append(path)
            if Path(path).is_file():
                return ModuleChoice(path, f"{name} found at {path}")
    raise TokenModuleError(
        "No PKCS#11 module was found (searched: " + ", ".join(searched) + ").",
        hint="Install the USB key's driver and set 'pkcs11_module' in station.json "
        "(on Debian/Ubuntu, 'apt-get install softhsm2' for the demo).",
        code="token_module_not_found",
    )


def softhsm2_module() -> str | None:
    """The system's SoftHSM2 module (the demo's token) where it is installed in a usual place, else None.

    Never another module: the demo initialises its token, and must not touch a USB key whose module (OpenSC's)
    happens to be installed."""
    return next((path for path in _SOFTHSM if Path(path).is_file()), None)


_lock = threading.RLock()
_loaded: dict[str, object] = {"generation": 0}


def module_lock() -> threading.RLock:
    """Held around token look-ups and :func:`reinitialize_pkcs11`: no call runs while the module restarts."""
    return _lock


def module_generation() -> int:
    """How many times the loaded module was initialised again (sessions from an older generation are gone)."""
    return int(_loaded["generation"])


def reinitialize_pkcs11() -> int:
    """``C_Finalize`` and ``C_Initialize`` the loaded module (every session of the process ends); the new generation."""
    import pkcs11

    with _lock:
        lib = _loaded.get("lib")
        if lib is None:
            return module_generation()
        try:
            lib.reinitialize()
        except pkcs11.PKCS11Error as exc:
            # Finalize may fail on a module that lost its device; initialising is what counts.
            if not lib.initialized:
                try:
                    lib.initialize()
                except pkcs11.PKCS11Error as again:
                    raise TokenModuleError(f"The PKCS#11 module {_loaded['key'][0]} cannot be started again: "
                                           f"{type(again).__name__}.") from again
            else:  # pragma: no cover - reinitialize finalises first
                raise TokenModuleError(f"The PKCS#11 module {_loaded['key'][0]} cannot be restarted: "
                                       f"{type(exc).__name__}.") from exc
        _loaded["generation"] = module_generation() + 1
        return module_generation()


def load_pkcs11(path: str, softhsm2_conf: str | None = None):
    """The python-pkcs11 library object for ``path`` (loaded once per process)."""
    import pkcs11

    key = (str(path), str(softhsm2_conf) if softhsm2_conf else None)
    with _lock:
        if _loaded.get("lib") is not None:
            if _loaded["key"] != key and not (softhsm2_conf is None and _loaded["key"][0] == key[0]):
                raise ConfigError(
                    f"This process already uses the PKCS#11 module {_loaded['key'][0]} "
                    f"(SoftHSM2 configuration {_loaded['key'][1]}); it cannot switch to {path} "
                    f"({softhsm2_conf}).",
                    hint="Start a new SealStation process for another token module.",
                )
            return _loaded["lib"]
        if softhsm2_conf:
            if not Path(softhsm2_conf).is_file():  # SoftHSM2 then fails to load without saying why
                raise ConfigError(
                    f"The SoftHSM2 configuration {softhsm2_conf} ('softhsm2_conf' in station.json) does not exist.",
                    hint="Correct 'softhsm2_conf' in station.json (a relative path is read from the station "
                    "home), or remove it. A backup holds no token: a restored station uses the seals' USB keys.")
            # SoftHSM2 reads this at C_Initialize; the station's own token store wins.
            os.environ["SOFTHSM2_CONF"] = str(softhsm2_conf)
        try:
            lib = pkcs11.lib(str(path))
        except (RuntimeError, OSError) as exc:
            why = str(exc) or type(exc).__name__ + " (the module gave no reason)"
            raise TokenModuleError(f"The PKCS#11 module {path} cannot be loaded: {why}.",
                                   code="token_module_unloadable", module=str(path), reason=why) from exc
        _loaded.update(lib=lib, key=key)
        return lib
