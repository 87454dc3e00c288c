"""The station's seal register: which seals exist, their images, and their token keys.

Each :class:`SealRecord` binds a seal (印章) to its image (印模, by SHA-256) and to
the key and certificate on a token (by label and certificate fingerprint).
The register is kept in ``seals.json`` in the station home and rewritten
atomically on each change.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ..errors import ConfigError, SealImageError, SealNotFoundError
from ..fsutil import atomic_write_bytes

__all__ = ["SealRecord", "SealRegister"]


@dataclass(frozen=True)
class SealRecord:
    """One registered seal."""

    seal_id: str
    """Short identifier (e.g. ``contract``); also the key/certificate label on the token."""
    kind: str
    """A :class:`sealstation.model.SealKind` value."""
    name: str
    """Full seal name as engraved, e.g. 示例科技有限公司合同专用章."""
    organisation: str
    """Organisation the seal belongs to."""
    image_file: str
    """Seal image file name, relative to the register's image folder."""
    image_sha256: str
    """SHA-256 of the seal image; a different image is refused."""
    width_mm: float
    """True width of the seal in mm."""
    height_mm: float
    """True height of the seal in mm."""
    token_label: str
    """Label of the token holding the key."""
    cert_sha256: str
    """SHA-256 fingerprint of the seal certificate (DER) on the token."""
    code: str = ""
    """Seal code from the filing record (opaque)."""

    @property
    def size_mm(self) -> tuple[float, float]:
        return (self.width_mm, self.height_mm)

    @property
    def key_label(self) -> str:
        return self.seal_id


@dataclass(frozen=True)
class SealRegister:
    """Read and write the seal register of one station home."""

    path: Path
    """The ``seals.json`` file."""
    images_dir: Path
    """Folder with the seal images."""

    def all(self) -> list[SealRecord]:
        if not self.path.is_file():
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [SealRecord(**item) for item in data["seals"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"The seal register {self.path} cannot be read: {exc}.") from exc

    def get(self, seal_id: str) -> SealRecord:
        for record in self.all():
            if record.seal_id == seal_id:
                return record
        known = ", ".join(r.seal_id for r in self.all()) or "none"
        raise SealNotFoundError(
            f"No seal '{seal_id}' in this station's register (registered: {known}).",
            hint="Check the seal id with 'sealstation seal list'.",
        )

    def put(self, record: SealRecord) -> None:
        records = [r for r in self.all() if r.seal_id != record.seal_id] + [record]
        text = json.dumps({"seals": [asdict(r) for r in records]}, ensure_ascii=False, indent=2)
        atomic_write_bytes(self.path, text.encode("utf-8"))

    def save_image(self, seal_id: str, png: bytes) -> tuple[str, str]:
        """Store a seal image; return (file name, SHA-256)."""
        digest = hashlib.sha256(png).hexdigest()
        name = f"{seal_id}-{digest[:12]}.png"
        atomic_write_bytes(self.images_dir / name, png)
        return name, digest

    def load_image(self, record: SealRecord) -> bytes:
        """The seal's image bytes, refused if they are not the registered image."""
        path = self.images_dir / record.image_file
        try:
            png = path.read_bytes()
        except OSError as exc:
            raise SealImageError(
                f"The image of seal '{record.seal_id}' ({path}) cannot be read: {exc.strerror or exc}.",
                hint="The office must restore the seal image.",
            ) from exc
        if hashlib.sha256(png).hexdigest() != record.image_sha256:
            raise SealImageError(
                f"The image of seal '{record.seal_id}' ({path}) is not the registered image.",
                hint="The seal image was changed; the office must check and restore it.",
            )
        return png

    def with_record(self, record: SealRecord, **changes) -> SealRecord:
        updated = replace(record, **changes)
        self.put(updated)
        return updated
