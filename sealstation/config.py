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
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from .errors import ConfigError
from .fsutil import atomic_write_bytes

__all__ = ["StationConfig", "StationHome", "resolve_home", "HOME_ENV"]

HOME_ENV = "SEALSTATION_HOME"
CONFIG_NAME = "station.json"


@dataclass(frozen=True)
class StationConfig:
    """Settings of one station, stored in ``station.json`` in the station home."""

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

    extra: dict = field(default_factory=dict)
    """Settings of later features, kept as they are when the file is rewritten."""

    @classmethod
    def from_dict(cls, data: dict) -> "StationConfig":
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known and k != "extra"}
        extra = dict(data.get("extra", {}))
        extra.update({k: v for k, v in data.items() if k not in known})
        return cls(**kwargs, extra=extra)

    def to_dict(self) -> dict:
        return asdict(self)

    def with_changes(self, **changes) -> "StationConfig":
        return replace(self, **changes)


def resolve_home(explicit: str | os.PathLike | None = None) -> Path:
    """The station home: ``explicit``, else ``$SEALSTATION_HOME``, else the user data dir."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("SealStation", "SealStation"))


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
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"Cannot read the station configuration {self.config_path}: {exc}"
            ) from exc
        return StationConfig.from_dict(data)

    def save_config(self, config: StationConfig) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        text = json.dumps(config.to_dict(), ensure_ascii=False, indent=2)
        atomic_write_bytes(self.config_path, text.encode("utf-8"))
