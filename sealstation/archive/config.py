"""Where a station's archive is, and the credentials to reach it.

The settings live in ``station.json`` under ``"archive"`` (read into
:class:`ArchiveConfig`, the typed ``StationConfig.archive`` field)::

    "archive": {"location": "/mnt/office-archive", "documents": false}
    "archive": {"location": "postgresql://station_a@archive.office.lan/sealarchive"}

A PostgreSQL location never carries a password: the password is taken from the
OS keyring (service ``SealStation``, user ``archive:<location>``), so it is
neither in a file nor on a command line. TLS is used whenever the server
offers it (``sslmode=prefer`` unless the location says otherwise).

Which archive counts is the office's choice, not the custodian's: when the
signed policy names one (``archive_location``), :func:`require_office_archive`
refuses any other location, whatever ``station.json`` or ``--archive`` say,
so that copies reserved and segments sent elsewhere (a folder of the
custodian's own, emptied between rollbacks) never count. Locations are compared
normalised (:func:`normalised_location`): a folder by its resolved absolute
path, PostgreSQL by scheme, host, port and database (the station's role and
options may differ from the office's). A folder archive also has to be
mounted where the station's account cannot make a folder of its own in its
place (:func:`check_folder_mount`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ArchiveError, ArchiveLocationError, ConfigError
from ..settings import check_known_keys

__all__ = ["ArchiveConfig", "archive_config", "archive_password", "store_archive_password", "KEYRING_USER_PREFIX", "normalised_location",
           "same_archive", "check_policy_location", "require_office_archive", "check_folder_mount"]

POLICY_HINT = "The office names it in the signed policy (archive_location): sealstation policy sign --by ADMIN."

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


def store_archive_password(location: str, password: str) -> None:
    """Keep the PostgreSQL archive's password in the OS keyring, where :func:`archive_password` finds it."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password("SealStation", KEYRING_USER_PREFIX + location, password)
    except KeyringError as exc:
        raise ArchiveError(f"The OS keyring refused to keep the archive password: {exc}.") from exc


def _is_postgres(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


def normalised_location(location: str) -> str:
    """What identifies an archive: ``folder:<resolved absolute path>``, or ``postgresql://host:port/dbname`` (the
    role, password and options left out: each station connects with its own role)."""
    if not _is_postgres(location):
        return "folder:" + os.path.realpath(os.path.expanduser(location))
    from psycopg.conninfo import conninfo_to_dict  # the parser the connection itself uses (host may be in the query)

    try:
        info = conninfo_to_dict(location)
    except Exception as exc:  # psycopg.ProgrammingError and kin: a location it cannot read names no archive
        raise ArchiveLocationError(f"The archive location {location} cannot be read: {str(exc).strip()}.",
                                   hint="Give postgresql://ROLE@HOST[:PORT]/DATABASE.") from exc
    host = str(info.get("host") or "localhost").lower()
    port = str(info.get("port") or "5432")
    dbname = str(info.get("dbname") or info.get("user") or "")
    return f"postgresql://{host}:{port}/{dbname}"


def same_archive(a: str, b: str) -> bool:
    """Whether two locations name the same archive (:func:`normalised_location`)."""
    return normalised_location(a) == normalised_location(b)


def check_policy_location(location: str) -> None:
    """Refuse (ValueError) a policy's ``archive_location`` that cannot name one archive for every station."""
    if _is_postgres(location):
        if urlsplit(location).password:
            raise ValueError("archive_location must not carry a password (stations keep theirs in the OS keyring)")
        try:
            normalised_location(location)
        except ArchiveLocationError as exc:
            raise ValueError(f"archive_location cannot be read as a PostgreSQL location ({exc.message})") from exc
    elif not os.path.isabs(location):
        raise ValueError("archive_location must be an absolute folder path or a postgresql:// location")


def require_office_archive(cfg: ArchiveConfig | None, office: str, *, given: str) -> ArchiveConfig | None:
    """The archive to use when the office's policy names ``office`` (empty: ``cfg`` as it is).

    ``cfg`` is what the station was given (``given`` says where: station.json, --archive); None: the office's.
    A PostgreSQL location keeps the station's own role and options; anything naming another archive is refused.
    """
    if not office:
        return cfg
    if cfg is None:
        return ArchiveConfig(office)
    if not same_archive(cfg.location, office):
        raise ArchiveLocationError(
            f"The archive {cfg.location} ({given}) is not the office archive {office} that the office's signed "
            "policy names for this station: nothing is sent there, no copy is reserved there, and nothing it "
            "acknowledges counts.", hint=f"Use the office archive: set station.json's archive.location to {office} "
            "(or leave --archive out). If the office moved its archive, it signs a policy naming the new one "
            "(archive_location): sealstation policy sign --by ADMIN.")
    return cfg


def check_folder_mount(cfg: ArchiveConfig) -> None:
    """Refuse a folder archive whose parent folder the running account can write (skipped for root).

    With the share away, an account that may write the mount point's parent could put a folder of its own (with a
    marker) where the share should be, and everything sent there would look received. The share must be mounted by
    root at a path whose parent the station's account cannot write (README, installation).
    """
    if cfg.is_postgres or os.geteuid() == 0:
        return
    root = Path(os.path.realpath(os.path.expanduser(cfg.location)))
    parent = root.parent
    if os.access(parent, os.W_OK):
        raise ArchiveLocationError(
            f"The office archive folder {root} sits in {parent}, which this station's account can write: a folder "
            "of its own could stand in for the archive whenever the share is away, so nothing is sent or reserved "
            "there.", hint=f"Root mounts the office's share at a path whose parent folder the station's account "
            f"cannot write (for instance /mnt/sealstation-archive, with /mnt owned by root), and the office names "
            f"that path in the policy. {POLICY_HINT}")
