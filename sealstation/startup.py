"""What the window must know before the core is imported: where the station home is, and whether its
journal key comes from a passphrase.

Kept to the standard library (and platformdirs) so that the first screen (the passphrase prompt or the
login) shows before the heavy parts of the core are loaded; :mod:`sealstation.config` reads the same file
fully when the station is opened.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

__all__ = ["HOME_ENV", "resolve_home", "asks_journal_passphrase", "has_station"]

HOME_ENV = "SEALSTATION_HOME"
CONFIG_NAME = "station.json"


def resolve_home(explicit: str | os.PathLike | None = None) -> Path:
    """The station home: ``explicit``, else ``$SEALSTATION_HOME``, else the user data dir."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("SealStation", "SealStation"))


def has_station(home: str | os.PathLike | None = None) -> bool:
    """Whether ``home`` holds a station (its ``station.json``); False: the first start sets one up."""
    return (resolve_home(home) / CONFIG_NAME).is_file()


def asks_journal_passphrase(home: str | os.PathLike | None = None) -> bool:
    """Whether opening the station in ``home`` needs the office's journal passphrase.

    A missing or unreadable ``station.json`` answers False: opening the station then says what is wrong.
    """
    try:
        data = json.loads((resolve_home(home) / CONFIG_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("journal_key_source") == "passphrase"
