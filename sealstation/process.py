"""Hardening of the station's own process, applied at start by the CLI and the window.

A core dump of a process that held a password, a PIN or the journal key would
leave them in a file anyone with the account (or the crash reporter) can read.
"""

from __future__ import annotations

import logging

try:
    import resource
except ImportError:  # not POSIX
    resource = None

__all__ = ["disable_core_dumps"]

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
