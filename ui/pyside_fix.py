"""A guard against PySide6 6.12's reference leak on None, until a fixed PySide6 is pinned.

PySide6 6.12.0 (the cp310-abi3 wheel) returns None from every void method without
taking a reference, as if None were immortal (it is from Python 3.12, PEP 683). On
Python 3.11 each call of ``update()``, ``repaint()``, ``processEvents()``… takes one
reference from None, and after some tens of thousands of calls (a few minutes of
dragging a seal) Python aborts with "Fatal Python error: none_dealloc". Giving None a
reference count no session can use up makes it as immortal as 3.12 does.
"""

from __future__ import annotations

import sys

__all__ = ["keep_none_alive"]

_GUARD = 1 << 40
_done = False


def keep_none_alive() -> None:
    """Make the reference counts of None, True and False unreachable for a leak of one a call (idempotent; nothing on 3.12+)."""
    global _done
    if _done or sys.version_info >= (3, 12):
        return
    import ctypes

    # ob_refcnt is the first field of every object in a release build of CPython. Booleans leak the same way.
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _GUARD
    _done = True
