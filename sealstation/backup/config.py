"""The office's backup schedule for a station.

The settings live in ``station.json`` under ``"backup"`` (read into
:class:`BackupConfig`, the typed ``StationConfig.backup`` field)::

    "backup": {"folder": "/mnt/office-backups/station-1", "every_days": 1}

The window's background timer calls ``Station.backup_if_due``, which writes a
backup into ``folder`` when the last one there is ``every_days`` old.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..errors import ConfigError
from ..settings import check_known_keys

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
        check_known_keys(data, (f.name for f in fields(cls)), source, section="backup")
        if not isinstance(data.get("folder"), str) or not data["folder"]:
            raise ConfigError(f"{source}: backup.folder must be the folder backups are written to.")
        every = data.get("every_days", 1.0)
        if not isinstance(every, (int, float)) or isinstance(every, bool) or every <= 0:
            raise ConfigError(f"{source}: backup.every_days must be a number of days above 0.")
        return cls(data["folder"], float(every))

    def to_dict(self) -> dict:
        return {"folder": self.folder, "every_days": self.every_days}
