"""Where a station's archive is, and the credentials to reach it.

The settings live in ``station.json`` under ``"archive"`` (read into
:class:`ArchiveConfig`, the typed ``StationConfig.archive`` field)::

    "archive": {"location": "/mnt/office-archive", "documents": false}
    "archive": {"location": "postgresql://station_a@archive.office.lan/sealarchive"}

A PostgreSQL location never carries a password: the password is taken from the
OS keyring (service ``SealStation``, user ``archive:<location>``), so it is
neither in a file nor on a command line. TLS is used whenever the server
offers it (``sslmode=prefer`` unless the location says otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ArchiveError, ConfigError
from ..settings import check_known_keys

__all__ = ["ArchiveConfig", "archive_config", "archive_password", "KEYRING_USER_PREFIX"]

KEYRING_USER_PREFIX = "archive:"


@dataclass(frozen=True)
class ArchiveConfig:
    """One archive as the station (or the office) uses it."""

    location: str
    """A folder path, or a ``postgresql://user@host[:port]/db[?options]`` URL without a password."""
    documents: bool = False
    """Also send the stamped files themselves (``archive_documents: true``), not only their records."""
    segment_entries: int = 5000
    """At most this many journal entries in one segment."""

    @classmethod
    def from_dict(cls, data: dict, source) -> "ArchiveConfig":
        """The ``"archive"`` object of ``station.json`` (``source``, named in errors)."""
        check_known_keys(data, (f.name for f in fields(cls)), source, section="archive")
        if not isinstance(data.get("location"), str) or not data["location"]:
            raise ConfigError(f"{source}: archive.location must be a folder or a postgresql:// address.")
        if not isinstance(data.get("documents", False), bool):
            raise ConfigError(f"{source}: archive.documents must be true or false.")
        entries = data.get("segment_entries", 5000)
        if not isinstance(entries, int) or isinstance(entries, bool) or entries < 1:
            raise ConfigError(f"{source}: archive.segment_entries must be a whole number above 0.")
        return cls(data["location"], data.get("documents", False), entries)

    def to_dict(self) -> dict:
        return {"location": self.location, "documents": self.documents, "segment_entries": self.segment_entries}

    @property
    def is_postgres(self) -> bool:
        return self.location.startswith(("postgresql://", "postgres://"))


def archive_config(config, override: str | None = None) -> ArchiveConfig | None:
    """The station's archive (``override``: a location given with ``--archive``); None when it has none."""
    settings = config.archive if config is not None else None
    location = override or (settings.location if settings else None)
    if not location:
        return None
    location = str(location)
    if location.startswith(("postgresql://", "postgres://")):
        if urlsplit(location).password:
            raise ArchiveError("The archive location carries a password; passwords are kept in the OS keyring only.",
                               hint=f"Remove it from the location and store it under '{KEYRING_USER_PREFIX}<location>' "
                               "in the keyring (service SealStation).")
    else:
        location = str(Path(location).expanduser())
    if settings is None:
        return ArchiveConfig(location)
    return ArchiveConfig(location, settings.documents, settings.segment_entries)


def archive_password(location: str) -> str | None:
    """The password for a PostgreSQL archive from the OS keyring (None: connect without one, e.g. peer auth)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password("SealStation", KEYRING_USER_PREFIX + location)
    except KeyringError as exc:
        raise ArchiveError(f"The OS keyring refused the archive password: {exc}.") from exc
