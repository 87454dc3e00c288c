"""Where a station's archive is, and the credentials to reach it.

The settings live in ``station.json`` under ``"archive"`` (read through
:func:`archive_config` only, so that moving them to a typed field later is one
edit)::

    "archive": {"location": "/mnt/office-archive", "documents": false}
    "archive": {"location": "postgresql://station_a@archive.office.lan/sealarchive"}

A PostgreSQL location never carries a password: the password is taken from the
OS keyring (service ``SealStation``, user ``archive:<location>``), so it is
neither in a file nor on a command line. TLS is used whenever the server
offers it (``sslmode=prefer`` unless the location says otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ArchiveError

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

    @property
    def is_postgres(self) -> bool:
        return self.location.startswith(("postgresql://", "postgres://"))


def archive_config(config, override: str | None = None) -> ArchiveConfig | None:
    """The station's archive (``override``: a location given with ``--archive``); None when it has none."""
    settings = dict((config.extra or {}).get("archive") or {}) if config is not None else {}
    location = override or settings.get("location")
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
    return ArchiveConfig(location, bool(settings.get("documents", False)),
                         int(settings.get("segment_entries", 5000)))


def archive_password(location: str) -> str | None:
    """The password for a PostgreSQL archive from the OS keyring (None: connect without one, e.g. peer auth)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password("SealStation", KEYRING_USER_PREFIX + location)
    except KeyringError as exc:
        raise ArchiveError(f"The OS keyring refused the archive password: {exc}.") from exc
