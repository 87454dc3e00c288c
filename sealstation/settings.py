"""Reading objects of settings from ``station.json``: one way to refuse a key nobody knows.

The station does not start with a misspelt setting, because a misspelt
setting is one that silently does nothing. The error names the key, the file
and, when one is close, the key that was meant.
"""

from __future__ import annotations

import difflib
from typing import Iterable

from .errors import ConfigError

__all__ = ["check_known_keys", "unknown_setting"]


def unknown_setting(key: str, known: Iterable[str], source, *, section: str | None = None,
                    suggest_from: Iterable[str] = ()) -> ConfigError:
    """The error for ``key``, unknown in ``section`` (None: the top level) of ``source``."""
    known = sorted(known)
    close = difflib.get_close_matches(key, sorted({*known, *suggest_from}), n=1)
    what = f"{section} setting" if section else "setting"
    return ConfigError(f"{source}: unknown {what} '{key}'; the station does not start with it.",
                       hint=(f"Did you mean '{close[0]}'? " if close else "") + f"Known {what}s: {', '.join(known)}.")


def check_known_keys(data: dict, known: Iterable[str], source, *, section: str | None = None) -> None:
    """Refuse the first key of ``data`` that is not one of ``known``."""
    known = set(known)
    for key in data:
        if key not in known:
            raise unknown_setting(key, known, source, section=section)
