"""The office's backup schedule for a station.

The settings live in ``station.json`` under ``"backup"`` (read into
:class:`BackupConfig`, the typed ``StationConfig.backup`` field)::

    "backup": {"folder": "/mnt/office-backups/station-1", "every_days": 1}

The window's background timer calls ``Station.backup_if_due``, which writes a
backup into ``folder`` when the last one there is ``every_days`` old.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, fields

from ..errors import ConfigError

__all__ = ["BackupConfig"]


@dataclass(frozen=True)
class BackupConfig:
    """Where and how often the station backs itself up."""

    folder: str
    """The folder backups are written to (outside the station home: a share or another disk)."""
    every_days: float = 1.0
    """A backup is due once the last one in ``folder`` is this many days old."""

    @classmethod
    def from_dict(cls, data: dict, source) -> "BackupConfig":
        """The ``"backup"`` object of ``station.json`` (``source``, named in errors)."""
        known = {f.name for f in fields(cls)}
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(key, sorted(known), n=1)
                raise ConfigError(f"{source}: unknown backup setting '{key}'; the station does not start with it.",
                                  hint=(f"Did you mean '{close[0]}'? " if close else "")
                                  + f"Known backup settings: {', '.join(sorted(known))}.")
        if not isinstance(data.get("folder"), str) or not data["folder"]:
            raise ConfigError(f"{source}: backup.folder must be the folder backups are written to.")
        every = data.get("every_days", 1.0)
        if not isinstance(every, (int, float)) or isinstance(every, bool) or every <= 0:
            raise ConfigError(f"{source}: backup.every_days must be a number of days above 0.")
        return cls(data["folder"], float(every))

    def to_dict(self) -> dict:
        return {"folder": self.folder, "every_days": self.every_days}
