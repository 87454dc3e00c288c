"""The station home and its configuration.

The station home is one folder holding everything a station keeps: its
configuration (``station.json``), the seal register, seal images, the office's
seal authority certificate and, for a demo station, the SoftHSM2 token store.
It is chosen by ``--home DIR``, else ``SEALSTATION_HOME``, else the platform's
user data folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .archive.config import ArchiveConfig
from .backup.config import BackupConfig
from .errors import ConfigError
from .fsutil import atomic_write_bytes
from .policy import AUTHORITY_KEYS
from .printing.marks import MarksConfig
from .settings import unknown_setting
from .startup import HOME_ENV, resolve_home  # light: the window reads them before the core loads

__all__ = ["StationConfig", "StationHome", "resolve_home", "HOME_ENV", "JOURNAL_KEY_SOURCES", "LEGACY_POLICY_KEYS"]

CONFIG_NAME = "station.json"

JOURNAL_KEY_SOURCES = ("keyring", "passphrase")

LEGACY_POLICY_KEYS = AUTHORITY_KEYS
"""Settings a station kept in ``station.json`` before office-signed policies.

Read only so that ``station upgrade`` can sign them into the policy (and remove them);
a station whose policy is signed refuses to start while any is still here."""


@dataclass(frozen=True)
class StationConfig:
    """Settings of one station, stored in ``station.json`` in the station home.

    Every key of the file is one of these fields: an unknown or misspelt key is
    a :class:`~sealstation.errors.ConfigError` naming it and the file.
    """

    station_id: str = "station-1"
    """Identifier of this dedicated stamping computer (专用签章计算机)."""

    location: str = ""
    """Where signatures are made; goes into each signature's /Location."""

    pkcs11_module: str | None = None
    """Path of the PKCS#11 module; ``None`` finds SoftHSM2 or OpenSC."""

    softhsm2_conf: str | None = None
    """SoftHSM2 configuration file (demo stations keep their token store in the home)."""

    token_idle_timeout_s: float = 300.0
    """Log out of the token and close the session after this long unused."""

    token_label: str | None = None
    """Label of the token (USB key) holding the seal keys; ``None``: the one token present."""

    journal_key_source: str = "keyring"
    """Where the database key comes from: ``keyring`` (the OS keyring) or ``passphrase`` (typed at each start)."""

    archive: ArchiveConfig | None = None
    """The office archive this station reports to (a folder or PostgreSQL); ``None``: none yet."""

    print_marks: MarksConfig = MarksConfig()
    """Where each printed copy's marks (QR code, copy number, serial) go and the resolution pages print at."""

    backup: BackupConfig | None = None
    """The office's backup schedule (folder, every N days); ``None``: backups are made by hand only."""

    legacy_policy: dict = field(default_factory=dict)
    """Authority settings (:data:`LEGACY_POLICY_KEYS`) of a station from before signed policies, as found at the
    top of the file; written back there unchanged. Empty on every station made or upgraded since."""

    @classmethod
    def from_dict(cls, data: dict, *, source: str | os.PathLike = CONFIG_NAME) -> "StationConfig":
        """The configuration in ``data`` (read from ``source``, named in errors)."""
        if not isinstance(data, dict):
            raise ConfigError(f"{source} must hold a JSON object of settings.")
        data = dict(data)
        # Files written before typed settings kept later settings under "extra": read them as top-level keys.
        old_extra = data.pop("extra", None) or {}
        if not isinstance(old_extra, dict):
            raise ConfigError(f"{source}: 'extra' must be an object of settings.")
        data = {**old_extra, **data}
        known = {f.name for f in fields(cls)} - {"legacy_policy"}
        for key in data:
            if key not in known and key not in LEGACY_POLICY_KEYS:
                raise unknown_setting(key, known, source, suggest_from=LEGACY_POLICY_KEYS)
        kwargs = {k: v for k, v in data.items() if k in known}
        for key, value in kwargs.items():
            _check_type(key, value, source)
        if kwargs.get("archive") is not None:
            kwargs["archive"] = ArchiveConfig.from_dict(kwargs["archive"], source)
        if "print_marks" in kwargs:
            kwargs["print_marks"] = MarksConfig.from_dict(kwargs["print_marks"] or {}, source)
        if kwargs.get("backup") is not None:
            kwargs["backup"] = BackupConfig.from_dict(kwargs["backup"], source)
        if kwargs.get("journal_key_source", "keyring") not in JOURNAL_KEY_SOURCES:
            raise ConfigError(f"{source}: journal_key_source is {kwargs['journal_key_source']!r}; "
                              f"it must be one of {', '.join(JOURNAL_KEY_SOURCES)}.")
        legacy = {k: v for k, v in data.items() if k in LEGACY_POLICY_KEYS}
        return cls(**kwargs, legacy_policy=legacy)

    def to_dict(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "legacy_policy"}
        data["archive"] = self.archive.to_dict() if self.archive else None
        data["print_marks"] = self.print_marks.to_dict()
        data["backup"] = self.backup.to_dict() if self.backup else None
        return data | self.legacy_policy

    def with_changes(self, **changes) -> "StationConfig":
        return replace(self, **changes)


_TYPES = {"station_id": (str,), "location": (str,), "pkcs11_module": (str, type(None)),
          "softhsm2_conf": (str, type(None)), "token_idle_timeout_s": (int, float),
          "token_label": (str, type(None)), "journal_key_source": (str,), "archive": (dict, type(None)),
          "print_marks": (dict, type(None)), "backup": (dict, type(None))}


def _check_type(key: str, value, source) -> None:
    expected = _TYPES[key]
    if not isinstance(value, expected) or isinstance(value, bool):
        words = ["null" if t is type(None) else {"str": "text", "int": "a number", "float": "a number",
                                                 "dict": "an object"}[t.__name__] for t in expected]
        names = " or ".join(dict.fromkeys(words))  # int and float are both "a number": say it once
        raise ConfigError(f"{source}: {key} is {json.dumps(value, ensure_ascii=False)}; it must be {names}.")


@dataclass(frozen=True)
class StationHome:
    """Paths inside one station home."""

    root: Path

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def db_path(self) -> Path:
        return self.root / "station.db"

    @property
    def journal_salt_path(self) -> Path:
        return self.root / "journal.salt"

    @property
    def seal_images_dir(self) -> Path:
        return self.root / "seal-images"

    @property
    def seal_image_cache_dir(self) -> Path:
        """The seal images encoded for PDF (:mod:`sealstation.seals.image_cache`): rebuilt when missing, not backed up."""
        return self.root / "cache" / "seal-images"

    @property
    def office_dir(self) -> Path:
        return self.root / "office"

    @property
    def ca_cert_path(self) -> Path:
        return self.office_dir / "seal-authority.pem"

    @property
    def ca_key_path(self) -> Path:
        return self.office_dir / "seal-authority-key.pem"

    @property
    def station_cert_path(self) -> Path:
        """The station's own certificate, for the office to take to the archive."""
        return self.office_dir / "station-cert.pem"

    @property
    def documents_dir(self) -> Path:
        return self.root / "documents"

    @property
    def credentials_path(self) -> Path:
        return self.root / "demo-credentials.json"

    def exists(self) -> bool:
        return self.config_path.is_file()

    def load_config(self) -> StationConfig:
        if not self.config_path.is_file():
            raise ConfigError(
                f"No station at {self.root} (no {CONFIG_NAME}).",
                hint="Run 'sealstation demo --no-gui' to make a demo station, "
                "or pass --home with the station's folder.",
            )
        try:
            data = json.loads(self.config_path.read_text(encoding="utf-8"))
        except RecursionError as exc:  # json's decoder recurses once per nested [ or {
            raise ConfigError(f"Cannot read the station configuration {self.config_path}: its JSON is nested "
                              "too deeply.", hint="Restore station.json from a backup.") from exc
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"Cannot read the station configuration {self.config_path}: {exc}"
            ) from exc
        return StationConfig.from_dict(data, source=self.config_path)

    def save_config(self, config: StationConfig) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        text = json.dumps(config.to_dict(), ensure_ascii=False, indent=2)
        atomic_write_bytes(self.config_path, text.encode("utf-8"))
