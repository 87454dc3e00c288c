"""Hardening of the station's own process, applied at start by the CLI and the window.

A core dump of a process that held a password, a PIN or the journal key would
leave them in a file anyone with the account (or the crash reporter) can read.

A library's warning (cryptography 51 deprecates DSA, and pyHanko imports it) is
addressed to that library's users' developers: on a person's terminal or in the
window's log it reads like a fault of the station and hides the station's own
one-line message. The entry points silence them before importing any library.
"""

from __future__ import annotations

import logging
import sys
import warnings

try:
    import resource
except ImportError:  # not POSIX
    resource = None

__all__ = ["disable_core_dumps", "quiet_third_party_warnings"]

log = logging.getLogger(__name__)


def disable_core_dumps() -> bool:
    """Set the core file size limit to 0, soft and hard (a child cannot raise it again).

    Returns whether it was done: False where the platform has no ``resource``
    module (Windows) or refuses the limit; the station still runs there.
    """
    if resource is None:
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError) as exc:
        log.warning("Could not disable core dumps: %s", exc)
        return False
    return True


# Warnings attributed to any module but ours: the libraries', the standard library's, importlib's.
_NOT_OURS = r"(?!(sealstation|ui)(\.|$))"


def quiet_third_party_warnings() -> bool:
    """Keep libraries' warnings off the terminal and the window's log; ours still show.

    Ignored: every warning attributed to a module outside ``sealstation`` and ``ui``,
    and deprecation warnings wherever attributed (a library deprecating a call of ours
    is news for the developers, who see it in the tests, not for the custodian).
    A developer who asks for warnings (``python -W default``, ``PYTHONWARNINGS``) gets
    them all: then nothing is changed and False is returned.

    Call it before anything imports a library; calling it again adds nothing.
    """
    if sys.warnoptions:
        return False
    warnings.filterwarnings("ignore", module=_NOT_OURS)
    for category in _deprecation_categories():
        warnings.filterwarnings("ignore", category=category)
    return True


def _deprecation_categories() -> tuple[type[Warning], ...]:
    categories: tuple[type[Warning], ...] = (DeprecationWarning, PendingDeprecationWarning)
    try:  # a UserWarning subclass, shown by default: the one that reached people's terminals
        from cryptography.utils import CryptographyDeprecationWarning
    except ImportError:  # pragma: no cover - cryptography is a dependency
        return categories
    return categories + (CryptographyDeprecationWarning,)
